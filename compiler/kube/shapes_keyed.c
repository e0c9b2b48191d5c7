/* shapes_keyed.c - the fields written as a map NAME = "text" whose
 * Kubernetes form is a list of objects, one a key, in the order written
 * (a container's volume devices, the pod's sysctls); see fields.h (struct
 * shape).  Lower and raise side by side. */
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
