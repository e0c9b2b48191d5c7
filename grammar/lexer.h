/* lexer.h - the scanner's state and the token stream the parser reads.
 *
 * Two layers (see README):
 *   lex_raw      the flex scanner (jobc.l): bytes -> raw tokens, including
 *                every significant newline; keeps the bracket stack that
 *                string interpolation and newline rules need.
 *   jobc_yylex   the layer bison calls (lexer.c): turns newlines into item
 *                terminators only after a token that can end an item (as
 *                Go does with semicolons), lets `} NEWLINE else` through,
 *                adds a final terminator at end of file, and remembers the
 *                last tokens so syntax errors can say what was around.
 */
#ifndef JOBC_LEXER_H
#define JOBC_LEXER_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "buf.h"

struct tok_hist {
	int tok;
	struct span span;
	struct tokval val;
};

struct lexer {
	struct ast_ctx *ctx;
	void *scanner;          /* yyscan_t */
	const char *text;       /* the source text, untouched (flex writes into base) */
	const char *base;       /* scan buffer: a copy of the text + 2 NULs */
	uint32_t base_off;      /* offset of base[0] in the source (after a BOM) */
	uint32_t len;           /* bytes to scan */

	/* bracket stack: '{' '[' '(' and 'S'/'M' for ${ inside "..." / """...""",
	 * with the offset where each was opened */
	char *brackets;
	uint32_t *bracket_at;
	uint32_t *bracket_indent; /* the indentation of the line of each */
	uint32_t depth, cap;
	/* where line_indent has read to: the start of that line and its
	 * indentation (UINT32_MAX until read), so that it reads each byte once */
	uint32_t ind_pos, ind_line, ind_value;

	/* the string literal being scanned */
	struct buf sbuf;
	uint32_t str_start;     /* offset of the opening quote or of the segment */
	bool seg_after_interp;  /* this segment follows a ${...} */
	bool in_multiline;

	/* the end of the last unexpected character: a run of them is one error */
	uint32_t bad_end;

	/* comments, for the formatter */
	struct ast_comment *comments;
	uint32_t ncomments, capcomments;

	/* jobc_yylex state */
	int last_tok;
	bool pending_nl;
	struct span nl_span;
	bool have_peek;
	int peek_tok;
	struct tokval peek_val;
	struct span peek_span;
	struct tok_hist hist[3]; /* hist[0] is the most recent token returned */
	bool at_eof;
	bool eof_reported;       /* an error at end of file was reported */
	bool close_matched;      /* the last closing bracket had an opener */
	char skipped_open;       /* ... and skipped this unclosed one, or 0 */
	uint32_t skipped_at;
	/* the last closing bracket, first on its line, indented less than the
	 * line of the opener it closed: that opener may be the one left
	 * without its close (misfit_open is 0 when there is none) */
	char misfit_open;
	uint32_t misfit_at, misfit_close, misfit_indent;

	struct ast *root;        /* set by the grammar's start rule */
};

/* Sets up a scanner over text[0..len) of file ctx->file. */
void lexer_init(struct lexer *L, struct ast_ctx *ctx, const char *text, uint32_t len);
void lexer_destroy(struct lexer *L);

/* Reports a syntax error: the expected tokens (token numbers), the token
 * found and where.  Called by the parser's yyreport_syntax_error. */
void lexer_syntax_error(struct lexer *L, const int *expected, int nexpected, int found,
                        struct span where);

/* Implemented by the flex scanner. */
int lex_raw(struct lexer *L, struct tokval *val, struct span *loc, void *yyscanner);

/* Bracket stack, used by the scanner. */
void lex_push(struct lexer *L, char b, uint32_t at);
char lex_top(const struct lexer *L);
void lex_pop_match(struct lexer *L, char open, uint32_t at);

#endif
