/* intern.h - string interning: equal strings get one pointer.
 *
 * Identifiers and field names are interned so that the compiler compares
 * names with ==.  Interned strings are NUL-terminated and live in the
 * interner's own arena until intern_destroy.  Not thread-safe: each
 * compile thread has its own interner, or they share one under a lock.
 */
#ifndef JOBC_INTERN_H
#define JOBC_INTERN_H

#include <stddef.h>

#include "arena.h"
#include "map.h"

struct interner {
	struct arena arena;
	struct map map;
};

void intern_init(struct interner *in);
const char *intern(struct interner *in, const char *s, size_t len);
const char *intern_cstr(struct interner *in, const char *s);
void intern_destroy(struct interner *in);

#endif
