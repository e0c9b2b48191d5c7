/* import.c - jobc import: Kubernetes and Planton manifests into .job
 * source; see import.h.
 *
 * Each document is read into a tree (runtime/yamlr.c), and every part of
 * it that a jobc field expresses is taken out of the tree as it is
 * written as source: the Kubernetes paths come from the field table.  What
 * the API server fills in, and values equal to the defaults it would fill
 * in, are taken out too (so the .job file says only what was chosen).
 * Whatever is left in the tree afterwards is an error naming its path: no
 * field is ever dropped silently.  The source is then parsed and printed
 * by jobc fmt's printer.
 */
#define _GNU_SOURCE
#include "import.h"

#include "import_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "compile.h"
#include "emit.h"
#include "eval.h"
#include "fields.h"
#include "fileio.h"
#include "fmt.h"
#include "grammar.h"
#include "session.h"
#include "units.h"
#include "yamlr.h"

/* ---- the imported source, checked --------------------------------------------- */

struct check_sink {
	struct arena *a;
	struct diagnostics *d;
	struct compile_opts co;
};

static void check_job_sink(void *user, struct job_record *job)
{
	struct check_sink *c = user;
	struct job_model m;
	compile_job(c->a, c->d, job, &c->co, &m);
}

/* The manifest's place for a place sp in the imported source: the
 * narrowest mark around it, else the document. */
static struct span yaml_span(const struct imp *im, uint32_t gen, struct span sp)
{
	if (sp.file != gen)
		return sp;
	const struct import_mark *best = NULL;
	for (unsigned i = 0; i < im->nmarks; i++) {
		const struct import_mark *m = &im->marks[i];
		if (m->from <= sp.start && sp.start < m->to &&
		    (!best || m->to - m->from < best->to - best->from))
			best = m;
	}
	if (best)
		return best->yaml;
	struct span at = im->at;
	at.end = at.start;
	return at;
}

int imp_kube_version(const struct imp *im)
{
	return im->S->opt->kube_version;
}

/* The rules jobc check applies, over the imported source, reported at the
 * manifest's lines: a manifest the API server would reject is reported as
 * jobc check would report the source (lints aside), never repaired.
 * Returns whether it has no error. */
static bool check_imported(struct imp *im, const struct options *opt, struct ast *tree,
                           const struct source *gen)
{
	struct diagnostics cap;
	diag_init(&cap, &im->S->sm, NULL);
	cap.capture = true;
	struct rule_config rc;
	const char *why;
	rule_config_default(&rc);
	rule_config_apply(&rc, "no-lints", &why);
	struct check_sink c = {
		im->a, &cap,
		{opt->kube_version, false, &rc, backend_find(im->planton ? "planton" : "yaml"), NULL},
	};
	struct evaluator ev;
	eval_init(&ev, im->a, &im->S->names, &cap);
	ev.sink = check_job_sink;
	ev.sink_user = &c;
	eval_declare(&ev, tree);
	eval_file(&ev, tree);
	eval_destroy(&ev);
	diag_flush(&cap);
	for (unsigned i = 0; i < cap.nrecords; i++) {
		struct diag_pending *r = &cap.records[i];
		r->span = yaml_span(im, gen->id, r->span);
		for (unsigned k = 0; k < r->nnotes; k++)
			r->notes[k].span = yaml_span(im, gen->id, r->notes[k].span);
		/* a fix-it is jobc source, not YAML */
		xfree(r->fix_text);
		r->fix_text = NULL;
	}
	unsigned errors = cap.errors;
	diag_replay(im->d, &cap);
	diag_destroy(&cap);
	return errors == 0;
}

/* ---- the command ------------------------------------------------------------- */

static unsigned internal_errors;

unsigned import_internal_errors(void)
{
	return internal_errors;
}

/* Whether jobc imports the document d: a Job, CronJob, KubernetesJob or
 * KubernetesCronJob. */
static bool importable(const struct tree *d)
{
	if (d->kind != TREE_MAP)
		return false;
	const struct tree *api = tree_get(d, "apiVersion"), *kind = tree_get(d, "kind");
	if (imp_is_str(api, "batch/v1"))
		return imp_is_str(kind, "Job") || imp_is_str(kind, "CronJob");
	return imp_is_str(api, "kubernetes.project-planton.org/v1") &&
	       (imp_is_str(kind, "KubernetesJob") || imp_is_str(kind, "KubernetesCronJob"));
}

/* One document: its .job source into im->out (formatted), or an error. */
static void import_doc(struct imp *im, struct tree *doc)
{
	im->at = doc->span;
	if (doc->kind != TREE_MAP) {
		import_error(im, doc->span, "a manifest is a map with apiVersion and kind");
		return;
	}
	struct tree *api = imp_take(doc, "apiVersion"), *kind = imp_take(doc, "kind");
	bool k8s = imp_is_str(api, "batch/v1");
	bool planton = imp_is_str(api, "kubernetes.project-planton.org/v1");
	im->planton = planton;
	if (k8s && imp_is_str(kind, "Job"))
		import_job(im, doc, false);
	else if (k8s && imp_is_str(kind, "CronJob"))
		import_job(im, doc, true);
	else if (planton && imp_is_str(kind, "KubernetesJob"))
		import_planton(im, doc, false);
	else if (planton && imp_is_str(kind, "KubernetesCronJob"))
		import_planton(im, doc, true);
	else
		import_error(im, kind ? kind->span : doc->span,
		       "jobc imports batch/v1 Job and CronJob, and Project Planton KubernetesJob and "
		       "KubernetesCronJob; this is %s %s",
		       api ? imp_text(im, api) : "(no apiVersion)", kind ? imp_text(im, kind) : "(no kind)");
}

/* A document of another kind beside a Job: a warning that names it. */
static void skip_doc(struct diagnostics *d, const struct tree *doc)
{
	const struct tree *api = doc->kind == TREE_MAP ? tree_get(doc, "apiVersion") : NULL;
	const struct tree *kind = doc->kind == TREE_MAP ? tree_get(doc, "kind") : NULL;
	const struct tree *name = doc->kind == TREE_MAP ? tree_path(doc, "metadata.name") : NULL;
	struct buf what = BUF_INIT;
	buf_puts(&what, api && api->kind == TREE_STR ? "" : "(no apiVersion)");
	if (api && api->kind == TREE_STR)
		buf_put(&what, api->str.s, api->str.len);
	buf_puts(&what, " ");
	if (kind && kind->kind == TREE_STR)
		buf_put(&what, kind->str.s, kind->str.len);
	else
		buf_puts(&what, "(no kind)");
	if (name && name->kind == TREE_STR) {
		buf_puts(&what, " '");
		buf_put(&what, name->str.s, name->str.len);
		buf_puts(&what, "'");
	}
	diag_warning(d, kind ? kind->span : doc->span, NULL,
	             "left out %s: jobc imports Jobs and CronJobs; keep it in a YAML file of its own",
	             what.data);
	diag_flush(d);
	buf_free(&what);
}

/* The documents of a file, with v1 Lists opened. */
static void collect(struct tree ***all, unsigned *n, unsigned *cap, struct arena *a, struct tree *d)
{
	if (d->kind == TREE_MAP && imp_is_str(tree_get(d, "kind"), "List") &&
	    tree_get(d, "items") && tree_get(d, "items")->kind == TREE_LIST) {
		struct tree *items = tree_get(d, "items");
		for (uint32_t i = 0; i < items->list.n; i++)
			collect(all, n, cap, a, items->list.v[i]);
		return;
	}
	if (d->kind == TREE_NULL)
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*all = arena_grow(a, *all, *n, *cap, sizeof **all);
	}
	(*all)[(*n)++] = d;
}

int import_files(const struct options *opt, char **files, int nfiles)
{
	struct session S;
	session_init(&S, opt);
	struct arena a;
	arena_init(&a);
	struct buf all = BUF_INIT;
	int status = 0;
	unsigned jobs = 0;
	struct {
		const char *path, *text;
		size_t len;
	} *outs = NULL;
	unsigned nouts = 0, capouts = 0;
	for (int f = 0; f < nfiles; f++) {
		size_t len;
		const char *why;
		unsigned long long dev, ino;
		char *text = session_read(opt, files[f], &len, &why, &dev, &ino);
		if (!text) {
			diag_error(&S.diag, span_none(), NULL, "cannot read '%s': %s", files[f], why);
			status = 1;
			continue;
		}
		struct source *src = srcmgr_add(&S.sm, files[f], files[f], text, (uint32_t)len, false);
		struct tree **docs;
		unsigned ndocs;
		size_t err_off;
		if (!yaml_read(src, &a, &docs, &ndocs, &why, &err_off)) {
			struct span at = {src->id, (uint32_t)err_off, (uint32_t)err_off + 1};
			diag_error(&S.diag, at, NULL, "not a YAML file jobc can read: %s", why);
			status = 1;
			continue;
		}
		struct tree **list = NULL;
		unsigned n = 0, cap = 0;
		for (unsigned i = 0; i < ndocs; i++)
			collect(&list, &n, &cap, &a, docs[i]);
		/* A file that holds a Job with what goes beside it (the headless
		 * Service of an Indexed Job, its ConfigMap) imports the Job and
		 * says what it left; a file of nothing jobc imports is an error. */
		bool any = false;
		for (unsigned i = 0; i < n && !any; i++)
			any = importable(list[i]);
		for (unsigned i = 0; i < n; i++) {
			if (any && !importable(list[i])) {
				skip_doc(&S.diag, list[i]);
				continue;
			}
			struct imp im;
			memset(&im, 0, sizeof im);
			im.S = &S;
			im.d = &S.diag;
			im.a = &a;
			unsigned before = S.diag.errors;
			import_doc(&im, list[i]);
			/* notes of their own, at the document's start: what was
			 * dropped is not a problem */
			struct span at = list[i]->span;
			at.end = at.start;
			if (im.dropped.len)
				diag_remark(&S.diag, at,
				            "dropped what the API server fills in: %s", im.dropped.data);
			if (im.ignored.len)
				diag_remark(&S.diag, at,
				            "dropped what Kubernetes ignores: %s", im.ignored.data);
			diag_flush(&S.diag);
			buf_free(&im.dropped);
			buf_free(&im.ignored);
			if (S.diag.errors != before || im.failed) {
				status = 1;
				buf_free(&im.out);
				continue;
			}
			/* formatted as jobc fmt formats */
			char *copy = xstrndup(im.out.data, im.out.len);
			struct source *gen = srcmgr_add(&S.sm, "<import>", "<import>", copy,
			                                (uint32_t)im.out.len, false);
			struct ast_ctx ctx = {&S.ast_arena, &S.names, &S.diag, gen->id, false};
			struct ast *tree = grammar_parse(&ctx, gen->text, gen->len);
			if (S.diag.errors != before) {
				fprintf(stderr, "jobc: internal error: the imported source does not parse:\n%.*s",
				        (int)im.out.len, im.out.data);
				internal_errors++;
				status = 1;
				buf_free(&im.out);
				continue;
			}
			if (!check_imported(&im, opt, tree, gen)) {
				status = 1;
				buf_free(&im.out);
				continue;
			}
			struct buf formatted = BUF_INIT;
			fmt_print(&formatted, tree, gen);
			if (opt->out_dir) {
				/* written once every document imported: all or nothing */
				if (!*im.name || !strcmp(im.name, ".") || !strcmp(im.name, "..") ||
				    strchr(im.name, '/')) {
					diag_error(&S.diag, list[i]->span, NULL,
					           "the name '%s' cannot be a file name in '%s'", im.name, opt->out_dir);
					status = 1;
				} else {
					if (nouts == capouts) {
						capouts = capouts ? capouts * 2 : 8;
						outs = xrealloc(outs, sizeof *outs * capouts);
					}
					outs[nouts].path = arena_printf(&a, "%s/%s.job", opt->out_dir, im.name);
					outs[nouts].text = arena_strndup(&a, formatted.data ? formatted.data : "",
					                                 formatted.len);
					outs[nouts++].len = formatted.len;
				}
			} else {
				if (jobs)
					buf_putc(&all, '\n');
				buf_put(&all, formatted.data, formatted.len);
			}
			jobs++;
			buf_free(&formatted);
			buf_free(&im.out);
		}
	}
	for (unsigned k = 0; !status && k < nouts; k++) {
		const char *why;
		if (!file_mkdirs(opt->out_dir, &why) ||
		    file_write_atomic(outs[k].path, outs[k].text, outs[k].len, &why) == WRITE_FAILED) {
			diag_error(&S.diag, span_none(), NULL, "cannot write '%s': %s", outs[k].path, why);
			status = 1;
		}
	}
	xfree(outs);
	diag_flush(&S.diag);
	if (!status && !opt->out_dir) {
		fwrite(all.data ? all.data : "", 1, all.len, opt_out(opt));
		if (fflush(opt_out(opt)) != 0)
			status = 1;
	}
	buf_free(&all);
	arena_destroy(&a);
	session_destroy(&S);
	return status;
}
