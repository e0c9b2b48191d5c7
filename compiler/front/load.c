/* load.c - reading, parsing and including files; see session.h.
 *
 * include "path" is resolved at driver level (as jq's linker does): the
 * grammar records the item; here the path is looked up against the
 * including file's folder, then each -I folder in order, then the standard
 * library; the file is read and parsed once, cached by its canonical path;
 * a file being loaded is marked so that a cycle is reported with its chain.
 */
#define _GNU_SOURCE
#include "session.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include "alloc.h"
#include "fileio.h"
#include "bounds.h"
#include "fields.h"
#include "grammar.h"
#include "stdlib_files.h"

char *session_read(const struct options *opt, const char *path, size_t *len, const char **why,
                   unsigned long long *dev, unsigned long long *ino)
{
	if (opt->stdin_text && !strcmp(path, "-")) {
		*dev = *ino = 0;
		if (opt->stdin_len > opt->max_input) {
			*why = "it is larger than the input limit (--max-input-size)";
			return NULL;
		}
		*len = opt->stdin_len;
		char *text = xmalloc(opt->stdin_len + 1);
		memcpy(text, opt->stdin_text, opt->stdin_len);
		text[opt->stdin_len] = '\0';
		return text;
	}
	for (unsigned i = 0; i < opt->noverlays; i++) {
		const struct overlay *o = &opt->overlays[i];
		char *real = NULL;
		bool same = !strcmp(path, o->path) || (o->real && (real = realpath(path, NULL)) &&
		                                        !strcmp(real, o->real));
		free(real);
		if (!same)
			continue;
		if (o->len > opt->max_input) {
			*why = "it is larger than the input limit (--max-input-size)";
			return NULL;
		}
		/* the file's identity, so that it is one unit however reached */
		struct stat st;
		*dev = *ino = 0;
		if (stat(o->real ? o->real : o->path, &st) == 0)
			*dev = (unsigned long long)st.st_dev, *ino = (unsigned long long)st.st_ino;
		*len = o->len;
		char *text = xmalloc(o->len + 1);
		memcpy(text, o->text, o->len);
		text[o->len] = '\0';
		return text;
	}
	return file_read_id(path, opt->max_input, len, why, dev, ino);
}

void session_init(struct session *S, const struct options *opt)
{
	memset(S, 0, sizeof *S);
	S->opt = opt;
	srcmgr_init(&S->sm);
	diag_init(&S->diag, &S->sm, opt->diag_stream ? opt->diag_stream : stderr);
	S->diag.max_errors = opt->max_errors;
	S->diag.color = opt->color && !opt->diag_json;
	S->diag.json = opt->diag_json;
	intern_init(&S->names);
	arena_init(&S->ast_arena);
	map_init(&S->units, &S->ast_arena);
	map_init(&S->paths, &S->ast_arena);
}

void session_destroy(struct session *S)
{
	diag_destroy(&S->diag);
	xfree(S->stack);
	arena_destroy(&S->ast_arena);
	intern_destroy(&S->names);
	srcmgr_destroy(&S->sm);
}

/* "jobs/../lib/x.job" -> "lib/x.job": for display only (symlinks make it
 * unsafe for opening). */
static char *normalize(struct arena *a, const char *path)
{
	size_t n = strlen(path);
	char *out = arena_alloc(a, n + 2);
	size_t o = 0;
	bool abs = path[0] == '/';
	/* positions in out where each kept component starts */
	size_t starts[PATH_MAX / 2];
	unsigned depth = 0, ups = 0;
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0)
			break;
		if (len == 1 && p[0] == '.') {
			/* skip */
		} else if (len == 2 && p[0] == '.' && p[1] == '.' && depth > ups) {
			depth--;
			o = starts[depth];
			if (o > 0 && out[o - 1] == '/')
				o--;
		} else if (depth < sizeof starts / sizeof *starts) {
			if (o > 0 || abs)
				out[o++] = '/';
			starts[depth] = o;
			memcpy(out + o, p, len);
			o += len;
			if (len == 2 && p[0] == '.' && p[1] == '.')
				ups++;
			depth++;
		}
		p += len;
	}
	if (o == 0)
		out[o++] = abs ? '/' : '.';
	out[o] = '\0';
	return out;
}

static bool exists_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

static bool exists_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* include "lbi.job" that no folder has: the nearest name of a file in
 * the folders searched (the including file's, then each -I), in the
 * folder rel names, as rel would be written; or NULL. */
static const char *include_suggest(struct session *S, const char *dir, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	int sub_len = slash ? (int)(slash - rel) : 0;
	struct suggest s = {0};
	for (unsigned c = 0; c < 1 + S->opt->ninclude_dirs; c++) {
		const char *d = c == 0 ? dir : S->opt->include_dirs[c - 1];
		DIR *folder = opendir(arena_printf(&S->ast_arena, "%s/%.*s", d, sub_len, rel));
		const struct dirent *e;
		while (folder && (e = readdir(folder))) {
			const char *was = s.best;
			if (e->d_name[0] == '.' || e->d_type == DT_DIR)
				continue;
			suggest_add(&s, base, e->d_name);
			if (s.best != was)
				s.best = arena_strdup(&S->ast_arena, e->d_name); /* readdir's is not ours */
		}
		if (folder)
			closedir(folder);
	}
	const char *best = suggest_best(&s, base);
	if (!best)
		return NULL;
	return slash ? arena_printf(&S->ast_arena, "%.*s/%s", sub_len, rel, best) : best;
}

static void push_stack(struct session *S, struct unit *u)
{
	if (S->nstack == S->capstack) {
		S->capstack = S->capstack ? S->capstack * 2 : 16;
		S->stack = xrealloc(S->stack, sizeof *S->stack * S->capstack);
	}
	S->stack[S->nstack++] = u;
}

static struct unit *load(struct session *S, const char *open_path, const char *shown,
                         struct span site);
static struct unit *cycle_or_cached(struct session *S, const char *key, struct span site);
static struct unit *parse_unit(struct session *S, const char *shown, const char *key, char *text,
                               size_t len, struct span site);

/* A file of the embedded standard library ("std/presets.job"), or NULL. */
static struct unit *load_embedded(struct session *S, const char *rel, struct span site)
{
	for (const struct stdlib_file *f = stdlib_files; f->path; f++) {
		if (strcmp(f->path, rel) != 0)
			continue;
		char *key = arena_printf(&S->ast_arena, "<stdlib>/%s", rel);
		if (map_get(&S->units, key, strlen(key)))
			return cycle_or_cached(S, key, site);
		char *text = xmalloc(f->len + 1);
		memcpy(text, f->text, f->len + 1);
		return parse_unit(S, key, key, text, f->len, site);
	}
	return NULL;
}

/* Jobs belong to the files given to jobc build, not to included ones. */
static void check_no_jobs(struct session *S, const struct ast_vec *items)
{
	for (uint32_t i = 0; i < items->n; i++) {
		const struct ast *it = items->v[i];
		if (it->kind == AST_JOB) {
			diag_error(&S->diag, it->job.name->span, NULL,
			           "a job cannot be declared in an included file");
			diag_note(&S->diag, span_none(),
			          "included files hold let, param and template declarations; jobs "
			          "belong to the files given to jobc build");
		} else if (it->kind == AST_FOR) {
			check_no_jobs(S, &it->for_.body->body.items);
		} else if (it->kind == AST_IF) {
			for (const struct ast *n = it; n; n = n->if_.else_) {
				if (n->kind == AST_BODY) {
					check_no_jobs(S, &n->body.items);
					break;
				}
				check_no_jobs(S, &n->if_.then->body.items);
			}
		}
	}
}

/* Resolves and loads every include item of u. */
static void load_includes(struct session *S, struct unit *u)
{
	const struct ast_vec *items = &u->ast->file.items;
	unsigned n = 0;
	for (uint32_t i = 0; i < items->n; i++)
		n += items->v[i]->kind == AST_INCLUDE;
	if (!n)
		return;
	if (S->nstack > JOBC_MAX_INCLUDE_DEPTH) {
		for (uint32_t i = 0; i < items->n; i++)
			if (items->v[i]->kind == AST_INCLUDE) {
				diag_error(&S->diag, items->v[i]->include.path_span, NULL,
				           "includes are nested more than %u files deep here", JOBC_MAX_INCLUDE_DEPTH);
				break;
			}
		return;
	}
	u->deps = ARENA_ARRAY(&S->ast_arena, struct unit *, n);
	u->dep_sites = ARENA_ARRAY(&S->ast_arena, struct span, n);
	/* the folder of the including file, as shown and as opened */
	const char *slash = strrchr(u->src->path, '/');
	char *dir = slash ? arena_strndup(&S->ast_arena, u->src->path,
	                                  (size_t)(slash - u->src->path))
	                  : arena_strdup(&S->ast_arena, ".");
	for (uint32_t i = 0; i < items->n; i++) {
		const struct ast *it = items->v[i];
		if (it->kind != AST_INCLUDE)
			continue;
		const char *rel = it->include.path;
		struct span site = it->include.path_span;
		if (!*rel) {
			diag_error(&S->diag, site, NULL, "an include needs a file name");
			continue;
		}
		/* candidates: the including file's folder, each -I, the stdlib */
		struct buf searched = BUF_INIT;
		char *found = NULL, *shown = NULL, *dir_hit = NULL;
		struct unit *dep = NULL;
		if (S->opt->sandbox && strncmp(rel, "std/", 4)) {
			/* embedded: nothing but the built-in standard library */
			diag_error(&S->diag, site, NULL, "cannot include '%s': only std/ files can be "
			                                 "included here", rel);
			buf_free(&searched);
			continue;
		} else if (S->opt->sandbox) {
			dep = load_embedded(S, rel, site);
			if (!dep)
				buf_puts(&searched, "the standard library");
		} else if (rel[0] == '/') {
			if (exists_file(rel))
				found = shown = arena_strdup(&S->ast_arena, rel);
			else if (exists_dir(rel))
				dir_hit = arena_strdup(&S->ast_arena, rel);
		} else {
			unsigned ncand = 1 + S->opt->ninclude_dirs;
			for (unsigned c = 0; c < ncand && !found && !dep; c++) {
				const char *d = c == 0 ? dir : S->opt->include_dirs[c - 1];
				char *cand = arena_printf(&S->ast_arena, "%s/%s", d, rel);
				/* 10,000 files that include "../lib/team.job" from one folder
				 * build the same candidate: look it up once */
				struct unit *seen = map_get(&S->paths, cand, strlen(cand));
				if (seen) {
					dep = seen->loading ? cycle_or_cached(S, seen->src->key, site) : seen;
					if (!dep) {
						buf_free(&searched);
						goto next_item;
					}
					break;
				}
				if (exists_file(cand)) {
					found = cand;
					shown = normalize(&S->ast_arena, cand);
				} else {
					if (!dir_hit && exists_dir(cand))
						dir_hit = normalize(&S->ast_arena, cand);
					buf_printf(&searched, "%s%s", searched.len ? ", " : "",
					           normalize(&S->ast_arena, d));
				}
			}
			if (!found && strncmp(rel, "std/", 4) == 0) {
				if (S->opt->stdlib_dir) {
					char *cand = arena_printf(&S->ast_arena, "%s/%s", S->opt->stdlib_dir, rel);
					if (exists_file(cand))
						found = shown = cand;
					else
						buf_printf(&searched, ", %s (--stdlib)", S->opt->stdlib_dir);
				} else {
					dep = load_embedded(S, rel, site);
					if (!dep)
						buf_puts(&searched, ", the standard library");
				}
			}
		}
		if (!found && !dep && dir_hit) {
			diag_error(&S->diag, site, NULL, "cannot include '%s': it is a folder, not a file",
			           dir_hit);
			buf_free(&searched);
			continue;
		}
		const char *near = !found && !dep && rel[0] != '/' && !S->opt->sandbox
		                       ? include_suggest(S, dir, rel)
		                       : NULL;
		if (!found && !dep && near) {
			diag_error(&S->diag, site, NULL, "cannot find included file '%s'; did you mean '%s'?",
			           rel, near);
			diag_note(&S->diag, span_none(), "searched in: %s", searched.data);
			diag_fixit(&S->diag, site, arena_printf(&S->ast_arena, "\"%s\"", near));
			buf_free(&searched);
			continue;
		}
		if (!found && !dep) {
			diag_error(&S->diag, site, NULL, "cannot find included file '%s'", rel);
			if (rel[0] != '/')
				diag_note(&S->diag, span_none(), "searched in: %s", searched.data);
			buf_free(&searched);
			continue;
		}
		buf_free(&searched);
		if (!dep) {
			dep = load(S, found, shown, site);
			if (dep && found != shown && rel[0] != '/')
				map_put(&S->paths, found, strlen(found), dep);
		}
		if (dep && !dep->jobs_checked) {
			dep->jobs_checked = true;
			check_no_jobs(S, &dep->ast->file.items);
		}
		if (dep) {
			u->deps[u->ndeps] = dep;
			u->dep_sites[u->ndeps] = site;
			u->ndeps++;
		}
	next_item:;
	}
}

/* The unit already loaded under key, or NULL after reporting a cycle. */
static struct unit *cycle_or_cached(struct session *S, const char *key, struct span site)
{
	struct unit *u = map_get(&S->units, key, strlen(key));
	if (!u->loading)
		return u;
	struct buf chain = BUF_INIT;
	unsigned from = 0;
	for (unsigned i = 0; i < S->nstack; i++)
		if (S->stack[i] == u)
			from = i;
	for (unsigned i = from; i < S->nstack; i++)
		buf_printf(&chain, "%s \xe2\x86\x92 ", S->stack[i]->src->path);
	buf_puts(&chain, u->src->path);
	diag_error(&S->diag, site, NULL, "include cycle: %s", chain.data);
	buf_free(&chain);
	return NULL;
}

/* Registers text (taken over) as a source, parses it and its includes. */
static struct unit *parse_unit(struct session *S, const char *shown, const char *key, char *text,
                               size_t len, struct span site)
{
	if (len > UINT32_MAX - 16) {
		xfree(text);
		diag_error(&S->diag, site, NULL, "'%s' is too large", shown);
		return NULL;
	}
	struct source *src = srcmgr_add(&S->sm, shown, key, text, (uint32_t)len, false);
	src->included_at = site;
	struct unit *u = ARENA_NEW(&S->ast_arena, struct unit);
	u->src = src;
	map_put(&S->units, arena_strdup(&S->ast_arena, key), strlen(key), u);

	unsigned before = S->diag.errors;
	size_t bad;
	if (!utf8_check(text, len, &bad)) {
		struct span at = {src->id, (uint32_t)bad, (uint32_t)bad + 1};
		if (text[bad] == '\0')
			diag_error(&S->diag, at, NULL, "'%s' contains a NUL byte at offset %zu; is it a "
			                               "binary file?", shown, bad);
		else
			diag_error(&S->diag, at, NULL, "'%s' is not valid UTF-8: byte 0x%02x at offset %zu",
			           shown, (unsigned char)text[bad], bad);
		u->ast = ast_file(&(struct ast_ctx){&S->ast_arena, &S->names, &S->diag, src->id, false},
		                  ast_vec_empty(), (struct span){src->id, 0, 0});
		return u;
	}
	struct ast_ctx ctx = {&S->ast_arena, &S->names, &S->diag, src->id, false};
	u->ast = grammar_parse(&ctx, text, (uint32_t)len);

	u->loading = true;
	push_stack(S, u);
	if (!S->no_includes)
		load_includes(S, u);
	S->nstack--;
	u->loading = false;
	u->ok = S->diag.errors == before;
	return u;
}

/* Loads open_path from text (taken over), or reports why it could not be
 * read. */
static struct unit *load_text(struct session *S, const char *open_path, const char *shown,
                              struct span site, char *text, size_t len, const char *why,
                              unsigned long long dev, unsigned long long ino)
{
	/* The device and inode name the file, however it is reached
	 * (symlinks, "..", another -I folder); one stat, where realpath would
	 * read every link of the path. */
	char keybuf[64];
	const char *key = open_path;
	if (text && (dev || ino)) {
		snprintf(keybuf, sizeof keybuf, "%llx:%llx", dev, ino);
		key = keybuf;
	}
	if (text && map_get(&S->units, key, strlen(key))) {
		xfree(text);
		return cycle_or_cached(S, key, site);
	}
	if (!text) {
		if (span_valid(site))
			diag_error(&S->diag, site, NULL, "cannot read included file '%s': %s", shown, why);
		else
			diag_error(&S->diag, span_none(), NULL, "cannot read '%s': %s", shown, why);
		return NULL;
	}
	return parse_unit(S, shown, key, text, len, site);
}

static struct unit *load(struct session *S, const char *open_path, const char *shown,
                         struct span site)
{
	const char *why = NULL;
	size_t len = 0;
	unsigned long long dev = 0, ino = 0;
	char *text = session_read(S->opt, open_path, &len, &why, &dev, &ino);
	return load_text(S, open_path, shown, site, text, len, why, dev, ino);
}

struct unit *session_load(struct session *S, const char *path)
{
	return load(S, path, path, span_none());
}

struct unit *session_load_read(struct session *S, const char *path, char *text, size_t len,
                               unsigned long long dev, unsigned long long ino)
{
	return load_text(S, path, path, span_none(), text, len, NULL, dev, ino);
}

struct unit *session_parse(struct session *S, const char *path)
{
	S->no_includes = true;
	struct unit *u = load(S, path, path, span_none());
	S->no_includes = false;
	return u;
}

void unit_walk(struct unit *u, void (*fn)(struct unit *, void *), void *arg, struct map *seen,
               struct arena *a)
{
	int found;
	struct map_slot *s = map_slot(seen, (const char *)&u, sizeof u, &found);
	if (found)
		return;
	/* the slot key must outlive the call: copy the pointer bytes */
	struct unit **key = ARENA_NEW(a, struct unit *);
	*key = u;
	s->key = (const char *)key;
	for (unsigned i = 0; i < u->ndeps; i++)
		unit_walk(u->deps[i], fn, arg, seen, a);
	fn(u, arg);
}
