/* emit.c - the backend table and the framing of a stream; see emit.h. */
#include "emit.h"

#include <string.h>

#include "jsonw.h"
#include "yamlw.h"

/* ---- framings ------------------------------------------------------------ */

/* YAML documents: separated by "---" lines. */
static void yaml_docs_put(struct emit_stream *s, const char *doc, size_t len)
{
	if (s->n > 1)
		fputs("---\n", s->f);
	fwrite(doc, 1, len, s->f);
}

static void yaml_docs_close(struct emit_stream *s)
{
	(void)s;
}

/* A JSON document as an item of the List: indented by four, no final
 * newline. */
static void put_item(struct emit_stream *s, const char *doc, size_t len)
{
	while (len && doc[len - 1] == '\n')
		len--;
	fputs(s->n > 1 ? ",\n    " : "    ", s->f);
	for (size_t i = 0; i < len; i++) {
		fputc(doc[i], s->f);
		if (doc[i] == '\n')
			fputs("    ", s->f);
	}
}

/* JSON: one job is the object itself, several a v1 List of them. */
static void json_list_put(struct emit_stream *s, const char *doc, size_t len)
{
	if (s->n == 1) {
		buf_put(&s->first, doc, len);
		return;
	}
	if (s->n == 2) {
		fputs("{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n", s->f);
		s->n = 1;
		put_item(s, s->first.data, s->first.len);
		s->n = 2;
		buf_free(&s->first);
	}
	put_item(s, doc, len);
}

static void json_list_close(struct emit_stream *s)
{
	if (s->n == 0)
		fputs("{\n  \"apiVersion\": \"v1\",\n  \"items\": [],\n  \"kind\": \"List\"\n}\n", s->f);
	else if (s->n == 1)
		fwrite(s->first.data, 1, s->first.len, s->f);
	else
		fputs("\n  ],\n  \"kind\": \"List\"\n}\n", s->f);
}

static const struct framing yaml_docs = {yaml_docs_put, yaml_docs_close};
static const struct framing json_list = {json_list_put, json_list_close};

/* ---- the backends -------------------------------------------------------- */

static void render_yaml(struct buf *out, const struct tree *doc)
{
	yaml_write(out, doc);
}

static void render_json(struct buf *out, const struct tree *doc)
{
	json_write_tree(out, doc);
}

static const struct backend backends[] = {
	{"yaml", ".yaml", NULL, NULL, render_yaml, &yaml_docs},
	{"json", ".json", NULL, NULL, render_json, &json_list},
	{"planton", ".yaml", planton_lower, planton_carries, render_yaml, &yaml_docs},
};

#define NBACKENDS (sizeof backends / sizeof *backends)

const struct backend *backend_find(const char *name)
{
	for (size_t i = 0; i < NBACKENDS; i++)
		if (!strcmp(backends[i].name, name))
			return &backends[i];
	return NULL;
}

const char *backend_names(void)
{
	static char names[128];
	if (!names[0]) {
		size_t n = 0;
		for (size_t i = 0; i < NBACKENDS; i++)
			n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", i ? "|" : "", backends[i].name);
	}
	return names;
}

/* ---- the stream ------------------------------------------------------------ */

void emit_stream_init(struct emit_stream *s, const struct backend *b, FILE *f)
{
	s->b = b;
	s->f = f;
	s->n = 0;
	s->first = (struct buf)BUF_INIT;
}

void emit_stream_put(struct emit_stream *s, const char *doc, size_t len)
{
	s->n++;
	s->b->framing->put(s, doc, len);
}

bool emit_stream_close(struct emit_stream *s)
{
	s->b->framing->close(s);
	buf_free(&s->first);
	return fflush(s->f) == 0 && !ferror(s->f);
}
