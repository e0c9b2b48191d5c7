/* staging.c - the staged writes of -o DIR: every file a build writes there
 * (outputs, depfiles, the manifest) is first written in full to
 * DIR/.jobc/tmp, and put in place only once all are (outdir.c), so that a
 * full disk or a failure half-way leaves every file as it was.  A file of
 * its own because outdir.c and depfile.c both stage through it.
 */
#include <limits.h>
#include <stdio.h>

#include "build.h"
#include "fileio.h"

const char *stage_tmp_dir(const struct build *B)
{
	static _Thread_local char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s/.jobc/tmp", B->opt->out_dir);
	return buf;
}

/* Stages path (taken over) with data; reports a failure.  counted: an
 * output (not a depfile or the manifest), for the build's statistics. */
void stage_file(struct writer *W, char *path, const char *data, size_t len, bool counted)
{
	const char *why;
	char *tmp = NULL;
	enum write_result r = file_stage(path, data, len, stage_tmp_dir(W->B), &tmp, &why);
	if (r == WRITE_FAILED) {
		diag_error(&W->B->S->diag, span_none(), NULL, "cannot write '%s': %s", path, why);
		xfree(path);
		W->failed = true;
		return;
	}
	if (W->n == W->cap) {
		W->cap = W->cap ? W->cap * 2 : 64;
		W->v = xrealloc(W->v, sizeof *W->v * W->cap);
	}
	W->v[W->n].path = path;
	W->v[W->n].tmp = tmp;
	W->n++;
	if (!counted)
		return;
	if (r == WRITE_UNCHANGED)
		W->B->unchanged++;
	else
		W->B->written++;
}
