/* units.h - reading unit literals as durations (and, later, quantities).
 *
 * A unit literal is kept as text until a field types it; these functions
 * give it that type.  They return false with a reason that completes the
 * sentence "'1h30x' is not a valid duration: <reason>".
 */
#ifndef JOBC_UNITS_H
#define JOBC_UNITS_H

#include <stdbool.h>
#include <stdint.h>

/* duration := (number unit)+ with units d, h, m, s from largest to
 * smallest, each at most once; number := digits [. digits] (underscores
 * allowed).  The total must be a whole number of seconds. */
bool duration_parse(const char *s, uint32_t len, int64_t *seconds, const char **why);

/* Writes seconds the way jobc's docs show durations: 1h30m, 2d, 45s. */
void duration_format(int64_t seconds, char *out, uint32_t size);

#endif
