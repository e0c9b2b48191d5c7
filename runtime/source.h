/* source.h - loaded source files, byte spans, and span -> line:column.
 *
 * A span is {file, start, end}: byte offsets into one loaded source, end
 * exclusive.  Lines and columns are computed only when a diagnostic is
 * printed, from a line table built on first use.  Sources live in a srcmgr
 * until srcmgr_destroy; their text is never modified.
 */
#ifndef JOBC_SOURCE_H
#define JOBC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SPAN_NOFILE UINT32_MAX

struct span {
	uint32_t file; /* index in the srcmgr, or SPAN_NOFILE */
	uint32_t start, end;
};

static inline struct span span_none(void)
{
	struct span s = {SPAN_NOFILE, 0, 0};
	return s;
}

static inline bool span_valid(struct span s)
{
	return s.file != SPAN_NOFILE;
}

/* The span from the start of a to the end of b (same file). */
static inline struct span span_join(struct span a, struct span b)
{
	struct span s = {a.file, a.start, b.end};
	return s;
}

struct source {
	uint32_t id;
	char *path;        /* as shown in diagnostics */
	char *key;         /* canonical identity (real path, or "std/...") */
	char *text;        /* NUL-terminated, len bytes; owned unless embedded */
	uint32_t len;
	bool embedded;     /* stdlib text compiled into the binary */
	struct span included_at; /* first include site, or span_none() */
	uint32_t *lines;   /* start offset of each line, built lazily */
	uint32_t nlines;
};

struct srcmgr {
	struct source **v;
	uint32_t n, cap;
};

void srcmgr_init(struct srcmgr *sm);
/* Registers a source.  Takes over text (heap, from the allocator door,
 * freed by srcmgr_destroy unless embedded); copies path and key. */
struct source *srcmgr_add(struct srcmgr *sm, const char *path, const char *key,
                          char *text, uint32_t len, bool embedded);
struct source *srcmgr_get(const struct srcmgr *sm, uint32_t id);
void srcmgr_destroy(struct srcmgr *sm);

/* 1-based line and column (in characters) of offset off. */
void source_linecol(struct source *src, uint32_t off, uint32_t *line, uint32_t *col);
/* Start offset and length (without the line break) of 1-based line. */
void source_line(struct source *src, uint32_t line, uint32_t *start, uint32_t *len);

/* Checks that s[0..n) is UTF-8 without NUL bytes.  On failure returns false
 * and sets *bad to the offset of the first bad byte. */
bool utf8_check(const char *s, size_t n, size_t *bad);
/* Length of the UTF-8 sequence starting with byte c (1 for invalid bytes). */
int utf8_seqlen(unsigned char c);

#endif
