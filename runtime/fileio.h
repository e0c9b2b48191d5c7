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
/* As file_read, also giving the file's device and inode (0 for stdin). */
char *file_read_id(const char *path, size_t max, size_t *len, const char **why,
                   unsigned long long *dev, unsigned long long *ino);

/* path made absolute (against cwd, the working directory, or NULL to ask
 * for it) and normalized lexically: "." and ".." components and repeated
 * slashes removed, no symlink followed.  Heap string (xfree). */
char *path_absolute(const char *cwd, const char *path);
/* The path of to relative to the folder from, both absolute and normalized
 * (path_absolute): "../jobs/x.job"; "." when they are the same.  Heap
 * string (xfree). */
char *path_relative(const char *from, const char *to);

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

/* The two halves of file_write_atomic, for a build that changes many files
 * all or nothing: stage every file first (a failure, such as a full disk,
 * then leaves every target as it was), and rename them into place only
 * once all are staged.  file_stage compares data with path: unchanged, it
 * returns WRITE_UNCHANGED; otherwise it writes a temporary file in tmpdir
 * (or next to path when tmpdir is NULL; on the same file system) named
 * after the process, sets *tmp (heap, xfree) and returns WRITE_CREATED or
 * WRITE_UPDATED. */
/* True when path is a regular file holding exactly data[0..len). */
bool file_holds(const char *path, const char *data, size_t len);
enum write_result file_stage(const char *path, const char *data, size_t len, const char *tmpdir,
                             char **tmp, const char **why);
/* Renames a staged file into place. */
bool file_commit(const char *tmp, const char *path, const char **why);
/* Removes a staged file that will not be committed. */
void file_discard(const char *tmp);
/* Removes the staged files in tmpdir that a process no longer running left
 * behind (it was killed between staging and committing). */
void file_clean_stale(const char *tmpdir);

/* Creates dir and its parents (like mkdir -p).  Returns false and sets
 * *why on failure. */
bool file_mkdirs(const char *dir, const char **why);
/* Creates the folder path is in and its parents (nothing for a path
 * without a '/').  Returns false and sets *why on failure. */
bool file_mkdirs_for(const char *path, const char **why);

#endif
