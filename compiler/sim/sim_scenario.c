/* sim_scenario.c - the scenarios of jobc simulate: --pod SPEC, the
 * built-in scenarios and scenario files (sim_job.h).
 *
 * A spec is one pod's outcome:
 *
 *   spec := [ "index=" N ":" ] item { "," item }
 *   item := "exit=" [ CONTAINER "=" ] CODE | "after=" DURATION | "evicted"
 *         | "succeed" | "fail" | "condition=" TYPE
 *
 * with spaces allowed around items; docs/simulate.md says what each item
 * means.  A scenario file holds one spec a line; '#' starts a comment.
 */
#include "sim_job.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fileio.h"
#include "units.h"

/* ---- one spec ------------------------------------------------------------------ */

struct reader {
	const char *s;
	size_t len, i;
	unsigned *col;
	char *why;
	size_t whysize;
};

static bool fail_at(struct reader *r, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail_at(struct reader *r, size_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->why, r->whysize, fmt, ap);
	va_end(ap);
	*r->col = (unsigned)at + 1;
	return false;
}

static void skip_spaces(struct reader *r)
{
	while (r->i < r->len && (r->s[r->i] == ' ' || r->s[r->i] == '\t'))
		r->i++;
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.';
}

/* A word at r->i: [A-Za-z0-9._-]+.  Returns its length (0: none). */
static size_t word(const struct reader *r)
{
	size_t n = 0;
	while (r->i + n < r->len && word_char(r->s[r->i + n]))
		n++;
	return n;
}

/* An integer (optionally negative) from lo to hi at r->i. */
static bool read_int(struct reader *r, const char *after, long long lo, long long hi, long long *v)
{
	size_t start = r->i, i = r->i;
	if (i < r->len && r->s[i] == '-')
		i++;
	if (i >= r->len || !isdigit((unsigned char)r->s[i]))
		return fail_at(r, start, "expected a number after '%s'", after);
	long long n = 0;
	bool neg = r->s[start] == '-';
	for (; i < r->len && isdigit((unsigned char)r->s[i]); i++) {
		n = n * 10 + (r->s[i] - '0');
		if (n > (long long)INT_MAX + 1)
			return fail_at(r, start, "the number after '%s' is too large", after);
	}
	if (neg)
		n = -n;
	if (n < lo || n > hi)
		return fail_at(r, start, "the number after '%s' must be %lld to %lld", after, lo, hi);
	r->i = i;
	*v = n;
	return true;
}

static bool expect_eq(struct reader *r, const char *item)
{
	if (r->i < r->len && r->s[r->i] == '=') {
		r->i++;
		return true;
	}
	return fail_at(r, r->i, "expected '=' after '%s'", item);
}

static bool add_exit(struct reader *r, struct sim_pod_spec *p, size_t at, const char *name,
                     uint32_t nlen, int32_t code)
{
	for (unsigned k = 0; k < p->nexits; k++)
		if (p->exits[k].container_len == nlen &&
		    (!name || !memcmp(p->exits[k].container, name, nlen)))
			return fail_at(r, at, "the exit code of %s is given twice",
			               name ? "this container" : "the main container");
	if (p->nexits == SIM_MAX_EXITS)
		return fail_at(r, at, "at most %d exit codes a pod", SIM_MAX_EXITS);
	p->exits[p->nexits++] = (struct sim_exit){name, nlen, code};
	return true;
}

#define ITEMS "exit=N, exit=CONTAINER=N, after=DURATION, evicted, succeed, fail, condition=TYPE"

/* One item of a spec at r->i. */
static bool read_item(struct reader *r, struct sim_pod_spec *p)
{
	size_t at = r->i, n = word(r);
	const char *w = r->s + at;
	if (n == 0)
		return fail_at(r, at, "expected an outcome: " ITEMS);
	r->i += n;
#define IS(lit) (n == sizeof lit - 1 && !memcmp(w, lit, n))
	if (IS("exit")) {
		if (!expect_eq(r, "exit"))
			return false;
		const char *name = NULL;
		uint32_t nlen = 0;
		size_t cn = word(r);
		if (cn && r->i + cn < r->len && r->s[r->i + cn] == '=' && !isdigit((unsigned char)r->s[r->i])) {
			name = r->s + r->i;
			nlen = (uint32_t)cn;
			r->i += cn + 1;
		}
		long long v;
		if (!read_int(r, name ? "exit=CONTAINER=" : "exit=", INT32_MIN, INT32_MAX, &v))
			return false;
		return add_exit(r, p, at, name, nlen, (int32_t)v);
	}
	if (IS("after")) {
		if (!expect_eq(r, "after"))
			return false;
		size_t start = r->i, dn = word(r);
		const char *why;
		int64_t secs;
		if (dn == 0)
			return fail_at(r, start, "expected a duration after 'after=', such as 90s or 2m");
		if (!duration_parse(r->s + start, (uint32_t)dn, &secs, &why))
			return fail_at(r, start, "'%.*s' is not a valid duration: %s", (int)dn, r->s + start, why);
		if (p->after >= 0)
			return fail_at(r, at, "after= is given twice");
		p->after = secs;
		r->i += dn;
		return true;
	}
	if (IS("evicted")) {
		if (p->condition)
			return fail_at(r, at, "a pod is evicted once, with one condition");
		p->evicted = true;
		p->condition = "DisruptionTarget";
		p->condition_len = 16;
		return true;
	}
	if (IS("succeed"))
		return add_exit(r, p, at, NULL, 0, 0);
	if (IS("fail"))
		return add_exit(r, p, at, NULL, 0, 1);
	if (IS("condition")) {
		if (!expect_eq(r, "condition"))
			return false;
		size_t cn = word(r);
		if (cn == 0)
			return fail_at(r, r->i, "expected a condition type after 'condition=', such as "
			                        "DisruptionTarget");
		if (p->condition)
			return fail_at(r, at, "condition= is given twice, or with evicted");
		p->condition = r->s + r->i;
		p->condition_len = (uint32_t)cn;
		r->i += cn;
		return true;
	}
	if (IS("index"))
		return fail_at(r, at, "index=N: goes first, before the outcome");
#undef IS
	return fail_at(r, at, "unknown item '%.*s' (the items: " ITEMS ")", (int)n, w);
}

/* Reads the spec s[0..len) into *p. */
static bool read_spec(const char *s, size_t len, struct sim_pod_spec *p, unsigned *col, char *why,
                      size_t whysize)
{
	struct reader r = {s, len, 0, col, why, whysize};
	memset(p, 0, sizeof *p);
	p->index = -1;
	p->after = -1;
	skip_spaces(&r);
	if (len - r.i >= 6 && !memcmp(s + r.i, "index=", 6)) {
		r.i += 6;
		long long v;
		if (!read_int(&r, "index=", 0, INT32_MAX - 1, &v))
			return false;
		p->index = v;
		skip_spaces(&r);
		if (r.i >= len || s[r.i] != ':')
			return fail_at(&r, r.i, "expected ':' after index=%lld", v);
		r.i++;
	}
	for (;;) {
		skip_spaces(&r);
		if (!read_item(&r, p))
			return false;
		skip_spaces(&r);
		if (r.i >= len)
			return true;
		if (s[r.i] != ',')
			return fail_at(&r, r.i, "expected ',' between items, got '%c'", s[r.i]);
		r.i++;
	}
}

static void push(struct sim_scenario *s, const struct sim_pod_spec *p)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->specs = xrealloc(s->specs, sizeof *s->specs * s->cap);
	}
	s->specs[s->n++] = *p;
}

bool sim_scenario_add(struct sim_scenario *s, const char *spec, unsigned *col, char *why,
                      size_t whysize)
{
	struct sim_pod_spec p;
	if (!read_spec(spec, strlen(spec), &p, col, why, whysize))
		return false;
	push(s, &p);
	return true;
}

/* ---- built-in scenarios -------------------------------------------------------- */

static const struct {
	const char *name;
	enum sim_builtin b;
} builtins[] = {
	{"all-succeed", SIM_LIST},
	{"all-fail", SIM_ALL_FAIL},
	{"flaky", SIM_FLAKY},
	{"evictions", SIM_EVICTIONS},
};

const char *sim_scenario_builtins(void)
{
	return "all-succeed, all-fail, flaky or evictions";
}

bool sim_scenario_builtin(struct sim_scenario *s, const char *name, uint64_t seed)
{
	for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
		if (!strcmp(builtins[i].name, name)) {
			s->builtin = builtins[i].b;
			s->seed = seed;
			return true;
		}
	return false;
}

/* splitmix64: a fixed, portable mix, so that flaky's pods are the same on
 * every machine and in every version of jobc. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

void sim_scenario_default(const struct sim_scenario *s, unsigned nth, struct sim_pod_spec *out)
{
	memset(out, 0, sizeof *out);
	out->index = -1;
	out->after = -1;
	switch (s->builtin) {
	case SIM_LIST:
		break;
	case SIM_ALL_FAIL:
		out->exits[out->nexits++] = (struct sim_exit){NULL, 0, 1};
		break;
	case SIM_FLAKY: {
		/* one pod in three exits 1; each runs 30s to 2m (10 s steps) */
		uint64_t r = mix(s->seed * 0x100000001b3ull + nth);
		if (r % 3 == 0)
			out->exits[out->nexits++] = (struct sim_exit){NULL, 0, 1};
		out->after = 30 + (int64_t)((r >> 8) % 10) * 10;
		break;
	}
	case SIM_EVICTIONS:
		if (nth % 2 == 0) {
			out->evicted = true;
			out->condition = "DisruptionTarget";
			out->condition_len = 16;
		}
		break;
	}
}

/* ---- scenario files ------------------------------------------------------------ */

bool sim_scenario_file(struct sim_scenario *s, const char *path, FILE *err)
{
	const char *why;
	size_t len;
	char *text = file_read(path, 1u << 24, &len, &why);
	if (!text) {
		fprintf(err, "jobc: error: cannot read scenario file '%s': %s\n", path, why);
		return false;
	}
	xfree(s->text);
	s->text = text;
	bool ok = true;
	unsigned line = 1;
	for (size_t i = 0; i < len; line++) {
		size_t start = i, end = i;
		while (end < len && text[end] != '\n')
			end++;
		i = end < len ? end + 1 : end;
		size_t stop = start;
		while (stop < end && text[stop] != '#')
			stop++;
		while (stop > start && (text[stop - 1] == ' ' || text[stop - 1] == '\t' ||
		                        text[stop - 1] == '\r'))
			stop--;
		size_t first = start;
		while (first < stop && (text[first] == ' ' || text[first] == '\t'))
			first++;
		if (first == stop)
			continue;
		struct sim_pod_spec p;
		unsigned col;
		char msg[256];
		if (!read_spec(text + start, stop - start, &p, &col, msg, sizeof msg)) {
			fprintf(err, "%s:%u:%u: error: %s\n", path, line, col, msg);
			ok = false;
			continue;
		}
		push(s, &p);
	}
	return ok;
}

void sim_scenario_free(struct sim_scenario *s)
{
	xfree(s->specs);
	xfree(s->text);
	memset(s, 0, sizeof *s);
}
