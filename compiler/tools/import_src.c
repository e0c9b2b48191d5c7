/* import_src.c - jobc import's tree and source writer: taking each part of
 * a manifest out of its tree, writing it as .job source, and the generic
 * raise of a field by its type; see import_int.h. */
#include "import_int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "keywords.h"
#include "session.h"
#include "fields.h"
#include "k8s_check.h"
#include "units.h"

/* ---- reporting ------------------------------------------------------------- */

void import_error(struct imp *im, struct span sp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(im->d, DIAG_ERROR, span_valid(sp) ? sp : im->at, NULL, fmt, ap);
	va_end(ap);
	im->failed = true;
}

void import_rule(struct imp *im, enum rule_id id, struct span sp, const char *k8s_path,
                 const char *k8s_msg, const char *fmt, ...)
{
	const struct rule *r = &rules[id];
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(im->d, r->level == RULE_ERROR ? DIAG_ERROR : DIAG_WARNING,
	             span_valid(sp) ? sp : im->at, r->id, fmt, ap);
	va_end(ap);
	if (k8s_path)
		diag_note(im->d, span_none(), "in Kubernetes terms: %s%s%s", k8s_path,
		          k8s_msg ? ": " : "", k8s_msg ? k8s_msg : "");
	if (r->level == RULE_ERROR)
		im->failed = true;
}

void import_dropped(struct imp *im, const char *path)
{
	buf_printf(&im->dropped, "%s%s", im->dropped.len ? ", " : "", path);
}

/* A map the importer read something out of has src == &touched (the
 * reader leaves src NULL): a map nothing was read from is, as a whole,
 * something jobc has no field for. */
static const char touched = 0;

void imp_touch(struct tree *t)
{
	t->src = &touched;
}

static bool was_read(const struct tree *t)
{
	if (t->src == &touched)
		return true;
	if (t->kind == TREE_MAP) {
		for (uint32_t i = 0; i < t->map.n; i++)
			if (was_read(t->map.v[i].value))
				return true;
	} else if (t->kind == TREE_LIST) {
		for (uint32_t i = 0; i < t->list.n; i++)
			if (was_read(t->list.v[i]))
				return true;
	}
	return false;
}

/* The node at a dotted path, removed from its map (NULL if absent). */
struct tree *imp_take(struct tree *root, const char *path)
{
	struct tree *t = root;
	const char *p = path;
	for (;;) {
		const char *dot = strchr(p, '.');
		char key[128];
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof key || !t || t->kind != TREE_MAP)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (!dot) {
			struct tree *v = tree_get(t, key);
			if (v) {
				tree_remove(t, key);
				t->src = &touched; /* something of it was read */
			}
			return v;
		}
		t = tree_get(t, key);
		p = dot + 1;
	}
}

/* imp_take(root, key), when it is a map or a list as kind says; another
 * kind is an error naming path.key (null counts as absent). */
struct tree *imp_take_as(struct imp *im, struct tree *root, const char *key, enum tree_kind kind,
                            const char *path)
{
	struct tree *t = imp_take(root, key);
	if (!t || t->kind == kind)
		return t;
	if (t->kind != TREE_NULL)
		import_error(im, t->span, "%s%s%s should be a %s", path, *path ? "." : "", key,
		       kind == TREE_MAP ? "map" : "list");
	return NULL;
}

/* The node at a dotted path, left in place. */
struct tree *imp_peek(struct tree *root, const char *path)
{
	struct tree *t = root;
	const char *p = path;
	while (t) {
		const char *dot = strchr(p, '.');
		char key[128];
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		t = tree_get(t, key);
		if (!dot)
			return t;
		p = dot + 1;
	}
	return NULL;
}

/* Whatever is left: an error for each field no jobc field expressed. */
void imp_leftovers(struct imp *im, const struct tree *t, const char *path)
{
	if (t->kind == TREE_MAP) {
		for (uint32_t i = 0; i < t->map.n; i++) {
			const struct tree_entry *e = &t->map.v[i];
			const char *sub = *path ? arena_printf(im->a, "%s.%s", path, e->key) : e->key;
			const struct tree *v = e->value;
			if ((v->kind == TREE_MAP && !v->map.n) || (v->kind == TREE_LIST && !v->list.n) ||
			    v->kind == TREE_NULL)
				continue;
			if ((v->kind == TREE_MAP || v->kind == TREE_LIST) && was_read(v)) {
				imp_leftovers(im, v, sub);
				continue;
			}
			/* a scalar, or a map or list nothing was read from: one error */
			import_error(im, e->key_span, "jobc has no field for '%s'; it cannot be imported", sub);
		}
	} else if (t->kind == TREE_LIST) {
		for (uint32_t i = 0; i < t->list.n; i++) {
			const struct tree *v = t->list.v[i];
			const char *sub = arena_printf(im->a, "%s[%u]", path, i);
			if (v->kind == TREE_MAP || v->kind == TREE_LIST)
				imp_leftovers(im, v, sub);
			else if (v->kind != TREE_NULL)
				import_error(im, v->span, "jobc has no field for '%s'; it cannot be imported", sub);
		}
	}
}

bool imp_is_str(const struct tree *t, const char *s)
{
	return tree_is_str(t, s);
}

bool imp_is_int(const struct tree *t, int64_t v)
{
	return t && t->kind == TREE_INT && t->i == v;
}

/* Whether the string t was written as a plain YAML scalar that kubectl's
 * reader (go-yaml v2) takes for a number, though yamlr keeps its text:
 * [-+]?(.D+|D+(.D*)?)([eE][-+]?D+)? with underscores dropped, and the
 * .inf and .nan spellings.  The API server then gets a number. */
static bool plain_number(struct imp *im, const struct tree *t)
{
	if (t->kind != TREE_STR || !span_valid(t->span) || !t->str.len)
		return false;
	const struct source *src = srcmgr_get(&im->S->sm, t->span.file);
	if (!src || t->span.start >= src->len || strchr("\"'|>!&*", src->text[t->span.start]))
		return false; /* quoted, a block, tagged or an alias: not plain */
	static const char *const special[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
	                                      "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
	for (size_t k = 0; k < sizeof special / sizeof *special; k++)
		if (imp_is_str(t, special[k]))
			return true;
	char *d = arena_alloc(im->a, t->str.len + 1); /* the text without underscores */
	size_t n = 0;
	for (uint32_t i = 0; i < t->str.len; i++)
		if (t->str.s[i] != '_')
			d[n++] = t->str.s[i];
	d[n] = '\0';
	const char *p = d + (*d == '+' || *d == '-');
	size_t whole = strspn(p, "0123456789"), frac = 0;
	bool dot = p[whole] == '.';
	if (dot)
		frac = strspn(p + whole + 1, "0123456789");
	if (!(whole || frac))
		return false;
	p += whole + dot + frac;
	if (*p == 'e' || *p == 'E') {
		p += 1 + (p[1] == '+' || p[1] == '-');
		size_t exp = strspn(p, "0123456789");
		if (!exp)
			return false;
		p += exp;
	}
	return p == d + n;
}

/* Reports the scalar t, which YAML reads as a number or a boolean, where
 * the API server wants a string. */
static void not_a_string(struct imp *im, const struct tree *t, const char *path)
{
	const struct source *src = srcmgr_get(&im->S->sm, t->span.file);
	int n = src ? (int)(t->span.end - t->span.start) : 0;
	import_error(im, t->span,
	             "%s should be a string, and YAML reads %.*s as %s, which the API server "
	             "refuses there: quote it",
	             path, n, src ? src->text + t->span.start : "",
	             t->kind == TREE_BOOL ? "a boolean" : "a number");
	if (im->nnot_str == im->capnot_str) {
		unsigned cap = im->capnot_str ? im->capnot_str * 2 : 8;
		const struct tree **v = arena_alloc(im->a, sizeof *v * cap);
		if (im->nnot_str)
			memcpy(v, im->not_str, sizeof *v * im->nnot_str);
		im->not_str = v, im->capnot_str = cap;
	}
	im->not_str[im->nnot_str++] = t;
}

bool imp_want_string(struct imp *im, const struct tree *t, const char *path)
{
	if (t->kind == TREE_STR && !plain_number(im, t))
		return true;
	for (unsigned i = 0; i < im->nnot_str; i++)
		if (im->not_str[i] == t)
			return false; /* reported */
	if (t->kind == TREE_STR || t->kind == TREE_INT || t->kind == TREE_BOOL)
		not_a_string(im, t, path);
	else
		import_error(im, t->span, "%s should be a string", path);
	return false;
}

static void found_string(void *user, const struct tree *t, const char *path)
{
	struct imp *im = user;
	if (t->kind != TREE_STR || plain_number(im, t))
		not_a_string(im, t, path);
}

void import_want_strings(struct imp *im, const struct tree *doc, bool cron)
{
	k8s_each_string(doc, cron ? "io.k8s.api.batch.v1.CronJob" : "io.k8s.api.batch.v1.Job", "",
	                found_string, im);
}

/* ---- writing source ------------------------------------------------------- */

void out_fmt(struct imp *im, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&im->out, fmt, ap);
	va_end(ap);
}

/* Whether a """ string, as out_str writes it, reads back as exactly s:
 * text of several lines ending with a line break (a script).  The grammar
 * reads a """ string raw (a backslash is itself), so what it cannot hold is
 * a run of three quotes (it would close the string), a carriage return (read
 * as half of a CRLF) and other control characters; ${ is written $${, and
 * each line gets the indentation of the closing quotes, which the reader
 * takes off again (blanks at either end of a line are the text's). */
static bool multiline_fits(const char *s, size_t n)
{
	if (n < 2 || s[n - 1] != '\n' || !memchr(s, '\n', n - 1))
		return false;
	unsigned quotes = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\n' && c != '\t')
			return false;
		quotes = c == '"' ? quotes + 1 : 0;
		if (quotes == 3)
			return false;
	}
	return true;
}

/* A jobc string literal: """ for a script (multiline_fits), escapes
 * otherwise.  A NUL character has no way into a .job file: an error at the
 * document (out_scalar reports it at the string). */
void out_str(struct imp *im, const char *s, size_t n)
{
	if (n && memchr(s, '\0', n)) { /* n == 0: s may be NULL (an empty scalar) */
		import_error(im, span_none(), "a string holds a NUL character, which a .job file cannot hold");
		buf_puts(&im->out, "\"\"");
		return;
	}
	if (multiline_fits(s, n)) {
		buf_puts(&im->out, "\"\"\"\n");
		bool start = true;
		for (size_t i = 0; i < n; i++) {
			if (start && s[i] != '\n')
				buf_puts(&im->out, "    ");
			start = s[i] == '\n';
			if (s[i] == '$' && i + 1 < n && s[i + 1] == '{') {
				buf_puts(&im->out, "$${");
				i++;
				continue;
			}
			buf_putc(&im->out, s[i]);
		}
		buf_puts(&im->out, "    \"\"\"");
		return;
	}
	buf_putc(&im->out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(&im->out, "\\\""); break;
		case '\\': buf_puts(&im->out, "\\\\"); break;
		case '\n': buf_puts(&im->out, "\\n"); break;
		case '\t': buf_puts(&im->out, "\\t"); break;
		case '\r': buf_puts(&im->out, "\\r"); break;
		case '$': buf_puts(&im->out, i + 1 < n && s[i + 1] == '{' ? "\\$" : "$"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(&im->out, "\\u{%x}", c);
			else
				buf_putc(&im->out, (char)c);
		}
	}
	buf_putc(&im->out, '"');
}

void out_int(struct imp *im, int64_t v)
{
	/* the grammar reads -9223372036854775808 as - applied to a literal
	 * one past INT64_MAX */
	if (v == INT64_MIN)
		out_fmt(im, "(%" PRId64 " - 1)", v + 1);
	else
		out_fmt(im, "%" PRId64, v);
}

void out_mode(struct imp *im, int64_t mode)
{
	if (mode >= 0)
		out_fmt(im, "0o%" PRIo64, (uint64_t)mode);
	else
		out_int(im, mode);
}

void out_key(struct imp *im, const char *s)
{
	if (word_is_bare(s, strlen(s)))
		buf_puts(&im->out, s);
	else
		out_str(im, s, strlen(s));
}

void out_key_of(struct imp *im, const struct tree *t)
{
	size_t from = im->out.len;
	out_key(im, imp_text(im, t));
	imp_mark(im, from, t->span);
}

void imp_mark(struct imp *im, size_t from, struct span yaml)
{
	if (!span_valid(yaml))
		return;
	if (im->nmarks == im->capmarks) {
		im->capmarks = im->capmarks ? im->capmarks * 2 : 64;
		im->marks = arena_grow(im->a, im->marks, im->nmarks, im->capmarks, sizeof *im->marks);
	}
	im->marks[im->nmarks++] = (struct import_mark){(uint32_t)from, (uint32_t)im->out.len, yaml};
}

/* A scalar as source: strings quoted, numbers and bools as they are;
 * false, and nothing written, for anything else. */
static bool put_scalar(struct imp *im, const struct tree *t)
{
	size_t from = im->out.len;
	switch (t->kind) {
	case TREE_STR:
		if (t->str.len && memchr(t->str.s, '\0', t->str.len)) {
			import_error(im, t->span, "this string holds a NUL character, which a .job file "
			                          "cannot hold");
			buf_puts(&im->out, "\"\"");
			return true;
		}
		out_str(im, t->str.s, t->str.len);
		break;
	case TREE_INT: out_int(im, t->i); break;
	case TREE_BOOL: out_fmt(im, "%s", t->b ? "true" : "false"); break;
	default: return false;
	}
	imp_mark(im, from, t->span);
	return true;
}

bool out_scalar(struct imp *im, const struct tree *t)
{
	if (put_scalar(im, t))
		return true;
	/* the source would miss a value: the import fails here instead */
	import_error(im, t->span, "expected a string, a number or a boolean here, found %s",
	             t->kind == TREE_MAP ? "a map" : t->kind == TREE_LIST ? "a list" : "null");
	return false;
}

void out_required(struct imp *im, const struct tree *t, const struct tree *at, const char *path)
{
	if (t && t->kind != TREE_NULL)
		out_scalar(im, t);
	else
		import_error(im, at ? at->span : span_none(), "%s is required", path);
}

/* Any Kubernetes value, as a jobc expression (affinity, written as
 * Kubernetes writes it). */
void out_raw(struct imp *im, const struct tree *t)
{
	size_t from = im->out.len;
	if (t->kind == TREE_MAP) {
		out_fmt(im, "{\n");
		for (uint32_t i = 0; i < t->map.n; i++) {
			out_key(im, t->map.v[i].key);
			out_fmt(im, " = ");
			out_raw(im, t->map.v[i].value);
			out_fmt(im, "\n");
		}
		out_fmt(im, "}");
	} else if (t->kind == TREE_LIST) {
		out_fmt(im, "[");
		for (uint32_t i = 0; i < t->list.n; i++) {
			out_fmt(im, "%s", i ? ", " : "");
			out_raw(im, t->list.v[i]);
		}
		out_fmt(im, "]");
	} else if (t->kind == TREE_NULL) {
		out_fmt(im, "null");
	} else {
		out_scalar(im, t);
	}
	imp_mark(im, from, t->span);
}

/* The keys of it but skip, written as Kubernetes writes them, as a block:
 * { path = "x", mode = 0o400 } (a mode in octal, as people write it);
 * taken out of it. */
void out_keys_block(struct imp *im, struct tree *it, const char *skip)
{
	out_fmt(im, "{ ");
	bool first = true;
	while (it->map.n) {
		const struct tree_entry *e = &it->map.v[0];
		if (strcmp(e->key, skip)) {
			out_fmt(im, "%s", first ? "" : ", ");
			out_key(im, e->key);
			if (!strcmp(e->key, "mode") && e->value->kind == TREE_INT && e->value->i >= 0) {
				out_fmt(im, " = ");
				out_mode(im, e->value->i);
			} else {
				out_fmt(im, " = ");
				out_raw(im, e->value);
			}
			first = false;
		}
		tree_remove(it, e->key);
	}
	out_fmt(im, " }");
	imp_touch(it);
}

/* A quantity as a unit literal (500m, 4Gi) when it lexes as one, else as a
 * string.  Digits alone are an integer literal, which the grammar reads
 * only without a leading zero and up to INT64_MAX. */
void out_quantity(struct imp *im, const struct tree *t)
{
	size_t from = im->out.len;
	if (t->kind == TREE_INT) {
		out_int(im, t->i);
		imp_mark(im, from, t->span);
		return;
	}
	const char *s = t->str.s;
	size_t n = t->str.len, i = 0;
	bool unit = n && s[0] >= '0' && s[0] <= '9';
	while (unit && i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	bool integer = unit && i == n;
	if (integer && ((n > 1 && s[0] == '0') || n > 19 ||
	                (n == 19 && memcmp(s, "9223372036854775807", 19) > 0)))
		unit = false;
	if (unit && i < n && s[i] == '.') {
		i++;
		unit = i < n && s[i] >= '0' && s[i] <= '9';
		while (unit && i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	static const char *const sufs[] = {"", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi",
	                                   "Ti", "Pi", "Ei", "n", "u"};
	bool suf = false;
	for (size_t k = 0; unit && k < sizeof sufs / sizeof *sufs; k++)
		suf |= strlen(sufs[k]) == n - i && !memcmp(s + i, sufs[k], n - i);
	if (unit && suf)
		out_fmt(im, "%.*s", (int)n, s);
	else
		out_str(im, s, n);
	imp_mark(im, from, t->span);
}

const char *imp_text(struct imp *im, const struct tree *t)
{
	if (t->kind == TREE_STR)
		return arena_strndup(im->a, t->str.s, t->str.len);
	if (t->kind == TREE_INT)
		return arena_printf(im->a, "%" PRId64, t->i);
	return "(a value)";
}

/* ---- fields, from the field table --------------------------------------------- */

static void raise_value_of(struct imp *im, const struct field *f, const struct tree *t,
                           const char *path);

void raise_value(struct imp *im, const struct field *f, const struct tree *t, const char *path)
{
	size_t from = im->out.len;
	raise_value_of(im, f, t, path);
	imp_mark(im, from, t->span);
}

static void raise_value_of(struct imp *im, const struct field *f, const struct tree *t,
                           const char *path)
{
	if (!t || t->kind == TREE_NULL)
		return;
	switch (f->type) {
	case FT_STRING:
		if (!imp_want_string(im, t, path))
			return;
		out_fmt(im, "%s = ", f->name);
		out_scalar(im, t);
		break;
	case FT_INT:
		if (t->kind != TREE_INT)
			goto bad;
		out_fmt(im, "%s = ", f->name);
		out_int(im, t->i);
		break;
	case FT_BOOL:
		if (t->kind != TREE_BOOL)
			goto bad;
		out_fmt(im, "%s = %s", f->name, t->b ? "true" : "false");
		break;
	case FT_DURATION:
		if (t->kind != TREE_INT)
			goto bad;
		if (t->i > 0) {
			char d[64];
			duration_format(t->i, d, sizeof d);
			out_fmt(im, "%s = %s", f->name, d);
		} else {
			out_fmt(im, "%s = ", f->name);
			out_int(im, t->i);
		}
		break;
	case FT_ENUM: {
		if (t->kind != TREE_STR)
			goto bad;
		const struct enum_word *word = NULL;
		for (const struct enum_word *e = f->words; e->word; e++)
			if (imp_is_str(t, e->k8s))
				word = e;
		if (!word) {
			import_error(im, t->span, "'%s' is not a value jobc knows for %s", imp_text(im, t), path);
			return;
		}
		if (word_is_bare(word->word, strlen(word->word))) {
			out_fmt(im, "%s = %s", f->name, word->word);
		} else { /* a keyword: operator = "in" */
			out_fmt(im, "%s = ", f->name);
			out_str(im, word->word, strlen(word->word));
		}
		break;
	}
	case FT_QUANTITY:
		if (t->kind != TREE_STR && t->kind != TREE_INT)
			goto bad;
		out_fmt(im, "%s = ", f->name);
		out_quantity(im, t);
		break;
	case FT_PORT:
		if (t->kind != TREE_STR && t->kind != TREE_INT)
			goto bad;
		out_fmt(im, "%s = ", f->name);
		out_scalar(im, t);
		break;
	case FT_STRLIST:
	case FT_INTLIST:
		if (t->kind != TREE_LIST)
			goto bad;
		out_fmt(im, "%s = [", f->name);
		for (uint32_t i = 0; i < t->list.n; i++) {
			const struct tree *x = t->list.v[i];
			if (f->type == FT_STRLIST &&
			    !imp_want_string(im, x, arena_printf(im->a, "%s[%u]", path, i)))
				return;
			if (f->type == FT_INTLIST && x->kind != TREE_INT) {
				import_error(im, x->span, "%s[%u] should be an integer", path, i);
				return;
			}
			out_fmt(im, "%s", i ? ", " : "");
			out_scalar(im, x);
		}
		out_fmt(im, "]");
		break;
	case FT_STRMAP:
		if (t->kind != TREE_MAP)
			goto bad;
		if (!t->map.n)
			return; /* says nothing: jobc writes no empty map */
		out_fmt(im, "%s {\n", f->name);
		for (uint32_t i = 0; i < t->map.n; i++) {
			const struct tree *x = t->map.v[i].value;
			out_key(im, t->map.v[i].key);
			out_fmt(im, " = ");
			if (!imp_want_string(im, x, arena_printf(im->a, "%s[%s]", path, t->map.v[i].key)))
				return;
			out_scalar(im, x);
			out_fmt(im, "\n");
		}
		out_fmt(im, "}");
		break;
	case FT_RAW:
		out_fmt(im, "%s = ", f->name);
		out_raw(im, t);
		break;
	default:
		return;
	}
	out_fmt(im, "\n");
	return;
bad:
	import_error(im, t->span, "%s should be %s", path, ftype_expected(f));
}


/* The labels the Job controller puts on a Job and its pods. */
/* Whether label k = v is one the Job controller put there itself: the
 * job's name under job-name, its uid under controller-uid (a label of
 * those names with another value is the user's, and kept). */
static bool generated_label(const struct imp *im, const char *k, const struct tree *v)
{
	bool name = !strcmp(k, "job-name") || !strcmp(k, "batch.kubernetes.io/job-name");
	bool uid = !strcmp(k, "controller-uid") || !strcmp(k, "batch.kubernetes.io/controller-uid");
	if (name)
		return im->name && imp_is_str(v, im->name);
	return uid && im->uid && imp_is_str(v, im->uid);
}

bool imp_generated_label(const struct imp *im, const char *k, const struct tree *v)
{
	return generated_label(im, k, v);
}

void imp_drop_generated(struct imp *im, struct tree *labels, const char *path)
{
	for (uint32_t i = 0; labels && labels->kind == TREE_MAP && i < labels->map.n;)
		if (generated_label(im, labels->map.v[i].key, labels->map.v[i].value)) {
			import_dropped(im, arena_printf(im->a, "%s[%s]", path, labels->map.v[i].key));
			tree_remove(labels, labels->map.v[i].key);
		} else {
			i++;
		}
}

bool imp_same_scalar(const struct tree *a, const struct tree *b)
{
	return a && b && a->kind == b->kind &&
	       (a->kind == TREE_STR ? a->str.len == b->str.len &&
	                                 (!a->str.len || !memcmp(a->str.s, b->str.s, a->str.len))
	                            : a->kind == TREE_INT ? a->i == b->i
	                                                  : a->kind == TREE_BOOL && a->b == b->b);
}

bool imp_key_twice(struct imp *im, const struct tree **keys, uint32_t *n, const struct tree *k,
                   const char *ipath, const char *field)
{
	for (uint32_t j = 0; k && j < *n; j++)
		if (imp_same_scalar(keys[j], k)) {
			import_error(im, k->span,
			             "%s repeats '%s', and jobc's %s { } holds one value for each, so it "
			             "cannot be imported",
			             ipath, imp_text(im, k), field);
			return true;
		}
	keys[(*n)++] = k;
	return false;
}

/* name = { ... } from a map of strings, the keys of which pass keep. */
void out_string_map(struct imp *im, const char *field, const char *path, const struct tree *m,
                    bool (*keep)(const struct tree *, const char *, const struct tree *),
                    const struct tree *other)
{
	bool any = false;
	for (uint32_t i = 0; m && m->kind == TREE_MAP && i < m->map.n; i++) {
		const struct tree_entry *e = &m->map.v[i];
		if (keep && !keep(other, e->key, e->value))
			continue;
		if (!any)
			out_fmt(im, "%s {\n", field);
		any = true;
		size_t from = im->out.len;
		out_key(im, e->key);
		imp_mark(im, from, e->key_span);
		out_fmt(im, " = ");
		if (imp_want_string(im, e->value, arena_printf(im->a, "%s[%s]", path, e->key)))
			out_scalar(im, e->value);
		out_fmt(im, "\n");
	}
	if (any)
		out_fmt(im, "}\n");
}

const char *import_path(struct imp *im, const char *base, const char *sub)
{
	return *base ? arena_printf(im->a, "%s.%s", base, sub) : sub;
}

const char *import_job_base(struct imp *im, const char *k8s)
{
	return im->cron && !strncmp(k8s, "spec.", strlen("spec.")) ? "spec.jobTemplate" : "";
}

const char *import_job_path(struct imp *im, const char *k8s)
{
	return import_path(im, import_job_base(im, k8s), k8s);
}

/* FT_BLOCKS: a list of blocks, each a block of f's sub-schema. */
static void raise_blocks(struct imp *im, const struct field *f, struct tree *holder,
                         const char *path)
{
	struct tree *l = imp_take(holder, f->k8s);
	if (!l)
		return;
	if (l->kind != TREE_LIST) {
		import_error(im, l->span, "%s should be a list", path);
		return;
	}
	if (!l->list.n && f->min > 0 && f->range_rule) {
		/* present but empty, which the API server refuses */
		import_rule(im, (enum rule_id)(f->range_rule - rules), l->span, path,
		            "Required value: at least one must be specified",
		            "'%s' is written with no item; it needs at least %lld, or none at all",
		            f->name, (long long)f->min);
		return;
	}
	if (!l->list.n && (f->flags & F_KEEP_EMPTY)) {
		/* a policy with no rules is not the same as none */
		size_t from = im->out.len;
		out_fmt(im, "%s = []", f->name);
		imp_mark(im, from, l->span);
		out_fmt(im, "\n");
		return;
	}
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *x = l->list.v[i];
		const char *ip = arena_printf(im->a, "%s[%u]", path, i);
		if (x->kind != TREE_MAP) {
			import_error(im, x->span, "%s should be a map", ip);
			continue;
		}
		out_fmt(im, "%s {\n", f->name);
		raise_fields(im, f->sub, x, ip);
		out_fmt(im, "}\n");
		imp_leftovers(im, x, ip);
	}
}

/* FT_NAMED: container NAME { ... } for each item of the list (the main
 * container is the job's own body: only its leftovers are reported here,
 * once the job's fields and volumes have taken theirs). */
static void raise_named(struct imp *im, const struct field *f, struct tree *holder,
                        const char *path)
{
	struct tree *l = imp_take(holder, f->k8s);
	for (uint32_t i = 0; l && l->kind == TREE_LIST && i < l->list.n; i++) {
		struct tree *c = l->list.v[i];
		const char *cp = arena_printf(im->a, "%s[%u]", path, i);
		if (c == im->main)
			continue; /* the job's body: raised with the job (import_k8s.c) */
		struct tree *n = imp_take(c, "name");
		size_t from = im->out.len;
		out_fmt(im, "%s ", f->name);
		if (n)
			out_key_of(im, n);
		out_fmt(im, " {\n");
		raise_fields(im, f->sub, c, cp);
		raise_rest(im, f->sub, c, cp);
		out_fmt(im, "}\n");
		if (n)
			imp_mark(im, from, n->span);
		imp_leftovers(im, c, cp);
	}
}

/* Where the node at a dotted path was written: a scalar's value, a map's
 * or a list's key (span_none() if absent). */
static struct span written_at(struct imp *im, struct tree *root, const char *path)
{
	const char *dot = strrchr(path, '.');
	const struct tree *m = dot ? imp_peek(root, arena_strndup(im->a, path, (size_t)(dot - path)))
	                           : root;
	const char *key = dot ? dot + 1 : path;
	for (uint32_t i = 0; m && *key && m->kind == TREE_MAP && i < m->map.n; i++) {
		const struct tree_entry *e = &m->map.v[i];
		if (e->klen != strlen(key) || memcmp(e->key, key, e->klen))
			continue;
		bool scalar = e->value->kind != TREE_MAP && e->value->kind != TREE_LIST;
		return scalar || !span_valid(e->key_span) ? e->value->span : e->key_span;
	}
	return span_none();
}

static void raise_field_of(struct imp *im, const struct field *f, struct tree *holder,
                           const char *base);

void raise_field(struct imp *im, const struct field *f, struct tree *holder, const char *base)
{
	/* what the field writes came from its node: a diagnostic about it
	 * points there, unless a narrower mark (a value) points better */
	struct span at = written_at(im, holder, f->k8s);
	size_t from = im->out.len;
	raise_field_of(im, f, holder, base);
	if (im->out.len > from)
		imp_mark(im, from, at);
}

static void raise_field_of(struct imp *im, const struct field *f, struct tree *holder,
                           const char *base)
{
	if (f->flags & (F_PLANTON | F_SETTING | F_MERGE))
		return; /* not in a Kubernetes object; or what no field took (import_k8s.c) */
	if (f->shape && f->shape->raise) {
		f->shape->raise(im, f, holder, base);
		return;
	}
	const char *path = import_path(im, base, f->k8s);
	switch (f->type) {
	case FT_BLOCK: {
		/* what the block's fields do not take stays, for the
		 * Kubernetes-spelled block of its level (raise_rest) */
		struct tree *b = imp_peek(holder, f->k8s);
		if (!b)
			return;
		if (b->kind != TREE_MAP) {
			import_error(im, b->span, "%s should be a map", path);
			imp_take(holder, f->k8s);
			return;
		}
		size_t start = im->out.len;
		out_fmt(im, "%s {\n", f->name);
		size_t inner = im->out.len;
		raise_fields(im, f->sub, b, path);
		if (im->out.len == inner && b->map.n) {
			/* none of it has a jobc name: all of it goes to the
			 * Kubernetes-spelled block, and an empty block here
			 * would say nothing */
			im->out.len = start;
			imp_touch(b);
			return;
		}
		out_fmt(im, "}\n");
		if (!b->map.n)
			imp_take(holder, f->k8s);
		else
			imp_touch(b);
		return;
	}
	case FT_BLOCKS: raise_blocks(im, f, holder, path); return;
	case FT_NAMED: raise_named(im, f, holder, path); return;
	default: {
		struct tree *t = imp_take(holder, f->k8s);
		if (t)
			raise_value(im, f, t, path);
	}
	}
}

/* Whether the value t holds nothing of its own: a map or list every field
 * of which a jobc field took (an empty one the manifest wrote is kept). */
static bool emptied(const struct tree *t)
{
	if (t->kind == TREE_MAP) {
		if (!t->map.n)
			return t->src == &touched;
		for (uint32_t i = 0; i < t->map.n; i++)
			if (!emptied(t->map.v[i].value))
				return false;
		return true;
	}
	return false;
}

static void out_rest_entry(struct imp *im, const struct tree_entry *e);

/* What is left of t, without the maps jobc fields emptied. */
static void out_rest(struct imp *im, const struct tree *t)
{
	if (t->kind != TREE_MAP) {
		out_raw(im, t);
		return;
	}
	out_fmt(im, "{\n");
	for (uint32_t i = 0; i < t->map.n; i++)
		if (!emptied(t->map.v[i].value))
			out_rest_entry(im, &t->map.v[i]);
	out_fmt(im, "}");
}

/* key = value, or key { ... } for a map */
static void out_rest_entry(struct imp *im, const struct tree_entry *e)
{
	size_t from = im->out.len;
	out_key(im, e->key);
	imp_mark(im, from, e->key_span);
	out_fmt(im, e->value->kind == TREE_MAP ? " " : " = ");
	out_rest(im, e->value);
	out_fmt(im, "\n");
}

/* Whether key, under F_MERGE field f's path, is where another F_MERGE
 * field of s starts (a Job spec's template: the pod's blocks). */
static bool other_level(const struct schema *s, const struct field *f, const char *key)
{
	size_t n = strlen(f->k8s), k = strlen(key);
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *g = &s->fields[i];
		if (g == f || !(g->flags & F_MERGE))
			continue;
		const char *p = g->k8s;
		if (n && (strncmp(p, f->k8s, n) || p[n] != '.'))
			continue;
		p += n ? n + 1 : 0;
		if (!strncmp(p, key, k) && (p[k] == '.' || !p[k]))
			return true;
	}
	return false;
}

void raise_rest(struct imp *im, const struct schema *s, struct tree *obj, const char *base)
{
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!(f->flags & F_MERGE))
			continue;
		struct tree *at = *f->k8s ? imp_peek(obj, f->k8s) : obj;
		if (!at || at->kind != TREE_MAP)
			continue;
		bool any = false;
		for (uint32_t k = 0; k < at->map.n;) {
			const struct tree_entry *e = &at->map.v[k];
			if (other_level(s, f, e->key) || emptied(e->value)) {
				k++;
				continue;
			}
			if (!any)
				out_fmt(im, "%s {\n", f->name);
			any = true;
			out_rest_entry(im, e);
			tree_remove(at, e->key);
		}
		if (any)
			out_fmt(im, "}\n");
		(void)base;
	}
}

void raise_fields(struct imp *im, const struct schema *s, struct tree *obj, const char *path)
{
	for (unsigned i = 0; i < s->nfields; i++)
		raise_field(im, &s->fields[i], obj, path);
}
