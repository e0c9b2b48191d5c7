/* driver.c - the build: load, evaluate, lower, check, then write.
 *
 * Nothing is written until every input has compiled without error: a
 * broken build leaves the previous outputs as they were.  Each output file
 * is written atomically and only when its bytes change (fileio.c).
 */
#include "driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "emit.h"
#include "fileio.h"
#include "jsonw.h"
#include "lower.h"
#include "resolved.h"
#include "yamlw.h"

struct output {
	char *name;        /* job name */
	char *ns;          /* namespace, or NULL */
	struct span name_span;
	char *text;
	size_t len;
};

struct build {
	struct session *S;
	struct arena *arena;   /* the current input's values and trees */
	cJSON *resolved;       /* jobc ast --resolved: the jobs, as JSON */
	struct output *outs;
	unsigned nouts, capouts;
};

/* The evaluator's sink: one job, lowered and checked, kept as text. */
static void on_job(void *user, struct job_record *job)
{
	struct build *B = user;
	if (B->resolved) {
		cJSON_AddItemToArray(B->resolved, resolved_job(B->S, B->arena, job));
		return;
	}
	const struct options *opt = B->S->opt;
	struct lower_opts lo = {opt->kube_version, opt->explicit_defaults, &opt->rules,
	                        opt->backend->target};
	struct job_model m;
	if (!lower_job(B->arena, &B->S->diag, job, &lo, &m))
		return;
	/* check keeps the name (for duplicates) but not the text */
	struct buf text = BUF_INIT;
	if (!opt->check_only)
		opt->backend->render(&text, &m);
	if (B->nouts == B->capouts) {
		B->capouts = B->capouts ? B->capouts * 2 : 16;
		B->outs = xrealloc(B->outs, sizeof *B->outs * B->capouts);
	}
	struct output *o = &B->outs[B->nouts++];
	o->name = xstrdup(m.name);
	o->ns = m.ns ? xstrdup(m.ns) : NULL;
	o->name_span = job->name_span;
	o->text = buf_take(&text, &o->len);
}

static void declare_unit(struct unit *u, void *arg)
{
	eval_declare(arg, u->ast);
}

static bool all_ok(struct unit *u, struct map *seen, struct arena *a)
{
	int found;
	struct map_slot *s = map_slot(seen, (const char *)&u, sizeof u, &found);
	if (found)
		return true;
	struct unit **key = ARENA_NEW(a, struct unit *);
	*key = u;
	s->key = (const char *)key;
	if (!u->ok)
		return false;
	for (unsigned i = 0; i < u->ndeps; i++)
		if (!all_ok(u->deps[i], seen, a))
			return false;
	return true;
}

static void compile_unit(struct build *B, struct unit *u)
{
	struct session *S = B->S;
	struct arena arena;
	arena_init(&arena);
	B->arena = &arena;
	struct map seen;
	map_init(&seen, &arena);
	if (!all_ok(u, &seen, &arena)) {
		/* Syntax errors were reported; evaluating would only add noise. */
		arena_destroy(&arena);
		return;
	}
	struct arena keep;
	arena_init(&keep);
	struct evaluator ev;
	eval_init(&ev, &arena, &S->names, &S->diag);
	ev.keep = &keep;
	ev.defines = S->opt->defines;
	ev.ndefines = S->opt->ndefines;
	ev.sink = on_job;
	ev.sink_user = B;
	map_init(&seen, &arena);
	unit_walk(u, declare_unit, &ev, &seen, &arena);
	eval_file(&ev, u->ast);
	eval_destroy(&ev);
	arena_destroy(&keep);
	arena_destroy(&arena);
	B->arena = NULL;
}

/* Two jobs that would write the same manifest. */
static void check_duplicates(struct build *B)
{
	struct map seen;
	struct arena a;
	arena_init(&a);
	map_init(&seen, &a);
	for (unsigned i = 0; i < B->nouts; i++) {
		struct output *o = &B->outs[i];
		char *key = arena_printf(&a, "%s/%s", o->ns ? o->ns : "", o->name);
		int found;
		struct map_slot *s = map_slot(&seen, key, strlen(key), &found);
		if (found) {
			struct output *first = s->value;
			diag_error(&B->S->diag, o->name_span, NULL, "job '%s' is defined twice%s%s%s",
			           o->name, o->ns ? " in namespace '" : "", o->ns ? o->ns : "",
			           o->ns ? "'" : "");
			diag_note(&B->S->diag, first->name_span, "the first job '%s' is here", first->name);
		} else {
			s->value = o;
		}
	}
	arena_destroy(&a);
}

static int write_outputs(struct build *B)
{
	const char *dir = B->S->opt->out_dir;
	const struct backend *be = B->S->opt->backend;
	if (!dir) {
		struct emit_stream st;
		emit_stream_init(&st, be, stdout);
		for (unsigned i = 0; i < B->nouts; i++)
			emit_stream_put(&st, B->outs[i].text, B->outs[i].len);
		if (!emit_stream_close(&st)) {
			diag_error(&B->S->diag, span_none(), NULL, "cannot write to standard output");
			return 1;
		}
		return 0;
	}
	const char *why;
	if (!file_mkdirs(dir, &why)) {
		diag_error(&B->S->diag, span_none(), NULL, "cannot create output folder '%s': %s", dir,
		           why);
		return 1;
	}
	for (unsigned i = 0; i < B->nouts; i++) {
		struct output *o = &B->outs[i];
		char *path = xmalloc(strlen(dir) + strlen(o->name) + strlen(be->ext) + 2);
		sprintf(path, "%s/%s%s", dir, o->name, be->ext);
		if (file_write_atomic(path, o->text, o->len, &why) == WRITE_FAILED) {
			diag_error(&B->S->diag, span_none(), NULL, "cannot write '%s': %s", path, why);
			xfree(path);
			return 1;
		}
		xfree(path);
	}
	return 0;
}

/* Inputs are compiled in the order of their canonical paths, so that the
 * same files give the same stream whatever order the shell listed them in
 * and whatever the working directory. */
struct input {
	char *key;
	int index;
};

static int input_cmp(const void *a, const void *b)
{
	const struct input *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void sort_inputs(char **files, int nfiles)
{
	struct input *in = xcalloc((size_t)nfiles, sizeof *in);
	for (int i = 0; i < nfiles; i++) {
		char *real = strcmp(files[i], "-") ? realpath(files[i], NULL) : NULL;
		in[i].key = real ? xstrdup(real) : xstrdup(files[i]);
		free(real);
		in[i].index = i;
	}
	qsort(in, (size_t)nfiles, sizeof *in, input_cmp);
	char **copy = xcalloc((size_t)nfiles, sizeof *copy);
	for (int i = 0; i < nfiles; i++)
		copy[i] = files[in[i].index];
	for (int i = 0; i < nfiles; i++) {
		files[i] = copy[i];
		xfree(in[i].key);
	}
	xfree(copy);
	xfree(in);
}

int driver_build(struct session *S, char **files, int nfiles)
{
	struct build B = {0};
	B.S = S;
	if (S->opt->resolved)
		B.resolved = cJSON_CreateArray();
	sort_inputs(files, nfiles);
	struct unit **units = xcalloc((size_t)nfiles, sizeof *units);
	for (int i = 0; i < nfiles && !diag_stopped(&S->diag); i++)
		units[i] = session_load(S, files[i]);
	for (int i = 0; i < nfiles && !diag_stopped(&S->diag); i++)
		if (units[i])
			compile_unit(&B, units[i]);
	for (unsigned i = 0; i < S->opt->ndefines; i++)
		if (!S->opt->defines[i].used)
			diag_error(&S->diag, span_none(), NULL, "-D %s: no input declares a param '%s'",
			           S->opt->defines[i].name, S->opt->defines[i].name);
	check_duplicates(&B);
	diag_flush(&S->diag);
	int status = S->diag.errors ? 1 : 0;
	if (B.resolved) {
		if (!status) {
			struct buf out = BUF_INIT;
			json_write(&out, B.resolved);
			fwrite(out.data, 1, out.len, stdout);
			buf_free(&out);
			status = fflush(stdout) == 0 ? 0 : 1;
		}
		cJSON_Delete(B.resolved);
	} else if (!status && !S->opt->check_only) {
		status = write_outputs(&B);
	}
	diag_flush(&S->diag);
	for (unsigned i = 0; i < B.nouts; i++) {
		xfree(B.outs[i].name);
		xfree(B.outs[i].ns);
		xfree(B.outs[i].text);
	}
	xfree(B.outs);
	xfree(units);
	return status;
}
