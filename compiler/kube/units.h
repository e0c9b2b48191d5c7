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

/* A Kubernetes resource quantity (k8s.io/apimachinery resource.Quantity):
 * signed number, then a binary suffix (Ki..Ei), a decimal one (n u m "" k
 * M G T P E) or an exponent (e3, E-2).  The value is kept in billionths,
 * rounded up as Kubernetes rounds, in 128 bits. */
enum quantity_format {
	QF_DECIMAL,  /* 500m, 2, 1G */
	QF_BINARY,   /* 4Gi */
	QF_EXPONENT, /* 1e3 */
};

struct quantity {
	__int128 nanos;            /* value x 10^9 */
	enum quantity_format format;
};

/* Parses s[0..len).  On failure returns false with *why set to the API
 * server's message ("unable to parse quantity's suffix", ...). */
bool quantity_parse(const char *s, uint32_t len, struct quantity *q, const char **why);
/* The quantity as the shortest exact text in its format ("1500m", "2Gi"). */
void quantity_format(const struct quantity *q, char *out, uint32_t size);
/* For a quantity written with another convention's unit (4GB, 4gb, 4GiB,
 * 512K, 2g): what Kubernetes calls it, in out ("Kubernetes writes
 * gigabytes as '4G' (10^9) or gibibytes as '4Gi' (2^30)"); false when s is
 * not such a quantity. */
bool quantity_unit_hint(const char *s, uint32_t len, char *out, uint32_t size);

#define QUANTITY_ONE ((__int128)1000000000)

#endif
