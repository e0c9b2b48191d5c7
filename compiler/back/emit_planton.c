/* emit_planton.c - the Project Planton form of a checked Job (--emit planton):
 * a KubernetesJob, or a KubernetesCronJob for a scheduled job.
 *
 * It reads the minimal batch/v1 Job that lower.c built and check.c passed
 * (before --defaults explicit, with the CronJob's own fields still in its
 * spec) and the planton { } block, and maps every key of the Job to its
 * Planton field.  The walk is closed: a key with no Planton field is an
 * error naming the jobc field that set it (JOB951), so nothing a job says
 * is ever dropped.  docs/planton.md describes the mapping.
 *
 * The Planton shape (kubernetes.project-planton.org/v1) is the one in
 * shared/reference/planton-and-piceli.md: spec.namespace {value}, image
 * {repo, tag}, resources with all four quantities, env {variables,
 * secrets}, volumeMounts that are mount and volume in one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"
#include "fields.h"
#include "image.h"
#include "report.h"
#include "names.h"
#include "units.h"

#define PLANTON_API "kubernetes.project-planton.org/v1"

struct pctx {
	struct job_ctx *cx;
	struct arena *a;
	struct tree *m;     /* the manifest */
	struct tree *meta;  /* its metadata */
	struct tree *spec;  /* its spec */
	const char *kind;   /* KubernetesJob or KubernetesCronJob */
};

/* ---- reporting ---------------------------------------------------------- */

/* A Planton rule, with the Planton path in a note. */
static bool preport(struct pctx *pc, enum rule_id id, const struct tree *at, const char *ppath,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static bool preport(struct pctx *pc, enum rule_id id, const struct tree *at, const char *ppath,
                    const char *fmt, ...)
{
	struct job_ctx *cx = pc->cx;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!report(cx, id, node_span(cx, at), node_value(at), NULL, NULL, "%s", msg))
		return false;
	if (ppath)
		diag_note(cx->d, span_none(), "in Planton terms: %s.%s", pc->kind, ppath);
	if (rules[id].level == RULE_ERROR)
		cx->failed = true;
	return true;
}

/* The jobc field whose Kubernetes path is path or lies under it, in
 * schema s (paths relative to base).  *ambiguous is set when several do. */
static const struct field *field_under(const struct schema *s, const char *path, bool *ambiguous)
{
	const struct field *found = NULL;
	size_t n = strlen(path);
	*ambiguous = false;
	for (unsigned i = 0; i < s->nfields; i++)
		if (!strcmp(s->fields[i].k8s, path))
			return &s->fields[i];
	for (unsigned i = 0; i < s->nfields; i++) {
		const char *k = s->fields[i].k8s;
		if (!strcmp(k, path) || (!strncmp(k, path, n) && (k[n] == '.' || k[n] == '['))) {
			if (found && strcmp(found->k8s, k) != 0)
				*ambiguous = true;
			if (!found)
				found = &s->fields[i];
		}
	}
	return found;
}

/* JOB951: the node at path (a Kubernetes path within schema s, shown as
 * shown) has no Planton field.  When several jobc fields share the path
 * (lifecycle.postStart, lifecycle.preStop), each child is reported. */
static void unsupported_in(struct pctx *pc, const struct schema *s, const struct tree *t,
                           const char *path, const char *shown, const char *reason)
{
	bool ambiguous;
	const struct field *f = field_under(s, path, &ambiguous);
	if (f && ambiguous && t->kind == TREE_MAP) {
		for (uint32_t i = 0; i < t->map.n; i++)
			unsupported_in(pc, s, t->map.v[i].value,
			               arena_printf(pc->a, "%s.%s", path, t->map.v[i].key),
			               arena_printf(pc->a, "%s.%s", shown, t->map.v[i].key), reason);
		return;
	}
	struct job_ctx *cx = pc->cx;
	if (f)
		report(cx, R_JOB951, node_span(cx, t), node_value(t), shown, NULL,
		       "'%s' cannot be written as a Planton %s: %s", f->name, pc->kind, reason);
	else
		report(cx, R_JOB951, node_span(cx, t), node_value(t), shown, NULL,
		       "%s cannot be written as a Planton %s: %s", shown, pc->kind, reason);
	cx->failed = true;
}

static void unsupported(struct pctx *pc, const struct tree *t, const char *path, const char *reason)
{
	unsupported_in(pc, &schema_job, t, path, path, reason);
}

/* ---- small helpers --------------------------------------------------------- */

static struct tree *pstr(struct pctx *pc, const char *s)
{
	return tree_cstr(pc->a, s);
}

static bool is_zero(const struct tree *t)
{
	return t && t->kind == TREE_INT && t->i == 0;
}

static bool user_set(const struct tree *t)
{
	return t && t->src != NULL;
}

/* ---- metadata ------------------------------------------------------------- */

/* The name: Planton checks none (CloudResourceMetadata.name has no rule),
 * and names the Job or CronJob after it, which the Kubernetes rules have
 * checked (a DNS subdomain, dots allowed); it is also the value of the
 * planton.ai/name label on every object Planton creates. */
static void map_name(struct pctx *pc)
{
	struct tree *name = tree_path(pc->cx->obj, "metadata.name");
	if (!name)
		return; /* generate-name: JOB951 (map_job_metadata) */
	const char *why = k8s_label_value(name->str.s, name->str.len);
	if (why)
		preport(pc, R_JOB952, name, "metadata.name",
		        "the name of a Planton %s is the value of its planton.ai/name label: %s",
		        pc->kind, why);
	tree_set(pc->a, pc->meta, "name", name);
}

/* labels and annotations of the job: kept in the manifest, with a warning
 * that Planton does not pass them on. */
static void map_job_metadata(struct pctx *pc)
{
	/* the rest of the Job's metadata (metadata { } in the job): none of it
	 * reaches what Planton creates */
	const struct tree *meta = tree_get(pc->cx->obj, "metadata");
	for (uint32_t i = 0; i < meta->map.n; i++) {
		const char *k = meta->map.v[i].key;
		if (strcmp(k, "name") && strcmp(k, "namespace") && strcmp(k, "labels") &&
		    strcmp(k, "annotations"))
			unsupported(pc, meta->map.v[i].value, arena_printf(pc->a, "metadata.%s", k),
			            "Planton's manifest has a name, labels and annotations, and passes none "
			            "of the Job's other metadata on");
	}
	static const char *const keys[] = {"labels", "annotations"};
	for (size_t k = 0; k < 2; k++) {
		struct tree *t = tree_get(tree_get(pc->cx->obj, "metadata"), keys[k]);
		if (!t || t->kind != TREE_MAP || !t->map.n)
			continue;
		preport(pc, R_JOB959, t, arena_printf(pc->a, "metadata.%s", keys[k]),
		        k == 0 ? "Planton keeps these labels in its manifest only: the Job and pods it "
		                 "creates carry Planton's own labels, not these"
		               : "Planton keeps these annotations in its manifest only: the Job and pods "
		                 "it creates do not carry them");
		struct tree *into = tree_child_map(pc->a, pc->meta, keys[k]);
		for (uint32_t i = 0; i < t->map.n; i++)
			tree_set(pc->a, into, t->map.v[i].key, t->map.v[i].value);
	}
}

/* JOB951: what lowering kept aside for the CronJob wrap that Planton has
 * no field for (cronjob-labels, job-template-annotations, ...), named by
 * its jobc field. */
static void map_aside(struct pctx *pc)
{
	struct job_ctx *cx = pc->cx;
	for (uint32_t i = 0; i < cx->aside->map.n; i++) {
		const struct field *f = field_find(&schema_job, cx->aside->map.v[i].key);
		const struct tree *t = cx->aside->map.v[i].value;
		if (!f || f->planton || (f->flags & (F_PLANTON | F_SETTING)))
			continue;
		report(cx, R_JOB951, node_span(cx, t), node_value(t), f->k8s, NULL,
		       "'%s' cannot be written as a Planton %s: Planton's manifest has one set of labels "
		       "and annotations, and passes none of them on",
		       f->name, pc->kind);
		cx->failed = true;
	}
}

static void map_namespace(struct pctx *pc)
{
	struct tree *ns = tree_path(pc->cx->obj, "metadata.namespace");
	if (!ns) {
		preport(pc, R_JOB953, tree_path(pc->cx->obj, "metadata.name"), "spec.namespace",
		        "a Planton %s needs a namespace; set namespace, or --namespace NS for every "
		        "job that sets none", pc->kind);
		return;
	}
	struct tree *v = tree_map(pc->a);
	tree_set(pc->a, v, "value", ns);
	tree_set(pc->a, pc->spec, "namespace", v);
}

/* ---- the planton { } block --------------------------------------------- */

static void label_value(struct pctx *pc, const struct tree *t, const char *what)
{
	const char *why = t->str.len ? k8s_label_value(t->str.s, t->str.len) : "must not be empty";
	if (why)
		preport(pc, R_JOB952, t, arena_printf(pc->a, "metadata.%s", what),
		        "Planton's %s becomes the value of a planton.ai/* label: %s", what, why);
}

static void map_settings(struct pctx *pc)
{
	const struct tree *s = tree_get(pc->cx->aside, "planton");
	if (!s)
		return;
	struct tree *meta = tree_get(s, "metadata");
	for (uint32_t i = 0; meta && i < meta->map.n; i++) {
		const struct tree_entry *e = &meta->map.v[i];
		if (e->value->kind == TREE_STR)
			label_value(pc, e->value, e->key);
		if (e->value->kind == TREE_MAP) {
			/* labels, annotations: on top of the job's own */
			struct tree *into = tree_child_map(pc->a, pc->meta, e->key);
			for (uint32_t k = 0; k < e->value->map.n; k++)
				tree_set(pc->a, into, e->value->map.v[k].key, e->value->map.v[k].value);
		} else {
			tree_set(pc->a, pc->meta, e->key, e->value);
		}
	}
	/* provisioner is the label Planton's CLI reads (ExtractFromManifest):
	 * one label, which the job's or the block's labels may set too */
	static const char prov_key[] = "project-planton.org/provisioner";
	struct tree *prov = tree_get(s, "provisioner");
	struct tree *labels = prov ? tree_child_map(pc->a, pc->meta, "labels") : NULL;
	const struct tree *was = tree_get(labels, prov_key);
	if (was && !tree_equal(was, prov))
		preport(pc, R_JOB960, prov, arena_printf(pc->a, "metadata.labels[%s]", prov_key),
		        "provisioner = %.*s is the label %s, which labels already set to \"%.*s\"; "
		        "Planton reads one value: set one of them",
		        (int)prov->str.len, prov->str.s, prov_key, (int)was->str.len, was->str.s);
	else if (prov)
		tree_set(pc->a, labels, prov_key, prov);
	struct tree *spec = tree_get(s, "spec");
	for (uint32_t i = 0; spec && i < spec->map.n; i++)
		tree_set(pc->a, pc->spec, spec->map.v[i].key, spec->map.v[i].value);
	struct tree *cms = tree_get(spec, "configMaps");
	for (uint32_t i = 0; cms && i < cms->map.n; i++) {
		const struct tree_entry *e = &cms->map.v[i];
		const char *why = k8s_dns_subdomain(e->key, e->klen);
		if (!why)
			why = k8s_config_key(e->key, e->klen);
		if (why) {
			struct tree at = *e->value;
			at.span = span_valid(e->key_span) ? e->key_span : e->value->span;
			preport(pc, R_JOB960, &at, "spec.configMaps",
			        "'%s' cannot name a Planton config map (its name is also its key): %s",
			        e->key, why);
		}
	}
	struct tree *cluster = tree_get(spec, "targetCluster");
	if (cluster && tree_get(cluster, "clusterName") && !tree_get(cluster, "clusterKind"))
		preport(pc, R_JOB960, tree_get(cluster, "clusterName"), "spec.targetCluster.clusterKind",
		        "Planton rejects a target cluster without its kind; set cluster-kind "
		        "(aks, eks, gke, digitalocean or civo)");
}

/* ---- the Job spec --------------------------------------------------------- */

static void map_pod(struct pctx *pc, const struct tree *tmpl);

/* Whether this manifest's kind has field f (the table's flags). */
static bool kind_has(const struct pctx *pc, const struct field *f)
{
	if (pc->cx->cron)
		return !(f->flags & F_PLANTON_NO_CRON);
	return !(f->flags & F_CRON) || (f->flags & F_JOB_TOO);
}

/* The defaults of the fields of schema s that this kind has in Planton and
 * the job leaves out, from the table.  planton: Planton's own (--defaults
 * explicit), the 0s that mean "not set" to it included.  Otherwise only
 * where Planton's default is not the API server's (concurrencyPolicy is
 * Forbid to Planton, Allow to Kubernetes), and then the API server's,
 * which is what the job means. */
static void schema_defaults(struct pctx *pc, const struct schema *s, bool planton)
{
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!f->planton || !kind_has(pc, f) || tree_path(pc->m, f->planton) ||
		    (!planton && f->planton_default.kind == D_NONE))
			continue;
		struct tree *v = planton ? field_planton_default(pc->a, f, pc->cx->obj)
		                         : field_default(pc->a, f, pc->cx->obj);
		if (v)
			tree_set_path(pc->a, pc->m, f->planton, v);
	}
}

/* JOB951: what a CronJob's job-spec { } gave its Job template at a path of
 * the CronJob's own (suspend): Planton has the CronJob's only. */
static void map_template_own(struct pctx *pc)
{
	const struct tree *own = pc->cx->template_own;
	for (uint32_t i = 0; own && i < own->map.n; i++) {
		const struct tree *t = own->map.v[i].value;
		const char *path = arena_printf(pc->a, "spec.jobTemplate.spec.%s", own->map.v[i].key);
		report(pc->cx, R_JOB951, node_span(pc->cx, t), node_value(t), path, NULL,
		       "%s cannot be written as a Planton %s: Planton's %s has it for the CronJob only",
		       path, pc->kind, pc->kind);
		pc->cx->failed = true;
	}
}

static void map_spec(struct pctx *pc)
{
	bool cron = pc->cx->cron;
	const struct tree *spec = tree_get(pc->cx->obj, "spec");
	for (uint32_t i = 0; i < spec->map.n; i++) {
		const struct tree_entry *e = &spec->map.v[i];
		const char *path = arena_printf(pc->a, "spec.%s", e->key);
		if (!strcmp(e->key, "template")) {
			map_pod(pc, e->value);
			continue;
		}
		/* the field that set it, and where Planton has it */
		const struct field *f = field_at_k8s(&schema_job, path);
		if (!f || !f->planton) {
			unsupported(pc, e->value, path,
			            arena_printf(pc->a, "Planton's %s has no such field", pc->kind));
			continue;
		}
		if (cron && (f->flags & F_PLANTON_NO_CRON)) {
			unsupported(pc, e->value, path,
			            "Planton's KubernetesCronJob does not have it (only its KubernetesJob "
			            "does)");
			continue;
		}
		if (is_zero(e->value) && f->planton_zero) {
			preport(pc, R_JOB957, e->value, f->planton, "%s", f->planton_zero);
			continue;
		}
		tree_set_path(pc->a, pc->m, f->planton, e->value);
	}
	if (!cron && tree_get(spec, "parallelism") && !tree_get(spec, "completions"))
		preport(pc, R_JOB957, tree_get(spec, "parallelism"), "spec.completions",
		        "parallelism without completions is a work queue (done when any pod succeeds), "
		        "which Planton cannot express: it always writes completions (default 1); set "
		        "completions");
	schema_defaults(pc, &schema_job, false);
}

/* ---- the pod and its container ---------------------------------------------- */

static const char *const pod_reason =
	"Planton sets no pod fields but the restart policy and the volumes of its one container";
static const char *const container_reason =
	"Planton's one container has only image, command, args, env, resources and volume mounts";

static void map_container(struct pctx *pc, const struct tree *c, const struct tree *volumes);

static void map_pod(struct pctx *pc, const struct tree *tmpl)
{
	const struct tree *labels = tree_path(pc->cx->obj, "metadata.labels");
	const struct tree *tmeta = tree_get(tmpl, "metadata");
	for (uint32_t i = 0; tmeta && i < tmeta->map.n; i++) {
		const struct tree_entry *e = &tmeta->map.v[i];
		if (!strcmp(e->key, "labels")) {
			/* the job's labels are copied here; what else is here is pod-labels */
			for (uint32_t k = 0; k < e->value->map.n; k++) {
				const struct tree_entry *l = &e->value->map.v[k];
				if (tree_get(labels, l->key) != l->value) {
					unsupported(pc, l->value, "spec.template.metadata.labels",
					            "Planton puts only its own labels on the pods");
					break;
				}
			}
			continue;
		}
		unsupported(pc, e->value, arena_printf(pc->a, "spec.template.metadata.%s", e->key),
		            "Planton puts only its own labels on the pods");
	}
	const struct tree *pod = tree_get(tmpl, "spec");
	const struct tree *volumes = tree_get(pod, "volumes");
	for (uint32_t i = 0; i < pod->map.n; i++) {
		const struct tree_entry *e = &pod->map.v[i];
		if (!strcmp(e->key, "restartPolicy")) {
			if (user_set(e->value) || pc->cx->opt->explicit_defaults)
				tree_set(pc->a, pc->spec, "restartPolicy", e->value);
		} else if (!strcmp(e->key, "containers")) {
			for (uint32_t k = 1; k < e->value->list.n; k++) {
				const struct tree *name = tree_get(e->value->list.v[k], "name");
				report(pc->cx, R_JOB951, node_span(pc->cx, name), node_value(name),
				       arena_printf(pc->a, "spec.template.spec.containers[%u]", k), NULL,
				       "'container %.*s' cannot be written as a Planton %s: Planton's job has "
				       "exactly one container",
				       (int)name->str.len, name->str.s, pc->kind);
				pc->cx->failed = true;
			}
			map_container(pc, e->value->list.v[0], volumes);
		} else if (strcmp(e->key, "volumes") != 0) {
			unsupported(pc, e->value, arena_printf(pc->a, "spec.template.spec.%s", e->key),
			            pod_reason);
		}
	}
}

/* image = "registry:5000/team/app:1.2" -> {repo: registry:5000/team/app, tag: "1.2"} */
static void map_image(struct pctx *pc, struct tree *image)
{
	const char *s = image->str.s;
	uint32_t n = image->str.len;
	struct image_ref ref;
	image_parse(s, n, &ref);
	if (ref.digest) {
		preport(pc, R_JOB954, image, "spec.image",
		        "a Planton image is a repo and a tag, so an image by digest cannot be written; "
		        "use a tag");
		return;
	}
	struct tree *img = tree_map(pc->a);
	img->span = image->span;
	img->src = image->src;
	struct tree *repo, *tag;
	if (ref.tag) {
		if (!ref.tag_len) {
			preport(pc, R_JOB954, image, "spec.image.tag",
			        "image '%.*s' has an empty tag, which Planton would write as an invalid "
			        "image",
			        (int)n, s);
			return;
		}
		repo = tree_str(pc->a, s, ref.repo_len);
		tag = tree_str(pc->a, ref.tag, ref.tag_len);
	} else {
		/* no tag means latest, to Kubernetes as to Planton's repo:tag */
		repo = tree_str(pc->a, s, n);
		tag = pstr(pc, "latest");
	}
	repo->span = tag->span = image->span;
	repo->src = tag->src = image->src;
	tree_set(pc->a, img, "repo", repo);
	tree_set(pc->a, img, "tag", tag);
	tree_set(pc->a, pc->spec, "image", img);
}

static int name_cmp(const struct tree *a, const struct tree *b)
{
	uint32_t n = a->str.len < b->str.len ? a->str.len : b->str.len;
	int c = memcmp(a->str.s, b->str.s, n);
	return c ? c : (a->str.len > b->str.len) - (a->str.len < b->str.len);
}

/* The position of variable i in Planton's order: variables by name, then
 * secrets by name (after HOSTNAME and K8S_POD_ID). */
static int planton_rank(const struct tree *env, uint32_t i)
{
	const struct tree *x = env->list.v[i];
	bool secret = tree_path(x, "valueFrom.secretKeyRef") != NULL;
	int rank = 0;
	for (uint32_t k = 0; k < env->list.n; k++) {
		const struct tree *y = env->list.v[k];
		bool ysecret = tree_path(y, "valueFrom.secretKeyRef") != NULL;
		int c = ysecret != secret ? (ysecret ? 1 : -1)
		                          : name_cmp(tree_get(y, "name"), tree_get(x, "name"));
		if (c < 0)
			rank++;
	}
	return rank;
}

static int env_index(const struct tree *env, const char *name, size_t len)
{
	for (uint32_t k = 0; k < env->list.n; k++) {
		const struct tree *n = tree_get(env->list.v[k], "name");
		if (n->str.len == len && !memcmp(n->str.s, name, len))
			return (int)k;
	}
	return -1;
}

/* $(NAME) references: Kubernetes expands one only if NAME comes earlier in
 * the list, so Planton's order must keep every answer. */
static void check_env_refs(struct pctx *pc, const struct tree *env, uint32_t i)
{
	const struct tree *val = tree_get(env->list.v[i], "value");
	if (!val)
		return;
	const char *ref;
	size_t rlen;
	for (size_t p = 0; k8s_var_ref(val->str.s, val->str.len, &p, &ref, &rlen);) {
		bool inj = planton_injected(ref, rlen) != NULL;
		int j = env_index(env, ref, rlen);
		bool in_k8s = j >= 0 && (uint32_t)j < i;
		bool in_planton = inj || (j >= 0 && planton_rank(env, (uint32_t)j) <
		                                        planton_rank(env, i));
		if (in_k8s != in_planton) {
			const struct tree *name = tree_get(env->list.v[i], "name");
			if (in_k8s)
				preport(pc, R_JOB956, val, "spec.env.variables",
				        "'%.*s' refers to $(%.*s), which Kubernetes expands because it comes "
				        "first, but Planton's order (its own HOSTNAME and K8S_POD_ID, then "
				        "variables by name, then secrets) puts it after '%.*s'",
				        (int)name->str.len, name->str.s, (int)rlen, ref, (int)name->str.len,
				        name->str.s);
			else
				preport(pc, R_JOB956, val, "spec.env.variables",
				        "'%.*s' refers to $(%.*s), which Kubernetes leaves as written%s, but "
				        "Planton's order (its own HOSTNAME and K8S_POD_ID, then variables by "
				        "name, then secrets) would expand it",
				        (int)name->str.len, name->str.s, (int)rlen, ref,
				        inj ? "" : " because it comes later");
			return;
		}
	}
}

/* $(HOSTNAME) and $(K8S_POD_ID) in the strings of field f, which
 * Kubernetes expands (command, args): Planton's container defines both,
 * the job's own does not (a variable of either name is refused), so
 * Planton's Job would read what jobc's leaves as written. */
static void check_injected_refs(struct pctx *pc, const struct field *f, const struct tree *v)
{
	for (uint32_t i = 0; v->kind == TREE_LIST && i < v->list.n; i++) {
		const struct tree *x = v->list.v[i];
		const char *ref, *what;
		size_t rlen;
		if (x->kind == TREE_STR &&
		    (what = planton_injected_ref(x->str.s, x->str.len, &ref, &rlen)))
			preport(pc, R_JOB956, x, f->planton,
			        "'%s' refers to $(%.*s), which Kubernetes leaves as written in the job, but "
			        "Planton sets %.*s (to %s) in its container, where it would be "
			        "expanded; write $$(%.*s) to keep the text",
			        f->name, (int)rlen, ref, (int)rlen, ref, what, (int)rlen, ref);
	}
}

static void map_env(struct pctx *pc, const struct tree *env)
{
	struct tree *vars = tree_map(pc->a), *secrets = tree_map(pc->a);
	for (uint32_t i = 0; i < env->list.n; i++) {
		const struct tree *x = env->list.v[i];
		const struct tree *name = tree_get(x, "name");
		const char *set_to = planton_injected(name->str.s, name->str.len);
		if (set_to) {
			preport(pc, R_JOB956, name, "spec.env",
			        "Planton sets %.*s itself (to %s), before the job's variables; a variable "
			        "of that name would be a duplicate",
			        (int)name->str.len, name->str.s, set_to);
			continue;
		}
		const struct tree *val = tree_get(x, "value");
		const struct tree *secret = tree_path(x, "valueFrom.secretKeyRef");
		if (val) {
			if (!val->str.len) {
				preport(pc, R_JOB956, val, "spec.env.variables",
				        "Planton drops a variable whose value is empty, so '%.*s' would not be "
				        "set",
				        (int)name->str.len, name->str.s);
				continue;
			}
			check_env_refs(pc, env, i);
			struct tree *v = tree_map(pc->a);
			tree_set(pc->a, v, "value", (struct tree *)(uintptr_t)val);
			tree_set(pc->a, vars, arena_strndup(pc->a, name->str.s, name->str.len), v);
		} else if (secret) {
			struct tree *ref = tree_map(pc->a);
			tree_set(pc->a, ref, "name", tree_get(secret, "name"));
			if (tree_get(secret, "key"))
				tree_set(pc->a, ref, "key", tree_get(secret, "key"));
			struct tree *v = tree_map(pc->a);
			tree_set(pc->a, v, "secretRef", ref);
			tree_set(pc->a, secrets, arena_strndup(pc->a, name->str.s, name->str.len), v);
		} else {
			const struct tree *from = tree_get(x, "valueFrom");
			const char *what = tree_get(from, "configMapKeyRef")    ? "a configmap() value"
			                   : tree_get(from, "fieldRef")         ? "a field() value"
			                   : tree_get(from, "resourceFieldRef") ? "a resource() value"
			                                                        : "a valueFrom reference";
			preport(pc, R_JOB956, from, "spec.env",
			        "Planton's env has plain values and Secret references only; %.*s is %s",
			        (int)name->str.len, name->str.s, what);
		}
	}
	struct tree *e = tree_map(pc->a);
	if (vars->map.n)
		tree_set(pc->a, e, "variables", vars);
	if (secrets->map.n)
		tree_set(pc->a, e, "secrets", secrets);
	if (e->map.n)
		tree_set(pc->a, pc->spec, "env", e);
}

static bool qless(const struct tree *a, const char *b)
{
	struct quantity qa, qb;
	const char *why;
	if (!quantity_parse(a->str.s, a->str.len, &qa, &why) ||
	    !quantity_parse(b, (uint32_t)strlen(b), &qb, &why))
		return false;
	return qa.nanos < qb.nanos;
}

/* All four of requests and limits of cpu and memory (JOB955). */
static void map_resources(struct pctx *pc, const struct tree *res, const struct tree *at)
{
	static const char *const names[] = {"cpu", "memory"};
	static const char *const dreq[] = {"50m", "100Mi"}, *const dlim[] = {"1000m", "1Gi"};
	const struct tree *req = tree_get(res, "requests"), *lim = tree_get(res, "limits");
	const struct tree *maps[] = {req, lim};
	for (size_t m = 0; m < 2; m++)
		for (uint32_t i = 0; maps[m] && i < maps[m]->map.n; i++) {
			const char *k = maps[m]->map.v[i].key;
			/* an extended resource is one node in both maps: report it once */
			if (m == 1 && tree_get(req, k) == maps[m]->map.v[i].value)
				continue;
			if (strcmp(k, "cpu") && strcmp(k, "memory"))
				unsupported_in(pc, &schema_container, maps[m]->map.v[i].value, "resources",
				               arena_printf(pc->a, "spec.template.spec.containers[0].resources.%s[%s]",
				                            m ? "limits" : "requests", k),
				               "Planton's resources have only cpu and memory");
		}
	const struct tree *claims = tree_get(res, "claims");
	if (claims)
		unsupported_in(pc, &schema_container, claims, "resources",
		               "spec.template.spec.containers[0].resources.claims",
		               "Planton's resources have only cpu and memory");
	struct tree *oreq = tree_map(pc->a), *olim = tree_map(pc->a);
	struct buf filled = BUF_INIT;
	for (size_t k = 0; k < 2; k++) {
		struct tree *r = tree_get(req, names[k]), *l = tree_get(lim, names[k]);
		if (!r && l) {
			r = l; /* Kubernetes defaults a missing request to the limit */
		} else if (!r) {
			r = pstr(pc, dreq[k]);
			buf_printf(&filled, "%srequests.%s = %s (Planton's default)", filled.len ? ", " : "",
			           names[k], dreq[k]);
		}
		if (!l) {
			/* Kubernetes would set no limit; Planton cannot say that */
			l = qless(r, dlim[k]) || !r->src ? pstr(pc, dlim[k]) : r;
			buf_printf(&filled, "%slimits.%s = %.*s (%s)", filled.len ? ", " : "", names[k],
			           (int)l->str.len, l->str.s,
			           l == r ? "the request, which is above Planton's default" : "Planton's default");
		}
		tree_set(pc->a, oreq, names[k], r);
		tree_set(pc->a, olim, names[k], l);
	}
	if (filled.len)
		preport(pc, R_JOB955, res ? res : at, "spec.resources",
		        "Planton needs cpu and memory requests and limits; jobc wrote %s", filled.data);
	buf_free(&filled);
	struct tree *o = tree_map(pc->a);
	tree_set(pc->a, o, "requests", oreq);
	tree_set(pc->a, o, "limits", olim);
	tree_set(pc->a, pc->spec, "resources", o);
}

/* JOB951: what src (a volume's source at key, or its mount) has beyond the
 * keys Planton's has (keep, NULL-terminated). */
static bool planton_keeps(struct pctx *pc, const struct tree *src, const char *key,
                          const char *const *keep, const char *reason)
{
	bool ok = true;
	for (uint32_t i = 0; src && src->kind == TREE_MAP && i < src->map.n; i++) {
		const char *k = src->map.v[i].key;
		const char *const *w = keep;
		while (*w && strcmp(*w, k))
			w++;
		if (*w)
			continue;
		const char *at = *key ? arena_printf(pc->a, "%s.%s", key, k) : k;
		unsupported_in(pc, &schema_volume, src->map.v[i].value, at,
		               arena_printf(pc->a, "spec.template.spec.%s.%s",
		                            *key ? "volumes[*]" : "containers[0].volumeMounts[*]", at),
		               reason);
		ok = false;
	}
	return ok;
}

/* A pod volume's source in Planton's words. */
static struct tree *volume_source(struct pctx *pc, const struct tree *vol, const char **key)
{
	struct arena *a = pc->a;
	for (uint32_t i = 0; i < vol->map.n; i++) {
		const struct tree_entry *e = &vol->map.v[i];
		const struct tree *src = e->value;
		struct tree *out = tree_map(a);
		if (!strcmp(e->key, "name")) {
			continue;
		} else if (!strcmp(e->key, "configMap") || !strcmp(e->key, "secret")) {
			bool cm = e->key[0] == 'c';
			*key = cm ? "configMap" : "secret";
			static const char *const keep[] = {"name", "secretName", "items", "defaultMode", NULL};
			static const char *const keep_item[] = {"key", "path", NULL};
			const char *why = "Planton's config map and secret volumes have a name, all keys or "
			                  "one key's path, and a default mode";
			const struct tree *its = tree_get(src, "items");
			if (!planton_keeps(pc, src, e->key, keep, why) ||
			    (its && its->list.n == 1 &&
			     !planton_keeps(pc, its->list.v[0], arena_printf(a, "%s.items[0]", e->key),
			                    keep_item, why)))
				return NULL;
			tree_set(a, out, "name", tree_get(src, cm ? "name" : "secretName"));
			const struct tree *items = tree_get(src, "items");
			if (items && items->list.n > 1) {
				preport(pc, R_JOB958, items->list.v[1], "spec.volumeMounts",
				        "a Planton %s volume maps all its keys or one of them; this one maps %u",
				        cm ? "config map" : "secret", items->list.n);
				return NULL;
			}
			if (items && items->list.n == 1) {
				tree_set(a, out, "key", tree_get(items->list.v[0], "key"));
				tree_set(a, out, "path", tree_get(items->list.v[0], "path"));
			}
			/* default-mode: a 0 is left out by Planton's module (> 0 only) */
			const struct field *df = field_at_k8s(&schema_volume, "defaultMode");
			struct tree *mode = tree_get(src, df->k8s);
			if (is_zero(mode) && df->planton_zero) {
				preport(pc, R_JOB957, mode,
				        arena_printf(a, "spec.volumeMounts[*].%s.defaultMode", *key), "%s",
				        df->planton_zero);
				return NULL;
			}
			if (mode)
				tree_set(a, out, "defaultMode", mode);
		} else if (!strcmp(e->key, "persistentVolumeClaim")) {
			*key = "pvc";
			static const char *const keep[] = {"claimName", NULL};
			if (!planton_keeps(pc, src, e->key, keep, "Planton's claim volumes have a claim name"))
				return NULL;
			tree_set(a, out, "claimName", tree_get(src, "claimName"));
		} else if (!strcmp(e->key, "emptyDir")) {
			*key = "emptyDir";
			for (uint32_t k = 0; k < src->map.n; k++)
				tree_set(a, out, src->map.v[k].key, src->map.v[k].value);
		} else if (!strcmp(e->key, "hostPath")) {
			*key = "hostPath";
			const struct tree *type = tree_get(src, "type");
			static const char *const keep[] = {"path", "type", NULL};
			if (!planton_keeps(pc, src, e->key, keep, "Planton's host path volumes have a path"))
				return NULL;
			if (type && !(type->kind == TREE_STR && !type->str.len)) {
				unsupported_in(pc, &schema_volume, type, "hostPath.type",
				               "spec.template.spec.volumes[*].hostPath.type",
				               "Planton's host path volumes have a path, unchecked");
				return NULL;
			}
			tree_set(a, out, "path", tree_get(src, "path"));
		} else {
			unsupported_in(pc, &schema_volume, src, e->key,
			               arena_printf(a, "spec.template.spec.volumes[*].%s", e->key),
			               "Planton's volumes are config maps, secrets, host paths, empty dirs and "
			               "claims");
			return NULL;
		}
		return out;
	}
	return NULL;
}

static void map_mounts(struct pctx *pc, const struct tree *mounts, const struct tree *volumes)
{
	struct tree *out = tree_list(pc->a);
	for (uint32_t v = 0; volumes && v < volumes->list.n; v++) {
		const struct tree *vol = volumes->list.v[v];
		const struct tree *vname = tree_get(vol, "name");
		const struct tree *mount = NULL;
		unsigned count = 0;
		for (uint32_t i = 0; mounts && i < mounts->list.n; i++) {
			const struct tree *n = tree_get(mounts->list.v[i], "name");
			if (n->str.len == vname->str.len && !memcmp(n->str.s, vname->str.s, n->str.len)) {
				if (++count == 2)
					preport(pc, R_JOB958, mounts->list.v[i], "spec.volumeMounts",
					        "Planton makes one volume per mount, named after it; volume "
					        "'%.*s' is mounted twice",
					        (int)vname->str.len, vname->str.s);
				mount = mount ? mount : mounts->list.v[i];
			}
		}
		if (!mount) {
			preport(pc, R_JOB958, vname, "spec.volumeMounts",
			        "a Planton volume exists only as a mount of its one container; volume '%.*s' "
			        "has no mount",
			        (int)vname->str.len, vname->str.s);
			continue;
		}
		const struct tree *path = tree_get(mount, "mountPath");
		if (!path->str.len || path->str.s[0] != '/') {
			preport(pc, R_JOB958, path, "spec.volumeMounts[*].mountPath",
			        "Planton mounts volumes at absolute paths; '%.*s' is not one",
			        (int)path->str.len, path->str.s);
			continue;
		}
		static const char *const keep[] = {"name", "mountPath", "readOnly", "subPath", NULL};
		if (!planton_keeps(pc, mount, "", keep,
		                   "Planton's volume mounts have a path, read-only and a sub-path"))
			continue;
		const char *key = NULL;
		struct tree *src = volume_source(pc, vol, &key);
		if (!src)
			continue;
		struct tree *m = tree_map(pc->a);
		tree_set(pc->a, m, "name", (struct tree *)(uintptr_t)vname);
		tree_set(pc->a, m, "mountPath", (struct tree *)(uintptr_t)path);
		struct tree *ro = tree_get(mount, "readOnly"), *sub = tree_get(mount, "subPath");
		if (ro)
			tree_set(pc->a, m, "readOnly", ro);
		if (sub)
			tree_set(pc->a, m, "subPath", sub);
		tree_set(pc->a, m, key, src);
		tree_push(pc->a, out, m);
	}
	if (out->list.n)
		tree_set(pc->a, pc->spec, "volumeMounts", out);
}

static void map_container(struct pctx *pc, const struct tree *c, const struct tree *volumes)
{
	const char *base = "spec.template.spec.containers[0]";
	const struct tree *mounts = NULL;
	bool have_resources = false;
	for (uint32_t i = 0; i < c->map.n; i++) {
		const struct tree_entry *e = &c->map.v[i];
		struct tree *v = e->value;
		if (!strcmp(e->key, "name")) {
			/* Planton's own name may be said (a job whose name has dots
			 * must name its container) */
			const char *own = planton_container(pc->cx->cron);
			if (user_set(v) && (v->str.len != strlen(own) || memcmp(v->str.s, own, v->str.len)))
				unsupported(pc, v, "spec.template.spec.containers[0].name",
				            arena_printf(pc->a,
				                         "Planton names its container %s, the only name it "
				                         "can have here",
				                         own));
			continue;
		}
		const struct field *f = field_at_k8s(&schema_container, e->key);
		if (!f || !f->planton) {
			unsupported_in(pc, &schema_container, v, e->key,
			               arena_printf(pc->a, "%s.%s", base, e->key), container_reason);
		} else if (!strcmp(e->key, "image")) {
			/* the fields Planton spells its own way (import_planton.c's
			 * planton_forms read them back) */
			map_image(pc, v);
		} else if (!strcmp(e->key, "env")) {
			map_env(pc, v);
		} else if (!strcmp(e->key, "resources")) {
			have_resources = true;
			map_resources(pc, v, v);
		} else if (!strcmp(e->key, "volumeMounts")) {
			mounts = v;
		} else {
			if (f->flags & F_EXPANDS)
				check_injected_refs(pc, f, v);
			tree_set_path(pc->a, pc->m, f->planton, v); /* as Kubernetes writes it */
		}
	}
	if (!have_resources)
		map_resources(pc, NULL, tree_path(pc->cx->obj, "metadata.name"));
	/* mounts of volumes the job does not declare cannot happen (JOB704) */
	map_mounts(pc, mounts, volumes);
}

/* ---- --defaults explicit ------------------------------------------------- */

/* --defaults explicit: Planton's defaults (the table's) of every field
 * Planton has, the 0s that mean "not set" to it included */
static void explicit_defaults(struct pctx *pc)
{
	schema_defaults(pc, &schema_job, true);
	schema_defaults(pc, field_find(&schema_job, "planton")->sub, true);
}

/* A field of the Job spec that this kind has no place for (a
 * KubernetesCronJob has no deadline, ttl, completions, parallelism or
 * completion mode), or that Planton has not at all.  Paths the Job spec's
 * table does not name (the pod's, the container's) are judged by the
 * mapping itself. */
bool planton_carries(const struct job_ctx *cx, const char *path)
{
	const struct field *f = field_at_k8s(&schema_job, path);
	if (!f)
		return true;
	return f->planton && !(cx->cron && (f->flags & F_PLANTON_NO_CRON));
}

struct tree *planton_lower(struct job_ctx *cx)
{
	struct pctx pc = {cx, cx->a, NULL, NULL, NULL, cx->cron ? "KubernetesCronJob" : "KubernetesJob"};
	unsigned before = cx->d->errors;
	bool failed = cx->failed;
	cx->failed = false;
	pc.m = tree_map(pc.a);
	tree_set(pc.a, pc.m, "apiVersion", pstr(&pc, PLANTON_API));
	tree_set(pc.a, pc.m, "kind", pstr(&pc, pc.kind));
	pc.meta = tree_child_map(pc.a, pc.m, "metadata");
	pc.spec = tree_child_map(pc.a, pc.m, "spec");
	map_name(&pc);
	map_job_metadata(&pc);
	map_aside(&pc);
	map_namespace(&pc);
	map_spec(&pc);
	map_template_own(&pc);
	map_settings(&pc);
	if (cx->opt->explicit_defaults)
		explicit_defaults(&pc);
	bool ok = cx->d->errors == before && !cx->failed;
	cx->failed = failed || cx->failed;
	if (!ok)
		return NULL;
	tree_sort(pc.m);
	return pc.m;
}
