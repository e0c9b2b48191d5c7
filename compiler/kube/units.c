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

/* ---- quantities -------------------------------------------------------- */

#define QUANTITY_REGEX_MSG                                                                   \
	"quantities must match the regular expression "                                         \
	"'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

static const __int128 i128_max = (__int128)(((unsigned __int128)1 << 127) - 1);

/* 10^n for n <= 38, from a table built before main (threads only read it) */
static __int128 pow10_table[39];

__attribute__((constructor)) static void pow10_init(void)
{
	__int128 p = 1;
	for (int k = 0; k <= 38; k++) {
		pow10_table[k] = p;
		if (k < 38)
			p *= 10; /* 10^39 does not fit */
	}
}

static __int128 pow10_128(int n)
{
	return pow10_table[n];
}

/* a * b, saturating at the 128-bit maximum (magnitudes only) */
static __int128 mul_sat(__int128 a, __int128 b)
{
	__int128 r;
	if (__builtin_mul_overflow(a, b, &r))
		return i128_max;
	return r;
}

bool quantity_parse(const char *s, uint32_t len, struct quantity *q, const char **why)
{
	/* The API server first checks the shape with a regular expression:
	 * [+-]?[0-9.]+ then [eEinumkKMGTP]*[-+]?[0-9]*.  Same here, by hand. */
	uint32_t i = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	uint32_t num_start = i;
	while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		i++;
	uint32_t num_end = i;
	uint32_t suf_start = i;
	while (i < len && strchr("eEinumkKMGTP", s[i]) && s[i])
		i++;
	uint32_t letters_end = i;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (num_end == num_start || i != len) {
		*why = QUANTITY_REGEX_MSG;
		return false;
	}
	bool negative = s[0] == '-';

	/* the number: digits, at most one point */
	__int128 mant = 0;
	int frac = 0, points = 0, dropped = 0;
	bool big = false;
	for (uint32_t k = num_start; k < num_end; k++) {
		if (s[k] == '.') {
			points++;
			continue;
		}
		if (mant > i128_max / 100) {
			/* past 36 digits: a digit of the integer part still makes the
			 * number ten times larger; one of the fraction only rounds */
			big = true;
			if (!points)
				dropped++;
		} else {
			mant = mant * 10 + (s[k] - '0');
			if (points)
				frac++;
		}
	}
	if (points > 1) {
		*why = "unable to parse numeric part of quantity";
		return false;
	}
	(void)big;

	/* the suffix */
	const char *suf = s + suf_start;
	uint32_t slen = len - suf_start;
	int exp10 = 0, exp2 = 0;
	enum quantity_format fmt = QF_DECIMAL;
	if (slen == 0) {
		/* plain number */
	} else if (slen == 2 && suf[1] == 'i' && strchr("KMGTPE", suf[0])) {
		fmt = QF_BINARY;
		exp2 = 10 * (int)(strchr("KMGTPE", suf[0]) - "KMGTPE" + 1);
	} else if (slen == 1 && strchr("numkMGTPE", suf[0])) {
		static const char letters[] = "numkMGTPE";
		static const int exps[] = {-9, -6, -3, 3, 6, 9, 12, 15, 18};
		exp10 = exps[strchr(letters, suf[0]) - letters];
	} else if (suf[0] == 'e' || suf[0] == 'E') {
		/* e3, E-2, e+6: the rest must be a signed integer */
		const char *e = suf + 1;
		uint32_t elen = slen - 1;
		uint32_t k = 0;
		bool eneg = false;
		if (k < elen && (e[k] == '+' || e[k] == '-'))
			eneg = e[k++] == '-';
		if (k == elen || letters_end - suf_start != 1) {
			*why = "unable to parse quantity's suffix";
			return false;
		}
		long v = 0;
		for (; k < elen; k++) {
			if (e[k] < '0' || e[k] > '9') {
				*why = "unable to parse quantity's suffix";
				return false;
			}
			if (v < 100000)
				v = v * 10 + (e[k] - '0');
		}
		exp10 = (int)(eneg ? -v : v);
		fmt = QF_EXPONENT;
	} else {
		*why = "unable to parse quantity's suffix";
		return false;
	}

	/* nanos = mant * 10^(9 + exp10 - frac) * 2^exp2, rounded up */
	int p10 = 9 + exp10 - frac + dropped;
	__int128 v = mant;
	/* one shift and one multiplication, saturating (not a loop of them) */
	if (exp2)
		v = v > (i128_max >> exp2) ? i128_max : v << exp2;
	if (p10 >= 0) {
		if (v != i128_max)
			v = p10 <= 38 ? mul_sat(v, pow10_128(p10)) : v ? i128_max : 0;
	} else {
		bool rem = false;
		for (int k = 0; k < -p10 && v; k++) {
			rem |= v % 10 != 0;
			v /= 10;
		}
		if (rem)
			v++; /* Kubernetes rounds up to the next nano */
	}
	if (v == i128_max) {
		/* 1.7 * 10^29 units: no resource is that large; the API server
		 * would take it, as a number it can no longer compare exactly */
		*why = "it is too large (jobc takes quantities up to about 10^29)";
		return false;
	}
	q->nanos = negative ? -v : v;
	q->format = fmt;
	return true;
}

static void u128_to_str(unsigned __int128 v, char *out)
{
	char tmp[48];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	for (int k = 0; k < n; k++)
		out[k] = tmp[n - 1 - k];
	out[n] = '\0';
}

void quantity_format(const struct quantity *q, char *out, uint32_t size)
{
	bool neg = q->nanos < 0;
	unsigned __int128 v = (unsigned __int128)(neg ? -q->nanos : q->nanos);
	char digits[48];
	const char *suffix = "";
	if (q->format == QF_BINARY && v % 1000000000 == 0 && v / 1000000000 >= 1024) {
		unsigned __int128 units = v / 1000000000;
		static const char *const bin[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
		int k = 0;
		while (k < 6 && units % 1024 == 0 && units >= 1024) {
			units /= 1024;
			k++;
		}
		u128_to_str(units, digits);
		suffix = bin[k];
	} else {
		/* decimal: the largest suffix that keeps an integer */
		static const char *const dec[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
		int k = 0;
		unsigned __int128 units = v;
		while (k < 9 && units % 1000 == 0 && units) {
			units /= 1000;
			k++;
		}
		u128_to_str(units, digits);
		suffix = v ? dec[k] : "";
	}
	snprintf(out, size, "%s%s%s", neg ? "-" : "", digits, suffix);
}

bool quantity_unit_hint(const char *s, uint32_t len, char *out, uint32_t size)
{
	static const struct {
		char letter;
		const char *dec, *bin;
		int exp10, exp2;
	} units[] = {
		{'k', "kilobytes", "kibibytes", 3, 10},  {'m', "megabytes", "mebibytes", 6, 20},
		{'g', "gigabytes", "gibibytes", 9, 30},  {'t', "terabytes", "tebibytes", 12, 40},
		{'p', "petabytes", "pebibytes", 15, 50}, {'e', "exabytes", "exbibytes", 18, 60},
	};
	uint32_t n = 0;
	while (n < len && ((s[n] >= '0' && s[n] <= '9') || s[n] == '.'))
		n++;
	if (!n || n == len)
		return false;
	/* the suffix: a letter, then nothing, b, i or ib in any case */
	char letter = (char)(s[n] | 0x20);
	const char *rest = s + n + 1;
	uint32_t rn = len - n - 1;
	bool plain = rn == 0, b = rn == 1 && (rest[0] | 0x20) == 'b';
	bool ib = rn == 2 && (rest[0] | 0x20) == 'i' && (rest[1] | 0x20) == 'b';
	/* 4m is milli, 4k and 4Ki are right: only what the parser refused */
	if ((!plain && !b && !ib) || (plain && letter == 'e'))
		return false; /* 4e is a broken exponent, not exabytes */
	for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
		if (units[i].letter != letter)
			continue;
		char dec = letter == 'k' ? 'k' : (char)(letter - 32), bin = (char)(letter - 32);
		snprintf(out, size, "Kubernetes writes %s as '%.*s%c' (10^%d) or %s as '%.*s%ci' (2^%d)",
		         units[i].dec, (int)n, s, dec, units[i].exp10, units[i].bin, (int)n, s, bin,
		         units[i].exp2);
		return true;
	}
	return false;
}
