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
	a->head = a->big = a->spare = NULL;
	a->cur = a->end = NULL;
	a->next_size = ARENA_FIRST;
	a->used = 0;
}

static void new_chunk(struct arena *a, size_t need)
{
	size_t size = a->next_size;
	if (size < need)
		size = need;
	struct arena_chunk *c = NULL;
	/* a released chunk that is big enough, before the allocator */
	for (struct arena_chunk **pp = &a->spare; *pp; pp = &(*pp)->next)
		if ((*pp)->size >= size) {
			c = *pp;
			*pp = c->next;
			break;
		}
	if (!c) {
		c = xmalloc(sizeof *c + size);
		c->size = size;
		if (a->next_size < ARENA_MAX_CHUNK)
			a->next_size *= 2;
	}
	c->next = a->head;
	a->head = c;
	a->cur = c->data;
	a->end = c->data + c->size;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	if ((size_t)(a->end - a->cur) < n) {
		if (n > ARENA_MAX_CHUNK / 4) {
			/* A big object gets a chunk of its own, on the big list, so
			 * that the head's free space is not wasted. */
			struct arena_chunk *c = xmalloc(sizeof *c + n);
			c->size = n;
			c->next = a->big;
			a->big = c;
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

char *arena_join(struct arena *a, const char *x, char sep, const char *y)
{
	size_t nx = strlen(x), ny = strlen(y);
	char *p = arena_alloc(a, nx + ny + 2);
	memcpy(p, x, nx);
	p[nx] = sep;
	memcpy(p + nx + 1, y, ny + 1);
	return p;
}

/* The formats the compiler builds paths and messages with (%s, %.*s, %u,
 * %d, %c, %%), without printf's machinery; NULL for anything else. */
static char *fast_printf(struct arena *a, const char *fmt, va_list ap)
{
	char small[512];
	size_t n = 0;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			if (n + 1 >= sizeof small)
				return NULL;
			small[n++] = *f;
			continue;
		}
		f++;
		const char *s = NULL;
		size_t len = 0;
		char num[24];
		switch (*f) {
		case 's':
			s = va_arg(ap, const char *);
			len = strlen(s);
			break;
		case '.':
			if (f[1] != '*' || f[2] != 's')
				return NULL;
			f += 2;
			len = (size_t)va_arg(ap, int);
			s = va_arg(ap, const char *);
			break;
		case 'u':
		case 'd': {
			long long v = *f == 'u' ? (long long)va_arg(ap, unsigned) : va_arg(ap, int);
			unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			size_t k = sizeof num;
			do {
				num[--k] = (char)('0' + u % 10);
				u /= 10;
			} while (u);
			if (v < 0)
				num[--k] = '-';
			s = num + k;
			len = sizeof num - k;
			break;
		}
		case 'c':
			num[0] = (char)va_arg(ap, int);
			s = num;
			len = 1;
			break;
		case '%':
			s = "%";
			len = 1;
			break;
		default: return NULL;
		}
		if (n + len >= sizeof small)
			return NULL;
		memcpy(small + n, s, len);
		n += len;
	}
	char *p = arena_alloc(a, n + 1);
	memcpy(p, small, n);
	p[n] = '\0';
	return p;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap3;
	va_copy(ap3, ap);
	char *fast = fast_printf(a, fmt, ap3);
	va_end(ap3);
	if (fast)
		return fast;
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

static void free_list(struct arena_chunk *c)
{
	while (c) {
		struct arena_chunk *next = c->next;
		xfree(c);
		c = next;
	}
}

void arena_reset(struct arena *a)
{
	free_list(a->big);
	a->big = NULL;
	free_list(a->spare);
	a->spare = NULL;
	if (!a->head)
		return;
	/* Keep the newest (biggest) chunk. */
	struct arena_chunk *keep = a->head;
	free_list(keep->next);
	keep->next = NULL;
	a->cur = keep->data;
	a->end = keep->data + keep->size;
	a->used = 0;
}

struct arena_mark arena_mark(const struct arena *a)
{
	struct arena_mark m = {a->head, a->big, a->cur, a->end, a->used};
	return m;
}

void arena_release(struct arena *a, struct arena_mark m)
{
	/* chunks opened since the mark go to the spare list (at most a few) */
	unsigned kept = 0;
	for (struct arena_chunk *s = a->spare; s; s = s->next)
		kept++;
	while (a->head != m.head) {
		struct arena_chunk *c = a->head;
		a->head = c->next;
		if (kept < 4) {
			c->next = a->spare;
			a->spare = c;
			kept++;
		} else {
			xfree(c);
		}
	}
	while (a->big != m.big) {
		struct arena_chunk *c = a->big;
		a->big = c->next;
		xfree(c);
	}
	a->cur = m.cur;
	a->end = m.end;
	a->used = m.used;
}

void arena_destroy(struct arena *a)
{
	free_list(a->head);
	free_list(a->big);
	free_list(a->spare);
	arena_init(a);
}
