/* ast_json.c - the syntax tree as JSON; see ast_json.h.
 *
 * Every node is {"kind": ..., "span": "l:c-l:c", ...the members of its
 * kind...}; the output is stable, so the AST golden tests compare it byte
 * for byte.
 */
#include "ast_json.h"

#include <stdio.h>

#include "alloc.h"

static void add_span(cJSON *o, const char *key, struct span sp, struct source *src)
{
	uint32_t l1, c1, l2, c2;
	source_linecol(src, sp.start, &l1, &c1);
	source_linecol(src, sp.end, &l2, &c2);
	char buf[64];
	snprintf(buf, sizeof buf, "%u:%u-%u:%u", l1, c1, l2, c2);
	cJSON_AddStringToObject(o, key, buf);
}

static void add_str(cJSON *o, const char *key, const char *s, uint32_t len)
{
	char *c = xmalloc((size_t)len + 1);
	for (uint32_t i = 0; i < len; i++)
		c[i] = s[i];
	c[len] = '\0';
	cJSON_AddStringToObject(o, key, c);
	xfree(c);
}

static cJSON *vec(const struct ast_vec *v, struct source *src)
{
	cJSON *a = cJSON_CreateArray();
	for (uint32_t i = 0; i < v->n; i++)
		cJSON_AddItemToArray(a, ast_to_json(v->v[i], src));
	return a;
}

static void add_node(cJSON *o, const char *key, const struct ast *n, struct source *src)
{
	if (n)
		cJSON_AddItemToObject(o, key, ast_to_json(n, src));
	else
		cJSON_AddNullToObject(o, key);
}

cJSON *ast_to_json(const struct ast *n, struct source *src)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", ast_kind_name(n->kind));
	add_span(o, "span", n->span, src);
	switch (n->kind) {
	case AST_FILE:
		cJSON_AddItemToObject(o, "items", vec(&n->file.items, src));
		cJSON_AddNumberToObject(o, "comments", n->file.ncomments);
		break;
	case AST_INCLUDE: cJSON_AddStringToObject(o, "path", n->include.path); break;
	case AST_LET:
	case AST_PARAM:
		cJSON_AddStringToObject(o, "name", n->let.name);
		add_node(o, "value", n->let.value, src);
		break;
	case AST_TEMPLATE:
		cJSON_AddStringToObject(o, "name", n->tmpl.name);
		cJSON_AddItemToObject(o, "params", vec(&n->tmpl.params, src));
		cJSON_AddItemToObject(o, "parents", vec(&n->tmpl.parents, src));
		add_node(o, "body", n->tmpl.body, src);
		break;
	case AST_JOB:
		add_node(o, "name", n->job.name, src);
		cJSON_AddItemToObject(o, "parents", vec(&n->job.parents, src));
		add_node(o, "body", n->job.body, src);
		break;
	case AST_TPARAM:
		cJSON_AddStringToObject(o, "name", n->tparam.name);
		add_node(o, "default", n->tparam.dflt, src);
		break;
	case AST_PARENT:
		cJSON_AddStringToObject(o, "name", n->parent.name);
		if (n->parent.has_args)
			cJSON_AddItemToObject(o, "args", vec(&n->parent.args, src));
		break;
	case AST_ARG:
		if (n->arg.name)
			cJSON_AddStringToObject(o, "name", n->arg.name);
		add_node(o, "value", n->arg.value, src);
		break;
	case AST_FIELD:
		add_node(o, "key", n->field.key, src);
		cJSON_AddStringToObject(o, "op", n->field.op == ASSIGN_SET ? "=" : "+=");
		add_node(o, "value", n->field.value, src);
		break;
	case AST_BLOCK:
		add_node(o, "key", n->block.key, src);
		if (n->block.label)
			add_node(o, "label", n->block.label, src);
		add_node(o, "body", n->block.body, src);
		break;
	case AST_FOR:
		if (n->for_.key_var)
			cJSON_AddStringToObject(o, "key", n->for_.key_var);
		cJSON_AddStringToObject(o, "var", n->for_.var);
		add_node(o, "iter", n->for_.iter, src);
		add_node(o, "body", n->for_.body, src);
		break;
	case AST_IF:
		add_node(o, "cond", n->if_.cond, src);
		add_node(o, "then", n->if_.then, src);
		if (n->if_.else_)
			add_node(o, "else", n->if_.else_, src);
		break;
	case AST_BODY: cJSON_AddItemToObject(o, "items", vec(&n->body.items, src)); break;
	case AST_INT: {
		char digits[32];
		snprintf(digits, sizeof digits, "%lld", (long long)n->int_.value);
		cJSON_AddRawToObject(o, "value", digits);
		break;
	}
	case AST_UNIT: cJSON_AddStringToObject(o, "text", n->unit.text); break;
	case AST_STRING:
		add_str(o, "value", n->str.s, n->str.len);
		if (n->str.bare)
			cJSON_AddTrueToObject(o, "bare");
		if (n->str.multiline)
			cJSON_AddTrueToObject(o, "multiline");
		break;
	case AST_INTERP:
		cJSON_AddItemToObject(o, "parts", vec(&n->interp.parts, src));
		if (n->interp.multiline)
			cJSON_AddTrueToObject(o, "multiline");
		break;
	case AST_BOOL: cJSON_AddBoolToObject(o, "value", n->boolean); break;
	case AST_NULL: break;
	case AST_IDENT: cJSON_AddStringToObject(o, "name", n->ident.name); break;
	case AST_LIST: cJSON_AddItemToObject(o, "items", vec(&n->list.items, src)); break;
	case AST_CALL:
		cJSON_AddStringToObject(o, "name", n->call.name);
		cJSON_AddItemToObject(o, "args", vec(&n->call.args, src));
		break;
	case AST_BINARY:
		cJSON_AddStringToObject(o, "op", ast_op_name(n->binary.op));
		add_node(o, "lhs", n->binary.lhs, src);
		add_node(o, "rhs", n->binary.rhs, src);
		break;
	case AST_UNARY:
		cJSON_AddStringToObject(o, "op", ast_op_name(n->binary.op));
		add_node(o, "operand", n->binary.lhs, src);
		break;
	case AST_RANGE:
		add_node(o, "lo", n->binary.lhs, src);
		add_node(o, "hi", n->binary.rhs, src);
		break;
	case AST_MEMBER:
		add_node(o, "object", n->member.obj, src);
		cJSON_AddStringToObject(o, "name", n->member.name);
		break;
	case AST_INDEX:
		add_node(o, "object", n->index.obj, src);
		add_node(o, "index", n->index.index, src);
		break;
	case AST_ERROR:
	case AST__COUNT: break;
	}
	return o;
}
