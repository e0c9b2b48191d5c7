/* emit.c - the yaml, json and planton backends; see emit.h. */
#include "emit.h"

#include <string.h>

#include "jsonw.h"
#include "yamlw.h"

static void render_yaml(struct buf *out, const struct job_model *m)
{
	yaml_write(out, m->obj);
}

static void render_json(struct buf *out, const struct job_model *m)
{
	json_write_tree(out, m->obj);
}

static void render_planton(struct buf *out, const struct job_model *m)
{
	yaml_write(out, m->planton);
}

static const struct backend backends[] = {
	{"yaml", ".yaml", EMIT_YAML, render_yaml, false},
	{"json", ".json", EMIT_JSON, render_json, true},
	{"planton", ".yaml", EMIT_PLANTON, render_planton, false},
};

const struct backend *backend_find(const char *name)
{
	for (size_t i = 0; i < sizeof backends / sizeof *backends; i++)
		if (!strcmp(backends[i].name, name))
			return &backends[i];
	return NULL;
}

const char *backend_names(void)
{
	return "yaml|json|planton";
}

void emit_stream_init(struct emit_stream *s, const struct backend *b, FILE *f)
{
	s->b = b;
	s->f = f;
	s->n = 0;
	s->first = (struct buf)BUF_INIT;
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

void emit_stream_put(struct emit_stream *s, const char *doc, size_t len)
{
	s->n++;
	if (!s->b->json) {
		if (s->n > 1)
			fputs("---\n", s->f);
		fwrite(doc, 1, len, s->f);
		return;
	}
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

bool emit_stream_close(struct emit_stream *s)
{
	if (s->b->json && s->n == 0)
		fputs("{\n  \"apiVersion\": \"v1\",\n  \"items\": [],\n  \"kind\": \"List\"\n}\n", s->f);
	else if (s->b->json && s->n == 1)
		fwrite(s->first.data, 1, s->first.len, s->f);
	else if (s->b->json && s->n > 1)
		fputs("\n  ],\n  \"kind\": \"List\"\n}\n", s->f);
	buf_free(&s->first);
	return fflush(s->f) == 0 && !ferror(s->f);
}
