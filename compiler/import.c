/* import.c - jobc import: Kubernetes and Planton manifests into .job
 * source; see import.h.
 *
 * Each document is read into a tree (runtime/yamlr.c), and every part of
 * it that a jobc field expresses is taken out of the tree as it is
 * written as source: the Kubernetes paths come from the field table.  What
 * the API server fills in, and values equal to the defaults it would fill
 * in, are taken out too (so the .job file says only what was chosen).
 * Whatever is left in the tree afterwards is an error naming its path: no
 * field is ever dropped silently.  The source is then parsed and printed
 * by jobc fmt's printer.
 */
#define _GNU_SOURCE
#include "import.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fields.h"
#include "fileio.h"
#include "fmt.h"
#include "grammar.h"
#include "session.h"
#include "units.h"
#include "yamlr.h"

struct imp {
	struct session *S;
	struct diagnostics *d;
	struct arena *a;
	struct buf out;      /* the .job source of the current document */
	bool failed;
	bool planton;
	const char *name;    /* the job's name */
	struct buf dropped;  /* what the API server filled in, for the note */
	struct buf ignored;  /* what Kubernetes ignores, for another */
	struct span at;      /* the document, for messages about it */
};

/* ---- reporting ------------------------------------------------------------- */

static void errorf(struct imp *im, struct span sp, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void errorf(struct imp *im, struct span sp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(im->d, DIAG_ERROR, span_valid(sp) ? sp : im->at, NULL, fmt, ap);
	va_end(ap);
	im->failed = true;
}

static void dropped(struct imp *im, const char *path)
{
	buf_printf(&im->dropped, "%s%s", im->dropped.len ? ", " : "", path);
}

/* ---- taking parts out of the tree ------------------------------------------- */

/* A map the importer read something out of has src == &touched (the
 * reader leaves src NULL): a map nothing was read from is, as a whole,
 * something jobc has no field for. */
static const char touched = 0;

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
static struct tree *take(struct tree *root, const char *path)
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

/* take(root, key), when it is a map or a list as kind says; another
 * kind is an error naming path.key (null counts as absent). */
static struct tree *take_as(struct imp *im, struct tree *root, const char *key, enum tree_kind kind,
                            const char *path)
{
	struct tree *t = take(root, key);
	if (!t || t->kind == kind)
		return t;
	if (t->kind != TREE_NULL)
		errorf(im, t->span, "%s%s%s should be a %s", path, *path ? "." : "", key,
		       kind == TREE_MAP ? "map" : "list");
	return NULL;
}

/* The node at a dotted path, left in place. */
static struct tree *peek(struct tree *root, const char *path)
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
static void leftovers(struct imp *im, const struct tree *t, const char *path)
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
				leftovers(im, v, sub);
				continue;
			}
			/* a scalar, or a map or list nothing was read from: one error */
			errorf(im, e->key_span, "jobc has no field for '%s'; it cannot be imported", sub);
		}
	} else if (t->kind == TREE_LIST) {
		for (uint32_t i = 0; i < t->list.n; i++) {
			const struct tree *v = t->list.v[i];
			const char *sub = arena_printf(im->a, "%s[%u]", path, i);
			if (v->kind == TREE_MAP || v->kind == TREE_LIST)
				leftovers(im, v, sub);
			else if (v->kind != TREE_NULL)
				errorf(im, v->span, "jobc has no field for '%s'; it cannot be imported", sub);
		}
	}
}

static bool is_str(const struct tree *t, const char *s)
{
	return t && t->kind == TREE_STR && strlen(s) == t->str.len && !memcmp(t->str.s, s, t->str.len);
}

static bool is_int(const struct tree *t, int64_t v)
{
	return t && t->kind == TREE_INT && t->i == v;
}

/* ---- writing source ------------------------------------------------------- */

static void w(struct imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void w(struct imp *im, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&im->out, fmt, ap);
	va_end(ap);
}

/* [A-Za-z_][A-Za-z0-9_-]*, not a keyword */
static bool is_word(const char *s, size_t n)
{
	static const char *const kw[] = {"include", "let", "param", "template", "job",  "for",
	                                 "in",      "if",  "else",  "true",     "false", "null"};
	if (!n || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
		if (strlen(kw[i]) == n && !memcmp(kw[i], s, n))
			return false;
	return true;
}

/* A jobc string literal: """ for text of several lines ending with a line
 * break (a script), escapes otherwise. */
static void put_str(struct imp *im, const char *s, size_t n)
{
	bool multi = n > 1 && s[n - 1] == '\n' && memchr(s, '\n', n - 1) && !memchr(s, '\r', n);
	for (size_t i = 0; multi && i < n; i++)
		multi = (unsigned char)s[i] >= 0x20 || s[i] == '\n' || s[i] == '\t';
	if (multi) {
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

static void put_key(struct imp *im, const char *s)
{
	if (is_word(s, strlen(s)))
		buf_puts(&im->out, s);
	else
		put_str(im, s, strlen(s));
}

/* A scalar as source: strings quoted, numbers and bools as they are. */
static bool put_scalar(struct imp *im, const struct tree *t)
{
	switch (t->kind) {
	case TREE_STR: put_str(im, t->str.s, t->str.len); return true;
	case TREE_INT: w(im, "%" PRId64, t->i); return true;
	case TREE_BOOL: w(im, "%s", t->b ? "true" : "false"); return true;
	default: return false;
	}
}

/* Any Kubernetes value, as a jobc expression (affinity, written as
 * Kubernetes writes it). */
static void put_raw(struct imp *im, const struct tree *t)
{
	if (t->kind == TREE_MAP) {
		w(im, "{\n");
		for (uint32_t i = 0; i < t->map.n; i++) {
			put_key(im, t->map.v[i].key);
			w(im, " = ");
			put_raw(im, t->map.v[i].value);
			w(im, "\n");
		}
		w(im, "}");
	} else if (t->kind == TREE_LIST) {
		w(im, "[");
		for (uint32_t i = 0; i < t->list.n; i++) {
			w(im, "%s", i ? ", " : "");
			put_raw(im, t->list.v[i]);
		}
		w(im, "]");
	} else if (t->kind == TREE_NULL) {
		w(im, "null");
	} else {
		put_scalar(im, t);
	}
}

/* A quantity as a unit literal (500m, 4Gi) when it lexes as one, else as a
 * string. */
static void put_quantity(struct imp *im, const struct tree *t)
{
	if (t->kind == TREE_INT) {
		w(im, "%" PRId64, t->i);
		return;
	}
	const char *s = t->str.s;
	size_t n = t->str.len, i = 0;
	bool unit = n && s[0] >= '0' && s[0] <= '9';
	while (unit && i < n && s[i] >= '0' && s[i] <= '9')
		i++;
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
		w(im, "%.*s", (int)n, s);
	else
		put_str(im, s, n);
}

static const char *cstr_of(struct imp *im, const struct tree *t);

/* ---- fields, from the field table --------------------------------------------- */

static const struct field *field_named(const struct schema *s, const char *name)
{
	const struct field *f = field_find(s, name);
	if (!f) {
		fprintf(stderr, "jobc: internal error: no field '%s'\n", name);
		abort();
	}
	return f;
}

/* name = value, for a field of a scalar, list or map type, from the tree
 * at its Kubernetes path (relative to root).  dflt: a value not to write
 * because it is what Kubernetes would fill in (or NULL). */
static void simple(struct imp *im, struct tree *root, const struct field *f, const char *path,
                   const struct tree *node_)
{
	const struct tree *t = node_;
	if (!t || t->kind == TREE_NULL)
		return;
	switch (f->type) {
	case FT_STRING:
		if (t->kind != TREE_STR)
			goto bad;
		w(im, "%s = ", f->name);
		put_str(im, t->str.s, t->str.len);
		break;
	case FT_INT:
		if (t->kind != TREE_INT)
			goto bad;
		w(im, "%s = %" PRId64, f->name, t->i);
		break;
	case FT_BOOL:
		if (t->kind != TREE_BOOL)
			goto bad;
		w(im, "%s = %s", f->name, t->b ? "true" : "false");
		break;
	case FT_DURATION:
		if (t->kind != TREE_INT)
			goto bad;
		if (t->i > 0) {
			char d[64];
			duration_format(t->i, d, sizeof d);
			w(im, "%s = %s", f->name, d);
		} else {
			w(im, "%s = %" PRId64, f->name, t->i);
		}
		break;
	case FT_ENUM: {
		if (t->kind != TREE_STR)
			goto bad;
		const struct enum_word *word = NULL;
		for (const struct enum_word *e = f->words; e->word; e++)
			if (is_str(t, e->k8s))
				word = e;
		if (!word) {
			errorf(im, t->span, "'%s' is not a value jobc knows for %s", cstr_of(im, t), path);
			return;
		}
		w(im, "%s = %s", f->name, word->word);
		break;
	}
	case FT_QUANTITY:
		if (t->kind != TREE_STR && t->kind != TREE_INT)
			goto bad;
		w(im, "%s = ", f->name);
		put_quantity(im, t);
		break;
	case FT_PORT:
		if (t->kind != TREE_STR && t->kind != TREE_INT)
			goto bad;
		w(im, "%s = ", f->name);
		put_scalar(im, t);
		break;
	case FT_STRLIST:
	case FT_INTLIST:
		if (t->kind != TREE_LIST)
			goto bad;
		w(im, "%s = [", f->name);
		for (uint32_t i = 0; i < t->list.n; i++) {
			const struct tree *x = t->list.v[i];
			if ((f->type == FT_INTLIST) != (x->kind == TREE_INT) || x->kind == TREE_MAP ||
			    x->kind == TREE_LIST) {
				errorf(im, x->span, "%s[%u] should be %s", path, i,
				       f->type == FT_INTLIST ? "an integer" : "a string");
				return;
			}
			w(im, "%s", i ? ", " : "");
			put_scalar(im, x);
		}
		w(im, "]");
		break;
	case FT_STRMAP:
		if (t->kind != TREE_MAP)
			goto bad;
		w(im, "%s {\n", f->name);
		for (uint32_t i = 0; i < t->map.n; i++) {
			const struct tree *x = t->map.v[i].value;
			put_key(im, t->map.v[i].key);
			w(im, " = ");
			if (!put_scalar(im, x)) {
				errorf(im, x->span, "%s.%s should be a string", path, t->map.v[i].key);
				return;
			}
			w(im, "\n");
		}
		w(im, "}");
		break;
	case FT_RAW:
		w(im, "%s = ", f->name);
		put_raw(im, t);
		break;
	default:
		return;
	}
	w(im, "\n");
	(void)root;
	return;
bad:
	errorf(im, t->span, "%s should be %s", path, ftype_expected(f));
}

/* Takes the field's Kubernetes path out of root and writes it, unless it
 * equals dflt (a string, an integer in text, "true"/"false"). */
static void field_at(struct imp *im, struct tree *root, const char *prefix, const struct field *f,
                     const char *dflt)
{
	struct tree *t = take(root, f->k8s);
	if (!t)
		return;
	if (dflt) {
		char text[64] = "";
		if (t->kind == TREE_INT)
			snprintf(text, sizeof text, "%" PRId64, t->i);
		else if (t->kind == TREE_BOOL)
			snprintf(text, sizeof text, "%s", t->b ? "true" : "false");
		else if (t->kind == TREE_STR)
			snprintf(text, sizeof text, "%.*s", (int)t->str.len, t->str.s);
		if (!strcmp(text, dflt))
			return;
	}
	simple(im, root, f, *prefix ? arena_printf(im->a, "%s.%s", prefix, f->k8s) : f->k8s, t);
}

static const char *cstr_of(struct imp *im, const struct tree *t)
{
	if (t->kind == TREE_STR)
		return arena_strndup(im->a, t->str.s, t->str.len);
	if (t->kind == TREE_INT)
		return arena_printf(im->a, "%" PRId64, t->i);
	return "(a value)";
}

/* A block field: its sub-schema's fields, each from its path in t.  skip:
 * fields written by the caller. */
static void block_fields(struct imp *im, const struct schema *s, struct tree *t, const char *path,
                         const char *const *skip);

/* probes: the kubelet's defaults are not written */
static void probe(struct imp *im, const struct field *f, struct tree *c, const char *cpath)
{
	struct tree *p = take(c, f->k8s);
	if (!p)
		return;
	char *path = arena_printf(im->a, "%s.%s", cpath, f->k8s);
	static const struct {
		const char *key;
		int64_t v;
	} dflt[] = {{"timeoutSeconds", 1}, {"periodSeconds", 10}, {"successThreshold", 1},
	            {"failureThreshold", 3}};
	for (size_t i = 0; i < 4; i++)
		if (is_int(tree_get(p, dflt[i].key), dflt[i].v) || is_int(tree_get(p, dflt[i].key), 0))
			tree_remove(p, dflt[i].key);
	struct tree *h = tree_get(p, "httpGet");
	if (h && is_str(tree_get(h, "path"), "/"))
		tree_remove(h, "path");
	if (h && is_str(tree_get(h, "scheme"), "HTTP"))
		tree_remove(h, "scheme");
	w(im, "%s {\n", f->name);
	block_fields(im, f->sub, p, path, NULL);
	w(im, "}\n");
	leftovers(im, p, path);
}

static void block_fields(struct imp *im, const struct schema *s, struct tree *t, const char *path,
                         const char *const *skip)
{
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		bool skipped = false;
		for (const char *const *k = skip; k && *k; k++)
			skipped |= !strcmp(*k, f->name);
		if (skipped)
			continue;
		char *sub = arena_printf(im->a, "%s.%s", path, f->k8s);
		if (!strcmp(f->name, "headers")) {
			struct tree *hs = take(t, "httpHeaders");
			if (!hs || hs->kind != TREE_LIST)
				continue;
			w(im, "headers {\n");
			for (uint32_t k = 0; k < hs->list.n; k++) {
				struct tree *hd = hs->list.v[k];
				struct tree *n = take(hd, "name"), *v = take(hd, "value");
				if (!n || !v || n->kind != TREE_STR) {
					errorf(im, hd->span, "%s[%u] needs a name and a value", sub, k);
					continue;
				}
				put_str(im, n->str.s, n->str.len);
				w(im, " = ");
				put_scalar(im, v);
				w(im, "\n");
				leftovers(im, hd, arena_printf(im->a, "%s[%u]", sub, k));
			}
			w(im, "}\n");
			continue;
		}
		if (f->type == FT_BLOCK) {
			struct tree *b = take(t, f->k8s);
			if (!b || (b->kind == TREE_MAP && !b->map.n))
				continue;
			w(im, "%s {\n", f->name);
			block_fields(im, f->sub, b, sub, NULL);
			w(im, "}\n");
			leftovers(im, b, sub);
			continue;
		}
		/* an explicit operator: Equal stays (the API server does not
		 * fill it in); protocol TCP is the server's default */
		field_at(im, t, path, f, !strcmp(f->name, "protocol") ? "TCP" : NULL);
	}
}

/* A list of blocks (tolerations, ports, host aliases, rules). */
static void blocks(struct imp *im, const struct field *f, struct tree *root, const char *path,
                   void (*item)(struct imp *, const struct field *, struct tree *, const char *))
{
	struct tree *l = take(root, f->k8s);
	if (!l)
		return;
	if (l->kind != TREE_LIST) {
		errorf(im, l->span, "%s should be a list", path);
		return;
	}
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *x = l->list.v[i];
		char *ip = arena_printf(im->a, "%s[%u]", path, i);
		if (x->kind != TREE_MAP) {
			errorf(im, x->span, "%s should be a map", ip);
			continue;
		}
		if (item) {
			item(im, f, x, ip);
		} else {
			w(im, "%s {\n", f->name);
			block_fields(im, f->sub, x, ip, NULL);
			w(im, "}\n");
		}
		leftovers(im, x, ip);
	}
}

static void failure_rule(struct imp *im, const struct field *f, struct tree *r, const char *path)
{
	w(im, "%s {\n", f->name);
	field_at(im, r, path, field_named(f->sub, "action"), NULL);
	struct tree *on = take(r, "onExitCodes");
	if (on) {
		struct tree *op = take(on, "operator"), *vals = take(on, "values");
		struct tree *cn = take(on, "containerName");
		const char *name = is_str(op, "NotIn") ? "exit-codes-not-in" : "exit-codes";
		if (op && !is_str(op, "In") && !is_str(op, "NotIn"))
			errorf(im, op->span, "%s.onExitCodes.operator is In or NotIn", path);
		if (vals)
			simple(im, r, field_named(f->sub, name), arena_printf(im->a, "%s.onExitCodes.values", path),
			       vals);
		if (cn)
			simple(im, r, field_named(f->sub, "container"),
			       arena_printf(im->a, "%s.onExitCodes.containerName", path), cn);
		leftovers(im, on, arena_printf(im->a, "%s.onExitCodes", path));
	}
	struct tree *conds = take(r, "onPodConditions");
	if (conds && conds->kind == TREE_LIST) {
		w(im, "conditions = [");
		for (uint32_t i = 0; i < conds->list.n; i++) {
			struct tree *c = conds->list.v[i];
			struct tree *type = take(c, "type"), *status = take(c, "status");
			if (status && !is_str(status, "True"))
				errorf(im, status->span,
				       "%s.onPodConditions[%u].status: jobc's conditions match status True", path, i);
			if (type) {
				w(im, "%s", i ? ", " : "");
				put_scalar(im, type);
			}
			leftovers(im, c, arena_printf(im->a, "%s.onPodConditions[%u]", path, i));
		}
		w(im, "]\n");
	}
	w(im, "}\n");
}

static void port_item(struct imp *im, const struct field *f, struct tree *p, const char *path)
{
	if (is_str(tree_get(p, "protocol"), "TCP"))
		tree_remove(p, "protocol");
	w(im, "%s {\n", f->name);
	block_fields(im, f->sub, p, path, NULL);
	w(im, "}\n");
}

/* env: [{name, value | valueFrom}] -> env { NAME = ... } */
static void env(struct imp *im, struct tree *c, const char *cpath)
{
	struct tree *l = take(c, "env");
	if (!l || l->kind != TREE_LIST || !l->list.n)
		return;
	w(im, "env {\n");
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *e = l->list.v[i];
		char *ep = arena_printf(im->a, "%s.env[%u]", cpath, i);
		struct tree *name = peek(e, "name");
		if (!name || name->kind != TREE_STR) {
			errorf(im, e->span, "%s needs a name", ep);
			continue;
		}
		for (uint32_t k = i + 1; k < l->list.n; k++)
			if (is_str(peek(l->list.v[k], "name"), cstr_of(im, name)))
				errorf(im, peek(l->list.v[k], "name")->span,
				       "%s.env[%u]: the variable '%s' is set twice; jobc's env is a map", cpath, k,
				       cstr_of(im, name));
		take(e, "name");
		put_key(im, cstr_of(im, name));
		w(im, " = ");
		struct tree *v = take(e, "value");
		struct tree *from = take(e, "valueFrom");
		struct tree *r;
		if (v) {
			put_scalar(im, v);
		} else if (from && (r = take(from, "secretKeyRef"))) {
			struct tree *n = take(r, "name"), *k = take(r, "key");
			w(im, "secret(");
			put_scalar(im, n ? n : name);
			w(im, ", ");
			put_scalar(im, k ? k : name);
			w(im, ")");
			leftovers(im, r, arena_printf(im->a, "%s.valueFrom.secretKeyRef", ep));
		} else if (from && (r = take(from, "configMapKeyRef"))) {
			struct tree *n = take(r, "name"), *k = take(r, "key");
			w(im, "configmap(");
			put_scalar(im, n ? n : name);
			w(im, ", ");
			put_scalar(im, k ? k : name);
			w(im, ")");
			leftovers(im, r, arena_printf(im->a, "%s.valueFrom.configMapKeyRef", ep));
		} else if (from && (r = take(from, "fieldRef"))) {
			struct tree *p = take(r, "fieldPath"), *api = take(r, "apiVersion");
			if (api && !is_str(api, "v1"))
				errorf(im, api->span, "%s.valueFrom.fieldRef.apiVersion is v1", ep);
			w(im, "field(");
			if (p)
				put_scalar(im, p);
			w(im, ")");
			leftovers(im, r, arena_printf(im->a, "%s.valueFrom.fieldRef", ep));
		} else if (from && (r = take(from, "resourceFieldRef"))) {
			struct tree *res = take(r, "resource"), *div = take(r, "divisor");
			struct tree *cn = take(r, "containerName");
			w(im, "resource(");
			if (res)
				put_scalar(im, res);
			if (div && !is_str(div, "0") && !is_int(div, 0)) {
				w(im, ", ");
				if (div->kind == TREE_INT)
					w(im, "\"%" PRId64 "\"", div->i);
				else
					put_scalar(im, div);
			}
			if (cn) {
				if (!div || is_str(div, "0") || is_int(div, 0))
					w(im, ", \"1\"");
				w(im, ", ");
				put_scalar(im, cn);
			}
			w(im, ")");
			leftovers(im, r, arena_printf(im->a, "%s.valueFrom.resourceFieldRef", ep));
		} else {
			w(im, "\"\"");
		}
		w(im, "\n");
		if (from)
			leftovers(im, from, arena_printf(im->a, "%s.valueFrom", ep));
		leftovers(im, e, ep);
	}
	w(im, "}\n");
}

static void env_from(struct imp *im, struct tree *c, const char *cpath)
{
	struct tree *l = take(c, "envFrom");
	if (!l || l->kind != TREE_LIST || !l->list.n)
		return;
	w(im, "env-from = [");
	for (uint32_t i = 0; i < l->list.n; i++) {
		struct tree *e = l->list.v[i];
		char *ep = arena_printf(im->a, "%s.envFrom[%u]", cpath, i);
		struct tree *s = take(e, "secretRef"), *cm = take(e, "configMapRef");
		struct tree *ref = s ? s : cm;
		struct tree *n = ref ? take(ref, "name") : NULL;
		struct tree *prefix = take(e, "prefix");
		w(im, "%s", i ? ", " : "");
		if (!n) {
			errorf(im, e->span, "%s needs a secretRef or a configMapRef with a name", ep);
		} else if (prefix) {
			w(im, "{ %s = ", s ? "secret" : "configmap");
			put_scalar(im, n);
			w(im, ", prefix = ");
			put_scalar(im, prefix);
			w(im, " }");
		} else {
			w(im, "%s(", s ? "secret" : "configmap");
			put_scalar(im, n);
			w(im, ")");
		}
		if (ref)
			leftovers(im, ref, arena_printf(im->a, "%s.%s", ep, s ? "secretRef" : "configMapRef"));
		leftovers(im, e, ep);
	}
	w(im, "]\n");
}

/* resources: requests and limits -> cpu = 500m..2 */
static void resources(struct imp *im, struct tree *c, const char *cpath)
{
	struct tree *r = take(c, "resources");
	if (!r || r->kind != TREE_MAP)
		return;
	char *rp = arena_printf(im->a, "%s.resources", cpath);
	struct tree *req = take_as(im, r, "requests", TREE_MAP, rp);
	struct tree *lim = take_as(im, r, "limits", TREE_MAP, rp);
	leftovers(im, r, rp);
	if ((!req || !req->map.n) && (!lim || !lim->map.n))
		return;
	w(im, "resources {\n");
	for (int pass = 0; pass < 2; pass++) {
		struct tree *m = pass ? lim : req;
		for (uint32_t i = 0; m && i < m->map.n; i++) {
			const char *name = m->map.v[i].key;
			struct tree *q = m->map.v[i].value;
			struct tree *other = pass ? NULL : tree_get(lim, name);
			if (q->kind != TREE_STR && q->kind != TREE_INT) {
				errorf(im, q->span, "%s.%s[%s] should be a quantity such as 500m or 1Gi", rp,
				       pass ? "limits" : "requests", name);
				continue;
			}
			if (other && other->kind != TREE_STR && other->kind != TREE_INT)
				other = NULL; /* reported in the second pass */
			if (pass && tree_get(req, name))
				continue; /* written with its request */
			put_key(im, name);
			w(im, " = ");
			bool same = other && other->kind == q->kind &&
			            (q->kind == TREE_INT ? q->i == other->i
			                                 : q->kind == TREE_STR && other->str.len == q->str.len &&
			                                       !memcmp(q->str.s, other->str.s, q->str.len));
			if (same || (!other && pass)) {
				if (pass)
					w(im, "..");
				put_quantity(im, q);
			} else {
				put_quantity(im, q);
				w(im, "..");
				if (other)
					put_quantity(im, other);
			}
			w(im, "\n");
		}
	}
	w(im, "}\n");
}

/* What Kubernetes writes for an image's pull policy when none is set. */
static const char *default_pull(const struct tree *image)
{
	if (!image || image->kind != TREE_STR)
		return NULL;
	const char *s = image->str.s;
	uint32_t n = image->str.len;
	if (memchr(s, '@', n))
		return "IfNotPresent";
	const char *slash = NULL;
	for (uint32_t i = 0; i < n; i++)
		if (s[i] == '/')
			slash = s + i;
	const char *last = slash ? slash + 1 : s;
	const char *colon = memchr(last, ':', (size_t)(s + n - last));
	if (!colon || ((size_t)(s + n - colon - 1) == 6 && !memcmp(colon + 1, "latest", 6)))
		return "Always";
	return "IfNotPresent";
}

/* The fields of a container tree (the main one, or a container/init block). */
static void container_fields(struct imp *im, const struct schema *s, struct tree *c,
                             const char *cpath, bool main)
{
	/* the kubelet's defaults */
	if (is_str(tree_get(c, "terminationMessagePath"), "/dev/termination-log"))
		tree_remove(c, "terminationMessagePath");
	if (is_str(tree_get(c, "terminationMessagePolicy"), "File"))
		tree_remove(c, "terminationMessagePolicy");
	const char *pull = default_pull(tree_get(c, "image"));
	if (pull && is_str(tree_get(c, "imagePullPolicy"), pull))
		tree_remove(c, "imagePullPolicy");
	for (unsigned i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!strcmp(f->name, "env"))
			env(im, c, cpath);
		else if (!strcmp(f->name, "env-from"))
			env_from(im, c, cpath);
		else if (!strcmp(f->name, "resources"))
			resources(im, c, cpath);
		else if (!strcmp(f->name, "ports"))
			blocks(im, f, c, arena_printf(im->a, "%s.ports", cpath), port_item);
		else if (f->sub && (!strcmp(f->name, "liveness") || !strcmp(f->name, "readiness") ||
		                    !strcmp(f->name, "startup")))
			probe(im, f, c, cpath);
		else if (!strcmp(f->name, "post-start") || !strcmp(f->name, "pre-stop")) {
			struct tree *h = take(c, f->k8s);
			if (!h)
				continue;
			char *hp = arena_printf(im->a, "%s.%s", cpath, f->k8s);
			w(im, "%s {\n", f->name);
			block_fields(im, f->sub, h, hp, NULL);
			w(im, "}\n");
			leftovers(im, h, hp);
		} else if (!strcmp(f->name, "security")) {
			struct tree *sc = take(c, "securityContext");
			if (!sc || (sc->kind == TREE_MAP && !sc->map.n))
				continue;
			char *sp = arena_printf(im->a, "%s.securityContext", cpath);
			w(im, "security {\n");
			block_fields(im, f->sub, sc, sp, NULL);
			w(im, "}\n");
			leftovers(im, sc, sp);
		} else if (!strcmp(f->name, "mounts")) {
			if (main)
				continue; /* the volumes write the main container's mounts */
			struct tree *ms = take(c, "volumeMounts");
			if (!ms || ms->kind != TREE_LIST || !ms->list.n)
				continue;
			w(im, "mounts {\n");
			for (uint32_t k = 0; k < ms->list.n; k++) {
				struct tree *m = ms->list.v[k];
				struct tree *n = take(m, "name"), *p = take(m, "mountPath");
				if (n && p) {
					put_key(im, cstr_of(im, n));
					w(im, " = ");
					put_scalar(im, p);
					w(im, "\n");
				}
				leftovers(im, m, arena_printf(im->a, "%s.volumeMounts[%u]", cpath, k));
			}
			w(im, "}\n");
		} else if (!strcmp(f->name, "sidecar")) {
			struct tree *rp = take(c, "restartPolicy");
			if (is_str(rp, "Always"))
				w(im, "sidecar = true\n");
			else if (rp)
				errorf(im, rp->span, "%s.restartPolicy: an init container's is Always (a sidecar) or "
				       "none", cpath);
		} else {
			field_at(im, c, cpath, f, NULL);
		}
	}
}

/* volumes, with the main container's mounts of them */
static void volumes(struct imp *im, struct tree *pod, struct tree *main, const char *ppath)
{
	struct tree *vols = take_as(im, pod, "volumes", TREE_LIST, ppath);
	struct tree *mounts = main ? take_as(im, main, "volumeMounts", TREE_LIST,
	                                     arena_printf(im->a, "%s.containers[0]", ppath))
	                           : NULL;
	const struct field *vf = field_named(&schema_job, "volume");
	bool *mounted = mounts ? xcalloc(mounts->list.n + 1, 1) : NULL;
	for (uint32_t i = 0; vols && i < vols->list.n; i++) {
		struct tree *v = vols->list.v[i];
		char *vp = arena_printf(im->a, "%s.volumes[%u]", ppath, i);
		struct tree *name = take(v, "name");
		if (!name || name->kind != TREE_STR) {
			errorf(im, v->span, "%s needs a name", vp);
			continue;
		}
		w(im, "volume ");
		put_key(im, cstr_of(im, name));
		w(im, " {\n");
		/* the source */
		struct tree *src = NULL;
		const char *srcname = NULL;
		if ((src = peek(v, "configMap")))
			srcname = "configMap";
		else if ((src = peek(v, "secret")))
			srcname = "secret";
		if (src) {
			struct tree *items = take(src, "items");
			struct tree *mode = take(src, "defaultMode");
			field_at(im, v, vp, field_named(vf->sub, srcname[0] == 'c' ? "configmap" : "secret"),
			         NULL);
			if (items && items->kind == TREE_LIST && items->list.n) {
				w(im, "items {\n");
				for (uint32_t k = 0; k < items->list.n; k++) {
					struct tree *it = items->list.v[k];
					struct tree *key = take(it, "key"), *path = take(it, "path");
					if (key && path) {
						put_key(im, cstr_of(im, key));
						w(im, " = ");
						put_scalar(im, path);
						w(im, "\n");
					}
					leftovers(im, it, arena_printf(im->a, "%s.%s.items[%u]", vp, srcname, k));
				}
				w(im, "}\n");
			}
			if (mode && mode->kind == TREE_INT && mode->i != 420)
				w(im, "default-mode = 0o%" PRIo64 "\n", (uint64_t)mode->i);
			leftovers(im, src, arena_printf(im->a, "%s.%s", vp, srcname));
			take(v, srcname);
		}
		struct tree *ed = peek(v, "emptyDir");
		if (ed) {
			struct tree *medium = take(ed, "medium");
			w(im, "empty-dir = true\n");
			if (is_str(medium, "Memory"))
				w(im, "memory = true\n");
			else if (medium && !is_str(medium, ""))
				errorf(im, medium->span, "%s.emptyDir.medium is Memory or empty", vp);
			field_at(im, v, vp, field_named(vf->sub, "size-limit"), NULL);
			leftovers(im, ed, arena_printf(im->a, "%s.emptyDir", vp));
			take(v, "emptyDir");
		}
		field_at(im, v, vp, field_named(vf->sub, "pvc"), NULL);
		field_at(im, v, vp, field_named(vf->sub, "host-path"), NULL);
		/* the main container's first mount of it */
		for (uint32_t k = 0; mounts && k < mounts->list.n; k++) {
			struct tree *m = mounts->list.v[k];
			if (mounted[k] || !is_str(tree_get(m, "name"), cstr_of(im, name)))
				continue;
			mounted[k] = true;
			tree_remove(m, "name");
			struct tree *p = take(m, "mountPath"), *ro = take(m, "readOnly"), *sub = take(m, "subPath");
			if (p) {
				w(im, "mount = ");
				put_scalar(im, p);
				w(im, "\n");
			}
			if (ro && ro->kind == TREE_BOOL && ro->b)
				w(im, "read-only = true\n");
			if (sub) {
				w(im, "sub-path = ");
				put_scalar(im, sub);
				w(im, "\n");
			}
			leftovers(im, m, arena_printf(im->a, "%s.containers[0].volumeMounts[%u]", ppath, k));
			break;
		}
		w(im, "}\n");
		leftovers(im, v, vp);
	}
	/* the main container's other mounts */
	bool any = false;
	for (uint32_t k = 0; mounts && k < mounts->list.n; k++) {
		if (mounted[k])
			continue;
		struct tree *m = mounts->list.v[k];
		struct tree *n = take(m, "name"), *p = take(m, "mountPath");
		if (!any)
			w(im, "mounts {\n");
		any = true;
		if (n && p) {
			put_key(im, cstr_of(im, n));
			w(im, " = ");
			put_scalar(im, p);
			w(im, "\n");
		}
		leftovers(im, m, arena_printf(im->a, "%s.containers[0].volumeMounts[%u]", ppath, k));
	}
	if (any)
		w(im, "}\n");
	xfree(mounted);
}

/* ---- a batch/v1 Job (or a CronJob's) ------------------------------------------ */

/* The labels the Job controller puts on a Job and its pods. */
static bool generated_label(const char *k)
{
	return !strcmp(k, "controller-uid") || !strcmp(k, "job-name") ||
	       !strcmp(k, "batch.kubernetes.io/controller-uid") ||
	       !strcmp(k, "batch.kubernetes.io/job-name");
}

static void drop_generated(struct imp *im, struct tree *labels, const char *path)
{
	for (uint32_t i = 0; labels && labels->kind == TREE_MAP && i < labels->map.n;)
		if (generated_label(labels->map.v[i].key)) {
			dropped(im, arena_printf(im->a, "%s[%s]", path, labels->map.v[i].key));
			tree_remove(labels, labels->map.v[i].key);
		} else {
			i++;
		}
}

static bool same_scalar(const struct tree *a, const struct tree *b)
{
	return a && b && a->kind == b->kind &&
	       (a->kind == TREE_STR ? a->str.len == b->str.len && !memcmp(a->str.s, b->str.s, a->str.len)
	                            : a->kind == TREE_INT ? a->i == b->i
	                                                  : a->kind == TREE_BOOL && a->b == b->b);
}

/* name = { ... } from a map of strings, the keys of which pass keep. */
static void string_map(struct imp *im, const char *field, const struct tree *m,
                       bool (*keep)(const struct tree *, const char *, const struct tree *),
                       const struct tree *other)
{
	bool any = false;
	for (uint32_t i = 0; m && m->kind == TREE_MAP && i < m->map.n; i++) {
		const struct tree_entry *e = &m->map.v[i];
		if (keep && !keep(other, e->key, e->value))
			continue;
		if (!any)
			w(im, "%s {\n", field);
		any = true;
		put_key(im, e->key);
		w(im, " = ");
		if (!put_scalar(im, e->value))
			errorf(im, e->value->span, "%s '%s' should be a string", field, e->key);
		w(im, "\n");
	}
	if (any)
		w(im, "}\n");
}

static bool in_both(const struct tree *other, const char *k, const struct tree *v)
{
	return same_scalar(tree_get(other, k), v);
}

static bool not_in(const struct tree *other, const char *k, const struct tree *v)
{
	return !same_scalar(tree_get(other, k), v);
}

/* labels (on the Job and its pods), job-labels, pod-labels */
/* The annotations kubectl and the Job controller write. */
static void server_annotations(struct imp *im, struct tree *ann, const char *mpath)
{
	static const char *const server[] = {"kubectl.kubernetes.io/last-applied-configuration",
	                                     "batch.kubernetes.io/job-tracking",
	                                     "batch.kubernetes.io/cronjob-scheduled-timestamp"};
	for (size_t k = 0; k < sizeof server / sizeof *server; k++)
		if (tree_get(ann, server[k])) {
			dropped(im, arena_printf(im->a, "%s.annotations[%s]", mpath, server[k]));
			tree_remove(ann, server[k]);
		}
}

static void labels(struct imp *im, struct tree *meta, struct tree *tmeta, const char *mpath,
                   const char *tpath)
{
	struct tree *jl = take(meta, "labels"), *pl = take(tmeta, "labels");
	drop_generated(im, jl, arena_printf(im->a, "%s.labels", mpath));
	drop_generated(im, pl, arena_printf(im->a, "%s.labels", tpath));
	string_map(im, "labels", jl, in_both, pl);
	string_map(im, "job-labels", jl, not_in, pl);
	string_map(im, "pod-labels", pl, not_in, jl);
	struct tree *ann = take(meta, "annotations"), *pann = take(tmeta, "annotations");
	server_annotations(im, ann, mpath);
	string_map(im, "annotations", ann, NULL, NULL);
	string_map(im, "pod-annotations", pann, NULL, NULL);
}

/* What the API server writes into metadata. */
static void server_metadata(struct imp *im, struct tree *meta, const char *path)
{
	static const char *const keys[] = {"uid", "resourceVersion", "generation", "creationTimestamp",
	                                   "managedFields", "selfLink", "ownerReferences",
	                                   "deletionTimestamp", "deletionGracePeriodSeconds"};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		if (tree_get(meta, keys[k])) {
			struct tree *v = tree_get(meta, keys[k]);
			if (v->kind != TREE_NULL)
				dropped(im, arena_printf(im->a, "%s.%s", path, keys[k]));
			tree_remove(meta, keys[k]);
		}
}

static void job_spec_fields(struct imp *im, struct tree *job, bool cron)
{
	struct tree *spec = peek(job, "spec");
	const char *sp = cron ? "spec.jobTemplate.spec" : "spec";
	/* completions and parallelism: 1 and 1 are what an empty Job gets */
	struct tree *comp = peek(spec, "completions"), *par = peek(spec, "parallelism");
	if (is_int(par, 1))
		take(spec, "parallelism"), par = NULL;
	if (is_int(comp, 1) && !par)
		take(spec, "completions");
	bool per_index = peek(spec, "backoffLimitPerIndex") != NULL;
	bool pfp = peek(spec, "podFailurePolicy") != NULL;
	if (is_str(peek(spec, "completionMode"), "NonIndexed"))
		take(spec, "completionMode");
	else if (is_str(peek(spec, "completionMode"), "Indexed")) {
		take(spec, "completionMode");
		w(im, "indexed = true\n");
	}
	if (is_str(peek(spec, "podReplacementPolicy"), pfp ? "Failed" : "TerminatingOrFailed"))
		take(spec, "podReplacementPolicy");
	if (is_int(peek(spec, "backoffLimit"), per_index ? 2147483647 : 6))
		take(spec, "backoffLimit");
	if (is_str(peek(spec, "suspend"), "") || (peek(spec, "suspend") && peek(spec, "suspend")->kind == TREE_BOOL &&
	                                          !peek(spec, "suspend")->b))
		take(spec, "suspend");
	/* the selector Kubernetes generates */
	struct tree *manual = take(spec, "manualSelector");
	bool manual_on = manual && manual->kind == TREE_BOOL && manual->b;
	if (!manual_on && peek(spec, "selector")) {
		dropped(im, arena_printf(im->a, "%s.selector", sp));
		take(spec, "selector");
	}
	static const char *const simple_fields[] = {
		"restart",  "retries",      "retries-per-index", "max-failed-indexes", "completions",
		"parallelism", "deadline",  "ttl",               "replace-pods",       "managed-by",
		"service-account", "node-selector", "affinity",  "priority-class",     "dns-policy",
		"termination-grace", "pod-deadline",
	};
	struct tree *pod = peek(job, "spec.template.spec");
	if (is_str(peek(pod, "restartPolicy"), "Never"))
		take(pod, "restartPolicy");
	if (is_str(peek(pod, "dnsPolicy"), "ClusterFirst"))
		take(pod, "dnsPolicy");
	if (is_int(peek(pod, "terminationGracePeriodSeconds"), 30))
		take(pod, "terminationGracePeriodSeconds");
	if (is_str(peek(pod, "schedulerName"), "default-scheduler"))
		take(pod, "schedulerName");
	struct tree *links = peek(pod, "enableServiceLinks");
	if (links && links->kind == TREE_BOOL && links->b)
		take(pod, "enableServiceLinks");
	struct tree *sa = peek(pod, "serviceAccount"), *san = peek(pod, "serviceAccountName");
	if (sa && (!san || same_scalar(sa, san)))
		take(pod, "serviceAccount");
	for (size_t k = 0; k < sizeof simple_fields / sizeof *simple_fields; k++) {
		const struct field *f = field_named(&schema_job, simple_fields[k]);
		if (!strcmp(f->name, "service-account") && sa && !san) {
			/* only the old spelling: it is the same field */
			tree_append(im->a, pod, "serviceAccountName", sa);
			take(pod, "serviceAccount");
		}
		field_at(im, job, cron ? "spec.jobTemplate" : "", f, NULL);
	}
	if (manual_on) {
		struct tree *sel = take(spec, "selector");
		struct tree *ml = sel ? take(sel, "matchLabels") : NULL;
		w(im, "manual-selector = true\n");
		if (ml)
			simple(im, job, field_named(&schema_job, "selector"),
			       arena_printf(im->a, "%s.selector.matchLabels", sp), ml);
		if (sel)
			leftovers(im, sel, arena_printf(im->a, "%s.selector", sp));
	}
	blocks(im, field_named(&schema_job, "failure-rule"), job,
	       arena_printf(im->a, "%s.podFailurePolicy.rules", sp), failure_rule);
	blocks(im, field_named(&schema_job, "success-rule"), job,
	       arena_printf(im->a, "%s.successPolicy.rules", sp), NULL);
	blocks(im, field_named(&schema_job, "tolerations"), job,
	       arena_printf(im->a, "%s.template.spec.tolerations", sp), NULL);
	blocks(im, field_named(&schema_job, "host-aliases"), job,
	       arena_printf(im->a, "%s.template.spec.hostAliases", sp), NULL);
	struct tree *ips = take(pod, "imagePullSecrets");
	if (ips && ips->kind == TREE_LIST && ips->list.n) {
		w(im, "image-pull-secrets = [");
		for (uint32_t i = 0; i < ips->list.n; i++) {
			struct tree *n = take(ips->list.v[i], "name");
			w(im, "%s", i ? ", " : "");
			if (n)
				put_scalar(im, n);
			leftovers(im, ips->list.v[i],
			          arena_printf(im->a, "%s.template.spec.imagePullSecrets[%u]", sp, i));
		}
		w(im, "]\n");
	}
	struct tree *psc = take(pod, "securityContext");
	if (psc && psc->kind == TREE_MAP && psc->map.n) {
		char *pp = arena_printf(im->a, "%s.template.spec.securityContext", sp);
		w(im, "pod-security {\n");
		block_fields(im, field_named(&schema_job, "pod-security")->sub, psc, pp, NULL);
		w(im, "}\n");
		leftovers(im, psc, pp);
	}
}

/* A Job tree (for a CronJob, its template as a Job): its fields, the pod's
 * and the containers'. */
static void job_body(struct imp *im, struct tree *job, bool cron)
{
	const char *sp = cron ? "spec.jobTemplate.spec" : "spec";
	char *pp = arena_printf(im->a, "%s.template.spec", sp);
	struct tree *pod = peek(job, "spec.template.spec");
	struct tree *cs = pod ? take(pod, "containers") : NULL;
	struct tree *main = cs && cs->kind == TREE_LIST && cs->list.n ? cs->list.v[0] : NULL;
	if (!main) {
		errorf(im, im->at, "%s.containers: a Job has at least one container", pp);
		return;
	}
	struct tree *mname = take(main, "name");
	if (mname && !is_str(mname, im->name)) {
		w(im, "container-name = ");
		put_scalar(im, mname);
		w(im, "\n");
	}
	job_spec_fields(im, job, cron);
	container_fields(im, &schema_container, main, arena_printf(im->a, "%s.containers[0]", pp), true);
	volumes(im, pod, main, pp);
	leftovers(im, main, arena_printf(im->a, "%s.containers[0]", pp));
	for (uint32_t i = 1; i < cs->list.n; i++) {
		struct tree *c = cs->list.v[i];
		char *cp = arena_printf(im->a, "%s.containers[%u]", pp, i);
		struct tree *n = take(c, "name");
		w(im, "container ");
		if (n)
			put_key(im, cstr_of(im, n));
		w(im, " {\n");
		container_fields(im, &schema_container, c, cp, false);
		w(im, "}\n");
		leftovers(im, c, cp);
	}
	struct tree *inits = take(pod, "initContainers");
	for (uint32_t i = 0; inits && inits->kind == TREE_LIST && i < inits->list.n; i++) {
		struct tree *c = inits->list.v[i];
		char *cp = arena_printf(im->a, "%s.initContainers[%u]", pp, i);
		struct tree *n = take(c, "name");
		w(im, "init ");
		if (n)
			put_key(im, cstr_of(im, n));
		w(im, " {\n");
		container_fields(im, &schema_init, c, cp, false);
		w(im, "}\n");
		leftovers(im, c, cp);
	}
}

static void import_job(struct imp *im, struct tree *doc, bool cron)
{
	struct tree *meta = peek(doc, "metadata");
	struct tree *name = take(meta, "name");
	if (!name || name->kind != TREE_STR) {
		errorf(im, doc->span, "a %s needs metadata.name", cron ? "CronJob" : "Job");
		return;
	}
	im->name = cstr_of(im, name);
	w(im, "job ");
	put_key(im, im->name);
	w(im, " {\n");
	server_metadata(im, meta, "metadata");
	if (tree_get(doc, "status")) {
		dropped(im, "status");
		tree_remove(doc, "status");
	}
	field_at(im, doc, "", field_named(&schema_job, "namespace"), NULL);
	struct tree *job = doc;
	struct tree *cspec = NULL;
	if (cron) {
		cspec = peek(doc, "spec");
		struct tree *tmpl = take(cspec, "jobTemplate");
		if (!tmpl) {
			errorf(im, doc->span, "a CronJob needs spec.jobTemplate");
			return;
		}
		/* the CronJob's labels and annotations are its job template's too
		 * (with none written, the template's are none) */
		struct tree *tmeta = take(tmpl, "metadata");
		struct tree none;
		memset(&none, 0, sizeof none);
		none.kind = TREE_MAP;
		none.span = tmpl->span;
		{
			struct tree *tm = tmeta ? tmeta : &none;
			server_metadata(im, tm, "spec.jobTemplate.metadata");
			server_annotations(im, tree_get(meta, "annotations"), "metadata");
			server_annotations(im, tree_get(tm, "annotations"), "spec.jobTemplate.metadata");
			drop_generated(im, tree_get(meta, "labels"), "metadata.labels");
			static const char *const both[] = {"labels", "annotations"};
			for (size_t k = 0; k < 2; k++) {
				struct tree *a = tree_get(meta, both[k]);
				struct tree *b = take_as(im, tm, both[k], TREE_MAP, "spec.jobTemplate.metadata");
				if (a && a->kind != TREE_MAP)
					a = NULL; /* reported with the labels */
				bool same = (!a || !a->map.n) == (!b || !b->map.n);
				for (uint32_t i = 0; same && b && i < b->map.n; i++)
					same = same_scalar(tree_get(a, b->map.v[i].key), b->map.v[i].value);
				if (same && a && b)
					same = a->map.n == b->map.n;
				if (!same)
					errorf(im, (b ? b : a ? a : tm)->span,
					       "spec.jobTemplate.metadata.%s: jobc gives a CronJob's job template the "
					       "CronJob's own %s",
					       both[k], both[k]);
			}
			leftovers(im, tm, "spec.jobTemplate.metadata");
		}
		job = tree_map(im->a);
		tree_append(im->a, job, "spec", take(tmpl, "spec"));
		leftovers(im, tmpl, "spec.jobTemplate");
		if (!peek(job, "spec")) {
			errorf(im, doc->span, "a CronJob needs spec.jobTemplate.spec");
			return;
		}
	}
	struct tree *tmeta = peek(job, "spec.template.metadata");
	if (tmeta && tree_get(tmeta, "creationTimestamp"))
		tree_remove(tmeta, "creationTimestamp");
	if (tmeta && tree_get(tmeta, "name")) {
		/* the Job controller names each pod itself */
		buf_printf(&im->ignored, "%s%s.template.metadata.name (the Job controller names each pod)",
		           im->ignored.len ? ", " : "", cron ? "spec.jobTemplate.spec" : "spec");
		tree_remove(tmeta, "name");
	}
	labels(im, meta, tmeta, "metadata",
	       cron ? "spec.jobTemplate.spec.template.metadata" : "spec.template.metadata");
	job_body(im, job, cron);
	if (cron) {
		static const struct {
			const char *field, *dflt;
		} cf[] = {{"schedule", NULL},       {"timezone", NULL},      {"concurrency", "Allow"},
		          {"starting-deadline", NULL}, {"keep-succeeded", "3"}, {"keep-failed", "1"},
		          {"suspend", "false"}};
		for (size_t k = 0; k < sizeof cf / sizeof *cf; k++)
			field_at(im, doc, "", field_named(&schema_job, cf[k].field), cf[k].dflt);
		struct tree *jsusp = take(job, "spec.suspend");
		if (jsusp && !(jsusp->kind == TREE_BOOL && !jsusp->b))
			errorf(im, jsusp->span, "spec.jobTemplate.spec.suspend: jobc's suspend suspends the "
			                        "schedule, not each Job");
		leftovers(im, job, "spec.jobTemplate");
	} else {
		field_at(im, doc, "", field_named(&schema_job, "suspend"), "false");
		leftovers(im, job, "");
	}
	w(im, "}\n");
	if (cron)
		leftovers(im, doc, "");
}

/* ---- a Planton KubernetesJob / KubernetesCronJob ------------------------------ */

static void import_planton(struct imp *im, struct tree *doc, bool cron)
{
	struct tree *meta = peek(doc, "metadata"), *spec = peek(doc, "spec");
	struct tree *name = take(meta, "name");
	if (!name || name->kind != TREE_STR) {
		errorf(im, doc->span, "a Planton manifest needs metadata.name");
		return;
	}
	im->name = cstr_of(im, name);
	w(im, "job ");
	put_key(im, im->name);
	w(im, " {\n");
	struct tree *ns = take(spec, "namespace.value");
	if (ns) {
		w(im, "namespace = ");
		put_scalar(im, ns);
		w(im, "\n");
	}
	struct tree *img = take(spec, "image");
	if (img) {
		struct tree *repo = take(img, "repo"), *tag = take(img, "tag");
		struct tree *pull = take(img, "pullSecretName");
		if (pull)
			dropped(im, "spec.image.pullSecretName (Planton ignores it)");
		if (repo && repo->kind == TREE_STR) {
			char *s = arena_printf(im->a, "%.*s%s%s", (int)repo->str.len, repo->str.s,
			                       tag ? ":" : "", tag ? cstr_of(im, tag) : "");
			w(im, "image = ");
			put_str(im, s, strlen(s));
			w(im, "\n");
		}
		leftovers(im, img, "spec.image");
	}
	/* zero: whether Planton treats a 0 as no value (it writes none); a
	 * backoffLimit or history limit of 0 is kept */
	static const struct {
		const char *key, *field, *dflt;
		bool zero_unset;
	} plain[] = {
		{"parallelism", "parallelism", NULL, true},
		{"completions", "completions", NULL, true},
		{"backoffLimit", "retries", "6", false},
		{"activeDeadlineSeconds", "deadline", NULL, true},
		{"ttlSecondsAfterFinished", "ttl", NULL, true},
		{"suspend", "suspend", "false", false},
		{"schedule", "schedule", NULL, false},
		{"startingDeadlineSeconds", "starting-deadline", NULL, true},
		{"successfulJobsHistoryLimit", "keep-succeeded", "3", false},
		{"failedJobsHistoryLimit", "keep-failed", "1", false},
	};
	for (size_t k = 0; k < sizeof plain / sizeof *plain; k++) {
		struct tree *t = take(spec, plain[k].key);
		if (!t || (plain[k].zero_unset && is_int(t, 0)))
			continue;
		const struct field *f = field_named(&schema_job, plain[k].field);
		char text[32] = "";
		if (t->kind == TREE_INT)
			snprintf(text, sizeof text, "%" PRId64, t->i);
		else if (t->kind == TREE_BOOL)
			snprintf(text, sizeof text, "%s", t->b ? "true" : "false");
		if (plain[k].dflt && !strcmp(text, plain[k].dflt))
			continue;
		simple(im, spec, f, arena_printf(im->a, "spec.%s", plain[k].key), t);
	}
	struct tree *mode = take(spec, "completionMode");
	if (is_str(mode, "Indexed"))
		w(im, "indexed = true\n");
	struct tree *rp = take(spec, "restartPolicy");
	if (is_str(rp, "OnFailure"))
		w(im, "restart = on-failure\n");
	else if (rp && !is_str(rp, "Never"))
		errorf(im, rp->span, "spec.restartPolicy: a Job's pods restart Never or OnFailure");
	struct tree *conc = take(spec, "concurrencyPolicy");
	if (cron) {
		/* Planton's default is Forbid, Kubernetes' Allow */
		const char *c = !conc || is_str(conc, "Forbid") ? "forbid" : is_str(conc, "Replace") ? "replace"
		                                                                                : "allow";
		if (strcmp(c, "allow"))
			w(im, "concurrency = %s\n", c);
	}
	struct tree *cmd = take(spec, "command"), *args = take(spec, "args");
	if (cmd && cmd->kind == TREE_LIST && cmd->list.n)
		simple(im, spec, field_named(&schema_job, "command"), "spec.command", cmd);
	if (args && args->kind == TREE_LIST && args->list.n)
		simple(im, spec, field_named(&schema_job, "args"), "spec.args", args);
	struct tree *res = take(spec, "resources");
	if (res) {
		struct tree holder;
		memset(&holder, 0, sizeof holder);
		holder.kind = TREE_MAP;
		tree_append(im->a, &holder, "resources", res);
		resources(im, &holder, "spec");
	}
	struct tree *env_ = take(spec, "env");
	if (env_) {
		struct tree *vars = take_as(im, env_, "variables", TREE_MAP, "spec.env");
		struct tree *secrets = take_as(im, env_, "secrets", TREE_MAP, "spec.env");
		if ((vars && vars->map.n) || (secrets && secrets->map.n))
			w(im, "env {\n");
		for (uint32_t i = 0; vars && i < vars->map.n; i++) {
			struct tree *v = vars->map.v[i].value;
			struct tree *val = take(v, "value");
			put_key(im, vars->map.v[i].key);
			w(im, " = ");
			if (val)
				put_scalar(im, val);
			else
				w(im, "\"\"");
			w(im, "\n");
			leftovers(im, v, arena_printf(im->a, "spec.env.variables.%s", vars->map.v[i].key));
		}
		for (uint32_t i = 0; secrets && i < secrets->map.n; i++) {
			struct tree *v = secrets->map.v[i].value;
			struct tree *ref = take(v, "secretRef");
			struct tree *n = ref ? take(ref, "name") : NULL, *k = ref ? take(ref, "key") : NULL;
			if (ref)
				take(ref, "namespace");
			put_key(im, secrets->map.v[i].key);
			w(im, " = ");
			if (n && k) {
				w(im, "secret(");
				put_scalar(im, n);
				w(im, ", ");
				put_scalar(im, k);
				w(im, ")");
			} else {
				struct tree *lit = take(v, "value");
				errorf(im, lit ? lit->span : v->span,
				       "spec.env.secrets.%s: a literal secret would be a literal variable in "
				       "jobc; put it in a Secret and write secret(\"name\", \"key\")",
				       secrets->map.v[i].key);
				w(im, "\"\"");
			}
			w(im, "\n");
			leftovers(im, v, arena_printf(im->a, "spec.env.secrets.%s", secrets->map.v[i].key));
		}
		if ((vars && vars->map.n) || (secrets && secrets->map.n))
			w(im, "}\n");
		leftovers(im, env_, "spec.env");
	}
	struct tree *vms = take(spec, "volumeMounts");
	for (uint32_t i = 0; vms && vms->kind == TREE_LIST && i < vms->list.n; i++) {
		struct tree *m = vms->list.v[i];
		char *mp = arena_printf(im->a, "spec.volumeMounts[%u]", i);
		struct tree *n = take(m, "name"), *path = take(m, "mountPath");
		struct tree *ro = take(m, "readOnly"), *sub = take(m, "subPath");
		w(im, "volume ");
		if (n)
			put_key(im, cstr_of(im, n));
		w(im, " {\n");
		struct tree *src = take(m, "configMap");
		bool is_cm = src != NULL;
		if (!src)
			src = take(m, "secret");
		if (src) {
			struct tree *sn = take(src, "name"), *key = take(src, "key"), *p = take(src, "path");
			struct tree *dm = take(src, "defaultMode");
			w(im, "%s = ", is_cm ? "configmap" : "secret");
			if (sn)
				put_scalar(im, sn);
			w(im, "\n");
			if (key) {
				w(im, "items { ");
				put_key(im, cstr_of(im, key));
				w(im, " = ");
				put_scalar(im, p ? p : key);
				w(im, " }\n");
			}
			if (dm && dm->kind == TREE_INT && dm->i)
				w(im, "default-mode = 0o%" PRIo64 "\n", (uint64_t)dm->i);
			leftovers(im, src, arena_printf(im->a, "%s.%s", mp, is_cm ? "configMap" : "secret"));
		} else if ((src = take(m, "emptyDir"))) {
			struct tree *med = take(src, "medium"), *sz = take(src, "sizeLimit");
			w(im, "empty-dir = true\n");
			if (is_str(med, "Memory"))
				w(im, "memory = true\n");
			if (sz) {
				w(im, "size-limit = ");
				put_quantity(im, sz);
				w(im, "\n");
			}
			leftovers(im, src, arena_printf(im->a, "%s.emptyDir", mp));
		} else if ((src = take(m, "pvc"))) {
			struct tree *cn = take(src, "claimName");
			w(im, "pvc = ");
			if (cn)
				put_scalar(im, cn);
			w(im, "\n");
			leftovers(im, src, arena_printf(im->a, "%s.pvc", mp));
		} else if ((src = take(m, "hostPath"))) {
			struct tree *hp = take(src, "path");
			w(im, "host-path = ");
			if (hp)
				put_scalar(im, hp);
			w(im, "\n");
			leftovers(im, src, arena_printf(im->a, "%s.hostPath", mp));
		}
		if (path) {
			w(im, "mount = ");
			put_scalar(im, path);
			w(im, "\n");
		}
		if (ro && ro->kind == TREE_BOOL && ro->b)
			w(im, "read-only = true\n");
		if (sub) {
			w(im, "sub-path = ");
			put_scalar(im, sub);
			w(im, "\n");
		}
		w(im, "}\n");
		leftovers(im, m, mp);
	}
	/* what only the planton block says */
	struct buf pl = BUF_INIT;
	struct buf saved = im->out;
	im->out = pl;
	static const char *const mkeys[] = {"org", "env", "id"};
	for (size_t k = 0; k < 3; k++) {
		struct tree *v = take(meta, mkeys[k]);
		if (v) {
			w(im, "%s = ", mkeys[k]);
			put_scalar(im, v);
			w(im, "\n");
		}
	}
	struct tree *lab = take(meta, "labels");
	struct tree *prov = lab ? take(lab, "project-planton.org/provisioner") : NULL;
	if (prov && prov->kind == TREE_STR)
		w(im, "provisioner = %.*s\n", (int)prov->str.len, prov->str.s);
	string_map(im, "labels", lab, NULL, NULL);
	string_map(im, "annotations", take(meta, "annotations"), NULL, NULL);
	struct tree *cns = take(spec, "createNamespace");
	if (cns && cns->kind == TREE_BOOL && cns->b)
		w(im, "create-namespace = true\n");
	string_map(im, "config-maps", take(spec, "configMaps"), NULL, NULL);
	struct tree *tc = take(spec, "targetCluster");
	if (tc) {
		struct tree *cn = take(tc, "clusterName"), *ck = take(tc, "clusterKind");
		if (cn) {
			w(im, "cluster = ");
			put_scalar(im, cn);
			w(im, "\n");
		}
		const struct field *kf = field_named(field_named(&schema_job, "planton")->sub, "cluster-kind");
		if (ck)
			simple(im, spec, kf, "spec.targetCluster.clusterKind", ck);
		leftovers(im, tc, "spec.targetCluster");
	}
	pl = im->out;
	im->out = saved;
	if (pl.len) {
		w(im, "planton {\n");
		buf_put(&im->out, pl.data, pl.len);
		w(im, "}\n");
	}
	buf_free(&pl);
	w(im, "}\n");
	leftovers(im, doc, "");
}

/* ---- the command ------------------------------------------------------------- */

/* One document: its .job source into im->out (formatted), or an error. */
static void import_doc(struct imp *im, struct tree *doc)
{
	im->at = doc->span;
	if (doc->kind != TREE_MAP) {
		errorf(im, doc->span, "a manifest is a map with apiVersion and kind");
		return;
	}
	struct tree *api = take(doc, "apiVersion"), *kind = take(doc, "kind");
	bool k8s = is_str(api, "batch/v1");
	bool planton = is_str(api, "kubernetes.project-planton.org/v1");
	if (k8s && is_str(kind, "Job"))
		import_job(im, doc, false);
	else if (k8s && is_str(kind, "CronJob"))
		import_job(im, doc, true);
	else if (planton && is_str(kind, "KubernetesJob"))
		import_planton(im, doc, false);
	else if (planton && is_str(kind, "KubernetesCronJob"))
		import_planton(im, doc, true);
	else
		errorf(im, kind ? kind->span : doc->span,
		       "jobc imports batch/v1 Job and CronJob, and Project Planton KubernetesJob and "
		       "KubernetesCronJob; this is %s %s",
		       api ? cstr_of(im, api) : "(no apiVersion)", kind ? cstr_of(im, kind) : "(no kind)");
}

/* The documents of a file, with v1 Lists opened. */
static void collect(struct tree ***all, unsigned *n, unsigned *cap, struct arena *a, struct tree *d)
{
	if (d->kind == TREE_MAP && is_str(tree_get(d, "kind"), "List") &&
	    tree_get(d, "items") && tree_get(d, "items")->kind == TREE_LIST) {
		struct tree *items = tree_get(d, "items");
		for (uint32_t i = 0; i < items->list.n; i++)
			collect(all, n, cap, a, items->list.v[i]);
		return;
	}
	if (d->kind == TREE_NULL)
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*all = arena_grow(a, *all, *n, *cap, sizeof **all);
	}
	(*all)[(*n)++] = d;
}

int import_files(const struct options *opt, char **files, int nfiles)
{
	struct session S;
	session_init(&S, opt);
	struct arena a;
	arena_init(&a);
	struct buf all = BUF_INIT;
	int status = 0;
	unsigned jobs = 0;
	struct {
		const char *path, *text;
		size_t len;
	} *outs = NULL;
	unsigned nouts = 0, capouts = 0;
	for (int f = 0; f < nfiles; f++) {
		size_t len;
		const char *why;
		unsigned long long dev, ino;
		char *text = session_read(opt, files[f], &len, &why, &dev, &ino);
		if (!text) {
			diag_error(&S.diag, span_none(), NULL, "cannot read '%s': %s", files[f], why);
			status = 1;
			continue;
		}
		struct source *src = srcmgr_add(&S.sm, files[f], files[f], text, (uint32_t)len, false);
		struct tree **docs;
		unsigned ndocs;
		size_t err_off;
		if (!yaml_read(src, &a, &docs, &ndocs, &why, &err_off)) {
			struct span at = {src->id, (uint32_t)err_off, (uint32_t)err_off + 1};
			diag_error(&S.diag, at, NULL, "not a YAML file jobc can read: %s", why);
			status = 1;
			continue;
		}
		struct tree **list = NULL;
		unsigned n = 0, cap = 0;
		for (unsigned i = 0; i < ndocs; i++)
			collect(&list, &n, &cap, &a, docs[i]);
		for (unsigned i = 0; i < n; i++) {
			struct imp im;
			memset(&im, 0, sizeof im);
			im.S = &S;
			im.d = &S.diag;
			im.a = &a;
			unsigned before = S.diag.errors;
			import_doc(&im, list[i]);
			/* notes of their own, at the document's start: what was
			 * dropped is not a problem */
			struct span at = list[i]->span;
			at.end = at.start;
			if (im.dropped.len)
				diag_remark(&S.diag, at,
				            "dropped what the API server fills in: %s", im.dropped.data);
			if (im.ignored.len)
				diag_remark(&S.diag, at,
				            "dropped what Kubernetes ignores: %s", im.ignored.data);
			diag_flush(&S.diag);
			buf_free(&im.dropped);
			buf_free(&im.ignored);
			if (S.diag.errors != before || im.failed) {
				status = 1;
				buf_free(&im.out);
				continue;
			}
			/* formatted as jobc fmt formats */
			char *copy = xstrndup(im.out.data, im.out.len);
			struct source *gen = srcmgr_add(&S.sm, "<import>", "<import>", copy,
			                                (uint32_t)im.out.len, false);
			struct ast_ctx ctx = {&S.ast_arena, &S.names, &S.diag, gen->id, false};
			struct ast *tree = grammar_parse(&ctx, gen->text, gen->len);
			if (S.diag.errors != before) {
				fprintf(stderr, "jobc: internal error: the imported source does not parse:\n%.*s",
				        (int)im.out.len, im.out.data);
				status = 1;
				buf_free(&im.out);
				continue;
			}
			struct buf formatted = BUF_INIT;
			fmt_print(&formatted, tree, gen);
			if (opt->out_dir) {
				/* written once every document imported: all or nothing */
				if (!*im.name || !strcmp(im.name, ".") || !strcmp(im.name, "..") ||
				    strchr(im.name, '/')) {
					diag_error(&S.diag, list[i]->span, NULL,
					           "the name '%s' cannot be a file name in '%s'", im.name, opt->out_dir);
					status = 1;
				} else {
					if (nouts == capouts) {
						capouts = capouts ? capouts * 2 : 8;
						outs = xrealloc(outs, sizeof *outs * capouts);
					}
					outs[nouts].path = arena_printf(&a, "%s/%s.job", opt->out_dir, im.name);
					outs[nouts].text = arena_strndup(&a, formatted.data ? formatted.data : "",
					                                 formatted.len);
					outs[nouts++].len = formatted.len;
				}
			} else {
				if (jobs)
					buf_putc(&all, '\n');
				buf_put(&all, formatted.data, formatted.len);
			}
			jobs++;
			buf_free(&formatted);
			buf_free(&im.out);
		}
	}
	for (unsigned k = 0; !status && k < nouts; k++) {
		const char *why;
		if (!file_mkdirs(opt->out_dir, &why) ||
		    file_write_atomic(outs[k].path, outs[k].text, outs[k].len, &why) == WRITE_FAILED) {
			diag_error(&S.diag, span_none(), NULL, "cannot write '%s': %s", outs[k].path, why);
			status = 1;
		}
	}
	xfree(outs);
	diag_flush(&S.diag);
	if (!status && !opt->out_dir) {
		fwrite(all.data ? all.data : "", 1, all.len, opt_out(opt));
		if (fflush(opt_out(opt)) != 0)
			status = 1;
	}
	buf_free(&all);
	arena_destroy(&a);
	session_destroy(&S);
	return status;
}
