/* test_sim_cron.c - the CronJob simulation (compiler/sim/sim.h's sim_cron)
 * end to end, over the cases of tests/unit/sim-cron/: each <case>.yaml is
 * a compiled CronJob whose first lines say what it checks (the Go function
 * of the CronJob controller or of robfig/cron) and, on a line
 * "# options: from=2026-03-08T06:50:00Z runs=10 run=420", the simulation's
 * options (run: the Job's run time in seconds; "json" for --json).  Its
 * output must equal <case>.txt (or <case>.json) byte for byte;
 * JOBC_UPDATE_GOLDEN=1 rewrites them.
 */
#include <dirent.h>
#include <stdlib.h>

#include "arena.h"
#include "check.h"
#include "cron_next.h"
#include "fileio.h"
#include "alloc.h"
#include "jsonw.h"
#include "sim.h"
#include "yamlr.h"

#define DIR_CASES JOBC_SOURCE_DIR "/tests/unit/sim-cron"

/* The options line of a case. */
static bool options(const char *text, struct sim_cron_opts *o)
{
	const char *p = strstr(text, "# options:");
	if (!p)
		return false;
	int y, mo, d, h, mi, sec;
	const char *f = strstr(p, "from=");
	if (!f || sscanf(f, "from=%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6)
		return false;
	o->from = tz_date(NULL, y, mo, d, h, mi, sec);
	const char *r = strstr(p, "runs="), *t = strstr(p, "run=");
	o->runs = r ? (unsigned)atoi(r + 5) : 10;
	o->run_seconds = t ? atoi(t + 4) : 60;
	const char *eol = strchr(p, '\n');
	const char *j = strstr(p, " json");
	o->json = j && (!eol || j < eol);
	return true;
}

static void run_case(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s.yaml", DIR_CASES, name);
	size_t len;
	const char *why;
	char *text = file_read(path, 1 << 20, &len, &why);
	check_test = name;
	CHECK(text != NULL);
	if (!text)
		return;
	struct sim_cron_opts o = {0};
	CHECK(options(text, &o));
	CHECK(strstr(text, "\n# ") || !strncmp(text, "# ", 2)); /* it cites what it checks */
	struct arena a;
	arena_init(&a);
	struct source src = {0};
	src.path = path;
	src.text = text;
	src.len = (uint32_t)len;
	struct tree **docs;
	unsigned ndocs;
	size_t off;
	bool read = yaml_read(&src, &a, &docs, &ndocs, &why, &off) && ndocs == 1;
	CHECK(read);
	if (read) {
		char *got = NULL, *errs = NULL;
		size_t got_len = 0, errs_len = 0;
		FILE *out = open_memstream(&got, &got_len), *err = open_memstream(&errs, &errs_len);
		int status = sim_cron(docs[0], &o, out, err);
		fclose(out);
		fclose(err);
		CHECK_INT(status, 0);
		CHECK_STR(errs, "");
		snprintf(path, sizeof path, "%s/%s.%s", DIR_CASES, name, o.json ? "json" : "txt");
		if (getenv("JOBC_UPDATE_GOLDEN")) {
			FILE *f = fopen(path, "w");
			fwrite(got, 1, got_len, f);
			fclose(f);
		}
		char *want = file_read(path, 1 << 20, &len, &why);
		CHECK_STR(got, want ? want : "(no expected file)");
		xfree(want);
		free(got);
		free(errs);
	}
	arena_destroy(&a);
	xfree(text);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A time zone that cannot be loaded is an error, status 1. */
TEST(bad_zone)
{
	struct arena a;
	arena_init(&a);
	static char name[] = "bad-zone.yaml";
	const char *yaml = "{apiVersion: batch/v1, kind: CronJob, metadata: {name: x}, spec: "
	                   "{schedule: '@daily', timeZone: Mars/Base}}";
	struct source src = {0};
	src.path = name;
	src.text = arena_strdup(&a, yaml);
	src.len = (uint32_t)strlen(yaml);
	struct tree **docs;
	unsigned ndocs;
	const char *why;
	size_t off;
	CHECK(yaml_read(&src, &a, &docs, &ndocs, &why, &off));
	struct sim_cron_opts o = {.from = 0, .runs = 3, .run_seconds = 60};
	char *errs = NULL;
	size_t n = 0;
	FILE *err = open_memstream(&errs, &n);
	CHECK_INT(sim_cron(docs[0], &o, stdout, err), 1);
	fclose(err);
	CHECK_STR(errs, "jobc: simulate: x: unknown time zone Mars/Base\n");
	free(errs);
	arena_destroy(&a);
}

/* The example output of docs/simulate-cron.md is the case's, word for
 * word (the case's CronJob is what jobc builds from the example). */
TEST(docs_example)
{
	size_t len;
	const char *why;
	char *doc = file_read(JOBC_SOURCE_DIR "/docs/simulate-cron.md", 1 << 20, &len, &why);
	char *out = file_read(DIR_CASES "/forbid-spring-forward.txt", 1 << 20, &len, &why);
	CHECK(doc && out && strstr(doc, out));
	xfree(doc);
	xfree(out);
}

int main(void)
{
	json_init();
	DIR *d = opendir(DIR_CASES);
	if (!d) {
		fprintf(stderr, "test_sim_cron: cannot open %s\n", DIR_CASES);
		return 1;
	}
	char *names[256];
	unsigned n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 256;) {
		size_t l = strlen(e->d_name);
		if (l > 5 && !strcmp(e->d_name + l - 5, ".yaml"))
			names[n++] = strndup(e->d_name, l - 5);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (unsigned i = 0; i < n; i++) {
		run_case(names[i]);
		free(names[i]);
	}
	check_test = "cases";
	CHECK(n >= 12);
	RUN(bad_zone);
	RUN(docs_example);
	printf("%u cases\n", n);
	return check_report();
}
