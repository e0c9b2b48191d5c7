/* arena.h - bump allocator: one per compilation unit, freed all at once.
 *
 * Nothing allocated from an arena is freed piecemeal; arena_reset drops
 * every object (keeping the first chunk for reuse) and arena_destroy returns
 * all memory to the allocator door.  Objects are aligned for any type.
 */
#ifndef JOBC_ARENA_H
#define JOBC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk first */
	struct arena_chunk *big;  /* objects too big for a chunk, one each, newest first */
	struct arena_chunk *spare; /* released chunks kept for reuse */
	char *cur, *end;          /* free space in head */
	size_t next_size;         /* size of the next chunk to allocate */
	size_t used;              /* bytes handed out since init/reset */
};

/* A point in an arena's life, to drop everything allocated after it. */
struct arena_mark {
	struct arena_chunk *head, *big;
	char *cur, *end;
	size_t used;
};

void arena_init(struct arena *a);
/* Returns n bytes valid until reset/destroy; never NULL. */
void *arena_alloc(struct arena *a, size_t n);
/* As arena_alloc, zero-filled. */
void *arena_zalloc(struct arena *a, size_t n);
/* Copies n bytes of s and appends a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* a, sep, b as one string ("spec" '.' "template"): a path without printf. */
char *arena_join(struct arena *a, const char *x, char sep, const char *y);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Grows an arena array: returns a new array of new_cap elements holding the
 * first len elements of old (which stays allocated until reset). */
void *arena_grow(struct arena *a, void *old, size_t len, size_t new_cap, size_t elem);
/* Drops every object; keeps the first chunk. */
void arena_reset(struct arena *a);
/* The arena's current point, and the release of everything allocated
 * since (for per-job scratch memory: a loop that makes 100,000 jobs runs in
 * the memory of one).  Marks nest; releasing a mark invalidates the marks
 * taken after it. */
struct arena_mark arena_mark(const struct arena *a);
void arena_release(struct arena *a, struct arena_mark m);
/* Frees everything; the arena may be re-initialised. */
void arena_destroy(struct arena *a);

#define ARENA_NEW(a, T) ((T *)arena_zalloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (n)))

#endif
