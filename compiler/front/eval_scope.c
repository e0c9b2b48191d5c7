/* eval_scope.c - what a name means to the evaluator: the global scope of
 * lets, params and templates (declared file by file, a param set with -D
 * typed like its default), the local bindings of loops, template
 * parameters and lets, shadowing, and the nearest name to a misspelt one.
 * It evaluates nothing: eval.c computes a global's value and calls in here.
 */
#include "eval_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *eval_kind_word(enum ast_kind k)
{
	switch (k) {
	case AST_LET: return "let";
	case AST_PARAM: return "param";
	case AST_TEMPLATE: return "template";
	default: return "name";
	}
}

/* ---- declarations ------------------------------------------------------ */

void eval_declare(struct evaluator *ev, const struct ast *file)
{
	for (uint32_t i = 0; i < file->file.items.n; i++) {
		const struct ast *it = file->file.items.v[i];
		const char *name;
		struct span name_span;
		if (it->kind == AST_LET || it->kind == AST_PARAM) {
			name = it->let.name;
			name_span = it->let.name_span;
		} else if (it->kind == AST_TEMPLATE) {
			name = it->tmpl.name;
			name_span = it->tmpl.name_span;
		} else {
			continue;
		}
		int found;
		struct map_slot *slot = map_slot(&ev->globals, name, strlen(name), &found);
		if (found) {
			struct decl *old = slot->value;
			const struct span old_span = old->kind == AST_TEMPLATE ? old->node->tmpl.name_span
			                                                       : old->node->let.name_span;
			diag_error(ev->diag, name_span, NULL, "'%s' is already defined", name);
			diag_note(ev->diag, old_span, "%s '%s' was defined here", eval_kind_word(old->kind),
			          name);
			continue;
		}
		if (it->kind == AST_PARAM)
			for (unsigned k = 0; k < ev->ndefines; k++) {
				if (strcmp(ev->defines[k].name, name) == 0)
					ev->defines[k].used = true;
				suggest_add(&ev->defines[k].near, ev->defines[k].name, name);
			}
		struct decl *d = ARENA_NEW(ev->arena, struct decl);
		d->kind = it->kind;
		d->name = name;
		d->node = it;
		slot->value = d;
	}
}

struct decl *eval_global(struct evaluator *ev, const char *name)
{
	return map_get(&ev->globals, name, strlen(name));
}

void eval_check_shadow(struct evaluator *ev, const struct scope *sc, const char *name,
                       struct span at)
{
	for (const struct scope *s = sc; s; s = s->parent)
		if (s->name == name) {
			diag_error(ev->diag, at, NULL, "'%s' is already defined", name);
			diag_note(ev->diag, s->span, "%s '%s' was defined here", s->what, name);
			return;
		}
	struct decl *d = eval_global(ev, name);
	if (d) {
		diag_error(ev->diag, at, NULL, "'%s' is already defined", name);
		diag_note(ev->diag, d->kind == AST_TEMPLATE ? d->node->tmpl.name_span
		                                            : d->node->let.name_span,
		          "%s '%s' was defined here", eval_kind_word(d->kind), name);
	}
}

const struct scope *eval_bind(struct evaluator *ev, const struct scope *parent, const char *name,
                              struct value *v, struct span at, const char *what)
{
	struct scope *s = ARENA_NEW(ev->arena, struct scope);
	s->parent = parent;
	s->name = name;
	s->value = v;
	s->span = at;
	s->what = what;
	return s;
}

/* A param's -D override, typed like its default. */
struct value *eval_param_override(struct evaluator *ev, struct decl *d, struct define *def,
                                  struct value *dflt)
{
	struct span at = d->node->let.name_span;
	const char *text = def->value;
	uint32_t len = (uint32_t)strlen(text);
	switch (dflt->kind) {
	case V_STR: return val_str(ev->arena, arena_strdup(ev->arena, text), len, at);
	case V_INT: {
		char *end;
		errno = 0;
		long long n = strtoll(text, &end, 10);
		if (len == 0 || *end || errno) {
			diag_error(ev->diag, span_none(), NULL,
			           "-D %s=%s: param '%s' is an integer, and '%s' is not one", d->name,
			           text, d->name, text);
			diag_note(ev->diag, at, "param '%s' is declared here", d->name);
			return NULL;
		}
		return val_int(ev->arena, (int64_t)n, at);
	}
	case V_BOOL:
		if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)
			return val_bool(ev->arena, text[0] == 't', at);
		diag_error(ev->diag, span_none(), NULL,
		           "-D %s=%s: param '%s' is a bool; give true or false", d->name, text,
		           d->name);
		diag_note(ev->diag, at, "param '%s' is declared here", d->name);
		return NULL;
	case V_UNIT: {
		struct value *v = val_new(ev->arena, V_UNIT, at);
		v->str.s = arena_strdup(ev->arena, text);
		v->str.len = len;
		return v;
	}
	default:
		diag_error(ev->diag, span_none(), NULL,
		           "-D %s=%s: param '%s' holds %s; -D can set only strings, integers, bools "
		           "and unit literals",
		           d->name, text, d->name, val_describe_in(ev->arena, dflt));
		diag_note(ev->diag, at, "param '%s' is declared here", d->name);
		return NULL;
	}
}

/* ---- names ------------------------------------------------------------- */

const char *eval_suggest_name(struct evaluator *ev, const struct scope *sc, const char *name)
{
	const char *best = NULL;
	unsigned best_d = 99;
	for (const struct scope *s = sc; s; s = s->parent) {
		unsigned d = edit_distance(name, s->name);
		if (d < best_d)
			best_d = d, best = s->name;
	}
	for (uint32_t i = 0; i < ev->globals.cap; i++) {
		const struct map_slot *slot = &ev->globals.slots[i];
		if (!slot->key)
			continue;
		const struct decl *d = slot->value;
		if (d->kind == AST_TEMPLATE)
			continue;
		unsigned dist = edit_distance(name, d->name);
		/* ties go to the smaller name, so the suggestion is stable */
		if (dist < best_d || (dist == best_d && best && strcmp(d->name, best) < 0))
			best_d = dist, best = d->name;
	}
	size_t len = strlen(name);
	unsigned limit = len < 3 ? 1 : (unsigned)(len + 2) / 3;
	return best_d <= limit ? best : NULL;
}
