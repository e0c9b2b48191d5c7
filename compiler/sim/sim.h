/* sim.h - jobc simulate: what the Kubernetes Job and CronJob controllers
 * will do with a compiled job, on a simulated clock.
 *
 * The input is the compiled batch/v1 object (job_model.obj: a Job, or a
 * CronJob whose jobTemplate is the Job); nothing here reads the source.
 * sim_job.c models the Job controller (pkg/controller/job), sim_cron.c the
 * CronJob controller (pkg/controller/cronjob) over the schedule's next run
 * times (cron_next.h).  The output is deterministic: the same inputs give
 * the same bytes.
 */
#ifndef JOBC_SIM_H
#define JOBC_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct tree;

/* time.Duration(sec) * time.Second, as the controllers compute their
 * deadlines from a spec's seconds: Go's int64 of nanoseconds, which wraps
 * past 292 years (9223372036 s) while the API server takes any int64 from
 * 0.  sim_go_ns gives the bits, so that a negation wraps as Go's does;
 * sim_go_int reads them as Go's int64. */
static inline uint64_t sim_go_ns(int64_t sec)
{
	return (uint64_t)sec * 1000000000u;
}

static inline int64_t sim_go_int(uint64_t bits)
{
	int64_t d;
	memcpy(&d, &bits, sizeof d); /* two's complement, as Go's */
	return d;
}

/* What a CronJob simulation needs besides the object. */
struct sim_cron_opts {
	int64_t from;          /* unix seconds: the simulated clock starts here */
	unsigned runs;         /* how many scheduled times to follow */
	int64_t run_seconds;   /* how long each started Job stays active */
	bool json;             /* --json: machine-readable output */
	const char *zoneinfo;  /* the IANA database folder; NULL: /usr/share/zoneinfo */
};

/* Writes the CronJob simulation of cj (a compiled batch/v1 CronJob) to
 * out.  Returns the exit status: 0, or 1 after printing an error to err
 * (a time zone that cannot be loaded, say). */
int sim_cron(const struct tree *cj, const struct sim_cron_opts *o, FILE *out, FILE *err);

/* The times the simulations print (sim_cron_out.c): */
/* writes the UTC time of ms into buf in one of the styles. */
enum clock_style {
	CLOCK_HMS,      /* 07:00:00 */
	CLOCK_DAY_HMS,  /* 03-08 07:00:00 */
	CLOCK_ISO,      /* 2026-03-08T07:00:00Z */
	CLOCK_ISO_MS,   /* 2026-03-08T07:00:00.100Z, the milliseconds when not 0 */
	CLOCK_RFC1123Z, /* Sun, 08 Mar 2026 07:00:00 +0000 (Go's time.RFC1123Z) */
};
#define SIM_CLOCK_SIZE 48
void sim_clock(char *buf, int64_t ms, enum clock_style style);

#endif
