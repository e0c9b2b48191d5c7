/* arena.c - bump allocator; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

#define ARENA_ALIGN 16
#define ARENA_FIRST (16 * 1024)
#define ARENA_MAX_CHUNK (1024 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size; /* usable bytes after the header */
	_Alignas(ARENA_ALIGN) char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->cur = a->end = NULL;
	a->next_size = ARENA_FIRST;
	a->used = 0;
}

static void new_chunk(struct arena *a, size_t need)
{
	size_t size = a->next_size;
	if (size < need)
		size = need;
	struct arena_chunk *c = xmalloc(sizeof *c + size);
	c->size = size;
	c->next = a->head;
	a->head = c;
	a->cur = c->data;
	a->end = c->data + size;
	if (a->next_size < ARENA_MAX_CHUNK)
		a->next_size *= 2;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	if ((size_t)(a->end - a->cur) < n) {
		if (n > ARENA_MAX_CHUNK / 4) {
			/* A big object gets a chunk of its own, linked behind the
			 * head so that the head's free space is not wasted. */
			struct arena_chunk *c = xmalloc(sizeof *c + n);
			c->size = n;
			if (a->head) {
				c->next = a->head->next;
				a->head->next = c;
			} else {
				c->next = NULL;
				a->head = c;
				a->cur = a->end = c->data + n;
			}
			a->used += n;
			return c->data;
		}
		new_chunk(a, n);
	}
	void *p = a->cur;
	a->cur += n;
	a->used += n;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *arena_grow(struct arena *a, void *old, size_t len, size_t new_cap, size_t elem)
{
	void *p = arena_alloc(a, new_cap * elem);
	if (len)
		memcpy(p, old, len * elem);
	return p;
}

void arena_reset(struct arena *a)
{
	if (!a->head)
		return;
	/* Keep the largest regular chunk: the oldest one in the list is the
	 * first allocated, but the newest is the biggest; keep the head. */
	struct arena_chunk *keep = a->head, *c = keep->next;
	while (c) {
		struct arena_chunk *next = c->next;
		xfree(c);
		c = next;
	}
	keep->next = NULL;
	a->cur = keep->data;
	a->end = keep->data + keep->size;
	a->used = 0;
}

void arena_destroy(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		xfree(c);
		c = next;
	}
	arena_init(a);
}
