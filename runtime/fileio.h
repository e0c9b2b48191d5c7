/* fileio.h - reading inputs and writing outputs safely.
 *
 * Reading: only regular files (or "-" for standard input) are read, up to
 * a size limit; a directory, FIFO or device is refused with a reason
 * instead of hanging or reading forever.
 *
 * Writing: file_write_atomic writes to a temporary file in the target's
 * folder, fsyncs nothing (outputs are rebuildable), and renames it into
 * place, so a reader sees either the old bytes or the new ones.  When the
 * file already holds exactly the new bytes it is not touched at all (its
 * mtime stays, so make and kubectl see no change).
 */
#ifndef JOBC_FILEIO_H
#define JOBC_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

/* Reads path (or stdin for "-") into a NUL-terminated heap buffer (free
 * with xfree).  On failure returns NULL and sets *why to a static message
 * ("No such file or directory", "is a directory", "file is larger than
 * the 64 MiB limit", ...). */
char *file_read(const char *path, size_t max, size_t *len, const char **why);

enum write_result {
	WRITE_FAILED,
	WRITE_UNCHANGED,
	WRITE_CREATED,
	WRITE_UPDATED,
};

/* Writes data to path atomically, only when its bytes differ.  On failure
 * returns WRITE_FAILED, leaves path as it was, and sets *why. */
enum write_result file_write_atomic(const char *path, const char *data, size_t len,
                                    const char **why);

/* Creates dir and its parents (like mkdir -p).  Returns false and sets
 * *why on failure. */
bool file_mkdirs(const char *dir, const char **why);

#endif
