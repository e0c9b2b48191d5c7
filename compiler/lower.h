/* lower.h - from an evaluated job to the checked Kubernetes object.
 *
 * lower_job types every field of a job record against the field table,
 * builds the batch/v1 Job as a document tree (keys sorted, as kubectl
 * prints them), applies the defaults Kubernetes requires to be written,
 * and enforces the rules in rules.def.  Each error points at the value
 * that is wrong (inside a template or an included file if that is where
 * it was set), with notes for the templates that brought it in and for
 * the Kubernetes path and message.
 */
#ifndef JOBC_LOWER_H
#define JOBC_LOWER_H

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "tree.h"

/* Returns the Job, or NULL when the job has errors (all reported). */
struct tree *lower_job(struct arena *a, struct diagnostics *d, const struct job_record *job);

/* The typed form of one field's value, as the backends will see it
 * (durations in seconds, words in Kubernetes spelling, env as a list), or
 * NULL after reporting why it is wrong. */
struct tree *lower_field(struct arena *a, struct diagnostics *d, const struct job_record *job,
                         const struct field *f, const struct value *v);

/* Sets path ("spec.template.spec.restartPolicy") in root, making maps
 * along the way. */
void tree_set_path(struct arena *a, struct tree *root, const char *path, struct tree *value);

#endif
