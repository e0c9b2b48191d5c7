/* lower_int.h - what lower.c (building the Job) and check.c (the rules over
 * it) share: the lowering context and the way a rule is reported. */
#ifndef JOBC_LOWER_INT_H
#define JOBC_LOWER_INT_H

#include <stdarg.h>

#include "lower.h"
#include "value.h"

struct lowerer {
	struct arena *a;
	struct diagnostics *d;
	const struct job_record *job;
	const struct lower_opts *opt;
	bool cron;          /* the job has a schedule: a CronJob */
	bool failed;        /* a value could not be lowered: skip dependent checks */
	struct tree *obj;   /* the Job being built */
	unsigned errors_before; /* the error count when this job began */
	struct tree *planton_settings; /* the planton { } block, lowered, or NULL */
	struct tree *job_labels;       /* job-labels, lowered, or NULL */
	const struct value *require_limits; /* require-limits = true: where it was set */
};

/* A rule broken at span, about value v (for its provenance notes).  The
 * rule's level decides between error and warning, and the -W switches may
 * silence a warning: then nothing is printed and false is returned.
 * k8s_path and k8s_msg make the "in Kubernetes terms" note (either may be
 * NULL). */
bool report(struct lowerer *lw, enum rule_id id, struct span sp, const struct value *v,
            const char *k8s_path, const char *k8s_msg, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* The path as the user's object spells it: spec.x becomes
 * spec.jobTemplate.spec.x in a CronJob. */
const char *kpath(struct lowerer *lw, const char *path);
/* Notes for the templates a value came through. */
void note_provenance(struct lowerer *lw, const struct value *v);
/* The value behind a tree node (for a node jobc made up on the way, its
 * first child's), or NULL. */
const struct value *node_value(const struct tree *t);
/* The best place to point at for a node: its own span, else the job name. */
struct span node_span(struct lowerer *lw, const struct tree *t);

/* The rules over a built Job (check.c). */
void check_job(struct lowerer *lw);

/* The Planton manifest of the checked Job lw->obj (before --defaults
 * explicit and before a CronJob is wrapped around it), or NULL after
 * reporting what Planton cannot express (planton.c). */
struct tree *planton_lower(struct lowerer *lw);

#endif
