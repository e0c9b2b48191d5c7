/* lsp_pos.c - LSP positions and file URIs.
 *
 * LSP counts a line's characters in UTF-16 code units; jobc in bytes of
 * UTF-8.  A byte that does not start a valid UTF-8 sequence counts as one
 * unit (the editor shows it as one replacement character). */
#include "lsp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "alloc.h"
#include "source.h"

/* The length of the UTF-8 sequence at s (at most n bytes), and its UTF-16
 * units; an invalid sequence is one byte, one unit. */
static size_t utf8_step(const unsigned char *s, size_t n, int *units)
{
	size_t need = (size_t)utf8_seqlen(s[0]);
	*units = 1;
	if (need <= 1 || need > n)
		return 1;
	for (size_t i = 1; i < need; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	*units = need == 4 ? 2 : 1;
	return need;
}

size_t lsp_offset(const char *text, size_t len, int64_t line, int64_t character)
{
	size_t off = 0;
	for (int64_t l = 0; l < line; l++) {
		const char *nl = memchr(text + off, '\n', len - off);
		if (!nl)
			return len;
		off = (size_t)(nl - text) + 1;
	}
	int64_t units = 0;
	while (off < len && text[off] != '\n' && units < character) {
		int u;
		size_t step = utf8_step((const unsigned char *)text + off, len - off, &u);
		if (units + u > character)
			break; /* inside a surrogate pair: its start */
		units += u;
		off += step;
	}
	return off;
}

void lsp_position(const char *text, size_t len, size_t off, int64_t *line, int64_t *character)
{
	if (off > len)
		off = len;
	int64_t l = 0;
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n')
			l++, start = i + 1;
	int64_t units = 0;
	for (size_t i = start; i < off;) {
		int u;
		size_t step = utf8_step((const unsigned char *)text + i, len - i, &u);
		units += u;
		i += step;
	}
	*line = l;
	*character = units;
}

void lsp_position_lc(const char *text, size_t len, int64_t line, int64_t col, int64_t *pline,
                     int64_t *pchar)
{
	size_t off = 0;
	for (int64_t l = 1; l < line && off < len; l++) {
		const char *nl = memchr(text + off, '\n', len - off);
		off = nl ? (size_t)(nl - text) + 1 : len;
	}
	/* jobc's columns count characters: every byte but UTF-8's
	 * continuation bytes (source_linecol) */
	size_t at = off;
	for (int64_t c = 1; c < col && at < len; c++) {
		at++;
		while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
			at++;
	}
	lsp_position(text, len, at, pline, pchar);
}

cJSON *lsp_pos_json(int64_t line, int64_t character)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddNumberToObject(p, "line", (double)line);
	cJSON_AddNumberToObject(p, "character", (double)character);
	return p;
}

cJSON *lsp_range_json(const char *text, size_t len, size_t start, size_t end)
{
	int64_t l, c;
	cJSON *r = cJSON_CreateObject();
	lsp_position(text, len, start, &l, &c);
	cJSON_AddItemToObject(r, "start", lsp_pos_json(l, c));
	lsp_position(text, len, end, &l, &c);
	cJSON_AddItemToObject(r, "end", lsp_pos_json(l, c));
	return r;
}

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

char *lsp_uri_path(const char *uri)
{
	if (!uri || strncmp(uri, "file://", 7))
		return NULL;
	const char *s = uri + 7;
	if (*s != '/') { /* file://host/path: only the local host */
		if (strncmp(s, "localhost/", 10))
			return NULL;
		s += 9;
	}
	size_t n = strlen(s);
	char *p = xmalloc(n + 1), *o = p;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			char c = (char)(hi * 16 + lo);
			if (!c) { /* a NUL in a path: no such file */
				xfree(p);
				return NULL;
			}
			*o++ = c;
			i += 2;
		} else if (s[i] == '?' || s[i] == '#') {
			break;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return p;
}

char *lsp_path_uri(const char *path)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "file://");
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (isalnum(*s) || strchr("/-._~", *s))
			buf_putc(&b, (char)*s);
		else
			buf_printf(&b, "%%%02X", *s);
	}
	return b.data;
}
