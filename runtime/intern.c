/* intern.c - string interning; see intern.h. */
#include "intern.h"

#include <string.h>

void intern_init(struct interner *in)
{
	arena_init(&in->arena);
	map_init(&in->map, NULL);
	in->parent = NULL;
}

void intern_init_over(struct interner *in, const struct interner *parent)
{
	intern_init(in);
	in->parent = parent;
}

const char *intern(struct interner *in, const char *s, size_t len)
{
	if (in->parent) {
		const char *p = map_get(&in->parent->map, s, len);
		if (p)
			return p;
	}
	int found;
	struct map_slot *slot = map_slot(&in->map, s, len, &found);
	if (!found) {
		char *copy = arena_strndup(&in->arena, s, len);
		slot->key = copy; /* the map must not point into the caller's bytes */
		slot->value = copy;
	}
	return slot->value;
}

const char *intern_cstr(struct interner *in, const char *s)
{
	return intern(in, s, strlen(s));
}

void intern_destroy(struct interner *in)
{
	map_free(&in->map);
	arena_destroy(&in->arena);
}
