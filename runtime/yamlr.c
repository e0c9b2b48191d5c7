/* yamlr.c - reading YAML into document trees, through libyaml; see yamlr.h. */
#include "yamlr.h"

#include <string.h>
#include <yaml.h>

#include "alloc.h"

/* YAML 1.1's implicit types of plain scalars, as PyYAML (and kubectl's
 * go-yaml v2) resolve them. */
static const char *const bool_true[] = {"yes", "Yes", "YES", "true", "True", "TRUE",
                                        "on",  "On",  "ON",  "y",    "Y"};
static const char *const bool_false[] = {"no", "No", "NO", "false", "False", "FALSE",
                                         "off", "Off", "OFF", "n", "N"};

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/* [-+]?(0|[1-9][0-9_]*), 0x.., 0o.. (1.2) and 0[0-7]+ (1.1), 0b..; with
 * underscores; within int64. */
static bool parse_int(const char *s, int64_t *out)
{
	const char *p = s;
	bool neg = false;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!*p)
		return false;
	int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O'))
		base = 8, p += 2;
	else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
		base = 2, p += 2;
	else if (p[0] == '0' && p[1])
		base = 8, p += 1;
	if (!*p)
		return false;
	unsigned __int128 v = 0;
	for (; *p; p++) {
		int d;
		if (*p == '_')
			continue;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return false;
		if (d >= base)
			return false;
		v = v * (unsigned)base + (unsigned)d;
		if (v > (unsigned __int128)INT64_MAX + 1)
			return false;
	}
	if (!neg && v > (unsigned __int128)INT64_MAX)
		return false;
	*out = neg ? (int64_t)(0 - (uint64_t)v) : (int64_t)v;
	return true;
}

struct reader {
	yaml_parser_t parser;
	struct arena *a;
	const struct source *src;
	const char **why;
	size_t *err_off;
	size_t ci;     /* a character index ... */
	uint32_t bo;   /* ... and its byte offset: marks mostly move forward */
};

/* A byte offset of the source from libyaml's mark, which counts
 * characters. */
static uint32_t byte_offset(struct reader *r, yaml_mark_t m)
{
	const char *t = r->src->text;
	uint32_t n = r->src->len;
	if (m.index < r->ci)
		r->ci = 0, r->bo = 0;
	while (r->ci < m.index && r->bo < n) {
		r->bo += (uint32_t)utf8_seqlen((unsigned char)t[r->bo]);
		r->ci++;
	}
	return r->bo > n ? n : r->bo;
}

static struct span mark_span(struct reader *r, yaml_mark_t s, yaml_mark_t e)
{
	struct span sp = {r->src->id, byte_offset(r, s), byte_offset(r, e)};
	return sp;
}

static struct tree *node(struct reader *r, yaml_event_t *ev, bool *ok);

static bool next(struct reader *r, yaml_event_t *ev)
{
	if (yaml_parser_parse(&r->parser, ev))
		return true;
	*r->why = r->parser.problem ? r->parser.problem : "not valid YAML";
	*r->err_off = byte_offset(r, r->parser.problem_mark);
	return false;
}

static struct tree *scalar(struct reader *r, yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	struct tree *t;
	bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
	int64_t i;
	if (plain && (n == 0 || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	              !strcmp(s, "NULL")))
		t = tree_null(r->a);
	else if (plain && in_list(s, bool_true, sizeof bool_true / sizeof *bool_true))
		t = tree_bool(r->a, true);
	else if (plain && in_list(s, bool_false, sizeof bool_false / sizeof *bool_false))
		t = tree_bool(r->a, false);
	else if (plain && parse_int(s, &i))
		t = tree_int(r->a, i);
	else {
		/* strings, and numbers jobc has no type for (1.5) as their text */
		char *copy = arena_strndup(r->a, s, n);
		t = tree_str(r->a, copy, n);
	}
	t->span = mark_span(r, ev->start_mark, ev->end_mark);
	return t;
}

static struct tree *node(struct reader *r, yaml_event_t *ev, bool *ok)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return scalar(r, ev);
	case YAML_ALIAS_EVENT:
		*r->why = "aliases (*name) are not supported";
		*r->err_off = byte_offset(r, ev->start_mark);
		*ok = false;
		return NULL;
	case YAML_SEQUENCE_START_EVENT: {
		struct tree *t = tree_list(r->a);
		t->span = mark_span(r, ev->start_mark, ev->end_mark);
		for (;;) {
			yaml_event_t e;
			if (!next(r, &e)) {
				*ok = false;
				return NULL;
			}
			if (e.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&e);
				return t;
			}
			struct tree *item = node(r, &e, ok);
			yaml_event_delete(&e);
			if (!*ok)
				return NULL;
			tree_push(r->a, t, item);
		}
	}
	case YAML_MAPPING_START_EVENT: {
		struct tree *t = tree_map(r->a);
		t->span = mark_span(r, ev->start_mark, ev->end_mark);
		for (;;) {
			yaml_event_t k;
			if (!next(r, &k)) {
				*ok = false;
				return NULL;
			}
			if (k.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&k);
				return t;
			}
			if (k.type != YAML_SCALAR_EVENT) {
				*r->why = "a key that is not a plain value";
				*r->err_off = byte_offset(r, k.start_mark);
				yaml_event_delete(&k);
				*ok = false;
				return NULL;
			}
			char *key = arena_strndup(r->a, (const char *)k.data.scalar.value,
			                          k.data.scalar.length);
			struct span ks = mark_span(r, k.start_mark, k.end_mark);
			bool merge = !strcmp(key, "<<") && k.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			yaml_event_delete(&k);
			if (merge) {
				*r->why = "merge keys (<<) are not supported";
				*r->err_off = ks.start;
				*ok = false;
				return NULL;
			}
			if (tree_get(t, key)) {
				*r->why = "a key appears twice in one map";
				*r->err_off = ks.start;
				*ok = false;
				return NULL;
			}
			yaml_event_t v;
			if (!next(r, &v)) {
				*ok = false;
				return NULL;
			}
			struct tree *val = node(r, &v, ok);
			yaml_event_delete(&v);
			if (!*ok)
				return NULL;
			tree_append_at(r->a, t, key, ks, val);
		}
	}
	default:
		*r->why = "unexpected YAML event";
		*r->err_off = byte_offset(r, ev->start_mark);
		*ok = false;
		return NULL;
	}
}

bool yaml_read(const struct source *src, struct arena *a, struct tree ***docs, unsigned *ndocs,
               const char **why, size_t *err_off)
{
	struct reader r;
	r.a = a;
	r.src = src;
	r.why = why;
	r.err_off = err_off;
	r.ci = 0;
	r.bo = 0;
	*docs = NULL;
	*ndocs = 0;
	unsigned cap = 0;
	yaml_parser_initialize(&r.parser);
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)src->text, src->len);
	bool ok = true;
	for (;;) {
		yaml_event_t ev;
		if (!next(&r, &ev)) {
			ok = false;
			break;
		}
		yaml_event_type_t type = ev.type;
		if (type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			yaml_event_t root;
			if (!next(&r, &root)) {
				ok = false;
				break;
			}
			struct tree *t = node(&r, &root, &ok);
			yaml_event_delete(&root);
			if (!ok)
				break;
			if (*ndocs == cap) {
				cap = cap ? cap * 2 : 4;
				*docs = arena_grow(a, *docs, *ndocs, cap, sizeof **docs);
			}
			(*docs)[(*ndocs)++] = t;
			continue;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&r.parser);
	return ok;
}
