/* report.h - what every pass of the back end shares: the job being
 * compiled, the options, and the way a rule is reported.
 *
 * compile.c runs the passes in order (lower -> check -> the backend's
 * lowering -> defaults -> CronJob wrap); each reads and adds to one
 * struct job_ctx.  A pass reports through report(), which knows the rule
 * table's levels and the -W switches, points at the jobc value behind a
 * node (inside a template or an included file if that is where it was
 * set), adds a note for each template it came through, and says what the
 * API server would have said, at the path as the user's object spells it.
 */
#ifndef JOBC_REPORT_H
#define JOBC_REPORT_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "rules.h"
#include "tree.h"

struct backend;
struct merge;

/* How jobs are compiled: from the command line. */
struct compile_opts {
	int kube_version;                /* 135 for 1.35 */
	bool explicit_defaults;          /* --defaults explicit */
	const struct rule_config *rules; /* which warnings are on */
	const struct backend *backend;   /* --emit: its own lowering runs after the checks */
	const char *namespace_default;   /* --namespace: of the jobs that set none, or NULL */
};

/* One job on its way through the back end.  Everything lives in a. */
struct job_ctx {
	struct arena *a;
	struct diagnostics *d;
	const struct job_record *job;
	const struct compile_opts *opt;
	bool cron;               /* the job has a schedule: a CronJob */
	bool failed;             /* a value could not be lowered: skip dependent checks */
	struct tree *obj;        /* the batch/v1 Job (a CronJob's own fields in its spec
	                          * until the CronJob wrap) */
	unsigned errors_before;  /* the error count when this job began */
	bool alone;              /* a template checked on its own: only the rules
	                          * about one value are reported (report.c) */
	/* Fields lowered but not in the Job, by jobc name (lower_value.h):
	 * the planton { } block, require-limits, job-labels, and a CronJob's
	 * fields in a job without a schedule. */
	struct tree *aside;
	/* lowering's own: the lists of containers, init containers and
	 * volumes by Kubernetes path, placed once all are made; the main
	 * container; the mounts volume blocks give it */
	struct tree *lists;
	struct tree *main;
	struct tree *main_mounts;
	struct merge *merges;    /* Kubernetes-spelled blocks, merged last (lower_value.c) */
	/* A CronJob's job-spec { } keys at the path of a CronJob's own field
	 * (suspend): its Job template's, placed by the CronJob wrap. */
	struct tree *template_own;
};

/* A rule broken at span, about value v (for its provenance notes).  The
 * rule's level decides between error and warning, and the -W switches may
 * silence a warning: then nothing is printed and false is returned.
 * k8s_path and k8s_msg make the "in Kubernetes terms" note (either may be
 * NULL). */
bool report(struct job_ctx *cx, enum rule_id id, struct span sp, const struct value *v,
            const char *k8s_path, const char *k8s_msg, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* The path as the user's object spells it: spec.x becomes
 * spec.jobTemplate.spec.x in a CronJob. */
const char *kpath(struct job_ctx *cx, const char *path);
/* Notes for the templates a value came through. */
void note_provenance(struct job_ctx *cx, const struct value *v);
/* The value behind a tree node (for a node jobc made up on the way, its
 * first child's), or NULL. */
const struct value *node_value(const struct tree *t);
/* The best place to point at for a node: its own span, else the job name. */
struct span node_span(struct job_ctx *cx, const struct tree *t);

#endif
