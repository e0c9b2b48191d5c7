/* stamp.c - the options stamp: DIR/.jobc/options holds, one a line, the
 * options that change what a build writes (-D, --emit, --kube-version,
 * --defaults, --layout, --namespace, --stdlib, the -I folders in order), and every
 * depfile names it as a prerequisite, so that make rebuilds every output
 * when the options change.  make cannot know that an option changed without
 * running something: `jobc build -o DIR --options-only OPTIONS` is the rule
 * for the stamp, which make runs every time (a FORCE prerequisite, see
 * examples/Makefile); it rewrites the file only when the options differ
 * from those it holds.  A build writes the stamp only when it is missing:
 * a Makefile may give some rules options of their own (-D tag=... to the
 * files that declare it), and the builds must not undo one another's
 * stamp.
 */
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "driver.h"
#include "fileio.h"

static int define_cmp(const void *a, const void *b)
{
	const struct define *x = *(const struct define *const *)a;
	const struct define *y = *(const struct define *const *)b;
	int c = strcmp(x->name, y->name);
	/* the same name twice: the command line's order (qsort is not stable) */
	return c ? c : (x < y ? -1 : x > y);
}

void options_stamp_text(const struct options *opt, struct buf *b)
{
	buf_puts(b, "# jobc build: the options that change its outputs; make rebuilds them all "
	            "when this file changes\n");
	buf_printf(b, "emit %s\n", opt->backend->name);
	buf_printf(b, "kube-version %d.%d\n", opt->kube_version / 100, opt->kube_version % 100);
	buf_printf(b, "defaults %s\n", opt->explicit_defaults ? "explicit" : "minimal");
	buf_printf(b, "layout %s\n", opt->layout_namespace ? "namespace" : "flat");
	if (opt->namespace_default)
		buf_printf(b, "namespace %s\n", opt->namespace_default);
	if (opt->stdlib_dir)
		buf_printf(b, "stdlib %s\n", opt->stdlib_dir);
	for (unsigned i = 0; i < opt->ninclude_dirs; i++)
		buf_printf(b, "include-dir %s\n", opt->include_dirs[i]);
	/* -D a=1 -D b=2 is -D b=2 -D a=1 */
	const struct define **d = xcalloc(opt->ndefines + 1, sizeof *d);
	for (unsigned i = 0; i < opt->ndefines; i++)
		d[i] = &opt->defines[i];
	qsort(d, opt->ndefines, sizeof *d, define_cmp);
	for (unsigned i = 0; i < opt->ndefines; i++)
		buf_printf(b, "define %s=%s\n", d[i]->name, d[i]->value);
	xfree(d);
}

char *options_stamp_path(const char *dir)
{
	return join(dir, ".jobc/options");
}

int driver_options_stamp(const struct options *opt)
{
	char *meta = join(opt->out_dir, ".jobc");
	const char *why;
	int status = 0;
	if (!file_mkdirs(meta, &why)) {
		fprintf(stderr, "jobc: error: cannot create '%s': %s\n", meta, why);
		status = 1;
	} else {
		struct buf b = BUF_INIT;
		options_stamp_text(opt, &b);
		char *path = options_stamp_path(opt->out_dir);
		if (file_write_atomic(path, b.data, b.len, &why) == WRITE_FAILED) {
			fprintf(stderr, "jobc: error: cannot write '%s': %s\n", path, why);
			status = 1;
		}
		xfree(path);
		buf_free(&b);
	}
	xfree(meta);
	return status;
}
