/* map.c - open-addressing hash map; see map.h. */
#include "map.h"

#include <string.h>

#include "alloc.h"
#include "arena.h"

uint32_t map_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void map_init(struct map *m, struct arena *arena)
{
	m->slots = NULL;
	m->cap = m->count = 0;
	m->arena = arena;
}

static struct map_slot *alloc_slots(struct map *m, uint32_t cap)
{
	size_t bytes = sizeof(struct map_slot) * cap;
	struct map_slot *s = m->arena ? arena_alloc(m->arena, bytes) : xmalloc(bytes);
	memset(s, 0, bytes);
	return s;
}

static struct map_slot *find(const struct map *m, const char *key, uint32_t len, uint32_t h)
{
	uint32_t mask = m->cap - 1;
	for (uint32_t i = h & mask;; i = (i + 1) & mask) {
		struct map_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

static void grow(struct map *m)
{
	uint32_t ncap = m->cap ? m->cap * 2 : 16;
	struct map_slot *old = m->slots;
	uint32_t ocap = m->cap;
	m->slots = alloc_slots(m, ncap);
	m->cap = ncap;
	for (uint32_t i = 0; i < ocap; i++) {
		if (old[i].key)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	}
	if (!m->arena)
		xfree(old);
}

void *map_get(const struct map *m, const char *key, size_t len)
{
	if (!m->count)
		return NULL;
	struct map_slot *s = find(m, key, (uint32_t)len, map_hash(key, len));
	return s->key ? s->value : NULL;
}

struct map_slot *map_slot(struct map *m, const char *key, size_t len, int *found)
{
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	uint32_t h = map_hash(key, len);
	struct map_slot *s = find(m, key, (uint32_t)len, h);
	if (s->key) {
		*found = 1;
		return s;
	}
	*found = 0;
	s->key = key;
	s->len = (uint32_t)len;
	s->hash = h;
	s->value = NULL;
	m->count++;
	return s;
}

void map_put(struct map *m, const char *key, size_t len, void *value)
{
	int found;
	map_slot(m, key, len, &found)->value = value;
}

void map_free(struct map *m)
{
	if (!m->arena)
		xfree(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
