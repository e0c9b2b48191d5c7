/* report.c - the back end's reporter; see report.h. */
#include "report.h"

#include <string.h>

#include "fields.h"
#include "value.h"

const char *kpath(struct job_ctx *cx, const char *path)
{
	if (cx->cron && strncmp(path, "spec.", 5) == 0 && !field_cron_own(path) &&
	    strncmp(path, "spec.jobTemplate.", 17) != 0) /* a template's path already */
		return arena_printf(cx->a, "spec.jobTemplate.%s", path);
	if (cx->cron && strcmp(path, "spec") == 0)
		return "spec.jobTemplate.spec";
	return path;
}

void note_provenance(struct job_ctx *cx, const struct value *v)
{
	for (const struct origin *o = v ? v->origin : NULL; o; o = o->outer) {
		if (o->outer)
			diag_context_note(cx->d, o->site, "from template '%s', applied by template '%s' here",
			          o->template_name, o->outer->template_name);
		else
			diag_context_note(cx->d, o->site, "in job '%s', from template '%s' applied here",
			          cx->job->name, o->template_name);
	}
}

/* A node jobc made up on the way (spec.successPolicy) has no place of its
 * own: use its first child's. */
static const struct tree *placed(const struct tree *t)
{
	for (int depth = 0; t && !span_valid(t->span) && depth < 8; depth++) {
		if (t->kind == TREE_MAP && t->map.n)
			t = t->map.v[0].value;
		else if (t->kind == TREE_LIST && t->list.n)
			t = t->list.v[0];
		else
			return NULL;
	}
	return t && span_valid(t->span) ? t : NULL;
}

struct span node_span(struct job_ctx *cx, const struct tree *t)
{
	const struct tree *p = placed(t);
	return p ? p->span : cx->job->name_span;
}

const struct value *node_value(const struct tree *t)
{
	const struct tree *p = placed(t);
	return p ? (const struct value *)p->src : NULL;
}

/* The rules a template alone can break: each is about one value as written
 * (a label, a quantity, a schedule, a name), which no job applying the
 * template can make right but by replacing it.  A rule between fields (an
 * Indexed job's completions, a probe's handler, a volume's source) waits
 * for the job: the job may bring what the template leaves out, and maps
 * and blocks merge key by key. */
static bool about_one_value(enum rule_id id)
{
	static const enum rule_id one[] = {
		R_JOB003, R_JOB004, R_JOB005, R_JOB006, R_JOB101, R_JOB102, R_JOB122, R_JOB203,
		R_JOB205, R_JOB207, R_JOB208, R_JOB210, R_JOB211, R_JOB212, R_JOB213, R_JOB219,
		R_JOB220, R_JOB250, R_JOB251, R_JOB252, R_JOB253, R_JOB302, R_JOB303, R_JOB306,
		R_JOB308, R_JOB311, R_JOB312, R_JOB401, R_JOB402, R_JOB403, R_JOB404, R_JOB501,
		R_JOB502, R_JOB503, R_JOB504, R_JOB506, R_JOB507, R_JOB508, R_JOB701, R_JOB706,
		R_JOB707, R_JOB801, R_JOB802, R_JOB803, R_JOB804,
	};
	for (size_t i = 0; i < sizeof one / sizeof *one; i++)
		if (one[i] == id)
			return true;
	return false;
}

bool report(struct job_ctx *cx, enum rule_id id, struct span sp, const struct value *v,
            const char *k8s_path, const char *k8s_msg, const char *fmt, ...)
{
	if (cx->alone && !about_one_value(id)) {
		diag_flush(cx->d); /* a note the caller adds has nothing to attach to */
		return false;
	}
	const struct rule *r = &rules[id];
	enum diag_level level = DIAG_ERROR;
	const char *code = r->id;
	if (r->level != RULE_ERROR) {
		const struct rule_config *c = cx->opt->rules;
		if (c && (c->none || c->off[id])) {
			diag_flush(cx->d); /* a note the caller adds has nothing to attach to */
			return false;
		}
		bool as_error = c && (c->error[id] || c->all_errors);
		level = as_error ? DIAG_ERROR : DIAG_WARNING;
		code = arena_printf(cx->a, "%s, -W%s%s", r->id, as_error ? "error=" : "", r->slug);
	}
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(cx->d, level, sp, code, fmt, ap);
	va_end(ap);
	note_provenance(cx, v);
	if (k8s_path && k8s_msg)
		diag_note(cx->d, span_none(), "in Kubernetes terms: %s: %s", kpath(cx, k8s_path),
		          k8s_msg);
	else if (k8s_path && *k8s_path)
		diag_note(cx->d, span_none(), "in Kubernetes terms: %s", kpath(cx, k8s_path));
	return true;
}

