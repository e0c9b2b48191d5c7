/* depfile.c - make depfiles (-MD -MF -MT -MP), as gcc writes them: each
 * input's outputs depend on the input and on every file it includes, so
 * that make rebuilds a job when an included file changes.
 */
#include <string.h>

#include "build.h"
#include "fileio.h"

/* A name for make: spaces, '#' and '$' escaped as gcc escapes them. */
static void make_name(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#')
			buf_putc(b, '\\');
		else if (*s == '$')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

struct phony_ctx {
	struct buf *b;
	struct unit *top;
};

/* A file make can see: not standard input, not the built-in stdlib. */
static bool on_disk(const struct unit *u)
{
	return !u->src->embedded && strcmp(u->src->path, "-") &&
	       strncmp(u->src->path, "<stdlib>/", 9);
}

/* the files an input includes, after the input itself */
static void collect_deps(struct unit *u, void *arg)
{
	struct phony_ctx *c = arg;
	if (u == c->top || !on_disk(u))
		return;
	buf_puts(c->b, " \\\n ");
	make_name(c->b, u->src->path);
}

static void collect_phony(struct unit *u, void *arg)
{
	struct phony_ctx *c = arg;
	if (u == c->top || !on_disk(u))
		return;
	buf_putc(c->b, '\n');
	make_name(c->b, u->src->path);
	buf_puts(c->b, ":\n");
}

/* input x.job -> DIR/.deps/x.d (or -MF) */
static char *depfile_path(const struct build *B, const struct input *in)
{
	if (B->opt->depfile)
		return xstrdup(B->opt->depfile);
	const char *base = strrchr(in->file, '/');
	base = base ? base + 1 : in->file;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".job"))
		n -= 4;
	char *p = xmalloc(strlen(B->opt->out_dir) + n + 16);
	sprintf(p, "%s/.deps/%.*s.d", B->opt->out_dir, (int)n, base);
	return p;
}

void depfile_stage_all(struct writer *W)
{
	struct build *B = W->B;
	const char *dir = B->opt->out_dir;
	struct map seen_paths;
	struct arena a;
	arena_init(&a);
	map_init(&seen_paths, &a);
	for (unsigned i = 0; i < B->nin && !W->failed; i++) {
		struct input *in = &B->in[i];
		if (!in->u)
			continue;
		char *path = depfile_path(B, in);
		const struct input *other = map_get(&seen_paths, path, strlen(path));
		if (other) {
			diag_error(&B->S->diag, span_none(), NULL,
			           "'%s' and '%s' would write the same depfile '%s'", other->file, in->file,
			           path);
			diag_note(&B->S->diag, span_none(), "a depfile is named after its input's file name");
			xfree(path);
			W->failed = true;
			break;
		}
		map_put(&seen_paths, arena_strdup(&a, path), strlen(path), in);
		struct buf b = BUF_INIT;
		if (B->opt->ndep_targets) {
			for (unsigned t = 0; t < B->opt->ndep_targets; t++) {
				if (t)
					buf_putc(&b, ' ');
				make_name(&b, B->opt->dep_targets[t]);
			}
		} else if (in->njobs) {
			for (unsigned k = 0; k < in->njobs; k++) {
				if (k)
					buf_putc(&b, ' ');
				char *out = join(dir, in->jobs[k].path);
				make_name(&b, out);
				xfree(out);
			}
		} else {
			make_name(&b, path); /* no outputs: the depfile itself */
		}
		buf_puts(&b, ": ");
		make_name(&b, in->u->src->path);
		struct phony_ctx pc = {&b, in->u};
		struct map walked;
		map_init(&walked, &a);
		unit_walk(in->u, collect_deps, &pc, &walked, &a);
		buf_putc(&b, '\n');
		if (B->opt->dep_phony) {
			map_init(&walked, &a);
			unit_walk(in->u, collect_phony, &pc, &walked, &a);
		}
		char *slash = strrchr(path, '/');
		const char *why;
		if (slash) {
			*slash = '\0';
			bool ok = file_mkdirs(path, &why);
			*slash = '/';
			if (!ok) {
				diag_error(&B->S->diag, span_none(), NULL, "cannot create '%s': %s", path, why);
				xfree(path);
				buf_free(&b);
				W->failed = true;
				break;
			}
		}
		stage_file(W, path, b.data, b.len, false);
		buf_free(&b);
	}
	arena_destroy(&a);
}
