/* eval_int.h - what the files of evaluation share, and no other module
 * includes: local scopes, and the functions one file of evaluation calls
 * in another.
 *
 * Calls go one way: eval.c (expressions and the bodies of items) calls
 * eval_scope.c (what a name means), which calls back into neither.
 */
#ifndef JOBC_EVAL_INT_H
#define JOBC_EVAL_INT_H

#include "eval.h"

/* A local binding: loop variable, template parameter or local let. */
struct scope {
	const struct scope *parent;
	const char *name;
	struct value *value;
	struct span span;
	const char *what; /* "loop variable", "parameter", "let" */
};

/* ---- eval_scope.c ------------------------------------------------------ */

/* "let", "param" or "template": a global of kind k, as messages say it. */
const char *eval_kind_word(enum ast_kind k);
/* The global called name, or NULL. */
struct decl *eval_global(struct evaluator *ev, const char *name);
/* The value a -D gives the param d, typed like its default dflt, or NULL
 * after an error. */
struct value *eval_param_override(struct evaluator *ev, struct decl *d, struct define *def,
                                  struct value *dflt);
/* sc with name bound to v (a what: "loop variable", "parameter", "let")
 * written at at. */
const struct scope *eval_bind(struct evaluator *ev, const struct scope *parent, const char *name,
                              struct value *v, struct span at, const char *what);
/* Reports name, about to be bound at at, when sc or the globals have it. */
void eval_check_shadow(struct evaluator *ev, const struct scope *sc, const char *name,
                       struct span at);
/* The name in sc or among the lets and params nearest to name, when it is
 * near enough to be a likely slip; otherwise NULL. */
const char *eval_suggest_name(struct evaluator *ev, const struct scope *sc, const char *name);

#endif
