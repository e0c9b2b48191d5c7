/* lower_value.h - one value in its Kubernetes form, by the field's type.
 *
 * What lowering and the shape hooks (shapes.c) share: a field's value is
 * typed against the field table and turned into a document tree node
 * (durations in seconds, words in Kubernetes spelling, blocks as maps),
 * each node remembering the value and the place it came from; a wrong
 * value is reported where it was set.  A field whose Kubernetes form
 * differs from its jobc form has a shape (fields.h), whose lower hook
 * lower_into calls instead.
 */
#ifndef JOBC_LOWER_VALUE_H
#define JOBC_LOWER_VALUE_H

#include "buf.h"
#include "fields.h"
#include "report.h"
#include "value.h"

/* Field f with value v, set into target (the map of f's schema's object,
 * whose path is base): typed, version-checked, shaped.  A field that has
 * no place in the Kubernetes object (F_PLANTON, F_SETTING, F_ASIDE, and a
 * CronJob's field in a job without a schedule) is kept in cx->aside under
 * its name instead. */
void lower_into(struct job_ctx *cx, const struct field *f, const struct value *v,
                struct tree *target, const char *base);

/* Merges the Kubernetes-spelled blocks (F_MERGE) lower_into kept into the
 * objects they belong to, once every named field is in place: a key jobc
 * names is an error pointing at the name, a key jobc set already is an
 * error, any other is checked against its OpenAPI type. */
void lower_merges(struct job_ctx *cx);

/* The value v of field f by f's type alone (no shape), or NULL after
 * reporting what is wrong; path is the node's Kubernetes path, for
 * messages. */
struct tree *lower_value(struct job_ctx *cx, const struct field *f, const struct value *v,
                         const char *path);

/* A value written as Kubernetes writes it (a map of its keys), as a node;
 * NULL after an error.  lower_k8s_check checks t against the OpenAPI type
 * (as kubectl would), reporting each problem at path: false when one is. */
struct tree *lower_k8s(struct job_ctx *cx, const struct value *v);
bool lower_k8s_check(struct job_ctx *cx, const struct tree *t, const char *type, const char *path);

/* FT_NAMED: calls item for each NAME { ... } of the map v, after checking
 * that v and each item are maps (an error otherwise). */
typedef void lower_item_fn(struct job_ctx *cx, const struct field *f, const char *name,
                           struct span name_span, const struct value *item, void *arg);
void lower_named(struct job_ctx *cx, const struct field *f, const struct value *v,
                 lower_item_fn *item, void *arg);

/* The list the items of FT_NAMED field f go in (made when missing): in
 * cx->lists while lower_job builds the Job, else in target. */
struct tree *lower_list(struct job_ctx *cx, const struct field *f, struct tree *target);

/* Node t, marked as made from v (its span and value). */
struct tree *lower_node(struct tree *t, const struct value *v);
/* A string node made from v; s is not copied. */
struct tree *lower_str(struct job_ctx *cx, const char *s, uint32_t len, const struct value *v);
/* A name node: the name of a NAME { ... } block, at name_span. */
struct tree *lower_name(struct job_ctx *cx, const char *name, struct span name_span,
                        const struct value *v);
/* A scalar as text (env values and args are strings in Kubernetes), or
 * NULL after reporting; what names the part, for messages ("value"). */
struct tree *lower_text(struct job_ctx *cx, const struct field *f, const struct value *v,
                        const char *what);
/* "invalid value for 'f': expected <expected, or what f's type takes>". */
void lower_type_error(struct job_ctx *cx, const struct field *f, const struct value *v,
                      const char *expected);
/* How v looks to a user ("a map", "the string \"x\""), in cx's arena. */
const char *lower_describe(struct job_ctx *cx, const struct value *v);
/* JOB122 unless the target Kubernetes version has since (NULL: any) on:
 * name (with word, "name = word") at v, path its Kubernetes path; false
 * after reporting. */
bool lower_version_ok(struct job_ctx *cx, const char *since, const char *name, const char *word,
                      const struct value *v, const char *path);
/* f's words as a message lists them: "never or on-failure". */
void lower_words(struct buf *b, const struct field *f);

#endif
