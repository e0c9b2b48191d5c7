/* eval_builtins.c - the builtin functions; see eval_builtins.h.
 *
 * Each function gets its arguments evaluated, as many as its row allows,
 * none named; it checks their types and makes its value, or reports and
 * returns NULL.
 */
#include "eval_builtins.h"
#include "bounds.h"

#include <inttypes.h>
#include <string.h>

#include "alloc.h"
#include "fields.h"

/* ---- strings within the limit ----------------------------------------- */

bool string_too_long(struct diagnostics *d, size_t len, struct span at)
{
	if (len <= JOBC_MAX_STRING)
		return false;
	diag_error(d, at, NULL, "this string would be %zu bytes, more than the limit of %u MiB", len,
	           JOBC_MAX_STRING >> 20);
	return true;
}

struct value *string_value(struct arena *a, struct diagnostics *d, const struct buf *b,
                           struct span at)
{
	if (string_too_long(d, b->len, at))
		return NULL;
	return val_str(a, arena_strndup(a, b->data ? b->data : "", b->len), (uint32_t)b->len, at);
}

bool string_append_text(struct arena *a, struct diagnostics *d, struct buf *out,
                        const struct value *v, struct span where, const char *what)
{
	if (val_to_text(out, v))
		return true;
	diag_error(d, where, NULL, "cannot use %s %s; only strings, numbers and bools have a text form",
	           val_describe_in(a, v), what);
	return false;
}

/* ---- arguments ---------------------------------------------------------- */

static struct span arg_span(const struct call *c, uint32_t i)
{
	return c->node->call.args.v[i]->span;
}

/* Whether argument i is a k; if not, an error: it must be `what`. */
static bool arg_is(const struct call *c, uint32_t i, enum val_kind k, const char *what)
{
	if (c->args[i]->kind == k)
		return true;
	diag_error(c->diag, arg_span(c, i), NULL, "argument %u of %s() must be %s, found %s", i + 1,
	           c->node->call.name, what, val_describe_in(c->arena, c->args[i]));
	return false;
}

static bool arg_str(const struct call *c, uint32_t i)
{
	return arg_is(c, i, V_STR, "a string");
}

static bool arg_int(const struct call *c, uint32_t i)
{
	return arg_is(c, i, V_INT, "an integer");
}

/* Whether every argument is a string. */
static bool args_str(const struct call *c)
{
	for (uint32_t i = 0; i < c->n; i++)
		if (!arg_str(c, i))
			return false;
	return true;
}

/* ---- the builtins ------------------------------------------------------- */

/* secret(name, key), configmap(name, key); with the name alone, the whole
 * object (for env-from). */
static struct value *env_ref(const struct call *c, enum val_kind kind)
{
	if (!args_str(c))
		return NULL;
	struct value *v = val_new(c->arena, kind, c->node->span);
	v->ref.name = c->args[0]->str.s;
	v->ref.key = c->n == 2 ? c->args[1]->str.s : NULL;
	return v;
}

static struct value *fn_secret(const struct call *c)
{
	return env_ref(c, V_SECRET);
}

static struct value *fn_configmap(const struct call *c)
{
	return env_ref(c, V_CONFIGMAP);
}

static struct value *fn_field(const struct call *c)
{
	if (!arg_str(c, 0))
		return NULL;
	struct value *v = val_new(c->arena, V_FIELDREF, c->node->span);
	v->ref.name = c->args[0]->str.s;
	return v;
}

static struct value *fn_resource(const struct call *c)
{
	if (!args_str(c))
		return NULL;
	struct value *v = val_new(c->arena, V_RESFIELD, c->node->span);
	v->ref.name = c->args[0]->str.s;
	v->ref.key = c->n >= 2 ? c->args[1]->str.s : NULL;
	v->ref.container = c->n == 3 ? c->args[2]->str.s : NULL;
	return v;
}

bool builtin_range_bounds(const struct call *c, int64_t *first, uint64_t *count)
{
	int64_t lo = 0, hi;
	if (c->n == 2) {
		if (!arg_int(c, 0) || !arg_int(c, 1))
			return false;
		lo = c->args[0]->i;
		hi = c->args[1]->i;
	} else {
		if (!arg_int(c, 0))
			return false;
		hi = c->args[0]->i;
	}
	*count = hi > lo ? (uint64_t)hi - (uint64_t)lo : 0;
	*first = lo;
	return true;
}

static struct value *fn_range(const struct call *c)
{
	int64_t lo;
	uint64_t count;
	if (!builtin_range_bounds(c, &lo, &count))
		return NULL;
	struct span at = c->node->span;
	if (count > JOBC_MAX_LIST) {
		diag_error(c->diag, at, NULL,
		           "range(%" PRId64 ", %" PRId64 ") would be a list of %" PRIu64
		           " items, more than the limit of %u (a for loop over range() makes no "
		           "list and has no such limit)",
		           lo, lo + (int64_t)count, count, JOBC_MAX_LIST);
		return NULL;
	}
	struct value *v = val_new(c->arena, V_LIST, at);
	v->list.n = (uint32_t)count;
	v->list.v = ARENA_ARRAY(c->arena, struct value *, count + 1);
	for (uint64_t i = 0; i < count; i++)
		v->list.v[i] = val_int(c->arena, lo + (int64_t)i, at);
	return v;
}

static struct value *fn_join(const struct call *c)
{
	const struct value *list = c->args[0], *sep = c->args[1];
	if (list->kind != V_LIST) {
		diag_error(c->diag, arg_span(c, 0), NULL, "argument 1 of join() must be a list, found %s",
		           val_describe_in(c->arena, list));
		return NULL;
	}
	if (!arg_str(c, 1))
		return NULL;
	struct span at = c->node->span;
	struct buf out = BUF_INIT;
	bool ok = true;
	for (uint32_t i = 0; i < list->list.n && ok; i++) {
		if (i)
			buf_put(&out, sep->str.s, sep->str.len);
		ok = string_append_text(c->arena, c->diag, &out, list->list.v[i], arg_span(c, 0),
		                        "in join()") &&
		     !string_too_long(c->diag, out.len, at);
	}
	struct value *v = ok ? string_value(c->arena, c->diag, &out, at) : NULL;
	buf_free(&out);
	return v;
}

/* lower(s), upper(s): ASCII letters only. */
static struct value *change_case(const struct call *c, bool upper)
{
	if (!arg_str(c, 0))
		return NULL;
	const struct value *x = c->args[0];
	char *s = arena_strndup(c->arena, x->str.s, x->str.len);
	for (uint32_t i = 0; i < x->str.len; i++) {
		if (!upper && s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
		else if (upper && s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
	}
	return val_str(c->arena, s, x->str.len, c->node->span);
}

static struct value *fn_lower(const struct call *c)
{
	return change_case(c, false);
}

static struct value *fn_upper(const struct call *c)
{
	return change_case(c, true);
}

static struct value *fn_replace(const struct call *c)
{
	if (!args_str(c))
		return NULL;
	const struct value *s = c->args[0], *old = c->args[1], *rep = c->args[2];
	if (old->str.len == 0) {
		diag_error(c->diag, arg_span(c, 1), NULL, "replace() cannot replace an empty string");
		return NULL;
	}
	struct buf out = BUF_INIT;
	for (uint32_t i = 0; i < s->str.len;) {
		if (out.len > JOBC_MAX_STRING)
			break; /* string_value reports it */
		if (i + old->str.len <= s->str.len &&
		    memcmp(s->str.s + i, old->str.s, old->str.len) == 0) {
			buf_put(&out, rep->str.s, rep->str.len);
			i += old->str.len;
		} else {
			buf_putc(&out, s->str.s[i++]);
		}
	}
	struct value *v = string_value(c->arena, c->diag, &out, c->node->span);
	buf_free(&out);
	return v;
}

static struct value *fn_len(const struct call *c)
{
	const struct value *x = c->args[0];
	int64_t len;
	if (x->kind == V_STR) {
		len = 0; /* characters, not bytes */
		for (uint32_t i = 0; i < x->str.len; i++)
			len += ((unsigned char)x->str.s[i] & 0xC0) != 0x80;
	} else if (x->kind == V_LIST) {
		len = x->list.n;
	} else if (x->kind == V_MAP) {
		len = x->map->n;
	} else {
		diag_error(c->diag, arg_span(c, 0), NULL, "len() needs a string, a list or a map, found %s",
		           val_describe_in(c->arena, x));
		return NULL;
	}
	return val_int(c->arena, len, c->node->span);
}

static struct value *fn_default(const struct call *c)
{
	return c->args[0]->kind == V_NULL ? c->args[1] : c->args[0];
}

/* ---- the table ---------------------------------------------------------- */

/* In the order the "unknown function" message lists them. */
static const struct builtin builtins[] = {
	{"secret", 1, 2, "secret(name, key), or secret(name) for env-from", fn_secret},
	{"configmap", 1, 2, "configmap(name, key), or configmap(name) for env-from", fn_configmap},
	{"field", 1, 1, "field(path)", fn_field},
	{"resource", 1, 3,
	 "resource(\"limits.cpu\"), resource(resource, divisor) or resource(resource, divisor, "
	 "container)",
	 fn_resource},
	{"range", 1, 2, "range(end) or range(start, end)", fn_range},
	{"join", 2, 2, "join(list, separator)", fn_join},
	{"lower", 1, 1, "lower(string)", fn_lower},
	{"upper", 1, 1, "upper(string)", fn_upper},
	{"replace", 3, 3, "replace(string, old, new)", fn_replace},
	{"len", 1, 1, "len(string, list or map)", fn_len},
	{"default", 2, 2, "default(value, fallback)", fn_default},
};

#define NBUILTINS (sizeof builtins / sizeof *builtins)

const struct builtin *builtin_find(const char *name)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

const struct builtin *builtin_nearest(const char *name, unsigned *distance)
{
	const struct builtin *best = &builtins[0];
	*distance = edit_distance(name, best->name);
	for (size_t i = 1; i < NBUILTINS; i++) {
		unsigned d = edit_distance(name, builtins[i].name);
		if (d < *distance)
			*distance = d, best = &builtins[i];
	}
	return best;
}

void builtin_list(struct buf *out)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		buf_printf(out, "%s%s", i == 0 ? "" : i + 1 < NBUILTINS ? ", " : " and ",
		           builtins[i].name);
}
