/* map.h - open-addressing hash map from byte strings to pointers.
 *
 * Keys are (pointer, length) pairs compared by content; the map does not
 * copy them, so a key must live as long as the map (interned strings and
 * source text do).  Tables come from the given arena, or from the heap when
 * the arena is NULL (then map_free releases them).
 */
#ifndef JOBC_MAP_H
#define JOBC_MAP_H

#include <stddef.h>
#include <stdint.h>

struct arena;

struct map_slot {
	const char *key; /* NULL: empty */
	uint32_t len;
	uint32_t hash;
	void *value;
};

struct map {
	struct map_slot *slots;
	uint32_t cap; /* power of two, or 0 */
	uint32_t count;
	struct arena *arena;
};

/* FNV-1a; stable across runs so that nothing depends on addresses. */
uint32_t map_hash(const char *s, size_t len);

void map_init(struct map *m, struct arena *arena);
/* Returns the value stored for key, or NULL. */
void *map_get(const struct map *m, const char *key, size_t len);
/* Returns the slot for key, inserting an empty one (value NULL) when absent;
 * *found tells which.  The slot pointer is valid until the next insert. */
struct map_slot *map_slot(struct map *m, const char *key, size_t len, int *found);
/* Stores value for key, replacing any previous value. */
void map_put(struct map *m, const char *key, size_t len, void *value);
void map_free(struct map *m);

#endif
