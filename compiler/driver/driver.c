/* driver.c - the build: load, compile, check, then write all or nothing.
 *
 *   1. Load: every input, in the order of its canonical path, and (once)
 *      every file it includes; syntax errors are reported here.  A big
 *      build's inputs are read ahead by every thread first, then parsed
 *      by one.
 *   2. Compile: each input is evaluated, its jobs lowered, checked and
 *      rendered by the backend.  Large builds compile inputs in parallel
 *      threads (-j); each input has its own arenas, its own interner over
 *      the session's, and its own diagnostics, captured and replayed in
 *      input order so that every -j gives the same bytes.
 *   3. Check the build as a whole: two jobs writing the same file, -D
 *      values no input declares.
 *   4. Write, only if nothing failed: to standard output, or, with -o DIR,
 *      every output staged first and renamed into place once all are staged
 *      (a full disk leaves every file as it was), files whose bytes do not
 *      change left untouched; then depfiles (-MD) and the manifest of what
 *      jobc wrote in DIR (for --prune).
 *
 * Standard output is held until the build is over, so that a broken build
 * prints nothing, up to STREAM_LIMIT bytes; a bigger stream from a
 * one-thread build (one file generating 100,000 jobs) is written as it is
 * made, in constant memory, and an error after that point is reported as
 * an incomplete stream.
 *
 * This file runs the build and writes standard output; the other parts
 * have files of their own, sharing build.h: the names of the jobs made
 * (jobnames.c), -o DIR (outdir.c, staging.c), depfiles (depfile.c), and
 * --watch (watch.c).
 */
#define _GNU_SOURCE
#include "driver.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "build.h"
#include "emit.h"
#include "fileio.h"
#include "jsonw.h"
#include "compile.h"
#include "resolved.h"

#define STREAM_LIMIT (8u << 20)
/* Below this many inputs, threads cost more than they save. */
#define PARALLEL_MIN_INPUTS 16

/* A compiling thread, and what it keeps from one input to the next. */
struct worker {
	struct build *B;
	struct arena arena;    /* the current input's values; reset per input */
	struct arena keep;     /* its lets and params */
	struct interner names; /* over the session's */
	struct define *defines; /* a copy of -D: which this worker used */
	struct input *cur;
	pthread_t thread;
};

static unsigned input_errors(const struct input *in)
{
	return in->diag.errors;
}

/* ---- the order of inputs --------------------------------------------------- */

static int input_cmp(const void *a, const void *b)
{
	const struct input *x = a, *y = b;
	return strcmp(x->key, y->key);
}

/* ---- compiling one input --------------------------------------------------- */

/* Where a job's file goes under DIR. */
static char *output_path(const struct build *B, const char *ns, const char *name)
{
	const char *ext = B->opt->backend->ext;
	if (B->opt->layout_namespace && ns) {
		char *p = xmalloc(strlen(ns) + strlen(name) + strlen(ext) + 2);
		sprintf(p, "%s/%s%s", ns, name, ext);
		return p;
	}
	char *p = xmalloc(strlen(name) + strlen(ext) + 1);
	sprintf(p, "%s%s", name, ext);
	return p;
}

/* Forgets the jobs of in from first on: their documents are written. */
static void forget_jobs(struct input *in, unsigned first)
{
	for (unsigned k = first; k < in->njobs; k++) {
		xfree(in->jobs[k].name);
		xfree(in->jobs[k].ns);
		xfree(in->jobs[k].path);
	}
	in->nstreamed += in->njobs - first;
	in->njobs = first;
}

static void stream_start(struct build *B);

/* What the back end is told of the command line. */
static struct compile_opts compile_opts_of(const struct options *opt)
{
	return (struct compile_opts){opt->kube_version, opt->explicit_defaults, &opt->rules,
	                             opt->backend, opt->namespace_default};
}

/* The evaluator's sink: one job, lowered, checked and rendered. */
static void on_job(void *user, struct job_record *job)
{
	struct worker *w = user;
	struct build *B = w->B;
	struct input *in = w->cur;
	const struct options *opt = B->opt;
	unsigned long long made = atomic_fetch_add(&B->made, 1) + 1;
	if (made > opt->max_jobs) {
		if (made == opt->max_jobs + 1)
			diag_error(&in->diag, job->name_span, NULL,
			           "this build makes more than %llu jobs, the limit (--max-jobs=N raises it)",
			           opt->max_jobs);
		return;
	}
	if (in->resolved) {
		cJSON_AddItemToArray(in->resolved, resolved_job(B->S, &w->arena, &in->diag, job));
		return;
	}
	struct compile_opts co = compile_opts_of(opt);
	struct job_model m;
	if (!compile_job(&w->arena, &in->diag, job, &co, &m))
		return;
	if (opt->against)
		previous_compare(B, &m, NULL, 0);
	if (in->njobs == in->capjobs) {
		in->capjobs = in->capjobs ? in->capjobs * 2 : 8;
		in->jobs = xrealloc(in->jobs, sizeof *in->jobs * in->capjobs);
	}
	struct job_out *o = &in->jobs[in->njobs++];
	o->name = xstrdup(m.name);
	o->ns = m.ns ? xstrdup(m.ns) : NULL;
	o->name_span = job->name_span;
	o->path = opt->out_dir ? output_path(B, m.ns, m.name) : NULL;
	o->off = in->text.len;
	o->len = 0;
	if (B->names_inline)
		names_take(&B->names, o->name, o->ns, o->name_span);
	if (opt->check_only || input_errors(in) || B->stream_broken)
		return; /* nothing of a broken build is written */
	opt->backend->render(&in->text, m.doc);
	o->len = in->text.len - o->off;
	if (B->prev.stream) /* -o FILE */
		previous_compare(B, &m, in->text.data + o->off, o->len);
	/* compared with the file in DIR here, in this worker's thread: a
	 * rebuild reads every output, and the write phase has one thread */
	if (o->path) {
		char *file = join(opt->out_dir, o->path);
		o->same = file_holds(file, in->text.data + o->off, o->len);
		if (!o->same)
			previous_compare_file(B, &w->arena, &m, file);
		xfree(file);
	}
	/* one thread, standard output: stream once the output is big */
	if (!opt->out_dir && !opt->out_file && B->nworkers <= 1) {
		if (!B->streaming && in->text.len >= STREAM_LIMIT && B->S->diag.errors == 0 &&
		    atomic_load(&B->errors) == 0) {
			stream_start(B); /* writes this job too */
			return;
		}
		if (B->streaming) {
			emit_stream_put(&B->out, in->text.data + o->off, o->len);
			in->text.len = o->off;
			forget_jobs(in, in->njobs - 1);
		}
	}
}

static void declare_unit(struct unit *u, void *arg)
{
	eval_declare(arg, u->ast);
}

static void own_unit(struct unit *u, void *arg)
{
	struct input *in = arg;
	in->owns = xrealloc(in->owns, sizeof *in->owns * (in->nowns + 1));
	in->owns[in->nowns++] = u;
}

/* Which input checks the templates of each file: the first, in build
 * order, that includes it (or is it), so that each is checked once and
 * the diagnostics come in the same order for every -j. */
static void assign_owners(struct build *B)
{
	struct arena a;
	arena_init(&a);
	struct map seen;
	map_init(&seen, &a);
	for (unsigned i = 0; i < B->nin; i++)
		if (B->in[i].u)
			unit_walk(B->in[i].u, own_unit, &B->in[i], &seen, &a);
	arena_destroy(&a);
}

/* Drops what d captured from record from on whose place is not inside
 * extent. */
static void keep_inside(struct diagnostics *d, unsigned from, struct span extent)
{
	diag_flush(d);
	unsigned n = from;
	for (unsigned k = from; k < d->nrecords; k++) {
		struct diag_pending *r = &d->records[k];
		if (r->span.file == extent.file && r->span.start >= extent.start &&
		    r->span.start < extent.end) {
			d->records[n++] = *r;
			continue;
		}
		if (r->level == DIAG_ERROR)
			d->errors--;
		else if (r->level == DIAG_WARNING)
			d->warnings--;
		diag_record_clear(r);
	}
	d->nrecords = n;
}

/* The templates of u, each on its own: what is wrong in one whatever its
 * arguments is reported where it is written, even when no job applies it
 * (a job that does and hits the same mistake adds a note to it, replay.c). */
static void check_templates(struct worker *w, struct evaluator *ev, struct unit *u)
{
	struct input *in = w->cur;
	const struct options *opt = w->B->opt;
	struct compile_opts co = compile_opts_of(opt);
	const struct ast_vec *items = &u->ast->file.items;
	for (uint32_t i = 0; i < items->n && !diag_stopped(&in->diag); i++) {
		const struct ast *t = items->v[i];
		if (t->kind != AST_TEMPLATE)
			continue;
		struct arena_mark mark = arena_mark(&w->arena);
		diag_flush(&in->diag);
		unsigned from = in->diag.nrecords;
		struct job_record *rec = eval_template_alone(ev, t);
		compile_template(&w->arena, &in->diag, rec, &co);
		keep_inside(&in->diag, from, t->tmpl.body->span);
		arena_release(&w->arena, mark);
	}
}

/* True when u and everything it includes parsed without error. */
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

static void compile_input(struct worker *w, struct input *in)
{
	struct build *B = w->B;
	w->cur = in;
	if (B->opt->resolved)
		in->resolved = cJSON_CreateArray();
	arena_reset(&w->arena);
	arena_reset(&w->keep);
	struct map seen;
	map_init(&seen, &w->arena);
	if (!in->u || !all_ok(in->u, &seen, &w->arena))
		return; /* unreadable, or syntax errors: reported; evaluating would add noise */
	struct evaluator ev;
	eval_init(&ev, &w->arena, &w->names, &in->diag);
	ev.keep = &w->keep;
	ev.max_iterations = B->opt->max_iterations;
	ev.defines = w->defines;
	ev.ndefines = B->opt->ndefines;
	ev.sink = on_job;
	ev.sink_user = w;
	map_init(&seen, &w->arena);
	unit_walk(in->u, declare_unit, &ev, &seen, &w->arena);
	for (unsigned k = 0; k < in->nowns; k++)
		check_templates(w, &ev, in->owns[k]);
	eval_file(&ev, in->u->ast);
	eval_destroy(&ev);
	diag_flush(&in->diag);
	atomic_fetch_add(&B->errors, in->diag.errors);
}

/* Inputs are taken in order, one at a time, until none is left or the
 * error limit is reached. */
static void *work(void *arg)
{
	struct worker *w = arg;
	struct build *B = w->B;
	unsigned max = B->opt->max_errors;
	for (;;) {
		unsigned i = atomic_fetch_add(&B->next, 1);
		if (i >= B->nin)
			break;
		if (max && B->S->diag.errors + atomic_load(&B->errors) >= max)
			break;
		compile_input(w, &B->in[i]);
		B->in[i].done = true;
	}
	return NULL;
}

static void worker_init(struct worker *w, struct build *B)
{
	memset(w, 0, sizeof *w);
	w->B = B;
	arena_init(&w->arena);
	arena_init(&w->keep);
	intern_init_over(&w->names, &B->S->names);
	w->defines = xcalloc(B->opt->ndefines + 1, sizeof *w->defines);
	if (B->opt->ndefines)
		memcpy(w->defines, B->opt->defines, sizeof *w->defines * B->opt->ndefines);
}

static void worker_destroy(struct worker *w)
{
	arena_destroy(&w->arena);
	arena_destroy(&w->keep);
	intern_destroy(&w->names);
	xfree(w->defines);
}

static unsigned threads_for(const struct build *B)
{
	if (B->opt->resolved || B->nin < PARALLEL_MIN_INPUTS)
		return 1;
	unsigned j = B->opt->jobs;
	if (!j) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		j = n > 0 ? (unsigned)n : 1;
	}
	if (j > B->nin)
		j = B->nin;
	return j > 64 ? 64 : j;
}

/* Reading ahead: a big build's inputs are read by every thread before they
 * are parsed, in order, by one (each shared include once, syntax errors in
 * file order).  On a rebuild, reading is half of loading. */
struct reader {
	struct build *B;
	atomic_uint *next;
	pthread_t thread;
};

static void *read_ahead(void *arg)
{
	struct reader *r = arg;
	struct build *B = r->B;
	for (unsigned i; (i = atomic_fetch_add(r->next, 1)) < B->nin;) {
		struct input *in = &B->in[i];
		if (!strcmp(in->file, "-"))
			continue;
		const char *why;
		in->pre = session_read(B->opt, in->file, &in->prelen, &why, &in->dev, &in->ino);
	}
	return NULL;
}

static void read_all(struct build *B)
{
	unsigned n = threads_for(B);
	if (n <= 1)
		return;
	atomic_uint next = 0;
	struct reader *r = xcalloc(n, sizeof *r);
	unsigned started = 0;
	for (unsigned i = 0; i + 1 < n; i++) {
		r[i] = (struct reader){B, &next, 0};
		if (pthread_create(&r[i].thread, NULL, read_ahead, &r[i]) != 0)
			break;
		started++;
	}
	read_ahead(&(struct reader){B, &next, 0}); /* this thread too; and all of it if none started */
	for (unsigned i = 0; i < started; i++)
		pthread_join(r[i].thread, NULL);
	xfree(r);
}

static void compile_all(struct build *B)
{
	B->nworkers = threads_for(B);
	B->names_inline = B->nworkers <= 1;
	B->workers = xcalloc(B->nworkers, sizeof *B->workers);
	for (unsigned i = 0; i < B->nworkers; i++)
		worker_init(&B->workers[i], B);
	if (B->nworkers == 1) {
		work(&B->workers[0]);
	} else {
		unsigned started = 0;
		for (unsigned i = 0; i < B->nworkers; i++)
			if (pthread_create(&B->workers[i].thread, NULL, work, &B->workers[i]) == 0)
				started = i + 1;
			else
				break;
		if (!started)
			work(&B->workers[0]); /* no threads: do it here */
		for (unsigned i = 0; i < started; i++)
			pthread_join(B->workers[i].thread, NULL);
	}
	/* a -D counts as used if any worker used it; the nearest param of all */
	for (unsigned k = 0; k < B->opt->ndefines; k++)
		for (unsigned i = 0; i < B->nworkers; i++) {
			struct define *d = &B->opt->defines[k];
			d->used |= B->workers[i].defines[k].used;
			suggest_add(&d->near, d->name, B->workers[i].defines[k].near.best);
		}
}

/* ---- standard output --------------------------------------------------------- */

/* Writes the documents of every input compiled so far, in order. */
static void emit_ready(struct build *B)
{
	for (; B->emitted < B->nin && B->in[B->emitted].done; B->emitted++) {
		struct input *in = &B->in[B->emitted];
		for (unsigned k = 0; k < in->njobs; k++)
			if (in->jobs[k].len)
				emit_stream_put(&B->out, in->text.data + in->jobs[k].off, in->jobs[k].len);
		forget_jobs(in, 0);
		buf_free(&in->text);
	}
}

static void stream_start(struct build *B)
{
	B->streaming = true;
	emit_ready(B);
	/* the input being compiled: what it made so far */
	struct input *in = &B->in[B->emitted];
	for (unsigned k = 0; k < in->njobs; k++)
		if (in->jobs[k].len)
			emit_stream_put(&B->out, in->text.data + in->jobs[k].off, in->jobs[k].len);
	forget_jobs(in, 0);
	buf_free(&in->text); /* from here on it holds one document at a time */
}

/* ---- whole-build checks ------------------------------------------------------ */

/* Two jobs that would write the same file (with -o) or the same object. */
static void check_duplicates(struct build *B)
{
	struct names *t = &B->names;
	if (!B->names_inline)
		for (unsigned i = 0; i < B->nin; i++)
			for (unsigned k = 0; k < B->in[i].njobs; k++) {
				const struct job_out *o = &B->in[i].jobs[k];
				names_take(t, o->name, o->ns, o->name_span);
			}
	if (t->full)
		diag_error(&B->S->diag, span_none(), NULL,
		           "this build makes more jobs than jobc can check for two of one name "
		           "(over 4 GiB of names); split it");
	const char *dir = B->opt->out_dir;
	for (unsigned k = 0; k < t->ndups; k++) {
		const struct name_dup *d = &t->dups[k];
		const char *first = names_entry_name(t, d->first);
		const char *first_ns = names_entry_ns(t, d->first);
		if (dir) {
			char *path = output_path(B, d->ns, d->name);
			diag_error(&B->S->diag, d->span, NULL,
			           "job '%s' would write '%s/%s', which job '%s' writes too", d->name, dir,
			           path, first);
			xfree(path);
		} else {
			diag_error(&B->S->diag, d->span, NULL, "job '%s' is defined twice%s%s%s", d->name,
			           d->ns ? " in namespace '" : "", d->ns ? d->ns : "", d->ns ? "'" : "");
		}
		diag_note(&B->S->diag, t->e[d->first].span, "the first job '%s' is here", first);
		if (dir && !B->opt->layout_namespace && d->ns && *first_ns && strcmp(d->ns, first_ns))
			diag_note(&B->S->diag, span_none(),
			          "they are in different namespaces: --layout namespace writes "
			          "DIR/<namespace>/<name>%s",
			          B->opt->backend->ext);
	}
}

/* ---- the build ------------------------------------------------------------------- */

static void free_inputs(struct build *B)
{
	for (unsigned i = 0; i < B->nin; i++) {
		struct input *in = &B->in[i];
		for (unsigned k = 0; k < in->njobs; k++) {
			xfree(in->jobs[k].name);
			xfree(in->jobs[k].ns);
			xfree(in->jobs[k].path);
		}
		xfree(in->jobs);
		xfree(in->owns);
		xfree(in->pre); /* read ahead, not loaded: the build stopped before */
		buf_free(&in->text);
		diag_destroy(&in->diag);
		if (in->resolved)
			cJSON_Delete(in->resolved);
		xfree(in->key);
	}
	xfree(B->in);
	names_free(&B->names);
}

/* -o FILE: the whole stream in FILE, atomically, and only when its bytes
 * change (its mtime then stays); then its depfile.  Returns the status. */
static int write_stream_file(struct build *B, const char *data, size_t len)
{
	const char *path = B->opt->out_file, *why;
	if (!file_mkdirs_for(path, &why)) {
		diag_error(&B->S->diag, span_none(), NULL, "cannot create the folder of '%s': %s", path,
		           why);
		return 1;
	}
	enum write_result r = file_write_atomic(path, data ? data : "", len, &why);
	if (r == WRITE_FAILED) {
		diag_error(&B->S->diag, span_none(), NULL, "cannot write '%s': %s", path, why);
		return 1;
	}
	if (r == WRITE_UNCHANGED)
		B->unchanged++;
	else
		B->written++;
	return B->opt->depfiles && !depfile_write_stream_file(B) ? 1 : 0;
}

int driver_build_stats(struct session *S, char **files, int nfiles, struct build_stats *stats)
{
	struct build B;
	memset(&B, 0, sizeof B);
	B.S = S;
	B.opt = S->opt;
	B.nin = (unsigned)nfiles;
	B.in = xcalloc(B.nin + 1, sizeof *B.in);
	B.names.by_name = S->opt->out_dir && !S->opt->layout_namespace;
	char cwd[PATH_MAX];
	const char *here = getcwd(cwd, sizeof cwd);
	B.cwd = here;
	for (unsigned i = 0; i < B.nin; i++) {
		struct input *in = &B.in[i];
		in->file = files[i];
		in->key = strcmp(files[i], "-") ? path_absolute(here, files[i]) : xstrdup("-");
	}
	/* the order of the build: canonical paths (the same whatever the order
	 * on the command line and the working directory) */
	qsort(B.in, B.nin, sizeof *B.in, input_cmp);
	for (unsigned i = 0; i < B.nin; i++) {
		struct input *in = &B.in[i];
		diag_init(&in->diag, &S->sm, NULL);
		in->diag.capture = true;
		in->diag.max_errors = S->diag.max_errors;
		in->diag.werror = S->diag.werror;
	}
	read_all(&B);
	previous_load(&B);
	for (unsigned i = 0; i < B.nin && !diag_stopped(&S->diag); i++) {
		struct input *in = &B.in[i];
		in->u = in->pre ? session_load_read(S, in->file, in->pre, in->prelen, in->dev, in->ino)
		                : session_load(S, in->file);
		in->pre = NULL;
		/* an empty input (no item, no comment: what fmt would print as
		 * nothing) is a mistake, a truncated file or a wrong glob; a file
		 * of templates alone is not: it can be built for its checks */
		struct unit *u = B.in[i].u;
		if (u && u->ok && !u->ast->file.items.n && !u->ast->file.ncomments)
			diag_error(&S->diag, (struct span){u->src->id, 0, 0}, NULL,
			           "'%s' is empty: there is nothing to build", u->src->path);
	}
	/* -o FILE: the stream, held in memory, then written whole */
	char *file_data = NULL;
	size_t file_len = 0;
	FILE *file_stream = NULL;
	if (S->opt->out_file && !S->opt->check_only)
		file_stream = open_memstream(&file_data, &file_len);
	if (!S->opt->out_dir && !S->opt->check_only && !S->opt->resolved)
		emit_stream_init(&B.out, S->opt->backend, file_stream ? file_stream : opt_out(S->opt));
	if (!diag_stopped(&S->diag)) {
		assign_owners(&B);
		compile_all(&B);
	}
	build_replay(&B);
	for (unsigned i = 0; i < S->opt->ndefines; i++) {
		const struct define *d = &S->opt->defines[i];
		const char *near = suggest_best(&d->near, d->name);
		if (!d->used && !diag_stopped(&S->diag))
			diag_error(&S->diag, span_none(), NULL, "-D %s: no input declares a param '%s'%s%s%s",
			           d->name, d->name, near ? "; did you mean '" : "", near ? near : "",
			           near ? "'?" : "");
	}
	if (!diag_stopped(&S->diag))
		check_duplicates(&B);
	previous_done(&B);
	diag_flush(&S->diag);
	for (unsigned i = 0; i < B.nin; i++)
		B.jobs += B.in[i].njobs + B.in[i].nstreamed;
	int status = S->diag.errors ? 1 : 0;
	if (S->opt->resolved) {
		if (!status) {
			cJSON *all = cJSON_CreateArray();
			for (unsigned i = 0; i < B.nin; i++)
				for (cJSON *j = B.in[i].resolved ? B.in[i].resolved->child : NULL, *next; j;
				     j = next) {
					next = j->next;
					cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(B.in[i].resolved, j));
				}
			struct buf out = BUF_INIT;
			json_write(&out, all);
			fwrite(out.data, 1, out.len, opt_out(S->opt));
			buf_free(&out);
			cJSON_Delete(all);
			status = fflush(opt_out(S->opt)) == 0 ? 0 : 1;
		}
	} else if (!S->opt->check_only && !S->opt->out_dir) {
		if (status && B.streaming) {
			diag_error(&S->diag, span_none(), NULL,
			           "the output on standard output is incomplete: it was streamed before "
			           "this error (over %u MiB); use -o DIR for an all-or-nothing build",
			           STREAM_LIMIT >> 20);
			status = 1;
		}
		if (!status) {
			emit_ready(&B);
			if (!emit_stream_close(&B.out)) {
				diag_error(&S->diag, span_none(), NULL, "cannot write to %s: %s",
				           file_stream ? "memory" : "standard output", strerror(errno));
				status = 1;
			}
		} else {
			buf_free(&B.out.first);
		}
		if (file_stream) {
			fclose(file_stream);
			file_stream = NULL;
			if (!status)
				status = write_stream_file(&B, file_data, file_len);
		}
	} else if (!status && S->opt->out_dir && !S->opt->check_only) {
		status = outdir_write(&B);
	}
	if (file_stream)
		fclose(file_stream);
	free(file_data); /* open_memstream's */
	diag_flush(&S->diag);
	if (stats) {
		stats->inputs = B.nin;
		stats->jobs = B.jobs;
		stats->written = B.written;
		stats->unchanged = B.unchanged;
		stats->removed = B.removed;
		stats->threads = B.nworkers;
	}
	for (unsigned i = 0; i < B.nworkers; i++)
		worker_destroy(&B.workers[i]);
	xfree(B.workers);
	free_inputs(&B);
	return status;
}

int driver_build(struct session *S, char **files, int nfiles)
{
	return driver_build_stats(S, files, nfiles, NULL);
}
