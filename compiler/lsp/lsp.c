/* lsp.c - the server: JSON-RPC over stdin/stdout with Content-Length
 * framing, the lifecycle, the open documents, and their diagnostics.
 *
 * Every request that runs the compiler runs it in a child process (fork):
 * the documents stay in the server, and a crash, an abort or a runaway
 * allocation in one request costs that request an InternalError reply,
 * never the server.  A check of a 1,000-line file takes a few
 * milliseconds, the fork well under one (bench/lsp.sh).
 *
 * Diagnostics are what jobc check prints with --diagnostics json, for the
 * document as the editor holds it (every open document is read in place
 * of its file: struct overlay), with its includes read from disk relative
 * to it.  An error in an included file is published to that file, and
 * shown at the include in the document too.
 */
#define _GNU_SOURCE
#include "lsp.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "alloc.h"
#include "driver.h"
#include "fileio.h"
#include "jsonw.h"

/* The largest message taken: a document of 64 MiB is refused (and the
 * input limit of a check is smaller still). */
#define LSP_MAX_MESSAGE (64u << 20)

/* JSON-RPC and LSP error codes */
enum {
	PARSE_ERROR = -32700,
	INVALID_REQUEST = -32600,
	METHOD_NOT_FOUND = -32601,
	INVALID_PARAMS = -32602,
	INTERNAL_ERROR = -32603,
	SERVER_NOT_INITIALIZED = -32002,
};

struct server {
	const struct options *opt;
	const char *version, *commit;
	bool isolate; /* run the compiler in a child (lsp_serve) or here (fuzzing) */
	FILE *in, *out;
	struct lsp_doc *docs;
	unsigned ndocs, capdocs;
	bool initialized, shutdown;
	char *cache_dir;
};

/* ---- the wire ----------------------------------------------------------------- */

static void send_json(struct server *sv, cJSON *msg)
{
	cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
	char *s = cJSON_PrintUnformatted(msg);
	if (s) {
		fprintf(sv->out, "Content-Length: %zu\r\n\r\n%s", strlen(s), s);
		fflush(sv->out);
		cJSON_free(s);
	}
	cJSON_Delete(msg);
}

/* A reply to the request of id (a copy is taken): result, or an error. */
static void reply(struct server *sv, const cJSON *id, cJSON *result)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
	cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
	send_json(sv, m);
}

static void reply_error(struct server *sv, const cJSON *id, int code, const char *msg)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
	cJSON *e = cJSON_AddObjectToObject(m, "error");
	cJSON_AddNumberToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", msg);
	send_json(sv, m);
}

static void notify(struct server *sv, const char *method, cJSON *params)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "method", method);
	cJSON_AddItemToObject(m, "params", params);
	send_json(sv, m);
}

/* Reads one message.  1: its body in *body (malloc'd); 0: the end of the
 * input; -1: a message that could not be taken (said on stderr), skipped. */
static int read_message(FILE *in, char **body, size_t *len)
{
	char *line = NULL;
	size_t cap = 0;
	long long length = -1;
	bool any = false;
	for (;;) {
		ssize_t n = getline(&line, &cap, in);
		if (n < 0) {
			free(line);
			return any ? -1 : 0;
		}
		any = true;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			break;
		if (!strncasecmp(line, "Content-Length:", 15)) {
			char *end;
			errno = 0;
			long long v = strtoll(line + 15, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
			length = errno || *end || v < 0 ? -2 : v;
		}
	}
	free(line);
	if (length < 0) {
		fprintf(stderr, "jobc lsp: a message without a valid Content-Length header: skipped\n");
		return -1;
	}
	if ((unsigned long long)length > LSP_MAX_MESSAGE) {
		fprintf(stderr, "jobc lsp: a message of %lld bytes is over the limit (%u): skipped\n",
		        length, LSP_MAX_MESSAGE);
		char chunk[65536];
		for (long long left = length; left > 0;) {
			size_t got = fread(chunk, 1, left < (long long)sizeof chunk ? (size_t)left : sizeof chunk, in);
			if (!got)
				return 0;
			left -= (long long)got;
		}
		return -1;
	}
	*body = xmalloc((size_t)length + 1);
	size_t got = fread(*body, 1, (size_t)length, in);
	(*body)[got] = '\0';
	*len = got;
	if (got < (size_t)length) {
		xfree(*body);
		return 0; /* cut off: the client is gone */
	}
	return 1;
}

/* ---- running the compiler in a child ------------------------------------------------ */

/* Runs fn(arg, out) in a child process (here, without sv->isolate);
 * returns what it wrote (malloc'd, NUL-terminated) or NULL when it did not
 * end well (*why says how). */
static char *isolated(const struct server *sv, void (*fn)(const void *, struct buf *),
                      const void *arg, size_t *len, const char **why)
{
	if (!sv->isolate) {
		struct buf out = BUF_INIT;
		fn(arg, &out);
		buf_putc(&out, '\0');
		*len = --out.len;
		return out.data;
	}
	int fds[2];
	if (pipe(fds) != 0) {
		*why = "no pipe";
		return NULL;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		*why = "no process";
		return NULL;
	}
	if (pid == 0) {
		close(fds[0]);
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
		}
		struct buf out = BUF_INIT;
		fn(arg, &out);
		size_t off = 0;
		while (off < out.len) {
			ssize_t n = write(fds[1], out.data + off, out.len - off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				_exit(1);
			off += (size_t)n;
		}
		_exit(0);
	}
	close(fds[1]);
	struct buf got = BUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fds[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_put(&got, chunk, (size_t)n);
	}
	close(fds[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*why = WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "it failed";
		buf_free(&got);
		return NULL;
	}
	buf_putc(&got, '\0');
	got.len--;
	*len = got.len;
	return got.data;
}

/* The options of a check or a query: the server's, with every open
 * document read in place of its file.  ov: room for sv->ndocs. */
static struct options query_options(const struct server *sv, struct overlay *ov)
{
	struct options o = *sv->opt;
	for (unsigned i = 0; i < sv->ndocs; i++)
		ov[i] = (struct overlay){sv->docs[i].path, sv->docs[i].real, sv->docs[i].text,
		                         sv->docs[i].len};
	o.overlays = ov;
	o.noverlays = sv->ndocs;
	o.color = false;
	o.out_stream = NULL;
	o.diag_stream = NULL;
	return o;
}

struct check_arg {
	const struct options *opt;
	const char *path;
};

/* in the child: jobc check --diagnostics json PATH, the JSON lines into out */
static void check_child(const void *arg, struct buf *out)
{
	const struct check_arg *c = arg;
	struct options o = *c->opt;
	o.check_only = true;
	o.diag_json = true;
	char *text = NULL;
	size_t len = 0;
	FILE *diag = open_memstream(&text, &len), *null = fopen("/dev/null", "w");
	if (!diag || !null) {
		if (diag)
			fclose(diag);
		if (null)
			fclose(null);
		free(text);
		buf_puts(out, "{\"severity\":\"error\",\"message\":\"jobc lsp: out of files\"}\n");
		return;
	}
	o.diag_stream = diag;
	o.out_stream = null;
	struct session S;
	session_init(&S, &o);
	char *path = xstrdup(c->path), *files[1] = {path};
	driver_build(&S, files, 1);
	session_destroy(&S);
	xfree(path);
	fclose(diag);
	fclose(null);
	buf_put(out, text, len);
	free(text);
}

/* ---- diagnostics ---------------------------------------------------------------------- */

static struct lsp_doc *doc_of_path(struct server *sv, const char *path)
{
	for (unsigned i = 0; i < sv->ndocs; i++)
		if (!strcmp(sv->docs[i].path, path))
			return &sv->docs[i];
	return NULL;
}

/* What one check publishes: diagnostics by file (path -> JSON array), and
 * the files it read for their positions, each read once. */
struct by_file {
	char **paths;
	cJSON **diags;
	unsigned n;
	char **read_paths, **read_texts;
	size_t *read_lens;
	unsigned nread;
};

/* The text of file path as the editor sees it: its open document, or the
 * file, read once a check (kept in bf). */
static const char *text_of(struct server *sv, struct by_file *bf, const char *path, size_t *len)
{
	struct lsp_doc *d = doc_of_path(sv, path);
	if (d) {
		*len = d->len;
		return d->text;
	}
	for (unsigned i = 0; i < bf->nread; i++)
		if (!strcmp(bf->read_paths[i], path)) {
			*len = bf->read_lens[i];
			return bf->read_texts[i];
		}
	const char *why;
	char *text = file_read(path, sv->opt->max_input, len, &why);
	if (!text)
		*len = 0;
	bf->read_paths = xrealloc(bf->read_paths, (bf->nread + 1) * sizeof *bf->read_paths);
	bf->read_texts = xrealloc(bf->read_texts, (bf->nread + 1) * sizeof *bf->read_texts);
	bf->read_lens = xrealloc(bf->read_lens, (bf->nread + 1) * sizeof *bf->read_lens);
	bf->read_paths[bf->nread] = xstrdup(path);
	bf->read_texts[bf->nread] = text ? text : xstrdup("");
	bf->read_lens[bf->nread++] = *len;
	return bf->read_texts[bf->nread - 1];
}

/* The LSP range of a JSON diagnostic's place (obj with file, line, column,
 * end_line, end_column) in text. */
static cJSON *range_of(const cJSON *obj, const char *text, size_t len)
{
	int64_t l1 = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(obj, "line"));
	int64_t c1 = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(obj, "column"));
	int64_t l2 = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(obj, "end_line"));
	int64_t c2 = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(obj, "end_column"));
	int64_t a, b;
	cJSON *r = cJSON_CreateObject();
	lsp_position_lc(text, len, l1, c1, &a, &b);
	cJSON_AddItemToObject(r, "start", lsp_pos_json(a, b));
	lsp_position_lc(text, len, l2, c2, &a, &b);
	cJSON_AddItemToObject(r, "end", lsp_pos_json(a, b));
	return r;
}

/* The absolute form of a path the check printed (relative to the cwd). */
static char *absolute(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(path);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", cwd, path);
	return b.data;
}

static cJSON *diags_for(struct by_file *bf, const char *path)
{
	for (unsigned i = 0; i < bf->n; i++)
		if (!strcmp(bf->paths[i], path))
			return bf->diags[i];
	bf->paths = xrealloc(bf->paths, (bf->n + 1) * sizeof *bf->paths);
	bf->diags = xrealloc(bf->diags, (bf->n + 1) * sizeof *bf->diags);
	bf->paths[bf->n] = xstrdup(path);
	bf->diags[bf->n] = cJSON_CreateArray();
	return bf->diags[bf->n++];
}

/* One JSON diagnostic of the check into its file's list (and, for an
 * included file, at the include in the document d too). */
static void add_diag(struct server *sv, struct lsp_doc *d, struct by_file *bf, const cJSON *j)
{
	const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(j, "file"));
	const char *sev = cJSON_GetStringValue(cJSON_GetObjectItem(j, "severity"));
	const char *code = cJSON_GetStringValue(cJSON_GetObjectItem(j, "code"));
	const char *msg = cJSON_GetStringValue(cJSON_GetObjectItem(j, "message"));
	const char *option = cJSON_GetStringValue(cJSON_GetObjectItem(j, "option"));
	if (!msg)
		return;
	char *path = absolute(file ? file : d->path);
	if (!file || !strncmp(file, "<stdlib>/", 9)) {
		xfree(path);
		path = xstrdup(d->path);
	}
	size_t len;
	const char *text = text_of(sv, bf, path, &len);
	cJSON *out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "range",
	                      file ? range_of(j, text, len) : lsp_range_json(text, len, 0, 0));
	int severity = sev && !strcmp(sev, "error") ? 1 : sev && !strcmp(sev, "warning") ? 2 : 3;
	cJSON_AddNumberToObject(out, "severity", severity);
	if (code)
		cJSON_AddStringToObject(out, "code", code);
	cJSON_AddStringToObject(out, "source", "jobc");
	/* notes with a place are related information; those without (the
	 * Kubernetes terms) are part of the message, as clang's are */
	struct buf m = BUF_INIT;
	buf_puts(&m, msg);
	if (option)
		buf_printf(&m, " [%s]", option);
	cJSON *related = cJSON_CreateArray();
	const cJSON *note;
	cJSON_ArrayForEach(note, cJSON_GetObjectItem(j, "notes"))
	{
		const char *nm = cJSON_GetStringValue(cJSON_GetObjectItem(note, "message"));
		const char *nf = cJSON_GetStringValue(cJSON_GetObjectItem(note, "file"));
		if (!nm)
			continue;
		if (!nf || !strncmp(nf, "<stdlib>/", 9)) {
			buf_printf(&m, "\n%s", nm);
			continue;
		}
		char *np = absolute(nf);
		size_t nlen;
		const char *ntext = text_of(sv, bf, np, &nlen);
		cJSON *ri = cJSON_CreateObject();
		cJSON *loc = cJSON_AddObjectToObject(ri, "location");
		char *uri = lsp_path_uri(np);
		cJSON_AddStringToObject(loc, "uri", uri);
		cJSON_AddItemToObject(loc, "range", range_of(note, ntext, nlen));
		cJSON_AddStringToObject(ri, "message", nm);
		cJSON_AddItemToArray(related, ri);
		xfree(uri);
		xfree(np);
	}
	cJSON_AddStringToObject(out, "message", m.data);
	if (cJSON_GetArraySize(related))
		cJSON_AddItemToObject(out, "relatedInformation", related);
	else
		cJSON_Delete(related);
	/* a fix-it in the document: a code action */
	const cJSON *fix = cJSON_GetObjectItem(j, "fix");
	const char *ff = cJSON_GetStringValue(cJSON_GetObjectItem(fix, "file"));
	const char *rep = cJSON_GetStringValue(cJSON_GetObjectItem(fix, "replacement"));
	if (ff && rep && !strcmp(path, d->path)) {
		char *fp = absolute(ff);
		if (!strcmp(fp, d->path)) {
			cJSON *f = cJSON_CreateObject();
			cJSON_AddItemToObject(f, "range", range_of(fix, d->text, d->len));
			cJSON_AddStringToObject(f, "newText", rep);
			struct buf title = BUF_INIT;
			buf_printf(&title, rep[0] ? "Replace with '%s'" : "Remove it", rep);
			cJSON_AddStringToObject(f, "title", title.data);
			cJSON_AddItemToObject(f, "diagnostic", cJSON_Duplicate(out, true));
			cJSON_AddItemToArray(d->fixes, f);
			buf_free(&title);
		}
		xfree(fp);
	}
	cJSON_AddItemToArray(diags_for(bf, path), out);
	/* in an included file: at the document's include of it as well */
	if (strcmp(path, d->path)) {
		const cJSON *site, *outer = NULL;
		cJSON_ArrayForEach(site, cJSON_GetObjectItem(j, "included_from"))
		{
			const char *sf = cJSON_GetStringValue(cJSON_GetObjectItem(site, "file"));
			char *sp = sf ? absolute(sf) : NULL;
			if (sp && !strcmp(sp, d->path))
				outer = site;
			xfree(sp);
		}
		if (outer) {
			cJSON *at = cJSON_CreateObject();
			cJSON_AddItemToObject(at, "range", range_of(outer, d->text, d->len));
			cJSON_AddNumberToObject(at, "severity", severity);
			if (code)
				cJSON_AddStringToObject(at, "code", code);
			cJSON_AddStringToObject(at, "source", "jobc");
			struct buf im = BUF_INIT;
			const char *base = strrchr(path, '/');
			buf_printf(&im, "in %s, included here: %s", base ? base + 1 : path, msg);
			cJSON_AddStringToObject(at, "message", im.data);
			buf_free(&im);
			cJSON_AddItemToArray(diags_for(bf, d->path), at);
		}
	}
	buf_free(&m);
	xfree(path);
}

static void publish(struct server *sv, const char *uri, cJSON *diags, int64_t version)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "uri", uri);
	if (version >= 0)
		cJSON_AddNumberToObject(p, "version", (double)version);
	cJSON_AddItemToObject(p, "diagnostics", diags);
	notify(sv, "textDocument/publishDiagnostics", p);
}

/* Checks document d as jobc check would and publishes what it says. */
static void check_doc(struct server *sv, struct lsp_doc *d)
{
	struct overlay *ov = xcalloc(sv->ndocs + 1, sizeof *ov);
	struct options o = query_options(sv, ov);
	struct check_arg arg = {&o, d->path};
	size_t len;
	const char *why = NULL;
	char *lines = isolated(sv, check_child, &arg, &len, &why);
	xfree(ov);
	cJSON_Delete(d->fixes);
	d->fixes = cJSON_CreateArray();
	struct by_file bf;
	memset(&bf, 0, sizeof bf);
	diags_for(&bf, d->path); /* the document's own list first, even when empty */
	if (!lines) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddItemToObject(e, "range", lsp_range_json(d->text, d->len, 0, 0));
		cJSON_AddNumberToObject(e, "severity", 1);
		cJSON_AddStringToObject(e, "source", "jobc");
		struct buf m = BUF_INIT;
		buf_printf(&m, "internal error: checking this file failed (%s); please report it", why);
		cJSON_AddStringToObject(e, "message", m.data);
		buf_free(&m);
		cJSON_AddItemToArray(bf.diags[0], e);
	}
	for (char *s = lines; s && *s;) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		cJSON *j = cJSON_Parse(s);
		if (j)
			add_diag(sv, d, &bf, j);
		cJSON_Delete(j);
		s = nl ? nl + 1 : s + strlen(s);
	}
	xfree(lines);
	/* publish every file that has diagnostics now (the document last: a
	 * client waiting for it has the others), and clear those that had some
	 * from this document's last check */
	char **now = xcalloc(bf.n + 1, sizeof *now);
	unsigned nnow = 0;
	for (unsigned i = bf.n; i-- > 0;) { /* the document's own last */
		char *uri = !strcmp(bf.paths[i], d->path) ? xstrdup(d->uri) : lsp_path_uri(bf.paths[i]);
		publish(sv, uri, bf.diags[i], !strcmp(bf.paths[i], d->path) ? d->version : -1);
		if (strcmp(bf.paths[i], d->path))
			now[nnow++] = xstrdup(uri);
		xfree(uri);
		xfree(bf.paths[i]);
	}
	for (unsigned i = 0; i < d->npublished; i++) {
		bool still = false;
		for (unsigned k = 0; k < nnow && !still; k++)
			still = !strcmp(now[k], d->published[i]);
		if (!still)
			publish(sv, d->published[i], cJSON_CreateArray(), -1);
		xfree(d->published[i]);
	}
	xfree(d->published);
	d->published = now;
	d->npublished = nnow;
	for (unsigned i = 0; i < bf.nread; i++) {
		xfree(bf.read_paths[i]);
		xfree(bf.read_texts[i]);
	}
	xfree(bf.read_paths);
	xfree(bf.read_texts);
	xfree(bf.read_lens);
	xfree(bf.paths);
	xfree(bf.diags);
}

/* ---- documents -------------------------------------------------------------------------- */

static struct lsp_doc *doc_of(struct server *sv, const cJSON *params)
{
	const char *uri = cJSON_GetStringValue(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(params, "textDocument"), "uri"));
	for (unsigned i = 0; uri && i < sv->ndocs; i++)
		if (!strcmp(sv->docs[i].uri, uri))
			return &sv->docs[i];
	return NULL;
}

static void doc_free(struct lsp_doc *d)
{
	xfree(d->uri);
	xfree(d->path);
	free(d->real);
	xfree(d->text);
	cJSON_Delete(d->fixes);
	for (unsigned i = 0; i < d->npublished; i++)
		xfree(d->published[i]);
	xfree(d->published);
}

static void did_open(struct server *sv, const cJSON *params)
{
	const cJSON *td = cJSON_GetObjectItem(params, "textDocument");
	const char *uri = cJSON_GetStringValue(cJSON_GetObjectItem(td, "uri"));
	const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(td, "text"));
	char *path = lsp_uri_path(uri);
	if (!path || !text) {
		fprintf(stderr, "jobc lsp: didOpen of '%s': not a file: URI with text\n", uri ? uri : "?");
		xfree(path);
		return;
	}
	struct lsp_doc *d = doc_of(sv, params);
	if (!d) {
		if (sv->ndocs == sv->capdocs) {
			sv->capdocs = sv->capdocs ? sv->capdocs * 2 : 8;
			sv->docs = xrealloc(sv->docs, sv->capdocs * sizeof *sv->docs);
		}
		d = &sv->docs[sv->ndocs++];
		memset(d, 0, sizeof *d);
		d->uri = xstrdup(uri);
		d->fixes = cJSON_CreateArray();
	} else {
		xfree(d->path);
		free(d->real);
		xfree(d->text);
	}
	d->path = path;
	d->real = realpath(path, NULL);
	d->text = xstrdup(text);
	d->len = strlen(text);
	const cJSON *v = cJSON_GetObjectItem(td, "version");
	d->version = cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
	check_doc(sv, d);
}

/* One change: the whole text, or a range replaced. */
static bool apply_change(struct lsp_doc *d, const cJSON *ch)
{
	const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(ch, "text"));
	if (!text)
		return false;
	const cJSON *range = cJSON_GetObjectItem(ch, "range");
	size_t n = strlen(text);
	if (!range) {
		xfree(d->text);
		d->text = xstrdup(text);
		d->len = n;
		return true;
	}
	const cJSON *s = cJSON_GetObjectItem(range, "start"), *e = cJSON_GetObjectItem(range, "end");
	const cJSON *sl = cJSON_GetObjectItem(s, "line"), *sc = cJSON_GetObjectItem(s, "character");
	const cJSON *el = cJSON_GetObjectItem(e, "line"), *ec = cJSON_GetObjectItem(e, "character");
	if (!cJSON_IsNumber(sl) || !cJSON_IsNumber(sc) || !cJSON_IsNumber(el) || !cJSON_IsNumber(ec))
		return false;
	size_t a = lsp_offset(d->text, d->len, (int64_t)sl->valuedouble, (int64_t)sc->valuedouble);
	size_t b = lsp_offset(d->text, d->len, (int64_t)el->valuedouble, (int64_t)ec->valuedouble);
	if (b < a)
		b = a;
	char *t = xmalloc(d->len - (b - a) + n + 1);
	memcpy(t, d->text, a);
	memcpy(t + a, text, n);
	memcpy(t + a + n, d->text + b, d->len - b);
	d->len = d->len - (b - a) + n;
	t[d->len] = '\0';
	xfree(d->text);
	d->text = t;
	return true;
}

static void did_change(struct server *sv, const cJSON *params)
{
	struct lsp_doc *d = doc_of(sv, params);
	if (!d)
		return;
	const cJSON *ch;
	cJSON_ArrayForEach(ch, cJSON_GetObjectItem(params, "contentChanges"))
	{
		if (!apply_change(d, ch))
			fprintf(stderr, "jobc lsp: a change to %s without text or range: ignored\n", d->uri);
	}
	const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(params, "textDocument"), "version");
	if (cJSON_IsNumber(v))
		d->version = (int64_t)v->valuedouble;
	check_doc(sv, d);
}

static void did_close(struct server *sv, const cJSON *params)
{
	struct lsp_doc *d = doc_of(sv, params);
	if (!d)
		return;
	publish(sv, d->uri, cJSON_CreateArray(), -1);
	for (unsigned i = 0; i < d->npublished; i++)
		publish(sv, d->published[i], cJSON_CreateArray(), -1);
	doc_free(d);
	*d = sv->docs[--sv->ndocs];
	/* the others may include it: what they say may change */
	for (unsigned i = 0; i < sv->ndocs; i++)
		check_doc(sv, &sv->docs[i]);
}

/* ---- requests about a place ------------------------------------------------------------ */

struct query_arg {
	struct lsp_query q;
	void (*fn)(const struct lsp_query *, cJSON **);
};

static void query_child(const void *arg, struct buf *out)
{
	const struct query_arg *a = arg;
	cJSON *result = NULL;
	a->fn(&a->q, &result);
	char *s = result ? cJSON_PrintUnformatted(result) : NULL;
	buf_puts(out, s ? s : "null");
	cJSON_free(s);
	cJSON_Delete(result);
}

static void answer(struct server *sv, const cJSON *id, const cJSON *params,
                   void (*fn)(const struct lsp_query *, cJSON **))
{
	struct lsp_doc *d = doc_of(sv, params);
	if (!d) {
		reply_error(sv, id, INVALID_PARAMS, "the document is not open");
		return;
	}
	const cJSON *pos = cJSON_GetObjectItem(params, "position");
	const cJSON *l = cJSON_GetObjectItem(pos, "line"), *c = cJSON_GetObjectItem(pos, "character");
	struct overlay *ov = xcalloc(sv->ndocs + 1, sizeof *ov);
	struct options o = query_options(sv, ov);
	struct query_arg a = {{&o, d, 0, sv->cache_dir}, fn};
	if (cJSON_IsNumber(l) && cJSON_IsNumber(c))
		a.q.offset = lsp_offset(d->text, d->len, (int64_t)l->valuedouble, (int64_t)c->valuedouble);
	size_t len;
	const char *why = NULL;
	char *s = isolated(sv, query_child, &a, &len, &why);
	xfree(ov);
	cJSON *result = s ? cJSON_Parse(s) : NULL;
	xfree(s);
	if (!result) {
		struct buf m = BUF_INIT;
		buf_printf(&m, "jobc lsp: the request failed (%s); please report it", why ? why : "?");
		reply_error(sv, id, INTERNAL_ERROR, m.data);
		buf_free(&m);
		return;
	}
	reply(sv, id, result);
}

/* textDocument/codeAction: the fix-its of the last check in the range */
static void code_action(struct server *sv, const cJSON *id, const cJSON *params)
{
	struct lsp_doc *d = doc_of(sv, params);
	cJSON *actions = cJSON_CreateArray();
	const cJSON *range = cJSON_GetObjectItem(params, "range");
	double from = cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(range, "start"), "line"));
	double to = cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(range, "end"), "line"));
	const cJSON *f, *fixes = d ? d->fixes : NULL;
	cJSON_ArrayForEach(f, fixes)
	{
		const cJSON *r = cJSON_GetObjectItem(f, "range");
		double a = cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "start"), "line"));
		double b = cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "end"), "line"));
		if (range && (b < from || a > to))
			continue;
		cJSON *act = cJSON_CreateObject();
		cJSON_AddStringToObject(act, "title", cJSON_GetStringValue(cJSON_GetObjectItem(f, "title")));
		cJSON_AddStringToObject(act, "kind", "quickfix");
		cJSON *ds = cJSON_AddArrayToObject(act, "diagnostics");
		cJSON_AddItemToArray(ds, cJSON_Duplicate(cJSON_GetObjectItem(f, "diagnostic"), true));
		cJSON_AddBoolToObject(act, "isPreferred", true);
		cJSON *edit = cJSON_CreateObject();
		cJSON_AddItemToObject(edit, "range", cJSON_Duplicate(r, true));
		cJSON_AddStringToObject(edit, "newText", cJSON_GetStringValue(cJSON_GetObjectItem(f, "newText")));
		cJSON *edits = cJSON_CreateArray();
		cJSON_AddItemToArray(edits, edit);
		cJSON *changes = cJSON_AddObjectToObject(cJSON_AddObjectToObject(act, "edit"), "changes");
		cJSON_AddItemToObject(changes, d->uri, edits);
		cJSON_AddItemToArray(actions, act);
	}
	reply(sv, id, actions);
}

/* ---- the lifecycle --------------------------------------------------------------------- */

static cJSON *capabilities(const struct server *sv)
{
	cJSON *r = cJSON_CreateObject();
	cJSON *c = cJSON_AddObjectToObject(r, "capabilities");
	cJSON *sync = cJSON_AddObjectToObject(c, "textDocumentSync");
	cJSON_AddBoolToObject(sync, "openClose", true);
	cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
	cJSON_AddBoolToObject(c, "hoverProvider", true);
	cJSON *comp = cJSON_AddObjectToObject(c, "completionProvider");
	cJSON *trig = cJSON_AddArrayToObject(comp, "triggerCharacters");
	for (const char *t = ":\"/="; *t; t++) {
		char s[2] = {*t, 0};
		cJSON_AddItemToArray(trig, cJSON_CreateString(s));
	}
	cJSON_AddBoolToObject(c, "definitionProvider", true);
	cJSON_AddBoolToObject(c, "documentSymbolProvider", true);
	cJSON_AddBoolToObject(c, "documentFormattingProvider", true);
	cJSON *ca = cJSON_AddObjectToObject(c, "codeActionProvider");
	cJSON *kinds = cJSON_AddArrayToObject(ca, "codeActionKinds");
	cJSON_AddItemToArray(kinds, cJSON_CreateString("quickfix"));
	cJSON *info = cJSON_AddObjectToObject(r, "serverInfo");
	cJSON_AddStringToObject(info, "name", "jobc");
	cJSON_AddStringToObject(info, "version", sv->version);
	return r;
}

/* One message; returns -1 to go on, else the exit status. */
static int handle(struct server *sv, const char *body, size_t len)
{
	cJSON *msg = cJSON_ParseWithLength(body, len);
	if (!msg) {
		reply_error(sv, NULL, PARSE_ERROR, "the message is not JSON");
		return -1;
	}
	const cJSON *id = cJSON_GetObjectItem(msg, "id");
	const char *method = cJSON_GetStringValue(cJSON_GetObjectItem(msg, "method"));
	const cJSON *params = cJSON_GetObjectItem(msg, "params");
	bool request = id && (cJSON_IsNumber(id) || cJSON_IsString(id));
	int status = -1;
	if (!cJSON_IsObject(msg) || !method) {
		if (request || !cJSON_GetObjectItem(msg, "result")) /* a reply to us needs nothing */
			reply_error(sv, request ? id : NULL, INVALID_REQUEST, "a request needs a method");
	} else if (!strcmp(method, "exit")) {
		status = sv->shutdown ? 0 : 1;
	} else if (!sv->initialized && strcmp(method, "initialize")) {
		if (request)
			reply_error(sv, id, SERVER_NOT_INITIALIZED, "initialize comes first");
	} else if (sv->shutdown) {
		if (request)
			reply_error(sv, id, INVALID_REQUEST, "the server is shutting down");
	} else if (!strcmp(method, "initialize")) {
		if (sv->initialized)
			reply_error(sv, id, INVALID_REQUEST, "initialize was already sent");
		else {
			sv->initialized = true;
			reply(sv, id, capabilities(sv));
		}
	} else if (!strcmp(method, "shutdown")) {
		sv->shutdown = true;
		reply(sv, id, NULL);
	} else if (!strcmp(method, "textDocument/didOpen")) {
		did_open(sv, params);
	} else if (!strcmp(method, "textDocument/didChange")) {
		did_change(sv, params);
	} else if (!strcmp(method, "textDocument/didClose")) {
		did_close(sv, params);
	} else if (!strcmp(method, "textDocument/hover")) {
		answer(sv, id, params, lsp_hover);
	} else if (!strcmp(method, "textDocument/completion")) {
		answer(sv, id, params, lsp_completion);
	} else if (!strcmp(method, "textDocument/definition")) {
		answer(sv, id, params, lsp_definition);
	} else if (!strcmp(method, "textDocument/documentSymbol")) {
		answer(sv, id, params, lsp_symbols);
	} else if (!strcmp(method, "textDocument/formatting")) {
		answer(sv, id, params, lsp_formatting);
	} else if (!strcmp(method, "textDocument/codeAction")) {
		code_action(sv, id, params);
	} else if (request) {
		struct buf m = BUF_INIT;
		buf_printf(&m, "jobc lsp has no method '%s'", method);
		reply_error(sv, id, METHOD_NOT_FOUND, m.data);
		buf_free(&m);
	} /* else a notification it does not need ($/cancelRequest, didSave, ...) */
	cJSON_Delete(msg);
	return status;
}

/* Where the std library's files are written for go-to-definition: a
 * cache folder of this version of jobc. */
static char *cache_dir(const char *version, const char *commit)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct buf b = BUF_INIT;
	if (xdg && *xdg == '/')
		buf_printf(&b, "%s/jobc/%s-%s", xdg, version, commit);
	else if (home && *home == '/')
		buf_printf(&b, "%s/.cache/jobc/%s-%s", home, version, commit);
	else
		buf_printf(&b, "/tmp/jobc-%u/%s-%s", (unsigned)getuid(), version, commit);
	return b.data;
}

int lsp_serve(const struct options *opt, const char *version, const char *commit)
{
	signal(SIGPIPE, SIG_IGN);
	return lsp_serve_stream(opt, version, commit, stdin, stdout, true);
}

int lsp_serve_stream(const struct options *opt, const char *version, const char *commit,
                     FILE *in, FILE *out, bool isolate)
{
	struct server sv = {.opt = opt, .version = version, .commit = commit, .isolate = isolate,
	                    .in = in, .out = out, .cache_dir = cache_dir(version, commit)};
	int status = 1;
	for (;;) {
		char *body = NULL;
		size_t len = 0;
		int r = read_message(sv.in, &body, &len);
		if (r == 0)
			break;
		if (r < 0)
			continue;
		int s = handle(&sv, body, len);
		xfree(body);
		if (s >= 0) {
			status = s;
			break;
		}
	}
	for (unsigned i = 0; i < sv.ndocs; i++)
		doc_free(&sv.docs[i]);
	xfree(sv.docs);
	xfree(sv.cache_dir);
	return status;
}
