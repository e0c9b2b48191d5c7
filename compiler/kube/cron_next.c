/* cron_next.c - time zones from TZif files and a schedule's next run; see
 * cron_next.h.
 *
 * Each function names the Go function it follows: the time package's
 * zoneinfo_read.go (LoadLocationFromTZData), zoneinfo.go (lookup, tzset)
 * and time.go (Date), and robfig/cron v3's spec.go (Next, dayMatches).
 * A struct tz owns its arrays (heap, freed by tz_free).
 */
#include "cron_next.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fileio.h"

#define ALPHA INT64_MIN /* Go's alpha and omega: the ends of time */
#define OMEGA INT64_MAX
#define DAY 86400

struct tz_zone {
	int32_t offset;
	bool dst;
	char abbr[16];
};

struct tz_trans {
	int64_t when;
	uint8_t index;
};

struct tz {
	struct tz_zone *zones; /* none: UTC */
	size_t nzones;
	struct tz_trans *tx;
	size_t ntx;
	char *extend; /* the footer (a POSIX TZ string), or NULL */
};

/* ---- the calendar ------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar (m in
 * 1..12, d may run past the month). */
static int64_t days_from_civil(int64_t y, int m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The civil date and time of the unix second t, as UTC. */
static void civil_from_unix(int64_t t, struct civil *c)
{
	int64_t days = floor_div(t, DAY), secs = t - days * DAY;
	c->wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->year = yoe + era * 400 + (c->month <= 2);
	c->hour = (int)(secs / 3600);
	c->min = (int)(secs / 60 % 60);
	c->sec = (int)(secs % 60);
}

static bool is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in(int m, int64_t y)
{
	static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

/* ---- TZif --------------------------------------------------------------- */

/* A cursor over the file's bytes: Go's dataIO, every read bounds-checked. */
struct cursor {
	const unsigned char *p;
	size_t left;
	bool error;
};

static const unsigned char *take(struct cursor *d, uint64_t n)
{
	if (d->error || n > d->left) {
		d->error = true;
		return NULL;
	}
	const unsigned char *p = d->p;
	d->p += n;
	d->left -= (size_t)n;
	return p;
}

static uint32_t big4(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The six counts of a header (Go's n[NUTCLocal..NChar]). */
enum { N_UTCLOCAL, N_STDWALL, N_LEAP, N_TIME, N_ZONE, N_CHAR };

static bool counts(struct cursor *d, uint64_t n[6])
{
	const unsigned char *p = take(d, 24);
	for (int i = 0; p && i < 6; i++)
		n[i] = big4(p + 4 * i);
	return p != NULL;
}

static struct tz *bad_data(struct tz *z, char *err, size_t errsz)
{
	tz_free(z);
	snprintf(err, errsz, "malformed time zone information");
	return NULL;
}

/* Go's LoadLocationFromTZData. */
struct tz *tz_from_tzif(const unsigned char *data, size_t len, char *err, size_t errsz)
{
	struct cursor d = {data, len, false};
	const unsigned char *magic = take(&d, 4), *head = take(&d, 16);
	if (!magic || memcmp(magic, "TZif", 4) != 0 || !head)
		return bad_data(NULL, err, errsz);
	int version = head[0] == 0 ? 1 : head[0] == '2' ? 2 : head[0] == '3' ? 3 : 0;
	uint64_t n[6];
	if (!version || !counts(&d, n))
		return bad_data(NULL, err, errsz);
	unsigned size = 4;
	if (version > 1) {
		/* skip the 32-bit data and the second header's first 20 bytes */
		uint64_t skip = n[N_TIME] * 5 + n[N_ZONE] * 6 + n[N_CHAR] + n[N_LEAP] * 8 +
		                n[N_STDWALL] + n[N_UTCLOCAL] + 20;
		take(&d, skip);
		if (!counts(&d, n))
			return bad_data(NULL, err, errsz);
		size = 8;
	}
	const unsigned char *times = take(&d, n[N_TIME] * size);
	const unsigned char *idx = take(&d, n[N_TIME]);
	const unsigned char *zdata = take(&d, n[N_ZONE] * 6);
	const unsigned char *abbrev = take(&d, n[N_CHAR]);
	take(&d, n[N_LEAP] * (size + 4));
	take(&d, n[N_STDWALL]);
	take(&d, n[N_UTCLOCAL]);
	if (d.error || n[N_ZONE] == 0)
		return bad_data(NULL, err, errsz);
	struct tz *z = xcalloc(1, sizeof *z);
	if (d.left > 2 && d.p[0] == '\n' && d.p[d.left - 1] == '\n') {
		z->extend = xmalloc(d.left - 1);
		memcpy(z->extend, d.p + 1, d.left - 2);
		z->extend[d.left - 2] = 0;
	}
	z->nzones = (size_t)n[N_ZONE];
	z->zones = xcalloc(z->nzones, sizeof *z->zones);
	for (size_t i = 0; i < z->nzones; i++) {
		const unsigned char *e = zdata + 6 * i;
		z->zones[i].offset = (int32_t)big4(e);
		z->zones[i].dst = e[4] != 0;
		if (e[5] >= n[N_CHAR])
			return bad_data(z, err, errsz);
		/* byteString: up to a NUL or the end of the abbreviations */
		size_t k = 0;
		for (size_t j = e[5]; j < n[N_CHAR] && abbrev[j] && k + 1 < sizeof z->zones[i].abbr; j++)
			z->zones[i].abbr[k++] = (char)abbrev[j];
	}
	z->ntx = n[N_TIME] ? (size_t)n[N_TIME] : 1;
	z->tx = xcalloc(z->ntx, sizeof *z->tx);
	if (!n[N_TIME]) /* a fake transition to cover all time */
		z->tx[0] = (struct tz_trans){ALPHA, 0};
	for (size_t i = 0; i < n[N_TIME]; i++) {
		const unsigned char *t = times + size * i;
		z->tx[i].when = size == 8 ? (int64_t)((uint64_t)big4(t) << 32 | big4(t + 4))
		                          : (int64_t)(int32_t)big4(t);
		if (idx[i] >= z->nzones)
			return bad_data(z, err, errsz);
		z->tx[i].index = idx[i];
	}
	return z;
}

/* Go's containsDotDot and the shape LoadLocation refuses. */
static bool bad_name(const char *name)
{
	return strstr(name, "..") || name[0] == '/' || name[0] == '\\';
}

/* Go's LoadLocation, from one folder. */
struct tz *tz_load(const char *name, const char *zoneinfo, char *err, size_t errsz)
{
	if (!*name || !strcmp(name, "UTC"))
		return xcalloc(1, sizeof(struct tz));
	if (bad_name(name)) {
		snprintf(err, errsz, "time: invalid location name");
		return NULL;
	}
	char path[1024];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", zoneinfo ? zoneinfo : "/usr/share/zoneinfo",
	                     name) >= sizeof path) {
		snprintf(err, errsz, "unknown time zone %s", name);
		return NULL;
	}
	size_t len;
	const char *why;
	char *data = file_read(path, 10 << 20, &len, &why); /* Go's maxFileSize */
	if (!data) {
		snprintf(err, errsz, "unknown time zone %s", name);
		return NULL;
	}
	struct tz *z = tz_from_tzif((const unsigned char *)data, len, err, errsz);
	xfree(data);
	return z;
}

void tz_free(struct tz *z)
{
	if (!z)
		return;
	xfree(z->zones);
	xfree(z->tx);
	xfree(z->extend);
	xfree(z);
}

/* ---- the footer: Go's tzset --------------------------------------------- */

/* tzsetName: the zone name at *s ("EST", "<+1030>"). */
static bool tzset_name(const char **s, char *out, size_t size)
{
	const char *p = *s, *from = p, *to;
	if (!*p)
		return false;
	if (*p == '<') {
		to = strchr(p, '>');
		if (!to)
			return false;
		from = p + 1;
		*s = to + 1;
	} else {
		to = p + strcspn(p, "0123456789,-+");
		if (to - p < 3)
			return false;
		*s = to;
	}
	size_t n = (size_t)(to - from) < size - 1 ? (size_t)(to - from) : size - 1;
	memcpy(out, from, n);
	out[n] = 0;
	return true;
}

/* tzsetNum: a number in [min, max]. */
static bool tzset_num(const char **s, int min, int max, int *out)
{
	const char *p = *s;
	int num = 0;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		num = num * 10 + (*p - '0');
		if (num > max)
			return false;
	}
	if (num < min)
		return false;
	*s = p;
	*out = num;
	return true;
}

/* tzsetOffset: [+-]hh[:mm[:ss]], in seconds. */
static bool tzset_offset(const char **s, int *out)
{
	bool neg = **s == '-';
	if (**s == '+' || **s == '-')
		(*s)++;
	int h, m = 0, sec = 0;
	if (!tzset_num(s, 0, 24 * 7, &h))
		return false;
	if (**s == ':') {
		(*s)++;
		if (!tzset_num(s, 0, 59, &m))
			return false;
		if (**s == ':') {
			(*s)++;
			if (!tzset_num(s, 0, 59, &sec))
				return false;
		}
	}
	int off = h * 3600 + m * 60 + sec;
	*out = neg ? -off : off;
	return true;
}

enum rule_kind { RULE_JULIAN, RULE_DOY, RULE_MWD };
struct rule {
	enum rule_kind kind;
	int day, week, mon, time;
};

/* tzsetRule: Jn, n or Mm.w.d, then an optional /time (2:00 by default). */
static bool tzset_rule(const char **s, struct rule *r)
{
	if (**s == 'J') {
		(*s)++;
		r->kind = RULE_JULIAN;
		if (!tzset_num(s, 1, 365, &r->day))
			return false;
	} else if (**s == 'M') {
		(*s)++;
		r->kind = RULE_MWD;
		if (!tzset_num(s, 1, 12, &r->mon) || *(*s)++ != '.' || !tzset_num(s, 1, 5, &r->week) ||
		    *(*s)++ != '.' || !tzset_num(s, 0, 6, &r->day))
			return false;
	} else {
		r->kind = RULE_DOY;
		if (!tzset_num(s, 0, 365, &r->day))
			return false;
	}
	r->time = 2 * 3600;
	if (**s != '/')
		return true;
	(*s)++;
	return tzset_offset(s, &r->time);
}

/* tzruleTime: the seconds from the start of year to the rule's change. */
static int64_t tzrule_time(int64_t year, const struct rule *r, int off)
{
	int64_t s = 0;
	if (r->kind == RULE_JULIAN) {
		s = (int64_t)(r->day - 1) * DAY + (is_leap(year) && r->day >= 60 ? DAY : 0);
	} else if (r->kind == RULE_DOY) {
		s = (int64_t)r->day * DAY;
	} else {
		/* the first r->day weekday of the month, then r->week - 1 weeks on,
		 * staying in the month (Go uses Zeller's congruence) */
		int64_t first = days_from_civil(year, r->mon, 1);
		int dow = (int)((first % 7 + 11) % 7);
		int d = r->day - dow;
		if (d < 0)
			d += 7;
		for (int i = 1; i < r->week && d + 7 < days_in(r->mon, year); i++)
			d += 7;
		s = (first - days_from_civil(year, 1, 1) + d) * DAY;
	}
	return s + r->time - off;
}

/* Go's tzset: the footer's answer for sec; false when it does not parse. */
static bool tzset(const char *s, int64_t init_end, int64_t sec, struct tz_info *out)
{
	char std[16], dst[16];
	int std_off, dst_off;
	if (!tzset_name(&s, std, sizeof std) || !tzset_offset(&s, &std_off))
		return false;
	std_off = -std_off; /* POSIX offsets are west of UTC */
	if (!*s || *s == ',') {
		*out = (struct tz_info){std_off, false, "", init_end, OMEGA};
		memcpy(out->abbr, std, sizeof std);
		return true;
	}
	if (!tzset_name(&s, dst, sizeof dst))
		return false;
	if (!*s || *s == ',') {
		dst_off = std_off + 3600;
	} else {
		if (!tzset_offset(&s, &dst_off))
			return false;
		dst_off = -dst_off;
	}
	if (!*s)
		s = ",M3.2.0,M11.1.0"; /* tzcode's default rules */
	if (*s != ',' && *s != ';')
		return false;
	s++;
	struct rule start, end;
	if (!tzset_rule(&s, &start) || *s++ != ',' || !tzset_rule(&s, &end) || *s)
		return false;

	struct civil c;
	civil_from_unix(sec, &c);
	int64_t ysec = (days_from_civil(c.year, c.month, c.day) - days_from_civil(c.year, 1, 1)) * DAY +
	               sec % DAY;
	int64_t abs = days_from_civil(c.year, 1, 1) * DAY;
	int64_t start_sec = tzrule_time(c.year, &start, std_off);
	int64_t end_sec = tzrule_time(c.year, &end, dst_off);
	bool dst_is_dst = true, std_is_dst = false;
	if (end_sec < start_sec) { /* the southern hemisphere: swap the labels */
		int64_t t = start_sec;
		start_sec = end_sec, end_sec = t;
		char n[16];
		memcpy(n, std, sizeof n), memcpy(std, dst, sizeof n), memcpy(dst, n, sizeof n);
		int o = std_off;
		std_off = dst_off, dst_off = o;
		std_is_dst = true, dst_is_dst = false;
	}
	if (ysec < start_sec)
		*out = (struct tz_info){std_off, std_is_dst, "", abs, start_sec + abs};
	else if (ysec >= end_sec)
		*out = (struct tz_info){std_off, std_is_dst, "", end_sec + abs, abs + 365 * DAY};
	else
		*out = (struct tz_info){dst_off, dst_is_dst, "", start_sec + abs, end_sec + abs};
	memcpy(out->abbr, ysec >= start_sec && ysec < end_sec ? dst : std, sizeof std);
	return true;
}

/* ---- lookups ------------------------------------------------------------ */

static void zone_info(const struct tz_zone *zone, int64_t start, int64_t end, struct tz_info *out)
{
	out->offset = zone->offset;
	out->dst = zone->dst;
	memcpy(out->abbr, zone->abbr, sizeof out->abbr);
	out->start = start;
	out->end = end;
}

/* Go's lookupFirstZone: the zone before the first transition. */
static size_t first_zone(const struct tz *z)
{
	bool used = false;
	for (size_t i = 0; i < z->ntx; i++)
		used |= z->tx[i].index == 0;
	if (!used)
		return 0;
	if (z->ntx && z->zones[z->tx[0].index].dst)
		for (size_t zi = z->tx[0].index; zi-- > 0;)
			if (!z->zones[zi].dst)
				return zi;
	for (size_t zi = 0; zi < z->nzones; zi++)
		if (!z->zones[zi].dst)
			return zi;
	return 0;
}

/* Go's Location.lookup. */
void tz_at(const struct tz *z, int64_t sec, struct tz_info *out)
{
	if (!z || !z->nzones) {
		*out = (struct tz_info){0, false, "UTC", ALPHA, OMEGA};
		return;
	}
	if (!z->ntx || sec < z->tx[0].when) {
		zone_info(&z->zones[first_zone(z)], ALPHA, z->ntx ? z->tx[0].when : OMEGA, out);
		return;
	}
	size_t lo = 0, hi = z->ntx;
	int64_t end = OMEGA;
	while (hi - lo > 1) {
		size_t m = lo + (hi - lo) / 2;
		if (sec < z->tx[m].when) {
			end = z->tx[m].when;
			hi = m;
		} else {
			lo = m;
		}
	}
	zone_info(&z->zones[z->tx[lo].index], z->tx[lo].when, end, out);
	struct tz_info ext;
	if (lo == z->ntx - 1 && z->extend && tzset(z->extend, end, sec, &ext))
		*out = ext;
}

/* Time.In(z) then Date, Clock and Weekday. */
void tz_civil(const struct tz *z, int64_t t, struct civil *out)
{
	struct tz_info i;
	tz_at(z, t, &i);
	civil_from_unix(t + i.offset, out);
}

/* Go's norm: hi, lo with lo in [0, base). */
static void norm(int64_t *hi, int64_t *lo, int64_t base)
{
	int64_t n = floor_div(*lo, base);
	*hi += n;
	*lo -= n * base;
}

/* Go's time.Date: the wall-clock time taken as UTC, then moved by the
 * offset in effect there, or by the one in effect at the result when that
 * falls outside the first one's span. */
int64_t tz_date(const struct tz *z, int64_t year, int64_t month, int64_t day, int64_t hour,
                int64_t min, int64_t sec)
{
	int64_t m = month - 1;
	norm(&year, &m, 12);
	norm(&min, &sec, 60);
	norm(&hour, &min, 60);
	norm(&day, &hour, 24);
	int64_t wall = (days_from_civil(year, (int)m + 1, 1) + day - 1) * DAY + hour * 3600 + min * 60 +
	               sec;
	struct tz_info i;
	tz_at(z, wall, &i);
	if (i.offset != 0) {
		int64_t utc = wall - i.offset;
		if (utc < i.start || utc >= i.end)
			tz_at(z, utc, &i);
		wall -= i.offset;
	}
	return wall;
}

/* ---- schedules ---------------------------------------------------------- */

/* robfig's dayMatches: with a star in either day field both must match,
 * else either may. */
static bool day_matches(const struct cron_spec *s, const struct civil *c)
{
	bool dom = s->dom >> c->day & 1, dow = s->dow >> c->wday & 1;
	if ((s->dom & CRON_STAR) || (s->dow & CRON_STAR))
		return dom && dow;
	return dom || dow;
}

/* robfig's SpecSchedule.Next, step for step: a field that does not match
 * is advanced (months and days by AddDate, that is time.Date, hours and
 * minutes by adding real time), and a wrap starts over from the month.
 * A guard on the steps stands in for the five-year limit should a hostile
 * zone never show some hour (robfig would loop); no real zone comes near
 * it. */
#define STEP() \
	do { \
		if (++steps > 1000000) \
			return false; \
	} while (0)
bool cron_next(const struct cron_spec *s, const struct tz *z, int64_t t, int64_t *next)
{
	if (s->every) { /* ConstantDelaySchedule.Next: the whole second, plus the delay */
		*next = t + s->every;
		return true;
	}
	t += 1; /* the upcoming second */
	bool added = false;
	struct civil c;
	tz_civil(z, t, &c);
	int64_t year_limit = c.year + 5;
	long steps = 0;
wrap:
	STEP();
	if (c.year > year_limit)
		return false;
	while (!(s->month >> c.month & 1)) {
		STEP();
		if (!added) {
			added = true;
			t = tz_date(z, c.year, c.month, 1, 0, 0, 0);
			tz_civil(z, t, &c);
		}
		t = tz_date(z, c.year, c.month + 1, c.day, c.hour, c.min, c.sec);
		tz_civil(z, t, &c);
		if (c.month == 1)
			goto wrap;
	}
	while (!day_matches(s, &c)) {
		STEP();
		if (!added) {
			added = true;
			t = tz_date(z, c.year, c.month, c.day, 0, 0, 0);
			tz_civil(z, t, &c);
		}
		t = tz_date(z, c.year, c.month, c.day + 1, c.hour, c.min, c.sec);
		tz_civil(z, t, &c);
		if (c.hour != 0) { /* midnight skipped or repeated by a change */
			t += c.hour > 12 ? (int64_t)(24 - c.hour) * 3600 : -(int64_t)c.hour * 3600;
			tz_civil(z, t, &c);
		}
		if (c.day == 1)
			goto wrap;
	}
	while (!(s->hour >> c.hour & 1)) {
		STEP();
		if (!added) {
			added = true;
			t = tz_date(z, c.year, c.month, c.day, c.hour, 0, 0);
		}
		t += 3600;
		tz_civil(z, t, &c);
		if (c.hour == 0)
			goto wrap;
	}
	while (!(s->minute >> c.min & 1)) {
		STEP();
		if (!added) {
			added = true;
			t -= t - floor_div(t, 60) * 60; /* Truncate(time.Minute) */
		}
		t += 60;
		tz_civil(z, t, &c);
		if (c.min == 0)
			goto wrap;
	}
	while (!(s->second >> c.sec & 1)) {
		STEP();
		added = true; /* Truncate(time.Second): t is whole seconds */
		t += 1;
		tz_civil(z, t, &c);
		if (c.sec == 0)
			goto wrap;
	}
	*next = t;
	return true;
}
