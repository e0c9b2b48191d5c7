/* check.h - the smallest unit-test harness that reports well.
 *
 *   CHECK(cond)            a failed condition prints file:line and the text
 *   CHECK_STR(a, b)        string equality, printing both on failure
 *   CHECK_INT(a, b)        integer equality, printing both on failure
 *   TEST(name) { ... }     a test function; RUN(name) in main runs it
 *   return check_report(); prints "N checks, M failed" and sets the status
 */
#ifndef JOBC_CHECK_H
#define JOBC_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_total, check_failed;
static const char *check_test;

#define CHECK(cond)                                                                   \
	do {                                                                              \
		check_total++;                                                                \
		if (!(cond)) {                                                                \
			check_failed++;                                                           \
			fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,      \
			        check_test, #cond);                                               \
		}                                                                             \
	} while (0)

#define CHECK_STR(a, b)                                                               \
	do {                                                                              \
		const char *check_a = (a), *check_b = (b);                                    \
		check_total++;                                                                \
		if (!check_a || !check_b || strcmp(check_a, check_b) != 0) {                  \
			check_failed++;                                                           \
			fprintf(stderr, "%s:%d: %s: %s == %s failed:\n  got:  [%s]\n  want: [%s]\n", \
			        __FILE__, __LINE__, check_test, #a, #b, check_a ? check_a : "(null)", \
			        check_b ? check_b : "(null)");                                    \
		}                                                                             \
	} while (0)

#define CHECK_INT(a, b)                                                               \
	do {                                                                              \
		long long check_a = (long long)(a), check_b = (long long)(b);                 \
		check_total++;                                                                \
		if (check_a != check_b) {                                                     \
			check_failed++;                                                           \
			fprintf(stderr, "%s:%d: %s: %s == %s failed: got %lld, want %lld\n",      \
			        __FILE__, __LINE__, check_test, #a, #b, check_a, check_b);        \
		}                                                                             \
	} while (0)

#define TEST(name) static void test_##name(void)
#define RUN(name)                     \
	do {                              \
		check_test = #name;           \
		test_##name();                \
	} while (0)

static inline int check_report(void)
{
	printf("%d checks, %d failed\n", check_total, check_failed);
	return check_failed ? 1 : 0;
}

#endif
