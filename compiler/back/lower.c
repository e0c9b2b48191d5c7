/* lower.c - typing a job record and building the batch/v1 Job; see
 * lower.h.
 *
 * Each field of the record is lowered by lower_into (lower_value.c): by
 * its type, or by its shape when its Kubernetes form differs (shapes.c).
 * What is left here is the Job's own assembly: the main container, the
 * lists of containers and volumes, labels on the Job and its pods, the
 * defaults jobc must write, and the CronJob around a scheduled job.
 */
#include "lower.h"

#include <string.h>

#include "lower_value.h"

#define MAIN_CONTAINER "spec.template.spec.containers[0]"

struct tree *lower_field(struct arena *a, struct diagnostics *d, const struct job_record *job,
                         const struct field *f, const struct value *v,
                         const struct compile_opts *opt)
{
	struct job_ctx cx = {.a = a, .d = d, .job = job, .opt = opt, .errors_before = d->errors,
	                     .aside = tree_map(a)};
	struct tree *holder = tree_map(a);
	/* a container field is the main container's, as in lower_job: its
	 * diagnostics name that path */
	lower_into(&cx, f, v, holder, field_in(&schema_container, f) ? MAIN_CONTAINER : "");
	struct tree *t = tree_path(holder, f->k8s);
	return t ? t : tree_get(cx.aside, f->name);
}

/* A copy of the map base (or none) with over's entries set on top. */
static struct tree *lower_overlay(struct job_ctx *cx, const struct tree *base,
                                  const struct tree *over)
{
	struct tree *m = tree_map(cx->a);
	const struct tree *from = base ? base : over;
	m->span = from->span;
	m->src = from->src;
	for (uint32_t i = 0; base && i < base->map.n; i++)
		tree_append_at(cx->a, m, base->map.v[i].key, base->map.v[i].key_span,
		               base->map.v[i].value);
	for (uint32_t i = 0; i < over->map.n; i++)
		tree_set(cx->a, m, over->map.v[i].key, over->map.v[i].value);
	return m;
}

/* labels go on the pods too (pod-labels on top), so pods can be found by
 * them; a CronJob gets its own metadata and the Job template's. */
static void place_labels(struct job_ctx *cx)
{
	struct arena *a = cx->a;
	struct tree *obj = cx->obj;
	struct tree *labels = tree_path(obj, "metadata.labels");
	struct tree *pod_labels = tree_path(obj, "spec.template.metadata.labels");
	if (labels) {
		struct tree *merged = tree_map(a);
		merged->span = labels->span;
		merged->src = labels->src;
		for (uint32_t i = 0; i < labels->map.n; i++)
			tree_append_at(a, merged, labels->map.v[i].key, labels->map.v[i].key_span,
			               labels->map.v[i].value);
		for (uint32_t i = 0; pod_labels && i < pod_labels->map.n; i++)
			tree_set(a, merged, pod_labels->map.v[i].key, pod_labels->map.v[i].value);
		tree_set_path(a, obj, "spec.template.metadata.labels", merged);
	}
	/* job-labels: on the Job only */
	struct tree *jl = tree_get(cx->aside, "job-labels");
	if (jl && jl->map.n) {
		struct tree *into = labels;
		if (!into) {
			into = tree_map(a);
			into->span = jl->span;
			into->src = jl->src;
			tree_set_path(a, obj, "metadata.labels", into);
		} else {
			/* a copy: the pods' map must not change */
			struct tree *copy = tree_map(a);
			copy->span = labels->span;
			copy->src = labels->src;
			for (uint32_t i = 0; i < labels->map.n; i++)
				tree_append_at(a, copy, labels->map.v[i].key, labels->map.v[i].key_span,
				               labels->map.v[i].value);
			into = copy;
			tree_set_path(a, obj, "metadata.labels", into);
		}
		for (uint32_t i = 0; i < jl->map.n; i++)
			tree_set(a, into, jl->map.v[i].key, jl->map.v[i].value);
	}
}

/* The Job, as a CronJob's template. */
struct tree *lower_cron_wrap(struct job_ctx *cx)
{
	struct arena *a = cx->a;
	struct tree *job = cx->obj;
	struct tree *spec = tree_get(job, "spec");
	struct tree *cron = tree_map(a);
	tree_set(a, cron, "apiVersion", tree_cstr(a, "batch/v1"));
	tree_set(a, cron, "kind", tree_cstr(a, "CronJob"));
	struct tree *meta = tree_get(job, "metadata");
	tree_set(a, cron, "metadata", meta);
	struct tree *cspec = tree_map(a);
	/* the CronJob's own fields come out of the Job spec (those kept aside
	 * are placed below) */
	for (unsigned i = 0; i < schema_job.nfields; i++) {
		const struct field *f = &schema_job.fields[i];
		const char *key = f->k8s + strlen("spec.");
		struct tree *t = (f->flags & F_CRON) && !(f->flags & F_ASIDE) ? tree_get(spec, key) : NULL;
		if (t) {
			tree_set(a, cspec, key, t);
			tree_remove(spec, key);
		}
	}
	struct tree *tmpl = tree_map(a);
	struct tree *tmeta = tree_map(a);
	struct tree *labels = tree_get(meta, "labels"), *annotations = tree_get(meta, "annotations");
	if (labels)
		tree_set(a, tmeta, "labels", labels);
	if (annotations)
		tree_set(a, tmeta, "annotations", annotations);
	if (tmeta->map.n)
		tree_set(a, tmpl, "metadata", tmeta);
	/* what job-spec { } gave the template at a path of the CronJob's own */
	for (uint32_t i = 0; cx->template_own && i < cx->template_own->map.n; i++)
		tree_set(a, spec, cx->template_own->map.v[i].key, cx->template_own->map.v[i].value);
	tree_set(a, tmpl, "spec", spec);
	tree_set(a, cspec, "jobTemplate", tmpl);
	tree_set(a, cron, "spec", cspec);
	/* the labels and annotations of the CronJob only, or of its job
	 * template only (kept aside): on top of the Job's, at their path */
	for (unsigned i = 0; i < schema_job.nfields; i++) {
		const struct field *f = &schema_job.fields[i];
		const struct tree *own = (f->flags & F_CRON) && (f->flags & F_ASIDE)
		                             ? tree_get(cx->aside, f->name)
		                             : NULL;
		if (own)
			tree_set_path(a, cron, f->k8s, lower_overlay(cx, tree_path(cron, f->k8s), own));
	}
	return cron;
}

/* What Kubernetes needs written that the job may leave out: the defaults
 * jobc writes itself (F_WRITTEN: restart, since the pod's own default,
 * Always, is invalid for a Job). */
static void write_defaults(struct job_ctx *cx)
{
	for (unsigned i = 0; i < schema_job.nfields; i++) {
		const struct field *f = &schema_job.fields[i];
		if ((f->flags & F_WRITTEN) && !tree_path(cx->obj, f->k8s))
			tree_set_path(cx->a, cx->obj, f->k8s, field_default(cx->a, f, cx->obj));
	}
}

void lower_job(struct job_ctx *cx)
{
	struct arena *a = cx->a;
	const struct job_record *job = cx->job;
	/* each field of the record, found once; a schedule makes a CronJob */
	const struct field **fields = arena_alloc(a, job->fields->n * sizeof *fields + 1);
	for (uint32_t k = 0; k < job->fields->n; k++) {
		fields[k] = field_find(&schema_job, job->fields->e[k].key);
		cx->cron |= fields[k] && (fields[k]->flags & F_SCHEDULE);
	}
	cx->aside = tree_map(a);
	cx->lists = tree_map(a);

	struct tree *obj = tree_map(a);
	cx->obj = obj;
	tree_set(a, obj, "apiVersion", tree_cstr(a, "batch/v1"));
	tree_set(a, obj, "kind", tree_cstr(a, "Job"));
	struct tree *meta = tree_child_map(a, obj, "metadata");
	tree_set(a, meta, "name", lower_name(cx, job->name, job->name_span, NULL));

	/* the main container, named after the job; the job's container fields
	 * are its */
	static const char containers[] = "spec.template.spec.containers";
	cx->main = tree_map(a);
	tree_set(a, cx->main, "name", lower_name(cx, job->name, job->name_span, NULL));
	struct tree *list = tree_list(a);
	tree_push(a, list, cx->main);
	tree_set(a, cx->lists, containers, list);
	for (uint32_t k = 0; k < job->fields->n; k++) {
		const struct vmap_entry *e = &job->fields->e[k];
		const struct field *f = fields[k];
		if (f && field_in(&schema_container, f))
			lower_into(cx, f, e->value, cx->main, MAIN_CONTAINER);
		else if (f)
			lower_into(cx, f, e->value, obj, "");
	}

	/* Mounts from volume blocks come after the container's own. */
	if (cx->main_mounts) {
		struct tree *mounts = tree_get(cx->main, "volumeMounts");
		if (!mounts) {
			mounts = tree_list(a);
			tree_set(a, cx->main, "volumeMounts", mounts);
		}
		for (uint32_t i = 0; i < cx->main_mounts->list.n; i++)
			tree_push(a, mounts, cx->main_mounts->list.v[i]);
	}
	for (uint32_t i = 0; i < cx->lists->map.n; i++)
		tree_set_path(a, obj, cx->lists->map.v[i].key, cx->lists->map.v[i].value);
	place_labels(cx);
	lower_merges(cx);
	/* named by a prefix, the Job has no name: the API server makes one */
	if (tree_path(obj, "metadata.generateName"))
		tree_remove(meta, "name");
	/* --namespace: the namespace of a job that sets none */
	const char *ns = cx->opt->namespace_default;
	if (ns && !tree_path(obj, "metadata.namespace"))
		tree_set(a, tree_get(obj, "metadata"), "namespace", tree_cstr(a, ns));
	write_defaults(cx);
}
