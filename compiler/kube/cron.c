/* cron.c - schedules and time zones; see cron.h. */
#include "cron.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct bounds {
	int min, max;
	const char *const *names; /* lower-case, index + names_base = value */
	int names_base;
};

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec", NULL};
static const char *const days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL};

static const struct bounds field_bounds[5] = {
	{0, 59, NULL, 0}, {0, 23, NULL, 0}, {1, 31, NULL, 0}, {1, 12, months, 1}, {0, 6, days, 0},
};

/* Go's strconv.Atoi on s[0..n), with its error text. */
static bool atoi_go(const char *s, size_t n, long long *out, char *err, size_t esz)
{
	size_t i = 0;
	bool neg = false;
	if (n && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n) {
		snprintf(err, esz, "strconv.Atoi: parsing \"%.*s\": invalid syntax", (int)n, s);
		return false;
	}
	unsigned long long v = 0;
	bool range = false;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			snprintf(err, esz, "strconv.Atoi: parsing \"%.*s\": invalid syntax", (int)n, s);
			return false;
		}
		if (v > (9223372036854775807ULL - (unsigned)(s[i] - '0')) / 10)
			range = true;
		else
			v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (range) {
		snprintf(err, esz, "strconv.Atoi: parsing \"%.*s\": value out of range", (int)n, s);
		return false;
	}
	*out = neg ? -(long long)v : (long long)v;
	return true;
}

/* robfig's mustParseInt */
static bool parse_int(const char *s, size_t n, long long *out, char *buf, size_t size)
{
	char err[160];
	if (!atoi_go(s, n, out, err, sizeof err)) {
		snprintf(buf, size, "failed to parse int from %.*s: %s", (int)n, s, err);
		return false;
	}
	if (*out < 0) {
		snprintf(buf, size, "negative number (%lld) not allowed: %.*s", *out, (int)n, s);
		return false;
	}
	return true;
}

/* robfig's parseIntOrName */
static bool int_or_name(const char *s, size_t n, const struct bounds *b, long long *out, char *buf,
                        size_t size)
{
	if (b->names)
		for (int i = 0; b->names[i]; i++)
			if (strlen(b->names[i]) == n && strncasecmp(b->names[i], s, n) == 0) {
				*out = i + b->names_base;
				return true;
			}
	return parse_int(s, n, out, buf, size);
}

/* robfig's getRange: one comma-separated item of a field, checked in the
 * same order, so that the first error is the same one. */
static bool get_range(const char *e, size_t n, const struct bounds *b, char *buf, size_t size)
{
	const char *slash = memchr(e, '/', n);
	size_t rn = slash ? (size_t)(slash - e) : n; /* rangeAndStep[0] */
	const char *hy = memchr(e, '-', rn);
	size_t ln = hy ? (size_t)(hy - e) : rn;       /* lowAndHigh[0] */
	bool single = !hy;
	long long start, end, step = 1;
	if (ln == 1 && (e[0] == '*' || e[0] == '?')) {
		start = b->min;
		end = b->max;
	} else {
		if (!int_or_name(e, ln, b, &start, buf, size))
			return false;
		if (!hy) {
			end = start;
		} else {
			const char *hs = hy + 1;
			size_t hn = rn - ln - 1;
			if (memchr(hs, '-', hn)) {
				snprintf(buf, size, "too many hyphens: %.*s", (int)n, e);
				return false;
			}
			if (!int_or_name(hs, hn, b, &end, buf, size))
				return false;
		}
	}
	if (slash) {
		if (memchr(slash + 1, '/', n - rn - 1)) {
			snprintf(buf, size, "too many slashes: %.*s", (int)n, e);
			return false;
		}
		if (!parse_int(slash + 1, n - rn - 1, &step, buf, size))
			return false;
		if (single)
			end = b->max; /* "N/step" means "N-max/step" */
	}
	if (start < b->min) {
		snprintf(buf, size, "beginning of range (%lld) below minimum (%d): %.*s", start, b->min,
		         (int)n, e);
		return false;
	}
	if (end > b->max) {
		snprintf(buf, size, "end of range (%lld) above maximum (%d): %.*s", end, b->max, (int)n, e);
		return false;
	}
	if (start > end) {
		snprintf(buf, size, "beginning of range (%lld) beyond end of range (%lld): %.*s", start, end,
		         (int)n, e);
		return false;
	}
	if (step == 0) {
		snprintf(buf, size, "step of range should be a positive number: %.*s", (int)n, e);
		return false;
	}
	return true;
}

/* Go's time.ParseDuration, for @every, overflow checks included. */
static bool go_duration(const char *s, char *err, size_t esz)
{
	static const struct {
		const char *name;
		uint64_t ns;
	} units[] = {
		{"ns", 1ULL},
		{"us", 1000ULL},
		{"\xc2\xb5s", 1000ULL}, /* U+00B5 micro sign */
		{"\xce\xbcs", 1000ULL}, /* U+03BC Greek mu */
		{"ms", 1000000ULL},
		{"s", 1000000000ULL},
		{"m", 60000000000ULL},
		{"h", 3600000000000ULL},
	};
	const uint64_t limit = 1ULL << 63;
	const char *orig = s;
	size_t n = strlen(s);
	size_t i = 0;
	bool neg = false;
	uint64_t d = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (n - i == 1 && s[i] == '0')
		return true;
	if (i == n)
		goto invalid;
	while (i < n) {
		if (s[i] != '.' && !isdigit((unsigned char)s[i]))
			goto invalid;
		/* [0-9]*: leadingInt, which fails past 1<<63 */
		size_t d0 = i;
		uint64_t v = 0;
		for (; i < n && isdigit((unsigned char)s[i]); i++) {
			if (v > limit / 10)
				goto invalid;
			v = v * 10 + (uint64_t)(s[i] - '0');
			if (v > limit)
				goto invalid;
		}
		bool pre = i > d0;
		/* (\.[0-9]*)?: leadingFraction, digits past overflow ignored */
		bool post = false;
		uint64_t f = 0;
		double scale = 1;
		if (i < n && s[i] == '.') {
			i++;
			size_t f0 = i;
			bool overflow = false;
			for (; i < n && isdigit((unsigned char)s[i]); i++) {
				if (overflow)
					continue;
				if (f > (limit - 1) / 10) {
					overflow = true;
					continue;
				}
				uint64_t y = f * 10 + (uint64_t)(s[i] - '0');
				if (y > limit) {
					overflow = true;
					continue;
				}
				f = y;
				scale *= 10;
			}
			post = i > f0;
		}
		if (!pre && !post)
			goto invalid;
		size_t u0 = i;
		while (i < n && s[i] != '.' && !isdigit((unsigned char)s[i]))
			i++;
		if (u0 == i) {
			snprintf(err, esz, "time: missing unit in duration \"%s\"", orig);
			return false;
		}
		uint64_t unit = 0;
		for (size_t k = 0; k < sizeof units / sizeof *units; k++)
			if (strlen(units[k].name) == i - u0 && strncmp(units[k].name, s + u0, i - u0) == 0)
				unit = units[k].ns;
		if (!unit) {
			snprintf(err, esz, "time: unknown unit \"%.*s\" in duration \"%s\"", (int)(i - u0),
			         s + u0, orig);
			return false;
		}
		if (v > limit / unit)
			goto invalid;
		v *= unit;
		if (f > 0) {
			v += (uint64_t)((double)f * ((double)unit / scale));
			if (v > limit)
				goto invalid;
		}
		d += v;
		if (d > limit)
			goto invalid;
	}
	if (!neg && d > limit - 1)
		goto invalid;
	return true;
invalid:
	snprintf(err, esz, "time: invalid duration \"%s\"", orig);
	return false;
}

const char *cron_check(const char *spec, char *buf, size_t size)
{
	if (!*spec) {
		snprintf(buf, size, "empty spec string");
		return buf;
	}
	if (spec[0] == '@') {
		static const char *const descriptors[] = {"@yearly", "@annually", "@monthly", "@weekly",
		                                          "@daily", "@midnight", "@hourly", NULL};
		for (int i = 0; descriptors[i]; i++)
			if (strcmp(spec, descriptors[i]) == 0)
				return NULL;
		if (strncmp(spec, "@every ", 7) == 0) {
			char err[256];
			if (go_duration(spec + 7, err, sizeof err))
				return NULL;
			snprintf(buf, size, "failed to parse duration %s: %s", spec, err);
			return buf;
		}
		snprintf(buf, size, "unrecognized descriptor: %s", spec);
		return buf;
	}
	/* strings.Fields: split on runs of white space */
	const char *fs[64];
	size_t fl[64];
	int nf = 0;
	for (const char *p = spec; *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*q && !isspace((unsigned char)*q))
			q++;
		if (nf < 64) {
			fs[nf] = p;
			fl[nf] = (size_t)(q - p);
		}
		nf++;
		p = q;
	}
	if (nf != 5) {
		int n = snprintf(buf, size, "expected exactly 5 fields, found %d: [", nf);
		for (int i = 0; i < nf && i < 64 && n > 0 && (size_t)n < size; i++)
			n += snprintf(buf + n, size - (size_t)n, "%s%.*s", i ? " " : "", (int)fl[i], fs[i]);
		if (n > 0 && (size_t)n < size)
			snprintf(buf + n, size - (size_t)n, "]");
		return buf;
	}
	for (int f = 0; f < 5; f++) {
		/* strings.FieldsFunc on ',': empty items are skipped */
		const char *p = fs[f], *end = fs[f] + fl[f];
		while (p < end) {
			const char *c = memchr(p, ',', (size_t)(end - p));
			size_t n = c ? (size_t)(c - p) : (size_t)(end - p);
			if (n && !get_range(p, n, &field_bounds[f], buf, size))
				return buf;
			p += n + (c ? 1 : 0);
		}
	}
	return NULL;
}

static bool tz_part_ok(const char *p, size_t n)
{
	if (n < 1 || n > 14)
		return false;
	if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.') || p[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)p[i]) && !strchr(".-_+", p[i]))
			return false;
	return true;
}

const char *tz_check(const char *tz, const char *zoneinfo, char *buf, size_t size)
{
	if (!*tz) {
		snprintf(buf, size, "timeZone must be nil or non-empty string");
		return buf;
	}
	if (strcasecmp(tz, "local") == 0) {
		snprintf(buf, size,
		         "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
		return buf;
	}
	/* the shape Go's time.LoadLocation accepts */
	for (const char *p = tz;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (!tz_part_ok(p, n)) {
			snprintf(buf, size, "unknown time zone %s", tz);
			return buf;
		}
		if (!slash)
			break;
		p = slash + 1;
	}
	/* and that the database has it: a TZif file */
	char path[512];
	snprintf(path, sizeof path, "%s/%s", zoneinfo ? zoneinfo : "/usr/share/zoneinfo", tz);
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char magic[4] = {0};
	bool ok = fd >= 0 && read(fd, magic, 4) == 4 && memcmp(magic, "TZif", 4) == 0;
	if (fd >= 0)
		close(fd);
	if (!ok) {
		snprintf(buf, size, "unknown time zone %s", tz);
		return buf;
	}
	return NULL;
}
