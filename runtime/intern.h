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
	/* Looked up first, never written: a compile thread's interner over the
	 * session's (which no one writes while threads run), so that names
	 * from the syntax tree keep their pointers. */
	const struct interner *parent;
};

void intern_init(struct interner *in);
/* An interner whose strings are parent's first, then its own. */
void intern_init_over(struct interner *in, const struct interner *parent);
const char *intern(struct interner *in, const char *s, size_t len);
const char *intern_cstr(struct interner *in, const char *s);
void intern_destroy(struct interner *in);

#endif
