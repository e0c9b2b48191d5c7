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
#include "reapply.h"

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

/* The labels (or annotations, key) the CronJob's metadata meta and its job
 * template's tm both have, with the same values, taken out of both: they
 * are the Job's (labels, job-labels, annotations); what is left is the
 * CronJob's own (cronjob-labels, ...) and the template's own
 * (job-template-labels, ...), which the CronJob wrap puts on top. */
static struct tree *shared_map(struct imp *im, struct tree *meta, struct tree *tm, const char *key)
{
	struct tree *a = tree_get(meta, key), *b = tree_get(tm, key);
	if (!a || a->kind != TREE_MAP || !b || b->kind != TREE_MAP)
		return NULL; /* one has none; a value of another kind is reported when raised */
	struct tree *both = tree_map(im->a);
	both->span = a->span;
	for (uint32_t i = 0; i < a->map.n;) {
		const struct tree_entry *e = &a->map.v[i];
		if (!imp_same_scalar(tree_get(b, e->key), e->value)) {
			i++;
			continue;
		}
		tree_append_at(im->a, both, e->key, e->key_span, e->value);
		tree_remove(b, e->key);
		tree_remove(a, e->key);
	}
	if (!a->map.n)
		tree_remove(meta, key);
	if (!b->map.n)
		tree_remove(tm, key);
	return both->map.n ? both : NULL;
}

/* A CronJob's job template: the Job it holds, as a Job tree {metadata,
 * spec}, or NULL.  The Job's metadata is the CronJob's, less the labels
 * and annotations only one of the CronJob and its template has
 * (shared_map).  The rest of the template's metadata the CronJob
 * controller does not read (getJobFromTemplate2 copies its labels and
 * annotations into each Job): dropped, with a note. */
static struct tree *cron_template(struct imp *im, struct tree *doc, struct tree *meta)
{
	struct tree *tmpl = imp_peek(doc, "spec.jobTemplate");
	if (!tmpl || tmpl->kind != TREE_MAP) {
		import_error(im, tmpl ? tmpl->span : doc->span, "a CronJob needs spec.jobTemplate");
		return NULL;
	}
	imp_touch(tmpl);
	struct tree *tm = imp_peek(tmpl, "metadata");
	if (tm && tm->kind == TREE_MAP) {
		imp_touch(tm);
		server_metadata(im, tm, "spec.jobTemplate.metadata");
		server_annotations(im, tree_get(tm, "annotations"), "spec.jobTemplate.metadata");
		bool any = false;
		for (uint32_t i = 0; i < tm->map.n;) {
			const char *k = tm->map.v[i].key;
			if (!strcmp(k, "labels") || !strcmp(k, "annotations")) {
				i++;
				continue;
			}
			if (tm->map.v[i].value->kind != TREE_NULL)
				buf_printf(&im->ignored, "%sspec.jobTemplate.metadata.%s",
				           im->ignored.len ? ", " : "", k);
			any |= tm->map.v[i].value->kind != TREE_NULL;
			tree_remove(tm, k);
		}
		if (any)
			buf_puts(&im->ignored, " (the CronJob controller gives each Job only the template's "
			                       "labels and annotations)");
	} else {
		tm = NULL;
	}
	server_annotations(im, tree_get(meta, "annotations"), "metadata");
	imp_drop_generated(im, tree_get(meta, "labels"), "metadata.labels");
	/* the Job's metadata: the CronJob's, with what both have of labels and
	 * annotations */
	struct tree *jmeta = tree_map(im->a);
	jmeta->span = meta->span;
	for (uint32_t i = 0; i < meta->map.n;) {
		const struct tree_entry *e = &meta->map.v[i];
		if (!strcmp(e->key, "labels") || !strcmp(e->key, "annotations")) {
			i++;
			continue;
		}
		tree_append_at(im->a, jmeta, e->key, e->key_span, e->value);
		tree_remove(meta, e->key);
	}
	static const char *const both[] = {"labels", "annotations"};
	for (size_t k = 0; k < 2; k++) {
		struct tree *m = shared_map(im, meta, tm, both[k]);
		if (m)
			tree_append(im->a, jmeta, both[k], m);
	}
	struct tree *job = tree_map(im->a);
	tree_append(im->a, job, "metadata", jmeta);
	struct tree *spec = imp_take(tmpl, "spec");
	if (!spec) {
		import_error(im, tmpl->span, "a CronJob needs spec.jobTemplate.spec");
		return NULL;
	}
	tree_append(im->a, job, "spec", spec);
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

/* A name jobc made with name-suffix = hash: <base>-<hash of the Job's
 * immutable part>, with the label jobc.dev/base-name: <base>.  Then the
 * base (the label is taken), or NULL. */
static const char *hashed_name(struct imp *im, struct tree *doc, struct tree *meta,
                               const struct tree *name, bool cron)
{
	struct tree *labels = imp_peek(meta, "labels");
	/* a label key has dots: not a path */
	const struct tree *base =
		labels && labels->kind == TREE_MAP ? tree_get(labels, "jobc.dev/base-name") : NULL;
	if (!base || base->kind != TREE_STR || !name || name->kind != TREE_STR ||
	    name->str.len != base->str.len + 9 || memcmp(name->str.s, base->str.s, base->str.len) ||
	    name->str.s[base->str.len] != '-')
		return NULL;
	/* the hash is of the Job (a CronJob's: its template's spec) */
	const struct tree *job = doc;
	if (cron) {
		struct tree *t = tree_map(im->a);
		struct tree *spec = tree_path(doc, "spec.jobTemplate.spec");
		if (!spec)
			return NULL;
		tree_append(im->a, t, "spec", spec); /* reapply_hash reads a copy */
		job = t;
	}
	char hex[9];
	snprintf(hex, sizeof hex, "%08x", reapply_hash(im->a, job));
	if (memcmp(name->str.s + base->str.len + 1, hex, 8))
		return NULL; /* changed since: a name of its own */
	tree_remove(labels, "jobc.dev/base-name");
	if (!labels->map.n)
		imp_take(meta, "labels");
	return imp_text(im, base);
}

void import_job(struct imp *im, struct tree *doc, bool cron)
{
	struct tree *meta = imp_peek(doc, "metadata");
	const char *hashed = hashed_name(im, doc, meta, imp_peek(meta, "name"), cron);
	struct tree *name = imp_take(meta, "name");
	struct tree *gen = imp_peek(meta, "generateName");
	if (name && gen && gen->kind != TREE_NULL) {
		/* the name is the name: Kubernetes makes one from the prefix only
		 * when none is given (rest.BeforeCreate) */
		buf_printf(&im->ignored, "%smetadata.generateName (the %s has a name)",
		           im->ignored.len ? ", " : "", cron ? "CronJob" : "Job");
		imp_take(meta, "generateName");
	} else if (!name && gen && gen->kind == TREE_STR) {
		/* named by a prefix: the job is named after it (generate-name) */
		name = gen;
	}
	if (!name || name->kind != TREE_STR) {
		import_error(im, doc->span, "a %s needs metadata.name or metadata.generateName",
		             cron ? "CronJob" : "Job");
		return;
	}
	im->name = hashed ? hashed : imp_text(im, name);
	if (name == gen) {
		size_t n = strlen(im->name);
		while (n && (im->name[n - 1] == '-' || im->name[n - 1] == '.'))
			n--;
		im->name = arena_strndup(im->a, im->name, n);
		if (!n) {
			import_error(im, gen->span, "metadata.generateName '%s' leaves the job no name: a "
			             "prefix starts with a letter or digit", imp_text(im, gen));
			return;
		}
	}
	im->cron = cron;
	struct tree *uid = imp_peek(meta, "uid");
	im->uid = uid && uid->kind == TREE_STR ? imp_text(im, uid) : NULL;
	out_fmt(im, "job ");
	size_t from = im->out.len;
	out_key(im, im->name);
	imp_mark(im, from, name->span);
	out_fmt(im, " {\n");
	if (hashed)
		out_fmt(im, "  name-suffix = hash\n");
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
