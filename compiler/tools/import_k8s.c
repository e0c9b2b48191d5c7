/* import_k8s.c - jobc import of a batch/v1 Job or CronJob, by the field
 * table; see import_int.h.
 *
 * What the API server writes (status, uid, the generated selector and
 * labels, kubectl's annotations) is taken out with a note, and what it
 * would fill in anyway (defaults.c) without one; then every field of the
 * job is raised in the table's order: the Job's own, the main container's
 * (the job's body) just before the named blocks (volume, container, init),
 * and, for a CronJob, its own fields from the CronJob.
 */
#include "import_int.h"

#include <string.h>

#include "defaults.h"

/* What the API server writes into metadata. */
static void server_metadata(struct imp *im, struct tree *meta, const char *path)
{
	static const char *const keys[] = {"uid", "resourceVersion", "generation", "creationTimestamp",
	                                   "managedFields", "selfLink", "deletionTimestamp",
	                                   "deletionGracePeriodSeconds"};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		if (tree_get(meta, keys[k])) {
			struct tree *v = tree_get(meta, keys[k]);
			if (v->kind != TREE_NULL)
				import_dropped(im, arena_printf(im->a, "%s.%s", path, keys[k]));
			tree_remove(meta, keys[k]);
		}
}

/* The annotations kubectl and the Job controller write. */
static void server_annotations(struct imp *im, struct tree *ann, const char *mpath)
{
	static const char *const server[] = {"kubectl.kubernetes.io/last-applied-configuration",
	                                     "batch.kubernetes.io/job-tracking",
	                                     "batch.kubernetes.io/cronjob-scheduled-timestamp"};
	for (size_t k = 0; k < sizeof server / sizeof *server; k++)
		if (tree_get(ann, server[k])) {
			import_dropped(im, arena_printf(im->a, "%s.annotations[%s]", mpath, server[k]));
			tree_remove(ann, server[k]);
		}
}

/* A CronJob's job template: its metadata must be the CronJob's (jobc gives
 * it the CronJob's labels and annotations); the Job it holds, as a Job
 * tree {metadata: the CronJob's, spec: the template's}, or NULL. */
static struct tree *cron_template(struct imp *im, struct tree *doc, struct tree *meta)
{
	struct tree *cspec = imp_peek(doc, "spec");
	struct tree *tmpl = imp_take(cspec, "jobTemplate");
	if (!tmpl) {
		import_error(im, doc->span, "a CronJob needs spec.jobTemplate");
		return NULL;
	}
	/* the CronJob's labels and annotations are its job template's too
	 * (with none written, the template's are none) */
	struct tree *tmeta = imp_take(tmpl, "metadata");
	struct tree none;
	memset(&none, 0, sizeof none);
	none.kind = TREE_MAP;
	none.span = tmpl->span;
	struct tree *tm = tmeta ? tmeta : &none;
	server_metadata(im, tm, "spec.jobTemplate.metadata");
	server_annotations(im, tree_get(meta, "annotations"), "metadata");
	server_annotations(im, tree_get(tm, "annotations"), "spec.jobTemplate.metadata");
	imp_drop_generated(im, tree_get(meta, "labels"), "metadata.labels");
	static const char *const both[] = {"labels", "annotations"};
	for (size_t k = 0; k < 2; k++) {
		struct tree *a = tree_get(meta, both[k]);
		struct tree *b = imp_take_as(im, tm, both[k], TREE_MAP, "spec.jobTemplate.metadata");
		if (a && a->kind != TREE_MAP)
			a = NULL; /* reported with the labels */
		bool same = (!a || !a->map.n) == (!b || !b->map.n);
		for (uint32_t i = 0; same && b && i < b->map.n; i++)
			same = imp_same_scalar(tree_get(a, b->map.v[i].key), b->map.v[i].value);
		if (same && a && b)
			same = a->map.n == b->map.n;
		if (!same)
			import_error(im, (b ? b : a ? a : tm)->span,
			             "spec.jobTemplate.metadata.%s: jobc gives a CronJob's job template the "
			             "CronJob's own %s",
			             both[k], both[k]);
	}
	imp_leftovers(im, tm, "spec.jobTemplate.metadata");
	struct tree *job = tree_map(im->a);
	if (meta)
		tree_append(im->a, job, "metadata", meta);
	struct tree *spec = imp_take(tmpl, "spec");
	if (spec)
		tree_append(im->a, job, "spec", spec);
	imp_leftovers(im, tmpl, "spec.jobTemplate");
	if (!spec) {
		import_error(im, doc->span, "a CronJob needs spec.jobTemplate.spec");
		return NULL;
	}
	return job;
}

/* serviceAccount: the deprecated name the server copies from
 * serviceAccountName (the same field) */
static void service_account_alias(struct imp *im, struct tree *pod)
{
	struct tree *sa = imp_peek(pod, "serviceAccount"), *san = imp_peek(pod, "serviceAccountName");
	if (sa && !san)
		tree_append(im->a, pod, "serviceAccountName", sa);
	if (sa && (!san || imp_same_scalar(sa, san)))
		imp_take(pod, "serviceAccount");
}

void import_job(struct imp *im, struct tree *doc, bool cron)
{
	struct tree *meta = imp_peek(doc, "metadata");
	struct tree *name = imp_take(meta, "name");
	if (!name || name->kind != TREE_STR) {
		import_error(im, doc->span, "a %s needs metadata.name", cron ? "CronJob" : "Job");
		return;
	}
	im->name = imp_text(im, name);
	im->cron = cron;
	struct tree *uid = imp_peek(meta, "uid");
	im->uid = uid && uid->kind == TREE_STR ? imp_text(im, uid) : NULL;
	out_fmt(im, "job ");
	size_t from = im->out.len;
	out_key(im, im->name);
	imp_mark(im, from, name->span);
	out_fmt(im, " {\n");
	server_metadata(im, meta, "metadata");
	if (tree_get(doc, "status")) {
		import_dropped(im, "status");
		tree_remove(doc, "status");
	}
	import_want_strings(im, doc, cron);
	struct tree *job = cron ? cron_template(im, doc, meta) : doc;
	if (!job)
		return;
	struct tree *tmeta = imp_peek(job, "spec.template.metadata");
	if (tmeta && tree_get(tmeta, "creationTimestamp"))
		tree_remove(tmeta, "creationTimestamp");
	if (tmeta && tree_get(tmeta, "name")) {
		/* the Job controller names each pod itself */
		buf_printf(&im->ignored, "%s%s.template.metadata.name (the Job controller names each pod)",
		           im->ignored.len ? ", " : "", cron ? "spec.jobTemplate.spec" : "spec");
		tree_remove(tmeta, "name");
	}
	server_annotations(im, tree_get(meta, "annotations"), "metadata");
	im->pod = imp_peek(job, "spec.template.spec");
	im->pod_path = import_job_path(im, "spec.template.spec");
	struct tree *cs = imp_peek(im->pod, "containers");
	im->main = cs && cs->kind == TREE_LIST && cs->list.n ? cs->list.v[0] : NULL;
	if (!im->main || im->main->kind != TREE_MAP) {
		import_error(im, im->at, "%s.containers: a Job has at least one container", im->pod_path);
		return;
	}
	service_account_alias(im, im->pod);
	/* what the API server would refuse, reported, never repaired */
	if (!imp_peek(im->pod, "restartPolicy"))
		import_rule(im, R_JOB101, im->pod->span, import_job_path(im, "spec.template.spec.restartPolicy"),
		            "Required value: valid values: \"OnFailure\", \"Never\"",
		            "the pods have no restartPolicy, so Kubernetes gives them Always, which a Job "
		            "refuses; write Never or OnFailure");
	if (cron && !imp_peek(doc, "spec.schedule"))
		import_rule(im, R_JOB801, doc->span, "spec.schedule", "Required value",
		            "a CronJob needs a schedule, such as \"0 3 * * *\" or \"@daily\"");

	bool main_done = false;
	for (unsigned i = 0; i < schema_job.nfields; i++) {
		const struct field *f = &schema_job.fields[i];
		if (f->type == FT_NAMED && !main_done) {
			/* the job's body is its main container's */
			raise_fields(im, &schema_container, im->main,
			             arena_printf(im->a, "%s.containers[0]", im->pod_path));
			main_done = true;
		}
		bool own = (f->flags & F_CRON) && !(f->flags & F_JOB_TOO);
		if (own && !cron)
			continue; /* a Job has no such field: what is there is left over */
		if (cron && (f->flags & F_CRON))
			raise_field(im, f, doc, "");
		else
			raise_field(im, f, job, import_job_base(im, f->k8s));
	}
	/* what no field took: the Job's Kubernetes-spelled blocks, and the main
	 * container's (the job's body) */
	raise_rest(im, &schema_job, job, import_job_base(im, "spec."));
	const char *mp = arena_printf(im->a, "%s.containers[0]", im->pod_path);
	raise_rest(im, &schema_container, im->main, mp);
	imp_leftovers(im, im->main, mp);
	if (cron) {
		struct tree *jsusp = imp_take(job, "spec.suspend");
		if (jsusp && !(jsusp->kind == TREE_BOOL && !jsusp->b))
			import_error(im, jsusp->span, "spec.jobTemplate.spec.suspend: jobc's suspend suspends "
			                              "the schedule, not each Job");
		imp_leftovers(im, tree_get(job, "spec"), "spec.jobTemplate.spec");
	} else {
		imp_leftovers(im, doc, "");
	}
	out_fmt(im, "}\n");
	if (cron)
		imp_leftovers(im, doc, "");
}
