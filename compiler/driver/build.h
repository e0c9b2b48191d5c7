/* build.h - what the parts of a build share: the inputs, the jobs each
 * made, and the build itself.
 *
 * driver.c runs the build (driver.h is its interface to the rest of jobc);
 * the parts it hands its work to read these: jobnames.c (two jobs of one
 * name), outdir.c (-o DIR), staging.c (the staged writes of -o DIR) and
 * depfile.c (-MD).  Nothing outside the build includes this header.
 */
#ifndef JOBC_BUILD_H
#define JOBC_BUILD_H

#include <pthread.h>
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
	/* the files whose templates this input checks on their own: those no
	 * input before it includes (each file's templates once a build) */
	struct unit **owns;
	unsigned nowns;
	/* read ahead by a thread (NULL: not read, or it failed; then the
	 * load reads it again and reports why); owned until the load
	 * takes it over */
	char *pre;
	size_t prelen;
	unsigned long long dev, ino;
};

struct worker;

/* The Jobs this build's outputs replace (previous.c), read before the
 * build: --against FILE's, or the last stream of -o FILE.  Read only
 * while the workers run. */
struct prev_docs {
	struct arena a;
	struct tree **v;       /* the Jobs and CronJobs, in the arena */
	unsigned *next;        /* v[i]'s next of the same name, +1 (0: none) */
	unsigned n, cap;
	struct map by_name;    /* a name -> its first index in v, +1 */
	const char *where;     /* the file, for the notes */
	bool live;             /* --against: a cluster's copies */
	/* -o FILE: its last stream, read only when a new document is not one
	 * of its documents (by bytes; YAML only), once, under lock */
	char *stream;
	size_t stream_len;
	struct map docs;       /* the stream's documents' bytes (YAML) */
	bool stream_read;
	pthread_mutex_t lock;
	atomic_uint matched;   /* Jobs of this build found among them */
};

/* One build (driver_build_stats): everything in it lives until the build
 * returns. */
struct build {
	struct session *S;     /* the caller's */
	const struct options *opt;
	const char *cwd;       /* the working directory, or NULL when unknown */
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
	struct prev_docs prev;
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

/* ---- staging.c: the files a build writes in DIR, staged first -------------- */

/* path and tmp are owned. */
struct staged {
	char *path;            /* the target */
	char *tmp;             /* staged file, or NULL when unchanged */
};

/* The files staged so far: put in place together once all are staged, or
 * discarded together when one failed. */
struct writer {
	struct build *B;
	struct staged *v;      /* owned */
	unsigned n, cap;
	bool failed;
};

/* DIR/.jobc/tmp, where files are staged (a buffer of the calling thread). */
const char *stage_tmp_dir(const struct build *B);
/* Stages path (taken over) with data; reports a failure.  counted: an
 * output (not a depfile or the manifest), for the build's statistics. */
void stage_file(struct writer *W, char *path, const char *data, size_t len, bool counted);

/* ---- previous.c: JOB124, what an update would change --------------------------- */

struct job_model;

/* Reads --against FILE (an error when it cannot be read or holds no Job),
 * or the file of -o FILE when it is there. */
void previous_load(struct build *B);
/* After the build: says when --against held no Job of the build; frees. */
void previous_done(struct build *B);
/* JOB124 for m against --against's Job of m's name, or -o FILE's; doc
 * (len bytes) is m as written, for -o FILE (NULL: --against). */
void previous_compare(struct build *B, const struct job_model *m, const char *doc, size_t len);
/* With -o DIR: JOB124 for m against DIR/path, its last output, when that
 * file is there and its bytes are not the new ones (a the worker's). */
void previous_compare_file(struct build *B, struct arena *a, const struct job_model *m,
                           const char *file);

/* ---- depfile.c: -MD -MF -MT -MP ------------------------------------------------ */

/* Stages the make depfile of every input; a failure sets W->failed. */
void depfile_stage_all(struct writer *W);
/* -o FILE -MD: FILE.d (or -MF), FILE's one rule; false after reporting a
 * failure. */
bool depfile_write_stream_file(struct build *B);
/* The depfile of in (allocated): -MF, or DIR/.deps/<in's path>.d. */
/* replay.c: prints every input's diagnostics in input order, each under
 * the includes of the input that hit it, one that several jobs hit alike
 * once, naming each job. */
void build_replay(struct build *B);

char *depfile_path(const struct build *B, const struct input *in);

/* ---- stamp.c: DIR/.jobc/options ------------------------------------------------- */

/* The options that change what a build writes, as the stamp holds them. */
void options_stamp_text(const struct options *opt, struct buf *b);
/* DIR/.jobc/options (allocated). */
char *options_stamp_path(const char *dir);

/* ---- outdir.c: -o DIR --------------------------------------------------------- */

/* Writes every job's document under DIR, all or nothing, then the
 * depfiles and the manifest (--prune).  Returns 0, or 1 after an error. */
int outdir_write(struct build *B);

#endif
