/* eval.h - evaluation: from AST to jobs made of values.
 *
 * The evaluator walks a file's items.  `let`, `param` and `template` at the
 * top level of a file (and of the files it includes) form one flat global
 * scope, evaluated lazily so that order does not matter and cycles are
 * reported.  `for` and `if` generate items; `let` inside them is local.
 * Each `job` is evaluated into a record: the job's fields (by their jobc
 * names) and their values, after its templates were applied left to right
 * and then its own body.  Records are handed to a callback one by one, so
 * a file generating 100,000 jobs never holds them all.
 */
#ifndef JOBC_EVAL_H
#define JOBC_EVAL_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"
#include "fields.h"
#include "intern.h"
#include "map.h"
#include "value.h"

/* A global name: let, param or template. */
struct decl {
	enum ast_kind kind;   /* AST_LET, AST_PARAM or AST_TEMPLATE */
	const char *name;
	const struct ast *node;
	struct value *value;  /* let/param, once evaluated */
	struct value *override; /* param set with -D */
	int state;            /* 0 not evaluated, 1 being evaluated, 2 done */
};

/* A job, evaluated. */
struct job_record {
	const char *name;            /* as written, after interpolation */
	struct span name_span;
	const struct ast *node;      /* the JOB node */
	struct vmap *fields;         /* jobc field name -> value */
	const struct origin *origin; /* NULL: written in the job itself */
	bool incomplete;             /* evaluation reported errors */
};

/* Receives each job; the record and its values live until the sink
 * returns (see evaluator.keep). */
typedef void (*job_sink)(void *user, struct job_record *job);

/* A -D name=value from the command line. */
struct define {
	const char *name;
	const char *value;
	bool used;
	struct suggest near; /* the declared param nearest to name, for a -D no input uses */
};

struct evaluator {
	struct arena *arena;       /* values of this compilation */
	/* When set: globals (let, param) are evaluated into keep, and each job
	 * (with everything the sink makes of it) and each iteration of a
	 * top-level for is released from arena once done, so memory does not
	 * grow with the number of jobs.  The sink must copy what it keeps. */
	struct arena *keep;
	struct interner *names;
	struct diagnostics *diag;
	struct map globals;        /* name -> struct decl */
	struct define *defines;
	unsigned ndefines;
	job_sink sink;
	void *sink_user;
	/* limits */
	uint64_t max_iterations;   /* loop iterations, all loops of the input */
	unsigned max_depth;        /* template and let nesting */
	uint64_t iterations;       /* loop iterations so far */
	bool out_of_iterations;    /* the limit was reported: every loop stops */
	/* state */
	unsigned depth;
	const struct ast **tstack; /* templates being applied, for cycles */
	unsigned ntstack, captstack;
	uint64_t jobs;
	bool job_failed;           /* a field of the current job had no value */
	/* names whose values are not known: a template's parameters while the
	 * template is checked on its own (eval_template_alone), and the lets
	 * made from them; an item that uses one is skipped */
	bool alone;
	const char **unknown;
	unsigned nunknown, capunknown;
};

void eval_init(struct evaluator *ev, struct arena *a, struct interner *names,
               struct diagnostics *diag);
void eval_destroy(struct evaluator *ev);

/* Adds the top-level declarations of file to the global scope; duplicates
 * are reported with both places.  Call for every included file first,
 * then for the file itself. */
void eval_declare(struct evaluator *ev, const struct ast *file);
/* Evaluates the items of a file (jobs, for, if), sending each job record to
 * the sink. */
void eval_file(struct evaluator *ev, const struct ast *file);
/* A template on its own, as it is defined: the items of its body that do
 * not use its parameters (nor its parents), evaluated into a record named
 * after it, so that a mistake in a template no job uses, or one that no
 * argument can change, is found where it is written. */
struct job_record *eval_template_alone(struct evaluator *ev, const struct ast *tmpl);

#endif
