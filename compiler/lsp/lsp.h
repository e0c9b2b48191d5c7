/* lsp.h - jobc lsp: a Language Server Protocol server over standard input
 * and output, sharing the compiler.
 *
 * lsp.c holds the server: the JSON-RPC framing, the lifecycle, the open
 * documents and their diagnostics (what jobc check says, run in a child
 * process so that no request can take the server down).  lsp_lang.c
 * answers the questions about the source: hover, completion, definition,
 * symbols.  lsp_pos.c converts between LSP positions (UTF-16) and bytes,
 * and between file URIs and paths.
 */
#ifndef JOBC_LSP_H
#define JOBC_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "session.h"

struct cJSON;

/* Serves one client on stdin/stdout until exit; opt: the command line's
 * options (-I, -D, --kube-version, -W...), used for every check.  Returns
 * the exit status: 0 after shutdown and exit, 1 after exit alone or end
 * of input.  version and commit: what initialize says the server is. */
int lsp_serve(const struct options *opt, const char *version, const char *commit);
/* The same on in and out; isolate: each check or question in a child
 * process (false: in this one, for the fuzz target, whose sanitizers must
 * see them). */
int lsp_serve_stream(const struct options *opt, const char *version, const char *commit,
                     FILE *in, FILE *out, bool isolate);

/* An open document. */
struct lsp_doc {
	char *uri;
	char *path;   /* absolute */
	char *real;   /* realpath of path, or NULL */
	char *text;
	size_t len;
	int64_t version;
	/* the fix-its of its last diagnostics, for code actions: a JSON array
	 * of {range, newText, title} */
	struct cJSON *fixes;
	/* the URIs of other files its last check published diagnostics to */
	char **published;
	unsigned npublished;
};

/* What a request about a place in a document needs. */
struct lsp_query {
	const struct options *opt;  /* with every open document as an overlay */
	const struct lsp_doc *doc;
	size_t offset;              /* the position, in bytes */
	const char *cache_dir;      /* where std files are written for definition */
};

/* ---- lsp_pos.c ------------------------------------------------------------ */

/* The byte offset of LSP position (line, character: UTF-16 units) in
 * text; past the end of a line is its end, past the last line the text's
 * end. */
size_t lsp_offset(const char *text, size_t len, int64_t line, int64_t character);
/* The LSP position of byte offset off in text. */
void lsp_position(const char *text, size_t len, size_t off, int64_t *line, int64_t *character);
/* The LSP position of 1-based line and column (in characters, as jobc's
 * diagnostics count them) in text. */
void lsp_position_lc(const char *text, size_t len, int64_t line, int64_t col, int64_t *pline,
                     int64_t *pchar);
/* {"line":..,"character":..} and {"start":..,"end":..} */
struct cJSON *lsp_pos_json(int64_t line, int64_t character);
struct cJSON *lsp_range_json(const char *text, size_t len, size_t start, size_t end);
/* The path of a file: URI (malloc'd), or NULL when it is no such URI. */
char *lsp_uri_path(const char *uri);
/* The file: URI of an absolute path (malloc'd). */
char *lsp_path_uri(const char *path);

/* ---- lsp_lang.c ----------------------------------------------------------- */

/* Each fills *result (a JSON value, or NULL for null) for the query. */
void lsp_hover(const struct lsp_query *q, struct cJSON **result);
void lsp_completion(const struct lsp_query *q, struct cJSON **result);
void lsp_definition(const struct lsp_query *q, struct cJSON **result);
void lsp_symbols(const struct lsp_query *q, struct cJSON **result);
void lsp_formatting(const struct lsp_query *q, struct cJSON **result);

#endif
