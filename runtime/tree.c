/* tree.c - document tree; see tree.h. */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static struct tree *node(struct arena *a, enum tree_kind k)
{
	struct tree *t = ARENA_NEW(a, struct tree);
	t->kind = k;
	t->span = span_none();
	return t;
}

struct tree *tree_null(struct arena *a) { return node(a, TREE_NULL); }

struct tree *tree_bool(struct arena *a, bool b)
{
	struct tree *t = node(a, TREE_BOOL);
	t->b = b;
	return t;
}

struct tree *tree_int(struct arena *a, int64_t i)
{
	struct tree *t = node(a, TREE_INT);
	t->i = i;
	return t;
}

struct tree *tree_str(struct arena *a, const char *s, size_t len)
{
	struct tree *t = node(a, TREE_STR);
	t->str.s = s;
	t->str.len = (uint32_t)len;
	return t;
}

struct tree *tree_cstr(struct arena *a, const char *s)
{
	return tree_str(a, s, strlen(s));
}

struct tree *tree_list(struct arena *a) { return node(a, TREE_LIST); }
struct tree *tree_map(struct arena *a) { return node(a, TREE_MAP); }

void tree_push(struct arena *a, struct tree *list, struct tree *item)
{
	if (list->list.n == list->list.cap) {
		uint32_t cap = list->list.cap ? list->list.cap * 2 : 4;
		list->list.v = arena_grow(a, list->list.v, list->list.n, cap, sizeof *list->list.v);
		list->list.cap = cap;
	}
	list->list.v[list->list.n++] = item;
}

void tree_append(struct arena *a, struct tree *map, const char *key, struct tree *value)
{
	tree_append_at(a, map, key, span_none(), value);
}

void tree_append_at(struct arena *a, struct tree *map, const char *key, struct span key_span,
                    struct tree *value)
{
	if (map->map.n == map->map.cap) {
		uint32_t cap = map->map.cap ? map->map.cap * 2 : 4;
		map->map.v = arena_grow(a, map->map.v, map->map.n, cap, sizeof *map->map.v);
		map->map.cap = cap;
	}
	struct tree_entry *e = &map->map.v[map->map.n++];
	e->key = key;
	e->klen = (uint32_t)strlen(key);
	e->key_span = key_span;
	e->value = value;
}

static struct tree_entry *findn(const struct tree *map, const char *key, size_t klen)
{
	for (uint32_t i = 0; i < map->map.n; i++) {
		struct tree_entry *e = &map->map.v[i];
		if (e->klen == klen && e->key[0] == key[0] && memcmp(e->key, key, klen) == 0)
			return e;
	}
	return NULL;
}

struct tree *tree_getn(const struct tree *map, const char *key, size_t klen)
{
	if (!map || map->kind != TREE_MAP)
		return NULL;
	struct tree_entry *e = findn(map, key, klen);
	return e ? e->value : NULL;
}

static struct tree_entry *find(const struct tree *map, const char *key)
{
	size_t klen = strlen(key);
	for (uint32_t i = 0; i < map->map.n; i++) {
		struct tree_entry *e = &map->map.v[i];
		if (e->klen == klen && e->key[0] == key[0] && memcmp(e->key, key, klen) == 0)
			return e;
	}
	return NULL;
}

void tree_set(struct arena *a, struct tree *map, const char *key, struct tree *value)
{
	struct tree_entry *e = find(map, key);
	if (e)
		e->value = value;
	else
		tree_append(a, map, key, value);
}

struct tree *tree_get(const struct tree *map, const char *key)
{
	if (!map || map->kind != TREE_MAP)
		return NULL;
	struct tree_entry *e = find(map, key);
	return e ? e->value : NULL;
}

struct tree *tree_child_map(struct arena *a, struct tree *map, const char *key)
{
	struct tree *t = tree_get(map, key);
	if (t && t->kind == TREE_MAP)
		return t;
	t = tree_map(a);
	tree_set(a, map, key, t);
	return t;
}

void tree_remove(struct tree *map, const char *key)
{
	struct tree_entry *e = find(map, key);
	if (!e)
		return;
	size_t i = (size_t)(e - map->map.v);
	memmove(e, e + 1, (map->map.n - i - 1) * sizeof *e);
	map->map.n--;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct tree_entry *a = pa, *b = pb;
	uint32_t n = a->klen < b->klen ? a->klen : b->klen;
	int c = memcmp(a->key, b->key, n);
	if (c)
		return c;
	return (a->klen > b->klen) - (a->klen < b->klen);
}

void tree_sort(struct tree *t)
{
	if (t->kind == TREE_MAP) {
		struct tree_entry *v = t->map.v;
		uint32_t n = t->map.n;
		if (n > 16) {
			qsort(v, n, sizeof *v, cmp_entry);
		} else {
			/* small maps, often sorted already: insertion sort */
			for (uint32_t i = 1; i < n; i++) {
				if (cmp_entry(&v[i - 1], &v[i]) <= 0)
					continue;
				struct tree_entry e = v[i];
				uint32_t j = i;
				while (j > 0 && cmp_entry(&v[j - 1], &e) > 0) {
					v[j] = v[j - 1];
					j--;
				}
				v[j] = e;
			}
		}
		for (uint32_t i = 0; i < t->map.n; i++)
			tree_sort(t->map.v[i].value);
	} else if (t->kind == TREE_LIST) {
		for (uint32_t i = 0; i < t->list.n; i++)
			tree_sort(t->list.v[i]);
	}
}

bool tree_is_str(const struct tree *t, const char *s)
{
	return t && t->kind == TREE_STR && t->str.len == strlen(s) &&
	       (!t->str.len || !memcmp(t->str.s, s, t->str.len));
}

struct tree *tree_clone(struct arena *a, const struct tree *t)
{
	struct tree *c = ARENA_NEW(a, struct tree);
	*c = *t;
	switch (t->kind) {
	case TREE_LIST:
		c->list.v = t->list.n ? arena_alloc(a, sizeof *c->list.v * t->list.n) : NULL;
		c->list.cap = t->list.n;
		for (uint32_t i = 0; i < t->list.n; i++)
			c->list.v[i] = tree_clone(a, t->list.v[i]);
		break;
	case TREE_MAP:
		c->map.v = t->map.n ? arena_alloc(a, sizeof *c->map.v * t->map.n) : NULL;
		c->map.cap = t->map.n;
		for (uint32_t i = 0; i < t->map.n; i++) {
			c->map.v[i] = t->map.v[i];
			c->map.v[i].value = tree_clone(a, t->map.v[i].value);
		}
		break;
	default:
		break;
	}
	return c;
}

bool tree_equal(const struct tree *a, const struct tree *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case TREE_NULL: return true;
	case TREE_BOOL: return a->b == b->b;
	case TREE_INT: return a->i == b->i;
	case TREE_STR:
		return a->str.len == b->str.len && memcmp(a->str.s, b->str.s, a->str.len) == 0;
	case TREE_LIST:
		if (a->list.n != b->list.n)
			return false;
		for (uint32_t i = 0; i < a->list.n; i++)
			if (!tree_equal(a->list.v[i], b->list.v[i]))
				return false;
		return true;
	case TREE_MAP:
		if (a->map.n != b->map.n)
			return false;
		for (uint32_t i = 0; i < a->map.n; i++) {
			const struct tree_entry *x = &a->map.v[i], *y = &b->map.v[i];
			if (x->klen != y->klen || memcmp(x->key, y->key, x->klen) != 0 ||
			    !tree_equal(x->value, y->value))
				return false;
		}
		return true;
	}
	return false;
}

void tree_set_path(struct arena *a, struct tree *root, const char *path, struct tree *value)
{
	struct tree *t = root;
	const char *p = path;
	for (;;) {
		const char *dot = strchr(p, '.');
		if (!dot) {
			tree_set(a, t, p, value);
			return;
		}
		char *key = arena_strndup(a, p, (size_t)(dot - p));
		t = tree_child_map(a, t, key);
		p = dot + 1;
	}
}

struct tree *tree_path(const struct tree *root, const char *path)
{
	const struct tree *t = root;
	const char *p = path;
	while (t) {
		const char *e = p;
		while (*e && *e != '.')
			e++;
		t = tree_getn(t, p, (size_t)(e - p));
		if (!*e)
			return (struct tree *)(uintptr_t)t;
		p = e + 1;
	}
	return NULL;
}
