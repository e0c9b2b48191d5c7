/* import_planton.c - jobc import of a Project Planton KubernetesJob or
 * KubernetesCronJob, by the field table's Planton paths; see import_int.h.
 *
 * A field whose Planton form is its Kubernetes value (parallelism,
 * schedule, command, ...) is read at its Planton path, with Planton's
 * defaults where they are not the API server's (the table's
 * planton_default); the few Planton spells its own way (the image as repo
 * and tag, env as variables and secrets, a volume as its mount) have a
 * function here, the inverse of emit_planton.c's.  What only a Planton
 * manifest says goes in the planton { } block.
 */
#include "import_int.h"

#include <stdio.h>
#include <string.h>

#include "fields.h"

/* image {repo, tag} -> image = "repo:tag" */
static void planton_image(struct imp *im, const struct field *f, struct tree *doc)
{
	struct tree *img = imp_take(doc, "spec.image");
	if (!img)
		return;
	struct tree *repo = imp_take(img, "repo"), *tag = imp_take(img, "tag");
	struct tree *pull = imp_take(img, "pullSecretName");
	if (pull)
		import_dropped(im, "spec.image.pullSecretName (Planton ignores it)");
	if (repo && repo->kind == TREE_STR) {
		char *s = arena_printf(im->a, "%.*s%s%s", (int)repo->str.len, repo->str.s, tag ? ":" : "",
		                       tag ? imp_text(im, tag) : "");
		out_fmt(im, "%s = ", f->name);
		out_str(im, s, strlen(s));
		out_fmt(im, "\n");
	}
	imp_leftovers(im, img, "spec.image");
}

/* resources: the four quantities, as Kubernetes writes them */
static void planton_resources(struct imp *im, const struct field *f, struct tree *doc)
{
	struct tree *res = imp_take(doc, f->planton);
	if (!res)
		return;
	struct tree holder;
	memset(&holder, 0, sizeof holder);
	holder.kind = TREE_MAP;
	tree_append(im->a, &holder, f->k8s, res);
	f->shape->raise(im, f, &holder, "spec");
}

/* $(HOSTNAME) and $(K8S_POD_ID) in t (a string or a list of them, at path)
 * that Kubernetes expands: Planton's module sets both variables, which a
 * job cannot set for Planton (JOB956), so jobc cannot say what t means. */
static void planton_refs(struct imp *im, const struct tree *t, const char *path)
{
	for (uint32_t i = 0; t->kind == TREE_LIST && i < t->list.n; i++)
		planton_refs(im, t->list.v[i], arena_printf(im->a, "%s[%u]", path, i));
	const char *ref, *what;
	size_t rlen;
	if (t->kind == TREE_STR &&
	    (what = planton_injected_ref(t->str.s, t->str.len, &ref, &rlen)))
		import_error(im, t->span,
		             "%s refers to $(%.*s), which Planton's module sets to %s; a jobc job "
		             "cannot set it for Planton (JOB956)",
		             path, (int)rlen, ref, what);
}

/* env {variables, secrets} -> env { NAME = "v"; S = secret("n", "k") } */
static void planton_env(struct imp *im, const struct field *f, struct tree *doc)
{
	(void)f;
	struct tree *spec = imp_peek(doc, "spec");
	struct tree *env_ = imp_take(spec, "env");
	if (env_) {
		struct tree *vars = imp_take_as(im, env_, "variables", TREE_MAP, "spec.env");
		struct tree *secrets = imp_take_as(im, env_, "secrets", TREE_MAP, "spec.env");
		if ((vars && vars->map.n) || (secrets && secrets->map.n))
			out_fmt(im, "env {\n");
		for (uint32_t i = 0; vars && i < vars->map.n; i++) {
			struct tree *v = vars->map.v[i].value;
			struct tree *val = imp_take(v, "value");
			char *vp = arena_printf(im->a, "spec.env.variables.%s", vars->map.v[i].key);
			if (val)
				planton_refs(im, val, arena_printf(im->a, "%s.value", vp));
			out_key(im, vars->map.v[i].key);
			out_fmt(im, " = ");
			if (val)
				out_scalar(im, val);
			else
				out_fmt(im, "\"\"");
			out_fmt(im, "\n");
			imp_leftovers(im, v, vp);
		}
		for (uint32_t i = 0; secrets && i < secrets->map.n; i++) {
			struct tree *v = secrets->map.v[i].value;
			struct tree *ref = imp_take(v, "secretRef");
			struct tree *n = ref ? imp_take(ref, "name") : NULL, *k = ref ? imp_take(ref, "key") : NULL;
			if (ref)
				imp_take(ref, "namespace");
			out_key(im, secrets->map.v[i].key);
			out_fmt(im, " = ");
			if (n && k) {
				out_fmt(im, "secret(");
				out_scalar(im, n);
				out_fmt(im, ", ");
				out_scalar(im, k);
				out_fmt(im, ")");
			} else {
				struct tree *lit = imp_take(v, "value");
				import_error(im, lit ? lit->span : v->span,
				       "spec.env.secrets.%s: a literal secret would be a literal variable in "
				       "jobc; put it in a Secret and write secret(\"name\", \"key\")",
				       secrets->map.v[i].key);
				out_fmt(im, "\"\"");
			}
			out_fmt(im, "\n");
			imp_leftovers(im, v, arena_printf(im->a, "spec.env.secrets.%s", secrets->map.v[i].key));
		}
		if ((vars && vars->map.n) || (secrets && secrets->map.n))
			out_fmt(im, "}\n");
		imp_leftovers(im, env_, "spec.env");
	}
}

/* volumeMounts, each a mount and its volume -> volume NAME { ...; mount } */
static void planton_volumes(struct imp *im, const struct field *f, struct tree *doc)
{
	(void)f;
	struct tree *spec = imp_peek(doc, "spec");
	struct tree *vms = imp_take(spec, "volumeMounts");
	for (uint32_t i = 0; vms && vms->kind == TREE_LIST && i < vms->list.n; i++) {
		struct tree *m = vms->list.v[i];
		char *mp = arena_printf(im->a, "spec.volumeMounts[%u]", i);
		struct tree *n = imp_take(m, "name"), *path = imp_take(m, "mountPath");
		struct tree *ro = imp_take(m, "readOnly"), *sub = imp_take(m, "subPath");
		out_fmt(im, "volume ");
		if (n)
			out_key(im, imp_text(im, n));
		out_fmt(im, " {\n");
		struct tree *src = imp_take(m, "configMap");
		bool is_cm = src != NULL;
		if (!src)
			src = imp_take(m, "secret");
		if (src) {
			struct tree *sn = imp_take(src, "name"), *key = imp_take(src, "key"), *p = imp_take(src, "path");
			struct tree *dm = imp_take(src, "defaultMode");
			out_fmt(im, "%s = ", is_cm ? "configmap" : "secret");
			out_required(im, sn, src,
			             arena_printf(im->a, "%s.%s.name", mp, is_cm ? "configMap" : "secret"));
			out_fmt(im, "\n");
			if (key) {
				out_fmt(im, "items { ");
				out_key(im, imp_text(im, key));
				out_fmt(im, " = ");
				out_scalar(im, p ? p : key);
				out_fmt(im, " }\n");
			}
			/* a 0 is no mode to Planton's module (the table's planton_zero) */
			const struct field *df = field_at_k8s(&schema_volume, "defaultMode");
			if (dm && dm->kind == TREE_INT && !(dm->i == 0 && df->planton_zero)) {
				out_fmt(im, "default-mode = ");
				out_mode(im, dm->i);
				out_fmt(im, "\n");
			}
			imp_leftovers(im, src, arena_printf(im->a, "%s.%s", mp, is_cm ? "configMap" : "secret"));
		} else if ((src = imp_take(m, "emptyDir"))) {
			struct tree *med = imp_take(src, "medium"), *sz = imp_take(src, "sizeLimit");
			out_fmt(im, "empty-dir = true\n");
			if (imp_is_str(med, "Memory"))
				out_fmt(im, "memory = true\n");
			if (sz) {
				out_fmt(im, "size-limit = ");
				out_quantity(im, sz);
				out_fmt(im, "\n");
			}
			imp_leftovers(im, src, arena_printf(im->a, "%s.emptyDir", mp));
		} else if ((src = imp_take(m, "pvc"))) {
			struct tree *cn = imp_take(src, "claimName");
			out_fmt(im, "pvc = ");
			out_required(im, cn, src, arena_printf(im->a, "%s.pvc.claimName", mp));
			out_fmt(im, "\n");
			imp_leftovers(im, src, arena_printf(im->a, "%s.pvc", mp));
		} else if ((src = imp_take(m, "hostPath"))) {
			struct tree *hp = imp_take(src, "path");
			out_fmt(im, "host-path = ");
			out_required(im, hp, src, arena_printf(im->a, "%s.hostPath.path", mp));
			out_fmt(im, "\n");
			imp_leftovers(im, src, arena_printf(im->a, "%s.hostPath", mp));
		}
		if (path) {
			out_fmt(im, "mount = ");
			out_scalar(im, path);
			out_fmt(im, "\n");
		}
		if (ro && ro->kind == TREE_BOOL && ro->b)
			out_fmt(im, "read-only = true\n");
		if (sub) {
			out_fmt(im, "sub-path = ");
			out_scalar(im, sub);
			out_fmt(im, "\n");
		}
		out_fmt(im, "}\n");
		imp_leftovers(im, m, mp);
	}
}

/* provisioner: the value of a label of the manifest */
static void planton_provisioner(struct imp *im, const struct field *f, struct tree *doc)
{
	static const char key[] = "project-planton.org/provisioner";
	struct tree *labels = imp_peek(doc, "metadata.labels");
	struct tree *prov = labels && labels->kind == TREE_MAP ? tree_get(labels, key) : NULL;
	if (!prov)
		return;
	tree_remove(labels, key);
	imp_touch(labels);
	raise_value(im, f, prov, f->planton);
}

/* The fields Planton spells its own way, by Planton path. */
static const struct {
	const char *path;
	void (*raise)(struct imp *im, const struct field *f, struct tree *doc);
} planton_forms[] = {
	{"spec.image", planton_image},
	{"spec.resources", planton_resources},
	{"spec.env", planton_env},
	{"spec.volumeMounts", planton_volumes},
	{"metadata.labels[project-planton.org/provisioner]", planton_provisioner},
};

static void (*planton_form(const struct field *f))(struct imp *, const struct field *, struct tree *)
{
	for (size_t i = 0; i < sizeof planton_forms / sizeof *planton_forms; i++)
		if (!strcmp(planton_forms[i].path, f->planton))
			return planton_forms[i].raise;
	return NULL;
}

/* Whether the manifest's kind has field f (emit_planton.c's rule). */
static bool kind_has(const struct imp *im, const struct field *f)
{
	if (im->cron)
		return !(f->flags & F_PLANTON_NO_CRON);
	return !(f->flags & F_CRON) || (f->flags & F_JOB_TOO);
}

/* Whether field f of schema s is read here: it has a Planton path this kind
 * has; a Job's labels and annotations are the planton block's. */
static bool planton_field(const struct imp *im, const struct schema *s, const struct field *f)
{
	if (!f->planton || !kind_has(im, f))
		return false;
	return s != &schema_job || strncmp(f->planton, "metadata.", strlen("metadata."));
}

/* Takes out what Planton would write anyway: its defaults (the table's),
 * and a 0 that Planton leaves out (it writes none).  First, a field left
 * out whose Planton default is not the API server's (concurrencyPolicy:
 * Forbid) gets Planton's, which is what the manifest means. */
static void strip_defaults(struct imp *im, const struct schema *s, struct tree *doc)
{
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (planton_field(im, s, f) && !planton_form(f) && f->planton_default.kind != D_NONE &&
		    !imp_peek(doc, f->planton))
			tree_set_path(im->a, doc, f->planton, field_planton_default(im->a, f, doc));
	}
	for (bool again = true; again;) {
		again = false;
		for (unsigned i = 0; i < s->nfields; i++) {
			const struct field *f = &s->fields[i];
			if (!planton_field(im, s, f) || planton_form(f))
				continue;
			struct tree *t = imp_peek(doc, f->planton);
			struct tree *d = t ? field_default(im->a, f, doc) : NULL;
			if (t && ((f->planton_zero && imp_is_int(t, 0)) || (d && tree_equal(t, d)))) {
				imp_take(doc, f->planton);
				again = true;
			}
		}
	}
}

/* Field f of schema s, from its Planton path. */
static void planton_raise(struct imp *im, const struct schema *s, const struct field *f,
                          struct tree *doc)
{
	if (!planton_field(im, s, f))
		return;
	void (*form)(struct imp *, const struct field *, struct tree *) = planton_form(f);
	if (form) {
		form(im, f, doc);
		return;
	}
	if (f->shape && f->shape->raise && !strcmp(f->planton, f->k8s)) {
		f->shape->raise(im, f, doc, ""); /* the Kubernetes form, at the same path */
		return;
	}
	struct tree *t = imp_take(doc, f->planton);
	if (t && (f->flags & F_EXPANDS))
		planton_refs(im, t, f->planton);
	if (t && !(t->kind == TREE_LIST && !t->list.n))
		raise_value(im, f, t, f->planton);
}

void import_planton(struct imp *im, struct tree *doc, bool cron)
{
	struct tree *meta = imp_peek(doc, "metadata");
	struct tree *name = imp_take(meta, "name");
	if (!name || name->kind != TREE_STR) {
		import_error(im, doc->span, "a Planton manifest needs metadata.name");
		return;
	}
	im->name = imp_text(im, name);
	im->cron = cron;
	out_fmt(im, "job ");
	size_t from = im->out.len;
	out_key(im, im->name);
	imp_mark(im, from, name->span);
	out_fmt(im, " {\n");
	const struct schema *block = field_find(&schema_job, "planton")->sub;
	strip_defaults(im, &schema_job, doc);
	strip_defaults(im, block, doc);
	/* a name that is no DNS label (dots) cannot name the container, which
	 * then needs a name of its own: Planton's */
	const struct field *cname = field_at_k8s(&schema_job, "spec.template.spec.containers[0].name");
	if (!k8s_dns_label(im->name, strlen(im->name)))
		cname = NULL;
	bool main_done = false;
	for (unsigned i = 0; i < schema_job.nfields; i++) {
		const struct field *f = &schema_job.fields[i];
		if (f == cname)
			out_fmt(im, "%s = \"%s\"\n", f->name, planton_container(cron));
		if (f->type == FT_NAMED && !main_done) {
			/* the job's body is its one container's */
			for (unsigned k = 0; k < schema_container.nfields; k++)
				planton_raise(im, &schema_container, &schema_container.fields[k], doc);
			main_done = true;
		}
		planton_raise(im, &schema_job, f, doc);
	}
	/* what only the planton block says */
	struct buf saved = im->out;
	im->out = (struct buf)BUF_INIT;
	for (unsigned k = 0; k < block->nfields; k++)
		planton_raise(im, block, &block->fields[k], doc);
	struct buf pl = im->out;
	im->out = saved;
	if (pl.len) {
		out_fmt(im, "planton {\n");
		buf_put(&im->out, pl.data, pl.len);
		out_fmt(im, "}\n");
	}
	buf_free(&pl);
	out_fmt(im, "}\n");
	imp_leftovers(im, doc, "");
}
