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
	const char *value;     /* a string, or a bool or integer spelled out */
	bool pod_only;         /* the pods get it, not the Job's template: not written */
};
extern const struct unnamed_default unnamed_defaults[];

/* jobc import: takes out of a manifest the values Kubernetes would give it
 * anyway, so that the .job source says only what was chosen.  scope says
 * which object obj is. */
enum strip_scope {
	STRIP_JOB,      /* a Job */
	STRIP_TEMPLATE, /* a CronJob's job template ({spec: ...}) */
	STRIP_CRONJOB,  /* a CronJob: its own fields only */
};
void defaults_strip(struct arena *a, struct tree *obj, enum strip_scope scope);

#endif
