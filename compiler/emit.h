/* emit.h - the backends: how checked jobs are written (--emit).
 *
 * Backends read only the checked job model (lower.h), never the syntax
 * tree.  Each renders one job as one document; a stream of documents on
 * standard output is framed by the backend: YAML documents (the Kubernetes
 * objects, or Planton's manifests) are separated by "---" lines, JSON is
 * the object itself for one job and a v1 List of them for several.
 */
#ifndef JOBC_EMIT_H
#define JOBC_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "lower.h"

struct backend {
	const char *name;        /* "yaml", "json", "planton" */
	const char *ext;         /* the file extension with -o: ".yaml" */
	enum emit_target target;
	/* Appends job m as one document. */
	void (*render)(struct buf *out, const struct job_model *m);
	bool json;               /* framed as JSON (a List), else as YAML documents */
};

/* The backend called name, or NULL. */
const struct backend *backend_find(const char *name);
/* The names of every backend, as "yaml|json|planton". */
const char *backend_names(void);

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
