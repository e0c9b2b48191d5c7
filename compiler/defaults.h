/* defaults.h - --defaults explicit: the defaults the API server applies,
 * written into the checked Job.
 *
 * A Job gets SetDefaults_Job and the pod defaults; a CronJob's job
 * template gets only the pod defaults (the Job defaults come when the
 * CronJob creates each Job), and the CronJob its own.
 */
#ifndef JOBC_DEFAULTS_H
#define JOBC_DEFAULTS_H

#include "fields.h"
#include "report.h"

/* The defaults of cx->obj, the Job, before the CronJob wrap (which takes
 * the CronJob's own defaults with its own fields). */
void defaults_apply(struct job_ctx *cx);

/* A default of a Kubernetes field no jobc field sets (yet): in the object
 * of schema in, at path ("[*]": each item of a list), written where the
 * map that holds it is there.  Ends with {NULL}.  Import leaves these out
 * too. */
struct unnamed_default {
	const struct schema *in;
	const char *path;
	const char *value;
};
extern const struct unnamed_default unnamed_defaults[];

#endif
