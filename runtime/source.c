/* source.c - loaded sources and line maps; see source.h. */
#include "source.h"

#include <string.h>

#include "alloc.h"

void srcmgr_init(struct srcmgr *sm)
{
	sm->v = NULL;
	sm->n = sm->cap = 0;
}

struct source *srcmgr_add(struct srcmgr *sm, const char *path, const char *key,
                          char *text, uint32_t len, bool embedded)
{
	if (sm->n == sm->cap) {
		sm->cap = sm->cap ? sm->cap * 2 : 16;
		sm->v = xrealloc(sm->v, sizeof *sm->v * sm->cap);
	}
	struct source *s = xcalloc(1, sizeof *s);
	s->id = sm->n;
	s->path = xstrdup(path);
	s->key = xstrdup(key ? key : path);
	s->text = text;
	s->len = len;
	s->embedded = embedded;
	s->included_at = span_none();
	sm->v[sm->n++] = s;
	return s;
}

struct source *srcmgr_get(const struct srcmgr *sm, uint32_t id)
{
	return id < sm->n ? sm->v[id] : NULL;
}

void srcmgr_destroy(struct srcmgr *sm)
{
	for (uint32_t i = 0; i < sm->n; i++) {
		struct source *s = sm->v[i];
		xfree(s->path);
		xfree(s->key);
		if (!s->embedded)
			xfree(s->text);
		xfree(s->lines);
		xfree(s);
	}
	xfree(sm->v);
	srcmgr_init(sm);
}

static void build_lines(struct source *src)
{
	uint32_t n = 1;
	for (uint32_t i = 0; i < src->len; i++)
		n += src->text[i] == '\n';
	src->lines = xmalloc(sizeof *src->lines * n);
	src->nlines = n;
	uint32_t k = 0;
	src->lines[k++] = 0;
	for (uint32_t i = 0; i < src->len; i++)
		if (src->text[i] == '\n')
			src->lines[k++] = i + 1;
}

void source_linecol(struct source *src, uint32_t off, uint32_t *line, uint32_t *col)
{
	if (!src->lines)
		build_lines(src);
	if (off > src->len)
		off = src->len;
	uint32_t lo = 0, hi = src->nlines - 1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo + 1) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	*line = lo + 1;
	/* Columns count characters, not bytes: continuation bytes don't count. */
	uint32_t c = 1;
	for (uint32_t i = src->lines[lo]; i < off; i++)
		if (((unsigned char)src->text[i] & 0xC0) != 0x80)
			c++;
	*col = c;
}

void source_line(struct source *src, uint32_t line, uint32_t *start, uint32_t *len)
{
	if (!src->lines)
		build_lines(src);
	if (line < 1)
		line = 1;
	if (line > src->nlines)
		line = src->nlines;
	uint32_t s = src->lines[line - 1];
	uint32_t e = s;
	while (e < src->len && src->text[e] != '\n')
		e++;
	if (e > s && src->text[e - 1] == '\r')
		e--;
	*start = s;
	*len = e - s;
}

int utf8_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

bool utf8_check(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned char c = p[i];
		if (c == 0) {
			*bad = i;
			return false;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int len;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			*bad = i;
			return false;
		}
		if (i + (size_t)len > n) {
			*bad = i;
			return false;
		}
		for (int k = 1; k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				*bad = i;
				return false;
			}
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF)) {
			*bad = i;
			return false;
		}
		i += (size_t)len;
	}
	return true;
}
