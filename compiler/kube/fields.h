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
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "names.h"
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

/* What a field is, beyond its type. */
enum {
	/* In a CronJob it is the CronJob's own field, not its Job template's:
	 * the one list of them (kpath, the CronJob wrap, import, Planton). */
	F_CRON = 1 << 0,
	/* A block written as Kubernetes writes it, merged into the object at its
	 * path (pod-spec, container-spec, ...): a key jobc names there is an
	 * error that points at the name. */
	F_MERGE = 1 << 12,
	/* Setting it makes the job a CronJob (schedule). */
	F_SCHEDULE = 1 << 11,
	/* An F_CRON field a plain Job has too (suspend); without F_JOB_TOO, a
	 * job without a schedule cannot use it (JOB807). */
	F_JOB_TOO = 1 << 1,
	F_PLANTON = 1 << 2,  /* no Kubernetes field: read only by --emit planton */
	F_SETTING = 1 << 3,  /* no Kubernetes field: a setting of jobc's own (checks, the name) */
	/* Lowered, but placed by lower_job after the rest (job-labels: on the
	 * Job once the pods have taken theirs), or, with F_CRON, by the CronJob
	 * wrap (cronjob-labels, job-template-labels, ...). */
	F_ASIDE = 1 << 4,
	/* jobc writes its default when the field is not set (restart: the
	 * pod's own default, Always, is invalid for a Job). */
	F_WRITTEN = 1 << 5,
	/* An empty list is written, not dropped (exec = [] is a command). */
	F_KEEP_EMPTY = 1 << 6,
	/* The API server gives a 0 the default too (SetDefaults_Probe). */
	F_ZERO_UNSET = 1 << 7,
	/* A volume's field that belongs to its mount in the main container, or
	 * to its configMap or secret source. */
	F_MOUNT = 1 << 8,
	F_SOURCE = 1 << 9,
	/* With F_SOURCE: a projected or downwardAPI source's too (default-mode). */
	F_FILES = 1 << 14,
	/* Planton's KubernetesCronJob has no such field (its KubernetesJob
	 * has). */
	F_PLANTON_NO_CRON = 1 << 10,
	/* Kubernetes expands $(VAR) in its strings with the container's
	 * environment (command, args; env values have the env shape's own
	 * checks). */
	F_EXPANDS = 1 << 13,
	/* Permission bits: jobc says them in octal (0o644), as people write
	 * them. */
	F_MODE = 1 << 15,
};

struct arena;
struct tree;

/* What the API server fills in when a field is not set, in Kubernetes
 * form (read by --defaults explicit, by import to leave defaults out, and
 * by the Planton backend). */
enum dflt_kind { D_NONE, D_INT, D_STR, D_BOOL, D_MAP, D_FN };
struct api_default {
	enum dflt_kind kind;
	int64_t i;            /* D_INT, D_BOOL; D_FN: the usual value, for docs (or 0) */
	const char *s;        /* D_STR */
	/* D_FN: a default that depends on the fields around it, in holder (the
	 * map the field is in): its node, or NULL when there is none. */
	struct tree *(*fn)(struct arena *a, const struct field *f, const struct tree *holder);
};

/* A field whose Kubernetes form differs from its jobc form (env { NAME =
 * value } is a list of {name, value}; indexed = true is completionMode:
 * Indexed; a volume block is a pod volume and a mount of the main
 * container) has a shape: the hook that lowers its value to the Kubernetes
 * form, beside the hook that raises that form back to jobc source (jobc
 * import), both in shapes.c or shapes_volume.c, so that each is the other's
 * inverse. */
struct job_ctx;
struct value;
struct imp;

struct shape {
	/* The value v of field f in Kubernetes form: the node to set at f->k8s
	 * in target (the map of f's schema's object, at path), or NULL: an
	 * error (reported), nothing to write, or the hook set what it makes
	 * itself.  NULL: lowered by the field's type. */
	struct tree *(*lower)(struct job_ctx *cx, const struct field *f, const struct value *v,
	                      struct tree *target, const char *path);
	/* jobc import: takes f's Kubernetes form out of holder (the map of f's
	 * schema's object, at path base) and writes it as source (import_int.h).
	 * NULL: raised by the field's type. */
	void (*raise)(struct imp *im, const struct field *f, struct tree *holder, const char *base);
};

struct field {
	const char *name;             /* the jobc spelling */
	enum ftype type;
	const char *k8s;              /* Kubernetes path from the schema's root */
	const char *planton;          /* Planton path, or NULL when it has none */
	const char *dflt;             /* the default in words, where the api column cannot say
	                               * it (it depends, or jobc sets it), or NULL */
	const struct enum_word *words; /* FT_ENUM: NULL-terminated */
	int64_t min, max;             /* FT_INT, FT_DURATION, FT_INTLIST items */
	const struct rule *range_rule; /* the rule enforcing min/max (NULL: JOB102, or JOB603
	                                * for a port) */
	const struct schema *sub;     /* FT_BLOCK, FT_BLOCKS, FT_NAMED, FT_RAW */
	const char *since;            /* Kubernetes version that has it on by default */
	unsigned flags;
	struct api_default api;       /* the API server's default, if it has one */
	/* Planton leaves a 0 out: the JOB957 message for 0, or NULL */
	const char *planton_zero;
	/* What Planton's loader fills in (its proto's default option) where
	 * that is not the api column: a 0 meaning "not set", or Forbid for the
	 * concurrency policy.  Elsewhere Planton's default is the api column. */
	struct api_default planton_default;
	const struct shape *shape;    /* its Kubernetes form differs: struct shape */
	const char *doc;              /* one line */
};

/* The shapes the table points at. */
extern const struct shape shape_env, shape_env_from, shape_resources, shape_mounts,
	shape_headers, shape_sidecar, shape_memory, shape_empty_dir, shape_conditions,
	shape_exit_codes, shape_exit_codes_not_in, shape_indexed, shape_image_pull_secrets, shape_container_name,
	shape_restart, shape_volume, shape_labels, shape_labels_part, shape_manual_selector,
	shape_selector, shape_items, shape_default_mode, shape_read_only, shape_scheduling_gates,
	shape_readiness_gates, shape_volume_devices, shape_sysctls, shape_downward_api,
	shape_projection;

extern const struct schema schema_job;
extern const struct schema schema_container;
extern const struct schema schema_init;
extern const struct schema schema_volume;
extern const struct schema schema_projection; /* a projected volume's source { } */

/* Whether f is one of s's own fields (not of s->also). */
static inline bool field_in(const struct schema *s, const struct field *f)
{
	return f >= s->fields && f < s->fields + s->nfields;
}

/* The default of f in holder (the map f is in), as a node in a; NULL when
 * Kubernetes gives it none. */
struct tree *field_default(struct arena *a, const struct field *f, const struct tree *holder);
/* The same for a Planton manifest: the planton_default column, or else the
 * api column. */
struct tree *field_planton_default(struct arena *a, const struct field *f,
                                   const struct tree *holder);
/* The default as the docs show it: dflt, or the api column in jobc's words
 * (NULL: none); buf holds a number. */
const char *field_default_text(const struct field *f, char *buf, size_t size);
/* The map f's path starts from, in obj (the map of f's schema's object):
 * obj, or for an F_SOURCE field the volume's configMap or secret (with
 * F_FILES, else its projected or downwardAPI source; NULL when it has
 * none).  field_holder_key: the key of that map in obj ("" for obj). */
struct tree *field_holder(const struct field *f, struct tree *obj);
const char *field_holder_key(const struct field *f, const struct tree *obj);
/* Whether path (spec.timeZone) is a CronJob's own field (F_CRON). */
bool field_cron_own(const char *path);
/* The field of s (not of s->also) whose Kubernetes path is path, or NULL. */
const struct field *field_at_k8s(const struct schema *s, const char *path);

/* The field called name in s (or in s->also), or NULL. */
const struct field *field_find(const struct schema *s, const char *name);
/* The field by name anywhere in the table ("retries", "liveness"), with
 * the schema it belongs to, for `jobc explain`. */
const struct field *field_lookup(const char *name, const struct schema **in);
/* The field whose Kubernetes path ends in key ("backoffLimit": retries), in
 * any schema (set in *in), or NULL. */
const struct field *field_by_k8s_key(const char *key, const struct schema **in);
/* Calls fn with every field of every schema, in the table's order (the
 * job's, the container's, then the blocks'). */
void field_each(void (*fn)(void *user, const struct field *f, const struct schema *in), void *user);
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

/* Project Planton's Pulumi module (job.go, cron_job.go) sets HOSTNAME and
 * K8S_POD_ID in its container, before the job's variables: what to, or
 * NULL for any other name. */
static inline const char *planton_injected(const char *name, size_t len)
{
	if (len == 8 && !memcmp(name, "HOSTNAME", 8))
		return "the pod's IP";
	if (len == 10 && !memcmp(name, "K8S_POD_ID", 10))
		return "the pod's name";
	return NULL;
}

/* The name Planton's module gives its one container: job-container in a
 * KubernetesJob (job.go), cronjob-container in a KubernetesCronJob
 * (cron_job.go). */
static inline const char *planton_container(bool cron)
{
	return cron ? "cronjob-container" : "job-container";
}

/* The first $(HOSTNAME) or $(K8S_POD_ID) reference in s[0, n): what Planton
 * sets it to, with the name in *ref and *len; NULL when there is none. */
static inline const char *planton_injected_ref(const char *s, size_t n, const char **ref,
                                               size_t *len)
{
	const char *what = NULL;
	for (size_t p = 0; !what && k8s_var_ref(s, n, &p, ref, len);)
		what = planton_injected(*ref, *len);
	return what;
}

/* Edit distance (Damerau-Levenshtein, optimal string alignment). */
unsigned edit_distance(const char *a, const char *b);

/* The nearest of several candidates to a name nobody knows, for "did you
 * mean": zero it, suggest_add each candidate (which must outlive it),
 * then suggest_best.  Ties go to the smaller name, so the answer does not
 * depend on the order of the candidates. */
struct suggest {
	const char *best;
	unsigned d;
};
void suggest_add(struct suggest *s, const char *name, const char *candidate);
/* The nearest candidate when it is near enough to suggest (a third of
 * name's length, at least one edit), else NULL. */
const char *suggest_best(const struct suggest *s, const char *name);

/* Kubernetes versions as comparable numbers: "1.31" -> 131. */
int kube_version_parse(const char *s);
#define KUBE_VERSION_DEFAULT "1.35"
/* The API server's words for an env valueFrom that names no source (core
 * validateEnvVarValueFrom): from Kubernetes 1.35, where the EnvFiles
 * feature is on by default (AllowEnvFilesValidation), they list fileKeyRef. */
#define ENV_FILES_SINCE 135
const char *k8s_env_no_source(int kube_version);
#define KUBE_VERSION_MIN "1.21"

#endif
