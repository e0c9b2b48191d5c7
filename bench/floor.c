/* floor.c - the floor a build of job files cannot go below: a process that
 * reads the same inputs jobc reads and writes the same output bytes the
 * same way, and computes nothing.
 *
 *   floor dir OUTPUTS.blob DIR INPUT...   read every INPUT and every file it
 *                                         includes (once), then write each
 *                                         output of the blob as DIR/<name>:
 *                                         compared with the file there,
 *                                         staged in DIR/.jobc/tmp and renamed
 *                                         into place when it differs
 *   floor stream OUTPUTS.blob INPUT...    read the inputs, write the blob's
 *                                         documents to standard output
 *
 * OUTPUTS.blob, made by bench/run.sh from jobc's own output, is the
 * records "<name>\n<length>\n<bytes>" back to back; it is read in one go
 * before anything else (jobc makes those bytes instead).
 *
 * Build: cc -O2 -o floor floor.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return NULL;
	}
	char *p = malloc((size_t)st.st_size + 1);
	size_t off = 0;
	while (off < (size_t)st.st_size) {
		ssize_t n = read(fd, p + off, (size_t)st.st_size - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	p[off] = '\0';
	*len = off;
	return p;
}

/* Reads an input and, once, the files it includes (include "x" lines). */
static char *seen[64];
static int nseen;

static void read_input(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	if (!text) {
		fprintf(stderr, "floor: cannot read %s\n", path);
		exit(1);
	}
	for (char *p = text; (p = strstr(p, "include \"")); p++) {
		char *q = strchr(p + 9, '"');
		if (!q)
			break;
		char inc[4096];
		const char *slash = strrchr(path, '/');
		int dl = slash ? (int)(slash - path) : 1;
		snprintf(inc, sizeof inc, "%.*s/%.*s", dl, slash ? path : ".", (int)(q - p - 9), p + 9);
		int known = 0;
		for (int i = 0; i < nseen; i++)
			known |= !strcmp(seen[i], inc);
		if (!known && nseen < 64) {
			seen[nseen++] = strdup(inc);
			size_t l2;
			free(slurp(inc, &l2));
		}
	}
	free(text);
}

static int same(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	int eq = 0;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size == len) {
		char *buf = malloc(len + 1);
		eq = read(fd, buf, len + 1) == (ssize_t)len && !memcmp(buf, data, len);
		free(buf);
	}
	close(fd);
	return eq;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: floor dir|stream OUTPUTS.blob [DIR] INPUT...\n");
		return 2;
	}
	int to_dir = !strcmp(argv[1], "dir");
	size_t blen;
	char *blob = slurp(argv[2], &blen);
	if (!blob) {
		fprintf(stderr, "floor: cannot read %s\n", argv[2]);
		return 1;
	}
	const char *dir = to_dir ? argv[3] : NULL;
	for (int i = to_dir ? 4 : 3; i < argc; i++)
		read_input(argv[i]);
	char tmpdir[4096];
	if (to_dir) {
		snprintf(tmpdir, sizeof tmpdir, "%s/.jobc", dir);
		mkdir(dir, 0777);
		mkdir(tmpdir, 0777);
		snprintf(tmpdir, sizeof tmpdir, "%s/.jobc/tmp", dir);
		mkdir(tmpdir, 0777);
	}
	char **tmps = NULL, **paths = NULL;
	int n = 0, cap = 0;
	for (char *p = blob; p < blob + blen;) {
		char *nl = strchr(p, '\n');
		*nl = '\0';
		char *name = p;
		size_t len = strtoul(nl + 1, &p, 10);
		p++;
		if (!to_dir) {
			if (n++)
				fputs("---\n", stdout);
			fwrite(p, 1, len, stdout);
		} else {
			char path[4096], tmp[4200];
			snprintf(path, sizeof path, "%s/%s", dir, name);
			if (!same(path, p, len)) {
				snprintf(tmp, sizeof tmp, "%s/.jobc-tmp.%d.%d", tmpdir, (int)getpid(), n);
				int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
				if (fd < 0 || write(fd, p, len) != (ssize_t)len || close(fd) != 0) {
					fprintf(stderr, "floor: cannot write %s: %s\n", tmp, strerror(errno));
					return 1;
				}
				if (n == cap) {
					cap = cap ? 2 * cap : 1024;
					tmps = realloc(tmps, sizeof *tmps * (size_t)cap);
					paths = realloc(paths, sizeof *paths * (size_t)cap);
				}
				tmps[n] = strdup(tmp);
				paths[n] = strdup(path);
				n++;
			}
		}
		p += len;
	}
	/* all staged: rename them into place */
	for (int i = 0; to_dir && i < n; i++)
		if (rename(tmps[i], paths[i]) != 0) {
			fprintf(stderr, "floor: cannot rename %s: %s\n", tmps[i], strerror(errno));
			return 1;
		}
	return fflush(stdout) == 0 ? 0 : 1;
}
