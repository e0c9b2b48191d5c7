/* outdir.c - -o DIR: every job's document written under DIR, all or
 * nothing (staging.c), a file whose bytes do not change left untouched;
 * then the depfiles and the manifest of what jobc wrote there, which
 * --prune reads to remove what no job makes any more.
 */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "fileio.h"

static bool safe_component(const char *s)
{
	return *s && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/');
}

/* The manifest: every file jobc has written in DIR and not pruned, one a
 * line, sorted: its path relative to DIR, a tab, and the input that made it
 * (relative to DIR; "-" for standard input).  Builds of some of the inputs
 * (a Makefile rule per file, make -j) add to it under a lock.  --prune
 * removes a file the manifest holds only when this build does not make it
 * and the input that made it is one of this build's, or no longer exists:
 * a build of some of the inputs never removes what the others made.  A
 * line without an input (written before jobc kept them) is never pruned. */
struct entry {
	const char *path;      /* relative to DIR */
	const char *input;     /* relative to DIR, "-", or NULL when not recorded */
};

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

/* in's path as the manifest records it. */
static char *input_ref(const char *dir_abs, const struct input *in)
{
	return strcmp(in->key, "-") ? path_relative(dir_abs, in->key) : xstrdup("-");
}

/* Why the file of old entry e goes with --prune (allocated), or NULL when
 * it stays: its input is one of this build's, which no longer makes it,
 * or is gone. */
static char *prune_reason(const struct build *B, const char *dir_abs, const struct entry *e)
{
	if (!e->input)
		return NULL;
	char *abs = strcmp(e->input, "-") ? path_absolute(dir_abs, e->input) : xstrdup("-");
	bool ours = false;
	for (unsigned i = 0; i < B->nin && !ours; i++)
		ours = !strcmp(B->in[i].key, abs);
	struct stat st;
	bool gone = !ours && strcmp(abs, "-") && lstat(abs, &st) != 0 && errno == ENOENT;
	char *why = NULL;
	if (ours || gone) {
		char *shown = B->cwd && strcmp(abs, "-") ? path_relative(B->cwd, abs) : xstrdup(abs);
		struct buf b = BUF_INIT;
		buf_printf(&b, ours ? "no job of %s makes it now" : "%s is gone", shown);
		why = buf_take(&b, NULL);
		xfree(shown);
	}
	xfree(abs);
	return why;
}

static void update_manifest(struct writer *W)
{
	struct build *B = W->B;
	const char *dir = B->opt->out_dir;
	char *dir_abs = path_absolute(B->cwd, dir);
	char *mpath = join(dir, ".jobc/manifest");
	size_t len = 0;
	const char *why;
	char *old = file_read(mpath, 64u << 20, &len, &why);
	/* split in a copy: old is compared with the new one below */
	char *lines = old ? xmalloc(len + 1) : NULL;
	struct entry *olds = NULL;
	unsigned nold = 0, capold = 0;
	if (lines) {
		memcpy(lines, old, len);
		lines[len] = '\0';
	}
	for (char *line = lines, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line)
			continue;
		char *tab = strchr(line, '\t');
		if (tab)
			*tab = '\0';
		if (nold == capold) {
			capold = capold ? capold * 2 : 64;
			olds = xrealloc(olds, sizeof *olds * capold);
		}
		olds[nold++] = (struct entry){line, tab && tab[1] ? tab + 1 : NULL};
	}
	/* what this build made: each output, and each depfile in DIR */
	unsigned n = 0;
	for (unsigned i = 0; i < B->nin; i++)
		n += B->in[i].njobs + 1;
	struct entry *now = xcalloc(n + nold + 1, sizeof *now);
	char **owned = xcalloc(2 * B->nin + 1, sizeof *owned);
	unsigned nowned = 0;
	n = 0;
	size_t dlen = strlen(dir);
	for (unsigned i = 0; i < B->nin; i++) {
		struct input *in = &B->in[i];
		char *ref = owned[nowned++] = input_ref(dir_abs, in);
		for (unsigned k = 0; k < in->njobs; k++)
			now[n++] = (struct entry){in->jobs[k].path, ref};
		if (B->opt->depfiles && !B->opt->depfile && in->u) {
			char *dp = owned[nowned++] = depfile_path(B, in);
			now[n++] = (struct entry){dp + dlen + 1, ref};
		}
	}
	qsort(now, n, sizeof *now, entry_cmp);
	/* the old entries this build does not make: kept, or pruned */
	unsigned nmade = n;
	for (unsigned i = 0; i < nold; i++) {
		struct entry key = olds[i];
		if (bsearch(&key, now, nmade, sizeof *now, entry_cmp))
			continue;
		char *reason = B->opt->prune ? prune_reason(B, dir_abs, &olds[i]) : NULL;
		if (!reason) {
			now[n++] = olds[i];
			continue;
		}
		/* never a path outside DIR, nor anything but a regular file */
		bool safe = olds[i].path[0] != '/' && !strstr(olds[i].path, "..");
		char *p = join(dir, olds[i].path);
		struct stat st;
		if (safe && lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			if (unlink(p) == 0) {
				B->removed++;
				fprintf(stderr, "jobc: pruned %s (%s)\n", p, reason);
			} else {
				diag_warning(&B->S->diag, span_none(), NULL, "--prune: cannot remove '%s': %s",
				             p, strerror(errno));
			}
		}
		xfree(p);
		xfree(reason);
	}
	qsort(now, n, sizeof *now, entry_cmp);
	struct buf b = BUF_INIT;
	for (unsigned i = 0; i < n; i++) {
		if (i && !strcmp(now[i].path, now[i - 1].path))
			continue;
		buf_puts(&b, now[i].path);
		if (now[i].input)
			buf_printf(&b, "\t%s", now[i].input);
		buf_putc(&b, '\n');
	}
	if (!old || len != b.len || memcmp(old, b.data ? b.data : "", len))
		stage_file(W, mpath, b.data ? b.data : "", b.len, false);
	else
		xfree(mpath);
	buf_free(&b);
	for (unsigned i = 0; i < nowned; i++)
		xfree(owned[i]);
	xfree(owned);
	xfree(now);
	xfree(olds);
	xfree(old);
	xfree(lines);
	xfree(dir_abs);
}

int outdir_write(struct build *B)
{
	struct session *S = B->S;
	const char *dir = B->opt->out_dir;
	const char *why;
	char *meta = join(dir, ".jobc/tmp");
	if (!file_mkdirs(meta, &why)) {
		diag_error(&S->diag, span_none(), NULL, "cannot create output folder '%s': %s", dir, why);
		xfree(meta);
		return 1;
	}
	xfree(meta);
	file_clean_stale(stage_tmp_dir(B));
	/* concurrent builds into DIR (make -j) take turns at the manifest */
	char *lock = join(dir, ".jobc/lock");
	int lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	xfree(lock);
	struct writer W = {B, NULL, 0, 0, false};
	for (unsigned i = 0; i < B->nin && !W.failed; i++)
		for (unsigned k = 0; k < B->in[i].njobs && !W.failed; k++) {
			struct job_out *o = &B->in[i].jobs[k];
			if (!safe_component(o->name) || (o->ns && !safe_component(o->ns))) {
				diag_error(&S->diag, o->name_span, NULL,
				           "job '%s' cannot be written under '%s': its name is not a file name",
				           o->name, dir);
				W.failed = true;
				break;
			}
			if (B->opt->layout_namespace && o->ns) {
				char *sub = join(dir, o->ns);
				if (!file_mkdirs(sub, &why)) {
					diag_error(&S->diag, span_none(), NULL, "cannot create '%s': %s", sub, why);
					W.failed = true;
				}
				xfree(sub);
			}
			if (W.failed)
				break;
			if (o->same)
				B->unchanged++;
			else
				stage_file(&W, join(dir, o->path), B->in[i].text.data + o->off, o->len, true);
		}
	if (!W.failed && B->opt->depfiles)
		depfile_stage_all(&W);
	/* the options stamp the depfiles name: written when missing; make's
	 * rule for it (--options-only) keeps it current (stamp.c) */
	char *stamp = options_stamp_path(dir);
	struct stat sst;
	if (!W.failed && stat(stamp, &sst) != 0) {
		struct buf opts = BUF_INIT;
		options_stamp_text(B->opt, &opts);
		stage_file(&W, stamp, opts.data, opts.len, false);
		stamp = NULL; /* taken */
		buf_free(&opts);
	}
	xfree(stamp);
	if (lock_fd >= 0)
		flock(lock_fd, LOCK_EX);
	if (!W.failed)
		update_manifest(&W);
	/* all staged: rename them into place; or nothing changes */
	for (unsigned i = 0; i < W.n; i++) {
		if (!W.v[i].tmp)
			continue;
		if (W.failed)
			file_discard(W.v[i].tmp);
		else if (!file_commit(W.v[i].tmp, W.v[i].path, &why)) {
			diag_error(&S->diag, span_none(), NULL, "cannot write '%s': %s", W.v[i].path, why);
			W.failed = true;
		}
	}
	if (lock_fd >= 0)
		close(lock_fd); /* releases the lock */
	for (unsigned i = 0; i < W.n; i++) {
		xfree(W.v[i].path);
		xfree(W.v[i].tmp);
	}
	xfree(W.v);
	return W.failed ? 1 : 0;
}
