/* emit.h - the backends: what a build writes (--emit).
 *
 * A backend is one row of the table in emit.c: its name, the extension of
 * its files, its own lowering of the checked Job (with its own rules; none
 * for yaml and json, which write the Job itself), its renderer and the
 * framing of several documents on standard output.  Backends read only the
 * checked job (report.h, compile.h), never the syntax tree.  A new backend
 * is a file with its lowering and one row.
 */
#ifndef JOBC_EMIT_H
#define JOBC_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "tree.h"

struct job_ctx;
struct emit_stream;

/* How documents follow each other on standard output. */
struct framing {
	/* Writes one rendered document. */
	void (*put)(struct emit_stream *s, const char *doc, size_t len);
	/* Ends the stream (after any number of documents, none included). */
	void (*close)(struct emit_stream *s);
};

struct backend {
	const char *name;        /* "yaml", "json", "planton" */
	const char *ext;         /* the file extension with -o: ".yaml" */
	/* The backend's own form of the checked Job cx->obj (before
	 * --defaults explicit and before a CronJob is wrapped around it), or
	 * NULL after reporting what it cannot express.  NULL: the backend
	 * writes the Job itself. */
	struct tree *(*lower)(struct job_ctx *cx);
	/* Whether the backend can write the Job's field at the Kubernetes path
	 * path (as the field table spells it) for this job, so that a lint
	 * may ask for it.  NULL: it writes every field of the Job. */
	bool (*carries)(const struct job_ctx *cx, const char *path);
	/* Appends one document. */
	void (*render)(struct buf *out, const struct tree *doc);
	const struct framing *framing;
};

/* The backend called name, or NULL. */
const struct backend *backend_find(const char *name);
/* The names of every backend, as "yaml|json|planton". */
const char *backend_names(void);

/* The backends' own lowerings. */
struct tree *planton_lower(struct job_ctx *cx); /* emit_planton.c */
bool planton_carries(const struct job_ctx *cx, const char *path);

/* Documents written one by one to f (standard output).  A JSON stream
 * holds its first document back until it knows whether a List is needed,
 * so memory does not grow with the number of jobs. */
struct emit_stream {
	const struct backend *b;
	FILE *f;
	unsigned n;
	struct buf first;
};

void emit_stream_init(struct emit_stream *s, const struct backend *b, FILE *f);
/* Writes one rendered document. */
void emit_stream_put(struct emit_stream *s, const char *doc, size_t len);
/* Ends the stream; false when writing failed. */
bool emit_stream_close(struct emit_stream *s);

#endif
