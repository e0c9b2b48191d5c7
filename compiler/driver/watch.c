/* watch.c - jobc build --watch: build, then build again whenever a file
 * the last build read changes.
 *
 * Each build is a new session, so nothing is kept from one to the next
 * but the list of files to watch (inotify, Linux only).
 */
#define _GNU_SOURCE
#include "driver.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "fileio.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The folders of every file the last build read, watched for changes to
 * those files (editors replace a file by renaming a new one over it, so
 * the folder is what to watch). */
struct watch_set {
	int fd;
	char **files;          /* absolute paths of the files read */
	unsigned nfiles, cap;
	int *wds;
	char **dirs;
	unsigned ndirs;
};

static void watch_add_file(struct watch_set *W, const char *path)
{
	char *abs = path_absolute(NULL, path);
	for (unsigned i = 0; i < W->nfiles; i++)
		if (!strcmp(W->files[i], abs)) {
			xfree(abs);
			return;
		}
	if (W->nfiles == W->cap) {
		W->cap = W->cap ? W->cap * 2 : 16;
		W->files = xrealloc(W->files, sizeof *W->files * W->cap);
	}
	W->files[W->nfiles++] = abs;
	char *dir = xstrdup(abs);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	for (unsigned i = 0; i < W->ndirs; i++)
		if (!strcmp(W->dirs[i], dir)) {
			xfree(dir);
			return;
		}
	int wd = inotify_add_watch(W->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
	                                           IN_MOVED_FROM | IN_ATTRIB);
	W->dirs = xrealloc(W->dirs, sizeof *W->dirs * (W->ndirs + 1));
	W->wds = xrealloc(W->wds, sizeof *W->wds * (W->ndirs + 1));
	W->dirs[W->ndirs] = dir;
	W->wds[W->ndirs] = wd;
	W->ndirs++;
}

static void watch_clear(struct watch_set *W)
{
	for (unsigned i = 0; i < W->ndirs; i++) {
		if (W->wds[i] >= 0)
			inotify_rm_watch(W->fd, W->wds[i]);
		xfree(W->dirs[i]);
	}
	for (unsigned i = 0; i < W->nfiles; i++)
		xfree(W->files[i]);
	W->ndirs = W->nfiles = 0;
}

/* True when an event names one of the files. */
static bool watch_hit(struct watch_set *W, const struct inotify_event *ev)
{
	if (!ev->len)
		return false;
	for (unsigned i = 0; i < W->ndirs; i++) {
		if (W->wds[i] != ev->wd)
			continue;
		size_t dl = strlen(W->dirs[i]);
		for (unsigned k = 0; k < W->nfiles; k++) {
			const char *f = W->files[k];
			if (!strncmp(f, W->dirs[i], dl) && (f[dl] == '/' || dl == 1) &&
			    !strcmp(f + dl + (dl == 1 ? 0 : 1), ev->name))
				return true;
		}
	}
	return false;
}

int driver_watch(const struct options *opt, char **files, int nfiles)
{
	struct watch_set W;
	memset(&W, 0, sizeof W);
	W.fd = inotify_init1(IN_CLOEXEC);
	if (W.fd < 0) {
		fprintf(stderr, "jobc: error: --watch: cannot watch files: %s\n", strerror(errno));
		return 1;
	}
	int status = 0;
	for (unsigned round = 0;; round++) {
		double t0 = now_ms();
		struct session S;
		session_init(&S, opt);
		for (unsigned i = 0; i < opt->ndefines; i++)
			opt->defines[i].used = false;
		struct build_stats st;
		status = driver_build_stats(&S, files, nfiles, &st);
		double ms = now_ms() - t0;
		watch_clear(&W);
		for (int i = 0; i < nfiles; i++)
			if (strcmp(files[i], "-"))
				watch_add_file(&W, files[i]);
		for (uint32_t i = 0; i < S.sm.n; i++) {
			struct source *src = S.sm.v[i];
			if (!src->embedded && strcmp(src->path, "-") && strncmp(src->path, "<stdlib>/", 9))
				watch_add_file(&W, src->path);
		}
		if (status)
			fprintf(stderr, "jobc: --watch: %u error%s, nothing written (%.1f ms)\n",
			        S.diag.errors, S.diag.errors == 1 ? "" : "s", ms);
		else if (opt->out_dir)
			fprintf(stderr, "jobc: --watch: %u job%s from %u file%s: %u written, %u unchanged%s "
			                "(%.1f ms)\n",
			        st.jobs, st.jobs == 1 ? "" : "s", st.inputs, st.inputs == 1 ? "" : "s",
			        st.written, st.unchanged, st.removed ? ", some removed" : "", ms);
		else
			fprintf(stderr, "jobc: --watch: %u job%s from %u file%s (%.1f ms)\n", st.jobs,
			        st.jobs == 1 ? "" : "s", st.inputs, st.inputs == 1 ? "" : "s", ms);
		fflush(stderr);
		session_destroy(&S);
		/* wait for a change to a file the build read; then let a burst of
		 * events (an editor's save) settle */
		char evbuf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
		bool changed = false;
		while (!changed) {
			ssize_t n = read(W.fd, evbuf, sizeof evbuf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				watch_clear(&W);
				close(W.fd);
				return status;
			}
			for (char *p = evbuf; p < evbuf + n;) {
				const struct inotify_event *ev = (const struct inotify_event *)p;
				changed |= watch_hit(&W, ev);
				p += sizeof *ev + ev->len;
			}
		}
		struct pollfd pfd = {W.fd, POLLIN, 0};
		while (poll(&pfd, 1, 30) > 0 && read(W.fd, evbuf, sizeof evbuf) > 0)
			;
	}
}
