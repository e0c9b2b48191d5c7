/* ast.c - AST constructors and equality; see ast.h. */
#include "ast.h"

#include <string.h>

static const char *const kind_names[] = {
#define AST(k, name, doc) name,
#include "ast_kinds.def"
#undef AST
};

const char *ast_kind_name(enum ast_kind k)
{
	return k < AST__COUNT ? kind_names[k] : "?";
}

const char *ast_op_name(enum ast_op op)
{
	static const char *const names[] = {
		"+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "in", "-", "!",
	};
	return names[op];
}

struct ast *ast_new(struct ast_ctx *c, enum ast_kind k, struct span sp)
{
	struct ast *n = ARENA_NEW(c->arena, struct ast);
	n->kind = k;
	n->span = sp;
	n->depth = 1;
	return n;
}

/* n is as deep as its deepest child, plus one. */
static void below(struct ast *n, const struct ast *child)
{
	if (child && child->depth >= n->depth)
		n->depth = child->depth + 1;
}

static void below_all(struct ast *n, const struct ast_vec *v)
{
	for (uint32_t i = 0; i < v->n; i++)
		below(n, v->v[i]);
}

/* n, or an error node in its place when it is nested too deep (reported
 * once a file: the walkers after the parser never see such a tree). */
static struct ast *bounded(struct ast_ctx *c, struct ast *n)
{
	if (n->depth <= AST_MAX_DEPTH)
		return n;
	if (!c->too_deep) {
		c->too_deep = true;
		diag_error(c->diag, n->span, NULL,
		           "this is nested too deep: more than %d levels of expressions and blocks",
		           AST_MAX_DEPTH);
	}
	struct ast *e = ast_new(c, AST_ERROR, n->span);
	return e;
}

void ast_vec_push(struct ast_ctx *c, struct ast_vec *v, struct ast *n)
{
	if (!n)
		return;
	if (v->n == v->cap) {
		uint32_t cap = v->cap ? v->cap * 2 : 4;
		v->v = arena_grow(c->arena, v->v, v->n, cap, sizeof *v->v);
		v->cap = cap;
	}
	v->v[v->n++] = n;
}

struct ast_vec ast_vec_empty(void)
{
	struct ast_vec v = {NULL, 0, 0};
	return v;
}

struct ast_vec ast_vec_one(struct ast_ctx *c, struct ast *n)
{
	struct ast_vec v = ast_vec_empty();
	ast_vec_push(c, &v, n);
	return v;
}

struct ast *ast_file(struct ast_ctx *c, struct ast_vec items, struct span sp)
{
	struct ast *n = ast_new(c, AST_FILE, sp);
	n->file.items = items;
	return n;
}

struct ast *ast_include(struct ast_ctx *c, struct tokval path, struct span path_sp, struct span sp)
{
	struct ast *n = ast_new(c, AST_INCLUDE, sp);
	n->include.path = path.s;
	n->include.path_span = path_sp;
	return n;
}

struct ast *ast_let(struct ast_ctx *c, enum ast_kind k, struct tokval name, struct span name_sp,
                    struct ast *value, struct span sp)
{
	struct ast *n = ast_new(c, k, sp);
	n->let.name = name.s;
	n->let.name_span = name_sp;
	n->let.value = value;
	below(n, value);
	return bounded(c, n);
}

struct ast *ast_template(struct ast_ctx *c, struct tokval name, struct span name_sp,
                         struct ast_vec *params, struct ast_vec parents, struct ast *body,
                         struct span sp)
{
	struct ast *n = ast_new(c, AST_TEMPLATE, sp);
	n->tmpl.name = name.s;
	n->tmpl.name_span = name_sp;
	if (params) {
		n->tmpl.params = *params;
		n->tmpl.has_params = true;
	}
	n->tmpl.parents = parents;
	n->tmpl.body = body;
	below_all(n, &n->tmpl.params);
	below_all(n, &n->tmpl.parents);
	below(n, body);
	return bounded(c, n);
}

struct ast *ast_job(struct ast_ctx *c, struct ast *name, struct ast_vec parents, struct ast *body,
                    struct span sp)
{
	struct ast *n = ast_new(c, AST_JOB, sp);
	n->job.name = name;
	n->job.parents = parents;
	n->job.body = body;
	below(n, name);
	below_all(n, &n->job.parents);
	below(n, body);
	return bounded(c, n);
}

struct ast *ast_tparam(struct ast_ctx *c, struct tokval name, struct ast *dflt, struct span sp)
{
	struct ast *n = ast_new(c, AST_TPARAM, sp);
	n->tparam.name = name.s;
	n->tparam.dflt = dflt;
	below(n, dflt);
	return bounded(c, n);
}

struct ast *ast_parent(struct ast_ctx *c, struct tokval name, struct ast_vec *args, struct span sp)
{
	struct ast *n = ast_new(c, AST_PARENT, sp);
	n->parent.name = name.s;
	if (args) {
		n->parent.args = *args;
		n->parent.has_args = true;
	}
	below_all(n, &n->parent.args);
	return bounded(c, n);
}

struct ast *ast_arg(struct ast_ctx *c, struct tokval *name, struct span name_sp, struct ast *value,
                    struct span sp)
{
	struct ast *n = ast_new(c, AST_ARG, sp);
	n->arg.name = name ? name->s : NULL;
	n->arg.name_span = name ? name_sp : span_none();
	n->arg.value = value;
	below(n, value);
	return bounded(c, n);
}

struct ast *ast_field(struct ast_ctx *c, struct ast *key, enum ast_assign op, struct ast *value,
                      struct span sp)
{
	struct ast *n = ast_new(c, AST_FIELD, sp);
	n->field.key = key;
	n->field.op = op;
	n->field.value = value;
	below(n, key);
	below(n, value);
	return bounded(c, n);
}

struct ast *ast_block(struct ast_ctx *c, struct ast *key, struct ast *label, struct ast *body,
                      struct span sp)
{
	struct ast *n = ast_new(c, AST_BLOCK, sp);
	n->block.key = key;
	n->block.label = label;
	n->block.body = body;
	below(n, key);
	below(n, label);
	below(n, body);
	return bounded(c, n);
}

struct ast *ast_for(struct ast_ctx *c, struct tokval *key_var, struct span key_sp, struct tokval var,
                    struct span var_sp, struct ast *iter, struct ast *body, struct span sp)
{
	struct ast *n = ast_new(c, AST_FOR, sp);
	n->for_.key_var = key_var ? key_var->s : NULL;
	n->for_.key_span = key_var ? key_sp : span_none();
	n->for_.var = var.s;
	n->for_.var_span = var_sp;
	n->for_.iter = iter;
	n->for_.body = body;
	below(n, iter);
	below(n, body);
	return bounded(c, n);
}

struct ast *ast_if(struct ast_ctx *c, struct ast *cond, struct ast *then, struct ast *else_,
                   struct span sp)
{
	struct ast *n = ast_new(c, AST_IF, sp);
	n->if_.cond = cond;
	n->if_.then = then;
	n->if_.else_ = else_;
	below(n, cond);
	below(n, then);
	below(n, else_);
	return bounded(c, n);
}

struct ast *ast_body(struct ast_ctx *c, struct ast_vec items, struct span sp)
{
	struct ast *n = ast_new(c, AST_BODY, sp);
	n->body.items = items;
	below_all(n, &n->body.items);
	return bounded(c, n);
}

struct ast *ast_int(struct ast_ctx *c, struct tokval v, struct span sp)
{
	struct ast *n = ast_new(c, AST_INT, sp);
	n->int_.value = v.i;
	return n;
}

struct ast *ast_unit(struct ast_ctx *c, struct tokval v, struct span sp)
{
	struct ast *n = ast_new(c, AST_UNIT, sp);
	n->unit.text = v.s;
	return n;
}

struct ast *ast_bare(struct ast_ctx *c, struct tokval v, struct span sp)
{
	struct ast *n = ast_new(c, AST_STRING, sp);
	n->str.s = v.s;
	n->str.len = v.len;
	n->str.bare = true;
	return n;
}

/* ---- multi-line strings ---------------------------------------------------
 *
 * A """ string loses its common indentation, the way Java text blocks do:
 * the rest of the opening line (if blank) is dropped; a closing line that
 * holds only blanks is dropped too, and its indentation counts; the
 * smallest indentation of the non-blank lines is removed from every line.
 * Interpolations are opaque: a line that starts with ${...} has the
 * indentation written before it.  The literal parts are rewritten in place.
 */

struct seg {
	const char *s;
	uint32_t len;
};

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static void dedent(struct ast_ctx *c, struct seg *segs, uint32_t nseg)
{
	/* 1. The opening line: drop it when blank up to its newline. */
	{
		struct seg *s = &segs[0];
		uint32_t i = 0;
		while (i < s->len && is_blank(s->s[i]))
			i++;
		if (i < s->len && s->s[i] == '\n') {
			s->s += i + 1;
			s->len -= i + 1;
		}
	}
	/* 2. The closing line: blanks after the last newline of the last part. */
	bool closing_blank = false;
	uint32_t closing_indent = 0;
	{
		struct seg *s = &segs[nseg - 1];
		uint32_t j = s->len;
		while (j > 0 && is_blank(s->s[j - 1]))
			j--;
		if (j > 0 && s->s[j - 1] == '\n') {
			closing_blank = true;
			closing_indent = s->len - j;
			s->len = j;
		} else if (j == 0 && nseg == 1) {
			/* """   """ or an empty body: nothing to dedent. */
			closing_blank = true;
			closing_indent = s->len;
			s->len = 0;
		}
	}
	/* 3. The smallest indentation over non-blank lines (and the closing one). */
	uint32_t min = closing_blank ? closing_indent : UINT32_MAX;
	for (uint32_t k = 0; k < nseg; k++) {
		struct seg *s = &segs[k];
		for (uint32_t i = 0; i <= s->len;) {
			bool line_start = (k == 0 && i == 0) || (i > 0 && s->s[i - 1] == '\n');
			if (!line_start) {
				i++;
				continue;
			}
			uint32_t j = i;
			while (j < s->len && is_blank(s->s[j]))
				j++;
			bool blank = (j < s->len && s->s[j] == '\n') || (j == s->len && k == nseg - 1);
			if (!blank && j - i < min)
				min = j - i;
			i = j + 1;
		}
	}
	if (min == UINT32_MAX || min == 0)
		return;
	/* 4. Remove it from each line start. */
	for (uint32_t k = 0; k < nseg; k++) {
		struct seg *s = &segs[k];
		char *out = arena_alloc(c->arena, s->len + 1);
		uint32_t o = 0;
		for (uint32_t i = 0; i < s->len;) {
			bool line_start = (k == 0 && i == 0) || (i > 0 && s->s[i - 1] == '\n');
			if (line_start) {
				uint32_t skip = 0;
				while (skip < min && i + skip < s->len && is_blank(s->s[i + skip]))
					skip++;
				i += skip;
				if (i >= s->len)
					break;
				/* the char at i is not a line start any more */
				out[o++] = s->s[i++];
				continue;
			}
			out[o++] = s->s[i++];
		}
		out[o] = '\0';
		s->s = out;
		s->len = o;
	}
}

struct ast *ast_string(struct ast_ctx *c, struct tokval v, struct span sp)
{
	struct ast *n = ast_new(c, AST_STRING, sp);
	n->str.s = v.s;
	n->str.len = v.len;
	n->str.multiline = v.multiline;
	if (v.multiline) {
		struct seg seg = {v.s, v.len};
		dedent(c, &seg, 1);
		n->str.s = seg.s;
		n->str.len = seg.len;
	}
	return n;
}

static struct ast *literal_part(struct ast_ctx *c, struct tokval v, struct span sp)
{
	struct ast *n = ast_new(c, AST_STRING, sp);
	n->str.s = v.s;
	n->str.len = v.len;
	return n;
}

struct ast *ast_interp_begin(struct ast_ctx *c, struct tokval head, struct span head_sp,
                             struct ast *first)
{
	struct ast *n = ast_new(c, AST_INTERP, head_sp);
	n->interp.multiline = head.multiline;
	ast_vec_push(c, &n->interp.parts, literal_part(c, head, head_sp));
	ast_vec_push(c, &n->interp.parts, first);
	below(n, first);
	return n;
}

void ast_interp_add(struct ast_ctx *c, struct ast *interp, struct tokval mid, struct span mid_sp,
                    struct ast *expr)
{
	ast_vec_push(c, &interp->interp.parts, literal_part(c, mid, mid_sp));
	ast_vec_push(c, &interp->interp.parts, expr);
	below(interp, expr);
}

struct ast *ast_interp_end(struct ast_ctx *c, struct ast *interp, struct tokval tail,
                           struct span tail_sp, struct span sp)
{
	ast_vec_push(c, &interp->interp.parts, literal_part(c, tail, tail_sp));
	interp->span = sp;
	if (interp->interp.multiline) {
		/* Literal parts sit at even positions. */
		uint32_t nseg = (interp->interp.parts.n + 1) / 2;
		struct seg *segs = arena_alloc(c->arena, sizeof *segs * nseg);
		for (uint32_t k = 0; k < nseg; k++) {
			struct ast *p = interp->interp.parts.v[2 * k];
			segs[k].s = p->str.s;
			segs[k].len = p->str.len;
		}
		dedent(c, segs, nseg);
		for (uint32_t k = 0; k < nseg; k++) {
			struct ast *p = interp->interp.parts.v[2 * k];
			p->str.s = segs[k].s;
			p->str.len = segs[k].len;
		}
	}
	return bounded(c, interp);
}

struct ast *ast_bool(struct ast_ctx *c, bool b, struct span sp)
{
	struct ast *n = ast_new(c, AST_BOOL, sp);
	n->boolean = b;
	return n;
}

struct ast *ast_null(struct ast_ctx *c, struct span sp)
{
	return ast_new(c, AST_NULL, sp);
}

struct ast *ast_ident(struct ast_ctx *c, struct tokval v, struct span sp)
{
	struct ast *n = ast_new(c, AST_IDENT, sp);
	n->ident.name = v.s;
	return n;
}

struct ast *ast_list(struct ast_ctx *c, struct ast_vec items, struct span sp)
{
	struct ast *n = ast_new(c, AST_LIST, sp);
	n->list.items = items;
	below_all(n, &n->list.items);
	return bounded(c, n);
}

struct ast *ast_call(struct ast_ctx *c, struct tokval name, struct span name_sp,
                     struct ast_vec args, struct span sp)
{
	struct ast *n = ast_new(c, AST_CALL, sp);
	n->call.name = name.s;
	n->call.name_span = name_sp;
	n->call.args = args;
	below_all(n, &n->call.args);
	return bounded(c, n);
}

struct ast *ast_binary(struct ast_ctx *c, enum ast_op op, struct ast *l, struct ast *r,
                       struct span sp)
{
	struct ast *n = ast_new(c, AST_BINARY, sp);
	n->binary.op = op;
	n->binary.lhs = l;
	n->binary.rhs = r;
	below(n, l);
	below(n, r);
	return bounded(c, n);
}

struct ast *ast_unary(struct ast_ctx *c, enum ast_op op, struct ast *e, struct span sp)
{
	struct ast *n = ast_new(c, AST_UNARY, sp);
	n->binary.op = op;
	n->binary.lhs = e;
	below(n, e);
	return bounded(c, n);
}

struct ast *ast_range(struct ast_ctx *c, struct ast *lo, struct ast *hi, struct span sp)
{
	struct ast *n = ast_new(c, AST_RANGE, sp);
	n->binary.lhs = lo;
	n->binary.rhs = hi;
	below(n, lo);
	below(n, hi);
	return bounded(c, n);
}

struct ast *ast_member(struct ast_ctx *c, struct ast *obj, struct tokval name, struct span name_sp,
                       struct span sp)
{
	struct ast *n = ast_new(c, AST_MEMBER, sp);
	n->member.obj = obj;
	n->member.name = name.s;
	n->member.name_span = name_sp;
	below(n, obj);
	return bounded(c, n);
}

struct ast *ast_index(struct ast_ctx *c, struct ast *obj, struct ast *index, struct span sp)
{
	struct ast *n = ast_new(c, AST_INDEX, sp);
	n->index.obj = obj;
	n->index.index = index;
	below(n, obj);
	below(n, index);
	return bounded(c, n);
}

struct ast *ast_error(struct ast_ctx *c, struct span sp)
{
	return ast_new(c, AST_ERROR, sp);
}

/* ---- equality ---------------------------------------------------------- */

static bool vec_equal(const struct ast_vec *a, const struct ast_vec *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++)
		if (!ast_equal(a->v[i], b->v[i]))
			return false;
	return true;
}

static bool str_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool ast_equal(const struct ast *a, const struct ast *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case AST_FILE: return vec_equal(&a->file.items, &b->file.items);
	case AST_INCLUDE: return str_equal(a->include.path, b->include.path);
	case AST_LET:
	case AST_PARAM: return str_equal(a->let.name, b->let.name) && ast_equal(a->let.value, b->let.value);
	case AST_TEMPLATE:
		return str_equal(a->tmpl.name, b->tmpl.name) && a->tmpl.has_params == b->tmpl.has_params &&
		       vec_equal(&a->tmpl.params, &b->tmpl.params) &&
		       vec_equal(&a->tmpl.parents, &b->tmpl.parents) && ast_equal(a->tmpl.body, b->tmpl.body);
	case AST_JOB:
		return ast_equal(a->job.name, b->job.name) && vec_equal(&a->job.parents, &b->job.parents) &&
		       ast_equal(a->job.body, b->job.body);
	case AST_TPARAM:
		return str_equal(a->tparam.name, b->tparam.name) && ast_equal(a->tparam.dflt, b->tparam.dflt);
	case AST_PARENT:
		return str_equal(a->parent.name, b->parent.name) && a->parent.has_args == b->parent.has_args &&
		       vec_equal(&a->parent.args, &b->parent.args);
	case AST_ARG: return str_equal(a->arg.name, b->arg.name) && ast_equal(a->arg.value, b->arg.value);
	case AST_FIELD:
		return a->field.op == b->field.op && ast_equal(a->field.key, b->field.key) &&
		       ast_equal(a->field.value, b->field.value);
	case AST_BLOCK:
		return ast_equal(a->block.key, b->block.key) && ast_equal(a->block.label, b->block.label) &&
		       ast_equal(a->block.body, b->block.body);
	case AST_FOR:
		return str_equal(a->for_.var, b->for_.var) && str_equal(a->for_.key_var, b->for_.key_var) &&
		       ast_equal(a->for_.iter, b->for_.iter) && ast_equal(a->for_.body, b->for_.body);
	case AST_IF:
		return ast_equal(a->if_.cond, b->if_.cond) && ast_equal(a->if_.then, b->if_.then) &&
		       ast_equal(a->if_.else_, b->if_.else_);
	case AST_BODY: return vec_equal(&a->body.items, &b->body.items);
	case AST_INT: return a->int_.value == b->int_.value;
	case AST_UNIT: return str_equal(a->unit.text, b->unit.text);
	case AST_STRING:
		return a->str.len == b->str.len && !memcmp(a->str.s, b->str.s, a->str.len);
	case AST_INTERP: return vec_equal(&a->interp.parts, &b->interp.parts);
	case AST_BOOL: return a->boolean == b->boolean;
	case AST_NULL: return true;
	case AST_IDENT: return str_equal(a->ident.name, b->ident.name);
	case AST_LIST: return vec_equal(&a->list.items, &b->list.items);
	case AST_CALL: return str_equal(a->call.name, b->call.name) && vec_equal(&a->call.args, &b->call.args);
	case AST_BINARY:
	case AST_UNARY:
	case AST_RANGE:
		return a->binary.op == b->binary.op && ast_equal(a->binary.lhs, b->binary.lhs) &&
		       ast_equal(a->binary.rhs, b->binary.rhs);
	case AST_MEMBER:
		return str_equal(a->member.name, b->member.name) && ast_equal(a->member.obj, b->member.obj);
	case AST_INDEX:
		return ast_equal(a->index.obj, b->index.obj) && ast_equal(a->index.index, b->index.index);
	case AST_ERROR:
	case AST__COUNT: return false;
	}
	return false;
}
