/* compile.c - the order of the back end's passes; see compile.h. */
#include "compile.h"

#include "check.h"
#include "defaults.h"
#include "emit.h"
#include "fields.h"
#include "k8s_check.h"
#include "lower.h"
#include "reapply.h"

bool compile_job(struct arena *a, struct diagnostics *d, const struct job_record *job,
                 const struct compile_opts *opt, struct job_model *out)
{
	/* in the arena: compile_compare reads it once the job is rendered */
	struct job_ctx *cx = ARENA_NEW(a, struct job_ctx);
	*cx = (struct job_ctx){
		.a = a, .d = d, .job = job, .opt = opt,
		.failed = job->incomplete, /* its evaluation failed: skip dependent checks */
		.errors_before = d->errors,
	};
	lower_job(cx);
	if (!cx->failed)
		reapply_name(cx);
	check_job(cx);
	if (d->errors != cx->errors_before || cx->failed)
		return false;
	out->name = job->name;
	out->cx = cx;
	struct tree *ns = tree_path(cx->obj, "metadata.namespace");
	out->ns = ns ? arena_strndup(a, ns->str.s, ns->str.len) : NULL;
	out->cron = cx->cron;
	out->doc = NULL;
	const struct backend *b = opt->backend;
	if (b->lower) {
		/* from the minimal, checked Job: a backend has defaults of its own */
		out->doc = b->lower(cx);
		if (!out->doc || d->errors != cx->errors_before)
			return false;
	}
	if (opt->explicit_defaults)
		defaults_apply(cx);
	struct tree *res = cx->obj;
	if (cx->cron)
		res = lower_cron_wrap(cx);
	tree_sort(res);
#ifdef JOBC_GUARD /* debug and test builds: the whole object against the OpenAPI document */
	k8s_guard(res, cx->cron, job->name);
#endif
	out->obj = res;
	if (!out->doc)
		out->doc = res;
	return true;
}

void compile_compare(const struct job_model *m, const struct previous *prev)
{
	/* a Job's object is cx's (--defaults explicit changes nothing of its
	 * canonical form); a CronJob's spec can be updated */
	if (!m->cron)
		reapply_compare(m->cx, prev);
}

void compile_template(struct arena *a, struct diagnostics *d, const struct job_record *tmpl,
                      const struct compile_opts *opt)
{
	struct job_ctx cx = {
		.a = a, .d = d, .job = tmpl, .opt = opt, .alone = true,
		.failed = tmpl->incomplete, .errors_before = d->errors,
	};
	lower_job(&cx);
	check_job(&cx);
}
