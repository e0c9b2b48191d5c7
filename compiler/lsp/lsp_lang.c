/* lsp_lang.c - what jobc lsp says about a place in a document: hover,
 * completion, go to definition, the document's symbols, and its format.
 *
 * Each runs in a child process of the server (lsp.c), over a session
 * that reads every open document in place of its file.  Where the cursor
 * is (which block, which field, which side of '=') is read from the text
 * before it, so that completion works in a file that does not parse yet;
 * what a name means is read from the syntax trees of the document and
 * the files it includes.
 */
#define _GNU_SOURCE
#include "lsp.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "alloc.h"
#include "doc.h"
#include "driver.h"
#include "fields.h"
#include "fmt.h"
#include "stdlib_files.h"

/* ---- the session ------------------------------------------------------------ */

static struct options child_opt; /* the session's: lives as long as it */

typedef void answer_fn(struct session *S, struct unit *u, const struct lsp_query *q,
                       cJSON **result);

/* fn over a session of the document: with what it includes (includes), or
 * alone; its syntax errors go nowhere. */
static void with_session(const struct lsp_query *q, bool includes, answer_fn *fn, cJSON **result)
{
	struct session S;
	child_opt = *q->opt;
	FILE *null = fopen("/dev/null", "w");
	child_opt.diag_stream = null;
	child_opt.diag_json = false;
	session_init(&S, &child_opt);
	struct unit *u = includes ? session_load(&S, q->doc->path) : session_parse(&S, q->doc->path);
	fn(&S, u, q, result);
	session_destroy(&S);
	if (null)
		fclose(null);
}

/* A source's file on disk: its path, or for the embedded standard library
 * a copy written in the cache folder (read-only), or NULL. */
static char *file_of(const struct lsp_query *q, const struct source *src)
{
	if (!src->embedded && strncmp(src->path, "<stdlib>/", 9))
		return src->path[0] == '/' ? xstrdup(src->path) : realpath(src->path, NULL);
	const char *rel = strncmp(src->path, "<stdlib>/", 9) ? strstr(src->path, "std/")
	                                                      : src->path + 9;
	if (!rel)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", q->cache_dir, rel);
	struct stat st;
	if (stat(b.data, &st) != 0 || (size_t)st.st_size != src->len) {
		/* mkdir -p of its folder, then the file, atomically */
		for (char *s = b.data + 1; *s; s++)
			if (*s == '/') {
				*s = '\0';
				mkdir(b.data, 0755);
				*s = '/';
			}
		struct buf tmp = BUF_INIT;
		buf_printf(&tmp, "%s.%d.tmp", b.data, (int)getpid());
		FILE *f = fopen(tmp.data, "w");
		bool ok = f && fwrite(src->text, 1, src->len, f) == src->len;
		if (f && fclose(f) != 0)
			ok = false;
		if (ok) {
			chmod(tmp.data, 0444);
			ok = rename(tmp.data, b.data) == 0;
		}
		if (!ok)
			remove(tmp.data);
		buf_free(&tmp);
		if (!ok) {
			buf_free(&b);
			return NULL;
		}
	}
	return b.data;
}

static cJSON *location(const struct lsp_query *q, const struct source *src, struct span sp)
{
	char *path = file_of(q, src);
	if (!path)
		return NULL;
	cJSON *loc = cJSON_CreateObject();
	char *uri = lsp_path_uri(path);
	cJSON_AddStringToObject(loc, "uri", uri);
	cJSON_AddItemToObject(loc, "range", lsp_range_json(src->text, src->len, sp.start, sp.end));
	xfree(uri);
	xfree(path);
	return loc;
}

/* ---- where the cursor is ---------------------------------------------------- */

#define MAX_DEPTH 64

/* What the text before the cursor says about it. */
struct context {
	const char *keys[MAX_DEPTH]; /* the first word of each open block's header */
	unsigned depth;
	size_t stmt;                 /* where the statement the cursor is in starts */
	bool in_string, in_comment;
	size_t string_start;         /* with in_string: after its opening quote */
};

/* The word [A-Za-z0-9_-] at or before s[i] that starts at or after from. */
static const char *first_word(struct session *S, const char *t, size_t from, size_t to)
{
	size_t i = from;
	while (i < to && !isalnum((unsigned char)t[i]) && t[i] != '_')
		i++;
	size_t j = i;
	while (j < to && (isalnum((unsigned char)t[j]) || t[j] == '_' || t[j] == '-'))
		j++;
	return j > i ? arena_strndup(&S->ast_arena, t + i, j - i) : "";
}

static void scan(struct session *S, const char *t, size_t end, struct context *cx)
{
	memset(cx, 0, sizeof *cx);
	int parens = 0;
	for (size_t i = 0; i < end; i++) {
		char c = t[i];
		if (c == '#') {
			while (i < end && t[i] != '\n')
				i++;
			if (i >= end)
				cx->in_comment = true;
			else
				i--; /* the newline ends the statement too */
			continue;
		}
		if (c == '"') {
			bool triple = i + 2 < end && t[i + 1] == '"' && t[i + 2] == '"';
			size_t k = i + (triple ? 3 : 1);
			cx->string_start = k;
			for (; k < end; k++) {
				if (t[k] == '\\') {
					k++;
				} else if (triple ? k + 3 <= end && !strncmp(t + k, "\"\"\"", 3) : t[k] == '"') {
					break;
				} else if (!triple && t[k] == '\n') {
					break; /* an unclosed string ends at its line */
				}
			}
			if (k >= end) {
				cx->in_string = true;
				return;
			}
			i = k + (triple ? 2 : 0);
			continue;
		}
		if (c == '(' || c == '[')
			parens++;
		else if ((c == ')' || c == ']') && parens > 0)
			parens--;
		else if (c == '{' && cx->depth < MAX_DEPTH) {
			const char *w = first_word(S, t, cx->stmt, i);
			/* key = { ... }: a value; } else {: the if's */
			const char *eq = memchr(t + cx->stmt, '=', i - cx->stmt);
			cx->keys[cx->depth++] = eq ? "=" : !strcmp(w, "else") ? "if" : w;
			cx->stmt = i + 1;
			parens = 0;
		} else if (c == '}') {
			if (cx->depth)
				cx->depth--;
			cx->stmt = i + 1;
		} else if ((c == ';' || c == '\n') && !parens) {
			cx->stmt = i + 1;
		}
	}
}

/* The schema of the innermost open block, or NULL (top level, a value,
 * or a block without named fields). */
static const struct schema *schema_at(const struct context *cx, bool *top)
{
	const struct schema *s = NULL;
	*top = true;
	for (unsigned i = 0; i < cx->depth; i++) {
		const char *k = cx->keys[i];
		if (!strcmp(k, "for") || !strcmp(k, "if"))
			continue;
		*top = false;
		if (!strcmp(k, "job") || !strcmp(k, "template")) {
			s = &schema_job;
			continue;
		}
		const struct field *f = s && strcmp(k, "=") ? field_find(s, k) : NULL;
		s = f && f->sub && f->sub->nfields ? f->sub : NULL;
	}
	return s;
}

/* ---- names in scope ------------------------------------------------------------ */

struct names_walk {
	void (*fn)(void *, const struct ast *, const struct source *);
	void *arg;
};

static void walk_unit(struct unit *u, void *arg)
{
	const struct names_walk *w = arg;
	for (uint32_t i = 0; u->ast && i < u->ast->file.items.n; i++)
		w->fn(w->arg, u->ast->file.items.v[i], u->src);
}

/* fn over every top-level item of u and of what it includes */
static void each_item(struct session *S, struct unit *u,
                      void (*fn)(void *, const struct ast *, const struct source *), void *arg)
{
	struct map seen;
	map_init(&seen, &S->ast_arena);
	struct names_walk w = {fn, arg};
	unit_walk(u, walk_unit, &w, &seen, &S->ast_arena);
}

/* The innermost template or job of file u around offset off, or NULL. */
static const struct ast *decl_at(const struct unit *u, size_t off)
{
	for (uint32_t i = 0; u->ast && i < u->ast->file.items.n; i++) {
		const struct ast *it = u->ast->file.items.v[i];
		if ((it->kind == AST_TEMPLATE || it->kind == AST_JOB) && it->span.start <= off &&
		    off <= it->span.end)
			return it;
	}
	return NULL;
}

/* ---- completion ------------------------------------------------------------------ */

static void add_item(cJSON *items, const char *label, int kind, const char *detail,
                     const char *doc)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, items)
	{
		if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(it, "label")), label))
			return;
	}
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "label", label);
	cJSON_AddNumberToObject(c, "kind", kind);
	if (detail)
		cJSON_AddStringToObject(c, "detail", detail);
	if (doc)
		cJSON_AddStringToObject(c, "documentation", doc);
	cJSON_AddItemToArray(items, c);
}

/* LSP's CompletionItemKind */
enum { K_FIELD = 5, K_VARIABLE = 6, K_CLASS = 7, K_MODULE = 9, K_KEYWORD = 14, K_FILE = 17,
       K_FOLDER = 19, K_ENUM_MEMBER = 20, K_STRUCT = 22 };

struct scope_arg {
	cJSON *items;
	bool templates; /* templates; else lets and params */
};

static void add_decl(void *arg, const struct ast *it, const struct source *src)
{
	const struct scope_arg *a = arg;
	(void)src;
	if (a->templates && it->kind == AST_TEMPLATE)
		add_item(a->items, it->tmpl.name, K_CLASS, "template", NULL);
	else if (!a->templates && (it->kind == AST_LET || it->kind == AST_PARAM))
		add_item(a->items, it->let.name, K_VARIABLE, it->kind == AST_LET ? "let" : "param",
		         NULL);
}

static void complete_templates(struct session *S, struct unit *u, cJSON *items)
{
	struct scope_arg a = {items, true};
	if (u)
		each_item(S, u, add_decl, &a);
}

static void complete_values(struct session *S, struct unit *u, const struct lsp_query *q,
                            cJSON *items)
{
	struct scope_arg a = {items, false};
	if (!u)
		return;
	each_item(S, u, add_decl, &a);
	const struct ast *d = decl_at(u, q->offset);
	for (uint32_t i = 0; d && d->kind == AST_TEMPLATE && i < d->tmpl.params.n; i++)
		add_item(items, d->tmpl.params.v[i]->tparam.name, K_VARIABLE, "template parameter",
		         NULL);
}

static void complete_fields(const struct schema *s, cJSON *items)
{
	for (const struct schema *x = s; x; x = x->also)
		for (unsigned i = 0; i < x->nfields; i++) {
			const struct field *f = &x->fields[i];
			add_item(items, f->name,
			         f->type == FT_BLOCK || f->type == FT_BLOCKS || f->type == FT_NAMED ? K_STRUCT
			                                                                            : K_FIELD,
			         f->k8s && *f->k8s ? f->k8s : NULL, f->doc);
		}
}

/* include "dir/pa|": the files and folders of dir, and std/ */
static void complete_include(const struct lsp_query *q, const char *typed, cJSON *items)
{
	const char *slash = strrchr(typed, '/');
	char *dir = xstrdup(q->doc->path);
	char *base = strrchr(dir, '/');
	if (base)
		*base = '\0';
	struct buf at = BUF_INIT;
	buf_printf(&at, "%s/%.*s", dir, slash ? (int)(slash - typed) : 0, typed);
	DIR *dp = opendir(at.data);
	for (struct dirent *e; dp && (e = readdir(dp));) {
		if (e->d_name[0] == '.')
			continue;
		struct buf full = BUF_INIT;
		buf_printf(&full, "%s/%s", at.data, e->d_name);
		struct stat st;
		bool isdir = stat(full.data, &st) == 0 && S_ISDIR(st.st_mode);
		size_t n = strlen(e->d_name);
		if (isdir || (n > 4 && !strcmp(e->d_name + n - 4, ".job"))) {
			struct buf label = BUF_INIT;
			buf_printf(&label, "%s%s", e->d_name, isdir ? "/" : "");
			add_item(items, label.data, isdir ? K_FOLDER : K_FILE, NULL, NULL);
			buf_free(&label);
		}
		buf_free(&full);
	}
	if (dp)
		closedir(dp);
	buf_free(&at);
	xfree(dir);
	if (!slash)
		add_item(items, "std/", K_FOLDER, "the standard library", NULL);
	else if (!strncmp(typed, "std/", 4))
		for (const struct stdlib_file *f = stdlib_files; f->path; f++)
			add_item(items, f->path + 4, K_MODULE, "the standard library", NULL);
}

static void completion(struct session *S, struct unit *u, const struct lsp_query *q, cJSON **result)
{
	const char *t = q->doc->text;
	struct context cx;
	scan(S, t, q->offset, &cx);
	cJSON *items = cJSON_CreateArray();
	*result = items;
	if (cx.in_comment)
		return;
	/* the statement so far */
	size_t from = cx.stmt;
	while (from < q->offset && isspace((unsigned char)t[from]))
		from++;
	char *stmt = arena_strndup(&S->ast_arena, t + from, q->offset - from);
	if (cx.in_string) {
		if (!strncmp(stmt, "include", 7) && cx.string_start <= q->offset)
			complete_include(q, arena_strndup(&S->ast_arena, t + cx.string_start,
			                                  q->offset - cx.string_start), items);
		return;
	}
	bool top;
	const struct schema *s = schema_at(&cx, &top);
	const char *first = first_word(S, t, from, q->offset);
	if ((!strcmp(first, "job") || !strcmp(first, "template")) && strchr(stmt, ':')) {
		complete_templates(S, u, items); /* job x : | */
		return;
	}
	char *eq = strchr(stmt, '=');
	if (eq) {
		/* key = |: the words of the field, then what is in scope */
		char *key = arena_strndup(&S->ast_arena, stmt, (size_t)(eq - stmt));
		size_t n = strlen(key);
		while (n && (isspace((unsigned char)key[n - 1]) || key[n - 1] == '+'))
			key[--n] = '\0';
		const struct field *f = s ? field_find(s, key) : NULL;
		for (const struct enum_word *w = f && f->type == FT_ENUM ? f->words : NULL; w && w->word;
		     w++)
			add_item(items, w->word, K_ENUM_MEMBER, w->k8s, NULL);
		if (f && f->type == FT_BOOL) {
			add_item(items, "true", K_KEYWORD, NULL, NULL);
			add_item(items, "false", K_KEYWORD, NULL, NULL);
		}
		complete_values(S, u, q, items);
		return;
	}
	if (top) {
		static const char *const kw[] = {"job", "template", "let", "param", "include", "for",
		                                 "if"};
		for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
			add_item(items, kw[i], K_KEYWORD, NULL, NULL);
		return;
	}
	if (s)
		complete_fields(s, items);
	add_item(items, "for", K_KEYWORD, NULL, NULL);
	add_item(items, "if", K_KEYWORD, NULL, NULL);
}

void lsp_completion(const struct lsp_query *q, cJSON **result)
{
	with_session(q, true, completion, result);
}

/* ---- the word under the cursor, and what it names ----------------------------------------- */

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* The word at off in t: [*a, *b) */
static bool word_at(const char *t, size_t len, size_t off, size_t *a, size_t *b)
{
	size_t i = off, j = off;
	while (i > 0 && word_char(t[i - 1]))
		i--;
	while (j < len && word_char(t[j]))
		j++;
	*a = i, *b = j;
	return j > i;
}

struct find {
	const char *name;
	bool templates_only;
	const struct ast *found;
	const struct source *src;
};

static void find_decl(void *arg, const struct ast *it, const struct source *src)
{
	struct find *f = arg;
	if (f->found)
		return;
	const char *n = it->kind == AST_TEMPLATE ? it->tmpl.name
	                : (it->kind == AST_LET || it->kind == AST_PARAM) && !f->templates_only
	                    ? it->let.name
	                    : NULL;
	if (n && !strcmp(n, f->name))
		f->found = it, f->src = src;
}

/* The include item of u at offset off: the index of its dep, or -1. */
static int include_at(const struct unit *u, size_t off)
{
	for (unsigned i = 0; i < u->ndeps; i++)
		if (u->dep_sites[i].start <= off && off <= u->dep_sites[i].end)
			return (int)i;
	return -1;
}

/* The declaration the word at the cursor names: a template, let, param,
 * or a parameter of the template around it. */
static const struct ast *named(struct session *S, struct unit *u, const struct lsp_query *q,
                               const char *word, const struct source **src, struct span *at)
{
	const struct ast *d = decl_at(u, q->offset);
	for (uint32_t i = 0; d && d->kind == AST_TEMPLATE && i < d->tmpl.params.n; i++) {
		const struct ast *p = d->tmpl.params.v[i];
		if (!strcmp(p->tparam.name, word)) {
			*src = u->src;
			*at = p->span;
			return p;
		}
	}
	struct find f = {word, false, NULL, NULL};
	each_item(S, u, find_decl, &f);
	if (!f.found)
		return NULL;
	*src = f.src;
	*at = f.found->kind == AST_TEMPLATE ? f.found->tmpl.name_span : f.found->let.name_span;
	return f.found;
}

static void definition(struct session *S, struct unit *u, const struct lsp_query *q, cJSON **result)
{
	size_t a, b;
	if (!u || !u->ast)
		return;
	int dep = include_at(u, q->offset);
	if (dep >= 0) {
		const struct source *src = u->deps[dep]->src;
		*result = location(q, src, (struct span){src->id, 0, 0});
		return;
	}
	if (!word_at(q->doc->text, q->doc->len, q->offset, &a, &b))
		return;
	const char *word = arena_strndup(&S->ast_arena, q->doc->text + a, b - a);
	const struct source *src;
	struct span at;
	if (named(S, u, q, word, &src, &at))
		*result = location(q, src, at);
}

void lsp_definition(const struct lsp_query *q, cJSON **result)
{
	with_session(q, true, definition, result);
}

/* ---- hover ---------------------------------------------------------------------------------- */

static cJSON *markdown(const char *text, const char *doc_text, size_t len, size_t a, size_t b)
{
	cJSON *h = cJSON_CreateObject();
	cJSON *c = cJSON_AddObjectToObject(h, "contents");
	cJSON_AddStringToObject(c, "kind", "markdown");
	cJSON_AddStringToObject(c, "value", text);
	cJSON_AddItemToObject(h, "range", lsp_range_json(doc_text, len, a, b));
	return h;
}

/* A job's resolved fields, as jobc ast --resolved says them, for the job
 * whose name starts at line:col of the document. */
static void hover_job(const struct lsp_query *q, long line, long col, struct buf *md)
{
	char *out = NULL;
	size_t len = 0;
	FILE *os = open_memstream(&out, &len);
	struct options o = *q->opt;
	o.resolved = true;
	o.check_only = false;
	o.out_stream = os;
	FILE *null = fopen("/dev/null", "w");
	o.diag_stream = null;
	struct session S;
	session_init(&S, &o);
	char *files[1] = {q->doc->path};
	driver_build(&S, files, 1);
	session_destroy(&S);
	if (null)
		fclose(null);
	if (os)
		fclose(os);
	cJSON *all = cJSON_Parse(out ? out : "");
	char want[64];
	snprintf(want, sizeof want, ":%ld:%ld", line, col);
	const cJSON *job;
	cJSON_ArrayForEach(job, all)
	{
		const char *at = cJSON_GetStringValue(cJSON_GetObjectItem(job, "at"));
		size_t n = at ? strlen(at) : 0, w = strlen(want);
		if (n < w || strcmp(at + n - w, want))
			continue;
		buf_printf(md, "**job %s**\n\n| field | value | Kubernetes | set at |\n|---|---|---|---|\n",
		           cJSON_GetStringValue(cJSON_GetObjectItem(job, "job")));
		const cJSON *f;
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(job, "fields"))
		{
			char *v = cJSON_PrintUnformatted(cJSON_GetObjectItem(f, "value"));
			const char *set = cJSON_GetStringValue(cJSON_GetObjectItem(f, "set_at"));
			const char *base = set ? strrchr(set, '/') : NULL;
			buf_printf(md, "| %s | `%s` | %s | %s",
			           cJSON_GetStringValue(cJSON_GetObjectItem(f, "field")), v ? v : "",
			           cJSON_GetStringValue(cJSON_GetObjectItem(f, "kubernetes")) ?: "",
			           base ? base + 1 : set ? set : "");
			const cJSON *via;
			cJSON_ArrayForEach(via, cJSON_GetObjectItem(f, "via"))
			{
				buf_printf(md, " via %s", cJSON_GetStringValue(cJSON_GetObjectItem(via, "template")));
			}
			buf_puts(md, " |\n");
			cJSON_free(v);
		}
		break;
	}
	cJSON_Delete(all);
	free(out);
}

static void hover(struct session *S, struct unit *u, const struct lsp_query *q, cJSON **result)
{
	const char *t = q->doc->text;
	size_t a, b;
	if (!word_at(t, q->doc->len, q->offset, &a, &b))
		return;
	const char *word = arena_strndup(&S->ast_arena, t + a, b - a);
	struct buf md = BUF_INIT;
	/* a job's name */
	const struct ast *d = u && u->ast ? decl_at(u, q->offset) : NULL;
	if (d && d->kind == AST_JOB && d->job.name->span.start <= a && b <= d->job.name->span.end) {
		int64_t line, ch;
		lsp_position(t, q->doc->len, d->job.name->span.start, &line, &ch);
		long col = (long)(d->job.name->span.start - (lsp_offset(t, q->doc->len, line, 0))) + 1;
		hover_job(q, (long)line + 1, col, &md);
	}
	/* a name: its declaration */
	const struct source *src;
	struct span at;
	const struct ast *n = !md.len && u && u->ast ? named(S, u, q, word, &src, &at) : NULL;
	if (n) {
		const struct ast *whole = n;
		uint32_t end = whole->kind == AST_TEMPLATE ? whole->tmpl.body->span.start : whole->span.end;
		const char *base = strrchr(src->path, '/');
		uint32_t line, col;
		source_linecol(srcmgr_get(&S->sm, src->id), whole->span.start, &line, &col);
		buf_printf(&md, "```job\n%.*s\n```\n\n%s, %s:%u", (int)(end - whole->span.start),
		           src->text + whole->span.start,
		           n->kind == AST_TEMPLATE ? "template" : n->kind == AST_LET ? "let"
		           : n->kind == AST_PARAM ? "param" : "template parameter",
		           base ? base + 1 : src->path, line);
	}
	/* a field: what jobc explain says of it, in the block it is in */
	if (!md.len) {
		struct context cx;
		scan(S, t, a, &cx);
		bool top;
		const struct schema *s = schema_at(&cx, &top);
		const struct field *f = s ? field_find(s, word) : NULL;
		if (f) {
			buf_puts(&md, "```\n");
			explain_field(&md, f, s);
			buf_puts(&md, "```\n");
		}
	}
	if (md.len)
		*result = markdown(md.data, t, q->doc->len, a, b);
	buf_free(&md);
}

void lsp_hover(const struct lsp_query *q, cJSON **result)
{
	with_session(q, true, hover, result);
}

/* ---- symbols and format ------------------------------------------------------------------------ */

static void symbols(struct session *S, struct unit *u, const struct lsp_query *q, cJSON **result)
{
	cJSON *syms = cJSON_CreateArray();
	*result = syms;
	for (uint32_t i = 0; u && u->ast && i < u->ast->file.items.n; i++) {
		const struct ast *it = u->ast->file.items.v[i];
		const char *name = NULL;
		struct span sel = it->span;
		int kind = 0;
		if (it->kind == AST_JOB && it->job.name->kind == AST_STRING) {
			name = arena_strndup(&S->ast_arena, it->job.name->str.s, it->job.name->str.len);
			sel = it->job.name->span, kind = 5; /* Class */
		} else if (it->kind == AST_JOB) {
			name = arena_strndup(&S->ast_arena, q->doc->text + it->job.name->span.start,
			                     it->job.name->span.end - it->job.name->span.start);
			sel = it->job.name->span, kind = 5;
		} else if (it->kind == AST_TEMPLATE) {
			name = it->tmpl.name, sel = it->tmpl.name_span, kind = 11; /* Interface */
		} else if (it->kind == AST_LET || it->kind == AST_PARAM) {
			name = it->let.name, sel = it->let.name_span, kind = it->kind == AST_LET ? 14 : 13;
		}
		if (!name || !*name)
			continue;
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "name", name);
		cJSON_AddStringToObject(s, "detail", it->kind == AST_JOB ? "job" : it->kind == AST_TEMPLATE
		                                                         ? "template"
		                                                     : it->kind == AST_LET ? "let" : "param");
		cJSON_AddNumberToObject(s, "kind", kind);
		cJSON_AddItemToObject(s, "range",
		                      lsp_range_json(q->doc->text, q->doc->len, it->span.start, it->span.end));
		cJSON_AddItemToObject(s, "selectionRange",
		                      lsp_range_json(q->doc->text, q->doc->len, sel.start, sel.end));
		cJSON_AddItemToArray(syms, s);
	}
}

void lsp_symbols(const struct lsp_query *q, cJSON **result)
{
	with_session(q, false, symbols, result);
}

static void formatting(struct session *S, struct unit *u, const struct lsp_query *q, cJSON **result)
{
	cJSON *edits = cJSON_CreateArray();
	*result = edits;
	if (!u || !u->ast || S->diag.errors)
		return; /* what does not parse is not formatted */
	struct buf out = BUF_INIT;
	fmt_print(&out, u->ast, u->src);
	/* what it prints must parse back (jobc fmt is tested to; this holds
	 * the editor's buffer if it ever did not) */
	struct options again = child_opt;
	again.overlays = NULL;
	again.noverlays = 0;
	again.stdin_text = out.data ? out.data : "";
	again.stdin_len = out.len;
	struct session S2;
	session_init(&S2, &again);
	struct unit *v = session_parse(&S2, "-");
	bool parses = v && v->ast && !S2.diag.errors;
	session_destroy(&S2);
	if (parses && (out.len != q->doc->len || (out.len && memcmp(out.data, q->doc->text, out.len)))) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddItemToObject(e, "range", lsp_range_json(q->doc->text, q->doc->len, 0, q->doc->len));
		cJSON_AddStringToObject(e, "newText", out.data ? out.data : "");
		cJSON_AddItemToArray(edits, e);
	}
	buf_free(&out);
}

void lsp_formatting(const struct lsp_query *q, cJSON **result)
{
	with_session(q, false, formatting, result);
}
