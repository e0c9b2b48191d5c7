/* keywords.c - looking words up in keywords.def; see keywords.h. */
#include "keywords.h"

#include <string.h>

#include "parser.h"

int keyword_token(const char *s, size_t n)
{
#include "keyword_switch.h"
	return TOK_IDENT;
}

bool keyword_is(const char *s, size_t n)
{
	return keyword_token(s, n) != TOK_IDENT;
}

static bool ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool ident_char(char c)
{
	return ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}

bool word_is_bare(const char *s, size_t n)
{
	if (n == 0 || !ident_start(s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!ident_char(s[i]))
			return false;
	return !keyword_is(s, n);
}
