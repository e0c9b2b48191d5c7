/* eval_builtins.h - the builtin functions of the language, one table row
 * each, and the string helpers they share with the evaluator.  Internal to
 * evaluation: eval.c calls in, and eval_builtins.c calls nothing of eval.c.
 *
 * eval.c finds the row of a call, checks the number of arguments against
 * it, evaluates them and hands them to the row's function; the function
 * checks their types and makes the value.  The messages that list the
 * builtins are made from the table.  A new builtin is one function and one
 * row (and a line in docs/language.md).
 */
#ifndef JOBC_EVAL_BUILTINS_H
#define JOBC_EVAL_BUILTINS_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "buf.h"
#include "diag.h"
#include "value.h"

/* The most arguments a builtin takes. */
#define BUILTIN_MAX_ARGS 3

/* A call of a builtin, as its function sees it. */
struct call {
	struct arena *arena;      /* where values are made */
	struct diagnostics *diag;
	const struct ast *node;   /* the AST_CALL: its name and span, its arguments' spans */
	struct value **args;      /* the arguments' values */
	uint32_t n;               /* how many: within the row's min_args..max_args */
};

struct builtin {
	const char *name;
	int min_args, max_args;   /* max_args <= BUILTIN_MAX_ARGS */
	const char *usage;        /* said when a call has the wrong arguments */
	struct value *(*fn)(const struct call *c); /* the value, or NULL after an error */
};

/* The row of the builtin called name, or NULL. */
const struct builtin *builtin_find(const char *name);
/* The row whose name is nearest to name (the first of equals, in table
 * order), and its edit distance. */
const struct builtin *builtin_nearest(const char *name, unsigned *distance);
/* Appends the builtins' names, "secret, configmap, ... and default". */
void builtin_list(struct buf *out);

/* range(end) or range(start, end) with c's arguments: its first item and
 * its length.  `for x in range(...)` counts with it, making no list. */
bool builtin_range_bounds(const struct call *c, int64_t *first, uint64_t *count);

/* Strings within the size limit (JOBC_MAX_STRING), for the builtins and
 * for the evaluator's ${...} and '+'. */

/* Whether len is past the limit; if so, an error at at. */
bool string_too_long(struct diagnostics *d, size_t len, struct span at);
/* A string value of b's bytes, or NULL after an error when it is too long. */
struct value *string_value(struct arena *a, struct diagnostics *d, const struct buf *b,
                           struct span at);
/* Appends v's text form (val_to_text), or reports at where that v, used
 * `what` ("inside ${...}"), has none. */
bool string_append_text(struct arena *a, struct diagnostics *d, struct buf *out,
                        const struct value *v, struct span where, const char *what);

#endif
