/* lower.h - from an evaluated job to the checked Kubernetes object.
 *
 * lower_job types every field of a job record against the field table,
 * builds the batch/v1 Job (a CronJob around it when the job has a
 * schedule) as a document tree with keys sorted as kubectl prints them,
 * applies the defaults Kubernetes requires to be written (all of them with
 * --defaults explicit), and enforces the rules of rules.def (check.c).
 * Each error points at the value that is wrong - inside a template or an
 * included file if that is where it was set - with notes for the templates
 * that brought it in and for the Kubernetes path and message.
 */
#ifndef JOBC_LOWER_H
#define JOBC_LOWER_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "fields.h"
#include "rules.h"
#include "tree.h"

struct lower_opts {
	int kube_version;               /* 135 for 1.35 */
	bool explicit_defaults;         /* --defaults explicit */
	const struct rule_config *rules; /* which warnings are on */
};

/* Returns the Job or CronJob, or NULL when the job has errors (all
 * reported). */
struct tree *lower_job(struct arena *a, struct diagnostics *d, const struct job_record *job,
                       const struct lower_opts *opt);

/* The typed form of one job-level field's value, as the backends will see
 * it (durations in seconds, words in Kubernetes spelling, env as a list),
 * or NULL after reporting why it is wrong. */
struct tree *lower_field(struct arena *a, struct diagnostics *d, const struct job_record *job,
                         const struct field *f, const struct value *v,
                         const struct lower_opts *opt);

/* Sets path ("spec.template.spec.restartPolicy") in root, making maps
 * along the way. */
void tree_set_path(struct arena *a, struct tree *root, const char *path, struct tree *value);
/* The node at path, or NULL. */
struct tree *tree_path(const struct tree *root, const char *path);

#endif
