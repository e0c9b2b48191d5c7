/* fields.h - the field table: every field a .job body can set.
 *
 * One table drives evaluation (which words a field takes, which bodies are
 * blocks), type checking and lowering (lower.c), `jobc explain FIELD`, the
 * did-you-mean suggestions for unknown fields and the generated
 * docs/fields.md.  Adding a field is one entry in fields.c plus, when its
 * type is not enough, a lowering hook.
 *
 * A schema is a set of fields with a Kubernetes object as its root: the
 * Job, a container, a probe, a volume...  A field's `k8s` path is relative
 * to that root (dots make nested maps: "tcpSocket.port").
 */
#ifndef JOBC_FIELDS_H
#define JOBC_FIELDS_H

#include <stdbool.h>
#include <stdint.h>

#include "rules.h"

enum ftype {
	FT_STRING,    /* a string */
	FT_INT,       /* an integer, within [min, max] */
	FT_BOOL,      /* true or false */
	FT_DURATION,  /* 30s, 1h30m, 2d, or an integer number of seconds */
	FT_ENUM,      /* one of the field's words, bare or quoted */
	FT_QUANTITY,  /* a Kubernetes quantity: 500m, 1.5, 4Gi, 1e3 */
	FT_PORT,      /* a port number 1-65535, or a port name */
	FT_STRLIST,   /* a list of strings; integers and bools become strings */
	FT_INTLIST,   /* a list of integers */
	FT_STRMAP,    /* a map of strings; integers and bools become strings */
	FT_ENVMAP,    /* NAME = string | scalar | secret() | configmap() | field() */
	FT_RESOURCES, /* cpu = 500m..2, memory = 1Gi, requests { }, limits { } */
	FT_BLOCK,     /* key { fields of `sub` } */
	FT_BLOCKS,    /* key { ... } repeated (each appends), or key = [ {...}, ... ] */
	FT_NAMED,     /* key NAME { fields of `sub` }, one per name */
	FT_REFLIST,   /* env-from: [secret("x"), configmap("y")] */
	FT_RAW,       /* a Kubernetes-shaped value, checked against the API schema */
};

/* One allowed word of an FT_ENUM field and what Kubernetes calls it. */
struct enum_word {
	const char *word;
	const char *k8s;
	const char *since; /* the Kubernetes version that needs it, or NULL */
};

struct field;

/* A set of fields: the body of a job, of a container block, ... */
struct schema {
	const char *name;            /* "job", "container", "probe", ... */
	const struct field *fields;
	unsigned nfields;
	const struct schema *also;   /* fields also accepted here (job: main container) */
	const char *shorthand;       /* FT_BLOCKS: a scalar item means { shorthand = item } */
	const char *k8s_type;        /* FT_RAW: the OpenAPI type of the value */
};

enum {
	F_CRON = 1 << 0,     /* only for a scheduled job (a CronJob) */
	F_PLANTON = 1 << 3,  /* no Kubernetes field: read only by --emit planton */
	F_SETTING = 1 << 4,  /* no Kubernetes field: a setting of jobc's checks */
};

struct field {
	const char *name;             /* the jobc spelling */
	enum ftype type;
	const char *k8s;              /* Kubernetes path from the schema's root */
	const char *planton;          /* Planton path, or NULL when it has none */
	const char *dflt;             /* effective default as the docs show it, or NULL */
	const struct enum_word *words; /* FT_ENUM: NULL-terminated */
	int64_t min, max;             /* FT_INT, FT_DURATION, FT_INTLIST items */
	const struct rule *range_rule; /* the rule enforcing min/max (NULL: JOB102, or JOB603
	                                * for a port) */
	const struct schema *sub;     /* FT_BLOCK, FT_BLOCKS, FT_NAMED, FT_RAW */
	const char *since;            /* Kubernetes version that has it on by default */
	unsigned flags;
	const char *doc;              /* one line */
};

extern const struct schema schema_job;
extern const struct schema schema_container;
extern const struct schema schema_init;

/* Whether f is one of s's own fields (not of s->also). */
static inline bool field_in(const struct schema *s, const struct field *f)
{
	return f >= s->fields && f < s->fields + s->nfields;
}

/* The field called name in s (or in s->also), or NULL. */
const struct field *field_find(const struct schema *s, const char *name);
/* The field by name anywhere in the table ("retries", "liveness"), with
 * the schema it belongs to, for `jobc explain`. */
const struct field *field_lookup(const char *name, const struct schema **in);
/* The Kubernetes path of a top-level field in full, as docs and notes show
 * it: spec.backoffLimit, spec.template.spec.containers[0].image. */
const char *field_k8s_path(const struct field *f);
/* The jobc field whose Kubernetes (or Planton) spelling is name, for
 * "jobc calls it 'retries'"; NULL when there is none. */
const struct field *field_by_k8s_name(const struct schema *s, const char *name);
/* The closest field name to name (edit distance), or NULL when none is
 * close enough to suggest. */
const char *field_suggest(const struct schema *s, const char *name);
/* What a value of f's type looks like: "a duration such as 30s or 1h30m". */
const char *ftype_expected(const struct field *f);
/* A short name of a type, for docs: "duration", "list of strings". */
const char *ftype_name(const struct field *f);

/* Edit distance (Damerau-Levenshtein, optimal string alignment). */
unsigned edit_distance(const char *a, const char *b);

/* Kubernetes versions as comparable numbers: "1.31" -> 131. */
int kube_version_parse(const char *s);
#define KUBE_VERSION_DEFAULT "1.35"
#define KUBE_VERSION_MIN "1.21"

#endif
