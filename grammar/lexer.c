/* lexer.c - the token stream the parser reads, and syntax error messages.
 *
 * jobc_yylex sits between flex and bison.  A newline ends an item only
 * when the token before it can end one (a name, a literal, ')', ']', '}'
 * or '..'), as Go inserts semicolons; blank lines, lines ending in an
 * operator or ',' and newlines inside [...] and (...) are dropped.
 * "}\n else" keeps working because a newline is held back until the next
 * token is known.  At end of file a final terminator is supplied.
 */
#include "lexer.h"

#include "grammar.h"

#include <string.h>

#include "alloc.h"
#include "parser.h"

typedef void *yyscan_t;
int jobc_yylex_init_extra(struct lexer *extra, yyscan_t *scanner);
int jobc_yylex_destroy(yyscan_t scanner);
struct yy_buffer_state *jobc_yy_scan_buffer(char *base, size_t size, yyscan_t scanner);

void lexer_init(struct lexer *L, struct ast_ctx *ctx, const char *text, uint32_t len)
{
	memset(L, 0, sizeof *L);
	L->ctx = ctx;
	L->text = text;
	L->last_tok = TOK_NL;
	/* A UTF-8 byte order mark is skipped; spans still count its bytes. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		L->base_off = 3;
		text += 3;
		len -= 3;
	}
	L->len = len;
	L->ind_pos = L->ind_line = L->base_off;
	L->ind_value = UINT32_MAX;
	/* flex scans in place and needs two NULs after the text. */
	char *copy = arena_alloc(ctx->arena, (size_t)len + 2);
	memcpy(copy, text, len);
	copy[len] = copy[len + 1] = '\0';
	L->base = copy;
	jobc_yylex_init_extra(L, &L->scanner);
	jobc_yy_scan_buffer(copy, (size_t)len + 2, L->scanner);
}

void lexer_destroy(struct lexer *L)
{
	if (L->scanner)
		jobc_yylex_destroy(L->scanner);
	L->scanner = NULL;
	xfree(L->brackets);
	xfree(L->bracket_at);
	xfree(L->bracket_indent);
	L->brackets = NULL;
	L->bracket_at = NULL;
	L->bracket_indent = NULL;
	buf_free(&L->sbuf);
}

/* ---- bracket stack ------------------------------------------------------ */

/* The indentation (spaces and tabs) of the line holding offset at, and
 * whether at is the first thing on that line.  Brackets come in the
 * order of the text, so it reads on from where it stopped: every byte
 * once, however long the lines or deep the brackets. */
static uint32_t line_indent(struct lexer *L, uint32_t at, bool *first)
{
	if (at < L->ind_pos) {
		/* not expected; start the line again */
		L->ind_pos = L->ind_line = L->base_off;
		L->ind_value = UINT32_MAX;
	}
	for (; L->ind_pos < at; L->ind_pos++)
		if (L->text[L->ind_pos] == '\n') {
			L->ind_line = L->ind_pos + 1;
			L->ind_value = UINT32_MAX;
		}
	if (L->ind_value == UINT32_MAX) {
		uint32_t i = L->ind_line, end = L->base_off + L->len;
		while (i < end && (L->text[i] == ' ' || L->text[i] == '\t'))
			i++;
		L->ind_value = i - L->ind_line;
	}
	*first = at == L->ind_line + L->ind_value;
	return L->ind_value;
}

void lex_push(struct lexer *L, char b, uint32_t at)
{
	if (L->depth == L->cap) {
		L->cap = L->cap ? L->cap * 2 : 32;
		L->brackets = xrealloc(L->brackets, L->cap);
		L->bracket_at = xrealloc(L->bracket_at, sizeof *L->bracket_at * L->cap);
		L->bracket_indent = xrealloc(L->bracket_indent, sizeof *L->bracket_indent * L->cap);
	}
	bool first;
	L->bracket_indent[L->depth] = line_indent(L, at, &first);
	L->bracket_at[L->depth] = at;
	L->brackets[L->depth++] = b;
}

char lex_top(const struct lexer *L)
{
	return L->depth ? L->brackets[L->depth - 1] : 0;
}

/* A closing bracket pops back to its opener; an unmatched one changes
 * nothing (the parser reports it).  An interpolation is never popped here.
 * at: where the closing bracket is. */
void lex_pop_match(struct lexer *L, char open, uint32_t at)
{
	L->close_matched = false;
	L->skipped_open = 0;
	for (uint32_t d = L->depth; d > 0; d--) {
		char b = L->brackets[d - 1];
		if (b == 'S' || b == 'M')
			return;
		if (b == open) {
			if (d < L->depth) {
				/* "[ ... }": remember the innermost bracket left open */
				L->skipped_open = L->brackets[L->depth - 1];
				L->skipped_at = L->bracket_at[L->depth - 1];
			}
			bool first;
			uint32_t indent = line_indent(L, at, &first);
			if (first && indent < L->bracket_indent[d - 1]) {
				L->misfit_open = b;
				L->misfit_at = L->bracket_at[d - 1];
				L->misfit_close = at;
				L->misfit_indent = indent;
			}
			L->depth = d - 1;
			L->close_matched = true;
			return;
		}
	}
}

/* ---- the token stream ------------------------------------------------- */

/* Tokens after which a newline ends the item. */
static bool ends_item(int tok)
{
	switch (tok) {
	case TOK_IDENT: case TOK_INT: case TOK_UNIT: case TOK_STRING: case TOK_STR_TAIL:
	case TOK_TRUE: case TOK_FALSE: case TOK_NULL:
	case TOK_RPAREN: case TOK_RBRACKET: case TOK_RBRACE: case TOK_DOTDOT:
		return true;
	default:
		return false;
	}
}

static void remember(struct lexer *L, int tok, struct span sp, struct tokval v)
{
	L->hist[2] = L->hist[1];
	L->hist[1] = L->hist[0];
	L->hist[0].tok = tok;
	L->hist[0].span = sp;
	L->hist[0].val = v;
}

int jobc_yylex(JOBC_YYSTYPE *lval, struct span *lloc, struct lexer *L)
{
	for (;;) {
		int tok;
		struct tokval v = {0};
		struct span sp;
		if (L->have_peek) {
			tok = L->peek_tok;
			v = L->peek_val;
			sp = L->peek_span;
			L->have_peek = false;
		} else if (L->at_eof) {
			tok = TOK_YYEOF;
			sp = L->hist[0].span;
			sp.start = sp.end;
		} else {
			tok = lex_raw(L, &v, &sp, L->scanner);
			if (tok == TOK_YYEOF) {
				L->at_eof = true;
				/* End of file sits right after the last token. */
				if (L->hist[0].tok) {
					sp = L->hist[0].span;
					sp.start = sp.end;
				} else {
					sp = (struct span){L->ctx->file, 0, 0};
				}
			}
		}
		if (tok == TOK_NL) {
			if (!ends_item(L->last_tok) || L->pending_nl)
				continue;
			L->pending_nl = true;
			/* A missing-item error points just after the last token. */
			L->nl_span = L->hist[0].span;
			L->nl_span.start = L->nl_span.end;
			continue;
		}
		/* The last item needs no newline, unless a [ or ( is still open
		 * (then the missing bracket is the error to report). */
		if (tok == TOK_YYEOF && ends_item(L->last_tok) && !L->pending_nl &&
		    lex_top(L) != '[' && lex_top(L) != '(') {
			L->pending_nl = true;
			L->nl_span = sp;
		}
		if (L->pending_nl) {
			L->pending_nl = false;
			if (tok != TOK_ELSE) {
				L->have_peek = true;
				L->peek_tok = tok;
				L->peek_val = v;
				L->peek_span = sp;
				L->last_tok = TOK_NL;
				*lloc = L->nl_span;
				remember(L, TOK_NL, L->nl_span, (struct tokval){0});
				return TOK_NL;
			}
		}
		L->last_tok = tok;
		lval->tok = v;
		*lloc = sp;
		remember(L, tok, sp, v);
		return tok;
	}
}

/* ---- syntax errors ---------------------------------------------------- */

/* What a token is called in "expected X" lists. */
static const char *tok_name(int tok)
{
	switch (tok) {
	case TOK_YYEOF: return "end of file";
	case TOK_IDENT: return "name";
	case TOK_INT: return "integer";
	case TOK_UNIT: return "unit literal";
	case TOK_STRING: case TOK_STR_HEAD: return "string";
	case TOK_STR_MID: case TOK_STR_TAIL: return "end of string";
	case TOK_NL: return "end of line";
#define KEYWORD(text, token) case token: return "'" text "'";
#include "keywords.def"
#undef KEYWORD
	case TOK_PLUSEQ: return "'+='";
	case TOK_EQEQ: return "'=='";
	case TOK_NE: return "'!='";
	case TOK_LE: return "'<='";
	case TOK_GE: return "'>='";
	case TOK_ANDAND: return "'&&'";
	case TOK_OROR: return "'||'";
	case TOK_DOTDOT: return "'..'";
	case TOK_EQ: return "'='";
	case TOK_PLUS: return "'+'";
	case TOK_MINUS: return "'-'";
	case TOK_STAR: return "'*'";
	case TOK_SLASH: return "'/'";
	case TOK_PERCENT: return "'%'";
	case TOK_LT: return "'<'";
	case TOK_GT: return "'>'";
	case TOK_BANG: return "'!'";
	case TOK_DOT: return "'.'";
	case TOK_COMMA: case TOK_BCOMMA: return "','";
	case TOK_SEMI: return "';'";
	case TOK_COLON: return "':'";
	case TOK_LBRACE: return "'{'";
	case TOK_RBRACE: return "'}'";
	case TOK_LBRACKET: return "'['";
	case TOK_RBRACKET: return "']'";
	case TOK_LPAREN: return "'('";
	case TOK_RPAREN: return "')'";
	default: return "token";
	}
}

static bool is_keyword(int tok)
{
	switch (tok) {
#define KEYWORD(text, token) case token:
#include "keywords.def"
#undef KEYWORD
		return true;
	default:
		return false;
	}
}

/* The source text of a span (from the untouched text: flex keeps a NUL
 * after the current token in its scan buffer). */
static const char *span_text(const struct lexer *L, struct span sp, uint32_t *len)
{
	uint32_t total = L->base_off + L->len;
	uint32_t s = sp.start, e = sp.end;
	if (e > total)
		e = total;
	if (s > e)
		s = e;
	*len = e - s;
	return L->text + s;
}

/* "identifier 'x'", "string \"x\"", "'='", "end of line" ... */
static void describe(const struct lexer *L, struct buf *b, const struct tok_hist *h)
{
	uint32_t len;
	const char *text;
	switch (h->tok) {
	case TOK_IDENT:
		buf_printf(b, "identifier '%s'", h->val.s);
		break;
	case TOK_INT:
	case TOK_UNIT:
		text = span_text(L, h->span, &len);
		buf_printf(b, "number '%.*s'", (int)len, text);
		break;
	case TOK_STRING:
		buf_puts(b, "string \"");
		diag_quote(b, h->val.s, h->val.len, 40);
		buf_putc(b, '"');
		break;
	case TOK_STR_HEAD:
		buf_puts(b, "string \"");
		diag_quote(b, h->val.s, h->val.len, 40);
		buf_puts(b, "${...\"");
		break;
	default:
		if (is_keyword(h->tok))
			buf_printf(b, "keyword %s", tok_name(h->tok));
		else
			buf_puts(b, tok_name(h->tok));
	}
}

static bool has(const int *e, int n, int tok)
{
	for (int i = 0; i < n; i++)
		if (e[i] == tok)
			return true;
	return false;
}

/* Removes tok from e[0..*n). */
static void drop(int *e, int *n, int tok)
{
	int k = 0;
	for (int i = 0; i < *n; i++)
		if (e[i] != tok)
			e[k++] = e[i];
	*n = k;
}

static const int expr_start[] = {
	TOK_INT, TOK_UNIT, TOK_STRING, TOK_STR_HEAD, TOK_TRUE, TOK_FALSE, TOK_NULL, TOK_IDENT,
	TOK_LBRACKET, TOK_LBRACE, TOK_LPAREN, TOK_MINUS, TOK_BANG,
};
static const int operators[] = {
	TOK_OROR, TOK_ANDAND, TOK_EQEQ, TOK_NE, TOK_LT, TOK_LE, TOK_GT, TOK_GE, TOK_IN,
	TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_PERCENT, TOK_DOT, TOK_LBRACKET, TOK_DOTDOT,
};
#define COUNT(a) ((int)(sizeof a / sizeof *a))

/* End of file with brackets open: the error is at the bracket that is
 * never closed, with the end of the file as a note.  That is the innermost
 * one, unless a closing bracket was indented less than the opener it
 * closed and as much as a bracket still open around it: then, as clang
 * and rustc read indentation, that opener is the one missing its close
 * and the closing bracket was meant for the outer one. */
static void unclosed_at_eof(struct lexer *L, struct span eof)
{
	char b = L->brackets[L->depth - 1];
	uint32_t at = L->bracket_at[L->depth - 1];
	bool misfit = false;
	for (uint32_t k = 0; L->misfit_open && k < L->depth && !misfit; k++)
		misfit = L->bracket_at[k] < L->misfit_at && L->bracket_indent[k] == L->misfit_indent;
	if (misfit) {
		b = L->misfit_open;
		at = L->misfit_at;
	}
	bool interp = b == 'S' || b == 'M';
	struct span sp = {L->ctx->file, at, at + (interp ? 2 : 1)};
	if (interp)
		diag_error(L->ctx->diag, sp, NULL, "this '${' is never closed");
	else
		diag_error(L->ctx->diag, sp, NULL, "this '%c' is never closed", b);
	if (misfit) {
		struct span cl = {L->ctx->file, L->misfit_close, L->misfit_close + 1};
		diag_note(L->ctx->diag, cl,
		          "this '%c' closes it, but is indented as an outer '%c' that is never closed",
		          L->text[L->misfit_close], b);
	}
	diag_note(L->ctx->diag, eof, "the file ends here");
	L->eof_reported = true;
}

void lexer_syntax_error(struct lexer *L, const int *expected, int nexpected, int found,
                        struct span where)
{
	int e[64];
	int n = nexpected < 64 ? nexpected : 64;
	memcpy(e, expected, sizeof *e * (size_t)n);
	struct tok_hist cur = L->hist[0];
	if (cur.tok != found) {
		cur.tok = found;
		cur.span = where;
		memset(&cur.val, 0, sizeof cur.val);
	}
	const struct tok_hist *prev = &L->hist[1];
	const struct tok_hist *prev2 = &L->hist[2];
	struct buf msg = BUF_INIT;
	const char *phrase = NULL;  /* a whole "expected ..." phrase */
	const char *context = NULL; /* " after ..." */

	/* `image "x"` or `image x` then end of line: the word after the field
	 * name was taken as a block label.  Say what the user most likely
	 * missed, at that word. */
	if (n == 1 && e[0] == TOK_LBRACE &&
	    (prev->tok == TOK_STRING || prev->tok == TOK_STR_TAIL || prev->tok == TOK_IDENT) &&
	    (prev2->tok == TOK_IDENT || prev2->tok == TOK_STRING || prev2->tok == TOK_STR_TAIL) &&
	    (found == TOK_NL || found == TOK_YYEOF || found == TOK_RBRACE || found == TOK_SEMI)) {
		cur = *prev;
		where = prev->span;
		phrase = "'=' or '{'";
		context = " after field name";
		goto report;
	}

	if (found == TOK_YYEOF && L->eof_reported)
		goto done; /* an unterminated string already said it */
	/* where a closing bracket could come: one is missing (mid-expression,
	 * `image =`, what is missing is the expression) */
	if (found == TOK_YYEOF && L->depth &&
	    (has(e, n, TOK_RBRACE) || has(e, n, TOK_RBRACKET) || has(e, n, TOK_RPAREN))) {
		unclosed_at_eof(L, where);
		goto done;
	}
	if (found == TOK_ELSE && !has(e, n, TOK_ELSE)) {
		buf_puts(&msg, "'else' must follow the '}' of an 'if'");
		goto emit;
	}
	if (found == TOK_RBRACE && !has(e, n, TOK_RBRACE) && !L->close_matched) {
		buf_puts(&msg, "unmatched '}'");
		goto emit;
	}

	bool can_expr = has(e, n, TOK_INT) && has(e, n, TOK_LBRACKET);
	bool item_start = has(e, n, TOK_LET) && has(e, n, TOK_JOB) && has(e, n, TOK_IDENT);
	bool after_key = has(e, n, TOK_EQ) && has(e, n, TOK_LBRACE) && has(e, n, TOK_PLUSEQ);
	bool after_expr = has(e, n, TOK_PLUS) && has(e, n, TOK_STAR);

	if (item_start) {
		phrase = has(e, n, TOK_RBRACE) ? "a field, a declaration or '}'"
		                              : "a field or a declaration";
		goto report;
	}
	if (after_key) {
		phrase = "'=' or '{'";
		context = " after field name";
		goto report;
	}
	if (n == 1 && e[0] == TOK_EQ && (prev->tok == TOK_IDENT) &&
	    (prev2->tok == TOK_LET || prev2->tok == TOK_PARAM)) {
		phrase = "'='";
		context = prev2->tok == TOK_LET ? " after the name in 'let'" : " after the name in 'param'";
		goto report;
	}
	if (prev->tok == TOK_JOB && has(e, n, TOK_IDENT) && has(e, n, TOK_STRING)) {
		phrase = "a job name";
		goto report;
	}
	if (n == 1 && e[0] == TOK_IDENT) {
		switch (prev->tok) {
		case TOK_LET: phrase = "a name after 'let'"; break;
		case TOK_PARAM: phrase = "a name after 'param'"; break;
		case TOK_TEMPLATE: phrase = "a template name"; break;
		case TOK_FOR: phrase = "a loop variable"; break;
		case TOK_COLON: phrase = "a template name after ':'"; break;
		case TOK_DOT: phrase = "a key after '.'"; break;
		default: phrase = "a name"; break;
		}
		goto report;
	}
	if (prev->tok == TOK_INCLUDE && has(e, n, TOK_STRING)) {
		phrase = "a file name in double quotes";
		goto report;
	}
	if (n == 2 && has(e, n, TOK_COLON) && has(e, n, TOK_LBRACE)) {
		phrase = "':' or '{'";
		context = " after the name";
		goto report;
	}

	/* General case: list what may come, folding families into one word. */
	if (after_expr)
		for (int i = 0; i < COUNT(operators); i++)
			drop(e, &n, operators[i]);
	if (can_expr) {
		for (int i = 0; i < COUNT(expr_start); i++)
			drop(e, &n, expr_start[i]);
		drop(e, &n, TOK_DOTDOT);
	}
	if (has(e, n, TOK_NL)) {
		drop(e, &n, TOK_SEMI);
		drop(e, &n, TOK_COMMA);
		drop(e, &n, TOK_BCOMMA);
	}
	drop(e, &n, TOK_STR_HEAD);
	drop(e, &n, TOK_STR_MID);
	if (has(e, n, TOK_COMMA) && has(e, n, TOK_BCOMMA))
		drop(e, &n, TOK_BCOMMA);
	{
		int total = n + (can_expr ? 1 : 0);
		if (total == 0 || total > 5) {
			buf_puts(&msg, "unexpected ");
			describe(L, &msg, &cur);
			goto emit;
		}
		buf_puts(&msg, "expected ");
		int k = 0;
		if (can_expr) {
			buf_puts(&msg, "an expression");
			k++;
		}
		for (int i = 0; i < n; i++, k++) {
			if (k)
				buf_puts(&msg, k == total - 1 ? " or " : ", ");
			buf_puts(&msg, tok_name(e[i]));
		}
		buf_puts(&msg, ", found ");
		describe(L, &msg, &cur);
		goto emit;
	}

report:
	buf_printf(&msg, "expected %s%s, found ", phrase, context ? context : "");
	describe(L, &msg, &cur);
emit:
	diag_error(L->ctx->diag, where, NULL, "%s", msg.data);
	/* `labels { job = "x" }`: a keyword where a key was meant. */
	if (is_keyword(prev->tok) && lex_top(L) == '{' && (found == TOK_EQ || found == TOK_PLUSEQ))
		diag_note(L->ctx->diag, prev->span,
		          "%s is a keyword; write it in double quotes to use it as a key",
		          tok_name(prev->tok));
	if ((found == TOK_RBRACE || found == TOK_RBRACKET || found == TOK_RPAREN) &&
	    L->skipped_open) {
		struct span sp = {L->ctx->file, L->skipped_at, L->skipped_at + 1};
		diag_note(L->ctx->diag, sp, "this '%c' is not closed", L->skipped_open);
	}
	/* job report.v2 { ... }: a bare name stops at the dot. */
	if (found == TOK_DOT && prev->tok == TOK_IDENT && prev2->tok == TOK_JOB) {
		uint32_t len;
		const char *name = span_text(L, prev->span, &len);
		while (name + len < L->text + L->base_off + L->len &&
		       (name[len] == '.' || name[len] == '-' || name[len] == '_' ||
		        (name[len] >= 'a' && name[len] <= 'z') || (name[len] >= 'A' && name[len] <= 'Z') ||
		        (name[len] >= '0' && name[len] <= '9')))
			len++;
		diag_note(L->ctx->diag, prev->span, "a name with dots must be quoted: job \"%.*s\"",
		          (int)len, name);
	}
	if (found == TOK_YYEOF) {
		L->eof_reported = true;
		/* Point at the innermost bracket left open. */
		for (uint32_t d = L->depth; d > 0; d--) {
			char b = L->brackets[d - 1];
			uint32_t at = L->bracket_at[d - 1];
			struct span sp = {L->ctx->file, at, at + (b == 'S' || b == 'M' ? 2 : 1)};
			if (b == 'S' || b == 'M')
				diag_note(L->ctx->diag, sp, "this '${' is not closed");
			else
				diag_note(L->ctx->diag, sp, "this '%c' is not closed", b);
			break;
		}
	}
done:
	buf_free(&msg);
}

/* ---- entry point -------------------------------------------------------- */

struct ast *grammar_parse(struct ast_ctx *ctx, const char *text, uint32_t len)
{
	struct lexer L;
	lexer_init(&L, ctx, text, len);
	struct ast *root = parse_file_with(&L);
	root->file.comments = L.comments;
	root->file.ncomments = L.ncomments;
	root->span = (struct span){ctx->file, 0, L.base_off + L.len};
	lexer_destroy(&L);
	return root;
}
