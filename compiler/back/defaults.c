/* defaults.c - --defaults explicit: every default the API server would
 * apply, written out; see defaults.h.
 *
 * The defaults are the field table's (each field's api column), applied
 * object by object as the API server's SetDefaults_* functions do: the Job
 * and its pod, each container, probe, port and volume.  What the server
 * fills in that no jobc field sets yet is in unnamed_defaults.
 */
#include "defaults.h"

#include <stdio.h>
#include <string.h>

#include "fields.h"

const struct unnamed_default unnamed_defaults[] = {
	/* SetDefaults_ObjectFieldSelector: a field() value's apiVersion, in env
	 * and in downward-api files */
	{&schema_container, "env[*].valueFrom.fieldRef.apiVersion", "v1", false},
	{&schema_init, "env[*].valueFrom.fieldRef.apiVersion", "v1", false},
	{&schema_volume, "downwardAPI.items[*].fieldRef.apiVersion", "v1", false},
	{&schema_projection, "downwardAPI.items[*].fieldRef.apiVersion", "v1", false},
	{NULL, NULL, NULL, false},
};

/* Sets path (its last key value) in t where every map before the last key
 * is there; "[*]" walks every item of a list. */
static void set_unnamed(struct arena *a, struct tree *t, const char *path, const char *value)
{
	const char *dot = strchr(path, '.');
	if (!t || t->kind != TREE_MAP)
		return;
	if (!dot) {
		if (!tree_get(t, path))
			tree_set(a, t, path, tree_cstr(a, value));
		return;
	}
	size_t n = (size_t)(dot - path);
	bool each = n > 3 && !memcmp(path + n - 3, "[*]", 3);
	struct tree *c = tree_getn(t, path, each ? n - 3 : n);
	if (!each) {
		set_unnamed(a, c, dot + 1, value);
		return;
	}
	for (uint32_t i = 0; c && c->kind == TREE_LIST && i < c->list.n; i++)
		set_unnamed(a, c->list.v[i], dot + 1, value);
}

/* Which of the job's own fields the API server defaults: a Job gets
 * SetDefaults_Job (its spec) and the pod's; a CronJob's template only the
 * pod's (the Job's come when each Job is made), and the CronJob its own. */
static bool in_scope(const struct job_ctx *cx, const struct field *f)
{
	if (!strncmp(f->k8s, "spec.template.", strlen("spec.template.")))
		return true;
	if (f->flags & F_CRON)
		return cx->cron || (f->flags & F_JOB_TOO);
	return !cx->cron;
}

static bool unset(const struct field *f, const struct tree *t)
{
	return !t || ((f->flags & F_ZERO_UNSET) && t->kind == TREE_INT && t->i == 0);
}

/* The defaults of schema s's fields in obj (the map of its object), then of
 * the objects inside it. */
static void fill(struct job_ctx *cx, const struct schema *s, struct tree *obj)
{
	/* computed from obj as the job wrote it, then set: a default that
	 * depends on another field (completions) sees no other default */
	struct {
		const struct field *f;
		struct tree *holder, *value;
	} set[32];
	unsigned n = 0;
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (f->api.kind == D_NONE || (f->flags & (F_PLANTON | F_SETTING | F_ASIDE | F_MOUNT)) ||
		    (s == &schema_job && !in_scope(cx, f)) ||
		    (f->since && cx->opt->kube_version < kube_version_parse(f->since)))
			continue;
		struct tree *holder = field_holder(f, obj);
		if (!holder || !unset(f, tree_path(holder, f->k8s)))
			continue;
		struct tree *v = field_default(cx->a, f, obj);
		if (v && n < sizeof set / sizeof *set)
			set[n].f = f, set[n].holder = holder, set[n++].value = v;
	}
	for (unsigned i = 0; i < n; i++)
		tree_set_path(cx->a, set[i].holder, set[i].f->k8s, set[i].value);
	for (const struct unnamed_default *u = unnamed_defaults; u->in; u++)
		if (u->in == s && !u->pod_only)
			set_unnamed(cx->a, obj, u->path, u->value);
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!f->sub || !f->sub->nfields || (s == &schema_job && !in_scope(cx, f)))
			continue;
		struct tree *t = tree_path(obj, f->k8s);
		if (t && t->kind == TREE_MAP)
			fill(cx, f->sub, t);
		for (uint32_t k = 0; t && t->kind == TREE_LIST && k < t->list.n; k++)
			if (t->list.v[k]->kind == TREE_MAP)
				fill(cx, f->sub, t->list.v[k]);
	}
}

/* ---- the inverse, for jobc import ---------------------------------------- */

/* Whether t is the text value (a string, or an integer or bool spelled out). */
static bool is_text(const struct tree *t, const char *value)
{
	char buf[32];
	switch (t->kind) {
	case TREE_STR: return t->str.len == strlen(value) && !memcmp(t->str.s, value, t->str.len);
	case TREE_BOOL: return !strcmp(value, t->b ? "true" : "false");
	case TREE_INT: snprintf(buf, sizeof buf, "%lld", (long long)t->i); return !strcmp(buf, value);
	default: return false;
	}
}

/* Removes path from t, where it holds value ("[*]": in each item). */
static unsigned strip_unnamed(struct tree *t, const char *path, const char *value)
{
	if (!t || t->kind != TREE_MAP)
		return 0;
	const char *dot = strchr(path, '.');
	if (!dot) {
		struct tree *v = tree_get(t, path);
		if (!v || !is_text(v, value))
			return 0;
		tree_remove(t, path);
		return 1;
	}
	size_t n = (size_t)(dot - path);
	bool each = n > 3 && !memcmp(path + n - 3, "[*]", 3);
	struct tree *c = tree_getn(t, path, each ? n - 3 : n);
	if (!each)
		return strip_unnamed(c, dot + 1, value);
	unsigned k = 0;
	for (uint32_t i = 0; c && c->kind == TREE_LIST && i < c->list.n; i++)
		k += strip_unnamed(c->list.v[i], dot + 1, value);
	return k;
}

static bool strip_in_scope(const struct field *f, enum strip_scope scope)
{
	if (scope == STRIP_CRONJOB)
		return f->flags & F_CRON;
	if (scope == STRIP_TEMPLATE)
		return !(f->flags & F_CRON);
	return !(f->flags & F_CRON) || (f->flags & F_JOB_TOO);
}

/* One pass over schema s's fields in obj and the objects inside it: the
 * number of values removed. */
static unsigned strip(struct arena *a, const struct schema *s, struct tree *obj,
                      enum strip_scope scope)
{
	unsigned removed = 0;
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (f->api.kind == D_NONE || (f->flags & (F_PLANTON | F_SETTING | F_MOUNT)) ||
		    (s == &schema_job && !strip_in_scope(f, scope)))
			continue;
		struct tree *holder = field_holder(f, obj);
		struct tree *v = holder ? tree_path(holder, f->k8s) : NULL;
		if (!v)
			continue;
		struct tree *d = field_default(a, f, obj);
		bool zero = (f->flags & F_ZERO_UNSET) && v->kind == TREE_INT && v->i == 0;
		if (zero || (d && tree_equal(v, d))) {
			const char *dot = strrchr(f->k8s, '.');
			struct tree *parent = dot ? tree_path(holder, arena_strndup(a, f->k8s,
			                                                            (size_t)(dot - f->k8s)))
			                          : holder;
			tree_remove(parent, dot ? dot + 1 : f->k8s);
			removed++;
		}
	}
	for (const struct unnamed_default *u = unnamed_defaults; u->in; u++)
		if (u->in == s)
			removed += strip_unnamed(obj, u->path, u->value);
	if (scope == STRIP_CRONJOB)
		return removed;
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!f->sub || !f->sub->nfields || (s == &schema_job && !strip_in_scope(f, scope)))
			continue;
		struct tree *t = tree_path(obj, f->k8s);
		if (t && t->kind == TREE_MAP)
			removed += strip(a, f->sub, t, scope);
		for (uint32_t k = 0; t && t->kind == TREE_LIST && k < t->list.n; k++)
			removed += strip(a, f->sub, t->list.v[k], scope);
	}
	return removed;
}

void defaults_strip(struct arena *a, struct tree *obj, enum strip_scope scope)
{
	/* until nothing changes: completions = 1 is a default only once
	 * parallelism = 1 has gone */
	while (strip(a, &schema_job, obj, scope))
		;
}

void defaults_apply(struct job_ctx *cx)
{
	fill(cx, &schema_job, cx->obj);
	/* SetDefaults_Job: a Job without labels gets its pod template's */
	struct tree *tlabels = tree_path(cx->obj, "spec.template.metadata.labels");
	struct tree *meta = tree_get(cx->obj, "metadata");
	if (!cx->cron && tlabels && tlabels->map.n && !tree_get(meta, "labels"))
		tree_set(cx->a, meta, "labels", tlabels);
}
