/* lower.c - typing a job record and building the Kubernetes object; see
 * lower.h.  The rules over the result are in check.c.
 *
 * Every field is lowered by its type (convert), except the few whose
 * Kubernetes shape differs from the jobc one (labels go to two places,
 * env becomes a list, a volume is also a mount, ...): those have a
 * function of their own, listed in lower_special.
 */
#include "lower_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "k8s_check.h"
#include "names.h"
#include "units.h"

/* ---- trees ---------------------------------------------------------- */

void tree_set_path(struct arena *a, struct tree *root, const char *path, struct tree *value)
{
	struct tree *t = root;
	const char *p = path;
	for (;;) {
		const char *dot = strchr(p, '.');
		if (!dot) {
			tree_set(a, t, p, value);
			return;
		}
		char *key = arena_strndup(a, p, (size_t)(dot - p));
		t = tree_child_map(a, t, key);
		p = dot + 1;
	}
}

struct tree *tree_path(const struct tree *root, const char *path)
{
	const struct tree *t = root;
	const char *p = path;
	while (t) {
		const char *e = p;
		while (*e && *e != '.')
			e++;
		t = tree_getn(t, p, (size_t)(e - p));
		if (!*e)
			return (struct tree *)(uintptr_t)t;
		p = e + 1;
	}
	return NULL;
}

/* ---- diagnostics -------------------------------------------------------- */

/* The fields of a CronJob's own spec (not of its Job template). */
static bool cron_own(const char *path)
{
	static const char *const own[] = {
		"spec.schedule", "spec.timeZone", "spec.concurrencyPolicy", "spec.startingDeadlineSeconds",
		"spec.successfulJobsHistoryLimit", "spec.failedJobsHistoryLimit", "spec.suspend",
	};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		if (!strcmp(path, own[i]))
			return true;
	return false;
}

const char *kpath(struct lowerer *lw, const char *path)
{
	if (lw->cron && strncmp(path, "spec.", 5) == 0 && !cron_own(path))
		return arena_printf(lw->a, "spec.jobTemplate.%s", path);
	if (lw->cron && strcmp(path, "spec") == 0)
		return "spec.jobTemplate.spec";
	return path;
}

void note_provenance(struct lowerer *lw, const struct value *v)
{
	for (const struct origin *o = v ? v->origin : NULL; o; o = o->outer) {
		if (o->outer)
			diag_note(lw->d, o->site, "from template '%s', applied by template '%s' here",
			          o->template_name, o->outer->template_name);
		else
			diag_note(lw->d, o->site, "in job '%s', from template '%s' applied here",
			          lw->job->name, o->template_name);
	}
}

/* A node jobc made up on the way (spec.successPolicy) has no place of its
 * own: use its first child's. */
static const struct tree *placed(const struct tree *t)
{
	for (int depth = 0; t && !span_valid(t->span) && depth < 8; depth++) {
		if (t->kind == TREE_MAP && t->map.n)
			t = t->map.v[0].value;
		else if (t->kind == TREE_LIST && t->list.n)
			t = t->list.v[0];
		else
			return NULL;
	}
	return t && span_valid(t->span) ? t : NULL;
}

struct span node_span(struct lowerer *lw, const struct tree *t)
{
	const struct tree *p = placed(t);
	return p ? p->span : lw->job->name_span;
}

const struct value *node_value(const struct tree *t)
{
	const struct tree *p = placed(t);
	return p ? (const struct value *)p->src : NULL;
}

bool report(struct lowerer *lw, enum rule_id id, struct span sp, const struct value *v,
            const char *k8s_path, const char *k8s_msg, const char *fmt, ...)
{
	const struct rule *r = &rules[id];
	enum diag_level level = DIAG_ERROR;
	const char *code = r->id;
	if (r->level != RULE_ERROR) {
		const struct rule_config *c = lw->opt->rules;
		if (c && (c->none || c->off[id]))
			return false;
		bool as_error = c && (c->error[id] || c->all_errors);
		level = as_error ? DIAG_ERROR : DIAG_WARNING;
		code = arena_printf(lw->a, "%s, -W%s%s", r->id, as_error ? "error=" : "", r->slug);
	}
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(lw->d, level, sp, code, fmt, ap);
	va_end(ap);
	note_provenance(lw, v);
	if (k8s_path && k8s_msg)
		diag_note(lw->d, span_none(), "in Kubernetes terms: %s: %s", kpath(lw, k8s_path),
		          k8s_msg);
	else if (k8s_path && *k8s_path)
		diag_note(lw->d, span_none(), "in Kubernetes terms: %s", kpath(lw, k8s_path));
	return true;
}

static char *describe(struct lowerer *lw, const struct value *v)
{
	struct buf b = BUF_INIT;
	val_describe(&b, v);
	char *s = arena_strndup(lw->a, b.data, b.len);
	buf_free(&b);
	return s;
}

static void type_error(struct lowerer *lw, const struct field *f, const struct value *v,
                       const char *expected)
{
	diag_error(lw->d, v->span, NULL, "invalid value for '%s': expected %s, found %s", f->name,
	           expected ? expected : ftype_expected(f), describe(lw, v));
	note_provenance(lw, v);
	lw->failed = true;
}

/* ---- scalars ------------------------------------------------------------- */

static struct tree *node(struct tree *t, const struct value *v)
{
	t->span = v->span;
	t->src = v;
	return t;
}

static struct tree *str_of(struct lowerer *lw, const char *s, uint32_t len, const struct value *v)
{
	return node(tree_str(lw->a, s, len), v);
}

static struct tree *int_of(struct lowerer *lw, int64_t i, const struct value *v)
{
	return node(tree_int(lw->a, i), v);
}

/* A scalar written as text: strings as they are, numbers and bools spelled
 * out (env values and args are strings in Kubernetes). */
static struct tree *text_tree(struct lowerer *lw, const struct field *f, const struct value *v,
                              const char *what)
{
	struct buf b = BUF_INIT;
	if (v->kind == V_UNIT && f->type != FT_STRLIST && f->type != FT_STRMAP) {
		buf_free(&b);
		type_error(lw, f, v, "a string");
		return NULL;
	}
	if (!val_to_text(&b, v)) {
		buf_free(&b);
		diag_error(lw->d, v->span, NULL, "invalid %s in '%s': expected a string, found %s",
		           what, f->name, describe(lw, v));
		note_provenance(lw, v);
		lw->failed = true;
		return NULL;
	}
	struct tree *t = str_of(lw, arena_strndup(lw->a, b.data ? b.data : "", b.len),
	                        (uint32_t)b.len, v);
	buf_free(&b);
	return t;
}

static bool in_range(struct lowerer *lw, const struct field *f, const struct value *v, int64_t n,
                     const char *path)
{
	if (n >= f->min && n <= f->max)
		return true;
	enum rule_id id = R_JOB102;
	const struct rule *r = f->range_rule ? rule_find(f->range_rule) : NULL;
	if (r)
		id = (enum rule_id)(r - rules);
	char msg[160];
	if (f->min == 1 && f->max == 65535) {
		/* ports: validation.IsValidPortNum */
		snprintf(msg, sizeof msg, "Invalid value: %" PRId64 ": must be between 1 and 65535, inclusive",
		         n);
		report(lw, id, v->span, v, path, msg, "'%s' must be a port number, 1 to 65535; found %" PRId64,
		       f->name, n);
	} else if (n < f->min) {
		snprintf(msg, sizeof msg, "Invalid value: %" PRId64 ": must be greater than or equal to %" PRId64,
		         n, f->min);
		report(lw, id, v->span, v, path, msg, "'%s' must be at least %" PRId64 ", found %" PRId64,
		       f->name, f->min, n);
	} else {
		snprintf(msg, sizeof msg, "Invalid value: %" PRId64 ": must be less than or equal to %" PRId64,
		         n, f->max);
		report(lw, id, v->span, v, path, msg, "'%s' must be at most %" PRId64 ", found %" PRId64,
		       f->name, f->max, n);
	}
	lw->failed = true;
	return false;
}

/* JOB122: a field (or, with word, one of its words) the target Kubernetes
 * version does not have on. */
static bool version_ok(struct lowerer *lw, const char *since, const char *name, const char *word,
                       const struct value *v, const char *path)
{
	if (!since)
		return true;
	int need = kube_version_parse(since);
	if (lw->opt->kube_version >= need)
		return true;
	int have = lw->opt->kube_version;
	char what[160];
	if (word)
		snprintf(what, sizeof what, "%s = %s", name, word);
	else
		snprintf(what, sizeof what, "'%s'", name);
	report(lw, R_JOB122, v->span, v, path, NULL,
	       "%s needs Kubernetes %s or newer; the target is %d.%d (--kube-version)", what, since,
	       have / 100, have % 100);
	lw->failed = true;
	return false;
}

static struct tree *convert(struct lowerer *lw, const struct field *f, const struct value *v,
                            const char *path);

static struct tree *convert_enum(struct lowerer *lw, const struct field *f, const struct value *v,
                                 const char *path)
{
	if (v->kind == V_STR) {
		for (const struct enum_word *w = f->words; w->word; w++)
			if (strlen(w->word) == v->str.len && memcmp(w->word, v->str.s, v->str.len) == 0) {
				if (!version_ok(lw, w->since, f->name, w->word, v, path))
					return NULL;
				return str_of(lw, w->k8s, (uint32_t)strlen(w->k8s), v);
			}
	}
	struct buf words = BUF_INIT;
	for (const struct enum_word *w = f->words; w->word; w++)
		buf_printf(&words, "%s%s", w == f->words ? "" : w[1].word ? ", " : " or ", w->word);
	const struct enum_word *k8s = NULL;
	if (v->kind == V_STR)
		for (const struct enum_word *w = f->words; w->word; w++)
			if (strlen(w->k8s) == v->str.len && memcmp(w->k8s, v->str.s, v->str.len) == 0)
				k8s = w;
	if (k8s) {
		diag_error(lw->d, v->span, NULL, "'%s' is the Kubernetes spelling; jobc writes %s = %s",
		           k8s->k8s, f->name, k8s->word);
		diag_fixit(lw->d, v->span, k8s->word);
		note_provenance(lw, v);
	} else if (strcmp(f->name, "restart") == 0 && v->kind == V_STR) {
		report(lw, R_JOB101, v->span, v, path,
		       "Required value: valid values: \"OnFailure\", \"Never\"",
		       "a Job's pods cannot restart '%.*s'; use %s", (int)v->str.len, v->str.s, words.data);
	} else {
		diag_error(lw->d, v->span, NULL, "invalid value for '%s': expected %s, found %s",
		           f->name, words.data, describe(lw, v));
		note_provenance(lw, v);
	}
	buf_free(&words);
	lw->failed = true;
	return NULL;
}

static struct tree *convert_quantity(struct lowerer *lw, const struct field *f,
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
		type_error(lw, f, v, NULL);
		return NULL;
	}
	/* 1_000Mi: underscores are jobc's, not Kubernetes' */
	char *clean = arena_alloc(lw->a, len + 1);
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
		report(lw, R_JOB501, v->span, v, path, msg, "'%s' is not a valid quantity for '%s'", clean,
		       f->name);
		lw->failed = true;
		return NULL;
	}
	return str_of(lw, clean, n, v);
}

/* FT_PORT: a number 1-65535 or an IANA service name. */
static struct tree *convert_port(struct lowerer *lw, const struct field *f, const struct value *v,
                                 const char *path)
{
	if (v->kind == V_INT) {
		if (!in_range(lw, f, v, v->i, path))
			return NULL;
		return int_of(lw, v->i, v);
	}
	if (v->kind == V_STR) {
		const char *why = k8s_port_name(v->str.s, v->str.len);
		if (why) {
			char msg[256];
			snprintf(msg, sizeof msg, "Invalid value: \"%.*s\": %s", (int)v->str.len, v->str.s, why);
			report(lw, f->range_rule ? (enum rule_id)(rule_find(f->range_rule) - rules) : R_JOB603,
			       v->span, v, path, msg, "invalid port name '%.*s' in '%s'", (int)v->str.len,
			       v->str.s, f->name);
			lw->failed = true;
			return NULL;
		}
		return str_of(lw, v->str.s, v->str.len, v);
	}
	type_error(lw, f, v, NULL);
	return NULL;
}

/* ---- blocks -------------------------------------------------------------- */

static void lower_into(struct lowerer *lw, const struct schema *s, const struct field *f,
                       const struct value *v, struct tree *target, const char *base);

/* The fields of a block value, into a new map. */
static struct tree *lower_block(struct lowerer *lw, const struct field *f, const struct value *v,
                                const char *path)
{
	if (v->kind != V_MAP) {
		type_error(lw, f, v, NULL);
		return NULL;
	}
	struct tree *t = node(tree_map(lw->a), v);
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct field *sf = field_find(f->sub, e->key);
		if (!sf) {
			/* a map from a let, not read with the block's fields */
			const char *sugg = field_suggest(f->sub, e->key);
			if (sugg)
				diag_error(lw->d, e->key_span, NULL,
				           "unknown field '%s' in a %s; did you mean '%s'?", e->key,
				           f->sub->name, sugg);
			else
				diag_error(lw->d, e->key_span, NULL, "unknown field '%s' in a %s", e->key,
				           f->sub->name);
			note_provenance(lw, e->value);
			lw->failed = true;
			continue;
		}
		lower_into(lw, f->sub, sf, e->value, t, path);
	}
	return t;
}

/* FT_BLOCKS: a list of blocks (a scalar item means { shorthand = item }). */
static struct tree *lower_blocks(struct lowerer *lw, const struct field *f, const struct value *v,
                                 const char *path)
{
	const struct value *const *items = &v;
	uint32_t n = 1;
	if (v->kind == V_LIST) {
		items = (const struct value *const *)v->list.v;
		n = v->list.n;
	}
	struct tree *l = node(tree_list(lw->a), v);
	for (uint32_t i = 0; i < n; i++) {
		const struct value *item = items[i];
		char *ipath = arena_printf(lw->a, "%s[%u]", path, i);
		if (item->kind != V_MAP && f->sub->shorthand) {
			const struct field *sf = field_find(f->sub, f->sub->shorthand);
			struct tree *t = node(tree_map(lw->a), item);
			lower_into(lw, f->sub, sf, item, t, ipath);
			tree_push(lw->a, l, t);
			continue;
		}
		struct tree *t = lower_block(lw, f, item, ipath);
		if (t)
			tree_push(lw->a, l, t);
	}
	return l;
}

/* FT_RAW: a Kubernetes-shaped value, keys as written. */
static struct tree *lower_raw(struct lowerer *lw, const struct value *v)
{
	switch (v->kind) {
	case V_MAP: {
		struct tree *t = node(tree_map(lw->a), v);
		for (uint32_t i = 0; i < v->map->n; i++) {
			struct tree *c = lower_raw(lw, v->map->e[i].value);
			if (c)
				tree_append_at(lw->a, t, v->map->e[i].key, v->map->e[i].key_span, c);
		}
		return t;
	}
	case V_LIST: {
		struct tree *t = node(tree_list(lw->a), v);
		for (uint32_t i = 0; i < v->list.n; i++) {
			struct tree *c = lower_raw(lw, v->list.v[i]);
			if (c)
				tree_push(lw->a, t, c);
		}
		return t;
	}
	case V_INT: return int_of(lw, v->i, v);
	case V_BOOL: return node(tree_bool(lw->a, v->b), v);
	case V_STR:
	case V_UNIT: return str_of(lw, v->str.s, v->str.len, v);
	case V_NULL: return NULL;
	default:
		diag_error(lw->d, v->span, NULL, "%s cannot be written as Kubernetes data",
		           describe(lw, v));
		lw->failed = true;
		return NULL;
	}
}

/* A problem k8s_check found in a raw value. */
static void raw_problem(void *user, const struct tree *at, struct span key_span, const char *path,
                        const char *what, const char *suggest)
{
	struct lowerer *lw = user;
	struct span sp = span_valid(key_span) ? key_span : node_span(lw, at);
	const char *last = strrchr(path, '.');
	last = last ? last + 1 : path;
	if (!strcmp(what, "unknown field")) {
		if (suggest) {
			diag_error(lw->d, sp, NULL, "unknown field '%s'; did you mean '%s'?", last, suggest);
			diag_fixit(lw->d, sp, suggest);
		} else {
			diag_error(lw->d, sp, NULL, "unknown field '%s'", last);
		}
		note_provenance(lw, node_value(at));
		diag_note(lw->d, span_none(), "in Kubernetes terms: strict decoding error: unknown field \"%s\"",
		          path);
		return;
	}
	if (!strcmp(what, "Required value"))
		diag_error(lw->d, sp, NULL, "this block needs the field '%s'", last);
	else
		diag_error(lw->d, sp, NULL, "invalid value for '%s': %s", last, what);
	note_provenance(lw, node_value(at));
	diag_note(lw->d, span_none(), "in Kubernetes terms: %s: %s", path, what);
}

static struct tree *convert(struct lowerer *lw, const struct field *f, const struct value *v,
                            const char *path)
{
	switch (f->type) {
	case FT_STRING:
		if (v->kind != V_STR) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		return str_of(lw, v->str.s, v->str.len, v);
	case FT_INT:
		if (v->kind != V_INT) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		return in_range(lw, f, v, v->i, path) ? int_of(lw, v->i, v) : NULL;
	case FT_BOOL:
		if (v->kind != V_BOOL) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		return node(tree_bool(lw->a, v->b), v);
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
				diag_error(lw->d, v->span, NULL, "'%.*s' is not a valid duration for '%s': %s",
				           (int)v->str.len, v->str.s, f->name, why);
				note_provenance(lw, v);
				lw->failed = true;
				return NULL;
			}
		} else {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		return in_range(lw, f, v, secs, path) ? int_of(lw, secs, v) : NULL;
	}
	case FT_ENUM: return convert_enum(lw, f, v, path);
	case FT_QUANTITY: return convert_quantity(lw, f, v, path);
	case FT_PORT: return convert_port(lw, f, v, path);
	case FT_STRLIST:
	case FT_INTLIST: {
		if (v->kind != V_LIST) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		struct tree *l = node(tree_list(lw->a), v);
		bool ok = true;
		for (uint32_t i = 0; i < v->list.n; i++) {
			const struct value *x = v->list.v[i];
			struct tree *t;
			if (f->type == FT_INTLIST) {
				if (x->kind != V_INT) {
					diag_error(lw->d, x->span, NULL,
					           "invalid item in '%s': expected an integer, found %s", f->name,
					           describe(lw, x));
					note_provenance(lw, x);
					lw->failed = true;
					t = NULL;
				} else {
					t = in_range(lw, f, x, x->i, path) ? int_of(lw, x->i, x) : NULL;
				}
			} else {
				t = text_tree(lw, f, x, "item");
			}
			if (t)
				tree_push(lw->a, l, t);
			else
				ok = false;
		}
		return ok ? l : NULL;
	}
	case FT_STRMAP: {
		if (v->kind != V_MAP) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		struct tree *m = node(tree_map(lw->a), v);
		bool ok = true;
		for (uint32_t i = 0; i < v->map->n; i++) {
			struct tree *t = text_tree(lw, f, v->map->e[i].value, "value");
			if (t)
				tree_append_at(lw->a, m, v->map->e[i].key, v->map->e[i].key_span, t);
			else
				ok = false;
		}
		return ok ? m : NULL;
	}
	case FT_BLOCK: return lower_block(lw, f, v, path);
	case FT_BLOCKS: return lower_blocks(lw, f, v, path);
	case FT_RAW: {
		if (v->kind != V_MAP) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		struct tree *t = lower_raw(lw, v);
		/* written as Kubernetes writes it: checked as kubectl would */
		if (t && k8s_check(t, f->sub->k8s_type, kpath(lw, path), raw_problem, lw))
			lw->failed = true;
		return t;
	}
	case FT_ENVMAP:
	case FT_REFLIST:
	case FT_RESOURCES:
	case FT_NAMED:
		break; /* lower_special */
	}
	type_error(lw, f, v, NULL);
	return NULL;
}

/* ---- fields with a shape of their own ---------------------------------- */

/* env { NAME = value } -> [{name, value} | {name, valueFrom: {...}}] */
static struct tree *lower_env(struct lowerer *lw, const struct field *f, const struct value *v,
                              const char *path)
{
	if (v->kind != V_MAP) {
		type_error(lw, f, v, NULL);
		return NULL;
	}
	struct tree *list = node(tree_list(lw->a), v);
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct value *x = e->value;
		struct tree *item = node(tree_map(lw->a), x);
		struct tree *name = str_of(lw, e->key, (uint32_t)strlen(e->key), x);
		name->span = e->key_span;
		tree_set(lw->a, item, "name", name);
		if (x->kind == V_SECRET || x->kind == V_CONFIGMAP) {
			struct tree *ref = node(tree_map(lw->a), x);
			tree_set(lw->a, ref, "name", str_of(lw, x->ref.name, (uint32_t)strlen(x->ref.name), x));
			if (x->ref.key)
				tree_set(lw->a, ref, "key",
				         str_of(lw, x->ref.key, (uint32_t)strlen(x->ref.key), x));
			struct tree *from = node(tree_map(lw->a), x);
			tree_set(lw->a, from, x->kind == V_SECRET ? "secretKeyRef" : "configMapKeyRef", ref);
			tree_set(lw->a, item, "valueFrom", from);
		} else if (x->kind == V_RESFIELD) {
			struct tree *ref = node(tree_map(lw->a), x);
			tree_set(lw->a, ref, "resource",
			         str_of(lw, x->ref.name, (uint32_t)strlen(x->ref.name), x));
			if (x->ref.key)
				tree_set(lw->a, ref, "divisor", str_of(lw, x->ref.key, (uint32_t)strlen(x->ref.key), x));
			if (x->ref.container)
				tree_set(lw->a, ref, "containerName",
				         str_of(lw, x->ref.container, (uint32_t)strlen(x->ref.container), x));
			struct tree *from = node(tree_map(lw->a), x);
			tree_set(lw->a, from, "resourceFieldRef", ref);
			tree_set(lw->a, item, "valueFrom", from);
		} else if (x->kind == V_FIELDREF) {
			struct tree *ref = node(tree_map(lw->a), x);
			tree_set(lw->a, ref, "fieldPath",
			         str_of(lw, x->ref.name, (uint32_t)strlen(x->ref.name), x));
			struct tree *from = node(tree_map(lw->a), x);
			tree_set(lw->a, from, "fieldRef", ref);
			tree_set(lw->a, item, "valueFrom", from);
		} else {
			struct tree *t = text_tree(lw, f, x, "value");
			if (!t)
				continue;
			tree_set(lw->a, item, "value", t);
		}
		tree_push(lw->a, list, item);
	}
	(void)path;
	return list;
}

/* env-from = [secret("x"), configmap("y"), { secret = "z", prefix = "Z_" }] */
static struct tree *lower_env_from(struct lowerer *lw, const struct field *f,
                                   const struct value *v, const char *path)
{
	if (v->kind != V_LIST) {
		type_error(lw, f, v, NULL);
		return NULL;
	}
	struct tree *list = node(tree_list(lw->a), v);
	for (uint32_t i = 0; i < v->list.n; i++) {
		const struct value *x = v->list.v[i];
		const char *kind = NULL, *name = NULL, *prefix = NULL;
		const struct value *at = x;
		if (x->kind == V_SECRET || x->kind == V_CONFIGMAP) {
			kind = x->kind == V_SECRET ? "secretRef" : "configMapRef";
			name = x->ref.name;
			if (x->ref.key) {
				report(lw, R_JOB404, x->span, x, arena_printf(lw->a, "%s[%u]", path, i), NULL,
				       "env-from takes a whole %s: %s(\"%s\"), without a key",
				       x->kind == V_SECRET ? "Secret" : "ConfigMap",
				       x->kind == V_SECRET ? "secret" : "configmap", x->ref.name);
				lw->failed = true;
				continue;
			}
		} else if (x->kind == V_MAP) {
			for (uint32_t k = 0; k < x->map->n; k++) {
				const struct vmap_entry *e = &x->map->e[k];
				bool ok = e->value->kind == V_STR;
				if (ok && (!strcmp(e->key, "secret") || !strcmp(e->key, "configmap"))) {
					if (kind) {
						kind = NULL;
						break;
					}
					kind = e->key[0] == 's' ? "secretRef" : "configMapRef";
					name = e->value->str.s;
				} else if (ok && !strcmp(e->key, "prefix")) {
					prefix = e->value->str.s;
				} else {
					kind = NULL;
					at = e->value;
					break;
				}
			}
		}
		if (!kind || !name) {
			report(lw, R_JOB404, at->span, at, arena_printf(lw->a, "%s[%u]", path, i),
			       "Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
			       "an env-from item is secret(\"name\"), configmap(\"name\"), or "
			       "{ secret = \"name\", prefix = \"P_\" }; found %s",
			       describe(lw, at));
			lw->failed = true;
			continue;
		}
		struct tree *item = node(tree_map(lw->a), x);
		struct tree *ref = node(tree_map(lw->a), x);
		tree_set(lw->a, ref, "name", str_of(lw, name, (uint32_t)strlen(name), x));
		tree_set(lw->a, item, kind, ref);
		if (prefix)
			tree_set(lw->a, item, "prefix", str_of(lw, prefix, (uint32_t)strlen(prefix), x));
		tree_push(lw->a, list, item);
	}
	return list;
}

/* resources { cpu = 500m..2; memory = 1Gi; requests { }; limits { } } */
static struct tree *lower_resources(struct lowerer *lw, const struct field *f,
                                    const struct value *v, const char *path)
{
	if (v->kind != V_MAP) {
		type_error(lw, f, v, NULL);
		return NULL;
	}
	struct tree *req = tree_map(lw->a), *lim = tree_map(lw->a);
	static const struct field qf = {"resources", FT_QUANTITY, "resources", NULL, NULL, NULL, 0, 0,
	                                NULL, NULL, NULL, 0, ""};
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct value *x = e->value;
		bool long_hand = !strcmp(e->key, "requests") || !strcmp(e->key, "limits");
		if (long_hand) {
			if (x->kind != V_MAP) {
				diag_error(lw->d, x->span, NULL,
				           "'%s' is a block of quantities: %s { cpu = 500m; memory = 1Gi }",
				           e->key, e->key);
				lw->failed = true;
				continue;
			}
			struct tree *into = e->key[0] == 'r' ? req : lim;
			for (uint32_t k = 0; k < x->map->n; k++) {
				const struct vmap_entry *q = &x->map->e[k];
				struct tree *t = convert(lw, &qf, q->value,
				                         arena_printf(lw->a, "%s.%s[%s]", path, e->key, q->key));
				if (t) {
					t->span = q->key_span;
					tree_set(lw->a, into, q->key, t);
				}
			}
			continue;
		}
		if (x->kind != V_RANGE) {
			/* request = limit: one node in both maps, so it is judged once */
			struct tree *t = convert(lw, &qf, x, arena_printf(lw->a, "%s.requests[%s]", path, e->key));
			if (t) {
				tree_set(lw->a, req, e->key, t);
				tree_set(lw->a, lim, e->key, t);
			}
			continue;
		}
		if (x->range.lo) {
			struct tree *t = convert(lw, &qf, x->range.lo,
			                         arena_printf(lw->a, "%s.requests[%s]", path, e->key));
			if (t)
				tree_set(lw->a, req, e->key, t);
		}
		if (x->range.hi) {
			struct tree *t = convert(lw, &qf, x->range.hi,
			                         arena_printf(lw->a, "%s.limits[%s]", path, e->key));
			if (t)
				tree_set(lw->a, lim, e->key, t);
		}
	}
	struct tree *r = node(tree_map(lw->a), v);
	if (req->map.n)
		tree_set(lw->a, r, "requests", req);
	if (lim->map.n)
		tree_set(lw->a, r, "limits", lim);
	return r;
}

/* mounts { volume = "/path" } -> [{name, mountPath}] */
static struct tree *lower_mounts(struct lowerer *lw, const struct field *f, const struct value *v)
{
	if (v->kind != V_MAP) {
		type_error(lw, f, v, NULL);
		return NULL;
	}
	struct tree *list = node(tree_list(lw->a), v);
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		if (e->value->kind != V_STR) {
			type_error(lw, f, e->value, "a path such as \"/data\"");
			continue;
		}
		struct tree *m = node(tree_map(lw->a), e->value);
		struct tree *name = str_of(lw, e->key, (uint32_t)strlen(e->key), e->value);
		name->span = e->key_span;
		tree_set(lw->a, m, "name", name);
		tree_set(lw->a, m, "mountPath", str_of(lw, e->value->str.s, e->value->str.len, e->value));
		tree_push(lw->a, list, m);
	}
	return list;
}

/* headers { X-Token = "t" } -> [{name, value}] */
static struct tree *lower_headers(struct lowerer *lw, const struct field *f, const struct value *v)
{
	struct tree *m = convert(lw, f, v, "httpHeaders");
	if (!m)
		return NULL;
	struct tree *list = node(tree_list(lw->a), v);
	for (uint32_t i = 0; i < m->map.n; i++) {
		struct tree *h = node(tree_map(lw->a), v);
		struct tree *name = str_of(lw, m->map.v[i].key, m->map.v[i].klen, v);
		name->span = v->map->e[i].key_span;
		tree_set(lw->a, h, "name", name);
		tree_set(lw->a, h, "value", m->map.v[i].value);
		tree_push(lw->a, list, h);
	}
	return list;
}

/* A field of schema s with value v, into target (path: target's path). */
static void lower_into(struct lowerer *lw, const struct schema *s, const struct field *f,
                       const struct value *v, struct tree *target, const char *base)
{
	const char *path = *base ? arena_join(lw->a, base, '.', f->k8s) : f->k8s;
	if (!version_ok(lw, f->since, f->name, NULL, v, path))
		return;
	struct tree *t = NULL;
	const char *k8s = f->k8s;
	switch (f->type) {
	case FT_ENVMAP: t = lower_env(lw, f, v, path); break;
	case FT_REFLIST: t = lower_env_from(lw, f, v, path); break;
	case FT_RESOURCES: t = lower_resources(lw, f, v, path); break;
	default:
		if (!strcmp(f->name, "mounts"))
			t = lower_mounts(lw, f, v);
		else if (!strcmp(f->name, "headers"))
			t = lower_headers(lw, f, v);
		else
			t = convert(lw, f, v, path);
	}
	if (!t)
		return;
	/* Fields whose Kubernetes value differs from the jobc one. */
	if (!strcmp(f->name, "sidecar")) {
		if (!t->b)
			return;
		t = node(tree_cstr(lw->a, "Always"), v);
	} else if (s && !strcmp(s->name, "volume") && !strcmp(f->name, "memory")) {
		if (!t->b)
			return;
		t = node(tree_cstr(lw->a, "Memory"), v);
	} else if (!strcmp(f->name, "empty-dir")) {
		if (!t->b)
			return;
		if (!tree_get(target, "emptyDir"))
			tree_set(lw->a, target, "emptyDir", node(tree_map(lw->a), v));
		return;
	} else if (!strcmp(f->name, "conditions")) {
		struct tree *list = node(tree_list(lw->a), v);
		for (uint32_t i = 0; i < t->list.n; i++) {
			struct tree *c = node(tree_map(lw->a), v->list.v[i]);
			tree_set(lw->a, c, "type", t->list.v[i]);
			tree_set(lw->a, c, "status", tree_cstr(lw->a, "True"));
			tree_push(lw->a, list, c);
		}
		t = list;
	} else if (!strcmp(f->name, "exit-codes") || !strcmp(f->name, "exit-codes-not-in")) {
		struct tree *on = tree_child_map(lw->a, target, "onExitCodes");
		if (tree_get(on, "operator")) {
			diag_error(lw->d, v->span, "JOB111",
			           "a failure rule takes exit-codes or exit-codes-not-in, not both");
			note_provenance(lw, v);
			lw->failed = true;
			return;
		}
		on->span = v->span;
		on->src = v;
		tree_set(lw->a, on, "operator",
		         node(tree_cstr(lw->a, f->name[10] ? "NotIn" : "In"), v));
	}
	if ((t->kind == TREE_LIST && t->list.n == 0 && f->type != FT_INTLIST &&
	     strcmp(f->name, "exec") != 0) ||
	    (t->kind == TREE_MAP && t->map.n == 0 && f->type != FT_BLOCK))
		return; /* an empty list or map says nothing Kubernetes needs to hear */
	tree_set_path(lw->a, target, k8s, t);
}

struct tree *lower_field(struct arena *a, struct diagnostics *d, const struct job_record *job,
                         const struct field *f, const struct value *v,
                         const struct lower_opts *opt)
{
	struct lowerer lw = {a, d, job, opt, false, false, NULL, d->errors, NULL, NULL, NULL};
	struct tree *holder = tree_map(a);
	bool container = field_in(&schema_container, f);
	lower_into(&lw, container ? &schema_container : &schema_job, f, v, holder, "");
	return tree_path(holder, f->k8s);
}

/* ---- containers and volumes -------------------------------------------- */

static struct tree *name_node(struct lowerer *lw, const char *name, struct span sp,
                              const struct value *v)
{
	struct tree *t = tree_str(lw->a, name, strlen(name));
	t->span = sp;
	t->src = v;
	return t;
}

/* container NAME { ... } or init NAME { ... } */
static struct tree *lower_container(struct lowerer *lw, const struct schema *s, const char *name,
                                    struct span name_span, const struct value *v, const char *path)
{
	struct tree *c = node(tree_map(lw->a), v);
	tree_set(lw->a, c, "name", name_node(lw, name, name_span, v));
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct field *f = field_find(s, v->map->e[i].key);
		if (f)
			lower_into(lw, s, f, v->map->e[i].value, c, path);
	}
	return c;
}

/* volume NAME { pvc = "claim"; mount = "/data" } -> a pod volume, and a
 * mount in the main container when mount is set. */
static void lower_volume(struct lowerer *lw, const char *name, struct span name_span,
                         const struct value *v, const char *path, struct tree *volumes,
                         struct tree *main_mounts)
{
	struct tree *vol = node(tree_map(lw->a), v);
	tree_set(lw->a, vol, "name", name_node(lw, name, name_span, v));
	struct tree *scratch = tree_map(lw->a); /* mount, read-only, sub-path, items, mode */
	const struct field *volf = field_find(&schema_job, "volume");
	static const char *const mount_fields[] = {"mount", "read-only", "sub-path"};
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct field *f = field_find(volf->sub, e->key);
		if (!f)
			continue;
		bool for_mount = false;
		for (size_t k = 0; k < 3; k++)
			for_mount |= !strcmp(f->name, mount_fields[k]);
		bool per_source = !strcmp(f->name, "items") || !strcmp(f->name, "default-mode");
		lower_into(lw, volf->sub, f, e->value, for_mount || per_source ? scratch : vol, path);
	}
	/* items and default-mode belong to the configMap or secret source */
	struct tree *src = tree_get(vol, "configMap");
	if (!src)
		src = tree_get(vol, "secret");
	struct tree *items = tree_get(scratch, "items");
	struct tree *mode = tree_get(scratch, "defaultMode");
	if ((items || mode) && !src) {
		const struct value *at = node_value(items ? items : mode);
		report(lw, R_JOB703, node_span(lw, items ? items : mode), at, path, NULL,
		       "'%s' goes with a configmap or secret volume", items ? "items" : "default-mode");
		lw->failed = true;
	} else if (src) {
		if (items) {
			struct tree *list = node(tree_list(lw->a), node_value(items));
			for (uint32_t i = 0; i < items->map.n; i++) {
				struct tree *it = node(tree_map(lw->a), node_value(items->map.v[i].value));
				struct tree *key = tree_str(lw->a, items->map.v[i].key, items->map.v[i].klen);
				key->span = items->map.v[i].value->span;
				key->src = items->map.v[i].value->src;
				tree_set(lw->a, it, "key", key);
				tree_set(lw->a, it, "path", items->map.v[i].value);
				tree_push(lw->a, list, it);
			}
			tree_set(lw->a, src, "items", list);
		}
		if (mode)
			tree_set(lw->a, src, "defaultMode", mode);
	}
	tree_push(lw->a, volumes, vol);
	struct tree *mount_path = tree_get(scratch, "mountPath");
	if (mount_path) {
		struct tree *m = node(tree_map(lw->a), v);
		tree_set(lw->a, m, "name", name_node(lw, name, name_span, v));
		tree_set(lw->a, m, "mountPath", mount_path);
		struct tree *ro = tree_get(scratch, "readOnly");
		if (ro && ro->b)
			tree_set(lw->a, m, "readOnly", ro);
		struct tree *sub = tree_get(scratch, "subPath");
		if (sub)
			tree_set(lw->a, m, "subPath", sub);
		tree_push(lw->a, main_mounts, m);
	} else {
		const char *stray = tree_get(scratch, "readOnly") ? "read-only"
		                    : tree_get(scratch, "subPath") ? "sub-path"
		                                                   : NULL;
		if (stray) {
			struct tree *t = tree_get(scratch, stray[0] == 'r' ? "readOnly" : "subPath");
			diag_error(lw->d, node_span(lw, t), NULL,
			           "'%s' describes the mount, and volume '%s' has no 'mount'", stray, name);
			note_provenance(lw, node_value(t));
			lw->failed = true;
		}
	}
}

/* ---- the Job ------------------------------------------------------------ */

/* Puts every field of the record in its place. */
static void lower_record(struct lowerer *lw, struct tree *main, struct tree *containers,
                         struct tree *inits, struct tree *volumes, struct tree *main_mounts)
{
	struct arena *a = lw->a;
	struct tree *obj = lw->obj;
	const struct job_record *job = lw->job;
	for (uint32_t k = 0; k < job->fields->n; k++) {
		const struct vmap_entry *e = &job->fields->e[k];
		const struct value *v = e->value;
		const struct field *f = field_find(&schema_job, e->key);
		if (!f)
			continue;
		if (field_in(&schema_container, f)) {
			lower_into(lw, &schema_container, f, v, main, "spec.template.spec.containers[0]");
			continue;
		}
		if (!version_ok(lw, f->since, f->name, NULL, v, f->k8s))
			continue;
		if (f->type == FT_NAMED) {
			if (v->kind != V_MAP) {
				type_error(lw, f, v, NULL);
				continue;
			}
			for (uint32_t i = 0; i < v->map->n; i++) {
				const struct vmap_entry *ne = &v->map->e[i];
				if (ne->value->kind != V_MAP) {
					type_error(lw, f, ne->value, NULL);
					continue;
				}
				if (!strcmp(f->name, "volume")) {
					char *path = arena_printf(a, "spec.template.spec.volumes[%u]", volumes->list.n);
					lower_volume(lw, ne->key, ne->key_span, ne->value, path, volumes, main_mounts);
				} else {
					bool init = !strcmp(f->name, "init");
					struct tree *into = init ? inits : containers;
					char *path = arena_printf(a, "spec.template.spec.%s[%u]",
					                          init ? "initContainers" : "containers",
					                          into->list.n + (init ? 0 : 1));
					tree_push(a, into, lower_container(lw, f->sub, ne->key, ne->key_span,
					                                   ne->value, path));
				}
			}
			continue;
		}
		if (!strcmp(f->name, "indexed")) {
			if (v->kind != V_BOOL) {
				type_error(lw, f, v, NULL);
				continue;
			}
			tree_set_path(a, obj, f->k8s, node(tree_cstr(a, v->b ? "Indexed" : "NonIndexed"), v));
			continue;
		}
		if (f->flags & F_SETTING) {
			/* jobc's own: no Kubernetes field */
			struct tree *t = convert(lw, f, v, f->name);
			if (t && !strcmp(f->name, "require-limits") && t->b)
				lw->require_limits = v;
			continue;
		}
		if (!strcmp(f->name, "job-labels")) {
			/* merged into metadata.labels after the pods got theirs */
			struct tree *t = convert(lw, f, v, f->k8s);
			if (t)
				lw->job_labels = t;
			continue;
		}
		if (f->flags & F_PLANTON) {
			/* not part of the Job: planton.c reads it with --emit planton */
			struct tree *t = convert(lw, f, v, f->k8s);
			if (t)
				lw->planton_settings = t;
			continue;
		}
		if (!strcmp(f->name, "container-name")) {
			struct tree *t = convert(lw, f, v, f->k8s);
			if (t)
				tree_set(a, main, "name", t);
			continue;
		}
		struct tree *t = convert(lw, f, v, f->k8s);
		if (!t)
			continue;
		if (!strcmp(f->name, "image-pull-secrets")) {
			struct tree *list = node(tree_list(a), v);
			for (uint32_t i = 0; i < t->list.n; i++) {
				struct tree *s = node(tree_map(a), v->list.v[i]);
				tree_set(a, s, "name", t->list.v[i]);
				tree_push(a, list, s);
			}
			t = list;
		}
		if ((t->kind == TREE_LIST && t->list.n == 0) || (t->kind == TREE_MAP && t->map.n == 0 &&
		                                                 f->type != FT_BLOCK))
			continue;
		tree_set_path(a, obj, f->k8s, t);
	}
}

/* labels go on the pods too (pod-labels on top), so pods can be found by
 * them; a CronJob gets its own metadata and the Job template's. */
static void place_labels(struct lowerer *lw)
{
	struct arena *a = lw->a;
	struct tree *obj = lw->obj;
	struct tree *labels = tree_path(obj, "metadata.labels");
	struct tree *pod_labels = tree_path(obj, "spec.template.metadata.labels");
	if (labels) {
		struct tree *merged = tree_map(a);
		merged->span = labels->span;
		merged->src = labels->src;
		for (uint32_t i = 0; i < labels->map.n; i++)
			tree_append_at(a, merged, labels->map.v[i].key, labels->map.v[i].key_span,
			               labels->map.v[i].value);
		for (uint32_t i = 0; pod_labels && i < pod_labels->map.n; i++)
			tree_set(a, merged, pod_labels->map.v[i].key, pod_labels->map.v[i].value);
		tree_set_path(a, obj, "spec.template.metadata.labels", merged);
	}
	/* job-labels: on the Job only */
	struct tree *jl = lw->job_labels;
	if (jl && jl->map.n) {
		struct tree *into = labels;
		if (!into) {
			into = tree_map(a);
			into->span = jl->span;
			into->src = jl->src;
			tree_set_path(a, obj, "metadata.labels", into);
		} else {
			/* a copy: the pods' map must not change */
			struct tree *copy = tree_map(a);
			copy->span = labels->span;
			copy->src = labels->src;
			for (uint32_t i = 0; i < labels->map.n; i++)
				tree_append_at(a, copy, labels->map.v[i].key, labels->map.v[i].key_span,
				               labels->map.v[i].value);
			into = copy;
			tree_set_path(a, obj, "metadata.labels", into);
		}
		for (uint32_t i = 0; i < jl->map.n; i++)
			tree_set(a, into, jl->map.v[i].key, jl->map.v[i].value);
	}
}

/* The Job, as a CronJob's template. */
static struct tree *wrap_cron(struct lowerer *lw)
{
	struct arena *a = lw->a;
	struct tree *job = lw->obj;
	struct tree *spec = tree_get(job, "spec");
	struct tree *cron = tree_map(a);
	tree_set(a, cron, "apiVersion", tree_cstr(a, "batch/v1"));
	tree_set(a, cron, "kind", tree_cstr(a, "CronJob"));
	struct tree *meta = tree_get(job, "metadata");
	tree_set(a, cron, "metadata", meta);
	struct tree *cspec = tree_map(a);
	/* the CronJob's own fields come out of the Job spec */
	static const char *const own[] = {
		"schedule", "timeZone", "concurrencyPolicy", "startingDeadlineSeconds",
		"successfulJobsHistoryLimit", "failedJobsHistoryLimit", "suspend",
	};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
		struct tree *t = tree_get(spec, own[i]);
		if (t) {
			tree_set(a, cspec, own[i], t);
			tree_remove(spec, own[i]);
		}
	}
	struct tree *tmpl = tree_map(a);
	struct tree *tmeta = tree_map(a);
	struct tree *labels = tree_get(meta, "labels"), *annotations = tree_get(meta, "annotations");
	if (labels)
		tree_set(a, tmeta, "labels", labels);
	if (annotations)
		tree_set(a, tmeta, "annotations", annotations);
	if (tmeta->map.n)
		tree_set(a, tmpl, "metadata", tmeta);
	tree_set(a, tmpl, "spec", spec);
	tree_set(a, cspec, "jobTemplate", tmpl);
	tree_set(a, cron, "spec", cspec);
	return cron;
}

/* --defaults explicit: every default the API server would apply. */
static void set_default(struct lowerer *lw, struct tree *t, const char *key, struct tree *v)
{
	if (!tree_get(t, key))
		tree_set(lw->a, t, key, v);
}

static void container_defaults(struct lowerer *lw, struct tree *c)
{
	struct arena *a = lw->a;
	set_default(lw, c, "terminationMessagePath", tree_cstr(a, "/dev/termination-log"));
	set_default(lw, c, "terminationMessagePolicy", tree_cstr(a, "File"));
	struct tree *image = tree_get(c, "image");
	if (image && image->kind == TREE_STR) {
		/* Always for :latest or no tag, IfNotPresent otherwise */
		const char *s = image->str.s;
		uint32_t n = image->str.len;
		const char *slash = NULL, *colon = NULL;
		bool digest = false;
		for (uint32_t i = 0; i < n; i++) {
			if (s[i] == '/')
				slash = s + i, colon = NULL;
			else if (s[i] == ':')
				colon = s + i;
			else if (s[i] == '@')
				digest = true;
		}
		(void)slash;
		bool latest = !digest && (!colon || ((size_t)(s + n - colon - 1) == 6 &&
		                                     memcmp(colon + 1, "latest", 6) == 0));
		set_default(lw, c, "imagePullPolicy", tree_cstr(a, latest ? "Always" : "IfNotPresent"));
	}
	/* SetDefaults_ObjectFieldSelector: a field() value's apiVersion is v1 */
	struct tree *envs = tree_get(c, "env");
	for (uint32_t i = 0; envs && i < envs->list.n; i++) {
		struct tree *ref = tree_path(envs->list.v[i], "valueFrom.fieldRef");
		if (ref)
			set_default(lw, ref, "apiVersion", tree_cstr(a, "v1"));
	}
	struct tree *ports = tree_get(c, "ports");
	for (uint32_t i = 0; ports && i < ports->list.n; i++)
		set_default(lw, ports->list.v[i], "protocol", tree_cstr(a, "TCP"));
	static const char *const probes[] = {"livenessProbe", "readinessProbe", "startupProbe"};
	for (size_t k = 0; k < 3; k++) {
		struct tree *p = tree_get(c, probes[k]);
		if (!p)
			continue;
		/* SetDefaults_Probe: a missing or 0 value gets the default */
		static const struct {
			const char *key;
			int64_t v;
		} pd[] = {{"timeoutSeconds", 1}, {"periodSeconds", 10}, {"successThreshold", 1},
		          {"failureThreshold", 3}};
		for (size_t i = 0; i < 4; i++) {
			struct tree *x = tree_get(p, pd[i].key);
			if (!x || (x->kind == TREE_INT && x->i == 0))
				tree_set(a, p, pd[i].key, tree_int(a, pd[i].v));
		}
		struct tree *h = tree_get(p, "httpGet");
		if (h) {
			set_default(lw, h, "path", tree_cstr(a, "/"));
			set_default(lw, h, "scheme", tree_cstr(a, "HTTP"));
		}
	}
}

static void explicit_job_defaults(struct lowerer *lw, struct tree *spec);
static void explicit_pod_defaults(struct lowerer *lw, struct tree *pod);

/* What the API server's defaulting adds.  A Job gets SetDefaults_Job and
 * the pod defaults; a CronJob's job template gets only the pod defaults
 * (the Job defaults come when the CronJob creates each Job). */
static void explicit_defaults(struct lowerer *lw)
{
	struct tree *spec = tree_get(lw->obj, "spec");
	if (!lw->cron)
		explicit_job_defaults(lw, spec);
	explicit_pod_defaults(lw, tree_path(spec, "template.spec"));
}

static void explicit_job_defaults(struct lowerer *lw, struct tree *spec)
{
	struct arena *a = lw->a;
	bool per_index = tree_get(spec, "backoffLimitPerIndex") != NULL;
	set_default(lw, spec, "backoffLimit", tree_int(a, per_index ? 2147483647 : 6));
	struct tree *comp = tree_get(spec, "completions"), *par = tree_get(spec, "parallelism");
	if (!comp && !par)
		set_default(lw, spec, "completions", tree_int(a, 1));
	set_default(lw, spec, "parallelism", tree_int(a, 1));
	set_default(lw, spec, "completionMode", tree_cstr(a, "NonIndexed"));
	set_default(lw, spec, "suspend", tree_bool(a, false));
	set_default(lw, spec, "manualSelector", tree_bool(a, false));
	/* the JobPodReplacementPolicy gate is on from 1.29 */
	bool pfp = tree_get(spec, "podFailurePolicy") != NULL;
	if (lw->opt->kube_version >= 129)
		set_default(lw, spec, "podReplacementPolicy",
		            tree_cstr(a, pfp ? "Failed" : "TerminatingOrFailed"));
	struct tree *rules_ = tree_path(spec, "podFailurePolicy.rules");
	for (uint32_t i = 0; rules_ && i < rules_->list.n; i++) {
		struct tree *conds = tree_get(rules_->list.v[i], "onPodConditions");
		for (uint32_t k = 0; conds && k < conds->list.n; k++)
			set_default(lw, conds->list.v[k], "status", tree_cstr(a, "True"));
	}
	/* a Job without labels gets its pod template's */
	struct tree *tlabels = tree_path(spec, "template.metadata.labels");
	struct tree *meta = tree_get(lw->obj, "metadata");
	if (tlabels && tlabels->map.n && !tree_get(meta, "labels"))
		tree_set(a, meta, "labels", tlabels);
}

static void explicit_pod_defaults(struct lowerer *lw, struct tree *pod)
{
	struct arena *a = lw->a;
	set_default(lw, pod, "dnsPolicy", tree_cstr(a, "ClusterFirst"));
	set_default(lw, pod, "schedulerName", tree_cstr(a, "default-scheduler"));
	set_default(lw, pod, "securityContext", tree_map(a));
	set_default(lw, pod, "terminationGracePeriodSeconds", tree_int(a, 30));
	static const char *const lists[] = {"containers", "initContainers"};
	for (size_t k = 0; k < 2; k++) {
		struct tree *cs = tree_get(pod, lists[k]);
		for (uint32_t i = 0; cs && i < cs->list.n; i++)
			container_defaults(lw, cs->list.v[i]);
	}
	struct tree *vols = tree_get(pod, "volumes");
	for (uint32_t i = 0; vols && i < vols->list.n; i++) {
		static const char *const srcs[] = {"configMap", "secret"};
		for (size_t k = 0; k < 2; k++) {
			struct tree *s = tree_get(vols->list.v[i], srcs[k]);
			if (s)
				set_default(lw, s, "defaultMode", tree_int(a, 420));
		}
	}
}

static void explicit_cron_defaults(struct lowerer *lw, struct tree *cron)
{
	struct arena *a = lw->a;
	struct tree *spec = tree_get(cron, "spec");
	set_default(lw, spec, "concurrencyPolicy", tree_cstr(a, "Allow"));
	set_default(lw, spec, "suspend", tree_bool(a, false));
	set_default(lw, spec, "successfulJobsHistoryLimit", tree_int(a, 3));
	set_default(lw, spec, "failedJobsHistoryLimit", tree_int(a, 1));
}

bool lower_job(struct arena *a, struct diagnostics *d, const struct job_record *job,
               const struct lower_opts *opt, struct job_model *out)
{
	struct lowerer lw = {a, d, job, opt, false, job->incomplete, NULL, d->errors, NULL, NULL, NULL};
	unsigned before = d->errors;
	for (uint32_t k = 0; k < job->fields->n; k++) {
		const struct field *f = field_find(&schema_job, job->fields->e[k].key);
		if (f && !strcmp(f->name, "schedule"))
			lw.cron = true;
	}

	struct tree *obj = tree_map(a);
	lw.obj = obj;
	tree_set(a, obj, "apiVersion", tree_cstr(a, "batch/v1"));
	tree_set(a, obj, "kind", tree_cstr(a, "Job"));
	struct tree *meta = tree_child_map(a, obj, "metadata");
	struct tree *name = tree_str(a, job->name, strlen(job->name));
	name->span = job->name_span;
	tree_set(a, meta, "name", name);

	struct tree *main = tree_map(a);
	struct tree *jname = tree_str(a, job->name, strlen(job->name));
	jname->span = job->name_span;
	tree_set(a, main, "name", jname);
	struct tree *extra = tree_list(a), *inits = tree_list(a), *volumes = tree_list(a);
	struct tree *main_mounts = tree_list(a);
	lower_record(&lw, main, extra, inits, volumes, main_mounts);

	/* Mounts from volume blocks come after the container's own. */
	if (main_mounts->list.n) {
		struct tree *mounts = tree_get(main, "volumeMounts");
		if (!mounts) {
			mounts = tree_list(a);
			tree_set(a, main, "volumeMounts", mounts);
		}
		for (uint32_t i = 0; i < main_mounts->list.n; i++)
			tree_push(a, mounts, main_mounts->list.v[i]);
	}
	struct tree *containers = tree_list(a);
	tree_push(a, containers, main);
	for (uint32_t i = 0; i < extra->list.n; i++)
		tree_push(a, containers, extra->list.v[i]);
	tree_set_path(a, obj, "spec.template.spec.containers", containers);
	if (inits->list.n)
		tree_set_path(a, obj, "spec.template.spec.initContainers", inits);
	if (volumes->list.n)
		tree_set_path(a, obj, "spec.template.spec.volumes", volumes);
	place_labels(&lw);
	/* restartPolicy must be written: the pod default, Always, is invalid. */
	if (!tree_path(obj, "spec.template.spec.restartPolicy"))
		tree_set_path(a, obj, "spec.template.spec.restartPolicy", tree_cstr(a, "Never"));

	check_job(&lw);
	if (d->errors != before || lw.failed)
		return false;
	out->name = job->name;
	struct tree *ns = tree_path(obj, "metadata.namespace");
	out->ns = ns ? arena_strndup(a, ns->str.s, ns->str.len) : NULL;
	out->cron = lw.cron;
	out->planton = NULL;
	if (opt->target == EMIT_PLANTON) {
		/* from the minimal Job: Planton has defaults of its own */
		out->planton = planton_lower(&lw);
		if (!out->planton || d->errors != before)
			return false;
	}
	if (opt->explicit_defaults)
		explicit_defaults(&lw);
	struct tree *res = obj;
	if (lw.cron) {
		res = wrap_cron(&lw);
		if (opt->explicit_defaults)
			explicit_cron_defaults(&lw, res);
	}
	tree_sort(res);
#ifdef JOBC_GUARD /* debug and test builds: the whole object against the OpenAPI document */
	k8s_guard(res, lw.cron, job->name);
#endif
	out->obj = res;
	return true;
}
