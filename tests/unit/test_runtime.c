/* test_runtime.c - unit tests of runtime/: arena, buffers, maps, interning,
 * UTF-8, line maps, diagnostics, trees, the YAML writer, atomic files. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "check.h"
#include "diag.h"
#include "fileio.h"
#include "intern.h"
#include "jsonw.h"
#include "map.h"
#include "source.h"
#include "tree.h"
#include "yamlw.h"

TEST(arena)
{
	struct arena a;
	arena_init(&a);
	char *p = arena_alloc(&a, 1);
	char *q = arena_alloc(&a, 3);
	CHECK(((uintptr_t)p & 15) == 0);
	CHECK(((uintptr_t)q & 15) == 0);
	CHECK(q != p);
	/* a big object gets its own chunk and stays usable */
	char *big = arena_alloc(&a, 4 << 20);
	big[(4 << 20) - 1] = 'x';
	char *after = arena_alloc(&a, 16);
	CHECK(after != NULL);
	CHECK_STR(arena_printf(&a, "%s-%d", "job", 42), "job-42");
	CHECK_STR(arena_strndup(&a, "hello", 4), "hell");
	/* many small allocations across chunks */
	for (int i = 0; i < 100000; i++)
		*(int *)arena_alloc(&a, sizeof(int)) = i;
	arena_reset(&a);
	CHECK(a.used == 0);
	arena_destroy(&a);
	CHECK(a.head == NULL);
}

TEST(buf)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK(b.len > 3000);
	CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_clear(&b);
	CHECK_INT(b.len, 0);
	buf_fill(&b, '-', 3);
	CHECK_STR(b.data, "---");
	size_t n;
	char *s = buf_take(&b, &n);
	CHECK_INT(n, 3);
	CHECK(b.data == NULL);
	xfree(s);
	/* buf_take of an empty buffer is an empty string */
	s = buf_take(&b, &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "");
	xfree(s);
}

TEST(map_and_intern)
{
	struct map m;
	map_init(&m, NULL);
	char keys[2000][8];
	for (int i = 0; i < 2000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		map_put(&m, keys[i], strlen(keys[i]), (void *)(intptr_t)(i + 1));
	}
	CHECK_INT(m.count, 2000);
	CHECK_INT((intptr_t)map_get(&m, "k1234", 5), 1235);
	CHECK(map_get(&m, "k2000", 5) == NULL);
	map_put(&m, "k7", 2, (void *)(intptr_t)99);
	CHECK_INT((intptr_t)map_get(&m, "k7", 2), 99);
	CHECK_INT(m.count, 2000);
	map_free(&m);

	struct interner in;
	intern_init(&in);
	char tmp[] = "retries";
	const char *a = intern(&in, tmp, 7);
	tmp[0] = 'X'; /* the interner copied the bytes */
	CHECK_STR(a, "retries");
	CHECK(intern_cstr(&in, "retries") == a);
	CHECK(intern_cstr(&in, "retrie") != a);
	intern_destroy(&in);
}

TEST(utf8)
{
	size_t bad = 0;
	CHECK(utf8_check("plain ascii", 11, &bad));
	CHECK(utf8_check("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80", 14, &bad));
	CHECK(!utf8_check("ab\xff", 3, &bad));
	CHECK_INT(bad, 2);
	CHECK(!utf8_check("a\xc0\xaf", 3, &bad)); /* overlong '/' */
	CHECK_INT(bad, 1);
	CHECK(!utf8_check("\xed\xa0\x80", 3, &bad)); /* surrogate */
	CHECK(!utf8_check("ab\xe2\x86", 4, &bad));   /* truncated */
	CHECK_INT(bad, 2);
	CHECK(!utf8_check("a\0b", 3, &bad)); /* NUL */
	CHECK_INT(bad, 1);
}

TEST(linecol)
{
	struct srcmgr sm;
	srcmgr_init(&sm);
	const char text[] = "ab\r\nc\xc3\xa9x\n\nlast";
	struct source *s = srcmgr_add(&sm, "t.job", NULL, xstrdup(text), sizeof text - 1, false);
	uint32_t l, c;
	source_linecol(s, 0, &l, &c);
	CHECK_INT(l, 1);
	CHECK_INT(c, 1);
	source_linecol(s, 4, &l, &c);
	CHECK_INT(l, 2);
	CHECK_INT(c, 1);
	source_linecol(s, 7, &l, &c); /* 'x' after the 2-byte e-acute: column 3 */
	CHECK_INT(l, 2);
	CHECK_INT(c, 3);
	source_linecol(s, 10, &l, &c);
	CHECK_INT(l, 4);
	uint32_t start, len;
	source_line(s, 1, &start, &len); /* the CR is not part of the line */
	CHECK_INT(len, 2);
	srcmgr_destroy(&sm);
}

TEST(diagnostics)
{
	struct srcmgr sm;
	srcmgr_init(&sm);
	const char text[] = "job x {\n\timage \"y\"\n}\n";
	struct source *s = srcmgr_add(&sm, "t.job", NULL, xstrdup(text), sizeof text - 1, false);
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	struct diagnostics d;
	diag_init(&d, &sm, f);
	/* the string "y" on line 2, after a tab */
	struct span sp = {s->id, 15, 18};
	diag_error(&d, sp, "JOB999", "bad %s", "thing");
	diag_note(&d, span_none(), "a note without a place");
	diag_flush(&d);
	diag_warning(&d, sp, NULL, "a warning");
	diag_fixit(&d, sp, "\"z\"");
	diag_destroy(&d);
	fclose(f);
	CHECK_STR(out, "t.job:2:8: error: bad thing [JOB999]\n"
	               "    2 |         image \"y\"\n"
	               "      |               ^~~\n"
	               "note: a note without a place\n"
	               "t.job:2:8: warning: a warning\n"
	               "    2 |         image \"y\"\n"
	               "      |               ^~~\n"
	               "      |               \"z\"\n");
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.warnings, 1);
	free(out);

	/* the error limit stops the sink after the note of the last error */
	f = open_memstream(&out, &outlen);
	diag_init(&d, &sm, f);
	d.max_errors = 2;
	for (int i = 0; i < 5; i++)
		diag_error(&d, span_none(), NULL, "e%d", i);
	diag_destroy(&d);
	fclose(f);
	CHECK_STR(out, "jobc: error: e0\njobc: error: e1\n"
	               "jobc: error: too many errors (2), stopping; --max-errors=N raises the limit\n");
	CHECK(d.stopped);
	free(out);
	srcmgr_destroy(&sm);
}

TEST(yaml_plain)
{
	static const char *const plain[] = {
		"abc", "v1.2.0", "500m", "4Gi", "1h30m", "--table", "a:b", "a#b",
		"registry.example.com:5000/app:1.0", "postgres://localhost:5432/db",
		"caf\xc3\xa9", "nope", "Yess", "app.kubernetes.io/name", "-x",
	};
	static const char *const quoted[] = {
		"", "yes", "Yes", "YES", "no", "on", "off", "y", "Y", "n", "N", "true", "False",
		"null", "~", "1.10", "0755", "1e3", "12:30", "2024-01-01", "123", "-1", "+1",
		".5", ".inf", "-.Inf", ".NaN", "0x1F", "0o17", "0b101", "1_000", " x", "x ",
		"a: b", "a #b", "key:", "- x", "-", "?x", ":x", "#c", "&a", "*a", "!t", "|", ">",
		"'q'", "\"q\"", "%x", "@x", "`x", "{a}", "[a]", ",a", "a\tb", "a\nb", "<<", "=",
		"x\xc2\x85y",
	};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		bool ok = yaml_plain_safe(plain[i], strlen(plain[i]));
		if (!ok)
			fprintf(stderr, "  expected plain: [%s]\n", plain[i]);
		CHECK(ok);
	}
	for (size_t i = 0; i < sizeof quoted / sizeof *quoted; i++) {
		bool ok = !yaml_plain_safe(quoted[i], strlen(quoted[i]));
		if (!ok)
			fprintf(stderr, "  expected quoted: [%s]\n", quoted[i]);
		CHECK(ok);
	}
}

TEST(yaml_writer)
{
	struct arena a;
	arena_init(&a);
	struct tree *doc = tree_map(&a);
	tree_set(&a, doc, "kind", tree_cstr(&a, "Job"));
	tree_set(&a, doc, "apiVersion", tree_cstr(&a, "batch/v1"));
	struct tree *list = tree_list(&a);
	struct tree *item = tree_map(&a);
	tree_set(&a, item, "name", tree_cstr(&a, "a"));
	tree_set(&a, item, "value", tree_cstr(&a, "yes"));
	tree_push(&a, list, item);
	tree_push(&a, list, tree_cstr(&a, "line1\nline2\n"));
	tree_push(&a, list, tree_int(&a, -7));
	tree_push(&a, list, tree_map(&a));
	tree_set(&a, doc, "items", list);
	tree_set(&a, doc, "empty", tree_list(&a));
	tree_set(&a, doc, "flag", tree_bool(&a, false));
	tree_set(&a, doc, "script", tree_cstr(&a, "echo hi\necho bye"));
	tree_sort(doc);
	struct buf out = BUF_INIT;
	yaml_write(&out, doc);
	CHECK_STR(out.data, "apiVersion: batch/v1\n"
	                    "empty: []\n"
	                    "flag: false\n"
	                    "items:\n"
	                    "- name: a\n"
	                    "  value: \"yes\"\n"
	                    "- |\n"
	                    "  line1\n"
	                    "  line2\n"
	                    "- -7\n"
	                    "- {}\n"
	                    "kind: Job\n"
	                    "script: |-\n"
	                    "  echo hi\n"
	                    "  echo bye\n");
	buf_clear(&out);
	json_write_tree(&out, doc);
	CHECK_STR(out.data, "{\n"
	                    "  \"apiVersion\": \"batch/v1\",\n"
	                    "  \"empty\": [],\n"
	                    "  \"flag\": false,\n"
	                    "  \"items\": [{\n"
	                    "      \"name\": \"a\",\n"
	                    "      \"value\": \"yes\"\n"
	                    "    }, \"line1\\nline2\\n\", -7, {\n"
	                    "    }],\n"
	                    "  \"kind\": \"Job\",\n"
	                    "  \"script\": \"echo hi\\necho bye\"\n"
	                    "}\n");
	buf_free(&out);
	/* equality ignores spans, sees order */
	struct tree *x = tree_map(&a), *y = tree_map(&a);
	tree_set(&a, x, "a", tree_int(&a, 1));
	tree_set(&a, y, "a", tree_int(&a, 1));
	CHECK(tree_equal(x, y));
	tree_set(&a, y, "b", tree_int(&a, 1));
	CHECK(!tree_equal(x, y));
	arena_destroy(&a);
}

TEST(relative_paths)
{
	static const char *const cases[][3] = {
		{"/a/b", "/a/b/c.job", "c.job"},
		{"/a/b", "/a/c/d.job", "../c/d.job"},
		{"/a/bc", "/a/b", "../b"},
		{"/a", "/a", "."},
		{"/", "/x/y", "x/y"},
		{"/x/y", "/", "../.."},
		{"/repo/out", "/repo/jobs/a/backup.job", "../jobs/a/backup.job"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *r = path_relative(cases[i][0], cases[i][1]);
		CHECK_STR(r, cases[i][2]);
		xfree(r);
	}
}

TEST(atomic_write)
{
	char dir[] = "/tmp/jobc-unit-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/sub/deeper/out.yaml", dir);
	char sub[256];
	snprintf(sub, sizeof sub, "%s/sub/deeper", dir);
	const char *why = NULL;
	CHECK(file_mkdirs(sub, &why));
	CHECK_INT(file_write_atomic(path, "a: 1\n", 5, &why), WRITE_CREATED);
	struct stat st1, st2;
	CHECK(stat(path, &st1) == 0);
	/* same bytes: not touched (same inode, same mtime) */
	CHECK_INT(file_write_atomic(path, "a: 1\n", 5, &why), WRITE_UNCHANGED);
	CHECK(stat(path, &st2) == 0);
	CHECK(st1.st_ino == st2.st_ino);
	CHECK(st1.st_mtim.tv_nsec == st2.st_mtim.tv_nsec && st1.st_mtim.tv_sec == st2.st_mtim.tv_sec);
	CHECK_INT(file_write_atomic(path, "a: 2\n", 5, &why), WRITE_UPDATED);
	size_t len;
	char *data = file_read(path, 1024, &len, &why);
	CHECK_STR(data, "a: 2\n");
	xfree(data);
	/* limits and refusals */
	CHECK(file_read(path, 3, &len, &why) == NULL);
	CHECK(file_read(dir, 1024, &len, &why) == NULL);
	CHECK_STR(why, "is a directory");
	CHECK(file_read("/dev/zero", 1024, &len, &why) == NULL);
	CHECK_STR(why, "not a regular file");
	CHECK_INT(file_write_atomic("/dev/full/x", "a", 1, &why), WRITE_FAILED);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	json_init();
	RUN(arena);
	RUN(buf);
	RUN(map_and_intern);
	RUN(utf8);
	RUN(linecol);
	RUN(diagnostics);
	RUN(yaml_plain);
	RUN(yaml_writer);
	RUN(relative_paths);
	RUN(atomic_write);
	return check_report();
}
