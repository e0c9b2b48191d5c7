/* units.c - durations; see units.h. */
#include "units.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int unit_rank(char u)
{
	switch (u) {
	case 'd': return 4;
	case 'h': return 3;
	case 'm': return 2;
	case 's': return 1;
	default: return 0;
	}
}

static int64_t unit_seconds(char u)
{
	switch (u) {
	case 'd': return 86400;
	case 'h': return 3600;
	case 'm': return 60;
	default: return 1;
	}
}

bool duration_parse(const char *s, uint32_t len, int64_t *seconds, const char **why)
{
	uint32_t i = 0;
	int64_t total = 0;
	int last_rank = 99;
	if (len == 0) {
		*why = "it is empty";
		return false;
	}
	if (s[0] == '-') {
		*why = "a duration cannot be negative";
		return false;
	}
	while (i < len) {
		/* number: digits [. digits], underscores between digits */
		int64_t mant = 0; /* all digits, the point ignored */
		int64_t scale = 1; /* 10^(digits after the point) */
		bool digits = false, point = false, overflow = false;
		for (; i < len; i++) {
			char c = s[i];
			if (c == '_')
				continue;
			if (c == '.' && !point) {
				point = true;
				continue;
			}
			if (c < '0' || c > '9')
				break;
			digits = true;
			if (__builtin_mul_overflow(mant, 10, &mant) ||
			    __builtin_add_overflow(mant, c - '0', &mant))
				overflow = true;
			if (point && __builtin_mul_overflow(scale, 10, &scale))
				overflow = true;
		}
		if (!digits) {
			*why = "expected a number before each unit";
			return false;
		}
		if (i >= len) {
			*why = "a number needs a unit: d, h, m or s (as in 90s or 1h30m)";
			return false;
		}
		char u = s[i++];
		int rank = unit_rank(u);
		if (!rank || (i < len && s[i] >= 'a' && s[i] <= 'z')) {
			*why = "units are d, h, m and s (as in 2d, 1h30m, 45s)";
			return false;
		}
		if (rank >= last_rank) {
			*why = "units must go from largest to smallest, each once (as in 1h30m)";
			return false;
		}
		last_rank = rank;
		int64_t part;
		if (overflow || __builtin_mul_overflow(mant, unit_seconds(u), &part)) {
			*why = "it is too large";
			return false;
		}
		if (part % scale != 0) {
			*why = "Kubernetes counts whole seconds; a fraction of a second is left over";
			return false;
		}
		if (__builtin_add_overflow(total, part / scale, &total)) {
			*why = "it is too large";
			return false;
		}
	}
	*seconds = total;
	return true;
}

void duration_format(int64_t seconds, char *out, uint32_t size)
{
	if (seconds == 0) {
		snprintf(out, size, "0s");
		return;
	}
	int64_t d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60,
	        s = seconds % 60;
	int n = 0;
	out[0] = '\0';
	if (d && n < (int)size)
		n += snprintf(out + n, size - (uint32_t)n, "%" PRId64 "d", d);
	if (h && n < (int)size)
		n += snprintf(out + n, size - (uint32_t)n, "%" PRId64 "h", h);
	if (m && n < (int)size)
		n += snprintf(out + n, size - (uint32_t)n, "%" PRId64 "m", m);
	if (s && n < (int)size)
		snprintf(out + n, size - (uint32_t)n, "%" PRId64 "s", s);
}
