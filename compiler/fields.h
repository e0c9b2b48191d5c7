/* fields.h - the field table: every field a .job body can set.
 *
 * One table drives type checking (eval.c), lowering to the Kubernetes
 * object (lower.c), `jobc explain FIELD`, the did-you-mean suggestions for
 * unknown fields and the generated docs/fields.md.  Adding a field is one
 * entry in fields.c plus, when its type is not enough, a lowering hook.
 */
#ifndef JOBC_FIELDS_H
#define JOBC_FIELDS_H

#include <stdbool.h>
#include <stdint.h>

enum ftype {
	FT_STRING,    /* a string */
	FT_INT,       /* an integer, within [min, max] */
	FT_BOOL,      /* true or false */
	FT_DURATION,  /* 30s, 1h30m, 2d, or an integer number of seconds */
	FT_ENUM,      /* one of the field's words, bare or quoted */
	FT_STRLIST,   /* a list of strings; integers and bools become strings */
	FT_STRMAP,    /* a map of strings; integers and bools become strings */
	FT_ENVMAP,    /* NAME = string | scalar | secret() | configmap() | field() */
};

/* One allowed word of an FT_ENUM field and what Kubernetes calls it. */
struct enum_word {
	const char *word;
	const char *k8s;
};

struct field;

/* A set of fields: the body of a job, of a container block, ... */
struct schema {
	const char *name;            /* "job", "container", ... */
	const struct field *fields;
	unsigned nfields;
	const struct schema *also;   /* fields also accepted here (job: main container) */
};

/* Where a field's Kubernetes path starts. */
enum fscope {
	SCOPE_OBJECT,    /* the Job: metadata..., spec... */
	SCOPE_CONTAINER, /* a container: image, command, ... */
};

struct field {
	const char *name;             /* the jobc spelling */
	enum ftype type;
	enum fscope scope;
	const char *k8s;              /* Kubernetes path from the scope's root */
	const char *planton;          /* Planton path, or NULL when it has none */
	const char *dflt;             /* effective default as the docs show it, or NULL */
	const struct enum_word *words; /* FT_ENUM: NULL-terminated */
	int64_t min, max;             /* FT_INT, FT_DURATION */
	const char *range_rule;       /* rule ID enforcing min/max, or NULL */
	const char *doc;              /* one line */
};

extern const struct schema schema_job;
extern const struct schema schema_container;

/* The field called name in s (or in s->also), or NULL. */
const struct field *field_find(const struct schema *s, const char *name);
/* The Kubernetes path of f in full, as shown in notes: spec.backoffLimit,
 * spec.template.spec.containers[0].image. */
const char *field_k8s_path(const struct field *f);
/* The jobc field whose Kubernetes (or Planton) spelling is name, for
 * "jobc calls it 'retries'"; NULL when there is none. */
const struct field *field_by_k8s_name(const struct schema *s, const char *name);
/* The closest field name to name (edit distance), or NULL when none is
 * close enough to suggest. */
const char *field_suggest(const struct schema *s, const char *name);
/* What a value of type t looks like: "a duration such as 30s or 1h30m". */
const char *ftype_expected(const struct field *f);

/* Edit distance (Damerau-Levenshtein, optimal string alignment). */
unsigned edit_distance(const char *a, const char *b);

#endif
