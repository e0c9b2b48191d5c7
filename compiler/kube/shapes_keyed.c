/* shapes_keyed.c - the fields whose Kubernetes form is a list of objects
 * keyed by a name, in the order written: a map NAME = "text" (a
 * container's volume devices, the pod's sysctls), or a list of names
 * (image-pull-secrets, scheduling-gates, readiness-gates); see fields.h
 * (struct shape).  Lower and raise side by side. */
#include "fields.h"

#include <string.h>

#include "import_int.h"
#include "lower_value.h"

/* { NAME = "text" } -> [{kname: NAME, vname: "text"}]; expected: what a
 * value looks like, for the message about one that is not a string. */
static struct tree *lower_keyed(struct job_ctx *cx, const struct field *f, const struct value *v,
                                const char *kname, const char *vname, const char *expected)
{
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		struct tree *text = e->value->kind == V_STR ? lower_str(cx, e->value->str.s,
		                                                        e->value->str.len, e->value)
		                    : expected             ? NULL
		                                           : lower_text(cx, f, e->value, "value");
		if (!text) {
			if (expected)
				lower_type_error(cx, f, e->value, expected);
			continue;
		}
		struct tree *item = lower_node(tree_map(cx->a), e->value);
		struct tree *name = lower_str(cx, e->key, (uint32_t)strlen(e->key), e->value);
		name->span = e->key_span;
		tree_set(cx->a, item, kname, name);
		tree_set(cx->a, item, vname, text);
		tree_push(cx->a, list, item);
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
	(void)target, (void)path;
	return lower_keyed(cx, f, v, "name", "devicePath", "a device path such as \"/dev/xvdb\"");
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
	(void)target, (void)path;
	return lower_keyed(cx, f, v, "name", "value", NULL);
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
