/* eval_int.h - what the files of evaluation share, and no other module
 * includes: local scopes, the walk of a body's items, and the functions
 * one file of evaluation calls in another.
 *
 * Calls go one way: eval_job.c (jobs, templates, the top of a file) calls
 * eval.c (expressions, and let, for and if in every body), which calls
 * eval_scope.c (what a name means); none calls back.  The items a walk
 * does not handle itself reach the body's own function through
 * struct walk, a function pointer, not by name.
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

/* The span of the node n. */
static inline struct span sp_of(const struct ast *n)
{
	return n->span;
}

/* What a body does with its items.  let, for and if mean the same in every
 * body (a file, a job or template body, a map) and eval_walk_items handles
 * them; any other item goes to the body's own function. */
struct walk {
	void (*item)(struct evaluator *ev, const struct scope *sc, const struct ast *it, void *arg);
	void *arg;
	/* Each iteration of a for loop drops what it allocated when it ends:
	 * for loops at the top of a file, whose iterations make jobs that the
	 * sink has already written, so that a loop over 100,000 jobs runs in
	 * the memory of one.  (Loops inside a body make fields, which must
	 * stay.) */
	bool scratch;
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

/* ---- eval.c ------------------------------------------------------------ */

/* The value of the expression e in sc, or NULL after an error. */
struct value *eval_expr(struct evaluator *ev, const struct scope *sc, const struct ast *e);
/* The global d's value, evaluated the first time it is used (at use), or
 * NULL after an error. */
struct value *eval_global_value(struct evaluator *ev, struct decl *d, struct span use);
/* The interned text of the key or label k, or NULL after an error. */
const char *eval_key(struct evaluator *ev, const struct scope *sc, const struct ast *k);
/* A map literal { ... } (origin: the template it came through, or NULL),
 * or NULL after an error. */
struct value *eval_map_body(struct evaluator *ev, const struct scope *sc,
                            const struct ast *body, const struct origin *origin);
/* key = v or key += v (op) into m, written by item; keep_null: a null
 * stays, as in a map being written, rather than removing the key. */
void eval_assign(struct evaluator *ev, struct vmap *m, const char *key, struct span key_span,
                 enum ast_assign op, struct value *v, const struct origin *o,
                 const struct ast *item, bool keep_null);
/* How messages name the item it ("'include'", "a job", ...). */
const char *eval_item_what(const struct ast *it);
/* The items of a body, in order, let, for and if handled and any other
 * item handed to w->item. */
void eval_walk_items(struct evaluator *ev, const struct scope *sc, const struct ast_vec *items,
                     const struct walk *w);
/* One item of a body; returns the scope of the items after it. */
const struct scope *eval_walk_item(struct evaluator *ev, const struct scope *sc,
                                   const struct ast *it, const struct walk *w);

#endif
