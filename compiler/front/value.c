/* value.c - language values; see value.h. */
#include "value.h"

#include <inttypes.h>
#include <string.h>

#include "diag.h"
#include "map.h"

struct value *val_new(struct arena *a, enum val_kind k, struct span sp)
{
	struct value *v = ARENA_NEW(a, struct value);
	v->kind = k;
	v->span = sp;
	return v;
}

struct value *val_int(struct arena *a, int64_t i, struct span sp)
{
	struct value *v = val_new(a, V_INT, sp);
	v->i = i;
	return v;
}

struct value *val_bool(struct arena *a, bool b, struct span sp)
{
	struct value *v = val_new(a, V_BOOL, sp);
	v->b = b;
	return v;
}

struct value *val_str(struct arena *a, const char *s, uint32_t len, struct span sp)
{
	struct value *v = val_new(a, V_STR, sp);
	v->str.s = s;
	v->str.len = len;
	return v;
}

struct value *val_map(struct arena *a, struct span sp)
{
	struct value *v = val_new(a, V_MAP, sp);
	v->map = vmap_new(a);
	return v;
}

struct value *val_copy(struct arena *a, const struct value *v)
{
	struct value *c = ARENA_NEW(a, struct value);
	*c = *v;
	c->owned = false; /* the copy shares the map: neither may change it */
	return c;
}

struct vmap *vmap_new(struct arena *a)
{
	return ARENA_NEW(a, struct vmap);
}

#define VMAP_HASH_AT 24

struct vmap_entry *vmap_find(const struct vmap *m, const char *key)
{
	if (m->index) {
		/* Keys are interned: the pointer is the identity. */
		uintptr_t at = (uintptr_t)map_get(m->index, (const char *)&key, sizeof key);
		return at ? &m->e[at - 1] : NULL;
	}
	for (uint32_t i = 0; i < m->n; i++)
		if (m->e[i].key == key)
			return &m->e[i];
	return NULL;
}

static void index_put(struct vmap *m, uint32_t i)
{
	/* The entry's own key field is stable storage for the pointer bytes. */
	map_put(m->index, (const char *)&m->e[i].key, sizeof m->e[i].key, (void *)(uintptr_t)(i + 1));
}

void vmap_set(struct arena *a, struct vmap *m, const char *key, struct span key_span,
              struct value *v)
{
	struct vmap_entry *e = vmap_find(m, key);
	if (e) {
		e->value = v;
		return;
	}
	if (m->n == m->cap) {
		uint32_t cap = m->cap ? m->cap * 2 : 8;
		m->e = arena_grow(a, m->e, m->n, cap, sizeof *m->e);
		m->cap = cap;
		if (m->index) {
			/* Entries moved: the index points at their key fields. */
			map_init(m->index, a);
			for (uint32_t i = 0; i < m->n; i++)
				index_put(m, i);
		}
	}
	m->e[m->n].key = key;
	m->e[m->n].key_span = key_span;
	m->e[m->n].value = v;
	m->n++;
	if (!m->index && m->n >= VMAP_HASH_AT) {
		m->index = ARENA_NEW(a, struct map);
		map_init(m->index, a);
		for (uint32_t i = 0; i < m->n; i++)
			index_put(m, i);
	} else if (m->index) {
		index_put(m, m->n - 1);
	}
}

void vmap_remove(struct vmap *m, const char *key)
{
	struct vmap_entry *e = vmap_find(m, key);
	if (!e)
		return;
	uint32_t i = (uint32_t)(e - m->e);
	memmove(e, e + 1, (m->n - i - 1) * sizeof *e);
	m->n--;
	if (m->index) {
		struct arena *a = m->index->arena;
		map_init(m->index, a);
		for (uint32_t k = 0; k < m->n; k++)
			index_put(m, k);
	}
}

const char *val_kind_name(enum val_kind k)
{
	switch (k) {
	case V_NULL: return "null";
	case V_BOOL: return "bool";
	case V_INT: return "integer";
	case V_STR: return "string";
	case V_UNIT: return "unit literal";
	case V_LIST: return "list";
	case V_MAP: return "map";
	case V_SECRET: return "secret reference";
	case V_CONFIGMAP: return "configmap reference";
	case V_FIELDREF: return "field reference";
	case V_RESFIELD: return "resource reference";
	case V_RANGE: return "range";
	}
	return "value";
}

void val_describe(struct buf *out, const struct value *v)
{
	switch (v->kind) {
	case V_NULL: buf_puts(out, "null"); break;
	case V_BOOL: buf_printf(out, "bool %s", v->b ? "true" : "false"); break;
	case V_INT: buf_printf(out, "integer %" PRId64, v->i); break;
	case V_STR:
		buf_puts(out, "string \"");
		diag_quote(out, v->str.s, v->str.len, 60);
		buf_putc(out, '"');
		break;
	case V_UNIT: buf_printf(out, "'%.*s'", (int)v->str.len, v->str.s); break;
	case V_LIST: buf_printf(out, "a list of %u item%s", v->list.n, v->list.n == 1 ? "" : "s"); break;
	case V_MAP: buf_puts(out, "a map"); break;
	case V_SECRET:
	case V_CONFIGMAP:
		buf_printf(out, "%s(\"%s\"", v->kind == V_SECRET ? "secret" : "configmap", v->ref.name);
		if (v->ref.key)
			buf_printf(out, ", \"%s\"", v->ref.key);
		buf_putc(out, ')');
		break;
	case V_FIELDREF: buf_printf(out, "field(\"%s\")", v->ref.name); break;
	case V_RESFIELD:
		buf_printf(out, "resource(\"%s\"", v->ref.name);
		if (v->ref.key || v->ref.container)
			buf_printf(out, ", \"%s\"", v->ref.key ? v->ref.key : "1");
		if (v->ref.container)
			buf_printf(out, ", \"%s\"", v->ref.container);
		buf_putc(out, ')');
		break;
	case V_RANGE: buf_puts(out, "a range (request..limit)"); break;
	}
}

const char *val_describe_in(struct arena *a, const struct value *v)
{
	struct buf b = BUF_INIT;
	val_describe(&b, v);
	char *s = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return s;
}

bool val_to_text(struct buf *out, const struct value *v)
{
	switch (v->kind) {
	case V_BOOL: buf_puts(out, v->b ? "true" : "false"); return true;
	case V_INT: buf_printf(out, "%" PRId64, v->i); return true;
	case V_STR:
	case V_UNIT: buf_put(out, v->str.s, v->str.len); return true;
	default: return false;
	}
}

bool val_equal(const struct value *a, const struct value *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case V_NULL: return true;
	case V_BOOL: return a->b == b->b;
	case V_INT: return a->i == b->i;
	case V_STR:
	case V_UNIT:
		return a->str.len == b->str.len && memcmp(a->str.s, b->str.s, a->str.len) == 0;
	case V_LIST:
		if (a->list.n != b->list.n)
			return false;
		for (uint32_t i = 0; i < a->list.n; i++)
			if (!val_equal(a->list.v[i], b->list.v[i]))
				return false;
		return true;
	case V_MAP:
		if (a->map->n != b->map->n)
			return false;
		for (uint32_t i = 0; i < a->map->n; i++) {
			struct vmap_entry *e = vmap_find(b->map, a->map->e[i].key);
			if (!e || !val_equal(a->map->e[i].value, e->value))
				return false;
		}
		return true;
	case V_SECRET:
	case V_CONFIGMAP:
		return strcmp(a->ref.name, b->ref.name) == 0 && !a->ref.key == !b->ref.key &&
		       (!a->ref.key || strcmp(a->ref.key, b->ref.key) == 0);
	case V_FIELDREF: return strcmp(a->ref.name, b->ref.name) == 0;
	case V_RESFIELD:
		return !strcmp(a->ref.name, b->ref.name) &&
		       !strcmp(a->ref.key ? a->ref.key : "", b->ref.key ? b->ref.key : "") &&
		       !strcmp(a->ref.container ? a->ref.container : "",
		               b->ref.container ? b->ref.container : "");
	case V_RANGE:
		if (!a->range.lo != !b->range.lo || !a->range.hi != !b->range.hi)
			return false;
		return (!a->range.lo || val_equal(a->range.lo, b->range.lo)) &&
		       (!a->range.hi || val_equal(a->range.hi, b->range.hi));
	}
	return false;
}
