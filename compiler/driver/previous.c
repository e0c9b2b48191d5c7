/* previous.c - the Jobs a build's outputs replace, for JOB124 (build.h).
 *
 * A Job already applied cannot change its pod template and the rest of
 * what batch ValidateJobSpecUpdate keeps (back/reapply.c says what).  The
 * build knows what it replaces in three ways: --against FILE, a cluster's
 * copy (kubectl get job NAME -o yaml, or a List of them); with -o DIR, the
 * file it wrote last time for the job; with -o FILE, that file's stream.
 * Only YAML and JSON outputs are read back: a Planton manifest is not the
 * Job Kubernetes holds.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "alloc.h"
#include "build.h"
#include "compile.h"
#include "fileio.h"
#include "reapply.h"
#include "tree.h"
#include "yamlr.h"

#define PREV_MAX (64u << 20)

static void add_doc(struct prev_docs *P, struct tree *d)
{
	if (!d || d->kind != TREE_MAP)
		return;
	if (tree_is_str(tree_get(d, "kind"), "List")) { /* kubectl get jobs -o yaml */
		struct tree *items = tree_get(d, "items");
		for (uint32_t i = 0; items && items->kind == TREE_LIST && i < items->list.n; i++)
			add_doc(P, items->list.v[i]);
		return;
	}
	if (!tree_is_str(tree_get(d, "kind"), "Job") && !tree_is_str(tree_get(d, "kind"), "CronJob"))
		return;
	const struct tree *m = tree_get(d, "metadata"), *name = m ? tree_get(m, "name") : NULL;
	if (!name || name->kind != TREE_STR)
		return; /* no object to update */
	if (P->n == P->cap) {
		P->cap = P->cap ? P->cap * 2 : 16;
		P->v = arena_grow(&P->a, P->v, P->n, P->cap, sizeof *P->v);
		P->next = arena_grow(&P->a, P->next, P->n, P->cap, sizeof *P->next);
	}
	/* by name: a chain of the documents of one name, the last first */
	int found;
	struct map_slot *s = map_slot(&P->by_name, name->str.s, name->str.len, &found);
	P->next[P->n] = found ? (unsigned)(uintptr_t)s->value : 0;
	P->v[P->n++] = d;
	s->value = (void *)(uintptr_t)P->n;
}

/* JOB124 is silenced (-w, -Wno-immutable-change): nothing to read */
static bool silenced(const struct options *o)
{
	return o->rules.none || o->rules.off[R_JOB124];
}

void previous_load(struct build *B)
{
	struct prev_docs *P = &B->prev;
	arena_init(&P->a);
	map_init(&P->by_name, &P->a);
	const struct options *o = B->opt;
	if (silenced(o) && !o->against)
		return;
	const char *path = o->against;
	bool ours = false;
	if (!path && o->out_file && strcmp(o->backend->name, "planton"))
		path = o->out_file, ours = true;
	if (!path)
		return;
	size_t len;
	const char *why;
	char *text = file_read(path, PREV_MAX, &len, &why);
	if (!text) {
		if (!ours)
			diag_error(&B->S->diag, span_none(), NULL, "--against %s: %s", path, why);
		return;
	}
	struct tree **docs;
	unsigned ndocs;
	size_t off;
	if (ours) { /* jobc's own output: read when a job needs it */
		P->stream = arena_alloc(&P->a, len + 1); /* the trees will point into it */
		memcpy(P->stream, text, len + 1);
		P->stream_len = len;
		xfree(text);
		P->where = arena_strndup(&P->a, path, strlen(path));
		map_init(&P->docs, &P->a);
		if (!strcmp(o->backend->name, "yaml")) /* documents between "---" lines */
			for (const char *d = P->stream, *end = d + len; d < end;) {
				const char *sep = memmem(d, (size_t)(end - d), "\n---\n", 5);
				const char *e = sep ? sep + 1 : end;
				map_put(&P->docs, d, (size_t)(e - d), P->stream);
				d = sep ? sep + 5 : end;
			}
		pthread_mutex_init(&P->lock, NULL);
		return;
	}
	struct source *src = srcmgr_add(&B->S->sm, path, path, text, (uint32_t)len, false);
	if (!yaml_read(src, &P->a, &docs, &ndocs, &why, &off)) {
		diag_error(&B->S->diag, (struct span){src->id, (uint32_t)off, (uint32_t)off}, NULL,
		           "--against: %s", why);
		return;
	}
	for (unsigned i = 0; i < ndocs; i++)
		add_doc(P, docs[i]);
	P->where = src->path;
	P->live = true;
	if (!P->n)
		diag_error(&B->S->diag, (struct span){src->id, 0, 0}, NULL,
		           "--against %s holds no named batch/v1 Job or CronJob to compare with", path);
}

/* -o FILE: the last stream's Jobs, read once, by the first job that needs
 * them (the others wait). */
static void read_stream(struct prev_docs *P)
{
	pthread_mutex_lock(&P->lock);
	if (!P->stream_read) {
		struct source src = {.id = SPAN_NOFILE, .path = P->stream, .text = P->stream,
		                     .len = (uint32_t)P->stream_len};
		struct tree **docs;
		unsigned ndocs;
		const char *why;
		size_t off;
		if (yaml_read(&src, &P->a, &docs, &ndocs, &why, &off))
			for (unsigned i = 0; i < ndocs; i++)
				add_doc(P, docs[i]);
		P->stream_read = true;
	}
	pthread_mutex_unlock(&P->lock);
}

void previous_done(struct build *B)
{
	struct prev_docs *P = &B->prev;
	if (P->live && P->n && !atomic_load(&P->matched) && !B->S->diag.errors) {
		const struct tree *name = tree_path(P->v[0], "metadata.name");
		const struct tree *ns = tree_path(P->v[0], "metadata.namespace");
		bool named = name && name->kind == TREE_STR, in_ns = ns && ns->kind == TREE_STR;
		diag_remark(&B->S->diag, span_none(),
		            "no job of this build is the %s '%.*s'%s%.*s%s of %s: nothing to compare (one "
		            "of another name or namespace is created beside it)",
		            tree_is_str(tree_get(P->v[0], "kind"), "Job") ? "Job" : "CronJob",
		            named ? (int)name->str.len : 1, named ? name->str.s : "?",
		            in_ns ? " in namespace '" : "", in_ns ? (int)ns->str.len : 0,
		            in_ns ? ns->str.s : "", in_ns ? "'" : "", P->where);
	}
	if (P->stream)
		pthread_mutex_destroy(&P->lock);
	arena_destroy(&P->a);
}

static const struct tree *name_of(const struct tree *obj, const char *key)
{
	const struct tree *m = tree_get(obj, "metadata");
	const struct tree *t = m ? tree_get(m, key) : NULL;
	return t && t->kind == TREE_STR ? t : NULL;
}

void previous_compare(struct build *B, const struct job_model *m, const char *doc, size_t len)
{
	struct prev_docs *P = &B->prev;
	if (P->stream && doc) {
		if (map_get(&P->docs, doc, len))
			return; /* written as it was last time */
		read_stream(P);
	}
	if (!P->n)
		return;
	const char *kind = m->cron ? "CronJob" : "Job";
	const struct tree *name = name_of(m->obj, "name"), *ns = name_of(m->obj, "namespace");
	uintptr_t first = name ? (uintptr_t)map_get(&P->by_name, name->str.s, name->str.len) : 0;
	for (unsigned i = (unsigned)first; i; i = P->next[i - 1]) {
		const struct tree *pns = name_of(P->v[i - 1], "namespace");
		if ((ns && pns && !tree_equal(ns, pns)) ||
		    !tree_is_str(tree_get(P->v[i - 1], "kind"), kind))
			continue;
		atomic_fetch_add(&P->matched, 1);
		if (m->cron)
			return; /* a CronJob's spec can be updated (ValidateCronJobUpdate) */
		struct previous prev = {P->v[i - 1], P->where, P->live};
		compile_compare(m, &prev);
		return;
	}
}

void previous_compare_file(struct build *B, struct arena *a, const struct job_model *m,
                           const char *file)
{
	if (B->opt->against || m->cron || !strcmp(B->opt->backend->name, "planton") ||
	    silenced(B->opt))
		return;
	size_t len;
	const char *why;
	char *text = file_read(file, PREV_MAX, &len, &why);
	if (!text)
		return; /* a first build */
	char *keep = arena_alloc(a, len + 1);
	memcpy(keep, text, len + 1);
	xfree(text);
	struct source src = {.id = SPAN_NOFILE, .path = keep, .text = keep, .len = (uint32_t)len};
	struct tree **docs;
	unsigned ndocs;
	size_t off;
	if (!yaml_read(&src, a, &docs, &ndocs, &why, &off) || ndocs != 1)
		return; /* not jobc's: the write replaces it, as before */
	struct previous prev = {docs[0], file, false};
	compile_compare(m, &prev);
}
