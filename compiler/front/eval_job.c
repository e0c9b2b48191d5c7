/* eval_job.c - jobs: the fields of job and template bodies, read with
 * the field table; templates applied to a job (arguments bound to
 * parameters, parents first, cycles and depth caught); each job made into
 * a record for the sink; and the items at the top of a file.  It calls
 * eval.c for expressions and for let, for and if; eval.c never calls
 * back: a body's own items come here through struct walk.
 */
#include "eval.h"
#include "bounds.h"
#include "eval_int.h"

#include <string.h>

#include "alloc.h"

void eval_init(struct evaluator *ev, struct arena *a, struct interner *names,
               struct diagnostics *diag)
{
	memset(ev, 0, sizeof *ev);
	ev->arena = a;
	ev->names = names;
	ev->diag = diag;
	map_init(&ev->globals, a);
	ev->max_iterations = JOBC_MAX_ITERATIONS_DEFAULT;
	ev->max_depth = JOBC_MAX_TEMPLATE_DEPTH;
}

void eval_destroy(struct evaluator *ev)
{
	xfree(ev->tstack);
	xfree(ev->unknown);
	ev->tstack = NULL;
}

/* ---- job and template bodies ------------------------------------------ */

struct body_ctx {
	const struct origin *origin;
	const struct schema *schema;
	struct vmap *rec;
	bool *failed; /* set when a field's value could not be computed */
};

static void unknown_field(struct evaluator *ev, const struct schema *schema, const char *name,
                          struct span at)
{
	const struct field *k = field_by_k8s_name(schema, name);
	if (k) {
		diag_error(ev->diag, at, NULL, "unknown field '%s'; jobc calls it '%s'", name, k->name);
		diag_fixit(ev->diag, at, k->name);
		return;
	}
	const char *s = field_suggest(schema, name);
	if (s) {
		diag_error(ev->diag, at, NULL, "unknown field '%s'; did you mean '%s'?", name, s);
		diag_fixit(ev->diag, at, s);
		return;
	}
	diag_error(ev->diag, at, NULL, "unknown field '%s' in a %s", name, schema->name);
	if (schema->nfields > 12) {
		diag_note(ev->diag, span_none(), "'jobc explain fields' lists the fields of a job");
		return;
	}
	struct buf all = BUF_INIT;
	for (const struct schema *t = schema; t; t = t->also)
		for (unsigned i = 0; i < t->nfields; i++)
			buf_printf(&all, "%s%s", all.len ? ", " : "", t->fields[i].name);
	diag_note(ev->diag, span_none(), "the fields of a %s are: %s", schema->name, all.data);
	buf_free(&all);
}

/* The value of a field assignment.  A bare word given to an enum field is
 * that word (restart = on-failure), unless it names a value in scope. */
static struct value *sub_record(struct evaluator *ev, const struct scope *sc,
                                const struct ast *body, const struct schema *schema,
                                const struct origin *origin);

static struct value *field_value(struct evaluator *ev, const struct scope *sc,
                                 const struct field *f, const struct ast *e,
                                 const struct origin *origin)
{
	/* A map literal given to a block field is read with the block's
	 * fields, so that words (action = fail-job) mean what they say. */
	if (f && (f->type == FT_BLOCK || f->type == FT_BLOCKS) && e->kind == AST_BODY)
		return sub_record(ev, sc, e, f->sub, origin);
	if (f && f->type == FT_BLOCKS && e->kind == AST_LIST) {
		struct value *l = val_new(ev->arena, V_LIST, sp_of(e));
		l->list.v = ARENA_ARRAY(ev->arena, struct value *, e->list.items.n + 1);
		bool ok = true;
		for (uint32_t i = 0; i < e->list.items.n; i++) {
			const struct ast *item = e->list.items.v[i];
			struct value *x = item->kind == AST_BODY ? sub_record(ev, sc, item, f->sub, origin)
			                                         : eval_expr(ev, sc, item);
			if (x)
				l->list.v[l->list.n++] = x;
			else
				ok = false;
		}
		return ok ? l : NULL;
	}
	if (f && f->type == FT_ENUM && e->kind == AST_IDENT) {
		bool word = false;
		for (const struct enum_word *w = f->words; w->word; w++)
			if (strcmp(w->word, e->ident.name) == 0)
				word = true;
		bool bound = false;
		for (const struct scope *s = sc; s && !bound; s = s->parent)
			bound = s->name == e->ident.name;
		if (!bound && !eval_global(ev, e->ident.name))
			word = true; /* not a name: the field will judge the word */
		if (word)
			return val_str(ev->arena, e->ident.name, (uint32_t)strlen(e->ident.name),
			               sp_of(e));
	}
	return eval_expr(ev, sc, e);
}

static void block_item(struct evaluator *ev, const struct scope *sc, struct body_ctx *bc,
                       const struct field *f, const struct ast *it);

static void job_item(struct evaluator *ev, const struct scope *sc, const struct ast *it, void *arg)
{
	struct body_ctx *bc = arg;
	switch (it->kind) {
	case AST_FIELD: {
		const char *k = eval_key(ev, sc, it->field.key);
		if (!k)
			break;
		const struct field *f = field_find(bc->schema, k);
		if (!f) {
			unknown_field(ev, bc->schema, k, sp_of(it->field.key));
			break;
		}
		struct value *v = field_value(ev, sc, f, it->field.value, bc->origin);
		if (v)
			eval_assign(ev, bc->rec, f->name, sp_of(it->field.key), it->field.op, v, bc->origin, it,
			            false);
		else
			*bc->failed = true;
		break;
	}
	case AST_BLOCK: {
		const char *k = eval_key(ev, sc, it->block.key);
		if (!k)
			break;
		const struct field *f = field_find(bc->schema, k);
		if (!f) {
			unknown_field(ev, bc->schema, k, sp_of(it->block.key));
			break;
		}
		block_item(ev, sc, bc, f, it);
		break;
	}
	default:
		diag_error(ev->diag, sp_of(it), NULL, "%s cannot appear inside a job or template body",
		           eval_item_what(it));
	}
}

static void body_items(struct evaluator *ev, const struct scope *sc, const struct origin *origin,
                       const struct ast *body, const struct schema *schema, struct vmap *rec)
{
	struct body_ctx bc = {origin, schema, rec, &ev->job_failed};
	eval_walk_items(ev, sc, &body->body.items, &(struct walk){job_item, &bc, false});
}

/* The fields of a block body, read with the block's schema, as a map. */
static struct value *sub_record(struct evaluator *ev, const struct scope *sc,
                                const struct ast *body, const struct schema *schema,
                                const struct origin *origin)
{
	unsigned before = ev->diag->errors;
	struct value *m = val_map(ev->arena, sp_of(body));
	m->origin = origin;
	body_items(ev, sc, origin, body, schema, m->map);
	return ev->diag->errors == before ? m : NULL;
}

/* key { body } and key NAME { body } in a job or block body. */
static void block_item(struct evaluator *ev, const struct scope *sc, struct body_ctx *bc,
                       const struct field *f, const struct ast *it)
{
	bool named = f->type == FT_NAMED;
	if (named && !it->block.label) {
		diag_error(ev->diag, sp_of(it->block.key), NULL,
		           "'%s' needs a name before its '{': %s NAME { ... }", f->name, f->name);
		return;
	}
	if (!named && it->block.label) {
		diag_error(ev->diag, sp_of(it->block.label), NULL, "'%s' takes no name before its '{'",
		           f->name);
		return;
	}
	struct value *v;
	switch (f->type) {
	case FT_STRMAP:
	case FT_ENVMAP:
	case FT_RESOURCES:
	case FT_RAW:
		/* free keys: label names, variable names, resource names */
		v = eval_map_body(ev, sc, it->block.body, bc->origin);
		break;
	case FT_BLOCK:
	case FT_BLOCKS:
	case FT_NAMED:
		v = sub_record(ev, sc, it->block.body, f->sub, bc->origin);
		break;
	default:
		diag_error(ev->diag, sp_of(it->block.body), NULL, "'%s' is not a block; write %s = <value>",
		           f->name, f->name);
		return;
	}
	if (!v) {
		*bc->failed = true;
		return;
	}
	if (f->type == FT_BLOCKS) {
		/* each block adds one item */
		struct value *l = val_new(ev->arena, V_LIST, sp_of(it));
		l->list.v = ARENA_ARRAY(ev->arena, struct value *, 1);
		l->list.v[0] = v;
		l->list.n = 1;
		eval_assign(ev, bc->rec, f->name, sp_of(it->block.key), ASSIGN_APPEND, l, bc->origin, it,
		            false);
		return;
	}
	if (named) {
		const char *label = eval_key(ev, sc, it->block.label);
		if (!label) {
			*bc->failed = true;
			return;
		}
		struct value *outer = val_map(ev->arena, sp_of(it));
		outer->map->labeled = true;
		vmap_set(ev->arena, outer->map, label, sp_of(it->block.label), v);
		v = outer;
	}
	eval_assign(ev, bc->rec, f->name, sp_of(it->block.key), ASSIGN_SET, v, bc->origin, it, false);
}

/* ---- templates -------------------------------------------------------- */

static void apply_parents(struct evaluator *ev, const struct scope *sc,
                          const struct ast_vec *parents, struct vmap *rec,
                          const struct origin *outer);

/* Binds a template's parameters to the arguments of a parent reference
 * (evaluated in the caller's scope sc).  Returns the template's scope, or
 * NULL after an error. */
static bool bind_args(struct evaluator *ev, const struct scope *sc, const struct ast *tmpl,
                      const struct ast *ref, const struct scope **out)
{
	const struct ast_vec *params = &tmpl->tmpl.params;
	const struct ast_vec *args = &ref->parent.args;
	struct value **vals = ARENA_ARRAY(ev->arena, struct value *, params->n + 1);
	memset(vals, 0, sizeof *vals * (params->n + 1));
	bool ok = true, seen_named = false;
	uint32_t positional = 0;
	for (uint32_t i = 0; i < args->n; i++) {
		const struct ast *a = args->v[i];
		uint32_t slot = UINT32_MAX;
		if (a->arg.name) {
			seen_named = true;
			for (uint32_t p = 0; p < params->n; p++)
				if (params->v[p]->tparam.name == a->arg.name)
					slot = p;
			if (slot == UINT32_MAX) {
				const char *best = NULL;
				unsigned bd = 99;
				for (uint32_t p = 0; p < params->n; p++) {
					unsigned d = edit_distance(a->arg.name, params->v[p]->tparam.name);
					if (d < bd)
						bd = d, best = params->v[p]->tparam.name;
				}
				if (best && bd <= 2) {
					diag_error(ev->diag, a->arg.name_span, NULL,
					           "template '%s' has no parameter '%s'; did you mean '%s'?",
					           tmpl->tmpl.name, a->arg.name, best);
					diag_fixit(ev->diag, a->arg.name_span, best);
				} else {
					diag_error(ev->diag, a->arg.name_span, NULL,
					           "template '%s' has no parameter '%s'", tmpl->tmpl.name,
					           a->arg.name);
				}
				diag_note(ev->diag, tmpl->tmpl.name_span, "template '%s' is defined here",
				          tmpl->tmpl.name);
				ok = false;
				continue;
			}
		} else {
			if (seen_named) {
				diag_error(ev->diag, sp_of(a), NULL,
				           "a positional argument cannot follow a named one");
				ok = false;
				continue;
			}
			slot = positional++;
			if (slot >= params->n) {
				diag_error(ev->diag, sp_of(a), NULL,
				           "template '%s' takes %u argument%s, %u given", tmpl->tmpl.name,
				           params->n, params->n == 1 ? "" : "s", args->n);
				diag_note(ev->diag, tmpl->tmpl.name_span, "template '%s' is defined here",
				          tmpl->tmpl.name);
				ok = false;
				break;
			}
		}
		if (vals[slot]) {
			diag_error(ev->diag, sp_of(a), NULL, "parameter '%s' of template '%s' is given twice",
			           params->v[slot]->tparam.name, tmpl->tmpl.name);
			ok = false;
			continue;
		}
		vals[slot] = eval_expr(ev, sc, a->arg.value);
		if (!vals[slot])
			ok = false;
	}
	if (!ok)
		return false;
	/* Defaults are evaluated in the template's scope, after the parameters
	 * before them. */
	const struct scope *ts = NULL;
	for (uint32_t p = 0; p < params->n; p++) {
		const struct ast *prm = params->v[p];
		struct value *v = vals[p];
		if (!v && prm->tparam.dflt)
			v = eval_expr(ev, ts, prm->tparam.dflt);
		else if (!v) {
			diag_error(ev->diag, sp_of(ref), NULL,
			           "template '%s' needs a value for its parameter '%s'", tmpl->tmpl.name,
			           prm->tparam.name);
			diag_note(ev->diag, sp_of(prm), "parameter '%s' is declared here",
			          prm->tparam.name);
			return false;
		}
		if (!v)
			return false;
		ts = eval_bind(ev, ts, prm->tparam.name, v, sp_of(prm), "parameter");
	}
	*out = ts;
	return true;
}

static void apply_template(struct evaluator *ev, const struct scope *sc, const struct ast *ref,
                           struct vmap *rec, const struct origin *outer)
{
	struct decl *d = eval_global(ev, ref->parent.name);
	if (!d || d->kind != AST_TEMPLATE) {
		if (d) {
			diag_error(ev->diag, sp_of(ref), NULL, "'%s' is a %s, not a template",
			           ref->parent.name, eval_kind_word(d->kind));
			diag_note(ev->diag, d->node->let.name_span, "'%s' is defined here",
			          ref->parent.name);
			return;
		}
		const char *best = NULL;
		unsigned bd = 99;
		for (uint32_t i = 0; i < ev->globals.cap; i++) {
			const struct map_slot *s = &ev->globals.slots[i];
			if (!s->key || ((const struct decl *)s->value)->kind != AST_TEMPLATE)
				continue;
			unsigned dist = edit_distance(ref->parent.name, s->key);
			if (dist < bd || (dist == bd && best && strcmp(s->key, best) < 0))
				bd = dist, best = s->key;
		}
		struct span name_sp = {ref->span.file, ref->span.start,
		                       ref->span.start + (uint32_t)strlen(ref->parent.name)};
		if (best && bd <= 2) {
			diag_error(ev->diag, name_sp, NULL, "unknown template '%s'; did you mean '%s'?",
			           ref->parent.name, best);
			diag_fixit(ev->diag, name_sp, best);
		} else {
			diag_error(ev->diag, name_sp, NULL, "unknown template '%s'", ref->parent.name);
		}
		return;
	}
	const struct ast *tmpl = d->node;
	for (unsigned i = 0; i < ev->ntstack; i++)
		if (ev->tstack[i] == tmpl) {
			struct buf chain = BUF_INIT;
			for (unsigned k = i; k < ev->ntstack; k++)
				buf_printf(&chain, "%s \xe2\x86\x92 ", ev->tstack[k]->tmpl.name);
			buf_puts(&chain, tmpl->tmpl.name);
			diag_error(ev->diag, sp_of(ref), NULL, "template cycle: %s", chain.data);
			buf_free(&chain);
			return;
		}
	if (ev->ntstack >= ev->max_depth) {
		diag_error(ev->diag, sp_of(ref), NULL,
		           "templates are nested more than %u deep here", ev->max_depth);
		return;
	}
	const struct scope *ts = NULL;
	if (!bind_args(ev, sc, tmpl, ref, &ts))
		return;
	struct origin *o = ARENA_NEW(ev->arena, struct origin);
	o->template_name = tmpl->tmpl.name;
	o->site = sp_of(ref);
	o->outer = outer;
	if (ev->ntstack == ev->captstack) {
		ev->captstack = ev->captstack ? ev->captstack * 2 : 16;
		ev->tstack = xrealloc(ev->tstack, sizeof *ev->tstack * ev->captstack);
	}
	ev->tstack[ev->ntstack++] = tmpl;
	apply_parents(ev, ts, &tmpl->tmpl.parents, rec, o);
	body_items(ev, ts, o, tmpl->tmpl.body, &schema_job, rec);
	ev->ntstack--;
}

static void apply_parents(struct evaluator *ev, const struct scope *sc,
                          const struct ast_vec *parents, struct vmap *rec,
                          const struct origin *outer)
{
	for (uint32_t i = 0; i < parents->n; i++)
		apply_template(ev, sc, parents->v[i], rec, outer);
}

/* ---- top level -------------------------------------------------------- */

static void eval_job(struct evaluator *ev, const struct scope *sc, const struct ast *j)
{
	const char *name = NULL;
	struct span name_span = sp_of(j->job.name);
	if (j->job.name->kind == AST_STRING) {
		name = arena_strndup(ev->arena, j->job.name->str.s, j->job.name->str.len);
	} else {
		struct value *v = eval_expr(ev, sc, j->job.name);
		if (!v)
			return;
		if (v->kind != V_STR) {
			diag_error(ev->diag, name_span, NULL, "a job name must be a string, found %s",
			           val_describe_in(ev->arena, v));
			return;
		}
		name = v->str.s;
	}
	unsigned before = ev->diag->errors;
	ev->job_failed = false;
	/* the job, its values and what the sink makes of them are scratch */
	struct arena_mark mark = arena_mark(ev->arena);
	struct job_record *rec = ARENA_NEW(ev->arena, struct job_record);
	rec->name = name;
	rec->name_span = name_span;
	rec->node = j;
	rec->fields = vmap_new(ev->arena);
	/* what is reported from here on arises in this job: one diagnostic
	 * that several jobs hit alike (in a template they share) is reported
	 * once, naming each (compiler/driver/replay.c) */
	const struct ast *use = j->job.parents.n ? j->job.parents.v[0] : NULL;
	ev->diag->context = (struct diag_context){name, j->span, use ? use->span : span_none(),
	                                          use ? use->parent.name : NULL};
	apply_parents(ev, sc, &j->job.parents, rec->fields, NULL);
	body_items(ev, sc, NULL, j->job.body, &schema_job, rec->fields);
	ev->jobs++;
	/* A job with errors is still checked, so that one run reports them
	 * all; lowering skips the checks that a failed value would falsify. */
	rec->incomplete = ev->diag->errors != before || ev->job_failed;
	if (ev->sink && !diag_stopped(ev->diag))
		ev->sink(ev->sink_user, rec);
	ev->diag->context = (struct diag_context){0};
	if (ev->keep)
		arena_release(ev->arena, mark);
}

struct job_record *eval_template_alone(struct evaluator *ev, const struct ast *tmpl)
{
	const struct ast_vec *params = &tmpl->tmpl.params;
	ev->nunknown = 0;
	for (uint32_t i = 0; i < params->n; i++) {
		if (ev->nunknown == ev->capunknown) {
			ev->capunknown = ev->capunknown ? ev->capunknown * 2 : 8;
			ev->unknown = xrealloc(ev->unknown, sizeof *ev->unknown * ev->capunknown);
		}
		ev->unknown[ev->nunknown++] = params->v[i]->tparam.name;
	}
	ev->alone = true;
	unsigned before = ev->diag->errors;
	ev->job_failed = false;
	struct job_record *rec = ARENA_NEW(ev->arena, struct job_record);
	rec->name = tmpl->tmpl.name;
	rec->name_span = tmpl->tmpl.name_span;
	rec->node = tmpl;
	rec->fields = vmap_new(ev->arena);
	body_items(ev, NULL, NULL, tmpl->tmpl.body, &schema_job, rec->fields);
	ev->nunknown = 0;
	ev->alone = false;
	rec->incomplete = ev->diag->errors != before || ev->job_failed;
	return rec;
}

/* An item of a file, or of a for or if at the top of one. */
static void top_item(struct evaluator *ev, const struct scope *sc, const struct ast *it, void *arg)
{
	(void)arg;
	switch (it->kind) {
	case AST_JOB: eval_job(ev, sc, it); break;
	case AST_PARAM:
	case AST_TEMPLATE:
	case AST_INCLUDE:
		/* at the top of the file itself, eval_file does not pass them here */
		diag_error(ev->diag, sp_of(it), NULL,
		           "%s must be at the top level of a file, not inside 'for' or 'if'",
		           eval_item_what(it));
		break;
	case AST_FIELD:
	case AST_BLOCK: {
		const struct ast *key = it->kind == AST_FIELD ? it->field.key : it->block.key;
		diag_error(ev->diag, sp_of(key), NULL, "a field must be inside a job or template body");
		break;
	}
	default: break;
	}
}

void eval_file(struct evaluator *ev, const struct ast *file)
{
	/* Evaluate every global once, so that an unused but broken let is
	 * still reported, in source order. */
	for (uint32_t i = 0; i < file->file.items.n; i++) {
		const struct ast *it = file->file.items.v[i];
		if (it->kind == AST_LET || it->kind == AST_PARAM) {
			struct decl *d = eval_global(ev, it->let.name);
			if (d && d->node == it)
				eval_global_value(ev, d, it->let.name_span);
		}
	}
	const struct walk top = {top_item, NULL, true};
	for (uint32_t i = 0; i < file->file.items.n && !diag_stopped(ev->diag); i++) {
		const struct ast *it = file->file.items.v[i];
		/* lets and params were evaluated above, templates declared and
		 * includes loaded before */
		if (it->kind != AST_LET && it->kind != AST_PARAM && it->kind != AST_TEMPLATE &&
		    it->kind != AST_INCLUDE)
			eval_walk_item(ev, NULL, it, &top);
	}
}
