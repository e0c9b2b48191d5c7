/* fileio.c - safe reading and atomic writing; see fileio.h. */
#define _GNU_SOURCE
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	char *data = read_fd(fd, max, (size_t)st.st_size, len, why);
	close(fd);
	return data;
}

/* True when path holds exactly data[0..len). */
static bool same_contents(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool same = false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len) {
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
	return same;
}

enum write_result file_write_atomic(const char *path, const char *data, size_t len,
                                    const char **why)
{
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		*why = "is a directory";
		return WRITE_FAILED;
	}
	if (exists && same_contents(path, data, len))
		return WRITE_UNCHANGED;

	/* The temporary file sits next to the target so that rename is atomic;
	 * open(O_EXCL, 0666) lets the umask decide its mode, as for any file. */
	size_t plen = strlen(path);
	char *tmp = xmalloc(plen + 64);
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	memcpy(tmp, path, dirlen);
	static _Atomic unsigned long counter;
	int fd = -1;
	for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
		snprintf(tmp + dirlen, plen + 64 - dirlen, ".jobc-tmp.%ld.%lu", (long)getpid(),
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
	if (close(fd) != 0) {
		*why = strerror(errno);
		unlink(tmp);
		xfree(tmp);
		return WRITE_FAILED;
	}
	if (rename(tmp, path) != 0) {
		*why = strerror(errno);
		unlink(tmp);
		xfree(tmp);
		return WRITE_FAILED;
	}
	xfree(tmp);
	return exists ? WRITE_UPDATED : WRITE_CREATED;
}

bool file_mkdirs(const char *dir, const char **why)
{
	char *p = xstrdup(dir);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	for (char *s = p + 1;; s++) {
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
		*why = "not a directory";
		xfree(p);
		return false;
	}
	xfree(p);
	return true;
}
