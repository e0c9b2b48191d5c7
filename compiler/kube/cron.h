/* cron.h - CronJob schedules and time zones, as Kubernetes checks them.
 *
 * cron_check follows robfig/cron v3.0.1's ParseStandard, the parser the
 * API server uses: five fields or a descriptor, with its error messages
 * word for word.  tz_check follows batch validateTimeZone and looks the
 * name up in the system's IANA database (/usr/share/zoneinfo).
 */
#ifndef JOBC_CRON_H
#define JOBC_CRON_H

#include <stdbool.h>
#include <stddef.h>

/* NULL when spec is a valid schedule; otherwise the parser's message,
 * written into buf. */
const char *cron_check(const char *spec, char *buf, size_t size);

/* NULL when tz names a zone; otherwise the API server's message, in buf.
 * zoneinfo is the database folder (NULL: /usr/share/zoneinfo). */
const char *tz_check(const char *tz, const char *zoneinfo, char *buf, size_t size);

#endif
