/* lower.c - typing, lowering and checking one job; see lower.h. */
#include "lower.h"

#include <string.h>

#include "fields.h"
#include "names.h"
#include "rules.h"
#include "units.h"

struct lowerer {
	struct arena *a;
	struct diagnostics *d;
	const struct job_record *job;
};

void tree_set_path(struct arena *a, struct tree *root, const char *path, struct tree *value)
{
	struct tree *t = root;
	const char *p = path;
	for (;;) {
		const char *dot = strchr(p, '.');
		if (!dot) {
			tree_set(a, t, p, value);
			return;
		}
		char *key = arena_strndup(a, p, (size_t)(dot - p));
		t = tree_child_map(a, t, key);
		p = dot + 1;
	}
}

/* ---- diagnostics -------------------------------------------------------- */

/* Notes for the templates a value came through, innermost first. */
static void note_provenance(struct lowerer *lw, const struct value *v)
{
	for (const struct origin *o = v ? v->origin : NULL; o; o = o->outer) {
		if (o->outer)
			diag_note(lw->d, o->site, "from template '%s', applied by template '%s' here",
			          o->template_name, o->outer->template_name);
		else
			diag_note(lw->d, o->site, "in job '%s', from template '%s' applied here",
			          lw->job->name, o->template_name);
	}
}

/* "in Kubernetes terms: <path>: <what the API server says>" */
static void note_k8s(struct lowerer *lw, const char *path, const char *msg)
{
	diag_note(lw->d, span_none(), "in Kubernetes terms: %s: %s", path, msg);
}

/* The API server's "Invalid value" note for a bad string. */
static void note_invalid(struct lowerer *lw, const char *path, const char *s, size_t len,
                         const char *why)
{
	diag_note(lw->d, span_none(), "in Kubernetes terms: %s: Invalid value: \"%.*s\": %s", path,
	          len > 80 ? 80 : (int)len, s, why);
}

/* Checks a string value against a Kubernetes name grammar; on failure
 * reports rule `id` as "invalid <what> '<value>'". */
static bool check_name(struct lowerer *lw, const struct value *v, const char *id,
                       const char *what, const char *path,
                       const char *(*grammar)(const char *, size_t))
{
	if (v->kind != V_STR)
		return true;
	const char *why = grammar(v->str.s, v->str.len);
	if (!why)
		return true;
	diag_error(lw->d, v->span, id, "invalid %s '%.*s'", what, (int)v->str.len, v->str.s);
	note_provenance(lw, v);
	note_invalid(lw, path, v->str.s, v->str.len, why);
	return false;
}

static char *describe(struct lowerer *lw, const struct value *v)
{
	struct buf b = BUF_INIT;
	val_describe(&b, v);
	char *s = arena_strndup(lw->a, b.data, b.len);
	buf_free(&b);
	return s;
}

static void type_error(struct lowerer *lw, const struct field *f, const struct value *v,
                       const char *expected)
{
	diag_error(lw->d, v->span, NULL, "invalid value for '%s': expected %s, found %s", f->name,
	           expected ? expected : ftype_expected(f), describe(lw, v));
	note_provenance(lw, v);
}

/* ---- scalar conversions -------------------------------------------------- */

static struct tree *str_tree(struct lowerer *lw, const char *s, uint32_t len, struct span sp)
{
	struct tree *t = tree_str(lw->a, s, len);
	t->span = sp;
	return t;
}

/* A scalar written as text: strings as they are, numbers and bools spelled
 * out (env values and args are strings in Kubernetes). */
static struct tree *text_tree(struct lowerer *lw, const struct field *f, const struct value *v,
                              const char *what)
{
	struct buf b = BUF_INIT;
	if (v->kind == V_UNIT || !val_to_text(&b, v)) {
		buf_free(&b);
		diag_error(lw->d, v->span, NULL, "invalid %s in '%s': expected a string, found %s",
		           what, f->name, describe(lw, v));
		note_provenance(lw, v);
		return NULL;
	}
	struct tree *t = str_tree(lw, arena_strndup(lw->a, b.data ? b.data : "", b.len),
	                          (uint32_t)b.len, v->span);
	buf_free(&b);
	return t;
}

static bool in_range(struct lowerer *lw, const struct field *f, const struct value *v, int64_t n)
{
	if (n >= f->min && n <= f->max)
		return true;
	const char *path = field_k8s_path(f);
	if (n < f->min) {
		diag_error(lw->d, v->span, f->range_rule, "'%s' must be at least %lld, found %lld",
		           f->name, (long long)f->min, (long long)n);
		note_provenance(lw, v);
		char msg[96];
		snprintf(msg, sizeof msg, "Invalid value: %lld: must be greater than or equal to %lld",
		         (long long)n, (long long)f->min);
		note_k8s(lw, path, msg);
	} else {
		diag_error(lw->d, v->span, f->range_rule, "'%s' must be at most %lld, found %lld",
		           f->name, (long long)f->max, (long long)n);
		note_provenance(lw, v);
		note_k8s(lw, path, f->max == 2147483647LL ? "the field is a 32-bit integer"
		                                          : "the value is out of range");
	}
	return false;
}

static struct tree *convert(struct lowerer *lw, const struct field *f, const struct value *v)
{
	switch (f->type) {
	case FT_STRING:
		if (v->kind != V_STR) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		return str_tree(lw, v->str.s, v->str.len, v->span);
	case FT_INT:
		if (v->kind != V_INT) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		if (!in_range(lw, f, v, v->i))
			return NULL;
		break;
	case FT_BOOL:
		if (v->kind != V_BOOL) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		break;
	case FT_DURATION: {
		int64_t secs;
		if (v->kind == V_INT) {
			secs = v->i;
		} else if (v->kind == V_UNIT) {
			const char *why;
			if (!duration_parse(v->str.s, v->str.len, &secs, &why)) {
				diag_error(lw->d, v->span, NULL, "'%.*s' is not a valid duration for '%s': %s",
				           (int)v->str.len, v->str.s, f->name, why);
				note_provenance(lw, v);
				return NULL;
			}
		} else {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		if (!in_range(lw, f, v, secs))
			return NULL;
		struct tree *t = tree_int(lw->a, secs);
		t->span = v->span;
		return t;
	}
	case FT_ENUM: {
		if (v->kind == V_STR) {
			for (const struct enum_word *w = f->words; w->word; w++)
				if (strlen(w->word) == v->str.len && memcmp(w->word, v->str.s, v->str.len) == 0)
					return str_tree(lw, w->k8s, (uint32_t)strlen(w->k8s), v->span);
		}
		struct buf words = BUF_INIT;
		for (const struct enum_word *w = f->words; w->word; w++)
			buf_printf(&words, "%s%s", w == f->words ? "" : w[1].word ? ", " : " or ", w->word);
		const struct enum_word *k8s = NULL;
		if (v->kind == V_STR)
			for (const struct enum_word *w = f->words; w->word; w++)
				if (strlen(w->k8s) == v->str.len && memcmp(w->k8s, v->str.s, v->str.len) == 0)
					k8s = w;
		if (k8s) {
			diag_error(lw->d, v->span, NULL,
			           "'%s' is the Kubernetes spelling; jobc writes %s = %s", k8s->k8s,
			           f->name, k8s->word);
			diag_fixit(lw->d, v->span, k8s->word);
		} else if (strcmp(f->name, "restart") == 0 && v->kind == V_STR) {
			diag_error(lw->d, v->span, "JOB101",
			           "a Job's pods cannot restart '%.*s'; use %s", (int)v->str.len, v->str.s,
			           words.data);
			note_provenance(lw, v);
			note_k8s(lw, "spec.template.spec.restartPolicy",
			         "Required value: valid values: \"OnFailure\", \"Never\"");
		} else {
			diag_error(lw->d, v->span, NULL, "invalid value for '%s': expected %s, found %s",
			           f->name, words.data, describe(lw, v));
			note_provenance(lw, v);
		}
		buf_free(&words);
		return NULL;
	}
	case FT_STRLIST: {
		if (v->kind != V_LIST) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		struct tree *l = tree_list(lw->a);
		l->span = v->span;
		bool ok = true;
		for (uint32_t i = 0; i < v->list.n; i++) {
			struct tree *t = text_tree(lw, f, v->list.v[i], "item");
			if (t)
				tree_push(lw->a, l, t);
			else
				ok = false;
		}
		return ok ? l : NULL;
	}
	case FT_STRMAP: {
		if (v->kind != V_MAP) {
			type_error(lw, f, v, NULL);
			return NULL;
		}
		struct tree *m = tree_map(lw->a);
		m->span = v->span;
		bool ok = true;
		for (uint32_t i = 0; i < v->map->n; i++) {
			struct tree *t = text_tree(lw, f, v->map->e[i].value, "value");
			if (t) {
				t->span = v->map->e[i].key_span; /* key problems point at the key */
				tree_append(lw->a, m, v->map->e[i].key, t);
			} else {
				ok = false;
			}
		}
		return ok ? m : NULL;
	}
	case FT_ENVMAP:
		break; /* lower_env */
	}
	if (f->type == FT_INT)
		return tree_int(lw->a, v->i);
	if (f->type == FT_BOOL)
		return tree_bool(lw->a, v->b);
	return NULL;
}

/* env { NAME = value } -> [{name, value} | {name, valueFrom: {...}}] */
static struct tree *lower_env(struct lowerer *lw, const struct field *f, const struct value *v)
{
	if (v->kind != V_MAP) {
		type_error(lw, f, v, NULL);
		return NULL;
	}
	struct tree *list = tree_list(lw->a);
	bool ok = true;
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const struct value *x = e->value;
		struct tree *item = tree_map(lw->a);
		item->span = e->key_span;
		tree_set(lw->a, item, "name", str_tree(lw, e->key, (uint32_t)strlen(e->key), e->key_span));
		if (x->kind == V_SECRET || x->kind == V_CONFIGMAP) {
			struct tree *ref = tree_map(lw->a);
			tree_set(lw->a, ref, "name", tree_cstr(lw->a, x->ref.name));
			tree_set(lw->a, ref, "key", tree_cstr(lw->a, x->ref.key));
			struct tree *from = tree_map(lw->a);
			tree_set(lw->a, from, x->kind == V_SECRET ? "secretKeyRef" : "configMapKeyRef", ref);
			tree_set(lw->a, item, "valueFrom", from);
		} else if (x->kind == V_FIELDREF) {
			struct tree *ref = tree_map(lw->a);
			tree_set(lw->a, ref, "fieldPath", tree_cstr(lw->a, x->ref.name));
			struct tree *from = tree_map(lw->a);
			tree_set(lw->a, from, "fieldRef", ref);
			tree_set(lw->a, item, "valueFrom", from);
		} else {
			struct tree *t = text_tree(lw, f, x, "value");
			if (!t) {
				ok = false;
				continue;
			}
			tree_set(lw->a, item, "value", t);
		}
		tree_push(lw->a, list, item);
	}
	return ok ? list : NULL;
}

struct tree *lower_field(struct arena *a, struct diagnostics *d, const struct job_record *job,
                         const struct field *f, const struct value *v)
{
	struct lowerer lw = {a, d, job};
	return f->type == FT_ENVMAP ? lower_env(&lw, f, v) : convert(&lw, f, v);
}

/* ---- rules on names ---------------------------------------------------- */

static bool check_job_name(struct lowerer *lw)
{
	const char *name = lw->job->name;
	size_t len = strlen(name);
	const char *why = k8s_dns_subdomain(name, len);
	if (why) {
		diag_error(lw->d, lw->job->name_span, "JOB001", "invalid job name '%s': %s", name,
		           len > 253 ? "it is longer than 253 bytes"
		                     : "use lower-case letters, digits, '-' and '.', starting and "
		                       "ending with a letter or digit");
		note_invalid(lw, "metadata.name", name, len, why);
		return false;
	}
	if (len > 63) {
		diag_error(lw->d, lw->job->name_span, "JOB002",
		           "job name '%s' is %zu bytes long; a Job's name can be at most 63", name, len);
		diag_note(lw->d, span_none(),
		          "Kubernetes copies the name into the pod label job-name, and label values "
		          "are at most 63 bytes");
		note_k8s(lw, "spec.template.labels", "Invalid value: must be no more than 63 bytes");
		return false;
	}
	return true;
}

static const struct value *field_value(const struct job_record *job, const char *name)
{
	/* Field names in records are interned; compare by content here since
	 * the table's spelling is a different pointer. */
	for (uint32_t i = 0; i < job->fields->n; i++)
		if (strcmp(job->fields->e[i].key, name) == 0)
			return job->fields->e[i].value;
	return NULL;
}

static void check_labels(struct lowerer *lw, const struct field *f, const struct value *v)
{
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const char *why = k8s_qualified_name(e->key, strlen(e->key));
		if (why) {
			diag_error(lw->d, e->key_span, "JOB004", "invalid label key '%s' in '%s'", e->key,
			           f->name);
			note_provenance(lw, e->value);
			note_invalid(lw, f->k8s, e->key, strlen(e->key), why);
		}
		const struct value *x = e->value;
		if (x->kind == V_STR) {
			why = k8s_label_value(x->str.s, x->str.len);
			if (why) {
				diag_error(lw->d, x->span, "JOB005", "invalid value for label '%s'", e->key);
				note_provenance(lw, x);
				note_invalid(lw, f->k8s, x->str.s, x->str.len, why);
			}
		}
	}
}

static void check_env_names(struct lowerer *lw, const struct value *v)
{
	for (uint32_t i = 0; i < v->map->n; i++) {
		const struct vmap_entry *e = &v->map->e[i];
		const char *why = k8s_env_name_relaxed(e->key, strlen(e->key));
		if (why) {
			diag_error(lw->d, e->key_span, "JOB401", "invalid environment variable name '%s'",
			           e->key);
			note_provenance(lw, e->value);
			note_invalid(lw, "spec.template.spec.containers[0].env[].name", e->key,
			             strlen(e->key), why);
		}
	}
}

static void check_image(struct lowerer *lw, const struct value *image)
{
	const char *s = image->str.s;
	uint32_t n = image->str.len;
	if (n == 0) {
		diag_error(lw->d, image->span, "JOB301", "the image of job '%s' is empty",
		           lw->job->name);
		note_provenance(lw, image);
		note_k8s(lw, "spec.template.spec.containers[0].image", "Required value");
	} else if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t') {
		diag_error(lw->d, image->span, "JOB302", "image '%.*s' has leading or trailing whitespace",
		           (int)n, s);
		note_provenance(lw, image);
		note_k8s(lw, "spec.template.spec.containers[0].image",
		         "must not have leading or trailing whitespace");
	}
}

/* ---- the Job ------------------------------------------------------------ */

struct tree *lower_job(struct arena *a, struct diagnostics *d, const struct job_record *job)
{
	struct lowerer lw = {a, d, job};
	unsigned before = d->errors;

	struct tree *obj = tree_map(a);
	tree_set(a, obj, "apiVersion", tree_cstr(a, "batch/v1"));
	tree_set(a, obj, "kind", tree_cstr(a, "Job"));
	struct tree *meta = tree_child_map(a, obj, "metadata");
	tree_set(a, meta, "name", str_tree(&lw, job->name, (uint32_t)strlen(job->name), job->name_span));
	bool name_ok = check_job_name(&lw);

	struct tree *container = tree_map(a);
	const struct value *labels = NULL;

	/* Every field set, in the order the job set them (so that errors come
	 * out in source order). */
	for (uint32_t k = 0; k < job->fields->n; k++) {
		const struct field *f = field_find(&schema_job, job->fields->e[k].key);
		const struct value *v = job->fields->e[k].value;
		if (!f)
			continue;
		struct tree *t = f->type == FT_ENVMAP ? lower_env(&lw, f, v) : convert(&lw, f, v);
		if (!t)
			continue;
		/* An empty list or map says nothing Kubernetes needs to hear. */
		if ((t->kind == TREE_LIST && t->list.n == 0) || (t->kind == TREE_MAP && t->map.n == 0))
			continue;
		if (f->type == FT_STRMAP)
			check_labels(&lw, f, v);
		if (f->type == FT_ENVMAP)
			check_env_names(&lw, v);
		if (strcmp(f->name, "labels") == 0)
			labels = v;
		if (strcmp(f->name, "image") == 0)
			check_image(&lw, v);
		if (strcmp(f->name, "namespace") == 0)
			check_name(&lw, v, "JOB003", "namespace", "metadata.namespace", k8s_dns_label);
		if (f->scope == SCOPE_CONTAINER)
			tree_set_path(a, container, f->k8s, t);
		else
			tree_set_path(a, obj, f->k8s, t);
	}

	/* Labels go on the pods too, so that the pods can be found by them. */
	if (labels) {
		struct tree *pod_labels = tree_get(tree_get(obj, "metadata"), "labels");
		if (pod_labels)
			tree_set_path(a, obj, "spec.template.metadata.labels", pod_labels);
	}

	/* The main container is named after the job, unless container-name
	 * says otherwise. */
	const struct value *cname = field_value(job, "container-name");
	if (!cname)
		tree_set(a, container, "name",
		         str_tree(&lw, job->name, (uint32_t)strlen(job->name), job->name_span));
	if (!field_value(job, "image") && !job->incomplete) {
		diag_error(d, job->name_span, "JOB301", "job '%s' has no image", job->name);
		diag_note(d, span_none(), "set one with: image = \"registry.example.com/app:1.0\"");
		note_k8s(&lw, "spec.template.spec.containers[0].image", "Required value");
	}
	const char *cname_why = k8s_dns_label(job->name, strlen(job->name));
	if (!cname && cname_why && name_ok) {
		diag_error(d, job->name_span, "JOB303",
		           "job name '%s' cannot name its container: a container name is a DNS label "
		           "(at most 63 bytes, no dots)",
		           job->name);
		diag_note(d, span_none(), "set container-name to a name without dots");
		note_invalid(&lw, "spec.template.spec.containers[0].name", job->name, strlen(job->name),
		             cname_why);
	}
	if (cname)
		check_name(&lw, cname, "JOB303", "container name", "spec.template.spec.containers[0].name",
		           k8s_dns_label);
	struct tree *containers = tree_list(a);
	tree_push(a, containers, container);
	tree_set_path(a, obj, "spec.template.spec.containers", containers);

	/* restartPolicy must be written: the pod default, Always, is invalid. */
	if (!tree_get(tree_get(tree_get(tree_get(obj, "spec"), "template"), "spec"), "restartPolicy"))
		tree_set_path(a, obj, "spec.template.spec.restartPolicy", tree_cstr(a, "Never"));

	if (d->errors != before || job->incomplete)
		return NULL;
	tree_sort(obj);
	return obj;
}
