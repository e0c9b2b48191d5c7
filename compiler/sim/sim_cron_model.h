/* sim_cron_model.h - what the CronJob simulation found, for its writers.
 *
 * sim_cron.c runs the controller and fills a struct cron_sim;
 * sim_cron_out.c writes it for a person or as JSON.  Everything lives in
 * the simulation's arena.
 */
#ifndef JOBC_SIM_CRON_MODEL_H
#define JOBC_SIM_CRON_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cron_next.h"
#include "sim.h"

/* One event the controller records (its reason and message, word for
 * word), with what it means for a person. */
struct cron_event {
	int64_t ms;          /* when, unix milliseconds */
	int run;             /* the scheduled time it concerns, or -1 */
	bool warning;        /* type Warning, else Normal */
	const char *reason;  /* "SuccessfulCreate", "JobAlreadyActive", ...; NULL
	                      * for what another controller does */
	const char *message; /* the controller's message, or NULL */
	const char *text;    /* for a person: "creates Job x" */
};

/* One of the scheduled times followed. */
struct cron_run {
	int64_t at;          /* unix seconds */
	struct tz_info zone; /* the zone's answer there */
	bool zone_changed;   /* its offset differs from the time before's */
	struct tz_info before; /* the answer at the time before (or --from) */
	int job;             /* the Job created for it, or -1 */
	bool skipped;        /* a sync found a Job active under Forbid */
	const char *outcome; /* "created", "skipped", "not started", "suspended" */
	const char *why;     /* when no Job was created: why, for a person */
};

/* Active, succeeded, failed, or deleted: by Replace, by a history limit,
 * or by the TTL-after-finished controller (the deleted states last). */
enum cron_job_state {
	JOB_ACTIVE,
	JOB_SUCCEEDED,
	JOB_FAILED,
	JOB_REPLACED,
	JOB_CLEANED,
	JOB_EXPIRED
};

struct cron_job {
	const char *name;    /* getJobName: <cronjob>-<minutes since the epoch> */
	int run;
	int64_t created, ends, gone; /* unix milliseconds; gone: when deleted */
	bool fails;          /* it ends at its activeDeadlineSeconds, failed */
	enum cron_job_state state;
};

struct cron_sim {
	const struct sim_cron_opts *o;
	/* the CronJob, its API defaults applied */
	const char *name, *schedule, *time_zone; /* time_zone: NULL when unset */
	const char *policy;                      /* Allow, Forbid or Replace */
	bool suspend, has_deadline, has_ttl;
	int64_t deadline, keep_succeeded, keep_failed;
	bool has_job_deadline;
	int64_t ttl;          /* the Jobs' ttlSecondsAfterFinished */
	int64_t job_deadline; /* the Jobs' activeDeadlineSeconds */
	/* the schedule */
	struct tz_info from_zone;
	struct cron_run *runs;
	unsigned nruns;        /* fewer than o->runs when the schedule stops */
	bool has_until;
	int64_t until_ms;      /* where the simulation stops: the sync of the
	                        * time after the last one followed */
	/* what happened */
	struct cron_event *events;
	unsigned nevents;
	/* the events grouped by scheduled time, each group in time order:
	 * by_run[run_first[i] .. run_first[i + 1]) are time i's, and those of
	 * no time (run -1) come last, from run_first[nruns] */
	unsigned *by_run, *run_first;
	struct cron_job *jobs;
	unsigned njobs;
	bool has_last_schedule, has_last_successful;
	int64_t last_schedule, last_successful_ms;
};

void sim_cron_text(const struct cron_sim *s, FILE *out);
void sim_cron_json(const struct cron_sim *s, FILE *out);
/* time.Second * time.Duration(sec), times -1 when negative, as the
 * controller computes it (sim.h), in milliseconds rounded down: a
 * startingDeadlineSeconds of 9223372036854775807 is one second, the other
 * way round. */
static inline int64_t sim_go_seconds_ms(int64_t sec, bool negative)
{
	uint64_t ns = sim_go_ns(sec);
	int64_t d = sim_go_int(negative ? -ns : ns);
	int64_t ms = d / 1000000;
	return d % 1000000 < 0 ? ms - 1 : ms;
}

#endif
