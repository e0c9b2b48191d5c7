/* cron.c - schedules and time zones; see cron.h. */
#include "cron.h"

#include <ctype.h>
#include <stdbool.h>
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

/* The length of the UTF-8 sequence at p (a byte that starts none: 1, as
 * Go decodes it, to U+FFFD). */
static size_t utf8_width(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xc2 && u[0] < 0xe0 ? 2 : u[0] >= 0xe0 && u[0] < 0xf0 ? 3
	         : u[0] >= 0xf0 && u[0] < 0xf5                          ? 4
	                                                                 : 1;
	for (size_t i = 1; i < n; i++)
		if ((u[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* The code point of the valid UTF-8 sequence at p, or -1. */
static long utf8_rune(const char *p, size_t *width)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n = utf8_width(p);
	*width = n;
	if (n == 1)
		return u[0] < 0x80 ? u[0] : -1;
	long r = u[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++)
		r = r << 6 | (u[i] & 0x3f);
	static const long least[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (r < least[n] || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff))
		return -1; /* overlong or a surrogate: Go's RuneError */
	return r;
}

/* The characters outside ASCII that Go's unicode.IsSpace calls white space
 * (the White_Space property), and those that look like spaces but are none
 * (format characters), by name. */
static const struct {
	long rune;
	bool white;
	const char *name;
} unicode_spaces[] = {
	{0x85, true, "U+0085 NEXT LINE"},
	{0xa0, true, "U+00A0 NO-BREAK SPACE"},
	{0x1680, true, "U+1680 OGHAM SPACE MARK"},
	{0x180e, false, "U+180E MONGOLIAN VOWEL SEPARATOR"},
	{0x2000, true, "U+2000 EN QUAD"},
	{0x2001, true, "U+2001 EM QUAD"},
	{0x2002, true, "U+2002 EN SPACE"},
	{0x2003, true, "U+2003 EM SPACE"},
	{0x2004, true, "U+2004 THREE-PER-EM SPACE"},
	{0x2005, true, "U+2005 FOUR-PER-EM SPACE"},
	{0x2006, true, "U+2006 SIX-PER-EM SPACE"},
	{0x2007, true, "U+2007 FIGURE SPACE"},
	{0x2008, true, "U+2008 PUNCTUATION SPACE"},
	{0x2009, true, "U+2009 THIN SPACE"},
	{0x200a, true, "U+200A HAIR SPACE"},
	{0x200b, false, "U+200B ZERO WIDTH SPACE"},
	{0x2028, true, "U+2028 LINE SEPARATOR"},
	{0x2029, true, "U+2029 PARAGRAPH SEPARATOR"},
	{0x202f, true, "U+202F NARROW NO-BREAK SPACE"},
	{0x205f, true, "U+205F MEDIUM MATHEMATICAL SPACE"},
	{0x2060, false, "U+2060 WORD JOINER"},
	{0x3000, true, "U+3000 IDEOGRAPHIC SPACE"},
	{0xfeff, false, "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
};

/* The entry of unicode_spaces for the character at p (its length in *w),
 * or -1. */
static int unicode_space(const char *p, size_t *w)
{
	long r = utf8_rune(p, w);
	for (size_t k = 0; r >= 0x80 && k < sizeof unicode_spaces / sizeof *unicode_spaces; k++)
		if (unicode_spaces[k].rune == r)
			return (int)k;
	return -1;
}

/* The length of the white space character at p by Go's unicode.IsSpace
 * (ASCII \t \n \v \f \r and space, and the white ones above), or 0. */
static size_t go_space(const char *p)
{
	size_t w;
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	int k = unicode_space(p, &w);
	return k >= 0 && unicode_spaces[k].white ? w : 0;
}

const char *cron_unicode_space(const char *spec, bool white, size_t *at)
{
	for (const char *p = spec; *p;) {
		size_t w;
		int k = unicode_space(p, &w);
		if (k >= 0 && unicode_spaces[k].white == white) {
			*at = (size_t)(p - spec);
			return unicode_spaces[k].name;
		}
		p += w;
	}
	return NULL;
}

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
 * same order, so that the first error is the same one; its bits are or'ed
 * into *bits (with CRON_STAR for a star without a step above 1). */
static bool get_range(const char *e, size_t n, const struct bounds *b, uint64_t *bits, char *buf,
                      size_t size)
{
	const char *slash = memchr(e, '/', n);
	size_t rn = slash ? (size_t)(slash - e) : n; /* rangeAndStep[0] */
	const char *hy = memchr(e, '-', rn);
	size_t ln = hy ? (size_t)(hy - e) : rn;       /* lowAndHigh[0] */
	bool single = !hy;
	long long start, end, step = 1;
	uint64_t extra = 0;
	if (ln == 1 && (e[0] == '*' || e[0] == '?')) {
		start = b->min;
		end = b->max;
		extra = CRON_STAR;
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
		if (step > 1)
			extra = 0;
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
	for (long long v = start; v <= end; v += step) /* getBits */
		*bits |= 1ULL << v;
	*bits |= extra;
	return true;
}

/* s[0..n) in double quotes as the time package's quote writes it in its
 * errors: each byte of a character outside printable ASCII as \xNN. */
static const char *time_quote(const char *s, size_t n, char out[static 192])
{
	size_t k = 0;
	out[k++] = '"';
	for (size_t i = 0; i < n && k < 186; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || c < ' ')
			k += (size_t)snprintf(out + k, 5, "\\x%02x", c);
		else if (c == '"' || c == '\\')
			k += (size_t)snprintf(out + k, 3, "\\%c", c);
		else
			out[k++] = (char)c;
	}
	out[k++] = '"';
	out[k] = 0;
	return out;
}

/* Go's time.ParseDuration, for @every, overflow checks included: the
 * duration in nanoseconds in *ns. */
static bool go_duration(const char *s, int64_t *ns, char *err, size_t esz)
{
	char q1[192], q2[192];
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
	*ns = 0;
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
			snprintf(err, esz, "time: missing unit in duration %s",
			         time_quote(orig, strlen(orig), q1));
			return false;
		}
		uint64_t unit = 0;
		for (size_t k = 0; k < sizeof units / sizeof *units; k++)
			if (strlen(units[k].name) == i - u0 && strncmp(units[k].name, s + u0, i - u0) == 0)
				unit = units[k].ns;
		if (!unit) {
			snprintf(err, esz, "time: unknown unit %s in duration %s", time_quote(s + u0, i - u0, q2),
			         time_quote(orig, strlen(orig), q1));
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
	*ns = neg ? (int64_t)(0 - d) : (int64_t)d; /* 0 - (1 << 63) wraps to INT64_MIN */
	return true;
invalid:
	snprintf(err, esz, "time: invalid duration %s", time_quote(orig, strlen(orig), q1));
	return false;
}

const char *cron_check(const char *spec, char *buf, size_t size)
{
	struct cron_spec unused;
	return cron_parse(spec, &unused, buf, size);
}

/* The bits of every value of field f, with the star bit: robfig's all(). */
static uint64_t all_bits(int f)
{
	uint64_t bits = CRON_STAR;
	for (int v = field_bounds[f].min; v <= field_bounds[f].max; v++)
		bits |= 1ULL << v;
	return bits;
}

/* robfig's parseDescriptor, for the names cron_parse has accepted. */
static void descriptor(const char *spec, struct cron_spec *out)
{
	enum { HOUR = 1, DOM, MONTH, DOW }; /* field_bounds' order */
	*out = (struct cron_spec){.second = 1, .minute = 1, .hour = 1, .dom = all_bits(DOM),
	                          .month = all_bits(MONTH), .dow = all_bits(DOW)};
	if (!strcmp(spec, "@yearly") || !strcmp(spec, "@annually")) {
		out->dom = 1ULL << 1;
		out->month = 1ULL << 1;
	} else if (!strcmp(spec, "@monthly")) {
		out->dom = 1ULL << 1;
	} else if (!strcmp(spec, "@weekly")) {
		out->dow = 1ULL << 0;
	} else if (!strcmp(spec, "@hourly")) {
		out->hour = all_bits(HOUR);
	}
	/* @daily and @midnight: the defaults above */
}

const char *cron_parse(const char *spec, struct cron_spec *out, char *buf, size_t size)
{
	*out = (struct cron_spec){0};
	if (!*spec) {
		snprintf(buf, size, "empty spec string");
		return buf;
	}
	if (spec[0] == '@') {
		static const char *const descriptors[] = {"@yearly", "@annually", "@monthly", "@weekly",
		                                          "@daily", "@midnight", "@hourly", NULL};
		for (int i = 0; descriptors[i]; i++)
			if (strcmp(spec, descriptors[i]) == 0) {
				descriptor(spec, out);
				return NULL;
			}
		if (strncmp(spec, "@every ", 7) == 0) {
			char err[256];
			int64_t ns;
			if (go_duration(spec + 7, &ns, err, sizeof err)) {
				/* robfig's Every: at least a second, whole seconds */
				out->every = ns < 1000000000 ? 1 : ns / 1000000000;
				return NULL;
			}
			snprintf(buf, size, "failed to parse duration %s: %s", spec, err);
			return buf;
		}
		snprintf(buf, size, "unrecognized descriptor: %s", spec);
		return buf;
	}
	/* strings.Fields: split on runs of white space, as Go's unicode.IsSpace
	 * says (the no-break space too) */
	const char *fs[64];
	size_t fl[64];
	int nf = 0;
	for (const char *p = spec; *p;) {
		size_t w;
		while ((w = go_space(p)))
			p += w;
		if (!*p)
			break;
		const char *q = p;
		while (*q && !go_space(q))
			q += utf8_width(q);
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
	uint64_t *bits[5] = {&out->minute, &out->hour, &out->dom, &out->month, &out->dow};
	for (int f = 0; f < 5; f++) {
		/* strings.FieldsFunc on ',': empty items are skipped */
		const char *p = fs[f], *end = fs[f] + fl[f];
		while (p < end) {
			const char *c = memchr(p, ',', (size_t)(end - p));
			size_t n = c ? (size_t)(c - p) : (size_t)(end - p);
			if (n && !get_range(p, n, &field_bounds[f], bits[f], buf, size))
				return buf;
			p += n + (c ? 1 : 0);
		}
	}
	out->second = 1; /* ParseStandard has no seconds field: "0" */
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

void tz_each(const char *zoneinfo, void (*fn)(void *user, const char *name), void *user)
{
	char path[512];
	snprintf(path, sizeof path, "%s/tzdata.zi", zoneinfo ? zoneinfo : "/usr/share/zoneinfo");
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	/* "Z Europe/Berlin ..." names a zone, "L Europe/Zurich Europe/Busingen" a link */
	char line[512], a[128], b[128];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == 'Z' && sscanf(line, "Z %127s", a) == 1)
			fn(user, a);
		else if (line[0] == 'L' && sscanf(line, "L %127s %127s", a, b) == 2)
			fn(user, b);
	}
	fclose(f);
}

unsigned cron_fields(const char *spec)
{
	unsigned n = 0;
	for (const char *p = spec; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
			p++;
		if (!*p)
			break;
		n++;
		while (*p && !strchr(" \t\n\r\v\f", *p))
			p++;
	}
	return n;
}
