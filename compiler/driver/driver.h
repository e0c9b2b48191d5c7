/* driver.h - jobc build / jobc check over a list of files. */
#ifndef JOBC_DRIVER_H
#define JOBC_DRIVER_H

#include "session.h"

/* Compiles files; writes the outputs only when every file compiled
 * without error.  Returns the exit status: 0, or 1 when there were
 * errors.  files is reordered (the build order is the order of paths). */
int driver_build(struct session *S, char **files, int nfiles);

/* What a build did. */
struct build_stats {
	unsigned inputs, jobs;
	unsigned written, unchanged, removed; /* files, with -o */
	unsigned threads;
};

/* As driver_build, also filling *stats (may be NULL). */
int driver_build_stats(struct session *S, char **files, int nfiles, struct build_stats *stats);

/* jobc build -o DIR --options-only (stamp.c): writes DIR/.jobc/options
 * when opt's options differ from those it holds.  Returns the exit
 * status. */
int driver_options_stamp(const struct options *opt);

/* jobc build --watch (watch.c): builds, then rebuilds (each time in a
 * new session) whenever a file the last build read changes, printing one
 * line per build; runs until interrupted. */
int driver_watch(const struct options *opt, char **files, int nfiles);

#endif
