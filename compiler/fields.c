/* fields.c - the field table; see fields.h.
 *
 * Kubernetes paths and defaults follow the batch/v1 API (see
 * docs/fields.md, generated from this table, and docs/rules.md).
 */
#include "fields.h"

#include <stdio.h>
#include <string.h>

static const struct enum_word restart_words[] = {
	{"never", "Never"},
	{"on-failure", "OnFailure"},
	{NULL, NULL},
};

#define I32_MAX 2147483647LL
#define I64_MAX 9223372036854775807LL

/* Fields of the Job object and its pod. */
static const struct field job_fields[] = {
	{"namespace", FT_STRING, SCOPE_OBJECT, "metadata.namespace", "spec.namespace.value", NULL,
	 NULL, 0, 0, NULL, "namespace the Job is created in"},
	{"labels", FT_STRMAP, SCOPE_OBJECT, "metadata.labels", "metadata.labels", NULL, NULL, 0, 0,
	 NULL, "labels of the Job, also put on its pods"},
	{"container-name", FT_STRING, SCOPE_CONTAINER, "name", NULL, "the job name", NULL, 0, 0,
	 NULL, "name of the main container, when the job name cannot be one (it has dots)"},
	{"restart", FT_ENUM, SCOPE_OBJECT, "spec.template.spec.restartPolicy", "spec.restartPolicy",
	 "never", restart_words, 0, 0, NULL,
	 "what happens when a container fails: never (a new pod) or on-failure (restart in place)"},
	{"retries", FT_INT, SCOPE_OBJECT, "spec.backoffLimit", "spec.backoffLimit", "6", NULL, 0,
	 I32_MAX, "JOB102", "retries before the Job is marked failed"},
	{"deadline", FT_DURATION, SCOPE_OBJECT, "spec.activeDeadlineSeconds",
	 "spec.activeDeadlineSeconds", NULL, NULL, 0, I64_MAX, "JOB102",
	 "how long the Job may run before it is stopped and marked failed"},
	{"ttl", FT_DURATION, SCOPE_OBJECT, "spec.ttlSecondsAfterFinished",
	 "spec.ttlSecondsAfterFinished", NULL, NULL, 0, I32_MAX, "JOB102",
	 "how long a finished Job is kept before it is deleted"},
};

/* Fields of a container (the job's main container, or a `container` block). */
static const struct field container_fields[] = {
	{"image", FT_STRING, SCOPE_CONTAINER, "image", "spec.image", NULL, NULL, 0, 0, NULL,
	 "container image, such as registry.example.com/app:1.2.0"},
	{"command", FT_STRLIST, SCOPE_CONTAINER, "command", "spec.command", NULL, NULL, 0, 0, NULL,
	 "entrypoint, replacing the image's ENTRYPOINT"},
	{"args", FT_STRLIST, SCOPE_CONTAINER, "args", "spec.args", NULL, NULL, 0, 0, NULL,
	 "arguments, replacing the image's CMD"},
	{"env", FT_ENVMAP, SCOPE_CONTAINER, "env", "spec.env", NULL, NULL, 0, 0, NULL,
	 "environment variables: NAME = value, secret(name, key), configmap(name, key) or field(path)"},
};

const struct schema schema_container = {
	"container", container_fields, sizeof container_fields / sizeof *container_fields, NULL,
};

const struct schema schema_job = {
	"job", job_fields, sizeof job_fields / sizeof *job_fields, &schema_container,
};

const struct field *field_find(const struct schema *s, const char *name)
{
	for (; s; s = s->also)
		for (unsigned i = 0; i < s->nfields; i++)
			if (strcmp(s->fields[i].name, name) == 0)
				return &s->fields[i];
	return NULL;
}

const char *field_k8s_path(const struct field *f)
{
	static _Thread_local char buf[256];
	if (f->scope == SCOPE_CONTAINER) {
		snprintf(buf, sizeof buf, "spec.template.spec.containers[0].%s", f->k8s);
		return buf;
	}
	return f->k8s;
}

static const char *last_component(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot ? dot + 1 : path;
}

const struct field *field_by_k8s_name(const struct schema *s, const char *name)
{
	for (const struct schema *t = s; t; t = t->also)
		for (unsigned i = 0; i < t->nfields; i++) {
			const struct field *f = &t->fields[i];
			if (strcmp(last_component(f->k8s), name) == 0 && strcmp(f->name, name) != 0)
				return f;
			/* Planton spells some fields its own way (spec.env.variables). */
			if (f->planton && strcmp(last_component(f->planton), name) == 0 &&
			    strcmp(f->name, name) != 0 && strcmp(name, "value") != 0)
				return f;
		}
	return NULL;
}

unsigned edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 64 || m > 64)
		return 99;
	unsigned d[65][65];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

const char *field_suggest(const struct schema *s, const char *name)
{
	const char *best = NULL;
	unsigned best_d = 99;
	for (const struct schema *t = s; t; t = t->also)
		for (unsigned i = 0; i < t->nfields; i++) {
			unsigned d = edit_distance(name, t->fields[i].name);
			if (d < best_d) {
				best_d = d;
				best = t->fields[i].name;
			}
		}
	/* Close enough: a third of the length, at least one edit. */
	size_t len = strlen(name);
	unsigned limit = len < 3 ? 1 : (unsigned)(len + 2) / 3;
	return best_d <= limit ? best : NULL;
}

const char *ftype_expected(const struct field *f)
{
	switch (f->type) {
	case FT_STRING: return "a string such as \"text\"";
	case FT_INT: return "an integer such as 3";
	case FT_BOOL: return "true or false";
	case FT_DURATION: return "a duration such as 30s or 1h30m";
	case FT_ENUM: return "one of its words";
	case FT_STRLIST: return "a list of strings such as [\"a\", \"b\"]";
	case FT_STRMAP: return "a map such as { key = \"value\" }";
	case FT_ENVMAP: return "a map such as { NAME = \"value\" }";
	}
	return "a value";
}
