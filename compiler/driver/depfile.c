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

/* A file make can see: not standard input, not the built-in stdlib. */
static bool on_disk(const struct unit *u)
{
	return !u->src->embedded && strcmp(u->src->path, "-") &&
	       strncmp(u->src->path, "<stdlib>/", 9);
}

struct dep_ctx {
	struct buf *b;
	struct input *ins;     /* the rule's inputs */
	unsigned nins;
	bool phony;            /* -MP: "FILE:" lines, not prerequisites */
};

static bool is_input(const struct dep_ctx *c, const struct unit *u)
{
	for (unsigned i = 0; i < c->nins; i++)
		if (c->ins[i].u == u)
			return true;
	return false;
}

/* a file an input includes: a prerequisite, or with -MP a phony target */
static void put_include(struct unit *u, void *arg)
{
	struct dep_ctx *c = arg;
	if (is_input(c, u) || !on_disk(u))
		return;
	buf_puts(c->b, c->phony ? "\n" : " \\\n ");
	make_name(c->b, u->src->path);
	if (c->phony)
		buf_puts(c->b, ":\n");
}

/* The rule for the inputs ins[0, n): its targets (-MT, else targets), then
 * the inputs, every file they include (each once) and stamp, the options
 * stamp (or NULL); with -MP a phony target for each of the others. */
static void dep_rule(const struct build *B, struct input *ins, unsigned n, const char *targets,
                     const char *stamp, struct buf *b)
{
	if (B->opt->ndep_targets) {
		for (unsigned t = 0; t < B->opt->ndep_targets; t++) {
			if (t)
				buf_putc(b, ' ');
			make_name(b, B->opt->dep_targets[t]);
		}
	} else {
		buf_puts(b, targets);
	}
	buf_putc(b, ':');
	for (unsigned i = 0; i < n; i++)
		if (ins[i].u && on_disk(ins[i].u)) {
			buf_putc(b, ' ');
			make_name(b, ins[i].u->src->path);
		}
	struct arena a;
	arena_init(&a);
	struct dep_ctx c = {b, ins, n, false};
	for (int pass = 0; pass < 1 + B->opt->dep_phony; pass++) {
		c.phony = pass == 1;
		struct map walked;
		map_init(&walked, &a);
		for (unsigned i = 0; i < n; i++)
			if (ins[i].u)
				unit_walk(ins[i].u, put_include, &c, &walked, &a);
		if (stamp) {
			buf_puts(b, c.phony ? "\n" : " \\\n ");
			make_name(b, stamp);
			if (c.phony)
				buf_puts(b, ":\n");
		}
		if (!c.phony)
			buf_putc(b, '\n');
	}
	arena_destroy(&a);
}

/* The depfile of an input: -MF, or DIR/.deps/ followed by the input's path
 * as given relative to the working directory, and ".d": jobs/a/backup.job
 * -> DIR/.deps/jobs/a/backup.job.d, so that two inputs of one basename,
 * built by two make rules, never share one.  The name is unique for each
 * input: an input outside the working directory is its absolute path
 * under "%2F" (DIR/.deps/%2F/srv/jobs/x.job.d), a '%' in a path is "%25",
 * a file named "-" is "%2D", and standard input is "-". */
char *depfile_path(const struct build *B, const struct input *in)
{
	if (B->opt->depfile)
		return xstrdup(B->opt->depfile);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/.deps/", B->opt->out_dir);
	const char *rel = in->key;
	size_t nc = B->cwd ? strlen(B->cwd) : 0;
	if (!strcmp(rel, "-")) {
		buf_putc(&b, '-');
		rel = "";
	} else if (nc && !strncmp(rel, B->cwd, nc) && rel[nc] == '/' && rel[nc + 1]) {
		rel += nc + 1;
	} else {
		buf_puts(&b, "%2F");
	}
	if (!strcmp(rel, "-")) {
		buf_puts(&b, "%2D");
		rel = "";
	}
	for (const char *c = rel; *c; c++) {
		if (*c == '%')
			buf_puts(&b, "%25");
		else
			buf_putc(&b, *c);
	}
	buf_puts(&b, ".d");
	return buf_take(&b, NULL);
}

void depfile_stage_all(struct writer *W)
{
	struct build *B = W->B;
	const char *dir = B->opt->out_dir;
	char *stamp = options_stamp_path(dir);
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
			xfree(path);
			W->failed = true;
			break;
		}
		map_put(&seen_paths, arena_strdup(&a, path), strlen(path), in);
		struct buf targets = BUF_INIT;
		for (unsigned k = 0; k < in->njobs; k++) {
			if (k)
				buf_putc(&targets, ' ');
			char *out = join(dir, in->jobs[k].path);
			make_name(&targets, out);
			xfree(out);
		}
		if (!in->njobs)
			make_name(&targets, path); /* no outputs: the depfile itself */
		struct buf b = BUF_INIT;
		dep_rule(B, in, 1, targets.data, stamp, &b);
		buf_free(&targets);
		const char *why;
		if (!file_mkdirs_for(path, &why)) {
			diag_error(&B->S->diag, span_none(), NULL, "cannot create the folder of '%s': %s",
			           path, why);
			xfree(path);
			buf_free(&b);
			W->failed = true;
			break;
		}
		stage_file(W, path, b.data, b.len, false);
		buf_free(&b);
	}
	arena_destroy(&a);
	xfree(stamp);
}

bool depfile_write_stream_file(struct build *B)
{
	const struct options *opt = B->opt;
	char *path = opt->depfile ? xstrdup(opt->depfile) : NULL;
	if (!path) {
		path = xmalloc(strlen(opt->out_file) + 3);
		sprintf(path, "%s.d", opt->out_file);
	}
	struct buf targets = BUF_INIT, b = BUF_INIT;
	make_name(&targets, opt->out_file);
	dep_rule(B, B->in, B->nin, targets.data, NULL, &b);
	const char *why;
	bool ok = file_mkdirs_for(path, &why) &&
	          file_write_atomic(path, b.data, b.len, &why) != WRITE_FAILED;
	if (!ok)
		diag_error(&B->S->diag, span_none(), NULL, "cannot write '%s': %s", path, why);
	buf_free(&targets);
	buf_free(&b);
	xfree(path);
	return ok;
}
