/* cron_next.h - when a CronJob's schedule fires, in its time zone.
 *
 * Time zones are read from the IANA database's TZif files as Go's time
 * package reads them (LoadLocation, LoadLocationFromTZData): the version
 * 2+ 64-bit data when there is some, and the POSIX TZ footer for the times
 * after the last transition (tzset).  tz_at answers as Go's
 * Location.lookup does; cron_next walks a schedule as robfig/cron v3's
 * SpecSchedule.Next does, in the zone's wall-clock time through Go's
 * time.Date normalisation, which decides what happens to a time that a
 * daylight-saving change skips or repeats.  Times are unix seconds.
 */
#ifndef JOBC_CRON_NEXT_H
#define JOBC_CRON_NEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cron.h"

/* A loaded zone (opaque; owned by the caller, freed with tz_free). */
struct tz;

/* The zone named name (an IANA name such as "America/New_York") from the
 * database folder zoneinfo (NULL: /usr/share/zoneinfo).  "" and "UTC" are
 * UTC without a file, as LoadLocation has it.  NULL on failure, with the
 * reason in err: a name with ".." or a leading slash, no such file, or a
 * file that is not valid TZif data. */
struct tz *tz_load(const char *name, const char *zoneinfo, char *err, size_t errsz);

/* The zone in the TZif bytes data[0..len) (LoadLocationFromTZData), every
 * count and index bounds-checked; NULL with the reason in err. */
struct tz *tz_from_tzif(const unsigned char *data, size_t len, char *err, size_t errsz);

void tz_free(struct tz *z);

/* What a zone says of one instant (Location.lookup). */
struct tz_info {
	int32_t offset;   /* seconds east of UTC */
	bool dst;
	char abbr[16];    /* "EST", "+1030" */
	int64_t start, end; /* the span [start, end) the answer holds for, as Go
	                     * gives it (the bounds of the year far from a change
	                     * under the footer) */
};
void tz_at(const struct tz *z, int64_t t, struct tz_info *out); /* z NULL: UTC */

/* A wall-clock time in a zone (Time.Date, Time.Clock, Time.Weekday). */
struct civil {
	int64_t year;
	int month, day, hour, min, sec;
	int wday; /* 0: Sunday */
};
void tz_civil(const struct tz *z, int64_t t, struct civil *out);

/* The instant of a wall-clock time in z, out-of-range fields carried
 * (February 30 is March 2), with Go's time.Date choice in a skipped or
 * repeated hour. */
int64_t tz_date(const struct tz *z, int64_t year, int64_t month, int64_t day, int64_t hour,
                int64_t min, int64_t sec);

/* The first activation of s strictly after t, in the zone z (robfig's
 * SpecSchedule.Next, or ConstantDelaySchedule.Next for @every, which
 * ignores the zone).  False when none comes within five years (robfig
 * returns the zero time). */
bool cron_next(const struct cron_spec *s, const struct tz *z, int64_t t, int64_t *next);

#endif
