/* shapes_volume.c - a volume block: a pod volume, and the main container's
 * mount of it, with the volume's fields whose Kubernetes form differs from
 * their jobc form (its projected sources, its downward-api files, the
 * items of a ConfigMap or Secret); see fields.h (struct shape).  Lower and
 * raise side by side. */
#include "fields.h"

#include <string.h>

#include "alloc.h"
#include "shapes.h"

/* ---- the fields of a source's own map (F_SOURCE) ------------------------------ */

/* The fields of the block v (of schema s) into target: a mount's (F_MOUNT)
 * into mount, a source's own (F_SOURCE: items, optional, default-mode)
 * into the map of its source (configMap, secret, ...) once every field is
 * in place; one without a source to go in is JOB703. */
static void lower_sourced(struct job_ctx *cx, const struct schema *s, const struct value *v,
                          struct tree *target, struct tree *mount, const char *path)
{
	struct tree *own = tree_map(cx->a);
	/* the source first, so that its own fields' paths name it
	 * (volumes[0].configMap.items) */
	for (int sourced = 0; sourced < 2; sourced++)
		for (uint32_t i = 0; i < v->map->n; i++) {
			const struct vmap_entry *e = &v->map->e[i];
			const struct field *f = field_find(s, e->key);
			if (!f || !(f->flags & F_SOURCE) != !sourced)
				continue;
			const char *key = sourced ? field_holder_key(f, target) : NULL;
			struct tree *into = f->flags & F_MOUNT ? mount : sourced ? own : target;
			lower_into(cx, f, e->value, into,
			           key && *key ? arena_printf(cx->a, "%s.%s", path, key) : path);
		}
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		struct tree *t = f->flags & F_SOURCE ? tree_get(own, f->k8s) : NULL;
		struct tree *h = t ? field_holder(f, target) : NULL;
		if (h) {
			tree_set(cx->a, h, f->k8s, t);
		} else if (t) {
			report(cx, R_JOB703, node_span(cx, t), node_value(t), path, NULL,
			       "'%s' goes with a %s %s", f->name,
			       f->flags & F_FILES ? "configmap, secret, source or downward-api"
			                          : "configmap or secret",
			       s == &schema_volume ? "volume" : "source");
			cx->failed = true;
		}
	}
}

/* Raises the fields of schema s from obj (at path): a source's own from
 * its map, a mount's (F_MOUNT) from the mount m (at mpath). */
static void raise_sourced(struct imp *im, const struct schema *s, struct tree *obj,
                          const char *path, struct tree *m, const char *mpath)
{
	for (unsigned j = 0; j < s->nfields; j++) {
		const struct field *f = &s->fields[j];
		const char *key = f->flags & F_MOUNT ? "" : field_holder_key(f, obj);
		struct tree *h = f->flags & F_MOUNT ? m : key ? field_holder(f, obj) : NULL;
		if (h)
			raise_field(im, f, h, f->flags & F_MOUNT ? mpath : import_path(im, path, key));
	}
}

/* ---- volumes: a pod volume and the main container's mount of it -------------- */

/* volume NAME { pvc = "claim"; mount = "/data" } -> a pod volume, and a
 * mount in the main container when mount is set. */
static void volume_item(struct job_ctx *cx, const struct field *volf, const char *name,
                        struct span name_span, const struct value *v, void *arg)
{
	struct tree *volumes = lower_list(cx, volf, arg);
	const char *path = arena_printf(cx->a, "%s[%u]", volf->k8s, volumes->list.n);
	struct tree *vol = lower_node(tree_map(cx->a), v);
	tree_set(cx->a, vol, "name", lower_name(cx, name, name_span, v));
	struct tree *mount = tree_map(cx->a); /* the mount's fields */
	lower_sourced(cx, volf->sub, v, vol, mount, path);
	tree_push(cx->a, volumes, vol);
	if (tree_get(mount, "mountPath")) {
		struct tree *m = lower_node(tree_map(cx->a), v);
		tree_set(cx->a, m, "name", lower_name(cx, name, name_span, v));
		for (uint32_t i = 0; i < mount->map.n; i++) {
			struct tree *t = mount->map.v[i].value;
			if (!(t->kind == TREE_BOOL && !t->b)) /* false: the zero value, left out */
				tree_set(cx->a, m, mount->map.v[i].key, t);
		}
		if (!cx->main_mounts)
			cx->main_mounts = tree_list(cx->a);
		tree_push(cx->a, cx->main_mounts, m);
	} else if (mount->map.n) {
		struct tree *t = mount->map.v[0].value;
		diag_error(cx->d, node_span(cx, t), NULL,
		           "'%s' describes the mount, and volume '%s' has no 'mount'",
		           field_at_k8s(volf->sub, mount->map.v[0].key)->name, name);
		note_provenance(cx, node_value(t));
		cx->failed = true;
	}
}

static struct tree *lower_volume(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 struct tree *target, const char *path)
{
	(void)path;
	lower_named(cx, f, v, volume_item, target);
	return NULL;
}

/* empty-dir = true for an emptyDir source (memory and size-limit fill it) */
static void raise_empty_dir(struct imp *im, const struct field *f, struct tree *vol,
                            const char *vp)
{
	(void)vp;
	struct tree *ed = imp_peek(vol, "emptyDir");
	if (!ed)
		return;
	imp_touch(ed);
	out_fmt(im, "%s = true\n", f->name);
}

/* empty-dir = true -> emptyDir: {} (its size-limit and memory fill it) */
static struct tree *lower_empty_dir(struct job_ctx *cx, const struct field *f, const struct value *v,
                                    struct tree *target, const char *path)
{
	struct tree *t = lower_value(cx, f, v, path);
	if (t && t->b && !tree_get(target, "emptyDir"))
		tree_set(cx->a, target, "emptyDir", lower_node(tree_map(cx->a), v));
	return NULL;
}

/* memory = true -> emptyDir.medium: Memory */
static struct tree *lower_memory(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 struct tree *target, const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	return t && t->b ? lower_node(tree_cstr(cx->a, "Memory"), v) : NULL;
}

static void raise_memory(struct imp *im, const struct field *f, struct tree *vol, const char *vp)
{
	struct tree *medium = imp_take(vol, f->k8s);
	if (imp_is_str(medium, "Memory"))
		out_fmt(im, "%s = true\n", f->name);
	else if (medium && !imp_is_str(medium, ""))
		import_error(im, medium->span, "%s.emptyDir.medium is Memory or empty", vp);
}

/* ---- items and files: a key (or path) = "path", or the rest as Kubernetes writes it --- */

static const struct keyed items_keyed = {"key", "path", "io.k8s.api.core.v1.KeyToPath", NULL};
static const struct keyed mounts_keyed = {"name", "mountPath", "io.k8s.api.core.v1.VolumeMount",
                                          NULL};

/* items { key = "file/path" } (or key = { path = "file/path", mode = 0o400 },
 * a KeyToPath as Kubernetes writes it, but for its key) -> [{key, path}] */
static struct tree *lower_items(struct job_ctx *cx, const struct field *f, const struct value *v,
                                struct tree *target, const char *path)
{
	(void)target;
	return shape_lower_keyed(cx, f, v, path, &items_keyed);
}

/* One item it of a keyed list kd (its key taken): "value", or the block of
 * its fields as Kubernetes writes them. */
static void out_keyed(struct imp *im, struct tree *it, const struct keyed *kd)
{
	if (it->map.n == 1 && tree_get(it, kd->value))
		out_scalar(im, imp_take(it, kd->value));
	else
		out_keys_block(im, it, kd->key);
}

/* name { k = "value" ... } from the keyed list l (at path, its items at
 * path.what[k]); the entries of a key side by side are one list, and a
 * key again apart from them makes it the list as Kubernetes writes it */
static void raise_keyed(struct imp *im, const char *name, struct tree *l, const char *path,
                        const char *what, const struct keyed *kd)
{
	if (!l || l->kind != TREE_LIST || !l->list.n)
		return;
	/* a key again apart from its first entries: the list as Kubernetes
	 * writes it, since k = [...] would write them in another order */
	bool apart = false;
	for (uint32_t i = 0; i < l->list.n && !apart; i++)
		for (uint32_t j = i + 2; j < l->list.n && !apart; j++)
			apart = imp_same_scalar(tree_get(l->list.v[i], kd->key),
			                        tree_get(l->list.v[j], kd->key)) &&
			        !imp_same_scalar(tree_get(l->list.v[i], kd->key),
			                         tree_get(l->list.v[j - 1], kd->key));
	if (apart) {
		out_fmt(im, "%s = [\n", name);
		for (uint32_t i = 0; i < l->list.n; i++) {
			if (l->list.v[i]->kind != TREE_MAP) {
				import_error(im, l->list.v[i]->span, "%s.%s[%u] should be an object", path,
				             what, i);
				continue;
			}
			out_keys_block(im, l->list.v[i], "");
			out_fmt(im, ",\n");
		}
		out_fmt(im, "]\n");
		return;
	}
	out_fmt(im, "%s {\n", name);
	for (uint32_t k = 0; k < l->list.n;) {
		struct tree *key = imp_take(l->list.v[k], kd->key);
		/* the items of one key side by side are one list: k = ["a", "b"] */
		uint32_t end = k + 1;
		while (key && end < l->list.n && imp_same_scalar(tree_get(l->list.v[end], kd->key), key))
			end++;
		bool written = key && tree_get(l->list.v[k], kd->value);
		for (uint32_t j = k + 1; j < end; j++)
			written &= tree_get(l->list.v[j], kd->value) != NULL;
		if (written) {
			out_key_of(im, key);
			out_fmt(im, end - k > 1 ? " = [\n" : " = ");
		}
		for (uint32_t j = k; j < end; j++) {
			struct tree *it = l->list.v[j];
			if (j > k)
				imp_take(it, kd->key);
			if (written) {
				out_keyed(im, it, kd);
				out_fmt(im, end - k > 1 ? ",\n" : "");
			}
			imp_leftovers(im, it, arena_printf(im->a, "%s.%s[%u]", path, what, j));
		}
		if (written)
			out_fmt(im, end - k > 1 ? "]\n" : "\n");
		k = end;
	}
	out_fmt(im, "}\n");
}

static void raise_items(struct imp *im, const struct field *f, struct tree *src, const char *sp)
{
	raise_keyed(im, f->name, imp_take_as(im, src, f->k8s, TREE_LIST, sp), sp, "items",
	            &items_keyed);
}

/* ---- mounts of a container: { volume = "/path" }, a list of {name, mountPath} --- */

/* mounts { volume = "/path" } (or volume = { mountPath = "/path", readOnly =
 * true }, a VolumeMount as Kubernetes writes it, but for its name) ->
 * [{name, mountPath, ...}] */
static struct tree *lower_mounts(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 struct tree *target, const char *path)
{
	(void)target;
	return shape_lower_keyed(cx, f, v, path, &mounts_keyed);
}

/* mounts of a container block (the main container's are its volumes') */
static void raise_mounts(struct imp *im, const struct field *f, struct tree *c, const char *cpath)
{
	if (c != im->main) /* else raise_volume writes them */
		raise_keyed(im, f->name, imp_take(c, f->k8s), cpath, "volumeMounts", &mounts_keyed);
}

/* downward-api { "labels" = field("metadata.labels") } (or "x" = { fieldRef =
 * {...}, mode = 0o400 }, a file as Kubernetes writes it, but for its path)
 * -> [{path, fieldRef | resourceFieldRef}] */
static struct tree *lower_downward_api(struct job_ctx *cx, const struct field *f,
                                       const struct value *v, struct tree *target,
                                       const char *path)
{
	(void)target;
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct value *x = e->value;
		struct tree *file = NULL, *ref = NULL;
		const char *kind = NULL;
		if (x->kind == V_MAP)
			file = lower_k8s(cx, x);
		else if (x->kind == V_FIELDREF || x->kind == V_RESFIELD)
			ref = lower_ref(cx, x, &kind);
		else
			lower_type_error(cx, f, x,
			                 "field(\"metadata.labels\"), resource(\"limits.cpu\", \"1m\", "
			                 "\"main\") or a file as Kubernetes writes it");
		if (ref) {
			file = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, file, kind, ref);
		}
		if (!file)
			continue;
		struct tree *p = lower_str(cx, e->key, (uint32_t)strlen(e->key), x);
		p->span = e->key_span;
		tree_set(cx->a, file, "path", p);
		if (!ref && !lower_k8s_check(cx, file, "io.k8s.api.core.v1.DownwardAPIVolumeFile",
		                             arena_printf(cx->a, "%s[%u]", path, i)))
			continue;
		tree_push(cx->a, list, file);
	}
	/* downward-api = {}: a source of no files, which validateDownwardAPIVolumeSource
	 * takes (for its default-mode, say) */
	if (!v->map->n && !tree_get(target, "downwardAPI"))
		tree_set(cx->a, target, "downwardAPI", lower_node(tree_map(cx->a), v));
	return list;
}

static void raise_downward_api(struct imp *im, const struct field *f, struct tree *holder,
                               const char *base)
{
	const char *path = import_path(im, base, f->k8s);
	struct tree *dapi = imp_peek(holder, "downwardAPI");
	struct tree *files = imp_take_as(im, dapi, "items", TREE_LIST,
	                                 import_path(im, base, "downwardAPI"));
	if (dapi && (!files || !files->list.n)) {
		imp_touch(dapi);
		out_fmt(im, "%s = {}\n", f->name);
	}
	if (!files || !files->list.n)
		return;
	out_fmt(im, "%s {\n", f->name);
	for (uint32_t k = 0; k < files->list.n; k++) {
		struct tree *it = files->list.v[k];
		const char *ip = arena_printf(im->a, "%s[%u]", path, k);
		struct tree *p = imp_take(it, "path");
		if (!p || p->kind != TREE_STR) {
			import_error(im, it->span, "%s needs a path", ip);
			continue;
		}
		size_t from = im->out.len;
		out_key(im, imp_text(im, p));
		imp_mark(im, from, p->span);
		out_fmt(im, " = ");
		/* the short form says all there is: one reference, of apiVersion v1 */
		const struct tree *fr = tree_get(it, "fieldRef");
		const struct tree *api = fr ? tree_get(fr, "apiVersion") : NULL;
		bool one = it->map.n == 1 && (fr || tree_get(it, "resourceFieldRef")) &&
		           (!api || imp_is_str(api, "v1"));
		if (!one || !raise_ref(im, it, ip))
			out_keys_block(im, it, "path");
		out_fmt(im, "\n");
		imp_leftovers(im, it, ip);
	}
	out_fmt(im, "}\n");
}

/* ---- source: the sources of a projected volume ----------------------------------- */

/* source { secret = "x"; items { ... } } source { token { ... } } ->
 * projected.sources: [{secret: {name, items}}, {serviceAccountToken: {...}}] */
static struct tree *lower_projection(struct job_ctx *cx, const struct field *f,
                                     const struct value *v, struct tree *target, const char *path)
{
	(void)target;
	const struct value *const *items = &v;
	uint32_t n = 1;
	if (v->kind == V_LIST) {
		items = (const struct value *const *)v->list.v;
		n = v->list.n;
	}
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < n; i++) {
		if (items[i]->kind != V_MAP) {
			lower_type_error(cx, f, items[i], NULL);
			continue;
		}
		struct tree *src = lower_node(tree_map(cx->a), items[i]);
		lower_sourced(cx, f->sub, items[i], src, src, arena_printf(cx->a, "%s[%u]", path, i));
		tree_push(cx->a, list, src);
	}
	/* source = []: a projected volume of no sources, which
	 * validateProjectionSources takes (for its default-mode, say) */
	if (!n && !tree_get(target, "projected"))
		tree_set(cx->a, target, "projected", lower_node(tree_map(cx->a), v));
	return list;
}

static void raise_projection(struct imp *im, const struct field *f, struct tree *vol,
                             const char *vp)
{
	const char *path = import_path(im, vp, f->k8s);
	struct tree *proj = imp_peek(vol, "projected");
	struct tree *l = imp_take_as(im, proj, "sources", TREE_LIST, import_path(im, vp, "projected"));
	if (proj && (!l || !l->list.n)) {
		imp_touch(proj);
		out_fmt(im, "%s = []\n", f->name);
	}
	for (uint32_t i = 0; l && i < l->list.n; i++) {
		struct tree *src = l->list.v[i];
		const char *sp = arena_printf(im->a, "%s[%u]", path, i);
		if (src->kind != TREE_MAP) {
			import_error(im, src->span, "%s should be a map", sp);
			continue;
		}
		out_fmt(im, "%s {\n", f->name);
		raise_sourced(im, f->sub, src, sp, NULL, NULL);
		out_fmt(im, "}\n");
		imp_leftovers(im, src, sp);
	}
}

/* a file mode, in octal as people write it: 0o440 */
static void raise_default_mode(struct imp *im, const struct field *f, struct tree *src,
                               const char *sp)
{
	struct tree *mode = imp_take(src, f->k8s);
	if (mode && mode->kind == TREE_INT) {
		out_fmt(im, "%s = ", f->name);
		out_mode(im, mode->i);
		out_fmt(im, "\n");
	} else if (mode)
		import_error(im, mode->span, "%s.%s should be an integer", sp, f->k8s);
}

/* read-only = true (false, the mount's zero value, is not written) */
static void raise_read_only(struct imp *im, const struct field *f, struct tree *m, const char *mp)
{
	struct tree *ro = imp_take(m, f->k8s);
	if (ro && ro->kind != TREE_BOOL)
		import_error(im, ro->span, "%s.%s should be true or false", mp, f->k8s);
	else if (ro && ro->b)
		out_fmt(im, "%s = true\n", f->name);
}

/* The first mount of volume name in the main container that no volume
 * took yet, or NULL (its index in *k). */
static struct tree *mount_of(struct tree *mounts, bool *mounted, const struct tree *name,
                             uint32_t *k)
{
	for (*k = 0; mounts && *k < mounts->list.n; ++*k) {
		struct tree *m = mounts->list.v[*k];
		if (!mounted[*k] && imp_same_scalar(tree_get(m, "name"), name)) {
			mounted[*k] = true;
			tree_remove(m, "name");
			return m;
		}
	}
	return NULL;
}

/* volume NAME { source; mount } from each pod volume and the main
 * container's first mount of it (its other mounts: mounts { }) */
static void raise_volume(struct imp *im, const struct field *vf, struct tree *job,
                         const char *base)
{
	(void)job, (void)base;
	const char *pp = im->pod_path;
	const char *mp = arena_printf(im->a, "%s.containers[0]", pp);
	struct tree *vols = imp_take_as(im, im->pod, "volumes", TREE_LIST, pp);
	struct tree *mounts = imp_take_as(im, im->main, "volumeMounts", TREE_LIST, mp);
	bool *mounted = mounts ? xcalloc(mounts->list.n + 1, 1) : NULL;
	const struct tree **names = vols ? arena_alloc(im->a, (vols->list.n + 1) * sizeof *names) : NULL;
	for (uint32_t i = 0; vols && i < vols->list.n; i++) {
		struct tree *v = vols->list.v[i];
		const char *vp = arena_printf(im->a, "%s.volumes[%u]", pp, i);
		struct tree *name = imp_take(v, "name");
		names[i] = NULL;
		if (!name || name->kind != TREE_STR) {
			import_error(im, v->span, "%s needs a name", vp);
			continue;
		}
		bool twice = false;
		for (uint32_t k = 0; k < i && !twice; k++)
			twice = imp_same_scalar(names[k], name);
		names[i] = name;
		if (twice) {
			/* ValidateVolumes: names are unique */
			import_rule(im, R_JOB701, name->span, arena_printf(im->a, "%s.name", vp),
			            arena_printf(im->a, "Duplicate value: \"%s\"", imp_text(im, name)),
			            "volume '%s' is declared twice", imp_text(im, name));
			continue;
		}
		size_t from = im->out.len;
		out_fmt(im, "%s ", vf->name);
		out_key_of(im, name);
		out_fmt(im, " {\n");
		uint32_t k;
		struct tree *m = mount_of(mounts, mounted, name, &k);
		raise_sourced(im, vf->sub, v, vp, m, arena_printf(im->a, "%s.volumeMounts[%u]", mp, k));
		raise_rest(im, vf->sub, v, vp);
		if (m)
			imp_leftovers(im, m, arena_printf(im->a, "%s.volumeMounts[%u]", mp, k));
		out_fmt(im, "}\n");
		imp_mark(im, from, name->span);
		imp_leftovers(im, v, vp);
	}
	/* the main container's other mounts */
	bool any = false;
	const struct tree **seen = mounts ? arena_alloc(im->a, mounts->list.n * sizeof *seen) : NULL;
	uint32_t nseen = 0;
	for (uint32_t k = 0; mounts && k < mounts->list.n; k++) {
		if (mounted[k])
			continue;
		struct tree *m = mounts->list.v[k];
		struct tree *n = imp_take(m, "name");
		const char *kp = arena_printf(im->a, "%s.volumeMounts[%u]", mp, k);
		if (imp_key_twice(im, seen, &nseen, n, kp, "mounts"))
			continue; /* a volume mounted at a third place */
		if (!any)
			out_fmt(im, "mounts {\n");
		any = true;
		if (n && tree_get(m, "mountPath")) {
			out_key_of(im, n);
			out_fmt(im, " = ");
			out_keyed(im, m, &mounts_keyed);
			out_fmt(im, "\n");
		}
		imp_leftovers(im, m, kp);
	}
	if (any)
		out_fmt(im, "}\n");
	xfree(mounted);
}

/* ---- the table ----------------------------------------------------------- */

const struct shape shape_volume = {lower_volume, raise_volume};
const struct shape shape_empty_dir = {lower_empty_dir, raise_empty_dir};
const struct shape shape_memory = {lower_memory, raise_memory};
const struct shape shape_items = {lower_items, raise_items};
const struct shape shape_downward_api = {lower_downward_api, raise_downward_api};
const struct shape shape_projection = {lower_projection, raise_projection};
const struct shape shape_default_mode = {NULL, raise_default_mode};
const struct shape shape_read_only = {NULL, raise_read_only};
const struct shape shape_mounts = {lower_mounts, raise_mounts};
