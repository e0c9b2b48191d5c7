/* k8s_check.c - strict checking against the OpenAPI types; see k8s_check.h. */
#include "k8s_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "k8s_schema.h"

struct ctx {
	k8s_problem report;
	void *user;
	int problems;
};

static void problem(struct ctx *c, const struct tree *at, struct span ks, const char *path,
                    const char *what, const char *suggest)
{
	c->report(c->user, at, ks, path, what, suggest);
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

static void check(struct ctx *c, const struct tree *t, int type, const char *path, struct span ks)
{
	const struct k8s_type *ty = &k8s_types[type];
	char sub[512];
	bool ok;
	switch (ty->kind) {
	case K8S_OBJECT:
		if (t->kind != TREE_MAP) {
			snprintf(sub, sizeof sub, "expected %s", kind_word(ty->kind));
			problem(c, t, ks, path, sub, NULL);
			return;
		}
		for (uint32_t i = 0; i < t->map.n; i++) {
			const struct tree_entry *e = &t->map.v[i];
			const struct k8s_prop *p = NULL;
			for (int k = 0; k < ty->nprops; k++)
				if (!strcmp(ty->props[k].name, e->key))
					p = &ty->props[k];
			snprintf(sub, sizeof sub, "%s.%s", path, e->key);
			if (!p) {
				const char *best = NULL;
				unsigned bd = 99;
				for (int k = 0; k < ty->nprops; k++) {
					unsigned d = edit_distance(e->key, ty->props[k].name);
					if (d < bd)
						bd = d, best = ty->props[k].name;
				}
				size_t len = strlen(e->key);
				unsigned limit = len < 3 ? 1 : (unsigned)(len + 2) / 3;
				problem(c, e->value, e->key_span, sub, "unknown field", bd <= limit ? best : NULL);
				continue;
			}
			check(c, e->value, p->type, sub, e->key_span);
		}
		for (int k = 0; k < ty->nprops; k++)
			if (ty->props[k].required && !tree_get(t, ty->props[k].name)) {
				snprintf(sub, sizeof sub, "%s.%s", path, ty->props[k].name);
				problem(c, t, ks, sub, "Required value", NULL);
			}
		return;
	case K8S_MAP:
		if (t->kind != TREE_MAP) {
			problem(c, t, ks, path, "expected a map", NULL);
			return;
		}
		for (uint32_t i = 0; i < t->map.n; i++) {
			snprintf(sub, sizeof sub, "%s[%s]", path, t->map.v[i].key);
			check(c, t->map.v[i].value, ty->elem, sub, t->map.v[i].key_span);
		}
		return;
	case K8S_ARRAY:
		if (t->kind != TREE_LIST) {
			problem(c, t, ks, path, "expected a list", NULL);
			return;
		}
		for (uint32_t i = 0; i < t->list.n; i++) {
			snprintf(sub, sizeof sub, "%s[%u]", path, i);
			check(c, t->list.v[i], ty->elem, sub, ks);
		}
		return;
	case K8S_STRING: ok = t->kind == TREE_STR; break;
	case K8S_INTEGER:
		ok = t->kind == TREE_INT;
		if (ok && (t->i < ty->min || t->i > ty->max)) {
			snprintf(sub, sizeof sub, "%lld does not fit in %s", (long long)t->i,
			         ty->max == 2147483647LL ? "32 bits" : "64 bits");
			problem(c, t, ks, path, sub, NULL);
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
		snprintf(sub, sizeof sub, "expected %s", kind_word(ty->kind));
		problem(c, t, ks, path, sub, NULL);
	}
}

int k8s_check(const struct tree *t, const char *type_name, const char *path, k8s_problem report,
              void *user)
{
	int type = k8s_type_find(type_name);
	if (type < 0)
		return 0;
	struct ctx c = {report, user, 0};
	check(&c, t, type, path, span_none());
	return c.problems;
}
