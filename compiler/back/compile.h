/* compile.h - one job, from its evaluated record to the document its
 * backend writes.
 *
 * compile_job is the one place that knows the order of the back end's
 * passes:
 *
 *   lower (lower.c)          the record's values -> the batch/v1 Job
 *   name (reapply.c)         name-suffix = hash
 *   check (check.c)          the rules of rules.def over it
 *   backend lowering         the backend's own form (emit_planton.c), with
 *                            its own rules; none for yaml and json
 *   defaults (defaults.c)    with --defaults explicit
 *   CronJob wrap (lower.c)   a scheduled job's Job becomes a CronJob's
 *                            template
 *
 * No pass calls a later one; each reports through report.h.
 */
#ifndef JOBC_COMPILE_H
#define JOBC_COMPILE_H

#include <stdbool.h>

#include "report.h"

/* A compiled job, as the backends render it.  Everything lives in the
 * arena given to compile_job. */
struct job_model {
	const char *name;      /* metadata.name */
	const char *ns;        /* metadata.namespace, or NULL */
	bool cron;             /* a CronJob (the job has a schedule) */
	struct tree *obj;      /* the batch/v1 Job or CronJob, keys sorted */
	struct tree *doc;      /* what the backend writes: its own lowering of obj,
	                        * or obj itself */
	struct job_ctx *cx;    /* the checked job, for compile_compare */
};

/* Compiles one job into *out.  Returns false when the job has errors (all
 * reported); *out is then unusable. */
bool compile_job(struct arena *a, struct diagnostics *d, const struct job_record *job,
                 const struct compile_opts *opt, struct job_model *out);

/* JOB124 (reapply.c): the changes from prev, the Job m's output replaces,
 * that Kubernetes refuses on update, reported as the checks report. */
struct previous;
void compile_compare(const struct job_model *m, const struct previous *prev);

/* A template checked on its own (eval_template_alone's record): lowered
 * and checked as a job, reporting only what is wrong whatever the job
 * that applies it brings: a value of the wrong type, a bad unit, an enum
 * word outside its set, a value out of its range, and the rules about one
 * value (a label, a quantity, a request above its limit, a schedule; the
 * list is in report.c).  The caller keeps what is reported inside the
 * template's body. */
void compile_template(struct arena *a, struct diagnostics *d, const struct job_record *tmpl,
                      const struct compile_opts *opt);

#endif
