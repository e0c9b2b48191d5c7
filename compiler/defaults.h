/* defaults.h - --defaults explicit: the defaults the API server applies,
 * written into the checked Job.
 *
 * A Job gets SetDefaults_Job and the pod defaults; a CronJob's job
 * template gets only the pod defaults (the Job defaults come when the
 * CronJob creates each Job), and the CronJob its own.
 */
#ifndef JOBC_DEFAULTS_H
#define JOBC_DEFAULTS_H

#include "report.h"

/* The defaults of cx->obj, the Job (before the CronJob wrap). */
void defaults_apply(struct job_ctx *cx);
/* The defaults of the CronJob cron, made by lower_cron_wrap. */
void defaults_apply_cron(struct job_ctx *cx, struct tree *cron);

#endif
