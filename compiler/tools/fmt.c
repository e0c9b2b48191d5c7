/* fmt.c - jobc fmt: the canonical form of a .job file; see fmt.h.
 *
 * The printer walks the syntax tree, as gofmt does, and puts the file's
 * comments back by their offsets: a comment on a line of its own goes
 * before the item that follows it, at that item's indentation; a comment
 * after code goes at the end of the line that code ends on.
 *
 * What it normalizes: indentation (two spaces a level), one item per line
 * in a block written over several lines, spacing (one space around = and
 * operators, none inside brackets), quoting (bare keys and names where
 * they are words, canonical escapes), parentheses (only where precedence
 * needs them), at most one blank line where the source had some and none
 * at the start or end of a block, a newline at the end.  What it keeps:
 * the order of everything, whether a block, list or map was written on one
 * line, number and unit literals as written, comments, and the text of
 * """ strings (re-indented with their block; inside a block, list or map
 * kept on one line, where its text has no line break, one is written as a
 * "..." string, so that the line stays one line).
 *
 * The result is parsed again and its tree compared with the original's:
 * if formatting would change what the file means, fmt refuses.
 */
#include "fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fileio.h"
#include "grammar.h"
#include "keywords.h"
#include "session.h"

/* A comment printed after code: where its line starts and its code ends,
 * in the output, for aligning the comments of consecutive lines. */
struct trail {
	size_t line, code_end;
};

struct printer {
	struct buf *out;
	struct trail *trails;
	size_t ntrails, captrails;
	struct source *src;
	const struct ast_comment *cm;
	uint32_t ncm, next;   /* the comments, and the first not yet printed */
	uint32_t last_line;   /* source line of the last thing printed (0: none) */
	bool line_start;      /* nothing printed on the current output line */
	bool block_start;     /* nothing printed yet in the current block */
	unsigned indent;
	unsigned flat;        /* inside a block, list or map printed on one line */
};

static uint32_t line_of(struct printer *p, uint32_t off)
{
	uint32_t line, col;
	if (off > p->src->len)
		off = p->src->len;
	source_linecol(p->src, off, &line, &col);
	return line;
}

static void put(struct printer *p, const char *s, size_t n)
{
	if (p->line_start) {
		buf_fill(p->out, ' ', p->indent * 2);
		p->line_start = false;
	}
	buf_put(p->out, s, n);
}

static void puts_(struct printer *p, const char *s)
{
	put(p, s, strlen(s));
}

/* Two spaces, then the comment; remembered for alignment. */
static void start_trailing(struct printer *p)
{
	if (p->ntrails == p->captrails) {
		p->captrails = p->captrails ? p->captrails * 2 : 16;
		p->trails = xrealloc(p->trails, sizeof *p->trails * p->captrails);
	}
	size_t end = p->out->len, line = end;
	while (line > 0 && p->out->data[line - 1] != '\n')
		line--;
	p->trails[p->ntrails].line = line;
	p->trails[p->ntrails].code_end = end;
	p->ntrails++;
	buf_puts(p->out, "  ");
}

static void newline(struct printer *p)
{
	buf_putc(p->out, '\n');
	p->line_start = true;
}

/* A comment, without trailing blanks. */
static void put_comment(struct printer *p, const struct ast_comment *c)
{
	const char *s = p->src->text + c->span.start;
	uint32_t n = c->span.end - c->span.start;
	/* trailing blanks go, a carriage return too (read back before a
	 * newline, it would be half of a CRLF) */
	while (n > 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	put(p, s, n);
}

/* Comments that start before off: own-line ones on their own lines (after
 * a blank line when the source had one), one after code on the line that
 * code ended on. */
static void comments_before(struct printer *p, uint32_t off)
{
	while (p->next < p->ncm && p->cm[p->next].span.start < off) {
		const struct ast_comment *c = &p->cm[p->next++];
		uint32_t line = line_of(p, c->span.start);
		if (!p->line_start && line == p->last_line) {
			start_trailing(p);
			put_comment(p, c);
			newline(p);
			continue;
		}
		if (!p->line_start)
			newline(p);
		if (!p->block_start && p->last_line && line > p->last_line + 1)
			newline(p);
		put_comment(p, c);
		newline(p);
		p->last_line = line;
		p->block_start = false;
	}
}

/* A comment on the line where an item ended. */
static void trailing_comment(struct printer *p, uint32_t end)
{
	if (p->next >= p->ncm || end == 0)
		return;
	const struct ast_comment *c = &p->cm[p->next];
	if (line_of(p, c->span.start) != line_of(p, end - 1))
		return;
	p->next++;
	start_trailing(p);
	put_comment(p, c);
}

/* Whether any comment lies within [start, end). */
static bool has_comment(const struct printer *p, uint32_t start, uint32_t end)
{
	for (uint32_t i = p->next; i < p->ncm; i++) {
		if (p->cm[i].span.start >= end)
			return false;
		if (p->cm[i].span.start >= start)
			return true;
	}
	return false;
}

static bool one_line(struct printer *p, struct span sp)
{
	return sp.end == 0 || line_of(p, sp.start) == line_of(p, sp.end - 1);
}

/* ---- words and strings ---------------------------------------------------- */

/* The bytes of a "..." string literal (without the quotes). */
static void put_escaped(struct printer *p, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(&b, "\\\""); break;
		case '\\': buf_puts(&b, "\\\\"); break;
		case '\n': buf_puts(&b, "\\n"); break;
		case '\t': buf_puts(&b, "\\t"); break;
		case '\r': buf_puts(&b, "\\r"); break;
		case '$':
			/* a literal ${ is written $${, as in a """ string */
			buf_puts(&b, i + 1 < n && s[i + 1] == '{' ? "$$" : "$");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(&b, "\\u{%x}", c);
			else
				buf_putc(&b, (char)c);
		}
	}
	put(p, b.data ? b.data : "", b.len);
	buf_free(&b);
}

static void print_expr(struct printer *p, const struct ast *e, int prec);

/* A """ string: can its text (with the ${...} of an interpolation as
 * opaque chunks) be written re-indented and read back the same? */
static bool multiline_ok(const char *text, size_t n)
{
	if (!n)
		return false;
	/* a \r before a line end would be read back as part of a CRLF */
	if (memchr(text, '\r', n))
		return false;
	if (text[n - 1] == '\n')
		return true; /* the closing line's indentation bounds what is removed */
	/* the last line carries the closing quotes: it must hold more than
	 * blanks, and some line must start without a blank */
	size_t last = n;
	while (last > 0 && text[last - 1] != '\n')
		last--;
	bool blank_last = true;
	for (size_t i = last; i < n; i++)
		blank_last &= text[i] == ' ' || text[i] == '\t';
	if (blank_last)
		return false;
	for (size_t i = 0; i < n; i = (size_t)((const char *)memchr(text + i, '\n', n - i) - text) + 1) {
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
			return true;
		if (!memchr(text + i, '\n', n - i))
			break;
	}
	return false;
}

/* One literal piece of a """ string, re-indented: a line start inside it
 * gets the block's indentation (empty lines stay empty). */
static void put_multiline_piece(struct printer *p, const char *s, size_t n, bool *at_start)
{
	for (size_t i = 0; i < n; i++) {
		if (*at_start && s[i] != '\n') {
			buf_fill(p->out, ' ', (p->indent + 1) * 2);
			*at_start = false;
		}
		if (s[i] == '$' && i + 1 < n && s[i + 1] == '{') {
			buf_puts(p->out, "$${");
			i++;
			continue;
		}
		buf_putc(p->out, s[i]);
		if (s[i] == '\n')
			*at_start = true;
	}
}

/* A """ string inside something printed on one line is written as a
 * "..." string: its text has no line break (the source had the whole
 * block on one line), and the """ form would break the line, so that the
 * next fmt would see a block of several lines. */
static void print_string(struct printer *p, const struct ast *e)
{
	if (e->kind == AST_STRING) {
		if (e->str.multiline && !p->flat && multiline_ok(e->str.s, e->str.len)) {
			puts_(p, "\"\"\"\n");
			bool at = true;
			put_multiline_piece(p, e->str.s, e->str.len, &at);
			if (at)
				buf_fill(p->out, ' ', (p->indent + 1) * 2);
			buf_puts(p->out, "\"\"\"");
			return;
		}
		puts_(p, "\"");
		put_escaped(p, e->str.s, e->str.len);
		puts_(p, "\"");
		return;
	}
	/* INTERP: literal parts and expressions */
	const struct ast_vec *parts = &e->interp.parts;
	bool multi = e->interp.multiline && !p->flat;
	if (multi) {
		/* the same test as for a plain """ string, over the literal text */
		struct buf t = BUF_INIT;
		/* parts alternate: literal text at even places, expressions at odd */
		for (uint32_t i = 0; i < parts->n; i++)
			if (i % 2 == 0)
				buf_put(&t, parts->v[i]->str.s, parts->v[i]->str.len);
			else
				buf_puts(&t, "x");
		multi = multiline_ok(t.data ? t.data : "", t.len);
		buf_free(&t);
	}
	if (multi) {
		puts_(p, "\"\"\"\n");
		bool at = true;
		for (uint32_t i = 0; i < parts->n; i++) {
			const struct ast *part = parts->v[i];
			if (i % 2 == 0) {
				put_multiline_piece(p, part->str.s, part->str.len, &at);
				continue;
			}
			if (at)
				buf_fill(p->out, ' ', (p->indent + 1) * 2);
			at = false;
			buf_puts(p->out, "${");
			print_expr(p, part, 0);
			buf_puts(p->out, "}");
		}
		if (at)
			buf_fill(p->out, ' ', (p->indent + 1) * 2);
		buf_puts(p->out, "\"\"\"");
		return;
	}
	puts_(p, "\"");
	for (uint32_t i = 0; i < parts->n; i++) {
		const struct ast *part = parts->v[i];
		if (i % 2 == 0) {
			put_escaped(p, part->str.s, part->str.len);
		} else {
			puts_(p, "${");
			print_expr(p, part, 0);
			puts_(p, "}");
		}
	}
	puts_(p, "\"");
}

/* A key, a block label or a job name: bare when it is a word (a """ one
 * only where it would be a "..." string, on one line). */
static void print_name(struct printer *p, const struct ast *e)
{
	if (e->kind == AST_STRING && (!e->str.multiline || p->flat) &&
	    word_is_bare(e->str.s, e->str.len))
		put(p, e->str.s, e->str.len);
	else
		print_string(p, e);
}

/* ---- expressions ---------------------------------------------------------- */

/* Binding strength, as in the grammar: || && comparisons + * unary. */
static int op_prec(enum ast_op op)
{
	switch (op) {
	case OP_OR: return 1;
	case OP_AND: return 2;
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_IN: return 3;
	case OP_ADD: case OP_SUB: return 4;
	case OP_MUL: case OP_DIV: case OP_MOD: return 5;
	case OP_NEG: case OP_NOT: return 6;
	}
	return 0;
}

static const char *op_text(enum ast_op op)
{
	switch (op) {
	case OP_ADD: return "+";
	case OP_SUB: return "-";
	case OP_MUL: return "*";
	case OP_DIV: return "/";
	case OP_MOD: return "%";
	case OP_EQ: return "==";
	case OP_NE: return "!=";
	case OP_LT: return "<";
	case OP_LE: return "<=";
	case OP_GT: return ">";
	case OP_GE: return ">=";
	case OP_AND: return "&&";
	case OP_OR: return "||";
	case OP_IN: return "in";
	case OP_NEG: return "-";
	case OP_NOT: return "!";
	}
	return "?";
}

static int expr_prec(const struct ast *e)
{
	if (e->kind == AST_BINARY)
		return op_prec(e->binary.op);
	if (e->kind == AST_UNARY)
		return 6;
	return 7; /* postfix and primary */
}

static void print_body(struct printer *p, const struct ast *body, bool map_literal);
static void print_args(struct printer *p, const struct ast_vec *args, struct span sp);

static void print_list(struct printer *p, const struct ast *e)
{
	const struct ast_vec *items = &e->list.items;
	if (!items->n && !has_comment(p, e->span.start, e->span.end)) {
		puts_(p, "[]");
		return;
	}
	if (one_line(p, e->span) && !has_comment(p, e->span.start, e->span.end)) {
		puts_(p, "[");
		p->flat++;
		for (uint32_t i = 0; i < items->n; i++) {
			if (i)
				puts_(p, ", ");
			print_expr(p, items->v[i], 0);
		}
		p->flat--;
		puts_(p, "]");
		return;
	}
	/* one item a line; a """ string right after [ stays there */
	puts_(p, "[");
	if (!items->n || line_of(p, items->v[0]->span.start) > line_of(p, e->span.start)) {
		p->last_line = line_of(p, e->span.start);
		trailing_comment(p, e->span.start + 1); /* a comment after the [ */
	}
	p->indent++;
	bool saved = p->block_start;
	p->block_start = true;
	for (uint32_t i = 0; i < items->n; i++) {
		const struct ast *it = items->v[i];
		bool inline_first = i == 0 && items->n == 1 && (it->kind == AST_STRING || it->kind == AST_INTERP) &&
		                    (it->kind == AST_STRING ? it->str.multiline : it->interp.multiline) &&
		                    line_of(p, it->span.start) == line_of(p, e->span.start);
		if (inline_first) {
			p->indent--;
			print_expr(p, it, 0);
			puts_(p, "]");
			p->block_start = saved;
			p->last_line = line_of(p, e->span.end - 1);
			return;
		}
		comments_before(p, it->span.start);
		if (!p->line_start)
			newline(p);
		if (!p->block_start && p->last_line && line_of(p, it->span.start) > p->last_line + 1)
			newline(p);
		print_expr(p, it, 0);
		puts_(p, ",");
		p->last_line = line_of(p, it->span.end ? it->span.end - 1 : it->span.start);
		trailing_comment(p, it->span.end);
		p->block_start = false;
	}
	comments_before(p, e->span.end ? e->span.end - 1 : e->span.end);
	if (!p->line_start)
		newline(p);
	p->indent--;
	puts_(p, "]");
	p->block_start = saved;
	p->last_line = line_of(p, e->span.end ? e->span.end - 1 : e->span.start);
}

static void print_expr(struct printer *p, const struct ast *e, int prec)
{
	bool paren = expr_prec(e) < prec;
	if (paren)
		puts_(p, "(");
	switch (e->kind) {
	case AST_INT:
		put(p, p->src->text + e->span.start, e->span.end - e->span.start);
		break;
	case AST_UNIT: puts_(p, e->unit.text); break;
	case AST_STRING:
	case AST_INTERP: print_string(p, e); break;
	case AST_BOOL: puts_(p, e->boolean ? "true" : "false"); break;
	case AST_NULL: puts_(p, "null"); break;
	case AST_IDENT: puts_(p, e->ident.name); break;
	case AST_LIST: print_list(p, e); break;
	case AST_BODY: print_body(p, e, true); break;
	case AST_CALL:
		puts_(p, e->call.name);
		print_args(p, &e->call.args, e->span);
		break;
	case AST_BINARY: {
		int q = op_prec(e->binary.op);
		bool nonassoc = q == 3;
		print_expr(p, e->binary.lhs, nonassoc ? q + 1 : q);
		puts_(p, " ");
		puts_(p, op_text(e->binary.op));
		puts_(p, " ");
		print_expr(p, e->binary.rhs, q + 1);
		break;
	}
	case AST_UNARY:
		puts_(p, op_text(e->binary.op));
		/* -(-a), not --a */
		print_expr(p, e->binary.lhs, e->binary.lhs->kind == AST_UNARY ? 7 : 6);
		break;
	case AST_RANGE:
		if (e->binary.lhs)
			print_expr(p, e->binary.lhs, 0);
		puts_(p, "..");
		if (e->binary.rhs)
			print_expr(p, e->binary.rhs, 0);
		break;
	case AST_MEMBER:
		print_expr(p, e->member.obj, 7);
		puts_(p, ".");
		puts_(p, e->member.name);
		break;
	case AST_INDEX:
		print_expr(p, e->index.obj, 7);
		puts_(p, "[");
		print_expr(p, e->index.index, 0);
		puts_(p, "]");
		break;
	default:
		/* a broken construct: fmt refuses files with syntax errors */
		put(p, p->src->text + e->span.start, e->span.end - e->span.start);
	}
	if (paren)
		puts_(p, ")");
}

static void print_args(struct printer *p, const struct ast_vec *args, struct span sp)
{
	(void)sp;
	puts_(p, "(");
	for (uint32_t i = 0; i < args->n; i++) {
		const struct ast *a = args->v[i];
		if (i)
			puts_(p, ", ");
		if (a->arg.name) {
			puts_(p, a->arg.name);
			puts_(p, " = ");
		}
		print_expr(p, a->arg.value, 0);
	}
	puts_(p, ")");
}

/* ---- items ---------------------------------------------------------------- */

static void print_item(struct printer *p, const struct ast *it);

static void print_parents(struct printer *p, const struct ast_vec *parents)
{
	for (uint32_t i = 0; i < parents->n; i++) {
		const struct ast *par = parents->v[i];
		puts_(p, i ? ", " : " : ");
		puts_(p, par->parent.name);
		if (par->parent.has_args)
			print_args(p, &par->parent.args, par->span);
	}
}

/* { items }: on one line if it was written on one line (and holds no
 * comment), else one item a line. */
static void print_body(struct printer *p, const struct ast *body, bool map_literal)
{
	const struct ast_vec *items = &body->body.items;
	uint32_t close = body->span.end ? body->span.end - 1 : body->span.start;
	bool comments = has_comment(p, body->span.start, body->span.end);
	if (!items->n && !comments) {
		puts_(p, "{}");
		return;
	}
	if (one_line(p, body->span) && !comments) {
		puts_(p, "{ ");
		p->flat++;
		for (uint32_t i = 0; i < items->n; i++) {
			if (i)
				puts_(p, map_literal ? ", " : "; ");
			print_item(p, items->v[i]);
		}
		p->flat--;
		puts_(p, " }");
		return;
	}
	puts_(p, "{");
	p->last_line = line_of(p, body->span.start);
	/* a comment after the {, unless an item shares its line (then the
	 * comment is that item's) */
	if (!items->n || line_of(p, items->v[0]->span.start) > line_of(p, body->span.start))
		trailing_comment(p, body->span.start + 1);
	newline(p);
	p->indent++;
	bool saved = p->block_start;
	p->block_start = true;
	for (uint32_t i = 0; i < items->n; i++) {
		const struct ast *it = items->v[i];
		comments_before(p, it->span.start);
		if (!p->line_start)
			newline(p);
		if (!p->block_start && p->last_line && line_of(p, it->span.start) > p->last_line + 1)
			newline(p);
		print_item(p, it);
		p->last_line = line_of(p, it->span.end ? it->span.end - 1 : it->span.start);
		trailing_comment(p, it->span.end);
		newline(p);
		p->block_start = false;
	}
	comments_before(p, close);
	p->indent--;
	p->block_start = saved;
	puts_(p, "}");
	p->last_line = line_of(p, close);
}

static void print_if(struct printer *p, const struct ast *it)
{
	puts_(p, "if ");
	print_expr(p, it->if_.cond, 0);
	puts_(p, " ");
	print_body(p, it->if_.then, false);
	if (!it->if_.else_)
		return;
	puts_(p, " else ");
	if (it->if_.else_->kind == AST_IF)
		print_if(p, it->if_.else_);
	else
		print_body(p, it->if_.else_, false);
}

static void print_item(struct printer *p, const struct ast *it)
{
	switch (it->kind) {
	case AST_INCLUDE:
		puts_(p, "include \"");
		put_escaped(p, it->include.path, strlen(it->include.path));
		puts_(p, "\"");
		break;
	case AST_LET:
	case AST_PARAM:
		puts_(p, it->kind == AST_LET ? "let " : "param ");
		puts_(p, it->let.name);
		puts_(p, " = ");
		print_expr(p, it->let.value, 0);
		break;
	case AST_TEMPLATE:
		puts_(p, "template ");
		puts_(p, it->tmpl.name);
		if (it->tmpl.has_params) {
			puts_(p, "(");
			for (uint32_t i = 0; i < it->tmpl.params.n; i++) {
				const struct ast *tp = it->tmpl.params.v[i];
				if (i)
					puts_(p, ", ");
				puts_(p, tp->tparam.name);
				if (tp->tparam.dflt) {
					puts_(p, " = ");
					print_expr(p, tp->tparam.dflt, 0);
				}
			}
			puts_(p, ")");
		}
		print_parents(p, &it->tmpl.parents);
		puts_(p, " ");
		print_body(p, it->tmpl.body, false);
		break;
	case AST_JOB:
		puts_(p, "job ");
		print_name(p, it->job.name);
		print_parents(p, &it->job.parents);
		puts_(p, " ");
		print_body(p, it->job.body, false);
		break;
	case AST_FOR:
		puts_(p, "for ");
		if (it->for_.key_var) {
			puts_(p, it->for_.key_var);
			puts_(p, ", ");
		}
		puts_(p, it->for_.var);
		puts_(p, " in ");
		print_expr(p, it->for_.iter, 0);
		puts_(p, " ");
		print_body(p, it->for_.body, false);
		break;
	case AST_IF: print_if(p, it); break;
	case AST_FIELD:
		print_name(p, it->field.key);
		puts_(p, it->field.op == ASSIGN_APPEND ? " += " : " = ");
		print_expr(p, it->field.value, 0);
		break;
	case AST_BLOCK:
		print_name(p, it->block.key);
		if (it->block.label) {
			puts_(p, " ");
			print_name(p, it->block.label);
		}
		puts_(p, " ");
		print_body(p, it->block.body, false);
		break;
	default: put(p, p->src->text + it->span.start, it->span.end - it->span.start);
	}
}

/* ---- the file ---------------------------------------------------------- */

/* Characters of s[0..n) (UTF-8). */
static size_t width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/* The comments after code on consecutive lines start in one column, two
 * spaces after the longest code (as gofmt aligns them). */
static void align_trailing(struct printer *p, size_t from)
{
	if (p->ntrails < 2)
		return;
	struct buf res = BUF_INIT;
	const char *t = p->out->data;
	size_t copied = from;
	buf_put(&res, t, from);
	for (size_t i = 0; i < p->ntrails;) {
		/* the run: each comment's line right after the one before */
		size_t j = i + 1;
		while (j < p->ntrails) {
			const char *nl = memchr(t + p->trails[j - 1].code_end, '\n',
			                        p->out->len - p->trails[j - 1].code_end);
			if (!nl || (size_t)(nl - t) + 1 != p->trails[j].line)
				break;
			j++;
		}
		size_t col = 0;
		for (size_t k = i; k < j; k++) {
			size_t wk = width(t + p->trails[k].line, p->trails[k].code_end - p->trails[k].line);
			col = wk > col ? wk : col;
		}
		for (size_t k = i; k < j; k++) {
			size_t end = p->trails[k].code_end;
			buf_put(&res, t + copied, end - copied);
			size_t wk = width(t + p->trails[k].line, end - p->trails[k].line);
			buf_fill(&res, ' ', col - wk);
			copied = end;
		}
		i = j;
	}
	buf_put(&res, t + copied, p->out->len - copied);
	p->out->len = from;
	buf_put(p->out, res.data, res.len);
	buf_free(&res);
}

void fmt_print(struct buf *out, const struct ast *file, struct source *src)
{
	size_t from = out->len;
	struct printer p = {out,  NULL, 0, 0, src, file->file.comments, file->file.ncomments, 0, 0,
	                    true, true, 0, 0};
	const struct ast_vec *items = &file->file.items;
	for (uint32_t i = 0; i < items->n; i++) {
		const struct ast *it = items->v[i];
		comments_before(&p, it->span.start);
		if (!p.block_start && p.last_line && line_of(&p, it->span.start) > p.last_line + 1)
			newline(&p);
		print_item(&p, it);
		p.last_line = line_of(&p, it->span.end ? it->span.end - 1 : it->span.start);
		trailing_comment(&p, it->span.end);
		newline(&p);
		p.block_start = false;
	}
	comments_before(&p, src->len + 1);
	if (!p.line_start)
		newline(&p);
	align_trailing(&p, from);
	xfree(p.trails);
}

/* ---- jobc fmt ------------------------------------------------------------- */

/* Whether text parses, without error, to a tree equal to want. */
static bool same_meaning(struct session *S, const char *path, const char *text, size_t len,
                         const struct ast *want)
{
	struct diagnostics quiet;
	diag_init(&quiet, &S->sm, NULL);
	quiet.capture = true;
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	struct source *src = srcmgr_add(&S->sm, path, "<fmt>", copy, (uint32_t)len, false);
	struct ast_ctx ctx = {&S->ast_arena, &S->names, &quiet, src->id, false};
	const struct ast *got = grammar_parse(&ctx, src->text, src->len);
	diag_flush(&quiet);
	bool ok = quiet.errors == 0 && ast_equal(want, got);
	diag_destroy(&quiet);
	return ok;
}

int fmt_files(const struct options *opt, char **files, int nfiles, bool write, bool check)
{
	static char dash[] = "-";
	static char *stdin_only[] = {dash};
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	int status = 0;
	for (int i = 0; i < nfiles; i++) {
		const char *path = files[i];
		struct session S;
		session_init(&S, opt);
		struct unit *u = session_parse(&S, path);
		diag_flush(&S.diag);
		if (!u || S.diag.errors) {
			/* the errors said where; the file is left as it is */
			status = 1;
			session_destroy(&S);
			continue;
		}
		struct buf out = BUF_INIT;
		fmt_print(&out, u->ast, u->src);
		const char *text = out.data ? out.data : "";
		if (!same_meaning(&S, path, text, out.len, u->ast)) {
			if (getenv("JOBC_FMT_DEBUG"))
				fwrite(text, 1, out.len, stderr);
			diag_error(&S.diag, span_none(), NULL,
			           "'%s' is left as it is: its canonical form would not mean the same "
			           "(a jobc bug; please report it with the file)",
			           path);
			diag_flush(&S.diag);
			status = 1;
		} else {
			bool same = out.len == u->src->len && !memcmp(text, u->src->text, out.len);
			if (check) {
				if (!same) {
					fprintf(opt_out(opt), "%s\n", path);
					status = 1;
				}
			} else if (write && strcmp(path, "-")) {
				const char *why;
				if (!same && file_write_atomic(path, text, out.len, &why) == WRITE_FAILED) {
					diag_error(&S.diag, span_none(), NULL, "cannot write '%s': %s", path, why);
					diag_flush(&S.diag);
					status = 1;
				}
			} else {
				fwrite(text, 1, out.len, opt_out(opt));
			}
		}
		buf_free(&out);
		session_destroy(&S);
	}
	if (fflush(opt_out(opt)) != 0)
		status = 1;
	return status;
}
