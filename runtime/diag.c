/* diag.c - diagnostic collection and gcc-style rendering; see diag.h. */
#include "diag.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "alloc.h"

#define C_BOLD "\033[01m"
#define C_ERROR "\033[01;31m"
#define C_WARNING "\033[01;35m"
#define C_NOTE "\033[01;36m"
#define C_CARET "\033[32m"
#define C_FIX "\033[32m"
#define C_RESET "\033[m"

void diag_init(struct diagnostics *d, struct srcmgr *sm, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->sm = sm;
	d->out = out;
	d->max_errors = 50;
	d->last_file = SPAN_NOFILE;
	d->last_site = span_none();
}

static void pending_clear(struct diag_pending *p)
{
	xfree(p->msg);
	for (unsigned i = 0; i < p->nnotes; i++)
		xfree(p->notes[i].msg);
	xfree(p->notes);
	xfree(p->fix_text);
	xfree(p->code);
	xfree(p->ctx_name);
	xfree(p->ctx_via);
	xfree(p->chain);
	memset(p, 0, sizeof *p);
}

void diag_destroy(struct diagnostics *d)
{
	diag_flush(d);
	pending_clear(&d->cur);
	for (unsigned i = 0; i < d->nrecords; i++)
		pending_clear(&d->records[i]);
	xfree(d->records);
	buf_free(&d->scratch);
}

__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	return buf_take(&b, NULL);
}

void diag_quote(struct buf *out, const char *s, size_t len, size_t max)
{
	size_t n = len > max ? max : len;
	/* Do not cut a UTF-8 sequence in half. */
	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\t': buf_puts(out, "\\t"); break;
		case '\r': buf_puts(out, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7F)
				buf_printf(out, "\\x%02x", c);
			else
				buf_putc(out, (char)c);
		}
	}
	if (n < len)
		buf_puts(out, "...");
}

/* ---- text rendering ------------------------------------------------- */

static void put_color(struct diagnostics *d, struct buf *b, const char *code)
{
	if (d->color)
		buf_puts(b, code);
}

/* "file:line:col: ", or "jobc: " for an error about no place in
 * particular; a note about no place has no prefix. */
/* Standard input ("-") is shown as <stdin>, as gcc does. */
static const char *shown_path(const struct source *src)
{
	return strcmp(src->path, "-") ? src->path : "<stdin>";
}

static void render_location(struct diagnostics *d, struct buf *b, struct span sp, bool is_note)
{
	struct source *src = span_valid(sp) ? srcmgr_get(d->sm, sp.file) : NULL;
	if (!src && is_note)
		return;
	put_color(d, b, C_BOLD);
	if (src) {
		uint32_t line, col;
		source_linecol(src, sp.start, &line, &col);
		buf_printf(b, "%s:%u:%u: ", shown_path(src), line, col);
	} else {
		buf_puts(b, "jobc: ");
	}
	put_color(d, b, C_RESET);
}

/* Display width of bytes [s, e) of a line, tabs to the next multiple of 8. */
static unsigned display_width(const char *s, const char *e, unsigned col0)
{
	unsigned col = col0;
	while (s < e) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t') {
			col = (col / 8 + 1) * 8;
			s++;
		} else {
			col++;
			s += utf8_seqlen(c);
		}
	}
	return col;
}

/* The longest source line shown whole, in bytes. */
#define SNIPPET_MAX 160

static void render_snippet(struct diagnostics *d, struct buf *b, struct span sp,
                           const char *fix_text)
{
	struct source *src = span_valid(sp) ? srcmgr_get(d->sm, sp.file) : NULL;
	if (!src)
		return;
	uint32_t line, col, ls, ll;
	source_linecol(src, sp.start, &line, &col);
	source_line(src, line, &ls, &ll);
	const char *text = src->text + ls;

	/* A long line (a minified file, a 10 MB line) is shown as a window
	 * around the span, with ... where it is cut. */
	uint32_t s_off = sp.start - ls;
	if (s_off > ll)
		s_off = ll;
	uint32_t e_off = sp.end > sp.start ? sp.end - ls : s_off;
	if (e_off > ll)
		e_off = ll;
	uint32_t ws = 0, we = ll;
	if (ll > SNIPPET_MAX) {
		ws = s_off > SNIPPET_MAX / 3 ? s_off - SNIPPET_MAX / 3 : 0;
		while (ws > 0 && ((unsigned char)text[ws] & 0xC0) == 0x80)
			ws--; /* not inside a UTF-8 sequence */
		we = ws + SNIPPET_MAX < ll ? ws + SNIPPET_MAX : ll;
		while (we < ll && ((unsigned char)text[we] & 0xC0) == 0x80)
			we++;
	}
	const char *cut_l = ws > 0 ? "..." : "";

	/* The source line, tabs expanded, control characters shown as spaces. */
	buf_printf(b, "%5u | %s", line, cut_l);
	unsigned dc = 0;
	for (const char *p = text + ws; p < text + we;) {
		unsigned char c = (unsigned char)*p;
		if (c == '\t') {
			unsigned next = (dc / 8 + 1) * 8;
			buf_fill(b, ' ', next - dc);
			dc = next;
			p++;
		} else if (c < 0x20 || c == 0x7F) {
			buf_putc(b, ' ');
			dc++;
			p++;
		} else {
			int n = utf8_seqlen(c);
			size_t bad;
			if (p + n > text + we || !utf8_check(p, (size_t)n, &bad)) {
				buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
				n = 1;
			} else {
				buf_put(b, p, (size_t)n);
			}
			dc++;
			p += n;
		}
	}
	if (we < ll)
		buf_puts(b, "...");
	buf_putc(b, '\n');

	/* The caret line: ^ at the start, ~ to the end of the span on this line
	 * (or of the window). */
	if (e_off > we)
		e_off = we;
	unsigned c0 = display_width(text + ws, text + s_off, 0) + (unsigned)strlen(cut_l);
	unsigned c1 = display_width(text + ws, text + e_off, 0) + (unsigned)strlen(cut_l);
	buf_puts(b, "      | ");
	buf_fill(b, ' ', c0);
	put_color(d, b, C_CARET);
	buf_putc(b, '^');
	if (c1 > c0 + 1)
		buf_fill(b, '~', c1 - c0 - 1);
	put_color(d, b, C_RESET);
	buf_putc(b, '\n');
	if (fix_text) {
		buf_puts(b, "      | ");
		buf_fill(b, ' ', c0);
		put_color(d, b, C_FIX);
		buf_puts(b, fix_text);
		put_color(d, b, C_RESET);
		buf_putc(b, '\n');
	}
}

/* The include sites that led to sp's file, innermost first: the record's
 * own chain, or the first place each file was included from. */
static unsigned include_chain(struct diagnostics *d, const struct diag_pending *p,
                              struct span *out, unsigned max)
{
	if (p->chain) {
		unsigned n = p->nchain < max ? p->nchain : max;
		memcpy(out, p->chain, n * sizeof *out);
		return n;
	}
	struct source *src = span_valid(p->span) ? srcmgr_get(d->sm, p->span.file) : NULL;
	unsigned n = 0;
	for (struct span at = src ? src->included_at : span_none(); span_valid(at) && n < max;) {
		out[n++] = at;
		struct source *inc = srcmgr_get(d->sm, at.file);
		at = inc ? inc->included_at : span_none();
	}
	return n;
}

static void render_include_chain(struct diagnostics *d, struct buf *b, const struct diag_pending *p)
{
	struct span chain[64];
	unsigned n = include_chain(d, p, chain, 64);
	struct span first = n ? chain[0] : span_none();
	if (!span_valid(p->span) || (p->span.file == d->last_file &&
	                             first.file == d->last_site.file && first.start == d->last_site.start))
		return;
	d->last_file = p->span.file;
	d->last_site = first;
	for (unsigned i = 0; i < n; i++) {
		struct source *inc = srcmgr_get(d->sm, chain[i].file);
		if (!inc)
			break;
		uint32_t line, col;
		source_linecol(inc, chain[i].start, &line, &col);
		buf_puts(b, i == 0 ? "In file included from " : "                 from ");
		buf_printf(b, "%s:%u", shown_path(inc), line);
		buf_puts(b, i + 1 < n ? ",\n" : ":\n");
	}
}

static void render_text(struct diagnostics *d, struct buf *b)
{
	struct diag_pending *p = &d->cur;
	render_include_chain(d, b, p);
	render_location(d, b, p->span, false);
	switch (p->level) {
	case DIAG_ERROR:
		put_color(d, b, C_ERROR);
		buf_puts(b, "error: ");
		break;
	case DIAG_WARNING:
		put_color(d, b, C_WARNING);
		buf_puts(b, "warning: ");
		break;
	case DIAG_NOTE:
		put_color(d, b, C_NOTE);
		buf_puts(b, "note: ");
		break;
	}
	put_color(d, b, C_RESET);
	buf_puts(b, p->msg);
	if (p->code)
		buf_printf(b, " [%s]", p->code);
	buf_putc(b, '\n');
	bool fix_here = p->fix_text && p->fix_span.file == p->span.file &&
	                p->fix_span.start == p->span.start;
	/* a remark at a point (a document's start) needs no excerpt */
	if (p->level != DIAG_NOTE || p->span.end > p->span.start)
		render_snippet(d, b, p->span, fix_here ? p->fix_text : NULL);
	for (unsigned i = 0; i < p->nnotes; i++) {
		render_location(d, b, p->notes[i].span, true);
		put_color(d, b, C_NOTE);
		buf_puts(b, "note: ");
		put_color(d, b, C_RESET);
		buf_puts(b, p->notes[i].msg);
		buf_putc(b, '\n');
		struct span ns = p->notes[i].span;
		/* The main snippet already shows this place. */
		if (ns.file != p->span.file || ns.start != p->span.start || ns.end != p->span.end)
			render_snippet(d, b, ns, NULL);
	}
}

/* ---- JSON rendering --------------------------------------------------------- */

/* file, line, column, end_line, end_column (end exclusive) of sp into o. */
static void json_place(struct diagnostics *d, cJSON *o, struct span sp)
{
	struct source *src = span_valid(sp) ? srcmgr_get(d->sm, sp.file) : NULL;
	if (!src)
		return;
	uint32_t line, col, eline, ecol;
	source_linecol(src, sp.start, &line, &col);
	source_linecol(src, sp.end > sp.start ? sp.end : sp.start, &eline, &ecol);
	cJSON_AddStringToObject(o, "file", shown_path(src));
	cJSON_AddNumberToObject(o, "line", line);
	cJSON_AddNumberToObject(o, "column", col);
	cJSON_AddNumberToObject(o, "end_line", eline);
	cJSON_AddNumberToObject(o, "end_column", ecol);
}

static void render_json(struct diagnostics *d, struct buf *b)
{
	struct diag_pending *p = &d->cur;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "severity", p->level == DIAG_ERROR     ? "error"
	                                       : p->level == DIAG_WARNING ? "warning"
	                                                                  : "note");
	if (p->code) {
		/* "JOB904, -Wimage-latest": the ID, and the switch apart */
		const char *comma = strchr(p->code, ',');
		char *id = comma ? xstrndup(p->code, (size_t)(comma - p->code)) : xstrdup(p->code);
		cJSON_AddStringToObject(o, "code", id);
		xfree(id);
		if (comma) {
			const char *sw = comma + 1;
			while (*sw == ' ')
				sw++;
			cJSON_AddStringToObject(o, "option", sw);
		}
	} else {
		cJSON_AddNullToObject(o, "code");
	}
	cJSON_AddStringToObject(o, "message", p->msg);
	json_place(d, o, p->span);
	struct span chain[64];
	unsigned nchain = include_chain(d, p, chain, 64);
	if (nchain) {
		cJSON *steps = cJSON_AddArrayToObject(o, "included_from");
		for (unsigned i = 0; i < nchain; i++) {
			cJSON *step = cJSON_CreateObject();
			json_place(d, step, chain[i]);
			cJSON_AddItemToArray(steps, step);
		}
	}
	cJSON *notes = cJSON_AddArrayToObject(o, "notes");
	for (unsigned i = 0; i < p->nnotes; i++) {
		cJSON *n = cJSON_CreateObject();
		cJSON_AddStringToObject(n, "message", p->notes[i].msg);
		json_place(d, n, p->notes[i].span);
		cJSON_AddItemToArray(notes, n);
	}
	if (p->fix_text) {
		cJSON *fix = cJSON_AddObjectToObject(o, "fix");
		cJSON_AddStringToObject(fix, "replacement", p->fix_text);
		json_place(d, fix, p->fix_span);
	}
	char *text = cJSON_PrintUnformatted(o);
	buf_puts(b, text);
	buf_putc(b, '\n');
	cJSON_free(text);
	cJSON_Delete(o);
}

void diag_flush(struct diagnostics *d)
{
	if (!d->cur.active)
		return;
	if (d->capture) {
		if (d->nrecords == d->caprecords) {
			d->caprecords = d->caprecords ? d->caprecords * 2 : 8;
			d->records = xrealloc(d->records, sizeof *d->records * d->caprecords);
		}
		d->records[d->nrecords++] = d->cur;
		memset(&d->cur, 0, sizeof d->cur);
		if (d->stop_pending)
			d->stopped = true; /* the replay prints "too many errors" */
		return;
	}
	struct buf *b = &d->scratch;
	buf_clear(b);
	if (d->json)
		render_json(d, b);
	else
		render_text(d, b);
	if (d->out && b->len) {
		fwrite(b->data, 1, b->len, d->out);
		fflush(d->out);
	}
	pending_clear(&d->cur);
	if (d->stop_pending && !d->stopped) {
		d->stopped = true;
		if (d->out && d->json) {
			fprintf(d->out, "{\"severity\":\"error\",\"code\":null,\"message\":\"too many errors "
			                "(%u), stopping; --max-errors=N raises the limit\",\"notes\":[]}\n",
			        d->errors);
			fflush(d->out);
		} else if (d->out) {
			fprintf(d->out, "jobc: error: too many errors (%u), stopping; "
			                "--max-errors=N raises the limit\n",
			        d->errors);
			fflush(d->out);
		}
	}
}

void diag_vreport(struct diagnostics *d, enum diag_level level, struct span span, const char *code,
                  const char *fmt, va_list ap)
{
	diag_flush(d);
	if (d->stopped)
		return;
	if (level == DIAG_WARNING && d->werror)
		level = DIAG_ERROR;
	struct diag_pending *p = &d->cur;
	p->active = true;
	p->level = level;
	p->code = code ? xstrdup(code) : NULL; /* the caller's string may not outlive us */
	p->span = span;
	p->msg = vformat(fmt, ap);
	if (d->context.name) {
		p->ctx_name = xstrdup(d->context.name);
		p->ctx_via = d->context.via ? xstrdup(d->context.via) : NULL;
		p->ctx_extent = d->context.extent;
		p->ctx_site = d->context.site;
	}
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
	if (level == DIAG_ERROR && d->max_errors && d->errors >= d->max_errors)
		d->stop_pending = true; /* stop once this one (and its notes) is out */
}

void diag_error(struct diagnostics *d, struct span span, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, DIAG_ERROR, span, code, fmt, ap);
	va_end(ap);
}

void diag_remark(struct diagnostics *d, struct span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, DIAG_NOTE, span, NULL, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diagnostics *d, struct span span, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, DIAG_WARNING, span, code, fmt, ap);
	va_end(ap);
}

static void push_note(struct diag_pending *p, struct span span, bool context, char *msg)
{
	if (p->nnotes == p->capnotes) {
		p->capnotes = p->capnotes ? p->capnotes * 2 : 4;
		p->notes = xrealloc(p->notes, sizeof *p->notes * p->capnotes);
	}
	p->notes[p->nnotes++] = (struct diag_note){span, msg, context};
}

__attribute__((format(printf, 4, 0))) static void add_note(struct diagnostics *d, struct span span,
                                                             bool context, const char *fmt,
                                                             va_list ap)
{
	if (d->cur.active)
		push_note(&d->cur, span, context, vformat(fmt, ap));
}

void diag_record_note(struct diag_pending *p, struct span span, bool context, const char *msg)
{
	push_note(p, span, context, xstrdup(msg));
}

void diag_record_clear(struct diag_pending *p)
{
	pending_clear(p);
}

void diag_note(struct diagnostics *d, struct span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_note(d, span, false, fmt, ap);
	va_end(ap);
}

void diag_context_note(struct diagnostics *d, struct span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_note(d, span, true, fmt, ap);
	va_end(ap);
}

void diag_fixit(struct diagnostics *d, struct span span, const char *text)
{
	struct diag_pending *p = &d->cur;
	if (!p->active)
		return;
	xfree(p->fix_text);
	p->fix_span = span;
	p->fix_text = xstrdup(text);
}

void diag_replay_record(struct diagnostics *to, struct diag_pending *r)
{
	diag_flush(to);
	if (to->stopped) {
		pending_clear(r);
		return;
	}
	to->cur = *r;
	memset(r, 0, sizeof *r);
	if (to->cur.level == DIAG_ERROR)
		to->errors++;
	else if (to->cur.level == DIAG_WARNING)
		to->warnings++;
	if (to->cur.level == DIAG_ERROR && to->max_errors && to->errors >= to->max_errors)
		to->stop_pending = true;
	diag_flush(to);
}

void diag_replay(struct diagnostics *to, struct diagnostics *from)
{
	diag_flush(from);
	for (unsigned i = 0; i < from->nrecords; i++)
		diag_replay_record(to, &from->records[i]);
	from->nrecords = 0;
}

static bool span_eq(struct span a, struct span b)
{
	return a.file == b.file && a.start == b.start && a.end == b.end;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool diag_same(const struct diag_pending *a, const struct diag_pending *b)
{
	if (a->level != b->level || !span_eq(a->span, b->span) || !str_eq(a->code, b->code) ||
	    !str_eq(a->msg, b->msg) || !str_eq(a->fix_text, b->fix_text) ||
	    (a->fix_text && !span_eq(a->fix_span, b->fix_span)))
		return false;
	unsigned i = 0, j = 0;
	for (;;) {
		while (i < a->nnotes && a->notes[i].context)
			i++;
		while (j < b->nnotes && b->notes[j].context)
			j++;
		if (i == a->nnotes || j == b->nnotes)
			return i == a->nnotes && j == b->nnotes;
		if (!span_eq(a->notes[i].span, b->notes[j].span) || strcmp(a->notes[i].msg, b->notes[j].msg))
			return false;
		i++, j++;
	}
}

static bool has_note(const struct diag_pending *p, const struct diag_note *n)
{
	for (unsigned i = 0; i < p->nnotes; i++)
		if (p->notes[i].context == n->context && span_eq(p->notes[i].span, n->span) &&
		    !strcmp(p->notes[i].msg, n->msg))
			return true;
	return false;
}

void diag_take_context_notes(struct diag_pending *to, struct diag_pending *r)
{
	/* after to's last context note, or at its start when it has none:
	 * where the context notes of one diagnostic stand */
	unsigned at = 0;
	for (unsigned i = 0; i < to->nnotes; i++)
		if (to->notes[i].context)
			at = i + 1;
	for (unsigned k = 0; k < r->nnotes; k++) {
		struct diag_note *n = &r->notes[k];
		if (!n->context || has_note(to, n))
			continue;
		push_note(to, n->span, true, n->msg);
		/* from the end to at */
		struct diag_note moved = to->notes[to->nnotes - 1];
		memmove(&to->notes[at + 1], &to->notes[at], (to->nnotes - 1 - at) * sizeof *to->notes);
		to->notes[at++] = moved;
		n->msg = NULL;
	}
}
