/* lower_value.c - one value in its Kubernetes form, by type; see
 * lower_value.h. */
#include "lower_value.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "k8s_check.h"
#include "names.h"
#include "fields.h"
#include "units.h"

const char *lower_describe(struct job_ctx *cx, const struct value *v)
{
	return val_describe_in(cx->a, v);
}

void lower_type_error(struct job_ctx *cx, const struct field *f, const struct value *v,
                       const char *expected)
{
	diag_error(cx->d, v->span, NULL, "invalid value for '%s': expected %s, found %s", f->name,
	           expected ? expected : ftype_expected(f), lower_describe(cx, v));
	note_provenance(cx, v);
	cx->failed = true;
}

/* ---- scalars ------------------------------------------------------------- */

struct tree *lower_node(struct tree *t, const struct value *v)
{
	t->span = v->span;
	t->src = v;
	return t;
}

struct tree *lower_str(struct job_ctx *cx, const char *s, uint32_t len, const struct value *v)
{
	return lower_node(tree_str(cx->a, s, len), v);
}

static struct tree *int_of(struct job_ctx *cx, int64_t i, const struct value *v)
{
	return lower_node(tree_int(cx->a, i), v);
}

/* A scalar written as text: strings as they are, numbers and bools spelled
 * out (env values and args are strings in Kubernetes). */
struct tree *lower_text(struct job_ctx *cx, const struct field *f, const struct value *v,
                              const char *what)
{
	struct buf b = BUF_INIT;
	if (v->kind == V_UNIT && f->type != FT_STRLIST && f->type != FT_STRMAP) {
		buf_free(&b);
		lower_type_error(cx, f, v, "a string");
		return NULL;
	}
	if (!val_to_text(&b, v)) {
		buf_free(&b);
		diag_error(cx->d, v->span, NULL, "invalid %s in '%s': expected a string, found %s",
		           what, f->name, lower_describe(cx, v));
		note_provenance(cx, v);
		cx->failed = true;
		return NULL;
	}
	struct tree *t = lower_str(cx, arena_strndup(cx->a, b.data ? b.data : "", b.len),
	                        (uint32_t)b.len, v);
	buf_free(&b);
	return t;
}

static bool in_range(struct job_ctx *cx, const struct field *f, const struct value *v, int64_t n,
                     const char *path)
{
	if (n >= f->min && n <= f->max)
		return true;
	enum rule_id id = f->range_rule ? (enum rule_id)(f->range_rule - rules) : R_JOB102;
	char msg[160];
	if (f->min == 1 && f->max == 65535) {
		/* ports: validation.IsValidPortNum */
		snprintf(msg, sizeof msg, "Invalid value: %" PRId64 ": must be between 1 and 65535, inclusive",
		         n);
		report(cx, id, v->span, v, path, msg, "'%s' must be a port number, 1 to 65535; found %" PRId64,
		       f->name, n);
	} else if (f->flags & F_MODE) {
		/* the Kubernetes message is the API server's own, in decimal */
		snprintf(msg, sizeof msg, "Invalid value: %" PRId64 ": must be a number between 0 and "
		         "0%" PRIo64 " (octal), both inclusive", n, (uint64_t)f->max);
		if (n < 0)
			report(cx, id, v->span, v, path, msg, "'%s' is permission bits, 0 to 0o%" PRIo64
			       ", not %" PRId64, f->name, (uint64_t)f->max, n);
		else
			report(cx, id, v->span, v, path, msg, "'%s' is permission bits, 0 to 0o%" PRIo64
			       ", not 0o%" PRIo64, f->name, (uint64_t)f->max, (uint64_t)n);
	} else if (n < f->min) {
		snprintf(msg, sizeof msg, "Invalid value: %" PRId64 ": must be greater than or equal to %" PRId64,
		         n, f->min);
		report(cx, id, v->span, v, path, msg, "'%s' must be at least %" PRId64 ", found %" PRId64,
		       f->name, f->min, n);
	} else {
		snprintf(msg, sizeof msg, "Invalid value: %" PRId64 ": must be less than or equal to %" PRId64,
		         n, f->max);
		report(cx, id, v->span, v, path, msg, "'%s' must be at most %" PRId64 ", found %" PRId64,
		       f->name, f->max, n);
	}
	cx->failed = true;
	return false;
}

/* JOB122: a field (or, with word, one of its words) the target Kubernetes
 * version does not have on. */
bool lower_version_ok(struct job_ctx *cx, const char *since, const char *name, const char *word,
                      const struct value *v, const char *path)
{
	if (!since)
		return true;
	int need = kube_version_parse(since);
	if (cx->opt->kube_version >= need)
		return true;
	int have = cx->opt->kube_version;
	char what[160];
	if (word)
		snprintf(what, sizeof what, "%s = %s", name, word);
	else
		snprintf(what, sizeof what, "'%s'", name);
	report(cx, R_JOB122, v->span, v, path, NULL,
	       "%s needs Kubernetes %s or newer; the target is %d.%d (--kube-version)", what, since,
	       have / 100, have % 100);
	cx->failed = true;
	return false;
}

static struct tree *convert_enum(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 const char *path)
{
	if (v->kind == V_STR) {
		for (const struct enum_word *w = f->words; w->word; w++)
			if (strlen(w->word) == v->str.len && memcmp(w->word, v->str.s, v->str.len) == 0) {
				if (!lower_version_ok(cx, w->since, f->name, w->word, v, path))
					return NULL;
				return lower_str(cx, w->k8s, (uint32_t)strlen(w->k8s), v);
			}
	}
	struct buf words = BUF_INIT;
	lower_words(&words, f);
	const struct enum_word *k8s = NULL;
	if (v->kind == V_STR)
		for (const struct enum_word *w = f->words; w->word; w++)
			if (strlen(w->k8s) == v->str.len && memcmp(w->k8s, v->str.s, v->str.len) == 0)
				k8s = w;
	if (k8s) {
		diag_error(cx->d, v->span, NULL, "'%s' is the Kubernetes spelling; jobc writes %s = %s",
		           k8s->k8s, f->name, k8s->word);
		diag_fixit(cx->d, v->span, k8s->word);
		note_provenance(cx, v);
	} else {
		diag_error(cx->d, v->span, NULL, "invalid value for '%s': expected %s, found %s",
		           f->name, words.data, lower_describe(cx, v));
		note_provenance(cx, v);
	}
	buf_free(&words);
	cx->failed = true;
	return NULL;
}

static struct tree *convert_quantity(struct job_ctx *cx, const struct field *f,
                                     const struct value *v, const char *path)
{
	char text[64];
	const char *s;
	uint32_t len;
	if (v->kind == V_INT) {
		snprintf(text, sizeof text, "%" PRId64, v->i);
		s = text;
		len = (uint32_t)strlen(text);
	} else if (v->kind == V_UNIT || v->kind == V_STR) {
		s = v->str.s;
		len = v->str.len;
	} else {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	/* 1_000Mi: underscores are jobc's, not Kubernetes' */
	char *clean = arena_alloc(cx->a, len + 1);
	uint32_t n = 0;
	for (uint32_t i = 0; i < len; i++)
		if (s[i] != '_' || v->kind == V_STR)
			clean[n++] = s[i];
	clean[n] = '\0';
	struct quantity q;
	const char *why;
	if (!quantity_parse(clean, n, &q, &why)) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s", why);
		report(cx, R_JOB501, v->span, v, path, msg, "'%s' is not a valid quantity for '%s'", clean,
		       f->name);
		char hint[160];
		if (quantity_unit_hint(clean, n, hint, sizeof hint))
			diag_note(cx->d, span_none(), "%s", hint);
		cx->failed = true;
		return NULL;
	}
	return lower_str(cx, clean, n, v);
}

/* FT_PORT: a number 1-65535 or an IANA service name. */
static struct tree *convert_port(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 const char *path)
{
	if (v->kind == V_INT) {
		if (!in_range(cx, f, v, v->i, path))
			return NULL;
		return int_of(cx, v->i, v);
	}
	if (v->kind == V_STR) {
		const char *why = k8s_port_name(v->str.s, v->str.len);
		if (why) {
			char msg[256];
			snprintf(msg, sizeof msg, "Invalid value: \"%.*s\": %s", (int)v->str.len, v->str.s, why);
			report(cx, f->range_rule ? (enum rule_id)(f->range_rule - rules) : R_JOB603,
			       v->span, v, path, msg, "invalid port name '%.*s' in '%s'", (int)v->str.len,
			       v->str.s, f->name);
			cx->failed = true;
			return NULL;
		}
		return lower_str(cx, v->str.s, v->str.len, v);
	}
	lower_type_error(cx, f, v, NULL);
	return NULL;
}

/* ---- blocks -------------------------------------------------------------- */

/* The fields of a block value, into a new map. */
static struct tree *lower_block(struct job_ctx *cx, const struct field *f, const struct value *v,
                                const char *path)
{
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return NULL;
	}
	struct tree *t = lower_node(tree_map(cx->a), v);
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct field *sf = field_find(f->sub, e->key);
		if (!sf) {
			/* a map from a let, not read with the block's fields */
			const char *sugg = field_suggest(f->sub, e->key);
			if (sugg)
				diag_error(cx->d, e->key_span, NULL,
				           "unknown field '%s' in a %s; did you mean '%s'?", e->key,
				           f->sub->name, sugg);
			else
				diag_error(cx->d, e->key_span, NULL, "unknown field '%s' in a %s", e->key,
				           f->sub->name);
			note_provenance(cx, e->value);
			cx->failed = true;
			continue;
		}
		lower_into(cx, sf, e->value, t, path);
	}
	return t;
}

/* FT_BLOCKS: a list of blocks (a scalar item means { shorthand = item }). */
static struct tree *lower_blocks(struct job_ctx *cx, const struct field *f, const struct value *v,
                                 const char *path)
{
	const struct value *const *items = &v;
	uint32_t n = 1;
	if (v->kind == V_LIST) {
		items = (const struct value *const *)v->list.v;
		n = v->list.n;
	}
	struct tree *l = lower_node(tree_list(cx->a), v);
	for (uint32_t i = 0; i < n; i++) {
		const struct value *item = items[i];
		char *ipath = arena_printf(cx->a, "%s[%u]", path, i);
		if (item->kind != V_MAP && f->sub->shorthand) {
			const struct field *sf = field_find(f->sub, f->sub->shorthand);
			struct tree *t = lower_node(tree_map(cx->a), item);
			lower_into(cx, sf, item, t, ipath);
			tree_push(cx->a, l, t);
			continue;
		}
		struct tree *t = lower_block(cx, f, item, ipath);
		if (t)
			tree_push(cx->a, l, t);
	}
	return l;
}

/* FT_RAW: a Kubernetes-shaped value, keys as written. */
static struct tree *lower_raw(struct job_ctx *cx, const struct value *v)
{
	switch (v->kind) {
	case V_MAP: {
		struct tree *t = lower_node(tree_map(cx->a), v);
		for (uint32_t i = 0; i < v->map->n; i++) {
			struct tree *c = lower_raw(cx, v->map->e[i].value);
			if (c)
				tree_append_at(cx->a, t, v->map->e[i].key, v->map->e[i].key_span, c);
		}
		return t;
	}
	case V_LIST: {
		struct tree *t = lower_node(tree_list(cx->a), v);
		for (uint32_t i = 0; i < v->list.n; i++) {
			struct tree *c = lower_raw(cx, v->list.v[i]);
			if (c)
				tree_push(cx->a, t, c);
		}
		return t;
	}
	case V_INT: return int_of(cx, v->i, v);
	case V_BOOL: return lower_node(tree_bool(cx->a, v->b), v);
	case V_STR:
	case V_UNIT: return lower_str(cx, v->str.s, v->str.len, v);
	case V_NULL: return NULL;
	default:
		diag_error(cx->d, v->span, NULL, "%s cannot be written as Kubernetes data",
		           lower_describe(cx, v));
		cx->failed = true;
		return NULL;
	}
}

/* A problem k8s_check found in a raw value. */
static void raw_problem(void *user, const struct tree *at, struct span key_span, const char *path,
                        const char *what, const char *suggest)
{
	struct job_ctx *cx = user;
	struct span sp = span_valid(key_span) ? key_span : node_span(cx, at);
	const char *last = strrchr(path, '.');
	last = last ? last + 1 : path;
	if (!strcmp(what, "unknown field")) {
		if (suggest) {
			diag_error(cx->d, sp, NULL, "unknown field '%s'; did you mean '%s'?", last, suggest);
			diag_fixit(cx->d, sp, suggest);
		} else {
			diag_error(cx->d, sp, NULL, "unknown field '%s'", last);
		}
		note_provenance(cx, node_value(at));
		diag_note(cx->d, span_none(), "in Kubernetes terms: strict decoding error: unknown field \"%s\"",
		          path);
		return;
	}
	if (!strcmp(what, "Required value"))
		diag_error(cx->d, sp, NULL, "this block needs the field '%s'", last);
	else
		diag_error(cx->d, sp, NULL, "invalid value for '%s': %s", last, what);
	note_provenance(cx, node_value(at));
	diag_note(cx->d, span_none(), "in Kubernetes terms: %s: %s", path, what);
}

struct tree *lower_k8s(struct job_ctx *cx, const struct value *v)
{
	return lower_raw(cx, v);
}

bool lower_k8s_check(struct job_ctx *cx, const struct tree *t, const char *type, const char *path)
{
	/* written as Kubernetes writes it: checked as kubectl would */
	if (!k8s_check(t, type, kpath(cx, path), raw_problem, cx))
		return true;
	cx->failed = true;
	return false;
}

struct tree *lower_value(struct job_ctx *cx, const struct field *f, const struct value *v,
                            const char *path)
{
	switch (f->type) {
	case FT_STRING:
		if (v->kind != V_STR) {
			lower_type_error(cx, f, v, NULL);
			return NULL;
		}
		return lower_str(cx, v->str.s, v->str.len, v);
	case FT_INT:
		if (v->kind != V_INT) {
			lower_type_error(cx, f, v, NULL);
			return NULL;
		}
		return in_range(cx, f, v, v->i, path) ? int_of(cx, v->i, v) : NULL;
	case FT_BOOL:
		if (v->kind != V_BOOL) {
			lower_type_error(cx, f, v, NULL);
			return NULL;
		}
		return lower_node(tree_bool(cx->a, v->b), v);
	case FT_DURATION: {
		int64_t secs;
		if (v->kind == V_INT) {
			secs = v->i;
		} else if (v->kind == V_UNIT) {
			const char *why;
			if (v->str.len && v->str.s[0] == '-' && f->min < 0) {
				if (!duration_parse(v->str.s + 1, v->str.len - 1, &secs, &why))
					goto bad_duration;
				secs = -secs;
			} else if (!duration_parse(v->str.s, v->str.len, &secs, &why)) {
			bad_duration:
				diag_error(cx->d, v->span, NULL, "'%.*s' is not a valid duration for '%s': %s",
				           (int)v->str.len, v->str.s, f->name, why);
				note_provenance(cx, v);
				cx->failed = true;
				return NULL;
			}
		} else {
			lower_type_error(cx, f, v, NULL);
			return NULL;
		}
		return in_range(cx, f, v, secs, path) ? int_of(cx, secs, v) : NULL;
	}
	case FT_ENUM: return convert_enum(cx, f, v, path);
	case FT_QUANTITY: return convert_quantity(cx, f, v, path);
	case FT_PORT: return convert_port(cx, f, v, path);
	case FT_STRLIST:
	case FT_INTLIST: {
		if (v->kind != V_LIST) {
			lower_type_error(cx, f, v, NULL);
			return NULL;
		}
		struct tree *l = lower_node(tree_list(cx->a), v);
		bool ok = true;
		for (uint32_t i = 0; i < v->list.n; i++) {
			const struct value *x = v->list.v[i];
			struct tree *t;
			if (f->type == FT_INTLIST) {
				if (x->kind != V_INT) {
					diag_error(cx->d, x->span, NULL,
					           "invalid item in '%s': expected an integer, found %s", f->name,
					           lower_describe(cx, x));
					note_provenance(cx, x);
					cx->failed = true;
					t = NULL;
				} else {
					t = in_range(cx, f, x, x->i, path) ? int_of(cx, x->i, x) : NULL;
				}
			} else {
				t = lower_text(cx, f, x, "item");
			}
			if (t)
				tree_push(cx->a, l, t);
			else
				ok = false;
		}
		return ok ? l : NULL;
	}
	case FT_STRMAP: {
		if (v->kind != V_MAP) {
			lower_type_error(cx, f, v, NULL);
			return NULL;
		}
		struct tree *m = lower_node(tree_map(cx->a), v);
		bool ok = true;
		for (uint32_t i = 0; i < v->map->n; i++) {
			struct tree *t = lower_text(cx, f, v->map->e[i].value, "value");
			if (t)
				tree_append_at(cx->a, m, v->map->e[i].key, v->map->e[i].key_span, t);
			else
				ok = false;
		}
		return ok ? m : NULL;
	}
	case FT_BLOCK: return lower_block(cx, f, v, path);
	case FT_BLOCKS: return lower_blocks(cx, f, v, path);
	case FT_RAW: {
		if (v->kind != V_MAP) {
			lower_type_error(cx, f, v, NULL);
			return NULL;
		}
		struct tree *t = lower_raw(cx, v);
		if (t)
			lower_k8s_check(cx, t, f->sub->k8s_type, path);
		return t;
	}
	case FT_ENVMAP:
	case FT_REFLIST:
	case FT_RESOURCES:
	case FT_NAMED:
		break; /* lower_special */
	}
	lower_type_error(cx, f, v, NULL);
	return NULL;
}


/* ---- Kubernetes-spelled blocks (F_MERGE) -------------------------------- */

/* A block written as Kubernetes writes it (pod-spec { hostNetwork = true }),
 * lowered, to be merged into target once every named field is in place. */
struct merge {
	struct merge *next;
	const struct field *f;   /* the block's field */
	struct tree *target;     /* the map of f's schema's object */
	struct tree *raw;
	const char *path;        /* target's Kubernetes path */
};

/* The (first) field of s whose Kubernetes path is path (within s, s->also aside),
 * or NULL; *under says whether some field's path goes on below it.  In a
 * CronJob (cron) a CronJob's own field names no key of the Job template. */
static const struct field *named_at(const struct schema *s, const char *path, bool cron,
                                    bool *under)
{
	size_t n = strlen(path);
	*under = false;
	const struct field *f = NULL;
	for (unsigned i = 0; i < s->nfields; i++) {
		const char *k = s->fields[i].k8s;
		if ((s->fields[i].flags & F_MERGE) || (cron && (s->fields[i].flags & F_CRON)))
			continue;
		if (!strcmp(k, path) && !f)
			f = &s->fields[i]; /* the first of several (labels, not job-labels) */
		else if (!strncmp(k, path, n) && k[n] == '.')
			*under = true;
	}
	return f;
}

static void merge_level(struct job_ctx *cx, const struct schema *s, const char *prefix, int type,
                        struct tree *target, const struct tree *raw, const char *path,
                        const char *block, const char *in);

/* One key of a Kubernetes-spelled block: an error when jobc names it, else
 * set in target, checked against its OpenAPI type; a key under which jobc
 * names fields (securityContext, lifecycle) is merged key by key. */
static void merge_key(struct job_ctx *cx, const struct schema *s, const char *prefix, int type,
                      struct tree *target, const struct tree_entry *e, const char *path,
                      const char *block, const char *in)
{
	const char *full = arena_printf(cx->a, "%s%s", prefix, e->key);
	const char *at = arena_printf(cx->a, "%s%s%s", path, *path ? "." : "", e->key);
	const struct tree *v = e->value;
	struct span sp = span_valid(e->key_span) ? e->key_span : node_span(cx, v);
	bool under;
	const struct field *f = s ? named_at(s, full, cx->cron, &under) : (under = false, NULL);
	const char *suggest;
	int ptype = k8s_prop_type(type, e->key, &suggest);
	if (f && !(f->type == FT_BLOCK && f->sub && f->sub->nfields && v->kind == TREE_MAP)) {
		/* one way to say each thing: the name jobc gives it */
		diag_error(cx->d, sp, NULL, "'%s' is jobc's '%s'%s%s%s; write that, not %s in %s { }",
		           e->key, f->name, *in ? " (in " : "", in, *in ? " { })" : "", e->key, block);
		note_provenance(cx, node_value(v));
		cx->failed = true;
		return;
	}
	if ((f || under) && ptype >= 0) {
		/* jobc names some of what is under it: merged key by key */
		if (v->kind != TREE_MAP) {
			diag_error(cx->d, node_span(cx, v), NULL, "'%s' is a block: %s { ... }", e->key,
			           e->key);
			note_provenance(cx, node_value(v));
			cx->failed = true;
			return;
		}
		struct tree *into = tree_get(target, e->key);
		if (!into) {
			into = tree_map(cx->a);
			into->span = v->span;
			into->src = v->src;
			tree_append_at(cx->a, target, e->key, e->key_span, into);
		}
		merge_level(cx, f ? f->sub : s, f ? "" : arena_printf(cx->a, "%s.", full), ptype, into, v,
		            at, block, f ? f->name : in);
		/* what its parts leave out that Kubernetes requires (a claim's
		 * claimName beside a merged readOnly) */
		if (k8s_check_required(into, ptype, at, raw_problem, cx))
			cx->failed = true;
		return;
	}
	if (ptype < 0) {
		bool sunder;
		const struct field *sf =
			suggest && s ? named_at(s, arena_printf(cx->a, "%s%s", prefix, suggest), cx->cron,
			                        &sunder)
			             : NULL;
		if (sf) {
			/* the key meant is one jobc names: say so, not only the key */
			diag_error(cx->d, sp, NULL,
			           "unknown field '%s'; did you mean '%s'? that is jobc's '%s'; write that, "
			           "not %s in %s { }",
			           e->key, suggest, sf->name, suggest, block);
		} else if (suggest) {
			diag_error(cx->d, sp, NULL, "unknown field '%s'; did you mean '%s'?", e->key, suggest);
			diag_fixit(cx->d, sp, suggest);
		} else {
			diag_error(cx->d, sp, NULL, "unknown field '%s'", e->key);
		}
		note_provenance(cx, node_value(v));
		diag_note(cx->d, span_none(), "in Kubernetes terms: strict decoding error: unknown field \"%s\"",
		          kpath(cx, at));
		cx->failed = true;
		return;
	}
	const char *shown = kpath(cx, at);
	if (cx->cron && !strncmp(full, "spec.", 5) && field_cron_own(full)) {
		/* the CronJob has a field of that name (suspend): this is its Job
		 * template's, which the CronJob wrap places */
		if (!cx->template_own)
			cx->template_own = tree_map(cx->a);
		target = cx->template_own;
		shown = arena_printf(cx->a, "spec.jobTemplate.%s", at);
	}
	if (tree_get(target, e->key)) {
		diag_error(cx->d, sp, NULL, "'%s' is set by jobc already (%s)", e->key, shown);
		note_provenance(cx, node_value(v));
		cx->failed = true;
		return;
	}
	if (k8s_check_at(v, ptype, shown, raw_problem, cx))
		cx->failed = true;
	tree_append_at(cx->a, target, e->key, e->key_span, (struct tree *)(uintptr_t)v);
}

/* The keys of raw into target; block: the block's jobc name (pod-spec),
 * in: the named block the keys are in ("" at the top). */
static void merge_level(struct job_ctx *cx, const struct schema *s, const char *prefix, int type,
                        struct tree *target, const struct tree *raw, const char *path,
                        const char *block, const char *in)
{
	for (uint32_t i = 0; i < raw->map.n; i++)
		merge_key(cx, s, prefix, type, target, &raw->map.v[i], path, block, in);
}

/* The schema f belongs to: the one whose fields its keys are matched with. */
static const struct schema *schema_of(const struct field *f)
{
	static const struct schema *const all[] = {&schema_job, &schema_container, &schema_init,
	                                           &schema_volume};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		if (field_in(all[i], f))
			return all[i];
	return NULL;
}

void lower_merges(struct job_ctx *cx)
{
	for (struct merge *m = cx->merges; m; m = m->next) {
		const struct schema *s = schema_of(m->f);
		const char *k8s = m->f->k8s;
		struct tree *into = *k8s ? tree_path(m->target, k8s) : m->target;
		if (!into) {
			into = tree_map(cx->a);
			tree_set_path(cx->a, m->target, k8s, into);
		}
		int type = k8s_type_index(m->f->sub->k8s_type);
		merge_level(cx, s, *k8s ? arena_printf(cx->a, "%s.", k8s) : "", type, into, m->raw,
		            *m->path ? (*k8s ? arena_printf(cx->a, "%s.%s", m->path, k8s) : m->path) : k8s,
		            m->f->name, "");
	}
}

/* Keeps a Kubernetes-spelled block for lower_merges. */
static void merge_later(struct job_ctx *cx, const struct field *f, const struct value *v,
                        struct tree *target, const char *base)
{
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return;
	}
	struct merge *m = arena_alloc(cx->a, sizeof *m);
	*m = (struct merge){NULL, f, target, lower_raw(cx, v), base};
	struct merge **tail = &cx->merges;
	while (*tail)
		tail = &(*tail)->next;
	*tail = m;
}

/* ---- placing a field ---------------------------------------------------- */

void lower_words(struct buf *b, const struct field *f)
{
	for (const struct enum_word *w = f->words; w->word; w++)
		buf_printf(b, "%s%s", w == f->words ? "" : w[1].word ? ", " : " or ", w->word);
}

struct tree *lower_name(struct job_ctx *cx, const char *name, struct span name_span,
                        const struct value *v)
{
	struct tree *t = tree_str(cx->a, name, strlen(name));
	t->span = name_span;
	t->src = v;
	return t;
}

void lower_named(struct job_ctx *cx, const struct field *f, const struct value *v,
                 lower_item_fn *item, void *arg)
{
	if (v->kind != V_MAP) {
		lower_type_error(cx, f, v, NULL);
		return;
	}
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		if (e->value->kind != V_MAP)
			lower_type_error(cx, f, e->value, NULL);
		else
			item(cx, f, e->key, e->key_span, e->value, arg);
	}
}

/* The list a NAME { ... } block goes in: kept in cx->lists until lower_job
 * places it (the main container is containers[0] already), or in target
 * for a field lowered on its own. */
struct tree *lower_list(struct job_ctx *cx, const struct field *f, struct tree *target)
{
	struct tree *into = cx->lists ? cx->lists : target;
	struct tree *list = cx->lists ? tree_get(into, f->k8s) : tree_path(into, f->k8s);
	if (!list) {
		list = tree_list(cx->a);
		if (cx->lists)
			tree_set(cx->a, into, f->k8s, list);
		else
			tree_set_path(cx->a, into, f->k8s, list);
	}
	return list;
}

/* container NAME { ... } or init NAME { ... }: {name, the block's fields} */
static void named_item(struct job_ctx *cx, const struct field *f, const char *name,
                       struct span name_span, const struct value *v, void *arg)
{
	struct tree *list = lower_list(cx, f, arg);
	const char *path = arena_printf(cx->a, "%s[%u]", f->k8s, list->list.n);
	struct tree *c = lower_node(tree_map(cx->a), v);
	tree_set(cx->a, c, "name", lower_name(cx, name, name_span, v));
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct field *sf = field_find(f->sub, v->map->e[i].key);
		if (sf)
			lower_into(cx, sf, v->map->e[i].value, c, path);
	}
	tree_push(cx->a, list, c);
}

/* A field with no place in the Kubernetes object, kept under its name in
 * cx->aside for the pass that reads it. */
static bool kept_aside(const struct job_ctx *cx, const struct field *f)
{
	if (f->flags & (F_PLANTON | F_SETTING | F_ASIDE))
		return true;
	/* a CronJob's own field in a job without a schedule: JOB807 */
	return !cx->cron && (f->flags & F_CRON) && !(f->flags & F_JOB_TOO);
}

void lower_into(struct job_ctx *cx, const struct field *f, const struct value *v,
                struct tree *target, const char *base)
{
	const char *path = *base ? arena_join(cx->a, base, '.', f->k8s) : f->k8s;
	if (!lower_version_ok(cx, f->since, f->name, NULL, v, path))
		return;
	if (f->flags & F_MERGE) {
		merge_later(cx, f, v, target, base);
		return;
	}
	bool shaped = f->shape && f->shape->lower;
	if (f->type == FT_NAMED && !shaped) {
		lower_named(cx, f, v, named_item, target);
		return;
	}
	struct tree *t = shaped ? f->shape->lower(cx, f, v, target, path) : lower_value(cx, f, v, path);
	if (!t)
		return;
	if ((t->kind == TREE_LIST && t->list.n == 0 && f->type != FT_INTLIST &&
	     !(f->flags & F_KEEP_EMPTY)) ||
	    (t->kind == TREE_MAP && t->map.n == 0 && f->type != FT_BLOCK))
		return; /* an empty list or map says nothing Kubernetes needs to hear */
	if (kept_aside(cx, f)) {
		tree_set(cx->a, cx->aside, f->name, t);
		return;
	}
	tree_set_path(cx->a, target, f->k8s, t);
}
