/* check_util.c - the readers the rule groups share: messages as the API
 * server words them, spans, and the few facts more than one group asks
 * about the Job.  (The one-liners are in check_internal.h.)
 */
#include <inttypes.h>

#include "check_internal.h"

#include "names.h"

const char *invalid(struct job_ctx *cx, const struct tree *t, const char *why)
{
	if (t && t->kind == TREE_STR)
		return arena_printf(cx->a, "Invalid value: \"%.*s\": %s",
		                    t->str.len > 80 ? 80 : (int)t->str.len, t->str.s, why);
	if (t && t->kind == TREE_INT)
		return arena_printf(cx->a, "Invalid value: %" PRId64 ": %s", t->i, why);
	return arena_printf(cx->a, "Invalid value: %s", why);
}

const char *escaped(struct job_ctx *cx, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			buf_printf(&b, "\\n");
		else if (c == '\t')
			buf_printf(&b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(&b, "\\x%02x", c);
		else
			buf_printf(&b, "%c", c);
	}
	char *out = arena_strndup(cx->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

struct span key_span(struct job_ctx *cx, const struct tree *m, uint32_t i)
{
	if (span_valid(m->map.v[i].key_span))
		return m->map.v[i].key_span;
	return node_span(cx, m->map.v[i].value);
}

bool manual_selector(struct job_ctx *cx)
{
	const struct tree *m = tree_path(cx->obj, "spec.manualSelector");
	return m && m->kind == TREE_BOOL && m->b;
}

/* ---- label selectors ---------------------------------------------------- */

static bool in_values(const struct tree *values, const struct tree *v)
{
	for (uint32_t i = 0; values && values->kind == TREE_LIST && i < values->list.n; i++)
		if (v && tree_equal(values->list.v[i], v))
			return true;
	return false;
}

bool selector_matches(const struct tree *sel, const struct tree *labels)
{
	const struct tree *ml = tree_get(sel, "matchLabels");
	for (uint32_t i = 0; ml && ml->kind == TREE_MAP && i < ml->map.n; i++) {
		const struct tree *have = tree_get(labels, ml->map.v[i].key);
		if (!have || !tree_equal(have, ml->map.v[i].value))
			return false;
	}
	const struct tree *me = tree_get(sel, "matchExpressions");
	for (uint32_t i = 0; me && me->kind == TREE_LIST && i < me->list.n; i++) {
		const struct tree *x = me->list.v[i], *key = tree_get(x, "key");
		const struct tree *have = key && key->kind == TREE_STR
		                              ? tree_getn(labels, key->str.s, key->str.len)
		                              : NULL;
		const struct tree *op = tree_get(x, "operator"), *values = tree_get(x, "values");
		bool ok = is_str(op, "In")            ? in_values(values, have)
		          : is_str(op, "NotIn")        ? !in_values(values, have)
		          : is_str(op, "Exists")       ? have != NULL
		          : is_str(op, "DoesNotExist") ? have == NULL
		                                       : false;
		if (!ok)
			return false;
	}
	return true;
}

/* JOB123: each of a selector's expressions, its key and operator
 * required (meta/v1 ValidateLabelSelectorRequirement: an empty operator
 * is the switch's default, an empty key fails ValidateLabelName). */
bool check_label_selector(struct job_ctx *cx, const struct tree *sel, const char *path)
{
	const struct tree *me = tree_get(sel, "matchExpressions");
	const char *why;
	unsigned before = cx->d->errors;
	for (uint32_t i = 0; me && me->kind == TREE_LIST && i < me->list.n; i++) {
		const struct tree *x = me->list.v[i], *key = tree_get(x, "key");
		const struct tree *op = tree_get(x, "operator"), *values = tree_get(x, "values");
		const char *xp = arena_printf(cx->a, "%s.matchExpressions[%u]", path, i);
		uint32_t nvalues = values && values->kind == TREE_LIST ? values->list.n : 0;
		if (key && key->kind == TREE_STR && (why = k8s_qualified_name(key->str.s, key->str.len)))
			REP(JOB123, key, arena_printf(cx->a, "%s.key", xp), invalid(cx, key, why),
			    "invalid label key '%.*s' in a selector", (int)key->str.len, key->str.s);
		else if (!key && (why = k8s_qualified_name("", 0)))
			REP(JOB123, x, arena_printf(cx->a, "%s.key", xp),
			    arena_printf(cx->a, "Invalid value: \"\": %s", why),
			    "a selector expression needs the label key it tests");
		if (!op) /* "" is no operator: the switch's default */
			REP(JOB123, x, arena_printf(cx->a, "%s.operator", xp),
			    "Invalid value: \"\": not a valid selector operator",
			    "a selector expression needs an operator: in, not-in, exists or does-not-exist");
		else if (is_str(op, "In") || is_str(op, "NotIn")) {
			if (!nvalues)
				REP(JOB123, values ? values : op, arena_printf(cx->a, "%s.values", xp),
				    "Required value: must be specified when `operator` is 'In' or 'NotIn'",
				    "operator %.*s needs values", (int)op->str.len, op->str.s);
		} else if (is_str(op, "Exists") || is_str(op, "DoesNotExist")) {
			if (nvalues)
				REP(JOB123, values, arena_printf(cx->a, "%s.values", xp),
				    "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
				    "operator %.*s takes no values", (int)op->str.len, op->str.s);
		} else if (op && op->kind == TREE_STR) { /* (another type is reported when lowered) */
			REP(JOB123, op, arena_printf(cx->a, "%s.operator", xp),
			    arena_printf(cx->a, "Invalid value: \"%.*s\": not a valid selector operator",
			                 (int)op->str.len, op->str.s),
			    "a selector's operator is In, NotIn, Exists or DoesNotExist");
		}
		for (uint32_t k = 0; k < nvalues; k++) {
			const struct tree *v = values->list.v[k];
			if (v->kind == TREE_STR && (why = k8s_label_value(v->str.s, v->str.len)))
				REP(JOB123, v, arena_printf(cx->a, "%s.values[%u]", xp, k), invalid(cx, v, why),
				    "invalid label value '%.*s' in a selector", (int)v->str.len, v->str.s);
		}
	}
	return cx->d->errors == before;
}

bool parse_int32(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	if (n && (s[0] == '+' || s[0] == '-'))
		neg = s[i++] == '-';
	if (i == n)
		return false;
	int64_t v = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
		if (v > 2147483648LL)
			return false;
	}
	if (neg ? v > 2147483648LL : v > 2147483647LL)
		return false;
	*out = neg ? -v : v;
	return true;
}

bool pod_has_container(struct job_ctx *cx, const char *name, size_t n)
{
	static const char *const lists[] = {"spec.template.spec.containers",
	                                    "spec.template.spec.initContainers"};
	for (size_t l = 0; l < 2; l++) {
		const struct tree *cs = tree_path(cx->obj, lists[l]);
		for (uint32_t i = 0; cs && i < cs->list.n; i++) {
			const struct tree *c = tree_get(cs->list.v[i], "name");
			if (c && c->kind == TREE_STR && c->str.len == n && !memcmp(c->str.s, name, n))
				return true;
		}
	}
	return false;
}

bool path_backsteps(const struct tree *p)
{
	for (uint32_t i = 0; p && p->kind == TREE_STR && i < p->str.len;) {
		uint32_t k = i;
		while (k < p->str.len && p->str.s[k] != '/')
			k++;
		if (k - i == 2 && p->str.s[i] == '.' && p->str.s[i + 1] == '.')
			return true;
		i = k + 1;
	}
	return false;
}

const char *descending_path(const struct tree *p)
{
	if (p->str.len && p->str.s[0] == '/')
		return "must be a relative path";
	return path_backsteps(p) ? "must not contain '..'" : NULL;
}

const char *local_path(const struct tree *p, bool *dot_start)
{
	const char *why = descending_path(p);
	*dot_start = !why && p->str.len >= 2 && !memcmp(p->str.s, "..", 2);
	return why ? why : *dot_start ? "must not start with '..'" : NULL;
}
