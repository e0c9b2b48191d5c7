/* fileio.c - safe reading and atomic writing; see fileio.h. */
#define _GNU_SOURCE
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"

static char *read_fd(int fd, size_t max, size_t hint, size_t *len, const char **why)
{
	struct buf b = BUF_INIT;
	buf_reserve(&b, hint ? hint + 1 : 4096);
	for (;;) {
		if (b.cap - b.len < 2)
			buf_reserve(&b, b.cap);
		ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*why = strerror(errno);
			buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if (b.len > max) {
			*why = "file is larger than the input size limit (--max-input-size)";
			buf_free(&b);
			return NULL;
		}
	}
	b.data[b.len] = '\0';
	return buf_take(&b, len);
}

char *file_read(const char *path, size_t max, size_t *len, const char **why)
{
	unsigned long long dev, ino;
	return file_read_id(path, max, len, why, &dev, &ino);
}

/* A regular file of known size: read it in one go (a second read only if
 * the first came back short). */
static char *read_sized(int fd, size_t size, size_t max, size_t *len, const char **why)
{
	char *data = xmalloc(size + 1);
	size_t off = 0;
	while (off < size) {
		ssize_t n = read(fd, data + off, size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = strerror(errno);
			xfree(data);
			return NULL;
		}
		if (n == 0)
			break; /* it shrank: what is there is the file */
		off += (size_t)n;
	}
	if (off == size) {
		/* it may have grown since fstat: read the rest the slow way */
		char probe;
		ssize_t n = size ? 0 : read(fd, &probe, 1);
		if (n > 0) {
			xfree(data);
			if (lseek(fd, 0, SEEK_SET) != 0) {
				*why = strerror(errno);
				return NULL;
			}
			return read_fd(fd, max, size, len, why);
		}
	}
	data[off] = '\0';
	*len = off;
	return data;
}

char *file_read_id(const char *path, size_t max, size_t *len, const char **why,
                   unsigned long long *dev, unsigned long long *ino)
{
	*dev = *ino = 0;
	if (strcmp(path, "-") == 0)
		return read_fd(0, max, 0, len, why);
	/* O_NONBLOCK: opening a FIFO without a writer must not hang. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = "is a directory";
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		close(fd);
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		*why = "file is larger than the input size limit (--max-input-size)";
		close(fd);
		return NULL;
	}
	/* O_NONBLOCK does nothing to a regular file: no need to clear it */
	*dev = (unsigned long long)st.st_dev;
	*ino = (unsigned long long)st.st_ino;
	char *data = read_sized(fd, (size_t)st.st_size, max, len, why);
	close(fd);
	return data;
}

char *path_absolute(const char *cwd, const char *path)
{
	struct buf b = BUF_INIT;
	if (path[0] != '/') {
		char here[4096];
		if (!cwd)
			cwd = getcwd(here, sizeof here);
		if (cwd)
			buf_puts(&b, cwd);
	}
	buf_putc(&b, '/');
	buf_puts(&b, path);
	/* normalize in place: components between slashes */
	char *s = b.data, *out = b.data;
	size_t n = b.len, o = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == '/')
			i++;
		size_t j = i;
		while (j < n && s[j] != '/')
			j++;
		size_t len = j - i;
		if (len == 0 || (len == 1 && s[i] == '.')) {
			/* skip */
		} else if (len == 2 && s[i] == '.' && s[i + 1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memmove(out + o, s + i, len);
			o += len;
		}
		i = j;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	b.len = o;
	return buf_take(&b, NULL);
}

char *path_relative(const char *from, const char *to)
{
	/* the longest common prefix that ends at a component boundary */
	size_t common = 0;
	for (size_t i = 0;; i++) {
		bool end_f = from[i] == '\0' || from[i] == '/';
		bool end_t = to[i] == '\0' || to[i] == '/';
		if (end_f && end_t)
			common = i;
		if (from[i] != to[i] || !from[i])
			break;
	}
	struct buf b = BUF_INIT;
	/* up from what is left of from: one ".." a component */
	for (const char *p = from + common; *p; p++)
		if (*p == '/' && p[1])
			buf_puts(&b, b.len ? "/.." : "..");
	const char *rest = to + common;
	while (*rest == '/')
		rest++;
	if (*rest) {
		if (b.len)
			buf_putc(&b, '/');
		buf_puts(&b, rest);
	}
	if (!b.len)
		buf_putc(&b, '.');
	return buf_take(&b, NULL);
}

/* 1 when path holds exactly data[0..len), 0 when it does not (or does
 * not exist: *exists says which), -1 when it is a directory. */
static int same_contents(const char *path, const char *data, size_t len, bool *exists,
                         mode_t *mode)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		/* a dangling symlink or an unreadable file is replaced by rename */
		*exists = errno != ENOENT;
		return 0;
	}
	*exists = true;
	struct stat st;
	bool same = false;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return -1;
	}
	*mode = st.st_mode & 07777;
	if (S_ISREG(st.st_mode) && (size_t)st.st_size == len) {
		char chunk[65536];
		size_t off = 0;
		same = true;
		while (off < len) {
			ssize_t n = read(fd, chunk, sizeof chunk);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0 || memcmp(chunk, data + off, (size_t)n) != 0 ||
			    off + (size_t)n > len) {
				same = false;
				break;
			}
			off += (size_t)n;
		}
	}
	close(fd);
	return same ? 1 : 0;
}

bool file_holds(const char *path, const char *data, size_t len)
{
	bool exists;
	mode_t mode;
	return same_contents(path, data, len, &exists, &mode) > 0;
}

enum write_result file_stage(const char *path, const char *data, size_t len, const char *tmpdir,
                             char **tmp_out, const char **why)
{
	*tmp_out = NULL;
	bool exists = false;
	mode_t mode = 0;
	int cmp = same_contents(path, data, len, &exists, &mode);
	if (cmp < 0) {
		*why = "is a directory";
		return WRITE_FAILED;
	}
	if (cmp > 0)
		return WRITE_UNCHANGED;

	/* The temporary file sits in tmpdir, or next to the target, on the
	 * target's file system so that rename is atomic; open(O_EXCL, 0666)
	 * lets the umask decide its mode, as for any file.  Its name starts
	 * with the process ID, so that file_clean_stale can tell a dead
	 * process's leftovers from a running build's. */
	size_t plen = strlen(path);
	size_t dlen = tmpdir ? strlen(tmpdir) + 1 : 0;
	char *tmp = xmalloc(plen + dlen + 64);
	size_t prefix;
	if (tmpdir) {
		memcpy(tmp, tmpdir, dlen - 1);
		tmp[dlen - 1] = '/';
		prefix = dlen;
	} else {
		const char *slash = strrchr(path, '/');
		prefix = slash ? (size_t)(slash - path) + 1 : 0;
		memcpy(tmp, path, prefix);
	}
	static _Atomic unsigned long counter;
	int fd = -1;
	for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
		snprintf(tmp + prefix, plen + dlen + 64 - prefix, ".jobc-tmp.%ld.%lu", (long)getpid(),
		         counter++);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		*why = strerror(errno);
		xfree(tmp);
		return WRITE_FAILED;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*why = strerror(errno);
			close(fd);
			unlink(tmp);
			xfree(tmp);
			return WRITE_FAILED;
		}
		off += (size_t)n;
	}
	/* the file keeps the mode it had (jobc fmt -w on a source file) */
	if (mode)
		(void)fchmod(fd, mode);
	if (close(fd) != 0) {
		*why = strerror(errno);
		unlink(tmp);
		xfree(tmp);
		return WRITE_FAILED;
	}
	*tmp_out = tmp;
	return exists ? WRITE_UPDATED : WRITE_CREATED;
}

bool file_commit(const char *tmp, const char *path, const char **why)
{
	if (rename(tmp, path) != 0) {
		*why = strerror(errno);
		unlink(tmp);
		return false;
	}
	return true;
}

void file_discard(const char *tmp)
{
	if (tmp)
		unlink(tmp);
}

void file_clean_stale(const char *tmpdir)
{
	DIR *d = opendir(tmpdir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid;
		if (sscanf(e->d_name, ".jobc-tmp.%ld.", &pid) != 1 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* that build is still running (or not ours to judge) */
		char *p = xmalloc(strlen(tmpdir) + strlen(e->d_name) + 2);
		sprintf(p, "%s/%s", tmpdir, e->d_name);
		unlink(p);
		xfree(p);
	}
	closedir(d);
}

enum write_result file_write_atomic(const char *path, const char *data, size_t len,
                                    const char **why)
{
	char *tmp;
	enum write_result r = file_stage(path, data, len, NULL, &tmp, why);
	if (tmp) {
		if (!file_commit(tmp, path, why))
			r = WRITE_FAILED;
		xfree(tmp);
	}
	return r;
}

bool file_mkdirs(const char *dir, const char **why)
{
	char *p = xstrdup(dir);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	/* the common case, the folder or its parent there already: one call */
	int first = mkdir(p, 0777) == 0 ? 0 : errno;
	bool walk = first == ENOENT;
	for (char *s = p + 1; walk; s++) {
		if (*s == '/' || *s == '\0') {
			char save = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				*why = strerror(errno);
				xfree(p);
				return false;
			}
			*s = save;
			if (!save)
				break;
		}
	}
	struct stat st;
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*why = !walk && first && first != EEXIST ? strerror(first) : "not a directory";
		xfree(p);
		return false;
	}
	xfree(p);
	return true;
}

bool file_mkdirs_for(const char *path, const char **why)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return true;
	char *parent = xmalloc((size_t)(slash - path) + 1);
	memcpy(parent, path, (size_t)(slash - path));
	parent[slash - path] = '\0';
	bool ok = file_mkdirs(parent, why);
	xfree(parent);
	return ok;
}
