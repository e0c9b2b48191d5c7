/* shapes_volume.c - a volume block: a pod volume, and the main container's
 * mount of it, with the volume's fields whose Kubernetes form differs from
 * their jobc form; see fields.h (struct shape).  Lower and raise side by side. */
#include "fields.h"

#include <string.h>

#include "alloc.h"
#include "import_int.h"
#include "lower_value.h"

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
	struct tree *scratch = tree_map(cx->a); /* the mount's fields and the source's */
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct field *f = field_find(volf->sub, e->key);
		if (f)
			lower_into(cx, f, e->value, f->flags & (F_MOUNT | F_SOURCE) ? scratch : vol, path);
	}
	/* items and default-mode belong to the configMap or secret source */
	struct tree *src = tree_get(vol, "configMap");
	if (!src)
		src = tree_get(vol, "secret");
	struct tree *items = tree_get(scratch, "items");
	struct tree *mode = tree_get(scratch, "defaultMode");
	if ((items || mode) && !src) {
		const struct value *at = node_value(items ? items : mode);
		report(cx, R_JOB703, node_span(cx, items ? items : mode), at, path, NULL,
		       "'%s' goes with a configmap or secret volume", items ? "items" : "default-mode");
		cx->failed = true;
	} else if (src) {
		if (items) {
			struct tree *list = lower_node(tree_list(cx->a), node_value(items));
			for (uint32_t i = 0; i < items->map.n; i++) {
				struct tree *it = lower_node(tree_map(cx->a), node_value(items->map.v[i].value));
				struct tree *key = tree_str(cx->a, items->map.v[i].key, items->map.v[i].klen);
				key->span = items->map.v[i].value->span;
				key->src = items->map.v[i].value->src;
				tree_set(cx->a, it, "key", key);
				tree_set(cx->a, it, "path", items->map.v[i].value);
				tree_push(cx->a, list, it);
			}
			tree_set(cx->a, src, "items", list);
		}
		if (mode)
			tree_set(cx->a, src, "defaultMode", mode);
	}
	tree_push(cx->a, volumes, vol);
	struct tree *mount_path = tree_get(scratch, "mountPath");
	if (mount_path) {
		struct tree *m = lower_node(tree_map(cx->a), v);
		tree_set(cx->a, m, "name", lower_name(cx, name, name_span, v));
		tree_set(cx->a, m, "mountPath", mount_path);
		struct tree *ro = tree_get(scratch, "readOnly");
		if (ro && ro->b)
			tree_set(cx->a, m, "readOnly", ro);
		struct tree *sub = tree_get(scratch, "subPath");
		if (sub)
			tree_set(cx->a, m, "subPath", sub);
		if (!cx->main_mounts)
			cx->main_mounts = tree_list(cx->a);
		tree_push(cx->a, cx->main_mounts, m);
	} else {
		const char *stray = tree_get(scratch, "readOnly") ? "read-only"
		                    : tree_get(scratch, "subPath") ? "sub-path"
		                                                   : NULL;
		if (stray) {
			struct tree *t = tree_get(scratch, stray[0] == 'r' ? "readOnly" : "subPath");
			diag_error(cx->d, node_span(cx, t), NULL,
			           "'%s' describes the mount, and volume '%s' has no 'mount'", stray, name);
			note_provenance(cx, node_value(t));
			cx->failed = true;
		}
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

/* items of a configMap or secret source: [{key, path}] -> items { key = "path" } */
static void raise_items(struct imp *im, const struct field *f, struct tree *src, const char *sp)
{
	struct tree *items = imp_take(src, f->k8s);
	if (!items || items->kind != TREE_LIST || !items->list.n)
		return;
	out_fmt(im, "%s {\n", f->name);
	const struct tree **keys = arena_alloc(im->a, items->list.n * sizeof *keys);
	uint32_t nkeys = 0;
	for (uint32_t k = 0; k < items->list.n; k++) {
		struct tree *it = items->list.v[k];
		struct tree *key = imp_take(it, "key"), *path = imp_take(it, "path");
		const char *ip = arena_printf(im->a, "%s.items[%u]", sp, k);
		if (imp_key_twice(im, keys, &nkeys, key, ip, f->name))
			continue; /* a key projected to two files */
		if (key && path) {
			out_key(im, imp_text(im, key));
			out_fmt(im, " = ");
			out_scalar(im, path);
			out_fmt(im, "\n");
		}
		imp_leftovers(im, it, ip);
	}
	out_fmt(im, "}\n");
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
		const char *srcname = imp_peek(v, "configMap") ? "configMap" : "secret";
		uint32_t k;
		struct tree *m = mount_of(mounts, mounted, name, &k);
		const char *mpath = arena_printf(im->a, "%s.volumeMounts[%u]", mp, k);
		for (unsigned j = 0; j < vf->sub->nfields; j++) {
			const struct field *f = &vf->sub->fields[j];
			/* a mount's field from the mount, a source's from the source */
			struct tree *h = f->flags & F_MOUNT ? m : field_holder(f, v);
			const char *hp = f->flags & F_MOUNT    ? mpath
			                 : f->flags & F_SOURCE ? arena_printf(im->a, "%s.%s", vp, srcname)
			                                       : vp;
			if (h)
				raise_field(im, f, h, hp);
		}
		raise_rest(im, vf->sub, v, vp);
		if (m)
			imp_leftovers(im, m, mpath);
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
		struct tree *n = imp_take(m, "name"), *p = imp_take(m, "mountPath");
		const char *kp = arena_printf(im->a, "%s.volumeMounts[%u]", mp, k);
		if (imp_key_twice(im, seen, &nseen, n, kp, "mounts"))
			continue; /* a volume mounted at a third place */
		if (!any)
			out_fmt(im, "mounts {\n");
		any = true;
		if (n && p) {
			out_key_of(im, n);
			out_fmt(im, " = ");
			out_scalar(im, p);
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
const struct shape shape_items = {NULL, raise_items};
const struct shape shape_default_mode = {NULL, raise_default_mode};
const struct shape shape_read_only = {NULL, raise_read_only};
