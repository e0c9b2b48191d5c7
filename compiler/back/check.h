/* check.h - the rules of rules.def over the built Job.
 *
 * The checks read the Kubernetes object the way the API server does (paths
 * like spec.template.spec.containers[1].ports), but report at the jobc
 * value that produced each node, with the Kubernetes path and message in a
 * note.  They report and never change the tree they check.
 */
#ifndef JOBC_CHECK_H
#define JOBC_CHECK_H

#include "report.h"

/* Every rule over cx->obj, in rules.def order; the lints only when
 * nothing else is wrong. */
void check_job(struct job_ctx *cx);

#endif
