/* shapes.c - the fields whose Kubernetes form differs from their jobc
 * form; see fields.h (struct shape).  Each shape's lower hook (jobc build) and raise hook
 * (jobc import) are side by side, each the other's inverse; the table at
 * the end is what fields.c points at. */
#define _GNU_SOURCE /* memmem */
#include "fields.h"

#include <inttypes.h>
#include <string.h>

#include "shapes.h"

/* ---- env: a map of NAME = value, in Kubernetes a list of {name, value | valueFrom} --- */

struct tree *lower_ref(struct job_ctx *cx, const struct value *x, const char **kind)
{
	struct tree *ref = lower_node(tree_map(cx->a), x);
	switch (x->kind) {
	case V_SECRET:
	case V_CONFIGMAP:
		*kind = x->kind == V_SECRET ? "secretKeyRef" : "configMapKeyRef";
		tree_set(cx->a, ref, "name", lower_str(cx, x->ref.name, (uint32_t)strlen(x->ref.name), x));
		if (x->ref.key)
			tree_set(cx->a, ref, "key", lower_str(cx, x->ref.key, (uint32_t)strlen(x->ref.key), x));
		return ref;
	case V_RESFIELD:
		*kind = "resourceFieldRef";
		tree_set(cx->a, ref, "resource",
		         lower_str(cx, x->ref.name, (uint32_t)strlen(x->ref.name), x));
		if (x->ref.key)
			tree_set(cx->a, ref, "divisor", lower_str(cx, x->ref.key, (uint32_t)strlen(x->ref.key), x));
		if (x->ref.container)
			tree_set(cx->a, ref, "containerName",
			         lower_str(cx, x->ref.container, (uint32_t)strlen(x->ref.container), x));
		return ref;
	case V_FIELDREF:
		*kind = "fieldRef";
		tree_set(cx->a, ref, "fieldPath",
		         lower_str(cx, x->ref.name, (uint32_t)strlen(x->ref.name), x));
		return ref;
	default:
		return NULL;
	}
}

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
		const char *kind;
		struct tree *ref = x->kind == V_MAP ? NULL : lower_ref(cx, x, &kind);
		if (x->kind == V_MAP) {
			/* NAME = { valueFrom = {...} }: an EnvVar as Kubernetes
			 * writes it, but for its name (an optional key, say) */
			struct tree *k8s = lower_k8s(cx, x);
			if (!k8s)
				continue;
			tree_set(cx->a, k8s, "name", name);
			if (!lower_k8s_check(cx, k8s, "io.k8s.api.core.v1.EnvVar",
			                     arena_printf(cx->a, "%s[%u]", path, i)))
				continue;
			item = k8s;
		} else if (ref) {
			struct tree *from = lower_node(tree_map(cx->a), x);
			tree_set(cx->a, from, kind, ref);
			tree_set(cx->a, item, "valueFrom", from);
		} else {
			struct tree *t = lower_text(cx, f, x, "value");
			if (!t)
				continue;
			tree_set(cx->a, item, "value", t);
		}
		tree_push(cx->a, list, item);
	}
	return list;
}

/* secret("name", "key") or configmap("name", "key") from a key reference;
 * both are required (validateEnvVarValueFrom), none invented */
static void raise_key_ref(struct imp *im, struct tree *r, bool secret, const char *path)
{
	struct tree *n = imp_take(r, "name"), *k = imp_take(r, "key");
	const char *fn = secret ? "secret" : "configmap";
	if (!n || !k) {
		import_rule(im, R_JOB403, r->span, arena_printf(im->a, "%s.%s", path, n ? "key" : "name"),
		            "Required value", "%s(name, key) needs a %s", fn, n ? "key" : "name");
		return;
	}
	/* both strings: a number or a boolean is not turned into one */
	bool name_ok = imp_want_string(im, n, arena_printf(im->a, "%s.name", path));
	if (!imp_want_string(im, k, arena_printf(im->a, "%s.key", path)) || !name_ok)
		return;
	out_fmt(im, "%s(", fn);
	out_scalar(im, n);
	out_fmt(im, ", ");
	out_scalar(im, k);
	out_fmt(im, ")");
	imp_leftovers(im, r, path);
}

bool raise_ref(struct imp *im, struct tree *from, const char *path)
{
	struct tree *r;
	if ((r = imp_take(from, "fieldRef"))) {
		struct tree *p = imp_take(r, "fieldPath"), *api = imp_take(r, "apiVersion");
		if (api && !imp_is_str(api, "v1"))
			import_error(im, api->span, "%s.fieldRef.apiVersion is v1", path);
		out_fmt(im, "field(");
		if (p)
			out_scalar(im, p);
		out_fmt(im, ")");
		imp_leftovers(im, r, arena_printf(im->a, "%s.fieldRef", path));
		return true;
	}
	if (!(r = imp_take(from, "resourceFieldRef")))
		return false;
	struct tree *res = imp_take(r, "resource"), *div = imp_take(r, "divisor");
	struct tree *cn = imp_take(r, "containerName");
	out_fmt(im, "resource(");
	out_required(im, res, r, arena_printf(im->a, "%s.resourceFieldRef.resource", path));
	if (div && !imp_is_str(div, "0") && !imp_is_int(div, 0)) {
		out_fmt(im, ", ");
		if (div->kind == TREE_INT)
			out_fmt(im, "\"%" PRId64 "\"", div->i);
		else
			out_scalar(im, div);
	}
	if (cn) {
		if (!div || imp_is_str(div, "0") || imp_is_int(div, 0))
			out_fmt(im, ", \"1\"");
		out_fmt(im, ", ");
		out_scalar(im, cn);
	}
	out_fmt(im, ")");
	imp_leftovers(im, r, arena_printf(im->a, "%s.resourceFieldRef", path));
	return true;
}

/* Whether the valueFrom from says more than secret(), configmap(), field()
 * and resource() can: an optional key reference, or a key of an env file
 * (fileKeyRef), then written as Kubernetes writes it. */
static bool env_as_k8s(const struct tree *from)
{
	if (tree_get(from, "fileKeyRef"))
		return true;
	const struct tree *r = tree_get(from, "secretKeyRef");
	if (!r)
		r = tree_get(from, "configMapKeyRef");
	return r && r->kind == TREE_MAP && tree_get(r, "optional");
}

/* env: [{name, value | valueFrom}] -> env { NAME = ... } */
static void raise_env(struct imp *im, const struct field *f, struct tree *c, const char *cpath)
{
	(void)f;
	struct tree *l = imp_take(c, "env");
	if (!l || l->kind != TREE_LIST || !l->list.n)
		return;
	out_fmt(im, "env {\n");
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *e = l->list.v[i];
		char *ep = arena_printf(im->a, "%s.env[%u]", cpath, i);
		struct tree *name = imp_peek(e, "name");
		if (!name || name->kind != TREE_STR) {
			import_error(im, e->span, "%s needs a name", ep);
			continue;
		}
		/* a later one of the same name hides this one (the API server
		 * warns, and keeps both); jobc's env is a map: the last one is
		 * written, unless it reads this one ($(NAME)) */
		uint32_t later = 0;
		for (uint32_t k = i + 1; k < l->list.n && !later; k++)
			if (imp_is_str(imp_peek(l->list.v[k], "name"), imp_text(im, name)))
				later = k;
		if (later) {
			struct tree *next = l->list.v[later], *nv = imp_peek(next, "value");
			const char *ref = arena_printf(im->a, "$(%s)", imp_text(im, name));
			bool reads = nv && nv->kind == TREE_STR && !imp_peek(next, "valueFrom") &&
			             memmem(nv->str.s, nv->str.len, ref, strlen(ref)) &&
			             !imp_is_str(nv, ref);
			if (reads)
				import_error(im, nv->span,
				             "%s.env[%u] reads the '%s' it hides ($(%s)), which jobc's env, a map "
				             "of one value a name, cannot say",
				             cpath, later, imp_text(im, name), imp_text(im, name));
			else
				diag_warning(im->d, imp_peek(next, "name")->span, NULL,
				             "%s.env[%u]: hides previous definition of \"%s\", which may be "
				             "dropped when using apply",
				             cpath, later, imp_text(im, name));
			/* this one is not written */
			tree_remove(e, "name");
			imp_take(e, "value");
			imp_take(e, "valueFrom");
			continue;
		}
		imp_take(e, "name");
		out_key(im, imp_text(im, name));
		out_fmt(im, " = ");
		if (env_as_k8s(imp_peek(e, "valueFrom"))) {
			out_keys_block(im, e, "name");
			out_fmt(im, "\n");
			continue;
		}
		struct tree *v = imp_take(e, "value");
		struct tree *from = imp_take(e, "valueFrom");
		if (v && v->kind != TREE_NULL) { /* value: null is no value */
			if (imp_want_string(im, v, arena_printf(im->a, "%s.value", ep)))
				out_scalar(im, v);
		} else if (from && (tree_get(from, "secretKeyRef") || tree_get(from, "configMapKeyRef"))) {
			bool secret = tree_get(from, "secretKeyRef") != NULL;
			if (secret && tree_get(from, "configMapKeyRef"))
				import_rule(im, R_JOB403, from->span, arena_printf(im->a, "%s.valueFrom", ep),
				            "Invalid value: may not have more than one field specified at a time",
				            "'%s' takes its value from a Secret and a ConfigMap at once",
				            imp_text(im, name));
			const char *kind = secret ? "secretKeyRef" : "configMapKeyRef";
			raise_key_ref(im, imp_take(from, kind), secret,
			              arena_printf(im->a, "%s.valueFrom.%s", ep, kind));
		} else if (!from) {
			out_str(im, "", 0); /* no value: the empty string (validateEnv) */
		} else if (!raise_ref(im, from, arena_printf(im->a, "%s.valueFrom", ep))) {
			import_rule(im, R_JOB403, from->span,
			            arena_printf(im->a, "%s.valueFrom", ep),
			            arena_printf(im->a, "Invalid value: \"\": %s",
			                         k8s_env_no_source(imp_kube_version(im))),
			            "'%s' has no value and nothing to take it from", imp_text(im, name));
		}
		out_fmt(im, "\n");
		if (from)
			imp_leftovers(im, from, arena_printf(im->a, "%s.valueFrom", ep));
		imp_leftovers(im, e, ep);
	}
	out_fmt(im, "}\n");
}

/* ---- env-from: whole Secrets and ConfigMaps ---------------------------------- */

/* env-from = [secret("x"), configmap("y"), { secret = "z", prefix = "Z_", optional = true }] */
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
		const struct value *at = x, *optional = NULL;
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
				} else if (e->value->kind == V_BOOL && !strcmp(e->key, "optional")) {
					optional = e->value;
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
			       "{ secret = \"name\", prefix = \"P_\", optional = true }; found %s",
			       lower_describe(cx, at));
			cx->failed = true;
			continue;
		}
		struct tree *item = lower_node(tree_map(cx->a), x);
		struct tree *ref = lower_node(tree_map(cx->a), x);
		tree_set(cx->a, ref, "name", lower_str(cx, name, (uint32_t)strlen(name), x));
		if (optional)
			tree_set(cx->a, ref, "optional", lower_node(tree_bool(cx->a, optional->b), optional));
		tree_set(cx->a, item, kind, ref);
		if (prefix)
			tree_set(cx->a, item, "prefix", lower_str(cx, prefix, (uint32_t)strlen(prefix), x));
		tree_push(cx->a, list, item);
	}
	return list;
}

static void raise_env_from(struct imp *im, const struct field *f, struct tree *c, const char *cpath)
{
	(void)f;
	struct tree *l = imp_take(c, "envFrom");
	if (!l || l->kind != TREE_LIST || !l->list.n)
		return;
	out_fmt(im, "env-from = [");
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *e = l->list.v[i];
		char *ep = arena_printf(im->a, "%s.envFrom[%u]", cpath, i);
		struct tree *s = imp_take(e, "secretRef"), *cm = imp_take(e, "configMapRef");
		struct tree *ref = s ? s : cm;
		struct tree *n = ref ? imp_take(ref, "name") : NULL;
		struct tree *optional = ref ? imp_take(ref, "optional") : NULL;
		struct tree *prefix = imp_take(e, "prefix");
		out_fmt(im, "%s", i ? ", " : "");
		if (s && cm) {
			/* validateEnvFrom: exactly one */
			import_rule(im, R_JOB404, e->span, ep,
			            "Invalid value: \"\": may not have more than one field specified at a time",
			            "an env-from item takes a ConfigMap or a Secret, not both");
		} else if (!n) {
			import_error(im, e->span, "%s needs a secretRef or a configMapRef with a name", ep);
		} else if (optional && optional->kind != TREE_BOOL) {
			import_error(im, optional->span, "%s.%s.optional should be true or false", ep,
			             s ? "secretRef" : "configMapRef");
		} else if (prefix || optional) {
			out_fmt(im, "{ %s = ", s ? "secret" : "configmap");
			out_scalar(im, n);
			if (prefix) {
				out_fmt(im, ", prefix = ");
				out_scalar(im, prefix);
			}
			if (optional)
				out_fmt(im, ", optional = %s", optional->b ? "true" : "false");
			out_fmt(im, " }");
		} else {
			out_fmt(im, "%s(", s ? "secret" : "configmap");
			out_scalar(im, n);
			out_fmt(im, ")");
		}
		if (ref)
			imp_leftovers(im, ref, arena_printf(im->a, "%s.%s", ep, s ? "secretRef" : "configMapRef"));
		imp_leftovers(im, e, ep);
	}
	out_fmt(im, "]\n");
}

/* ---- resources: cpu = request..limit ----------------------------------------- */

/* claims = ["gpu", "gpu/large"] -> [{name: gpu}, {name: gpu, request: large}]: the pod's
 * resource claims (resource-claim NAME { }) the container uses, whole or one request
 * of one; NULL after reporting. */
static struct tree *lower_claims(struct job_ctx *cx, const struct value *v, const char *path)
{
	/* the claims are Dynamic Resource Allocation's, as the pod's are */
	const struct field *pod_claims = field_find(&schema_job, "resource-claim");
	if (!lower_version_ok(cx, pod_claims->since, "claims", NULL, v, path))
		return NULL;
	if (v->kind != V_LIST) {
		diag_error(cx->d, v->span, NULL,
		           "'claims' is a list of the pod's resource claims: claims = [\"gpu\"], or "
		           "[\"gpu/REQUEST\"] for one request of a claim");
		note_provenance(cx, v);
		cx->failed = true;
		return NULL;
	}
	struct tree *l = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < v->list.n; i++) {
		const struct value *x = v->list.v[i];
		const char *slash = x->kind == V_STR ? memchr(x->str.s, '/', x->str.len) : NULL;
		uint32_t n = slash ? (uint32_t)(slash - x->str.s) : x->kind == V_STR ? x->str.len : 0;
		if (x->kind != V_STR || (slash && (!n || n + 1 == x->str.len))) {
			diag_error(cx->d, x->span, NULL,
			           "a claim is the name of one of the pod's resource claims, or NAME/REQUEST "
			           "for one request of it; found %s", lower_describe(cx, x));
			note_provenance(cx, x);
			cx->failed = true;
			continue;
		}
		struct tree *c = lower_node(tree_map(cx->a), x);
		tree_set(cx->a, c, "name", lower_str(cx, x->str.s, n, x));
		if (slash)
			tree_set(cx->a, c, "request", lower_str(cx, slash + 1, x->str.len - n - 1, x));
		tree_push(cx->a, l, c);
	}
	return l;
}

/* resources { cpu = 500m..2; memory = 1Gi; requests { }; limits { }; claims = [] } */
static struct tree *lower_resources(struct job_ctx *cx, const struct field *f,
                                    const struct value *v, struct tree *target, const char *path)
{
	(void)target;
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *req = tree_map(cx->a), *lim = tree_map(cx->a), *claims = NULL;
	static const struct field qf = {.name = "resources", .type = FT_QUANTITY, .k8s = "resources",
	                                .doc = ""};
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct value *x = e->value;
		if (!strcmp(e->key, "claims")) {
			claims = lower_claims(cx, x, arena_printf(cx->a, "%s.claims", path));
			continue;
		}
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
	if (claims && claims->list.n)
		tree_set(cx->a, r, "claims", claims);
	return r;
}

/* claims: [{name: gpu}, {name: gpu, request: large}] -> claims = ["gpu", "gpu/large"] */
static void raise_claims(struct imp *im, struct tree *claims, const char *rp)
{
	out_fmt(im, "claims = [");
	for (uint32_t i = 0; i < claims->list.n; i++) {
		struct tree *c = claims->list.v[i];
		const char *cp = arena_printf(im->a, "%s.claims[%u]", rp, i);
		struct tree *name = imp_take(c, "name"), *req = imp_take(c, "request");
		out_fmt(im, "%s", i ? ", " : "");
		if (!name || name->kind != TREE_STR || memchr(name->str.s, '/', name->str.len) ||
		    (req && req->kind != TREE_STR)) {
			/* "a/b" would read back as a claim and its request */
			import_error(im, (name ? name : c)->span,
			             "%s: a claim needs a name (a DNS label) and may have a request", cp);
			continue;
		}
		const char *text = req && req->str.len
		                           ? arena_printf(im->a, "%.*s/%.*s", (int)name->str.len,
		                                          name->str.s, (int)req->str.len, req->str.s)
		                           : imp_text(im, name);
		size_t from = im->out.len;
		out_str(im, text, strlen(text));
		imp_mark(im, from, name->span);
		imp_leftovers(im, c, cp);
	}
	out_fmt(im, "]\n");
}

/* resources: requests and limits -> cpu = 500m..2; claims -> claims = [...] */
static void raise_resources(struct imp *im, const struct field *f, struct tree *c,
                            const char *cpath)
{
	(void)f;
	struct tree *r = imp_take(c, "resources");
	if (!r || r->kind != TREE_MAP)
		return;
	char *rp = arena_printf(im->a, "%s.resources", cpath);
	struct tree *req = imp_take_as(im, r, "requests", TREE_MAP, rp);
	struct tree *lim = imp_take_as(im, r, "limits", TREE_MAP, rp);
	struct tree *claims = imp_take_as(im, r, "claims", TREE_LIST, rp);
	imp_leftovers(im, r, rp);
	if ((!req || !req->map.n) && (!lim || !lim->map.n) && (!claims || !claims->list.n))
		return;
	out_fmt(im, "resources {\n");
	for (int pass = 0; pass < 2; pass++) {
		struct tree *m = pass ? lim : req;
		for (uint32_t i = 0; m && i < m->map.n; i++) {
			const char *name = m->map.v[i].key;
			struct tree *q = m->map.v[i].value;
			struct tree *other = pass ? NULL : tree_get(lim, name);
			if (q->kind != TREE_STR && q->kind != TREE_INT) {
				import_error(im, q->span, "%s.%s[%s] should be a quantity such as 500m or 1Gi", rp,
				       pass ? "limits" : "requests", name);
				continue;
			}
			if (other && other->kind != TREE_STR && other->kind != TREE_INT)
				other = NULL; /* reported in the second pass */
			if (pass && tree_get(req, name))
				continue; /* written with its request */
			out_key(im, name);
			out_fmt(im, " = ");
			bool same = other && other->kind == q->kind &&
			            (q->kind == TREE_INT ? q->i == other->i
			                                 : q->kind == TREE_STR && other->str.len == q->str.len &&
			                                       !memcmp(q->str.s, other->str.s, q->str.len));
			if (same || (!other && pass)) {
				if (pass)
					out_fmt(im, "..");
				out_quantity(im, q);
			} else {
				out_quantity(im, q);
				out_fmt(im, "..");
				if (other)
					out_quantity(im, other);
			}
			out_fmt(im, "\n");
		}
	}
	if (claims && claims->list.n)
		raise_claims(im, claims, rp);
	out_fmt(im, "}\n");
}

/* ---- http-get headers: { Name = "value" }, a list of {name, value} ----------- */

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

static void raise_headers(struct imp *im, const struct field *f, struct tree *h, const char *base)
{
	const char *sub = import_path(im, base, f->k8s);
	struct tree *hs = imp_take(h, f->k8s);
	if (!hs || hs->kind != TREE_LIST)
		return;
	out_fmt(im, "%s {\n", f->name);
	const struct tree **seen = arena_alloc(im->a, hs->list.n * sizeof *seen);
	uint32_t nseen = 0;
	for (uint32_t k = 0; k < hs->list.n; k++) {
		struct tree *hd = hs->list.v[k];
		struct tree *n = imp_take(hd, "name"), *v = imp_take(hd, "value");
		const char *hp = arena_printf(im->a, "%s[%u]", sub, k);
		if (!n || !v || n->kind != TREE_STR) {
			import_error(im, hd->span, "%s needs a name and a value", hp);
			continue;
		}
		if (imp_key_twice(im, seen, &nseen, n, hp, f->name) ||
		    !imp_want_string(im, v, arena_printf(im->a, "%s.value", hp)))
			continue; /* a header sent twice, or a value YAML reads as a number */
		out_str(im, n->str.s, n->str.len);
		out_fmt(im, " = ");
		out_scalar(im, v);
		out_fmt(im, "\n");
		imp_leftovers(im, hd, hp);
	}
	out_fmt(im, "}\n");
}

/* ---- sidecar: an init container that keeps running --------------------------- */

/* sidecar = true -> restartPolicy: Always (an init container that keeps
 * running); false writes nothing */
static struct tree *lower_sidecar(struct job_ctx *cx, const struct field *f, const struct value *v,
                                  struct tree *target, const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	return t && t->b ? lower_node(tree_cstr(cx->a, "Always"), v) : NULL;
}

static void raise_sidecar(struct imp *im, const struct field *f, struct tree *c, const char *cpath)
{
	struct tree *rp = imp_take(c, f->k8s);
	if (imp_is_str(rp, "Always"))
		out_fmt(im, "%s = true\n", f->name);
	else if (rp)
		import_error(im, rp->span,
		             "%s.restartPolicy: an init container's is Always (a sidecar) or none", cpath);
}

/* ---- failure rules: conditions and exit codes -------------------------------- */

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

static void raise_conditions(struct imp *im, const struct field *f, struct tree *r,
                             const char *path)
{
	struct tree *conds = imp_take(r, f->k8s);
	if (!conds || conds->kind != TREE_LIST)
		return;
	out_fmt(im, "%s = [", f->name);
	for (uint32_t i = 0; i < conds->list.n; i++) {
		struct tree *c = conds->list.v[i];
		struct tree *type = imp_take(c, "type"), *status = imp_take(c, "status");
		if (status && !imp_is_str(status, "True"))
			import_error(im, status->span,
			             "%s.onPodConditions[%u].status: jobc's conditions match status True", path, i);
		out_fmt(im, "%s", i ? ", " : "");
		out_required(im, type, c, arena_printf(im->a, "%s.onPodConditions[%u].type", path, i));
		imp_leftovers(im, c, arena_printf(im->a, "%s.onPodConditions[%u]", path, i));
	}
	out_fmt(im, "]\n");
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

/* onExitCodes {operator, values}: exit-codes for In (or no operator),
 * exit-codes-not-in for NotIn */
static void raise_exit_codes_op(struct imp *im, const struct field *f, struct tree *r,
                                const char *path, bool not_in)
{
	struct tree *op = imp_peek(r, "onExitCodes.operator");
	if (imp_is_str(op, "NotIn") != not_in)
		return;
	if (!op && imp_peek(r, "onExitCodes")) {
		/* validatePodFailurePolicyRuleOnExitCodes: the operator is required */
		import_rule(im, R_JOB111, imp_peek(r, "onExitCodes")->span,
		            arena_printf(im->a, "%s.onExitCodes.operator", path),
		            "Required value: valid values: \"In\", \"NotIn\"",
		            "onExitCodes needs an operator: In (exit-codes) or NotIn (exit-codes-not-in)");
		imp_take(r, f->k8s);
		return;
	}
	imp_take(r, "onExitCodes.operator");
	if (op && !imp_is_str(op, "In") && !imp_is_str(op, "NotIn"))
		import_error(im, op->span, "%s.onExitCodes.operator is In or NotIn", path);
	struct tree *vals = imp_take(r, f->k8s);
	if (vals)
		raise_value(im, f, vals, import_path(im, path, f->k8s));
}

static void raise_exit_codes(struct imp *im, const struct field *f, struct tree *r,
                             const char *path)
{
	raise_exit_codes_op(im, f, r, path, false);
}

static void raise_exit_codes_not_in(struct imp *im, const struct field *f, struct tree *r,
                                    const char *path)
{
	raise_exit_codes_op(im, f, r, path, true);
}

/* ---- indexed: completionMode ------------------------------------------------- */

/* indexed = true -> completionMode: Indexed (false: NonIndexed) */
static struct tree *lower_indexed(struct job_ctx *cx, const struct field *f, const struct value *v,
                                  struct tree *target, const char *path)
{
	(void)target;
	struct tree *t = lower_value(cx, f, v, path);
	return t ? lower_node(tree_cstr(cx->a, t->b ? "Indexed" : "NonIndexed"), v) : NULL;
}

static void raise_indexed(struct imp *im, const struct field *f, struct tree *job,
                          const char *base)
{
	(void)base;
	struct tree *mode = imp_peek(job, f->k8s);
	bool indexed = imp_is_str(mode, "Indexed");
	if (indexed || imp_is_str(mode, "NonIndexed")) {
		imp_take(job, f->k8s);
		out_fmt(im, "%s = %s\n", f->name, indexed ? "true" : "false");
	}
}

/* ---- container-name: the main container's name ------------------------------- */

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

static void raise_container_name(struct imp *im, const struct field *f, struct tree *job,
                                 const char *base)
{
	(void)job, (void)base;
	struct tree *name = im->main ? imp_take(im->main, "name") : NULL;
	if (name && !imp_is_str(name, im->name))
		raise_value(im, f, name, import_job_path(im, "spec.template.spec.containers[0].name"));
}

/* ---- restart ----------------------------------------------------------------- */

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

/* ---- labels ------------------------------------------------------------------ */

static bool in_both(const struct tree *other, const char *k, const struct tree *v)
{
	return imp_same_scalar(tree_get(other, k), v);
}

static bool not_in(const struct tree *other, const char *k, const struct tree *v)
{
	return !imp_same_scalar(tree_get(other, k), v);
}

/* labels the Job and its pods share are labels; the Job's own job-labels,
 * the pods' own pod-labels (lowering: place_labels in lower.c) */
static void raise_labels(struct imp *im, const struct field *f, struct tree *job, const char *base)
{
	(void)f, (void)base;
	const char *tpath = import_job_path(im, "spec.template.metadata");
	struct tree *jl = imp_take(job, "metadata.labels");
	struct tree *pl = imp_take(job, "spec.template.metadata.labels");
	imp_drop_generated(im, jl, "metadata.labels");
	const char *plpath = arena_printf(im->a, "%s.labels", tpath);
	imp_drop_generated(im, pl, plpath);
	out_string_map(im, "labels", "metadata.labels", jl, in_both, pl);
	out_string_map(im, "job-labels", "metadata.labels", jl, not_in, pl);
	out_string_map(im, "pod-labels", plpath, pl, not_in, jl);
}

/* job-labels and pod-labels: raised with labels */
static void raise_nothing(struct imp *im, const struct field *f, struct tree *holder,
                          const char *base)
{
	(void)im, (void)f, (void)holder, (void)base;
}

/* ---- the selector ------------------------------------------------------------ */

/* manual-selector = true; the selector is read with it, below */
static void raise_manual_selector(struct imp *im, const struct field *f, struct tree *job,
                                  const char *base)
{
	struct tree *m = imp_peek(job, f->k8s);
	if (m && m->kind != TREE_BOOL) {
		import_error(im, m->span, "%s should be true or false", import_path(im, base, f->k8s));
		imp_take(job, f->k8s);
	} else if (m) {
		out_fmt(im, "%s = %s\n", f->name, m->b ? "true" : "false");
	}
}

/* The selector, with manual-selector; without it, the selector is the one
 * Kubernetes generates (dropped, with a note) */
static void raise_selector(struct imp *im, const struct field *f, struct tree *job, const char *base)
{
	const char *sp = import_path(im, base, "spec.selector");
	struct tree *manual = imp_take(job, "spec.manualSelector");
	struct tree *sel = imp_peek(job, "spec.selector");
	if (!sel)
		return;
	if (!(manual && manual->kind == TREE_BOOL && manual->b)) {
		/* the one the Job controller generates: its own uid, nothing else */
		const struct tree *ml = tree_get(sel, "matchLabels");
		bool generated = sel->kind == TREE_MAP && sel->map.n == 1 && ml && ml->kind == TREE_MAP &&
		                 ml->map.n;
		for (uint32_t i = 0; generated && i < ml->map.n; i++)
			generated = strstr(ml->map.v[i].key, "controller-uid") &&
			            imp_generated_label(im, ml->map.v[i].key, ml->map.v[i].value);
		if (generated)
			import_dropped(im, sp);
		else
			import_rule(im, R_JOB119, sel->span, sp, "Invalid value: `selector` not auto-generated",
			            "this selector was written by hand: it needs manualSelector: true (or "
			            "leave both out: Kubernetes selects the Job's own pods)");
		imp_take(job, "spec.selector");
		return;
	}
	/* matchLabels is jobc's selector; what else it has (matchExpressions, or
	 * nothing: an empty selector) stays for job-spec { } */
	if (tree_get(sel, "matchLabels"))
		raise_value(im, f, imp_take(sel, "matchLabels"), import_path(im, base, f->k8s));
}

/* ---- the table ----------------------------------------------------------- */

const struct shape shape_env = {lower_env, raise_env};
const struct shape shape_env_from = {lower_env_from, raise_env_from};
const struct shape shape_resources = {lower_resources, raise_resources};
const struct shape shape_headers = {lower_headers, raise_headers};
const struct shape shape_sidecar = {lower_sidecar, raise_sidecar};
const struct shape shape_conditions = {lower_conditions, raise_conditions};
const struct shape shape_exit_codes = {lower_exit_codes, raise_exit_codes};
const struct shape shape_exit_codes_not_in = {lower_exit_codes_not_in, raise_exit_codes_not_in};
const struct shape shape_indexed = {lower_indexed, raise_indexed};
const struct shape shape_container_name = {lower_container_name, raise_container_name};
const struct shape shape_restart = {lower_restart, NULL};
const struct shape shape_labels = {NULL, raise_labels};
const struct shape shape_labels_part = {NULL, raise_nothing};
const struct shape shape_manual_selector = {NULL, raise_manual_selector};
const struct shape shape_selector = {NULL, raise_selector};
