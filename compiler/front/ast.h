/* ast.h - the typed syntax tree.
 *
 * A tagged union: `kind` says which member of the union is live.  Every
 * node has a {file, start, end} byte span.  Nodes, their child vectors and
 * their strings live in the arena of the file's compilation (ast_ctx) and
 * are never freed one by one.  Names (identifiers, keys written bare) are
 * interned, so they compare with ==.
 *
 * The grammar builds nodes only through the ast_* constructors below
 * (grammar actions stay one-liners); nothing here resolves names, applies
 * defaults or knows Kubernetes.
 */
#ifndef JOBC_AST_H
#define JOBC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "intern.h"
#include "source.h"

enum ast_kind {
#define AST(k, name, doc) AST_##k,
#include "ast_kinds.def"
#undef AST
	AST__COUNT
};

enum ast_op {
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_AND, OP_OR, OP_IN,
	OP_NEG, OP_NOT,
};

enum ast_assign {
	ASSIGN_SET,    /* = */
	ASSIGN_APPEND, /* += */
};

struct ast;

/* A growable vector of child nodes, in the arena. */
struct ast_vec {
	struct ast **v;
	uint32_t n, cap;
};

/* A comment, kept for the formatter. */
struct ast_comment {
	struct span span; /* from '#' to the end of the line */
};

/* How deep an expression or block may nest.  Left-associative chains
 * (1 + 1 + ... , a.b.c...) do not grow the parser's stack, so the depth
 * is counted as the tree is built; the tree's walkers (evaluation, fmt,
 * JSON) recurse, and this bounds their stack. */
#define AST_MAX_DEPTH 1000

struct ast {
	enum ast_kind kind;
	struct span span;
	uint32_t depth;      /* 1 + the deepest child's */
	union {
		/* FILE: items, and every comment of the file in source order */
		struct {
			struct ast_vec items;
			struct ast_comment *comments;
			uint32_t ncomments;
		} file;
		/* INCLUDE */
		struct {
			const char *path;
			struct span path_span;
		} include;
		/* LET, PARAM */
		struct {
			const char *name;
			struct span name_span;
			struct ast *value;
		} let;
		/* TEMPLATE: params are TPARAM, parents are PARENT, body is BODY */
		struct {
			const char *name;
			struct span name_span;
			struct ast_vec params;
			struct ast_vec parents;
			struct ast *body;
			bool has_params; /* "()" written, even if empty */
		} tmpl;
		/* JOB: name is STRING (bare or quoted) or INTERP */
		struct {
			struct ast *name;
			struct ast_vec parents;
			struct ast *body;
		} job;
		/* TPARAM: dflt may be NULL */
		struct {
			const char *name;
			struct ast *dflt;
		} tparam;
		/* PARENT: args are ARG */
		struct {
			const char *name;
			struct ast_vec args;
			bool has_args;
		} parent;
		/* ARG: name NULL for a positional argument */
		struct {
			const char *name;
			struct span name_span;
			struct ast *value;
		} arg;
		/* FIELD: key is STRING or INTERP */
		struct {
			struct ast *key;
			enum ast_assign op;
			struct ast *value;
		} field;
		/* BLOCK: label may be NULL; body is BODY */
		struct {
			struct ast *key;
			struct ast *label;
			struct ast *body;
		} block;
		/* FOR: key_var NULL for the one-variable form */
		struct {
			const char *var;
			struct span var_span;
			const char *key_var;
			struct span key_span;
			struct ast *iter;
			struct ast *body;
		} for_;
		/* IF: else_ is NULL, a BODY, or another IF (else if) */
		struct {
			struct ast *cond;
			struct ast *then;
			struct ast *else_;
		} if_;
		/* BODY */
		struct {
			struct ast_vec items;
		} body;
		/* INT */
		struct {
			int64_t value;
		} int_;
		/* UNIT: the literal's text, interpreted by the field it reaches */
		struct {
			const char *text;
		} unit;
		/* STRING: decoded bytes; bare for an unquoted key or name */
		struct {
			const char *s;
			uint32_t len;
			bool bare;
			bool multiline;
		} str;
		/* INTERP: parts alternate literal STRING nodes and expressions */
		struct {
			struct ast_vec parts;
			bool multiline;
		} interp;
		/* BOOL */
		bool boolean;
		/* IDENT */
		struct {
			const char *name;
		} ident;
		/* LIST */
		struct {
			struct ast_vec items;
		} list;
		/* CALL: args are ARG */
		struct {
			const char *name;
			struct span name_span;
			struct ast_vec args;
		} call;
		/* BINARY, UNARY (rhs unused), RANGE (lhs or rhs may be NULL) */
		struct {
			enum ast_op op;
			struct ast *lhs, *rhs;
		} binary;
		/* MEMBER */
		struct {
			struct ast *obj;
			const char *name;
			struct span name_span;
		} member;
		/* INDEX */
		struct {
			struct ast *obj, *index;
		} index;
	};
};

/* Everything a parse needs to build nodes: where they go and where errors go. */
struct ast_ctx {
	struct arena *arena;
	struct interner *names;
	struct diagnostics *diag;
	uint32_t file;
	bool too_deep;       /* AST_MAX_DEPTH was passed (reported once) */
};

/* Token payload handed from the scanner to the grammar. */
struct tokval {
	const char *s;   /* identifier (interned), string bytes, or unit text */
	uint32_t len;
	int64_t i;       /* integer value */
	bool multiline;  /* string came from """...""" */
};

const char *ast_kind_name(enum ast_kind k);
const char *ast_op_name(enum ast_op op);

/* Whether two syntax trees say the same thing (spans, comments and the
 * spelling of a string - bare, quoted or \"\"\" - aside): how fmt, and the
 * fuzz targets, check that a formatted file means what the original did. */
bool ast_equal(const struct ast *a, const struct ast *b);

/* ---- constructors (called from grammar actions) ------------------------ */

struct ast *ast_new(struct ast_ctx *c, enum ast_kind k, struct span sp);
void ast_vec_push(struct ast_ctx *c, struct ast_vec *v, struct ast *n);
struct ast_vec ast_vec_empty(void);
struct ast_vec ast_vec_one(struct ast_ctx *c, struct ast *n);

struct ast *ast_file(struct ast_ctx *c, struct ast_vec items, struct span sp);
struct ast *ast_include(struct ast_ctx *c, struct tokval path, struct span path_sp, struct span sp);
struct ast *ast_let(struct ast_ctx *c, enum ast_kind k, struct tokval name, struct span name_sp,
                    struct ast *value, struct span sp);
struct ast *ast_template(struct ast_ctx *c, struct tokval name, struct span name_sp,
                         struct ast_vec *params, struct ast_vec parents, struct ast *body,
                         struct span sp);
struct ast *ast_job(struct ast_ctx *c, struct ast *name, struct ast_vec parents, struct ast *body,
                    struct span sp);
struct ast *ast_tparam(struct ast_ctx *c, struct tokval name, struct ast *dflt, struct span sp);
struct ast *ast_parent(struct ast_ctx *c, struct tokval name, struct ast_vec *args, struct span sp);
struct ast *ast_arg(struct ast_ctx *c, struct tokval *name, struct span name_sp, struct ast *value,
                    struct span sp);
struct ast *ast_field(struct ast_ctx *c, struct ast *key, enum ast_assign op, struct ast *value,
                      struct span sp);
struct ast *ast_block(struct ast_ctx *c, struct ast *key, struct ast *label, struct ast *body,
                      struct span sp);
struct ast *ast_for(struct ast_ctx *c, struct tokval *key_var, struct span key_sp, struct tokval var,
                    struct span var_sp, struct ast *iter, struct ast *body, struct span sp);
struct ast *ast_if(struct ast_ctx *c, struct ast *cond, struct ast *then, struct ast *else_,
                   struct span sp);
struct ast *ast_body(struct ast_ctx *c, struct ast_vec items, struct span sp);
struct ast *ast_int(struct ast_ctx *c, struct tokval v, struct span sp);
struct ast *ast_unit(struct ast_ctx *c, struct tokval v, struct span sp);
/* A bare word used as a key, label or job name. */
struct ast *ast_bare(struct ast_ctx *c, struct tokval v, struct span sp);
/* A complete string token; a """ string loses its common indentation. */
struct ast *ast_string(struct ast_ctx *c, struct tokval v, struct span sp);
/* An interpolated string: head ${parts[0]} mid ... tail. */
struct ast *ast_interp_begin(struct ast_ctx *c, struct tokval head, struct span head_sp,
                             struct ast *first);
void ast_interp_add(struct ast_ctx *c, struct ast *interp, struct tokval mid, struct span mid_sp,
                    struct ast *expr);
struct ast *ast_interp_end(struct ast_ctx *c, struct ast *interp, struct tokval tail,
                           struct span tail_sp, struct span sp);
struct ast *ast_bool(struct ast_ctx *c, bool b, struct span sp);
struct ast *ast_null(struct ast_ctx *c, struct span sp);
struct ast *ast_ident(struct ast_ctx *c, struct tokval v, struct span sp);
struct ast *ast_list(struct ast_ctx *c, struct ast_vec items, struct span sp);
struct ast *ast_call(struct ast_ctx *c, struct tokval name, struct span name_sp,
                     struct ast_vec args, struct span sp);
struct ast *ast_binary(struct ast_ctx *c, enum ast_op op, struct ast *l, struct ast *r,
                       struct span sp);
struct ast *ast_unary(struct ast_ctx *c, enum ast_op op, struct ast *e, struct span sp);
struct ast *ast_range(struct ast_ctx *c, struct ast *lo, struct ast *hi, struct span sp);
struct ast *ast_member(struct ast_ctx *c, struct ast *obj, struct tokval name, struct span name_sp,
                       struct span sp);
struct ast *ast_index(struct ast_ctx *c, struct ast *obj, struct ast *index, struct span sp);
struct ast *ast_error(struct ast_ctx *c, struct span sp);

#endif
