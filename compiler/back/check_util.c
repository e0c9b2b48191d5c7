/* check_util.c - the readers the rule groups share: messages as the API
 * server words them, spans, and the few facts more than one group asks
 * about the Job.  (The one-liners are in check_internal.h.)
 */
#include <inttypes.h>

#include "check_internal.h"

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
