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

bool report(struct job_ctx *cx, enum rule_id id, struct span sp, const struct value *v,
            const char *k8s_path, const char *k8s_msg, const char *fmt, ...)
{
	const struct rule *r = &rules[id];
	enum diag_level level = DIAG_ERROR;
	const char *code = r->id;
	if (r->level != RULE_ERROR) {
		const struct rule_config *c = cx->opt->rules;
		if (c && (c->none || c->off[id]))
			return false;
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

