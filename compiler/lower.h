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

/* What the build writes (--emit). */
enum emit_target {
	EMIT_YAML,    /* batch/v1 Job or CronJob, YAML */
	EMIT_JSON,    /* the same object, JSON */
	EMIT_PLANTON, /* Project Planton KubernetesJob or KubernetesCronJob, YAML */
};

struct lower_opts {
	int kube_version;               /* 135 for 1.35 */
	bool explicit_defaults;         /* --defaults explicit */
	const struct rule_config *rules; /* which warnings are on */
	enum emit_target target;        /* EMIT_PLANTON also runs the Planton rules */
};

/* A checked job, as the backends read it.  Everything lives in the arena
 * given to lower_job. */
struct job_model {
	const char *name;      /* metadata.name */
	const char *ns;        /* metadata.namespace, or NULL */
	bool cron;             /* a CronJob (the job has a schedule) */
	struct tree *obj;      /* the batch/v1 Job or CronJob, keys sorted */
	struct tree *planton;  /* with EMIT_PLANTON: the Planton manifest, keys sorted */
};

/* Lowers and checks one job into *out.  Returns false when the job has
 * errors (all reported); *out is then unusable. */
bool lower_job(struct arena *a, struct diagnostics *d, const struct job_record *job,
               const struct lower_opts *opt, struct job_model *out);

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
