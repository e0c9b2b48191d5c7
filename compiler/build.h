/* build.h - what the parts of a build share: the inputs, the jobs each
 * made, and the build itself.
 *
 * driver.c runs the build (driver.h is its interface to the rest of jobc);
 * the parts it hands its work to read these.  Nothing outside the build
 * includes this header.
 */
#ifndef JOBC_BUILD_H
#define JOBC_BUILD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "alloc.h"
#include "emit.h"
#include "jobnames.h"
#include "session.h"

/* ---- what a build makes ---------------------------------------------------- */

/* One job made.  name, ns and path are owned: freed with the input, or
 * as soon as its document is on standard output (forget_jobs). */
struct job_out {
	char *name;            /* metadata.name */
	char *ns;              /* metadata.namespace, or NULL */
	char *path;            /* with -o: the file, relative to DIR */
	struct span name_span;
	size_t off, len;       /* its document in its input's text */
	bool same;             /* with -o: DIR/path holds these bytes already */
};

/* One input file and what compiling it made. */
struct input {
	char *file;            /* as given (the caller's) */
	char *key;             /* its absolute, normalized path: the build order; owned */
	struct unit *u;        /* the session's; NULL when unreadable */
	struct diagnostics diag; /* captured, replayed in order */
	struct buf text;       /* its documents, back to back */
	struct job_out *jobs;  /* owned */
	unsigned njobs, capjobs;
	unsigned nstreamed;    /* jobs already written to standard output and forgotten */
	cJSON *resolved;       /* jobc ast --resolved; owned */
	bool done;
	/* read ahead by a thread (NULL: not read, or it failed; then the
	 * load reads it again and reports why); owned until the load
	 * takes it over */
	char *pre;
	size_t prelen;
	unsigned long long dev, ino;
};

struct worker;

/* One build (driver_build_stats): everything in it lives until the build
 * returns. */
struct build {
	struct session *S;     /* the caller's */
	const struct options *opt;
	struct input *in;      /* owned, in build order */
	unsigned nin;
	struct worker *workers; /* owned (driver.c) */
	unsigned nworkers;
	atomic_uint next;      /* the next input to compile */
	atomic_uint errors;    /* errors of compiled inputs, to stop at --max-errors */
	atomic_ullong made;    /* jobs made so far, for --max-jobs */
	/* standard output */
	struct emit_stream out;
	bool streaming;        /* documents go out as they are made */
	bool stream_broken;    /* an error after streaming began */
	unsigned emitted;      /* inputs whose documents are out */
	struct names names;    /* every job's name, to find two of one name */
	bool names_inline;     /* one thread: names are taken as jobs are made */
	/* results */
	unsigned jobs, written, unchanged, removed;
};

/* a/b, allocated (the caller frees it). */
static inline char *join(const char *a, const char *b)
{
	char *p = xmalloc(strlen(a) + strlen(b) + 2);
	sprintf(p, "%s/%s", a, b);
	return p;
}

#endif
