/* alloc.c - the allocator door; see alloc.h. */
#include "alloc.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Relaxed atomics: compile threads (-j) share the door. */
static _Atomic size_t live_bytes;

static void oom(void)
{
	fputs("jobc: out of memory\n", stderr);
	exit(3);
}

/* Each block carries its size in a header so that live_bytes stays exact. */
typedef union {
	size_t size;
	max_align_t align;
} header;

void *xmalloc(size_t n)
{
	if (n > (size_t)-1 - sizeof(header))
		oom();
	header *h = malloc(sizeof(header) + n);
	if (!h)
		oom();
	h->size = n;
	atomic_fetch_add_explicit(&live_bytes, n, memory_order_relaxed);
	return h + 1;
}

void *xcalloc(size_t count, size_t size)
{
	if (size && count > ((size_t)-1 - sizeof(header)) / size)
		oom();
	void *p = xmalloc(count * size);
	memset(p, 0, count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	if (!p)
		return xmalloc(n);
	if (n > (size_t)-1 - sizeof(header))
		oom();
	header *h = (header *)p - 1;
	size_t old = h->size;
	header *nh = realloc(h, sizeof(header) + n);
	if (!nh)
		oom();
	nh->size = n;
	atomic_fetch_add_explicit(&live_bytes, n, memory_order_relaxed);
	atomic_fetch_sub_explicit(&live_bytes, old, memory_order_relaxed);
	return nh + 1;
}

void xfree(void *p)
{
	if (!p)
		return;
	header *h = (header *)p - 1;
	atomic_fetch_sub_explicit(&live_bytes, h->size, memory_order_relaxed);
	free(h);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

size_t alloc_live_bytes(void)
{
	return atomic_load_explicit(&live_bytes, memory_order_relaxed);
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
