/* shapes_keyed.c - the fields whose Kubernetes form is a list of objects
 * keyed by a name, in the order written: a map NAME = "text" (a
 * container's volume devices, the pod's sysctls; and, lowered here with
 * their object forms, a volume's items and a container's mounts, raised in
 * shapes_volume.c), or a list of names (image-pull-secrets,
 * scheduling-gates, readiness-gates); see fields.h (struct shape).  Lower
 * and raise side by side. */
#include "fields.h"

#include <string.h>

#include "shapes.h"

/* One item of the keyed list kd, its key key: x = "v" or {...} (at path). */
static struct tree *lower_keyed_item(struct job_ctx *cx, const struct field *f,
                                     const struct value *x, struct tree *key, const char *path,
                                     const struct keyed *kd)
{
	struct tree *it, *p;
	if (x->kind == V_STR && !kd->type) {
		p = lower_str(cx, x->str.s, x->str.len, x);
	} else if (kd->expected) {
		lower_type_error(cx, f, x, kd->expected);
		return NULL;
	} else if (x->kind == V_MAP && kd->type) {
		if (!(it = lower_k8s(cx, x)))
			return NULL;
		tree_set(cx->a, it, kd->key, key);
		return lower_k8s_check(cx, it, kd->type, path) ? it : NULL;
	} else if (!(p = lower_text(cx, f, x, "value"))) {
		return NULL;
	}
	it = lower_node(tree_map(cx->a), x);
	tree_set(cx->a, it, kd->key, key);
	tree_set(cx->a, it, kd->value, p);
	return it;
}

/* { k = "v" } (or k = {...}, or k = ["v", {...}] for k twice: a key
 * projected to two files, a volume mounted at two paths) -> [{key: k,
 * value: v}] for the keyed list kd */
struct tree *shape_lower_keyed(struct job_ctx *cx, const struct field *f, const struct value *v,
                               const char *path, const struct keyed *kd)
{
	if (v->kind == V_LIST && kd->type) {
		/* [{key = "k", path = "v"}, ...]: the list as Kubernetes writes it */
		struct tree *list = lower_node(tree_list(cx->a), v), *it;
		for (uint32_t i = 0; i < v->list.n; i++) {
			const struct value *x = v->list.v[i];
			if (x->kind != V_MAP)
				lower_type_error(cx, f, x, arena_printf(cx->a, "a %s as Kubernetes writes it",
				                                        kd->type + strlen("io.k8s.api.core.v1.")));
			else if ((it = lower_k8s(cx, x)) &&
			         lower_k8s_check(cx, it, kd->type, arena_printf(cx->a, "%s[%u]", path, i)))
				tree_push(cx->a, list, it);
		}
		return list;
	}
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *list = lower_node(tree_list(cx->a), v), *it;
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		struct tree *key = lower_str(cx, e->key, (uint32_t)strlen(e->key), e->value);
		key->span = e->key_span;
		if (e->value->kind != V_LIST || !kd->type) {
			const char *ip = arena_printf(cx->a, "%s[%u]", path, list->list.n);
			if ((it = lower_keyed_item(cx, f, e->value, key, ip, kd)))
				tree_push(cx->a, list, it);
			continue;
		}
		if (!e->value->list.n)
			lower_type_error(cx, f, e->value, arena_printf(cx->a, "a %s, or a list of them",
			                                               kd->value));
		for (uint32_t k = 0; k < e->value->list.n; k++) {
			const char *ip = arena_printf(cx->a, "%s[%u]", path, list->list.n);
			if ((it = lower_keyed_item(cx, f, e->value->list.v[k], key, ip, kd)))
				tree_push(cx->a, list, it);
		}
	}
	return list;
}

/* [{kname, vname}] at f's path in holder -> f { NAME = "text" }; a name
 * twice is reported by dup, the rule the API server would refuse it by */
static void raise_keyed(struct imp *im, const struct field *f, struct tree *holder,
                        const char *base, const char *kname, const char *vname,
                        void (*dup)(struct imp *, struct tree *, const char *))
{
	const char *path = import_path(im, base, f->k8s);
	struct tree *l = imp_take_as(im, holder, f->k8s, TREE_LIST, base);
	if (!l || !l->list.n)
		return;
	out_fmt(im, "%s {\n", f->name);
	struct tree **seen = ARENA_ARRAY(im->a, struct tree *, l->list.n); /* taken names */
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *it = l->list.v[i];
		const char *ip = arena_printf(im->a, "%s[%u]", path, i);
		struct tree *n = imp_take(it, kname), *val = imp_take(it, vname);
		bool twice = false;
		for (uint32_t k = 0; n && k < i && !twice; k++)
			twice = seen[k] && imp_same_scalar(n, seen[k]);
		seen[i] = n;
		if (!n || !val || n->kind != TREE_STR) {
			import_error(im, it->span, "%s needs a %s and a %s", ip, kname, vname);
		} else if (twice) {
			dup(im, n, arena_printf(im->a, "%s.%s", ip, kname));
		} else {
			size_t from = im->out.len;
			out_key(im, imp_text(im, n));
			imp_mark(im, from, n->span);
			out_fmt(im, " = ");
			out_scalar(im, val);
			out_fmt(im, "\n");
		}
		imp_leftovers(im, it, ip);
	}
	out_fmt(im, "}\n");
}

/* ---- volume-devices: { claim = "/dev/xvdb" }, [{name, devicePath}] --------- */

static struct tree *lower_volume_devices(struct job_ctx *cx, const struct field *f,
                                         const struct value *v, struct tree *target,
                                         const char *path)
{
	(void)target;
	static const struct keyed devices = {"name", "devicePath", NULL,
	                                     "a device path such as \"/dev/xvdb\""};
	return shape_lower_keyed(cx, f, v, path, &devices);
}

/* ValidateVolumeDevices: a volume is attached once */
static void device_twice(struct imp *im, struct tree *n, const char *path)
{
	import_rule(im, R_JOB709, n->span, path,
	            arena_printf(im->a, "Invalid value: \"%s\": must be unique", imp_text(im, n)),
	            "volume '%s' is attached as a device twice", imp_text(im, n));
}

static void raise_volume_devices(struct imp *im, const struct field *f, struct tree *c,
                                 const char *cpath)
{
	raise_keyed(im, f, c, cpath, "name", "devicePath", device_twice);
}

/* ---- sysctls: { "net.core.somaxconn" = "1024" }, [{name, value}] ------------ */

static struct tree *lower_sysctls(struct job_ctx *cx, const struct field *f,
                                  const struct value *v, struct tree *target, const char *path)
{
	(void)target;
	static const struct keyed sysctls = {"name", "value", NULL, NULL};
	return shape_lower_keyed(cx, f, v, path, &sysctls);
}

/* validateSysctls: a sysctl is set once */
static void sysctl_twice(struct imp *im, struct tree *n, const char *path)
{
	import_rule(im, R_JOB314, n->span, path,
	            arena_printf(im->a, "Duplicate value: \"%s\"", imp_text(im, n)),
	            "sysctl '%s' is set twice", imp_text(im, n));
}

static void raise_sysctls(struct imp *im, const struct field *f, struct tree *sc, const char *base)
{
	raise_keyed(im, f, sc, base, "name", "value", sysctl_twice);
}

/* ---- the table ----------------------------------------------------------- */

const struct shape shape_volume_devices = {lower_volume_devices, raise_volume_devices};
const struct shape shape_sysctls = {lower_sysctls, raise_sysctls};

/* ---- image-pull-secrets, scheduling-gates, readiness-gates: a list of names, in
 * Kubernetes a list of {key: name} ------------------------------------------------ */

/* ["a"] -> [{key: a}] */
static struct tree *wrap_names(struct job_ctx *cx, const struct field *f, const struct value *v,
                               const char *path, const char *key)
{
	struct tree *t = lower_value(cx, f, v, path);
	if (!t)
		return NULL;
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < t->list.n; i++) {
		struct tree *s = lower_node(tree_map(cx->a), v->list.v[i]);
		tree_set(cx->a, s, key, t->list.v[i]);
		tree_push(cx->a, list, s);
	}
	return list;
}

/* [{key: a}] -> name = ["a"], in the manifest's order */
static void unwrap_names(struct imp *im, const struct field *f, struct tree *job,
                         const char *base, const char *key)
{
	const char *path = import_path(im, base, f->k8s);
	struct tree *l = imp_take(job, f->k8s);
	if (!l || l->kind != TREE_LIST || !l->list.n)
		return;
	out_fmt(im, "%s = [", f->name);
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *n = imp_take(l->list.v[i], key);
		out_fmt(im, "%s", i ? ", " : "");
		if (n && n->kind != TREE_NULL)
			out_scalar(im, n);
		else /* image pull secrets: the API server accepts it, with a warning */
			import_error(im, l->list.v[i]->span, "%s[%u] has no %s, and jobc's %s are %ss", path,
			             i, key, f->name, key);
		imp_leftovers(im, l->list.v[i], arena_printf(im->a, "%s[%u]", path, i));
	}
	out_fmt(im, "]\n");
}

static struct tree *lower_image_pull_secrets(struct job_ctx *cx, const struct field *f,
                                             const struct value *v, struct tree *target,
                                             const char *path)
{
	(void)target;
	return wrap_names(cx, f, v, path, "name");
}

static void raise_image_pull_secrets(struct imp *im, const struct field *f, struct tree *job,
                                     const char *base)
{
	unwrap_names(im, f, job, base, "name");
}

/* readiness-gates = ["x"] -> readinessGates: [{conditionType: x}] */
static struct tree *lower_readiness_gates(struct job_ctx *cx, const struct field *f,
                                          const struct value *v, struct tree *target,
                                          const char *path)
{
	(void)target;
	return wrap_names(cx, f, v, path, "conditionType");
}

static void raise_readiness_gates(struct imp *im, const struct field *f, struct tree *job,
                                  const char *base)
{
	unwrap_names(im, f, job, base, "conditionType");
}

const struct shape shape_image_pull_secrets = {lower_image_pull_secrets, raise_image_pull_secrets};
/* scheduling-gates: the same form, a list of {name} */
const struct shape shape_scheduling_gates = {lower_image_pull_secrets, raise_image_pull_secrets};
const struct shape shape_readiness_gates = {lower_readiness_gates, raise_readiness_gates};
