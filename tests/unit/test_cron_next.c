/* test_cron_next.c - unit tests of compiler/kube/cron_next.h: TZif zones
 * read as Go's time package reads them, and robfig/cron v3's
 * SpecSchedule.Next walked in a zone's wall-clock time.
 *
 * Every expected time below was worked out by hand from the Go code
 * (spec.go's Next and dayMatches, time.Date's normalisation, zoneinfo.go's
 * lookup and tzset); the reasoning is in the comment above each check.
 * The zones come from the system's database (Debian's tzdata); the
 * footer-only zone is built here byte by byte.
 */
#include <stdlib.h>

#include "check.h"
#include "cron_next.h"

static struct tz *utc;

/* The unix second of a UTC date and time. */
static int64_t at(int y, int mo, int d, int h, int mi)
{
	return tz_date(utc, y, mo, d, h, mi, 0);
}

static struct tz *zone(const char *name)
{
	char err[128];
	struct tz *z = tz_load(name, NULL, err, sizeof err);
	if (!z) {
		fprintf(stderr, "test_cron_next: %s: %s\n", name, err);
		exit(2);
	}
	return z;
}

/* The next activation of spec after t in z, or -1 for none. */
static int64_t next(const char *spec, const struct tz *z, int64_t t)
{
	struct cron_spec s;
	char err[256];
	if (cron_parse(spec, &s, err, sizeof err)) {
		fprintf(stderr, "test_cron_next: %s: %s\n", spec, err);
		exit(2);
	}
	int64_t n;
	return cron_next(&s, z, t, &n) ? n : -1;
}

TEST(parse_bits)
{
	struct cron_spec s;
	char err[256];
	/* getRange: a star keeps the star bit, and so does a star with the step
	 * 1; a step above 1 drops it; ParseStandard's seconds are "0" */
	CHECK(!cron_parse("*/15 2-4 * jan,JUL 1-5", &s, err, sizeof err));
	CHECK_INT(s.second, 1);
	CHECK_INT(s.minute, 1ULL << 0 | 1ULL << 15 | 1ULL << 30 | 1ULL << 45);
	CHECK_INT(s.hour, 1ULL << 2 | 1ULL << 3 | 1ULL << 4);
	CHECK(s.dom & CRON_STAR);
	CHECK_INT(s.month, 1ULL << 1 | 1ULL << 7);
	CHECK_INT(s.dow, 0x3eULL);
	CHECK(!cron_parse("0 0 */1 * 5", &s, err, sizeof err));
	CHECK(s.dom & CRON_STAR);
	CHECK(!cron_parse("0 0 */2 * 5", &s, err, sizeof err));
	CHECK(!(s.dom & CRON_STAR));
	/* parseDescriptor: @weekly is Sunday midnight, every day of the month
	 * with the star bit */
	CHECK(!cron_parse("@weekly", &s, err, sizeof err));
	CHECK_INT(s.dow, 1);
	CHECK(s.dom & CRON_STAR);
	CHECK_INT(s.hour, 1);
	/* Every: whole seconds, at least one (a negative duration too) */
	CHECK(!cron_parse("@every 1h30m", &s, err, sizeof err));
	CHECK_INT(s.every, 5400);
	CHECK(!cron_parse("@every 1500ms", &s, err, sizeof err));
	CHECK_INT(s.every, 1);
	CHECK(!cron_parse("@every -5m", &s, err, sizeof err));
	CHECK_INT(s.every, 1);
	CHECK(cron_parse("61 * * * *", &s, err, sizeof err) != NULL);
}

TEST(utc_and_descriptors)
{
	int64_t t = at(2026, 3, 4, 12, 0); /* a Wednesday */
	CHECK_INT(next("*/5 * * * *", utc, t), at(2026, 3, 4, 12, 5)); /* strictly after */
	CHECK_INT(next("*/5 * * * *", utc, t - 1), t);
	CHECK_INT(next("@hourly", utc, t), at(2026, 3, 4, 13, 0));
	CHECK_INT(next("@daily", utc, t), at(2026, 3, 5, 0, 0));
	CHECK_INT(next("@weekly", utc, t), at(2026, 3, 8, 0, 0)); /* Sunday */
	CHECK_INT(next("@monthly", utc, t), at(2026, 4, 1, 0, 0));
	CHECK_INT(next("@yearly", utc, t), at(2027, 1, 1, 0, 0));
	/* ConstantDelaySchedule: t plus the delay, whatever the zone */
	CHECK_INT(next("@every 90m", utc, t), t + 5400);
}

TEST(day_of_month_and_week)
{
	int64_t t = at(2026, 3, 1, 0, 0); /* a Sunday */
	/* dayMatches: neither day field has the star bit, so either matches:
	 * Friday 6 March comes before the 13th */
	CHECK_INT(next("0 0 13 * 5", utc, t), at(2026, 3, 6, 0, 0));
	CHECK_INT(next("0 0 13 * 5", utc, at(2026, 3, 6, 0, 0)), at(2026, 3, 13, 0, 0));
	/* "1-31" is no star: every day */
	CHECK_INT(next("0 0 1-31 * 5", utc, t), at(2026, 3, 2, 0, 0));
	/* a star, even with the step 1, makes both match: Fridays only */
	CHECK_INT(next("0 0 * * 5", utc, t), at(2026, 3, 6, 0, 0));
	CHECK_INT(next("0 0 */1 * 5", utc, t), at(2026, 3, 6, 0, 0));
	CHECK_INT(next("0 0 */1 * 5", utc, at(2026, 3, 6, 0, 0)), at(2026, 3, 13, 0, 0));
	/* a step of 2 drops the star bit: odd days or Fridays; the 3rd first */
	CHECK_INT(next("0 0 */2 * 5", utc, t), at(2026, 3, 3, 0, 0));
	/* February 30 never comes: Next gives up after five years (zero time) */
	CHECK_INT(next("0 0 30 2 *", utc, t), -1);
	/* February 29: the next leap year, 2028 */
	CHECK_INT(next("0 0 29 2 *", utc, t), at(2028, 2, 29, 0, 0));
}

TEST(new_york)
{
	struct tz *ny = zone("America/New_York");
	struct tz_info i;
	/* 2026-03-08 02:00 EST (07:00Z) becomes 03:00 EDT */
	tz_at(ny, at(2026, 3, 8, 7, 0) - 1, &i);
	CHECK_INT(i.offset, -5 * 3600);
	CHECK_STR(i.abbr, "EST");
	tz_at(ny, at(2026, 3, 8, 7, 0), &i);
	CHECK_INT(i.offset, -4 * 3600);
	CHECK_STR(i.abbr, "EDT");
	CHECK(i.dst);
	/* time.Date in the gap: 02:30 taken as UTC is before 07:00Z, so EST
	 * (-5h) is tried; 07:30Z is past its span, so EDT's -4h is used:
	 * 06:30Z, that is 01:30 EST */
	CHECK_INT(tz_date(ny, 2026, 3, 8, 2, 30, 0), at(2026, 3, 8, 6, 30));

	/* "30 2 * * *" from 2026-03-07 12:00 EST: the hour field walks by real
	 * hours, 00:00, 01:00, then 03:00 EDT (07:00Z) on the 8th; hour 2 never
	 * shows, 00:00 on the 9th wraps, and 02:30 EDT on the 9th matches: the
	 * run of the 8th is skipped */
	CHECK_INT(next("30 2 * * *", ny, at(2026, 3, 7, 17, 0)), at(2026, 3, 9, 6, 30));
	/* "0 * * * *" across the change: every real hour, 01:00 EST then 03:00
	 * EDT (the minute wraps at 01:59 + 1m = 03:00) */
	CHECK_INT(next("0 * * * *", ny, at(2026, 3, 8, 6, 0)), at(2026, 3, 8, 7, 0));

	/* 2026-11-01 02:00 EDT (06:00Z) becomes 01:00 EST.  "30 1 * * *" from
	 * 2026-10-31 12:00 EDT: 01:30 EDT (05:30Z); from there the second
	 * wraps at 01:31, the minute walks 01:59 EDT + 1m = 01:00 EST, wraps
	 * at minute 0, and hour 1 still matches: 01:30 EST (06:30Z), a second
	 * run; then 01:30 EST on the 2nd */
	int64_t a = next("30 1 * * *", ny, at(2026, 10, 31, 16, 0));
	CHECK_INT(a, at(2026, 11, 1, 5, 30));
	int64_t b = next("30 1 * * *", ny, a);
	CHECK_INT(b, at(2026, 11, 1, 6, 30));
	CHECK_INT(next("30 1 * * *", ny, b), at(2026, 11, 2, 6, 30));
	/* "30 2 * * *" runs once that day, at 02:30 EST (07:30Z) */
	CHECK_INT(next("30 2 * * *", ny, at(2026, 10, 31, 16, 0)), at(2026, 11, 1, 7, 30));
	tz_free(ny);
}

TEST(london)
{
	struct tz *l = zone("Europe/London");
	/* 2026-03-29 01:00 GMT (01:00Z) becomes 02:00 BST: "30 1 * * *" walks
	 * 00:00 GMT, then 02:00 BST, and next matches 01:30 BST on the 30th
	 * (00:30Z) */
	CHECK_INT(next("30 1 * * *", l, at(2026, 3, 28, 12, 0)), at(2026, 3, 30, 0, 30));
	/* 2026-10-25 02:00 BST (01:00Z) becomes 01:00 GMT: 01:30 twice */
	int64_t a = next("30 1 * * *", l, at(2026, 10, 24, 12, 0));
	CHECK_INT(a, at(2026, 10, 25, 0, 30));
	CHECK_INT(next("30 1 * * *", l, a), at(2026, 10, 25, 1, 30));
	tz_free(l);
}

TEST(lord_howe)
{
	struct tz *lh = zone("Australia/Lord_Howe");
	/* +10:30, and +11 in summer: a half-hour change.  2026-10-04 02:00
	 * +10:30 (10-03 15:30Z) becomes 02:30 +11.  "0 2 * * *" from 10-03
	 * 12:00 local: the hours walk 00:00, 01:00, then 02:30 +11 (hour 2
	 * matches at minute 30); the minute walks to 03:00 and wraps; hour 3
	 * is past: no run on the 4th, next 02:00 +11 on the 5th (10-04 15:00Z) */
	CHECK_INT(next("0 2 * * *", lh, at(2026, 10, 3, 1, 30)), at(2026, 10, 4, 15, 0));
	/* "30 2 * * *" finds 02:30 +11 on the 4th itself (10-03 15:30Z) */
	CHECK_INT(next("30 2 * * *", lh, at(2026, 10, 3, 1, 30)), at(2026, 10, 3, 15, 30));
	/* 2026-04-05 02:00 +11 (04-04 15:00Z) becomes 01:30 +10:30.  "45 1 * *
	 * *": 01:45 +11 (14:45Z), then the minute walks 01:59 +11 + 1m = 01:30
	 * +10:30 without passing minute 0, and stops at 01:45 +10:30 (15:15Z) */
	int64_t a = next("45 1 * * *", lh, at(2026, 4, 4, 1, 0));
	CHECK_INT(a, at(2026, 4, 4, 14, 45));
	CHECK_INT(next("45 1 * * *", lh, a), at(2026, 4, 4, 15, 15));
	/* "0 2 * * *" that day: the hours walk 01:00 +11 (14:00Z), 01:30
	 * +10:30 (15:00Z), 02:30 +10:30 (16:00Z); hour 2 matches at minute 30,
	 * the minute wraps at 03:00: 02:00 +10:30 (15:30Z) is stepped over and
	 * the next run is on the 6th, 02:00 +10:30 (04-05 15:30Z) */
	CHECK_INT(next("0 2 * * *", lh, at(2026, 4, 4, 1, 0)), at(2026, 4, 5, 15, 30));
	/* past 2037 the file's table ends and its footer
	 * <+1030>-10:30<+11>-11,M10.1.0,M4.1.0 answers (tzset) */
	struct tz_info i;
	tz_at(lh, at(2040, 1, 1, 0, 0), &i);
	CHECK_INT(i.offset, 11 * 3600);
	CHECK_STR(i.abbr, "+11");
	CHECK(i.dst);
	tz_at(lh, at(2040, 7, 1, 0, 0), &i);
	CHECK_INT(i.offset, 10 * 3600 + 1800);
	CHECK_STR(i.abbr, "+1030");
	CHECK(!i.dst);
	tz_free(lh);
}

/* A version 2 TZif file with no transitions, one zone (EST, -5h) and the
 * footer footer: every answer comes from the footer. */
static size_t footer_only(unsigned char *out, const char *footer)
{
	size_t n = 0;
	for (int part = 0; part < 2; part++) {
		memcpy(out + n, "TZif2", 5);
		memset(out + n + 5, 0, 15);
		n += 20;
		static const unsigned char counts[24] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		                                         0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4};
		memcpy(out + n, counts, 24);
		n += 24;
		static const unsigned char est[10] = {0xff, 0xff, 0xb9, 0xb0, 0, 0, 'E', 'S', 'T', 0};
		memcpy(out + n, est, 10);
		n += 10;
	}
	n += (size_t)sprintf((char *)out + n, "\n%s\n", footer);
	return n;
}

/* What the footer-only zone with footer says of t. */
static void footer_at(const char *footer, int64_t t, struct tz_info *i)
{
	unsigned char data[256];
	char err[128];
	struct tz *z = tz_from_tzif(data, footer_only(data, footer), err, sizeof err);
	CHECK(z != NULL);
	if (z)
		tz_at(z, t, i);
	tz_free(z);
}

TEST(footer_only_zone)
{
	unsigned char data[256];
	size_t n = footer_only(data, "EST5EDT,M3.2.0,M11.1.0");
	char err[128];
	struct tz *z = tz_from_tzif(data, n, err, sizeof err);
	CHECK(z != NULL);
	if (!z)
		return;
	struct tz_info i;
	tz_at(z, at(2026, 7, 1, 0, 0), &i);
	CHECK_INT(i.offset, -4 * 3600);
	CHECK_STR(i.abbr, "EDT");
	tz_at(z, at(2026, 3, 8, 7, 0) - 1, &i);
	CHECK_STR(i.abbr, "EST");
	/* the same walk as America/New_York's: the 8th is skipped */
	CHECK_INT(next("30 2 * * *", z, at(2026, 3, 7, 17, 0)), at(2026, 3, 9, 6, 30));
	int64_t a = next("30 1 * * *", z, at(2026, 10, 31, 16, 0));
	CHECK_INT(a, at(2026, 11, 1, 5, 30));
	CHECK_INT(next("30 1 * * *", z, a), at(2026, 11, 1, 6, 30));
	tz_free(z);

	/* a footer with no daylight saving; one that does not parse is ignored
	 * and the zone of the last transition holds */
	footer_at("<-03>3", at(2026, 7, 1, 0, 0), &i);
	CHECK_INT(i.offset, -3 * 3600);
	CHECK_STR(i.abbr, "-03");
	footer_at("EST5EDT,M13.1.0,M11.1.0", at(2026, 7, 1, 0, 0), &i);
	CHECK_INT(i.offset, -5 * 3600);
	CHECK_STR(i.abbr, "EST");
}

TEST(hostile)
{
	char err[128];
	/* LoadLocation's refusals, and names the database lacks */
	CHECK(!tz_load("../etc/passwd", NULL, err, sizeof err));
	CHECK_STR(err, "time: invalid location name");
	CHECK(!tz_load("/etc/localtime", NULL, err, sizeof err));
	CHECK(!tz_load("Mars/Olympus_Mons", NULL, err, sizeof err));
	CHECK_STR(err, "unknown time zone Mars/Olympus_Mons");
	CHECK(!tz_load("America", NULL, err, sizeof err)); /* a folder */
	struct tz *z = tz_load("", NULL, err, sizeof err);
	CHECK(z != NULL);
	tz_free(z);

	/* every prefix of a real file: refused or read, never a crash */
	FILE *f = fopen("/usr/share/zoneinfo/America/New_York", "rb");
	CHECK(f != NULL);
	if (!f)
		return;
	static unsigned char data[8192];
	size_t len = fread(data, 1, sizeof data, f);
	fclose(f);
	int refused = 0;
	for (size_t n = 0; n < len; n++) {
		unsigned char *copy = malloc(n ? n : 1);
		memcpy(copy, data, n);
		z = tz_from_tzif(copy, n, err, sizeof err);
		refused += z == NULL;
		tz_free(z);
		free(copy);
	}
	CHECK(refused > 0);
	z = tz_from_tzif(data, len, err, sizeof err);
	CHECK(z != NULL);
	tz_free(z);

	/* bytes changed at random (a fixed seed): refused, or a zone that
	 * answers and a walk that ends */
	unsigned seed = 17;
	for (int k = 0; k < 3000; k++) {
		unsigned char *copy = malloc(len);
		memcpy(copy, data, len);
		for (int m = 0; m < 4; m++) {
			seed = seed * 1103515245u + 12345u;
			copy[(seed >> 8) % len] = (unsigned char)(seed >> 24);
		}
		z = tz_from_tzif(copy, len, err, sizeof err);
		if (z) {
			struct tz_info i;
			tz_at(z, at(2026, 3, 8, 7, 0), &i);
			tz_at(z, at(2050, 1, 1, 0, 0), &i);
			next("30 2 * * *", z, at(2026, 3, 7, 17, 0));
			next("30 2 * * *", z, at(2045, 3, 7, 17, 0));
		}
		tz_free(z);
		free(copy);
	}

	/* an abbreviation index past the strings, a bad version, no zones at
	 * all, a count larger than the file; the 64-bit part starts at 54 */
	unsigned char bad[256];
	size_t n = footer_only(bad, "EST5");
	bad[54 + 20 + 24 + 5] = 9; /* the zone's abbreviation index */
	CHECK(!tz_from_tzif(bad, n, err, sizeof err));
	CHECK_STR(err, "malformed time zone information");
	n = footer_only(bad, "EST5");
	bad[4] = '9';
	CHECK(!tz_from_tzif(bad, n, err, sizeof err));
	n = footer_only(bad, "EST5");
	bad[54 + 20 + 19] = 0; /* the 64-bit part's zone count */
	CHECK(!tz_from_tzif(bad, n, err, sizeof err));
	n = footer_only(bad, "EST5");
	bad[54 + 20 + 15] = 0xff; /* a huge transition count */
	CHECK(!tz_from_tzif(bad, n, err, sizeof err));
}

int main(void)
{
	char err[64];
	utc = tz_load("UTC", NULL, err, sizeof err);
	RUN(parse_bits);
	RUN(utc_and_descriptors);
	RUN(day_of_month_and_week);
	RUN(new_york);
	RUN(london);
	RUN(lord_howe);
	RUN(footer_only_zone);
	RUN(hostile);
	tz_free(utc);
	return check_report();
}
