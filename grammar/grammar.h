/* grammar.h - the one entry point of grammar/: text in, raw AST out. */
#ifndef JOBC_GRAMMAR_H
#define JOBC_GRAMMAR_H

#include <stdint.h>

#include "ast.h"

/* Parses text[0..len) as source file ctx->file.  Every lexical and syntax
 * error goes to ctx->diag (the caller judges success by its error count).
 * Returns the FILE node, never NULL; nodes and comments live in ctx->arena. */
struct ast *grammar_parse(struct ast_ctx *ctx, const char *text, uint32_t len);

#endif
