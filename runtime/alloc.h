/* alloc.h - the one allocator door.
 *
 * Every heap allocation in jobc goes through these functions: the arena's
 * chunks, growable buffers, flex's buffers (noyyalloc) and bison's stack
 * (YYMALLOC).  They never return NULL: on exhaustion they print
 * "jobc: out of memory" and exit with status 3, which no caller has to check.
 */
#ifndef JOBC_ALLOC_H
#define JOBC_ALLOC_H

#include <stddef.h>

/* Returns n bytes (n may be 0).  The caller frees with xfree. */
void *xmalloc(size_t n);
/* Returns zeroed memory for count objects of size bytes; overflow is fatal. */
void *xcalloc(size_t count, size_t size);
/* Resizes p (which may be NULL); the old pointer is no longer valid. */
void *xrealloc(void *p, size_t n);
/* Frees p (NULL is fine). */
void xfree(void *p);
/* Returns a heap copy of s; the caller frees. */
char *xstrdup(const char *s);
/* The first n bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t n);

/* Total bytes currently handed out through the door (for tests and --stats). */
size_t alloc_live_bytes(void);

#endif
