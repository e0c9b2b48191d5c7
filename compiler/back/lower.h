/* lower.h - from an evaluated job to the batch/v1 Job.
 *
 * lower_job types every field of a job record against the field table and
 * builds the batch/v1 Job as a document tree (keys in the order they are
 * set; the CronJob's own fields, when the job has a schedule, still in the
 * Job's spec), writing what Kubernetes requires to be written.  A value of
 * the wrong type or out of range is reported where it was set; the rules
 * over the whole Job are check.c's.  lower_cron_wrap then moves a
 * scheduled job's Job into a CronJob.
 */
#ifndef JOBC_LOWER_H
#define JOBC_LOWER_H

#include "fields.h"
#include "report.h"

/* Builds cx->obj from cx->job; sets cx->cron and what later passes read
 * (cx->aside).  A value that cannot be
 * lowered is reported and sets cx->failed. */
void lower_job(struct job_ctx *cx);

/* The CronJob around the Job cx->obj: the CronJob's own fields come out of
 * the Job's spec; the Job's labels and annotations are the CronJob's and its
 * job template's, each with its own on top (cronjob-labels,
 * job-template-labels, ...). */
struct tree *lower_cron_wrap(struct job_ctx *cx);

/* The typed form of one job-level field's value, as the backends will see
 * it (durations in seconds, words in Kubernetes spelling, env as a list),
 * or NULL after reporting why it is wrong (jobc ast --resolved). */
struct tree *lower_field(struct arena *a, struct diagnostics *d, const struct job_record *job,
                         const struct field *f, const struct value *v,
                         const struct compile_opts *opt);

#endif
