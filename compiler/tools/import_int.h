/* import_int.h - what the parts of jobc import share (import.c, the
 * command; import_src.c, the tree and the source writer; import_k8s.c and
 * import_planton.c, the two kinds of manifest; shapes.c, the raise hooks).
 *
 * A document is read into a tree, and every part a jobc field expresses is
 * taken out of it as it is written as source: the field table says where
 * each field is and what it defaults to, a shaped field's raise hook
 * (shapes.c) writes its own form.  What is left in the tree afterwards is
 * an error naming its path: nothing is dropped silently.
 */
#ifndef JOBC_IMPORT_INT_H
#define JOBC_IMPORT_INT_H

#include <stdbool.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fields.h"
#include "rules.h"
#include "tree.h"

struct session;

/* Where the source's text out[from, to) came from in the manifest: the
 * check of the imported source reports at the manifest's place. */
struct import_mark {
	uint32_t from, to;
	struct span yaml;
};

struct imp {
	struct session *S;
	struct diagnostics *d;
	struct arena *a;
	struct buf out;      /* the .job source of the current document */
	bool failed;
	const char *name;    /* the job's name */
	const char *uid;     /* metadata.uid, or NULL */
	bool cron;           /* a CronJob: the Job's spec is spec.jobTemplate.spec */
	bool planton;        /* a Project Planton manifest */
	struct tree *main;   /* the main container (containers[0]) */
	struct tree *pod;    /* the pod spec */
	const char *pod_path; /* its path, for messages */
	struct buf dropped;  /* what the API server filled in, for the note */
	struct buf ignored;  /* what Kubernetes ignores, for another */
	struct span at;      /* the document, for messages about it */
	struct import_mark *marks;
	unsigned nmarks, capmarks;
	const struct tree **not_str; /* scalars reported as no string (import_want_strings) */
	unsigned nnot_str, capnot_str;
};

/* ---- reporting (import_src.c) ---- */

void import_error(struct imp *im, struct span sp, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A rule of rules.def the manifest breaks, reported at sp as jobc check
 * would report it, with the API server's words (k8s_path: k8s_msg). */
void import_rule(struct imp *im, enum rule_id id, struct span sp, const char *k8s_path,
                 const char *k8s_msg, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The Kubernetes version the source is built for (--kube-version). */
int imp_kube_version(const struct imp *im);
/* Notes path as something the API server filled in. */
void import_dropped(struct imp *im, const char *path);

/* Notes that what was written since from came from yaml. */
void imp_mark(struct imp *im, size_t from, struct span yaml);

/* ---- taking parts out of the tree ---- */

/* The node at a dotted path, removed from its map (NULL if absent). */
struct tree *imp_take(struct tree *root, const char *path);
/* imp_take(root, key), when it is a map or a list as kind says; another kind is
 * an error naming path.key (null counts as absent). */
struct tree *imp_take_as(struct imp *im, struct tree *root, const char *key, enum tree_kind kind,
                     const char *path);
/* The node at a dotted path, left in place. */
struct tree *imp_peek(struct tree *root, const char *path);
/* Marks t as read from (a map nothing was taken from is reported whole). */
void imp_touch(struct tree *t);
/* An error for each field of t (at path) that nothing took. */
void imp_leftovers(struct imp *im, const struct tree *t, const char *path);
bool imp_is_str(const struct tree *t, const char *s);
bool imp_is_int(const struct tree *t, int64_t v);
bool imp_same_scalar(const struct tree *a, const struct tree *b);
/* Whether label k = v is one the Job controller wrote (the job's own name or
 * uid under its label names). */
bool imp_generated_label(const struct imp *im, const char *k, const struct tree *v);
/* Takes the labels the Job controller put on a Job and its pods out of
 * labels (at path), with a note. */
void imp_drop_generated(struct imp *im, struct tree *labels, const char *path);
/* Whether the key k of the list item at ipath is one of keys[0..*n), which
 * a map (jobc's field { }) would keep once: an error saying so; else k
 * joins keys.  For lists that jobc writes as maps: items, mounts, headers. */
bool imp_key_twice(struct imp *im, const struct tree **keys, uint32_t *n, const struct tree *k,
                   const char *ipath, const char *field);
/* Whether t is a string as the API server gets it: a number or a bool, or
 * a plain 1.0 that kubectl reads as a number, is an error at path ("quote
 * it"), never turned into a string (reported once: not again when
 * import_want_strings did). */
bool imp_want_string(struct imp *im, const struct tree *t, const char *path);
/* Each scalar of the Job or CronJob doc where its OpenAPI type has a
 * string, the API server's Go string, that kubectl would send as a number
 * or a boolean: an error at it, wherever it is (a named field or a
 * Kubernetes-spelled block). */
void import_want_strings(struct imp *im, const struct tree *doc, bool cron);
/* t's text (a string or an integer), in im's arena. */
const char *imp_text(struct imp *im, const struct tree *t);
/* "base.sub", or sub when base is empty, in im's arena. */
const char *import_path(struct imp *im, const char *base, const char *sub);
/* Where a Job's path (spec.x) is in the manifest: under spec.jobTemplate in
 * a CronJob.  import_job_base gives the prefix ("" or "spec.jobTemplate"). */
const char *import_job_path(struct imp *im, const char *k8s);
const char *import_job_base(struct imp *im, const char *k8s);

/* ---- writing source ---- */

void out_fmt(struct imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A jobc string literal ("""...""" for a script of several lines). */
void out_str(struct imp *im, const char *s, size_t n);
/* An integer literal (the smallest int64, which has no literal, as an
 * expression). */
void out_int(struct imp *im, int64_t v);
/* A file mode in octal, as people write it (0o440); a negative one in
 * decimal. */
void out_mode(struct imp *im, int64_t mode);
/* A map key: bare when it can be, else quoted. */
void out_key(struct imp *im, const char *s);
/* The scalar t as a map key, marked as written at t. */
void out_key_of(struct imp *im, const struct tree *t);
/* A scalar: strings quoted, numbers and bools as they are; for anything
 * else an error at it, and false. */
bool out_scalar(struct imp *im, const struct tree *t);
/* out_scalar of t, a value Kubernetes requires: when it is missing, an
 * error at `at` (the object that lacks it) naming path. */
void out_required(struct imp *im, const struct tree *t, const struct tree *at, const char *path);
/* Any Kubernetes value, as jobc writes it (affinity). */
void out_raw(struct imp *im, const struct tree *t);
/* The keys of it but skip, written as Kubernetes writes them, as a block:
 * { path = "x", mode = 0o400 } (a mode in octal); taken out of it. */
void out_keys_block(struct imp *im, struct tree *it, const char *skip);
/* A quantity: a unit literal (500m, 4Gi) when it is one, else a string. */
void out_quantity(struct imp *im, const struct tree *t);
/* field { key = "value" ... } for the entries of the map m (at path) that
 * keep(other, key, value) accepts (keep NULL: all); nothing when none is. */
void out_string_map(struct imp *im, const char *field, const char *path, const struct tree *m,
                    bool (*keep)(const struct tree *, const char *, const struct tree *),
                    const struct tree *other);

/* ---- fields, from the field table ---- */

/* name = value for the value t of field f, by f's type (path: t's, for
 * messages). */
void raise_value(struct imp *im, const struct field *f, const struct tree *t, const char *path);
/* Takes field f out of holder (the map of its schema's object, at path
 * base) and writes it: by its shape, or by its type. */
void raise_field(struct imp *im, const struct field *f, struct tree *holder, const char *base);
/* What no field of schema s took from obj (at path base), written in the
 * Kubernetes-spelled blocks (F_MERGE) of s: pod-spec { }, container-spec
 * { }, ...; what they wrote is taken out. */
void raise_rest(struct imp *im, const struct schema *s, struct tree *obj, const char *base);
/* Every field of schema s, from obj (at path), in the table's order. */
void raise_fields(struct imp *im, const struct schema *s, struct tree *obj, const char *path);

/* ---- the two kinds of manifest ---- */

void import_job(struct imp *im, struct tree *doc, bool cron);       /* import_k8s.c */
void import_planton(struct imp *im, struct tree *doc, bool cron);   /* import_planton.c */

#endif
