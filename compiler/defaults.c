/* defaults.c - --defaults explicit: every default the API server would
 * apply, written out; see defaults.h.
 *
 * The defaults are the field table's (each field's api column), applied
 * object by object as the API server's SetDefaults_* functions do: the Job
 * and its pod, each container, probe, port and volume.  What the server
 * fills in that no jobc field sets yet is in unnamed_defaults.
 */
#include "defaults.h"

#include <string.h>

#include "fields.h"

const struct unnamed_default unnamed_defaults[] = {
	/* SetDefaults_PodSpec */
	{&schema_job, "spec.template.spec.schedulerName", "default-scheduler"},
	/* SetDefaults_Container */
	{&schema_container, "terminationMessagePath", "/dev/termination-log"},
	{&schema_container, "terminationMessagePolicy", "File"},
	{&schema_init, "terminationMessagePath", "/dev/termination-log"},
	{&schema_init, "terminationMessagePolicy", "File"},
	/* SetDefaults_ObjectFieldSelector: a field() value's apiVersion */
	{&schema_container, "env[*].valueFrom.fieldRef.apiVersion", "v1"},
	{&schema_init, "env[*].valueFrom.fieldRef.apiVersion", "v1"},
	/* SetDefaults_HostPathVolumeSource: HostPathUnset */
	{&schema_volume, "hostPath.type", ""},
	{NULL, NULL, NULL},
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
		struct tree *holder = obj;
		if (f->flags & F_SOURCE) {
			holder = tree_get(obj, "configMap");
			if (!holder)
				holder = tree_get(obj, "secret");
		}
		if (!holder || !unset(f, tree_path(holder, f->k8s)))
			continue;
		struct tree *v = field_default(cx->a, f, obj);
		if (v && n < sizeof set / sizeof *set)
			set[n].f = f, set[n].holder = holder, set[n++].value = v;
	}
	for (unsigned i = 0; i < n; i++)
		tree_set_path(cx->a, set[i].holder, set[i].f->k8s, set[i].value);
	for (const struct unnamed_default *u = unnamed_defaults; u->in; u++)
		if (u->in == s)
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

void defaults_apply(struct job_ctx *cx)
{
	fill(cx, &schema_job, cx->obj);
	/* SetDefaults_Job: a Job without labels gets its pod template's */
	struct tree *tlabels = tree_path(cx->obj, "spec.template.metadata.labels");
	struct tree *meta = tree_get(cx->obj, "metadata");
	if (!cx->cron && tlabels && tlabels->map.n && !tree_get(meta, "labels"))
		tree_set(cx->a, meta, "labels", tlabels);
}
