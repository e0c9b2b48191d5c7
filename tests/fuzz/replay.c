/* replay.c - runs a fuzz target over files, without libFuzzer: the seed
 * corpus, tests/fuzz/corpus/ and every crash ever found, in ctest.
 *
 *   replay_compile [--all] PATH... [--ext .job] PATH...
 *
 * A folder is read recursively.  --ext runs only the files whose names end
 * so in the paths after it (the seed corpus: test trees that hold expected
 * outputs beside their inputs); --all, the default, runs every file in
 * the paths after it (the corpus and the crashes, whatever their names:
 * libFuzzer names what it saves by its hash).  Files whose names start with
 * "." or "README" are never run.
 *
 * A property that fails aborts, which fails the test; the file being run
 * is printed first, so the failure names it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *ext;
static unsigned runs;

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void run_file(const char *path)
{
	size_t n = strlen(path), e = ext ? strlen(ext) : 0;
	if (ext && (n < e || strcmp(path + n - e, ext)))
		return;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strncmp(base, "README", 6))
		return;
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	char *data = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			data = realloc(data, cap);
			if (!data)
				abort();
		}
		size_t got = fread(data + len, 1, cap - len, f);
		if (!got)
			break;
		len += got;
	}
	fclose(f);
	fprintf(stderr, "%s\n", path);
	/* a copy of exactly len bytes, as libFuzzer gives, so that ASan sees a
	 * read past the end */
	uint8_t *copy = malloc(len ? len : 1);
	memcpy(copy, data, len);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
	free(data);
	runs++;
}

static void run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	struct dirent **names;
	int n = scandir(path, &names, NULL, by_name);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char *sub;
			if (asprintf(&sub, "%s/%s", path, names[i]->d_name) < 0)
				abort();
			run_path(sub);
			free(sub);
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--ext") && i + 1 < argc)
			ext = argv[++i];
		else if (!strcmp(argv[i], "--all"))
			ext = NULL;
		else
			run_path(argv[i]);
	}
	fprintf(stderr, "%u inputs replayed, every property held\n", runs);
	return runs ? 0 : 1;
}
