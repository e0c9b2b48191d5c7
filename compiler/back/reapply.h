/* reapply.h - jobs that can be applied again (docs/reapply.md).
 *
 * Once a Job exists, the API server refuses most changes to its spec
 * (batch ValidateJobSpecUpdate): kubectl apply of a changed job fails with
 * "field is immutable".  Two answers, both over one canonical form of the
 * part Kubernetes will not let change:
 *
 *   reapply_name     name-suffix = hash: the Job's name ends with a hash
 *                    of that part, so a changed job is a new Job (JOB021)
 *   reapply_compare  JOB124: what would be refused, against the Job this
 *                    job's output replaces
 */
#ifndef JOBC_REAPPLY_H
#define JOBC_REAPPLY_H

#include <stdint.h>

#include "report.h"

/* The Job this job replaces: its last output, or a cluster's copy. */
struct previous {
	const struct tree *obj;  /* a batch/v1 object, as read back */
	const char *where;       /* where it was read, for the notes */
	bool live;               /* a cluster's copy: its status says whether it started */
};

/* name-suffix = hash: metadata.name becomes <name>-<hash> and the label
 * jobc.dev/base-name keeps <name>.  Runs between lowering and the checks,
 * so the name rules see the whole name; a suffix that makes the name too
 * long is reported here, with the rule the long name breaks. */
void reapply_name(struct job_ctx *cx);

/* JOB124: the changes from prev to cx's Job that Kubernetes refuses on
 * update, reported at the new value.  Nothing when prev is not the same
 * object (another kind, name or namespace), or cx is a CronJob (its spec
 * can be updated). */
void reapply_compare(struct job_ctx *cx, const struct previous *prev);

/* The hash of job's immutable part (a batch/v1 Job, or the Job part of a
 * CronJob before the wrap), as name-suffix = hash writes it. */
uint32_t reapply_hash(struct arena *a, const struct tree *job);

#endif
