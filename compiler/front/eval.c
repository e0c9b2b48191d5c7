/* eval.c - the evaluator's expressions and the walk of every body's
 * items: names, operators, calls of builtins, map literals, assignment
 * and merging, and let, for and if; see eval.h and eval_int.h.
 *
 * Values are never changed once made: merging a map builds a new one, so
 * a `let` map used by several jobs stays as it was written.  An expression
 * that fails is reported once and evaluates to NULL, which every caller
 * passes on silently, so one mistake gives one error.
 */
#define _GNU_SOURCE /* memmem */
#include "eval.h"
#include "bounds.h"
#include "eval_builtins.h"
#include "eval_int.h"

#include <inttypes.h>
#include <string.h>

#include "alloc.h"

/* ---- names ------------------------------------------------------------- */

struct value *eval_global_value(struct evaluator *ev, struct decl *d, struct span use)
{
	if (d->state == 2)
		return d->value;
	if (d->state == 1) {
		diag_error(ev->diag, use, NULL, "'%s' depends on itself", d->name);
		diag_note(ev->diag, d->node->let.name_span, "%s '%s' is defined here",
		          eval_kind_word(d->kind), d->name);
		return NULL;
	}
	d->state = 1;
	/* A global outlives the job that first needs it: it goes in the keep
	 * arena, not in the job's scratch memory. */
	struct arena *job_arena = ev->arena;
	if (ev->keep)
		ev->arena = ev->keep;
	struct value *v = eval_expr(ev, NULL, d->node->let.value);
	if (v && d->kind == AST_PARAM)
		for (unsigned i = 0; i < ev->ndefines; i++)
			if (strcmp(ev->defines[i].name, d->name) == 0) {
				ev->defines[i].used = true;
				v = eval_param_override(ev, d, &ev->defines[i], v);
			}
	ev->arena = job_arena;
	d->value = v;
	d->state = 2;
	return v;
}

static struct value *lookup(struct evaluator *ev, const struct scope *sc, const char *name,
                            struct span at)
{
	for (const struct scope *s = sc; s; s = s->parent)
		if (s->name == name)
			return s->value;
	struct decl *d = eval_global(ev, name);
	if (d && d->kind == AST_TEMPLATE) {
		diag_error(ev->diag, at, NULL,
		           "'%s' is a template; a template is applied in a job header "
		           "(job x : %s { ... }), not used as a value",
		           name, name);
		return NULL;
	}
	if (d)
		return eval_global_value(ev, d, at);
	const char *sugg = eval_suggest_name(ev, sc, name);
	if (sugg) {
		diag_error(ev->diag, at, NULL, "unknown name '%s'; did you mean '%s'?", name, sugg);
		diag_fixit(ev->diag, at, sugg);
	} else {
		diag_error(ev->diag, at, NULL, "unknown name '%s'", name);
	}
	return NULL;
}

/* ---- strings ---------------------------------------------------------- */

/* The n iterations of the loop f, counted before they run: false (after
 * one error for the whole input) when the iterations of the input's loops
 * would pass --max-iterations. */
static bool loop_budget(struct evaluator *ev, const struct ast *f, uint64_t n)
{
	if (ev->out_of_iterations)
		return false;
	if (n <= ev->max_iterations - ev->iterations) {
		ev->iterations += n;
		return true;
	}
	ev->out_of_iterations = true;
	if (ev->iterations)
		diag_error(ev->diag, sp_of(f->for_.iter), NULL,
		           "this loop takes the loops of the file past %" PRIu64 " iterations, the limit "
		           "(--max-iterations=N raises it)",
		           ev->max_iterations);
	else
		diag_error(ev->diag, sp_of(f->for_.iter), NULL,
		           "this loop runs %" PRIu64 " times, more than the limit of %" PRIu64
		           " iterations a file (--max-iterations=N raises it)",
		           n, ev->max_iterations);
	return false;
}

static struct value *eval_interp(struct evaluator *ev, const struct scope *sc, const struct ast *e)
{
	struct buf b = BUF_INIT;
	bool ok = true;
	for (uint32_t i = 0; i < e->interp.parts.n; i++) {
		const struct ast *p = e->interp.parts.v[i];
		if (i % 2 == 0) {
			buf_put(&b, p->str.s, p->str.len);
			continue;
		}
		struct value *v = eval_expr(ev, sc, p);
		if (!v || !string_append_text(ev->arena, ev->diag, &b, v, sp_of(p), "inside ${...}"))
			ok = false;
	}
	struct value *r = ok ? string_value(ev->arena, ev->diag, &b, sp_of(e)) : NULL;
	buf_free(&b);
	return r;
}

/* ---- operators ------------------------------------------------------- */

static bool want(struct evaluator *ev, const struct value *v, enum val_kind k,
                 const struct ast *where, const char *ctx)
{
	if (v->kind == k)
		return true;
	if (v->kind == V_UNIT && k == V_INT)
		diag_error(ev->diag, sp_of(where), NULL,
		           "%s needs integers; unit literals such as '%.*s' get their meaning only from "
		           "the field they are assigned to",
		           ctx, (int)v->str.len, v->str.s);
	else
		diag_error(ev->diag, sp_of(where), NULL, "%s needs %s, found %s", ctx,
		           k == V_INT ? "integers" : k == V_BOOL ? "true or false" : val_kind_name(k),
		           val_describe_in(ev->arena, v));
	return false;
}

static int cmp_values(const struct value *a, const struct value *b)
{
	if (a->kind == V_INT)
		return (a->i > b->i) - (a->i < b->i);
	uint32_t n = a->str.len < b->str.len ? a->str.len : b->str.len;
	int c = memcmp(a->str.s, b->str.s, n);
	if (c)
		return c;
	return (a->str.len > b->str.len) - (a->str.len < b->str.len);
}

static struct value *eval_binary(struct evaluator *ev, const struct scope *sc, const struct ast *e)
{
	enum ast_op op = e->binary.op;
	struct value *l = eval_expr(ev, sc, e->binary.lhs);
	if (!l)
		return NULL;
	/* && and || look at their right side only when they must. */
	if (op == OP_AND || op == OP_OR) {
		if (!want(ev, l, V_BOOL, e->binary.lhs, op == OP_AND ? "'&&'" : "'||'"))
			return NULL;
		if ((op == OP_AND && !l->b) || (op == OP_OR && l->b))
			return val_bool(ev->arena, l->b, sp_of(e));
		struct value *r = eval_expr(ev, sc, e->binary.rhs);
		if (!r || !want(ev, r, V_BOOL, e->binary.rhs, op == OP_AND ? "'&&'" : "'||'"))
			return NULL;
		return val_bool(ev->arena, r->b, sp_of(e));
	}
	struct value *r = eval_expr(ev, sc, e->binary.rhs);
	if (!r)
		return NULL;
	struct span at = sp_of(e);
	switch (op) {
	case OP_EQ:
	case OP_NE: {
		bool eq = val_equal(l, r);
		return val_bool(ev->arena, op == OP_EQ ? eq : !eq, at);
	}
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE: {
		bool ints = l->kind == V_INT && r->kind == V_INT;
		bool strs = l->kind == V_STR && r->kind == V_STR;
		if (!ints && !strs) {
			diag_error(ev->diag, at, NULL,
			           "'%s' compares two integers or two strings, not %s and %s",
			           ast_op_name(op), val_describe_in(ev->arena, l),
			           val_describe_in(ev->arena, r));
			return NULL;
		}
		int c = cmp_values(l, r);
		bool res = op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0;
		return val_bool(ev->arena, res, at);
	}
	case OP_IN:
		if (r->kind == V_LIST) {
			for (uint32_t i = 0; i < r->list.n; i++)
				if (val_equal(l, r->list.v[i]))
					return val_bool(ev->arena, true, at);
			return val_bool(ev->arena, false, at);
		}
		if (r->kind == V_MAP) {
			if (!want(ev, l, V_STR, e->binary.lhs, "'in' on a map"))
				return NULL;
			const char *k = intern(ev->names, l->str.s, l->str.len);
			return val_bool(ev->arena, vmap_find(r->map, k) != NULL, at);
		}
		if (r->kind == V_STR) {
			if (!want(ev, l, V_STR, e->binary.lhs, "'in' on a string"))
				return NULL;
			/* memmem: linear, where a naive search of two long strings is not */
			bool found = l->str.len == 0 || memmem(r->str.s, r->str.len, l->str.s, l->str.len);
			return val_bool(ev->arena, found, at);
		}
		diag_error(ev->diag, sp_of(e->binary.rhs), NULL,
		           "'in' needs a list, a map or a string on its right, found %s",
		           val_describe_in(ev->arena, r));
		return NULL;
	case OP_ADD:
		if (l->kind == V_STR && r->kind == V_STR) {
			struct buf b = BUF_INIT;
			buf_put(&b, l->str.s, l->str.len);
			buf_put(&b, r->str.s, r->str.len);
			struct value *v = string_value(ev->arena, ev->diag, &b, at);
			buf_free(&b);
			return v;
		}
		if (l->kind == V_LIST && r->kind == V_LIST) {
			if ((uint64_t)l->list.n + r->list.n > JOBC_MAX_LIST) {
				diag_error(ev->diag, sp_of(e), NULL,
				           "this list would have %" PRIu64 " items, more than the limit of %u",
				           (uint64_t)l->list.n + r->list.n, JOBC_MAX_LIST);
				return NULL;
			}
			struct value *v = val_new(ev->arena, V_LIST, at);
			v->list.n = l->list.n + r->list.n;
			v->list.v = ARENA_ARRAY(ev->arena, struct value *, v->list.n + 1);
			memcpy(v->list.v, l->list.v, sizeof *v->list.v * l->list.n);
			memcpy(v->list.v + l->list.n, r->list.v, sizeof *v->list.v * r->list.n);
			return v;
		}
		break;
	default:
		break;
	}
	/* Integer arithmetic. */
	if (l->kind != V_INT || r->kind != V_INT) {
		const struct value *bad = l->kind != V_INT ? l : r;
		const struct ast *where = l->kind != V_INT ? e->binary.lhs : e->binary.rhs;
		if (op == OP_ADD)
			diag_error(ev->diag, sp_of(e), NULL,
			           "'+' adds two integers, joins two strings or two lists; found %s and %s",
			           val_describe_in(ev->arena, l), val_describe_in(ev->arena, r));
		else
			want(ev, bad, V_INT, where, op == OP_SUB   ? "'-'"
			                            : op == OP_MUL ? "'*'"
			                            : op == OP_DIV ? "'/'"
			                                           : "'%'");
		return NULL;
	}
	int64_t res = 0;
	bool overflow = false;
	switch (op) {
	case OP_ADD: overflow = __builtin_add_overflow(l->i, r->i, &res); break;
	case OP_SUB: overflow = __builtin_sub_overflow(l->i, r->i, &res); break;
	case OP_MUL: overflow = __builtin_mul_overflow(l->i, r->i, &res); break;
	case OP_DIV:
	case OP_MOD:
		if (r->i == 0) {
			diag_error(ev->diag, sp_of(e->binary.rhs), NULL, "division by zero");
			return NULL;
		}
		if (l->i == INT64_MIN && r->i == -1) {
			overflow = true;
			break;
		}
		res = op == OP_DIV ? l->i / r->i : l->i % r->i;
		break;
	default: break;
	}
	if (overflow) {
		diag_error(ev->diag, at, NULL,
		           "integer overflow: %" PRId64 " %s %" PRId64 " does not fit in 64 bits", l->i,
		           ast_op_name(op), r->i);
		return NULL;
	}
	return val_int(ev->arena, res, at);
}

/* ---- builtins --------------------------------------------------------- */

/* f(...) that is no builtin: a template called as a function, a near
 * miss, or the list of the builtins. */
static void unknown_function(struct evaluator *ev, const struct ast *e)
{
	const char *fn = e->call.name;
	unsigned dist;
	const struct builtin *near = builtin_nearest(fn, &dist);
	struct decl *d = eval_global(ev, fn);
	if (d && d->kind == AST_TEMPLATE) {
		diag_error(ev->diag, e->call.name_span, NULL,
		           "'%s' is a template; a template is applied in a job header "
		           "(job x : %s(...) { ... })",
		           fn, fn);
	} else if (dist <= 2) {
		diag_error(ev->diag, e->call.name_span, NULL, "unknown function '%s'; did you mean '%s'?",
		           fn, near->name);
		diag_fixit(ev->diag, e->call.name_span, near->name);
	} else {
		struct buf all = BUF_INIT;
		builtin_list(&all);
		diag_error(ev->diag, e->call.name_span, NULL, "unknown function '%s'; the functions are %s",
		           fn, all.data);
		buf_free(&all);
	}
}

/* A builtin's row, the number of its arguments checked against it, the
 * arguments evaluated, then its function. */
static struct value *eval_call(struct evaluator *ev, const struct scope *sc, const struct ast *e)
{
	const char *fn = e->call.name;
	const struct builtin *b = builtin_find(fn);
	if (!b) {
		unknown_function(ev, e);
		return NULL;
	}
	uint32_t n = e->call.args.n;
	if ((int)n < b->min_args || (int)n > b->max_args) {
		if (b->min_args == b->max_args)
			diag_error(ev->diag, sp_of(e), NULL, "%s() takes %d argument%s, %u given; usage: %s",
			           fn, b->max_args, b->max_args == 1 ? "" : "s", n, b->usage);
		else
			diag_error(ev->diag, sp_of(e), NULL,
			           "%s() takes %d or %d arguments, %u given; usage: %s", fn, b->min_args,
			           b->max_args, n, b->usage);
		return NULL;
	}
	struct value *args[BUILTIN_MAX_ARGS];
	for (uint32_t i = 0; i < n; i++) {
		const struct ast *a = e->call.args.v[i];
		if (a->arg.name) {
			diag_error(ev->diag, a->arg.name_span, NULL,
			           "%s() takes no named arguments; usage: %s", fn, b->usage);
			return NULL;
		}
		args[i] = eval_expr(ev, sc, a->arg.value);
		if (!args[i])
			return NULL;
	}
	struct call c = {ev->arena, ev->diag, e, args, n};
	return b->fn(&c);
}

/* ---- expressions ----------------------------------------------------- */

struct value *eval_expr(struct evaluator *ev, const struct scope *sc, const struct ast *e)
{
	struct span at = sp_of(e);
	switch (e->kind) {
	case AST_INT: return val_int(ev->arena, e->int_.value, at);
	case AST_UNIT: {
		struct value *v = val_new(ev->arena, V_UNIT, at);
		v->str.s = e->unit.text;
		v->str.len = (uint32_t)strlen(e->unit.text);
		return v;
	}
	case AST_STRING: return val_str(ev->arena, e->str.s, e->str.len, at);
	case AST_INTERP: return eval_interp(ev, sc, e);
	case AST_BOOL: return val_bool(ev->arena, e->boolean, at);
	case AST_NULL: return val_new(ev->arena, V_NULL, at);
	case AST_IDENT: return lookup(ev, sc, e->ident.name, at);
	case AST_LIST: {
		struct value *v = val_new(ev->arena, V_LIST, at);
		v->list.v = ARENA_ARRAY(ev->arena, struct value *, e->list.items.n + 1);
		bool ok = true; /* evaluate every item, so that each error is reported */
		for (uint32_t i = 0; i < e->list.items.n; i++) {
			struct value *x = eval_expr(ev, sc, e->list.items.v[i]);
			if (!x)
				ok = false;
			else
				v->list.v[v->list.n++] = x;
		}
		return ok ? v : NULL;
	}
	case AST_BODY: return eval_map_body(ev, sc, e, NULL);
	case AST_CALL: return eval_call(ev, sc, e);
	case AST_BINARY: return eval_binary(ev, sc, e);
	case AST_UNARY: {
		struct value *x = eval_expr(ev, sc, e->binary.lhs);
		if (!x)
			return NULL;
		if (e->binary.op == OP_NOT) {
			if (!want(ev, x, V_BOOL, e->binary.lhs, "'!'"))
				return NULL;
			return val_bool(ev->arena, !x->b, at);
		}
		if (x->kind == V_UNIT && x->str.s[0] != '-') {
			/* -5m stays a unit literal, for the field to judge. */
			struct value *v = val_new(ev->arena, V_UNIT, at);
			v->str.s = arena_printf(ev->arena, "-%.*s", (int)x->str.len, x->str.s);
			v->str.len = x->str.len + 1;
			return v;
		}
		if (!want(ev, x, V_INT, e->binary.lhs, "'-'"))
			return NULL;
		if (x->i == INT64_MIN) {
			diag_error(ev->diag, at, NULL, "integer overflow in negation");
			return NULL;
		}
		return val_int(ev->arena, -x->i, at);
	}
	case AST_RANGE: {
		struct value *v = val_new(ev->arena, V_RANGE, at);
		if (e->binary.lhs && !(v->range.lo = eval_expr(ev, sc, e->binary.lhs)))
			return NULL;
		if (e->binary.rhs && !(v->range.hi = eval_expr(ev, sc, e->binary.rhs)))
			return NULL;
		return v;
	}
	case AST_MEMBER: {
		struct value *obj = eval_expr(ev, sc, e->member.obj);
		if (!obj)
			return NULL;
		if (obj->kind != V_MAP) {
			diag_error(ev->diag, e->member.name_span, NULL,
			           "'.%s' needs a map on its left, found %s", e->member.name,
			           val_describe_in(ev->arena, obj));
			return NULL;
		}
		struct vmap_entry *ent = vmap_find(obj->map, e->member.name);
		if (!ent) {
			diag_error(ev->diag, e->member.name_span, NULL, "the map has no key '%s'",
			           e->member.name);
			diag_note(ev->diag, obj->span, "the map is defined here");
			return NULL;
		}
		return ent->value;
	}
	case AST_INDEX: {
		struct value *obj = eval_expr(ev, sc, e->index.obj);
		struct value *ix = obj ? eval_expr(ev, sc, e->index.index) : NULL;
		if (!ix)
			return NULL;
		if (obj->kind == V_LIST) {
			if (!want(ev, ix, V_INT, e->index.index, "a list index"))
				return NULL;
			if (ix->i < 0 || ix->i >= obj->list.n) {
				diag_error(ev->diag, sp_of(e->index.index), NULL,
				           "index %" PRId64 " is out of range: the list has %u item%s", ix->i,
				           obj->list.n, obj->list.n == 1 ? "" : "s");
				return NULL;
			}
			return obj->list.v[ix->i];
		}
		if (obj->kind == V_MAP) {
			if (!want(ev, ix, V_STR, e->index.index, "a map key"))
				return NULL;
			const char *k = intern(ev->names, ix->str.s, ix->str.len);
			struct vmap_entry *ent = vmap_find(obj->map, k);
			if (!ent) {
				diag_error(ev->diag, sp_of(e->index.index), NULL, "the map has no key '%s'",
				           k);
				return NULL;
			}
			return ent->value;
		}
		diag_error(ev->diag, sp_of(e->index.obj), NULL,
		           "only lists and maps can be indexed, found %s", val_describe_in(ev->arena, obj));
		return NULL;
	}
	case AST_ERROR: return NULL;
	default:
		diag_error(ev->diag, at, NULL, "a %s is not an expression", ast_kind_name(e->kind));
		return NULL;
	}
}

/* ---- keys --------------------------------------------------------------- */

/* The interned text of a key or label: a bare word, a string, or an
 * interpolated string. */
const char *eval_key(struct evaluator *ev, const struct scope *sc, const struct ast *k)
{
	if (k->kind == AST_STRING)
		return intern(ev->names, k->str.s, k->str.len);
	struct value *v = eval_expr(ev, sc, k);
	if (!v)
		return NULL;
	if (v->kind != V_STR) {
		diag_error(ev->diag, sp_of(k), NULL, "a key must be a string, found %s",
		           val_describe_in(ev->arena, v));
		return NULL;
	}
	return intern(ev->names, v->str.s, v->str.len);
}

/* ---- assignment and merging ------------------------------------------- */

static struct value *with_origin(struct evaluator *ev, struct value *v, const struct origin *o)
{
	if (!o || v->origin == o)
		return v;
	struct value *c = val_copy(ev->arena, v);
	c->origin = o;
	return c;
}

/* A new map: old's entries, then new's applied on top (null removes,
 * maps merge, anything else replaces). */
static struct value *merge_into(struct evaluator *ev, struct value *r, const struct value *nw,
                                const struct origin *o);

/* old with nw's keys over it, as a new (owned) map. */
static struct value *merge_maps(struct evaluator *ev, const struct value *old,
                                const struct value *nw, const struct origin *o)
{
	struct value *r = val_new(ev->arena, V_MAP, nw->span);
	r->map = vmap_new(ev->arena);
	r->owned = true;
	r->map->labeled = old->map->labeled;
	for (uint32_t i = 0; i < old->map->n; i++)
		vmap_set(ev->arena, r->map, old->map->e[i].key, old->map->e[i].key_span,
		         old->map->e[i].value);
	return merge_into(ev, r, nw, o);
}

/* nw's keys over the owned map r, in place. */
static struct value *merge_into(struct evaluator *ev, struct value *r, const struct value *nw,
                                const struct origin *o)
{
	r->span = nw->span;
	r->origin = o ? o : nw->origin;
	r->map->labeled = r->map->labeled || nw->map->labeled;
	for (uint32_t i = 0; i < nw->map->n; i++) {
		const struct vmap_entry *ne = &nw->map->e[i];
		if (ne->value->kind == V_NULL) {
			vmap_remove(r->map, ne->key);
			continue;
		}
		struct vmap_entry *oe = vmap_find(r->map, ne->key);
		struct value *v = with_origin(ev, ne->value, o);
		if (oe && oe->value->kind == V_MAP && v->kind == V_MAP)
			v = oe->value->owned ? merge_into(ev, oe->value, v, o) : merge_maps(ev, oe->value, v, o);
		vmap_set(ev->arena, r->map, ne->key, ne->key_span, v);
	}
	return r;
}

/* key = v, or key += v, into map m.  In a record (a job's fields) null
 * removes the key; in a map being written (keep_null) it stays, as the
 * mark that removes the key when the map is merged over an inherited one. */
void eval_assign(struct evaluator *ev, struct vmap *m, const char *key, struct span key_span,
                 enum ast_assign op, struct value *v, const struct origin *o,
                 const struct ast *item, bool keep_null)
{
	struct vmap_entry *old = vmap_find(m, key);
	v = with_origin(ev, v, o);
	if (op == ASSIGN_APPEND) {
		if (v->kind != V_LIST && v->kind != V_MAP) {
			diag_error(ev->diag, sp_of(item->field.value), NULL,
			           "'+=' appends a list or merges a map, found %s",
			           val_describe_in(ev->arena, v));
			return;
		}
		if (old && old->value->kind != V_NULL && old->value->kind != v->kind) {
			diag_error(ev->diag, sp_of(item), NULL, "cannot '+=' %s to %s",
			           val_describe_in(ev->arena, v), val_describe_in(ev->arena, old->value));
			diag_note(ev->diag, old->value->span, "'%s' was set here", key);
			return;
		}
		if (v->kind == V_LIST && old && old->value->kind == V_LIST) {
			struct value *l = val_new(ev->arena, V_LIST, v->span);
			l->origin = v->origin;
			l->list.n = old->value->list.n + v->list.n;
			l->list.v = ARENA_ARRAY(ev->arena, struct value *, l->list.n + 1);
			memcpy(l->list.v, old->value->list.v, sizeof *l->list.v * old->value->list.n);
			memcpy(l->list.v + old->value->list.n, v->list.v, sizeof *l->list.v * v->list.n);
			vmap_set(ev->arena, m, key, key_span, l);
			return;
		}
		/* a map merges below, as with '=' */
	}
	if (v->kind == V_NULL && !keep_null) {
		vmap_remove(m, key);
		return;
	}
	if (v->kind == V_MAP) {
		/* Merging over the old map (or over nothing) also drops the
		 * null marks of the new one. */
		struct vmap empty = {0};
		const struct value *base = old && old->value->kind == V_MAP ? old->value : NULL;
		struct value none = {.kind = V_MAP, .map = &empty};
		if (base && base->owned)
			v = merge_into(ev, (struct value *)(uintptr_t)base, v, o);
		else if (!keep_null || base)
			v = merge_maps(ev, base ? base : &none, v, o);
	}
	vmap_set(ev->arena, m, key, key_span, v);
}

/* ---- bodies ------------------------------------------------------------ */

const char *eval_item_what(const struct ast *it)
{
	switch (it->kind) {
	case AST_INCLUDE: return "'include'";
	case AST_PARAM: return "'param'";
	case AST_TEMPLATE: return "a template";
	case AST_JOB: return "a job";
	default: return "this";
	}
}

/* Whether iter is a call of range() that range() itself accepts: then
 * `for` counts its iterations and makes no list.  (Any other call is
 * evaluated, and reports what is wrong with it.) */
static bool counted_range(const struct ast *iter)
{
	if (iter->kind != AST_CALL || strcmp(iter->call.name, "range") != 0)
		return false;
	const struct builtin *b = builtin_find(iter->call.name);
	uint32_t n = iter->call.args.n;
	if (n < (uint32_t)b->min_args || n > (uint32_t)b->max_args)
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (iter->call.args.v[i]->arg.name)
			return false;
	return true;
}

/* -- let, for and if: the walk every body shares ------------------------ */

/* One iteration of the loop f: its body with key_var bound to key (an
 * index or a map key) and var to item.  With w->scratch, everything
 * allocated since mark is dropped afterwards. */
static void for_iteration(struct evaluator *ev, const struct scope *sc, const struct ast *f,
                          const struct walk *w, struct arena_mark mark, struct value *key,
                          struct value *item)
{
	if (f->for_.key_var)
		sc = eval_bind(ev, sc, f->for_.key_var, key, f->for_.key_span, "loop variable");
	sc = eval_bind(ev, sc, f->for_.var, item, f->for_.var_span, "loop variable");
	eval_walk_items(ev, sc, &f->for_.body->body.items, w);
	if (w->scratch && ev->keep)
		arena_release(ev->arena, mark);
}

/* for over range(...), a list or a map: the body once an item. */
static void eval_for(struct evaluator *ev, const struct scope *sc, const struct ast *f,
                     const struct walk *w)
{
	const struct ast *iter = f->for_.iter;
	if (f->for_.key_var)
		eval_check_shadow(ev, sc, f->for_.key_var, f->for_.key_span);
	eval_check_shadow(ev, sc, f->for_.var, f->for_.var_span);
	/* for x in range(a, b): counted, never made into a list */
	if (counted_range(iter)) {
		struct value *args[BUILTIN_MAX_ARGS];
		for (uint32_t i = 0; i < iter->call.args.n; i++)
			if (!(args[i] = eval_expr(ev, sc, iter->call.args.v[i]->arg.value)))
				return;
		struct call c = {ev->arena, ev->diag, iter, args, iter->call.args.n};
		int64_t lo;
		uint64_t count;
		if (!builtin_range_bounds(&c, &lo, &count) || !loop_budget(ev, f, count))
			return;
		for (uint64_t i = 0; i < count && !diag_stopped(ev->diag); i++) {
			struct arena_mark m = arena_mark(ev->arena);
			struct value *key =
				f->for_.key_var ? val_int(ev->arena, (int64_t)i, f->for_.key_span) : NULL;
			for_iteration(ev, sc, f, w, m, key, val_int(ev->arena, lo + (int64_t)i, sp_of(iter)));
		}
		return;
	}
	struct value *it = eval_expr(ev, sc, iter);
	if (!it)
		return;
	if (it->kind == V_LIST) {
		if (!loop_budget(ev, f, it->list.n))
			return;
		for (uint32_t i = 0; i < it->list.n && !diag_stopped(ev->diag); i++) {
			struct arena_mark m = arena_mark(ev->arena);
			struct value *key = f->for_.key_var ? val_int(ev->arena, i, f->for_.key_span) : NULL;
			for_iteration(ev, sc, f, w, m, key, it->list.v[i]);
		}
		return;
	}
	if (it->kind == V_MAP) {
		if (!loop_budget(ev, f, it->map->n))
			return;
		for (uint32_t i = 0; i < it->map->n && !diag_stopped(ev->diag); i++) {
			struct arena_mark m = arena_mark(ev->arena);
			const struct vmap_entry *e = &it->map->e[i];
			struct value *k = val_str(ev->arena, e->key, (uint32_t)strlen(e->key), e->key_span);
			/* for k in map: the keys; for k, v in map: the keys and values */
			if (f->for_.key_var)
				for_iteration(ev, sc, f, w, m, k, e->value);
			else
				for_iteration(ev, sc, f, w, m, NULL, k);
		}
		return;
	}
	diag_error(ev->diag, sp_of(f->for_.iter), NULL,
	           "'for' needs a list, a map or range(...), found %s", val_describe_in(ev->arena, it));
}

/* Returns the branch of an `if` to take, or NULL for none. */
static const struct ast *eval_if(struct evaluator *ev, const struct scope *sc, const struct ast *n,
                                 bool *error)
{
	for (;;) {
		struct value *c = eval_expr(ev, sc, n->if_.cond);
		if (!c) {
			*error = true;
			return NULL;
		}
		if (c->kind != V_BOOL) {
			diag_error(ev->diag, sp_of(n->if_.cond), NULL,
			           "an 'if' condition must be true or false, found %s",
			           val_describe_in(ev->arena, c));
			*error = true;
			return NULL;
		}
		if (c->b)
			return n->if_.then;
		if (!n->if_.else_ || n->if_.else_->kind == AST_BODY)
			return n->if_.else_;
		n = n->if_.else_;
	}
}

static bool uses_unknown(const struct evaluator *ev, const struct ast *e);

static bool any_unknown(const struct evaluator *ev, const struct ast_vec *v)
{
	for (uint32_t i = 0; i < v->n; i++)
		if (uses_unknown(ev, v->v[i]))
			return true;
	return false;
}

/* Whether e (an expression, or an item and what it holds) uses a name of
 * ev->unknown. */
static bool uses_unknown(const struct evaluator *ev, const struct ast *e)
{
	if (!e)
		return false;
	switch (e->kind) {
	case AST_IDENT:
		for (unsigned i = 0; i < ev->nunknown; i++)
			if (ev->unknown[i] == e->ident.name)
				return true;
		return false;
	case AST_INTERP: return any_unknown(ev, &e->interp.parts);
	case AST_LIST: return any_unknown(ev, &e->list.items);
	case AST_CALL: return any_unknown(ev, &e->call.args);
	case AST_ARG: return uses_unknown(ev, e->arg.value);
	case AST_BINARY:
	case AST_UNARY:
	case AST_RANGE: return uses_unknown(ev, e->binary.lhs) || uses_unknown(ev, e->binary.rhs);
	case AST_MEMBER: return uses_unknown(ev, e->member.obj);
	case AST_INDEX: return uses_unknown(ev, e->index.obj) || uses_unknown(ev, e->index.index);
	case AST_BODY: return any_unknown(ev, &e->body.items);
	case AST_FIELD: return uses_unknown(ev, e->field.key) || uses_unknown(ev, e->field.value);
	case AST_BLOCK:
		return uses_unknown(ev, e->block.key) || uses_unknown(ev, e->block.label) ||
		       uses_unknown(ev, e->block.body);
	case AST_FOR: return uses_unknown(ev, e->for_.iter) || uses_unknown(ev, e->for_.body);
	case AST_IF:
		return uses_unknown(ev, e->if_.cond) || uses_unknown(ev, e->if_.then) ||
		       uses_unknown(ev, e->if_.else_);
	case AST_LET: return uses_unknown(ev, e->let.value);
	default: return false;
	}
}

/* An item whose own expressions use an unknown name is skipped (a block
 * is not: its items are judged one by one); a let of one is unknown too. */
static bool skip_unknown(struct evaluator *ev, const struct ast *it)
{
	bool skip;
	switch (it->kind) {
	case AST_BLOCK: skip = uses_unknown(ev, it->block.key) || uses_unknown(ev, it->block.label); break;
	case AST_FOR: skip = uses_unknown(ev, it->for_.iter); break;
	case AST_IF: skip = uses_unknown(ev, it->if_.cond); break;
	default: skip = uses_unknown(ev, it);
	}
	if (skip && it->kind == AST_LET) {
		if (ev->nunknown == ev->capunknown) {
			ev->capunknown = ev->capunknown ? ev->capunknown * 2 : 8;
			ev->unknown = xrealloc(ev->unknown, sizeof *ev->unknown * ev->capunknown);
		}
		ev->unknown[ev->nunknown++] = it->let.name;
	}
	return skip;
}

/* One item; returns the scope of the items after it (a let adds to it). */
const struct scope *eval_walk_item(struct evaluator *ev, const struct scope *sc,
                                   const struct ast *it, const struct walk *w)
{
	if (ev->alone && skip_unknown(ev, it))
		return sc;
	switch (it->kind) {
	case AST_LET: {
		struct value *v = eval_expr(ev, sc, it->let.value);
		eval_check_shadow(ev, sc, it->let.name, it->let.name_span);
		return v ? eval_bind(ev, sc, it->let.name, v, it->let.name_span, "let") : sc;
	}
	case AST_FOR: eval_for(ev, sc, it, w); return sc;
	case AST_IF: {
		bool err = false;
		const struct ast *br = eval_if(ev, sc, it, &err);
		if (br)
			eval_walk_items(ev, sc, &br->body.items, w);
		return sc;
	}
	default: w->item(ev, sc, it, w->arg); return sc;
	}
}

void eval_walk_items(struct evaluator *ev, const struct scope *sc, const struct ast_vec *items,
                     const struct walk *w)
{
	for (uint32_t i = 0; i < items->n && !diag_stopped(ev->diag); i++)
		sc = eval_walk_item(ev, sc, items->v[i], w);
}

/* -- map bodies: labels { a = "x" }, { a = 1, b = 2 } ------------------- */

struct map_build {
	struct value *map;
	const struct origin *origin;
};

static void map_item(struct evaluator *ev, const struct scope *sc, const struct ast *it, void *arg)
{
	struct map_build *mb = arg;
	switch (it->kind) {
	case AST_FIELD: {
		const char *k = eval_key(ev, sc, it->field.key);
		struct value *v = eval_expr(ev, sc, it->field.value);
		if (k && v)
			eval_assign(ev, mb->map->map, k, sp_of(it->field.key), it->field.op, v, mb->origin, it,
			            true);
		break;
	}
	case AST_BLOCK: {
		const char *k = eval_key(ev, sc, it->block.key);
		if (!k)
			break;
		struct value *inner = eval_map_body(ev, sc, it->block.body, mb->origin);
		if (!inner)
			break;
		if (it->block.label) {
			const char *label = eval_key(ev, sc, it->block.label);
			if (!label)
				break;
			struct value *outer = val_map(ev->arena, sp_of(it));
			outer->map->labeled = true;
			vmap_set(ev->arena, outer->map, label, sp_of(it->block.label), inner);
			inner = outer;
		}
		eval_assign(ev, mb->map->map, k, sp_of(it->block.key), ASSIGN_SET, inner, mb->origin, it,
		            true);
		break;
	}
	default:
		diag_error(ev->diag, sp_of(it), NULL, "%s cannot appear inside a map", eval_item_what(it));
	}
}

struct value *eval_map_body(struct evaluator *ev, const struct scope *sc,
                            const struct ast *body, const struct origin *origin)
{
	unsigned before = ev->diag->errors;
	struct map_build mb = {val_map(ev->arena, sp_of(body)), origin};
	mb.map->origin = origin;
	eval_walk_items(ev, sc, &body->body.items, &(struct walk){map_item, &mb, false});
	return ev->diag->errors == before ? mb.map : NULL;
}
