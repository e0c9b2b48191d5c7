/* cron.h - CronJob schedules and time zones, as Kubernetes checks them.
 *
 * cron_check follows robfig/cron v3.0.1's ParseStandard, the parser the
 * API server uses: five fields or a descriptor, with its error messages
 * word for word; fields are split on white space as Go's strings.Fields
 * splits, by unicode.IsSpace (a no-break space separates them too).
 * tz_check follows batch validateTimeZone and looks the name up in the
 * system's IANA database (/usr/share/zoneinfo).
 */
#ifndef JOBC_CRON_H
#define JOBC_CRON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* NULL when spec is a valid schedule; otherwise the parser's message,
 * written into buf. */
const char *cron_check(const char *spec, char *buf, size_t size);

/* A schedule as robfig/cron v3's ParseStandard leaves it.  A SpecSchedule:
 * bit v of a field set when the value v matches, and CRON_STAR when the
 * field was a star ("*", "?", or either with the step 1), which decides
 * how the day of the month and the day of the week combine (dayMatches).
 * every > 0 instead: "@every", a ConstantDelaySchedule of that many
 * seconds (Every: whole seconds, at least one). */
#define CRON_STAR (1ULL << 63)
struct cron_spec {
	uint64_t second, minute, hour, dom, month, dow;
	int64_t every;
};

/* As cron_check, and when spec is valid, *out is the schedule (the
 * descriptors as parseDescriptor expands them). */
const char *cron_parse(const char *spec, struct cron_spec *out, char *buf, size_t size);

/* The first character of spec outside ASCII that Go's unicode.IsSpace
 * calls white space (white: a no-break space, an em space, ...), or that
 * looks like a space but is none (!white: a zero-width space, a word
 * joiner, a byte order mark, a Mongolian vowel separator): its name
 * ("U+200B ZERO WIDTH SPACE"), with its byte offset in *at; or NULL. */
const char *cron_unicode_space(const char *spec, bool white, size_t *at);

/* NULL when tz names a zone; otherwise the API server's message, in buf.
 * zoneinfo is the database folder (NULL: /usr/share/zoneinfo). */
const char *tz_check(const char *tz, const char *zoneinfo, char *buf, size_t size);

/* Calls fn with every zone name and link of the database (its tzdata.zi),
 * each valid during the call only. */
void tz_each(const char *zoneinfo, void (*fn)(void *user, const char *name), void *user);

/* The number of fields of spec, split on ASCII white space. */
unsigned cron_fields(const char *spec);

#endif
