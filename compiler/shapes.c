/* shapes.c - the fields whose Kubernetes form differs from their jobc
 * form; see shapes.h.  Each shape's hooks are side by side. */
#include "shapes.h"

#include <string.h>

#include "lower_value.h"

/* env { NAME = value } -> [{name, value} | {name, valueFrom: {...}}] */
static struct tree *lower_env(struct job_ctx *cx, const struct field *f, const struct value *v,
                              struct tree *target, const char *path)
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
		struct tree *item = lower_node(tree_map(cx->a), x);
		struct tree *name = lower_str(cx, e->key, (uint32_t)strlen(e->key), x);
		name->span = e->key_span;
		tree_set(cx->a, item, "name", name);
		if (x->kind == V_SECRET || x->kind == V_CONFIGMAP) {
			struct tree *ref = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, ref, "name", lower_str(cx, x->ref.name, (uint32_t)strlen(x->ref.name), x));
			if (x->ref.key)
				tree_set(cx->a, ref, "key",
				         lower_str(cx, x->ref.key, (uint32_t)strlen(x->ref.key), x));
			struct tree *from = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, from, x->kind == V_SECRET ? "secretKeyRef" : "configMapKeyRef", ref);
			tree_set(cx->a, item, "valueFrom", from);
		} else if (x->kind == V_RESFIELD) {
			struct tree *ref = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, ref, "resource",
			         lower_str(cx, x->ref.name, (uint32_t)strlen(x->ref.name), x));
			if (x->ref.key)
				tree_set(cx->a, ref, "divisor", lower_str(cx, x->ref.key, (uint32_t)strlen(x->ref.key), x));
			if (x->ref.container)
				tree_set(cx->a, ref, "containerName",
				         lower_str(cx, x->ref.container, (uint32_t)strlen(x->ref.container), x));
			struct tree *from = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, from, "resourceFieldRef", ref);
			tree_set(cx->a, item, "valueFrom", from);
		} else if (x->kind == V_FIELDREF) {
			struct tree *ref = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, ref, "fieldPath",
			         lower_str(cx, x->ref.name, (uint32_t)strlen(x->ref.name), x));
			struct tree *from = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, from, "fieldRef", ref);
			tree_set(cx->a, item, "valueFrom", from);
		} else {
			struct tree *t = lower_text(cx, f, x, "value");
			if (!t)
				continue;
			tree_set(cx->a, item, "value", t);
		}
		tree_push(cx->a, list, item);
	}
	(void)path;
	return list;
}

/* env-from = [secret("x"), configmap("y"), { secret = "z", prefix = "Z_" }] */
static struct tree *lower_env_from(struct job_ctx *cx, const struct field *f,
                                   const struct value *v, struct tree *target, const char *path)
{
	(void)target;
	if (v->kind != V_LIST) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < v->list.n; i++) {
		const struct value *x = v->list.v[i];
		const char *kind = NULL, *name = NULL, *prefix = NULL;
		const struct value *at = x;
		if (x->kind == V_SECRET || x->kind == V_CONFIGMAP) {
			kind = x->kind == V_SECRET ? "secretRef" : "configMapRef";
			name = x->ref.name;
			if (x->ref.key) {
				report(cx, R_JOB404, x->span, x, arena_printf(cx->a, "%s[%u]", path, i), NULL,
				       "env-from takes a whole %s: %s(\"%s\"), without a key",
				       x->kind == V_SECRET ? "Secret" : "ConfigMap",
				       x->kind == V_SECRET ? "secret" : "configmap", x->ref.name);
				cx->failed = true;
				continue;
			}
		} else if (x->kind == V_MAP) {
			for (uint32_t k = 0; k < x->map->n; k++) {
				const struct vmap_entry *e = &x->map->e[k];
				bool ok = e->value->kind == V_STR;
				if (ok && (!strcmp(e->key, "secret") || !strcmp(e->key, "configmap"))) {
					if (kind) {
						kind = NULL;
						break;
					}
					kind = e->key[0] == 's' ? "secretRef" : "configMapRef";
					name = e->value->str.s;
				} else if (ok && !strcmp(e->key, "prefix")) {
					prefix = e->value->str.s;
				} else {
					kind = NULL;
					at = e->value;
					break;
				}
			}
		}
		if (!kind || !name) {
			report(cx, R_JOB404, at->span, at, arena_printf(cx->a, "%s[%u]", path, i),
			       "Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
			       "an env-from item is secret(\"name\"), configmap(\"name\"), or "
			       "{ secret = \"name\", prefix = \"P_\" }; found %s",
			       lower_describe(cx, at));
			cx->failed = true;
			continue;
		}
		struct tree *item = lower_node(tree_map(cx->a), x);
		struct tree *ref = lower_node(tree_map(cx->a), x);
		tree_set(cx->a, ref, "name", lower_str(cx, name, (uint32_t)strlen(name), x));
		tree_set(cx->a, item, kind, ref);
		if (prefix)
			tree_set(cx->a, item, "prefix", lower_str(cx, prefix, (uint32_t)strlen(prefix), x));
		tree_push(cx->a, list, item);
	}
	return list;
}

/* resources { cpu = 500m..2; memory = 1Gi; requests { }; limits { } } */
static struct tree *lower_resources(struct job_ctx *cx, const struct field *f,
                                    const struct value *v, struct tree *target, const char *path)
{
	(void)target;
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *req = tree_map(cx->a), *lim = tree_map(cx->a);
	static const struct field qf = {.name = "resources", .type = FT_QUANTITY, .k8s = "resources",
	                                .doc = ""};
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct value *x = e->value;
		bool long_hand = !strcmp(e->key, "requests") || !strcmp(e->key, "limits");
		if (long_hand) {
			if (x->kind != V_MAP) {
				diag_error(cx->d, x->span, NULL,
				           "'%s' is a block of quantities: %s { cpu = 500m; memory = 1Gi }",
				           e->key, e->key);
				cx->failed = true;
				continue;
			}
			struct tree *into = e->key[0] == 'r' ? req : lim;
			for (uint32_t k = 0; k < x->map->n; k++) {
				const struct vmap_entry *q = &x->map->e[k];
				struct tree *t = lower_value(cx, &qf, q->value,
				                         arena_printf(cx->a, "%s.%s[%s]", path, e->key, q->key));
				if (t) {
					t->span = q->key_span;
					tree_set(cx->a, into, q->key, t);
				}
			}
			continue;
		}
		if (x->kind != V_RANGE) {
			/* request = limit: one node in both maps, so it is judged once */
			struct tree *t = lower_value(cx, &qf, x, arena_printf(cx->a, "%s.requests[%s]", path, e->key));
			if (t) {
				tree_set(cx->a, req, e->key, t);
				tree_set(cx->a, lim, e->key, t);
			}
			continue;
		}
		if (x->range.lo) {
			struct tree *t = lower_value(cx, &qf, x->range.lo,
			                         arena_printf(cx->a, "%s.requests[%s]", path, e->key));
			if (t)
				tree_set(cx->a, req, e->key, t);
		}
		if (x->range.hi) {
			struct tree *t = lower_value(cx, &qf, x->range.hi,
			                         arena_printf(cx->a, "%s.limits[%s]", path, e->key));
			if (t)
				tree_set(cx->a, lim, e->key, t);
		}
	}
	struct tree *r = lower_node(tree_map(cx->a), v);
	if (req->map.n)
		tree_set(cx->a, r, "requests", req);
	if (lim->map.n)
		tree_set(cx->a, r, "limits", lim);
	return r;
}

/* mounts { volume = "/path" } -> [{name, mountPath}] */
static struct tree *lower_mounts(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 struct tree *target, const char *path)
{
	(void)target, (void)path;
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		if (e->value->kind != V_STR) {
			lower_type_error(cx, f, e->value, "a path such as \"/data\"");
			continue;
		}
		struct tree *m = lower_node(tree_map(cx->a), e->value);
		struct tree *name = lower_str(cx, e->key, (uint32_t)strlen(e->key), e->value);
		name->span = e->key_span;
		tree_set(cx->a, m, "name", name);
		tree_set(cx->a, m, "mountPath", lower_str(cx, e->value->str.s, e->value->str.len, e->value));
		tree_push(cx->a, list, m);
	}
	return list;
}

/* headers { X-Token = "t" } -> [{name, value}] */
static struct tree *lower_headers(struct job_ctx *cx, const struct field *f, const struct value *v,
                                  struct tree *target, const char *path)
{
	(void)target, (void)path;
	struct tree *m = lower_value(cx, f, v, f->k8s);
	if (!m)
		return NULL;
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < m->map.n; i++) {
		struct tree *h = lower_node(tree_map(cx->a), v);
		struct tree *name = lower_str(cx, m->map.v[i].key, m->map.v[i].klen, v);
		name->span = v->map->e[i].key_span;
		tree_set(cx->a, h, "name", name);
		tree_set(cx->a, h, "value", m->map.v[i].value);
		tree_push(cx->a, list, h);
	}
	return list;
}


/* sidecar = true -> restartPolicy: Always (an init container that keeps
 * running); false writes nothing */
static struct tree *lower_sidecar(struct job_ctx *cx, const struct field *f, const struct value *v,
                                  struct tree *target, const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	return t && t->b ? lower_node(tree_cstr(cx->a, "Always"), v) : NULL;
}

/* memory = true -> emptyDir.medium: Memory */
static struct tree *lower_memory(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 struct tree *target, const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	return t && t->b ? lower_node(tree_cstr(cx->a, "Memory"), v) : NULL;
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

/* conditions = ["DisruptionTarget"] -> onPodConditions: [{type, status: True}] */
static struct tree *lower_conditions(struct job_ctx *cx, const struct field *f,
                                     const struct value *v, struct tree *target, const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	if (!t)
		return NULL;
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < t->list.n; i++) {
		struct tree *c = lower_node(tree_map(cx->a), v->list.v[i]);
		tree_set(cx->a, c, "type", t->list.v[i]);
		tree_set(cx->a, c, "status", tree_cstr(cx->a, "True"));
		tree_push(cx->a, list, c);
	}
	return list;
}

/* exit-codes = [1, 2] -> onExitCodes {operator: In, values}; exit-codes-not-in:
 * NotIn (JOB111: not both) */
static struct tree *exit_codes(struct job_ctx *cx, const struct field *f, const struct value *v,
                               struct tree *target, const char *path, const char *op)
{
	struct tree *t = lower_value(cx, f, v, path);
	if (!t)
		return NULL;
	struct tree *on = tree_child_map(cx->a, target, "onExitCodes");
	if (tree_get(on, "operator")) {
		report(cx, R_JOB111, v->span, v, NULL, NULL,
		       "a failure rule takes exit-codes or exit-codes-not-in, not both");
		cx->failed = true;
		return NULL;
	}
	on->span = v->span;
	on->src = v;
	tree_set(cx->a, on, "operator", lower_node(tree_cstr(cx->a, op), v));
	return t;
}

static struct tree *lower_exit_codes(struct job_ctx *cx, const struct field *f,
                                     const struct value *v, struct tree *target, const char *path)
{
	return exit_codes(cx, f, v, target, path, "In");
}

static struct tree *lower_exit_codes_not_in(struct job_ctx *cx, const struct field *f,
                                            const struct value *v, struct tree *target,
                                            const char *path)
{
	return exit_codes(cx, f, v, target, path, "NotIn");
}

/* indexed = true -> completionMode: Indexed (false: NonIndexed) */
static struct tree *lower_indexed(struct job_ctx *cx, const struct field *f, const struct value *v,
                                  struct tree *target, const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	return t ? lower_node(tree_cstr(cx->a, t->b ? "Indexed" : "NonIndexed"), v) : NULL;
}

/* image-pull-secrets = ["a"] -> imagePullSecrets: [{name: a}] */
static struct tree *lower_image_pull_secrets(struct job_ctx *cx, const struct field *f,
                                             const struct value *v, struct tree *target,
                                             const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	if (!t)
		return NULL;
	struct tree *list = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < t->list.n; i++) {
		struct tree *s = lower_node(tree_map(cx->a), v->list.v[i]);
		tree_set(cx->a, s, "name", t->list.v[i]);
		tree_push(cx->a, list, s);
	}
	return list;
}

/* container-name = "x" -> the main container's name (it is the job's name
 * otherwise) */
static struct tree *lower_container_name(struct job_ctx *cx, const struct field *f,
                                         const struct value *v, struct tree *target,
                                         const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	if (t && cx->main) {
		tree_set(cx->a, cx->main, "name", t);
		return NULL;
	}
	return t;
}

/* restart: JOB101 for a word that is no restart policy of a Job's pods
 * (always, Kubernetes' own default for a pod, above all) */
static struct tree *lower_restart(struct job_ctx *cx, const struct field *f, const struct value *v,
                                  struct tree *target, const char *path)
{
	(void)target;
	if (v->kind == V_STR) {
		bool known = false;
		for (const struct enum_word *w = f->words; w->word && !known; w++)
			known = (strlen(w->word) == v->str.len && !memcmp(w->word, v->str.s, v->str.len)) ||
			        (strlen(w->k8s) == v->str.len && !memcmp(w->k8s, v->str.s, v->str.len));
		if (!known) {
			struct buf words = BUF_INIT;
			lower_words(&words, f);
			report(cx, R_JOB101, v->span, v, path,
			       "Required value: valid values: \"OnFailure\", \"Never\"",
			       "a Job's pods cannot restart '%.*s'; use %s", (int)v->str.len, v->str.s,
			       words.data);
			buf_free(&words);
			cx->failed = true;
			return NULL;
		}
	}
	return lower_value(cx, f, v, path);
}

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

/* ---- the table ----------------------------------------------------------- */

const struct shape shape_env = {lower_env};
const struct shape shape_env_from = {lower_env_from};
const struct shape shape_resources = {lower_resources};
const struct shape shape_mounts = {lower_mounts};
const struct shape shape_headers = {lower_headers};
const struct shape shape_sidecar = {lower_sidecar};
const struct shape shape_memory = {lower_memory};
const struct shape shape_empty_dir = {lower_empty_dir};
const struct shape shape_conditions = {lower_conditions};
const struct shape shape_exit_codes = {lower_exit_codes};
const struct shape shape_exit_codes_not_in = {lower_exit_codes_not_in};
const struct shape shape_indexed = {lower_indexed};
const struct shape shape_image_pull_secrets = {lower_image_pull_secrets};
const struct shape shape_container_name = {lower_container_name};
const struct shape shape_restart = {lower_restart};
const struct shape shape_volume = {lower_volume};
