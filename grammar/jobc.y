/* jobc.y - the jobc grammar: tokens to a raw syntax tree.
 *
 * Actions only build nodes, through the ast_* constructors (compiler/front/ast.h):
 * no name resolution, no defaults, no Kubernetes, no file access.  Job and
 * template bodies, map literals and the top level share one item grammar;
 * which item may stand where is decided by the compiler, which can say so
 * more clearly than a parser could.
 *
 * Items end at a newline or ';' (lexer.c drops newlines that cannot end an
 * item, and all newlines inside [...] and (...)); ',' ends an item too, so
 * a map literal may be written { a = 1, b = 2 }.  The scanner tells the two
 * commas apart: BCOMMA is a ',' directly inside { } or at the top level
 * (an item terminator, or the separator of parents and loop variables),
 * COMMA one inside [ ] or ( ) (a list or argument separator).  So error
 * recovery, which skips to the next terminator, never stops inside a list.
 *
 * Error recovery: a broken item is skipped to the next terminator (newlines
 * inside an open [ or ( do not count, so a broken list is skipped whole), a
 * broken block to its '}'.
 * One run reports every syntax error of a file; the caller's verdict comes
 * from the diagnostic count, not from yyparse's return value.
 */
%require "3.8"
%define api.pure full
%define api.prefix {jobc_yy}
%define api.token.prefix {TOK_}
%define api.location.type {struct span}
%define parse.error custom
%define parse.lac full
%define parse.trace
%locations
%param {struct lexer *L}
%expect 0

%code requires {
#include "ast.h"
struct lexer;
}

%code provides {
int jobc_yylex(JOBC_YYSTYPE *lval, struct span *lloc, struct lexer *L);
void jobc_yyerror(struct span *lloc, struct lexer *L, const char *msg);
/* Parses the file the lexer was set up for; returns its FILE node. */
struct ast *parse_file_with(struct lexer *L);
}

%code {
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "lexer.h"

#define YYMALLOC xmalloc
#define YYFREE xfree

/* A rule's span runs from its first symbol's start to its last one's end;
 * an empty rule sits, zero-wide, where the previous symbol ended. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                         \
	do {                                                                \
		if (N) {                                                    \
			(Cur).file = YYRHSLOC(Rhs, 1).file;                 \
			(Cur).start = YYRHSLOC(Rhs, 1).start;               \
			(Cur).end = YYRHSLOC(Rhs, N).end;                   \
		} else {                                                    \
			(Cur).file = YYRHSLOC(Rhs, 0).file;                 \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;     \
		}                                                           \
	} while (0)

#define YYLOCATION_PRINT(File, Loc) \
	fprintf(File, "%u-%u", (unsigned)(Loc)->start, (unsigned)(Loc)->end)

#define C (L->ctx)
}

%union {
	struct tokval tok;
	struct ast *node;
	struct ast_vec vec;
}

%token <tok> IDENT "identifier"
%token <tok> INT "integer"
%token <tok> UNIT "unit literal"
%token <tok> STRING "string"
%token <tok> STR_HEAD "string with ${"
%token <tok> STR_MID "string part"
%token <tok> STR_TAIL "end of string"
%token NL "end of line"
/* The keywords: keywords.def, in its order, each aliased to its text (the
 * test grammar/keywords checks that the two lists agree). */
%token INCLUDE "include" LET "let" PARAM "param" TEMPLATE "template" JOB "job"
%token FOR "for" IN "in" IF "if" ELSE "else" TRUE "true" FALSE "false" NULL "null"
/* Operators and punctuation. */
%token PLUSEQ "+=" EQEQ "==" NE "!=" LE "<=" GE ">=" ANDAND "&&" OROR "||" DOTDOT ".."
%token EQ "=" PLUS "+" MINUS "-" STAR "*" SLASH "/" PERCENT "%" LT "<" GT ">" BANG "!"
%token DOT "." COMMA "," BCOMMA "item ','" SEMI ";" COLON ":"
%token LBRACE "{" RBRACE "}" LBRACKET "[" RBRACKET "]" LPAREN "(" RPAREN ")"

%type <node> item if_item body key label name value expr postfix primary string interp
%type <node> tparam parent arg
%type <vec> items tparams parents opt_parents args arg_list exprs list_items

%left OROR
%left ANDAND
%nonassoc EQEQ NE LT LE GT GE IN
%left PLUS MINUS
%left STAR SLASH PERCENT
%precedence BANG UNARY

%%

file:
	items                           { L->root = ast_file(C, $1, @$); }
	;

/* items: the contents of a file or of a { } block */
items:
	%empty                          { $$ = ast_vec_empty(); }
	| items term                    { $$ = $1; }
	| items item term               { $$ = $1; ast_vec_push(C, &$$, $2); }
	| items error term              { $$ = $1; yyerrok; }
	;

term: NL | SEMI | BCOMMA ;

/* body: { items } -- the last item needs no terminator before '}' */
body:
	LBRACE items RBRACE             { $$ = ast_body(C, $2, @$); }
	| LBRACE items item RBRACE      { ast_vec_push(C, &$2, $3); $$ = ast_body(C, $2, @$); }
	| LBRACE items error RBRACE     { $$ = ast_body(C, $2, @$); yyerrok; }
	;

item:
	INCLUDE STRING                  { $$ = ast_include(C, $2, @2, @$); }
	| LET IDENT EQ value            { $$ = ast_let(C, AST_LET, $2, @2, $4, @$); }
	| PARAM IDENT EQ value          { $$ = ast_let(C, AST_PARAM, $2, @2, $4, @$); }
	| TEMPLATE IDENT opt_parents body
	                                { $$ = ast_template(C, $2, @2, NULL, $3, $4, @$); }
	| TEMPLATE IDENT LPAREN tparams RPAREN opt_parents body
	                                { $$ = ast_template(C, $2, @2, &$4, $6, $7, @$); }
	| JOB name opt_parents body     { $$ = ast_job(C, $2, $3, $4, @$); }
	| FOR IDENT IN expr body        { $$ = ast_for(C, NULL, @2, $2, @2, $4, $5, @$); }
	| FOR IDENT BCOMMA IDENT IN expr body
	                                { $$ = ast_for(C, &$2, @2, $4, @4, $6, $7, @$); }
	| if_item
	| JOB error body                { $$ = NULL; }
	| TEMPLATE error body           { $$ = NULL; }
	| FOR error body                { $$ = NULL; }
	| key EQ value                  { $$ = ast_field(C, $1, ASSIGN_SET, $3, @$); }
	| key PLUSEQ value              { $$ = ast_field(C, $1, ASSIGN_APPEND, $3, @$); }
	| key body                      { $$ = ast_block(C, $1, NULL, $2, @$); }
	| key label body                { $$ = ast_block(C, $1, $2, $3, @$); }
	;

if_item:
	IF expr body                    { $$ = ast_if(C, $2, $3, NULL, @$); }
	| IF expr body ELSE body        { $$ = ast_if(C, $2, $3, $5, @$); }
	| IF expr body ELSE if_item     { $$ = ast_if(C, $2, $3, $5, @$); }
	;

key:
	IDENT                           { $$ = ast_bare(C, $1, @1); }
	| string
	;

label:
	IDENT                           { $$ = ast_bare(C, $1, @1); }
	| string
	;

name:
	IDENT                           { $$ = ast_bare(C, $1, @1); }
	| string
	;

/* template parameters: a, b = 2 */
tparams:
	%empty                          { $$ = ast_vec_empty(); }
	| tparam                        { $$ = ast_vec_one(C, $1); }
	| tparams COMMA tparam          { $$ = $1; ast_vec_push(C, &$$, $3); }
	| tparams COMMA                 { $$ = $1; }
	;

tparam:
	IDENT                           { $$ = ast_tparam(C, $1, NULL, @$); }
	| IDENT EQ expr                 { $$ = ast_tparam(C, $1, $3, @$); }
	;

/* : parent, parent(args) */
opt_parents:
	%empty                          { $$ = ast_vec_empty(); }
	| COLON parents                 { $$ = $2; }
	| COLON error                   { $$ = ast_vec_empty(); }
	;

parents:
	parent                          { $$ = ast_vec_one(C, $1); }
	| parents BCOMMA parent         { $$ = $1; ast_vec_push(C, &$$, $3); }
	;

parent:
	IDENT                           { $$ = ast_parent(C, $1, NULL, @$); }
	| IDENT LPAREN args RPAREN      { $$ = ast_parent(C, $1, &$3, @$); }
	;

/* arguments: positional or name = value */
args:
	%empty                          { $$ = ast_vec_empty(); }
	| arg_list                      { $$ = $1; }
	| arg_list COMMA                { $$ = $1; }
	;

arg_list:
	arg                             { $$ = ast_vec_one(C, $1); }
	| arg_list COMMA arg            { $$ = $1; ast_vec_push(C, &$$, $3); }
	;

arg:
	expr                            { $$ = ast_arg(C, NULL, @1, $1, @$); }
	| IDENT EQ expr                 { $$ = ast_arg(C, &$1, @1, $3, @$); }
	;

/* value: what may follow '=' -- an expression, or a request..limit range */
value:
	expr
	| expr DOTDOT expr              { $$ = ast_range(C, $1, $3, @$); }
	| expr DOTDOT                   { $$ = ast_range(C, $1, NULL, @$); }
	| DOTDOT expr                   { $$ = ast_range(C, NULL, $2, @$); }
	;

expr:
	expr OROR expr                  { $$ = ast_binary(C, OP_OR, $1, $3, @$); }
	| expr ANDAND expr              { $$ = ast_binary(C, OP_AND, $1, $3, @$); }
	| expr EQEQ expr                { $$ = ast_binary(C, OP_EQ, $1, $3, @$); }
	| expr NE expr                  { $$ = ast_binary(C, OP_NE, $1, $3, @$); }
	| expr LT expr                  { $$ = ast_binary(C, OP_LT, $1, $3, @$); }
	| expr LE expr                  { $$ = ast_binary(C, OP_LE, $1, $3, @$); }
	| expr GT expr                  { $$ = ast_binary(C, OP_GT, $1, $3, @$); }
	| expr GE expr                  { $$ = ast_binary(C, OP_GE, $1, $3, @$); }
	| expr IN expr                  { $$ = ast_binary(C, OP_IN, $1, $3, @$); }
	| expr PLUS expr                { $$ = ast_binary(C, OP_ADD, $1, $3, @$); }
	| expr MINUS expr               { $$ = ast_binary(C, OP_SUB, $1, $3, @$); }
	| expr STAR expr                { $$ = ast_binary(C, OP_MUL, $1, $3, @$); }
	| expr SLASH expr               { $$ = ast_binary(C, OP_DIV, $1, $3, @$); }
	| expr PERCENT expr             { $$ = ast_binary(C, OP_MOD, $1, $3, @$); }
	| MINUS expr %prec UNARY        { $$ = ast_unary(C, OP_NEG, $2, @$); }
	| BANG expr                     { $$ = ast_unary(C, OP_NOT, $2, @$); }
	| postfix
	;

postfix:
	primary
	| postfix DOT IDENT             { $$ = ast_member(C, $1, $3, @3, @$); }
	| postfix LBRACKET expr RBRACKET
	                                { $$ = ast_index(C, $1, $3, @$); }
	| IDENT LPAREN args RPAREN      { $$ = ast_call(C, $1, @1, $3, @$); }
	;

primary:
	INT                             { $$ = ast_int(C, $1, @$); }
	| UNIT                          { $$ = ast_unit(C, $1, @$); }
	| string
	| TRUE                          { $$ = ast_bool(C, true, @$); }
	| FALSE                         { $$ = ast_bool(C, false, @$); }
	| NULL                          { $$ = ast_null(C, @$); }
	| IDENT                         { $$ = ast_ident(C, $1, @$); }
	| LBRACKET list_items RBRACKET  { $$ = ast_list(C, $2, @$); }
	| body
	| LPAREN expr RPAREN            { $$ = $2; }
	;

list_items:
	%empty                          { $$ = ast_vec_empty(); }
	| exprs                         { $$ = $1; }
	| exprs COMMA                   { $$ = $1; }
	;

exprs:
	expr                            { $$ = ast_vec_one(C, $1); }
	| exprs COMMA expr              { $$ = $1; ast_vec_push(C, &$$, $3); }
	;

string:
	STRING                          { $$ = ast_string(C, $1, @$); }
	| STR_HEAD interp STR_TAIL      { $$ = ast_interp_end(C, $2, $3, @3, @$); }
	;

/* the expressions of an interpolated string, after its head */
interp:
	expr                            { $$ = ast_interp_begin(C, $<tok>0, @0, $1); }
	| interp STR_MID expr           { $$ = $1; ast_interp_add(C, $$, $2, @2, $3); }
	;

%%

/* Bison's expected-token list, turned into token numbers for lexer.c. */
static int symbol_to_token(yysymbol_kind_t sym)
{
	if (sym == YYSYMBOL_YYEOF)
		return TOK_YYEOF;
	for (int t = 256; t <= YYMAXUTOK; t++)
		if (YYTRANSLATE(t) == sym)
			return t;
	return TOK_JOBC_YYUNDEF;
}

static int yyreport_syntax_error(const yypcontext_t *ctx, struct lexer *L)
{
	yysymbol_kind_t expected[64];
	int n = yypcontext_expected_tokens(ctx, expected, 64);
	int toks[64];
	int m = 0;
	for (int i = 0; i < n && m < 64; i++)
		toks[m++] = symbol_to_token(expected[i]);
	lexer_syntax_error(L, toks, n < 0 ? 0 : m, symbol_to_token(yypcontext_token(ctx)),
	                   *yypcontext_location(ctx));
	return 0;
}

void jobc_yyerror(struct span *lloc, struct lexer *L, const char *msg)
{
	/* Only bison's own failures land here ("memory exhausted" when the
	 * nesting is deeper than its stack). */
	if (strstr(msg, "exhausted"))
		diag_error(L->ctx->diag, *lloc, NULL,
		           "nesting is too deep here (more than %d levels)", YYMAXDEPTH / 2);
	else
		diag_error(L->ctx->diag, *lloc, NULL, "%s", msg);
}

struct ast *parse_file_with(struct lexer *L)
{
	L->root = NULL;
	if (getenv("JOBC_YYDEBUG"))
		jobc_yydebug = 1;
	jobc_yyparse(L);
	struct ast *r = L->root;
	if (!r)
		r = ast_file(C, ast_vec_empty(), (struct span){C->file, 0, 0});
	return r;
}
