/* keywords.h - the language's keywords (keywords.def), for the scanner and
 * for the code that writes .job source (fmt, import). */
#ifndef JOBC_KEYWORDS_H
#define JOBC_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s[0..n) is a keyword. */
bool keyword_is(const char *s, size_t n);

/* Whether s[0..n) can be written bare, as a name, key or label: it is
 * [A-Za-z_][A-Za-z0-9_-]* and not a keyword.  Anything else is written as
 * a string ("app.kubernetes.io/name", "job"). */
bool word_is_bare(const char *s, size_t n);

/* For the scanner: the token (TOK_*, parser.h) of the keyword s[0..n), or
 * TOK_IDENT when s[0..n) is not one. */
int keyword_token(const char *s, size_t n);

#endif
