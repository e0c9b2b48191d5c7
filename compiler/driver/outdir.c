/* outdir.c - -o DIR: every job's document written under DIR, all or
 * nothing (staging.c), a file whose bytes do not change left untouched;
 * then the depfiles and the manifest of what jobc wrote there, which
 * --prune reads to remove what no job makes any more.
 */
#include <errno.h>
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

/* The manifest: every file jobc has written in DIR and not pruned, one
 * relative path a line, sorted.  Builds of some of the inputs (a Makefile
 * rule per file, make -j) add to it under a lock; --prune removes what the
 * build did not make and keeps only what it did. */
static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void update_manifest(struct writer *W, int lock_fd)
{
	struct build *B = W->B;
	const char *dir = B->opt->out_dir;
	char *mpath = join(dir, ".jobc/manifest");
	size_t len = 0;
	const char *why;
	char *old = file_read(mpath, 64u << 20, &len, &why);
	/* read line by line in a copy: old is compared with the new one below */
	char *lines = old ? xmalloc(len + 1) : NULL;
	if (lines) {
		memcpy(lines, old, len);
		lines[len] = '\0';
	}
	/* the new set: this build's outputs (sorted), and the old entries that
	 * remain */
	unsigned n = 0;
	for (unsigned i = 0; i < B->nin; i++)
		n += B->in[i].njobs;
	const char **now = xcalloc(n + 1, sizeof *now);
	n = 0;
	for (unsigned i = 0; i < B->nin; i++)
		for (unsigned k = 0; k < B->in[i].njobs; k++)
			now[n++] = B->in[i].jobs[k].path;
	qsort(now, n, sizeof *now, str_cmp);
	struct buf b = BUF_INIT;
	unsigned k = 0;
	for (char *line = lines, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line)
			continue;
		while (k < n && strcmp(now[k], line) < 0)
			buf_printf(&b, "%s\n", now[k++]);
		if (k < n && !strcmp(now[k], line)) {
			buf_printf(&b, "%s\n", now[k++]);
			continue;
		}
		if (!B->opt->prune) {
			buf_printf(&b, "%s\n", line);
			continue;
		}
		/* written by jobc before, made by no job now */
		bool safe = line[0] != '/' && !strstr(line, "..");
		char *p = join(dir, line);
		struct stat st;
		if (safe && lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			if (unlink(p) == 0)
				B->removed++;
			else
				diag_warning(&B->S->diag, span_none(), NULL, "--prune: cannot remove '%s': %s",
				             p, strerror(errno));
		}
		xfree(p);
	}
	while (k < n)
		buf_printf(&b, "%s\n", now[k++]);
	if (!old || len != b.len || memcmp(old, b.data ? b.data : "", len))
		stage_file(W, mpath, b.data ? b.data : "", b.len, false);
	else
		xfree(mpath);
	(void)lock_fd;
	buf_free(&b);
	xfree(old);
	xfree(lines);
	xfree(now);
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
	if (lock_fd >= 0)
		flock(lock_fd, LOCK_EX);
	if (!W.failed)
		update_manifest(&W, lock_fd);
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
