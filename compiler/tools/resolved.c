/* resolved.c - the resolved view of a job; see resolved.h. */
#include "resolved.h"

#include <stdio.h>

#include "fields.h"
#include "jsonw.h"
#include "lower.h"

static void add_place(struct session *S, cJSON *o, const char *key, struct span sp)
{
	struct source *src = span_valid(sp) ? srcmgr_get(&S->sm, sp.file) : NULL;
	if (!src) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	uint32_t line, col;
	source_linecol(src, sp.start, &line, &col);
	char buf[1024];
	snprintf(buf, sizeof buf, "%s:%u:%u", src->path, line, col);
	cJSON_AddStringToObject(o, key, buf);
}

static void add_via(struct session *S, cJSON *o, const struct value *v)
{
	cJSON *via = cJSON_AddArrayToObject(o, "via");
	for (const struct origin *g = v->origin; g; g = g->outer) {
		cJSON *step = cJSON_CreateObject();
		cJSON_AddStringToObject(step, "template", g->template_name);
		add_place(S, step, "applied_at", g->site);
		cJSON_AddItemToArray(via, step);
	}
}

cJSON *resolved_job(struct session *S, struct arena *a, struct diagnostics *d,
                    const struct job_record *job)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "job", job->name);
	add_place(S, o, "at", job->name_span);
	cJSON *fields = cJSON_AddArrayToObject(o, "fields");
	for (uint32_t i = 0; i < job->fields->n; i++) {
		const struct vmap_entry *e = &job->fields->e[i];
		const struct field *f = field_find(&schema_job, e->key);
		if (!f)
			continue;
		struct compile_opts co = {S->opt->kube_version, false, &S->opt->rules, S->opt->backend,
		                          S->opt->namespace_default};
		struct tree *t = lower_field(a, d, job, f, e->value, &co);
		if (!t)
			continue;
		cJSON *fo = cJSON_CreateObject();
		cJSON_AddStringToObject(fo, "field", f->name);
		cJSON_AddStringToObject(fo, "kubernetes", field_k8s_path(f));
		cJSON_AddItemToObject(fo, "value", tree_to_cjson(t));
		add_place(S, fo, "set_at", e->value->span);
		add_via(S, fo, e->value);
		if (e->value->kind == V_MAP) {
			cJSON *entries = cJSON_AddArrayToObject(fo, "entries");
			for (uint32_t k = 0; k < e->value->map->n; k++) {
				const struct vmap_entry *me = &e->value->map->e[k];
				cJSON *eo = cJSON_CreateObject();
				cJSON_AddStringToObject(eo, "key", me->key);
				add_place(S, eo, "set_at", me->value->span);
				add_via(S, eo, me->value);
				cJSON_AddItemToArray(entries, eo);
			}
		}
		cJSON_AddItemToArray(fields, fo);
	}
	return o;
}
