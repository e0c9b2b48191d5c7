/* k8s_check.c - strict checking against the OpenAPI types; see k8s_check.h. */
#include "k8s_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "k8s_schema.h"

#define JOB_TYPE "io.k8s.api.batch.v1.Job"
#define CRONJOB_TYPE "io.k8s.api.batch.v1.CronJob"

struct ctx {
	k8s_problem on_problem;
	void *user;
	int problems;
};

/* Where a node is: its parent's place and its own step, made into a path
 * only when there is a problem to tell (a correct tree costs no text). */
struct place {
	const struct place *up;
	enum { AT_ROOT, AT_FIELD, AT_KEY, AT_INDEX } how;
	const char *key;  /* AT_ROOT: the path given; AT_FIELD, AT_KEY: the key */
	uint32_t index;   /* AT_INDEX */
};

/* Writes the path of p into buf (truncated to size); returns its length
 * as far as it was written. */
static size_t place_path(const struct place *p, char *buf, size_t size)
{
	size_t n = p->up ? place_path(p->up, buf, size) : 0;
	if (n + 1 >= size)
		return n;
	int k = 0;
	switch (p->how) {
	case AT_ROOT: k = snprintf(buf, size, "%s", p->key); break;
	case AT_FIELD: k = snprintf(buf + n, size - n, "%s%s", n ? "." : "", p->key); break;
	case AT_KEY: k = snprintf(buf + n, size - n, "[%s]", p->key); break;
	case AT_INDEX: k = snprintf(buf + n, size - n, "[%u]", p->index); break;
	}
	n += k > 0 ? (size_t)k : 0;
	return n < size ? n : size - 1;
}

static void problem(struct ctx *c, const struct tree *at, struct span ks, const struct place *p,
                    const char *what, const char *suggest)
{
	char path[512];
	path[0] = '\0';
	place_path(p, path, sizeof path);
	c->on_problem(c->user, at, ks, path, what, suggest);
	c->problems++;
}

static const char *kind_word(enum k8s_kind k)
{
	switch (k) {
	case K8S_OBJECT: return "a block of fields";
	case K8S_MAP: return "a map";
	case K8S_ARRAY: return "a list";
	case K8S_STRING: return "a string";
	case K8S_INTEGER: return "an integer";
	case K8S_NUMBER: return "a number";
	case K8S_BOOL: return "true or false";
	case K8S_INT_OR_STRING: return "an integer or a string";
	case K8S_QUANTITY: return "a quantity";
	case K8S_ANY: return "a value";
	}
	return "a value";
}

/* The field key of ty (a binary search: the table keeps them in order). */
static const struct k8s_prop *prop_find(const struct k8s_type *ty, const char *key)
{
	int lo = 0, hi = ty->nprops;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(ty->props[mid].name, key);
		if (!c)
			return &ty->props[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The field of ty nearest to an unknown key, if near enough. */
static const char *prop_suggest(const struct k8s_type *ty, const char *key)
{
	const char *best = NULL;
	unsigned bd = 99;
	for (int k = 0; k < ty->nprops; k++) {
		unsigned d = edit_distance(key, ty->props[k].name);
		if (d < bd)
			bd = d, best = ty->props[k].name;
	}
	size_t len = strlen(key);
	unsigned limit = len < 3 ? 1 : (unsigned)(len + 2) / 3;
	return bd <= limit ? best : NULL;
}

/* A top-level kind: apiVersion and kind are written, and are its own. */
static void check_kind(struct ctx *c, const struct tree *t, const struct k8s_type *ty,
                       const struct place *at, struct span ks)
{
	const char *keys[2] = {"apiVersion", "kind"};
	const char *want[2] = {ty->api_version, ty->gvk_kind};
	for (int i = 0; i < 2; i++) {
		const struct tree *v = tree_get(t, keys[i]);
		struct place p = {at, AT_FIELD, keys[i], 0};
		if (!v) {
			problem(c, t, ks, &p, "Required value", NULL);
		} else if (v->kind == TREE_STR && (v->str.len != strlen(want[i]) ||
		                                   memcmp(v->str.s, want[i], v->str.len))) {
			char what[256];
			snprintf(what, sizeof what, "Unsupported value: \"%.*s\": supported values: \"%s\"",
			         (int)(v->str.len < 64 ? v->str.len : 64), v->str.s, want[i]);
			problem(c, v, ks, &p, what, NULL);
		}
	}
}

static void check(struct ctx *c, const struct tree *t, int type, const struct place *at,
                  struct span ks)
{
	const struct k8s_type *ty = &k8s_types[type];
	char what[96];
	bool ok = false; /* a block, map or list of the wrong kind breaks out with it */
	switch (ty->kind) {
	case K8S_OBJECT:
		if (t->kind != TREE_MAP)
			break;
		for (uint32_t i = 0; i < t->map.n; i++) {
			const struct tree_entry *e = &t->map.v[i];
			const struct k8s_prop *p = prop_find(ty, e->key);
			struct place sub = {at, AT_FIELD, e->key, 0};
			if (!p)
				problem(c, e->value, e->key_span, &sub, "unknown field", prop_suggest(ty, e->key));
			else
				check(c, e->value, p->type, &sub, e->key_span);
		}
		for (int k = 0; k < ty->nprops; k++)
			if (ty->props[k].required && !tree_get(t, ty->props[k].name)) {
				struct place sub = {at, AT_FIELD, ty->props[k].name, 0};
				problem(c, t, ks, &sub, "Required value", NULL);
			}
		if (ty->gvk_kind)
			check_kind(c, t, ty, at, ks);
		return;
	case K8S_MAP:
		if (t->kind != TREE_MAP)
			break;
		for (uint32_t i = 0; i < t->map.n; i++) {
			struct place sub = {at, AT_KEY, t->map.v[i].key, 0};
			check(c, t->map.v[i].value, ty->elem, &sub, t->map.v[i].key_span);
		}
		return;
	case K8S_ARRAY:
		if (t->kind != TREE_LIST)
			break;
		for (uint32_t i = 0; i < t->list.n; i++) {
			struct place sub = {at, AT_INDEX, NULL, i};
			check(c, t->list.v[i], ty->elem, &sub, ks);
		}
		return;
	case K8S_STRING: ok = t->kind == TREE_STR; break;
	case K8S_INTEGER:
		ok = t->kind == TREE_INT;
		if (ok && (t->i < ty->min || t->i > ty->max)) {
			snprintf(what, sizeof what, "%lld does not fit in %s", (long long)t->i,
			         ty->max == 2147483647LL ? "32 bits" : "64 bits");
			problem(c, t, ks, at, what, NULL);
			return;
		}
		break;
	case K8S_NUMBER: ok = t->kind == TREE_INT; break;
	case K8S_BOOL: ok = t->kind == TREE_BOOL; break;
	case K8S_INT_OR_STRING:
	case K8S_QUANTITY: ok = t->kind == TREE_INT || t->kind == TREE_STR; break;
	case K8S_ANY: ok = true; break;
	default: ok = true;
	}
	if (!ok) {
		snprintf(what, sizeof what, "expected %s", kind_word(ty->kind));
		problem(c, t, ks, at, what, NULL);
	}
}

int k8s_check(const struct tree *t, const char *type_name, const char *path,
              k8s_problem on_problem, void *user)
{
	int type = k8s_type_find(type_name);
	if (type < 0)
		return 0;
	struct ctx c = {on_problem, user, 0};
	struct place root = {NULL, AT_ROOT, path, 0};
	check(&c, t, type, &root, span_none());
	return c.problems;
}

int k8s_type_index(const char *type_name)
{
	return k8s_type_find(type_name);
}

int k8s_prop_type(int type, const char *key, const char **suggest)
{
	if (suggest)
		*suggest = NULL;
	if (type < 0 || k8s_types[type].kind != K8S_OBJECT)
		return -1;
	const struct k8s_prop *p = prop_find(&k8s_types[type], key);
	if (!p && suggest)
		*suggest = prop_suggest(&k8s_types[type], key);
	return p ? p->type : -1;
}

bool k8s_type_is_object(int type)
{
	return type >= 0 && k8s_types[type].kind == K8S_OBJECT;
}

int k8s_check_at(const struct tree *t, int type, const char *path, k8s_problem on_problem,
                 void *user)
{
	if (type < 0)
		return 0;
	struct ctx c = {on_problem, user, 0};
	struct place root = {NULL, AT_ROOT, path, 0};
	check(&c, t, type, &root, span_none());
	return c.problems;
}

int k8s_check_required(const struct tree *t, int type, const char *path, k8s_problem on_problem,
                       void *user)
{
	if (type < 0 || k8s_types[type].kind != K8S_OBJECT || !t || t->kind != TREE_MAP)
		return 0;
	const struct k8s_type *ty = &k8s_types[type];
	struct ctx c = {on_problem, user, 0};
	struct place root = {NULL, AT_ROOT, path, 0};
	for (int k = 0; k < ty->nprops; k++)
		if (ty->props[k].required && !tree_get(t, ty->props[k].name)) {
			struct place sub = {&root, AT_FIELD, ty->props[k].name, 0};
			problem(&c, t, span_none(), &sub, "Required value", NULL);
		}
	return c.problems;
}

struct strings {
	void (*found)(void *user, const struct tree *at, const char *path);
	void *user;
};

static void each_string(const struct strings *w, const struct tree *t, int type,
                        const struct place *at)
{
	const struct k8s_type *ty = &k8s_types[type];
	if (ty->kind == K8S_OBJECT && t->kind == TREE_MAP) {
		for (uint32_t i = 0; i < t->map.n; i++) {
			const struct k8s_prop *p = prop_find(ty, t->map.v[i].key);
			struct place sub = {at, AT_FIELD, t->map.v[i].key, 0};
			if (p)
				each_string(w, t->map.v[i].value, p->type, &sub);
		}
	} else if (ty->kind == K8S_MAP && t->kind == TREE_MAP) {
		for (uint32_t i = 0; i < t->map.n; i++) {
			struct place sub = {at, AT_KEY, t->map.v[i].key, 0};
			each_string(w, t->map.v[i].value, ty->elem, &sub);
		}
	} else if (ty->kind == K8S_ARRAY && t->kind == TREE_LIST) {
		for (uint32_t i = 0; i < t->list.n; i++) {
			struct place sub = {at, AT_INDEX, NULL, i};
			each_string(w, t->list.v[i], ty->elem, &sub);
		}
	} else if (ty->kind == K8S_STRING &&
	           (t->kind == TREE_STR || t->kind == TREE_INT || t->kind == TREE_BOOL)) {
		char path[512];
		path[0] = '\0';
		place_path(at, path, sizeof path);
		w->found(w->user, t, path);
	}
}

void k8s_each_string(const struct tree *t, const char *type_name, const char *path,
                     void (*found)(void *user, const struct tree *at, const char *path),
                     void *user)
{
	int type = k8s_type_find(type_name);
	struct strings w = {found, user};
	struct place root = {NULL, AT_ROOT, path, 0};
	if (type >= 0)
		each_string(&w, t, type, &root);
}

int k8s_check_batch(const struct tree *obj, bool cron, k8s_problem on_problem, void *user)
{
	return k8s_check(obj, cron ? CRONJOB_TYPE : JOB_TYPE, "", on_problem, user);
}

struct guarded {
	bool cron;
	const char *job;
};

static void guard_problem(void *user, const struct tree *at, struct span key_span,
                          const char *path, const char *what, const char *suggest)
{
	const struct guarded *g = user;
	(void)at, (void)key_span;
	fprintf(stderr, "jobc: internal error: job '%s': the %s built does not match %s: %s: %s",
	        g->job, g->cron ? "CronJob" : "Job", g->cron ? CRONJOB_TYPE : JOB_TYPE,
	        *path ? path : "(the object)", what);
	if (suggest)
		fprintf(stderr, " (did you mean '%s'?)", suggest);
	fputc('\n', stderr);
}

void k8s_guard(const struct tree *obj, bool cron, const char *job)
{
	struct guarded g = {cron, job};
	if (!k8s_check_batch(obj, cron, guard_problem, &g))
		return;
	fputs("jobc: internal error: a bug in jobc, not in the input (the structural guard of "
	      "debug and test builds); please report it\n",
	      stderr);
	abort();
}
