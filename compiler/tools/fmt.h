/* fmt.h - jobc fmt: the canonical form of a .job file.
 *
 * Formatting keeps every comment and the order of everything, and changes
 * only what has no meaning: indentation, spacing, line breaks inside
 * blocks written over several lines, quoting, parentheses.  It is
 * idempotent: the canonical form of canonical text is that text.
 */
#ifndef JOBC_FMT_H
#define JOBC_FMT_H

#include <stdbool.h>

#include "ast.h"
#include "buf.h"
#include "source.h"

/* Appends the canonical text of file, parsed without error from src. */
void fmt_print(struct buf *out, const struct ast *file, struct source *src);

struct options;

/* jobc fmt: formats files (standard input for none or "-"); with write,
 * rewrites those that change; with check, lists those that are not in
 * canonical form.  Returns the exit status: 0; 1 for syntax errors, a file
 * that could not be written or (with check) one not in canonical form. */
int fmt_files(const struct options *opt, char **files, int nfiles, bool write, bool check);

#endif
