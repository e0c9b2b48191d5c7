/* sim_cron.c - jobc simulate for a CronJob (sim.h): the Kubernetes
 * CronJob controller (pkg/controller/cronjob: cronjob_controllerv2.go's
 * sync, cleanupFinishedJobs and syncCronJob, utils.go's
 * mostRecentScheduleTime, nextScheduleTime and nextScheduleTimeDuration)
 * over the schedule's run times (cron_next.h), on a simulated clock in
 * milliseconds.
 *
 * The CronJob is created at o->from.  The controller syncs it then, again
 * at each time it asks to be requeued at (a scheduled time plus its 100 ms
 * nextScheduleDelta), and whenever one of its Jobs ends (its Job informer
 * enqueues the CronJob); a Job ends o->run_seconds after it is created,
 * and succeeds, unless its activeDeadlineSeconds comes first: then it ends
 * there, failed (DeadlineExceeded).  Everything is in one arena, freed
 * before returning; sim_cron_out.c writes what happened.
 */
#include "sim.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cron.h"
#include "cron_next.h"
#include "sim_cron_model.h"
#include "tree.h"

#define NONE INT64_MAX          /* no requeue, no time */
#define DELTA_MS 100            /* nextScheduleDelta */
#define MAX_MISSED 100          /* "too many missed start times" */

struct sim {
	struct cron_sim r; /* the result */
	struct arena *a;
	struct cron_spec spec;
	struct tz *tz;
	int64_t creation; /* unix seconds */
	unsigned ecap, jcap;
	unsigned live; /* the Jobs before it are all deleted: loops start there */
	const char *trigger; /* what woke the controller, for a person */
};

/* ---- reading the CronJob ------------------------------------------------ */

static const char *str_at(struct arena *a, const struct tree *t, const char *path)
{
	const struct tree *v = tree_path(t, path);
	return v && v->kind == TREE_STR ? arena_strndup(a, v->str.s, v->str.len) : NULL;
}

static bool int_at(const struct tree *t, const char *path, int64_t *out)
{
	const struct tree *v = tree_path(t, path);
	if (!v || v->kind != TREE_INT)
		return false;
	*out = v->i;
	return true;
}

/* The CronJob's fields, with the API server's defaults (SetDefaults_CronJob:
 * Allow, not suspended, 3 succeeded and 1 failed Job kept). */
static void read_cronjob(struct sim *s, const struct tree *cj)
{
	struct cron_sim *r = &s->r;
	r->name = str_at(s->a, cj, "metadata.name");
	if (!r->name)
		r->name = "cronjob";
	r->schedule = str_at(s->a, cj, "spec.schedule");
	r->time_zone = str_at(s->a, cj, "spec.timeZone");
	r->policy = str_at(s->a, cj, "spec.concurrencyPolicy");
	if (!r->policy)
		r->policy = "Allow";
	const struct tree *sus = tree_path(cj, "spec.suspend");
	r->suspend = sus && sus->kind == TREE_BOOL && sus->b;
	r->has_deadline = int_at(cj, "spec.startingDeadlineSeconds", &r->deadline);
	if (!int_at(cj, "spec.successfulJobsHistoryLimit", &r->keep_succeeded))
		r->keep_succeeded = 3;
	if (!int_at(cj, "spec.failedJobsHistoryLimit", &r->keep_failed))
		r->keep_failed = 1;
	r->has_ttl = int_at(cj, "spec.jobTemplate.spec.ttlSecondsAfterFinished", &r->ttl);
	r->has_job_deadline = int_at(cj, "spec.jobTemplate.spec.activeDeadlineSeconds",
	                             &r->job_deadline);
}

/* ---- events and Jobs ---------------------------------------------------- */

static void event(struct sim *s, int64_t now, int run, bool warning, const char *reason,
                  const char *message, const char *text)
{
	struct cron_sim *r = &s->r;
	if (r->nevents == s->ecap) {
		unsigned cap = s->ecap ? s->ecap * 2 : 32;
		r->events = arena_grow(s->a, r->events, r->nevents, cap, sizeof *r->events);
		s->ecap = cap;
	}
	r->events[r->nevents++] = (struct cron_event){now, run, warning, reason, message, text};
}

/* The index of the scheduled time t among those followed (in increasing
 * order), or -1. */
static int run_of(const struct sim *s, int64_t t)
{
	unsigned lo = 0, hi = s->r.nruns;
	while (lo < hi) {
		unsigned m = lo + (hi - lo) / 2;
		if (s->r.runs[m].at < t)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < s->r.nruns && s->r.runs[lo].at == t ? (int)lo : -1;
}

/* by_run and run_first (sim_cron_model.h): a counting sort, stable. */
static void group_events(struct sim *s)
{
	struct cron_sim *r = &s->r;
	r->run_first = arena_zalloc(s->a, (r->nruns + 2) * sizeof *r->run_first);
	r->by_run = arena_zalloc(s->a, (r->nevents + 1) * sizeof *r->by_run);
	for (unsigned e = 0; e < r->nevents; e++) {
		unsigned k = r->events[e].run < 0 ? r->nruns : (unsigned)r->events[e].run;
		r->run_first[k + 1]++;
	}
	for (unsigned k = 0; k < r->nruns + 1; k++)
		r->run_first[k + 1] += r->run_first[k];
	unsigned *next = arena_zalloc(s->a, (r->nruns + 1) * sizeof *next);
	memcpy(next, r->run_first, (r->nruns + 1) * sizeof *next);
	for (unsigned e = 0; e < r->nevents; e++) {
		unsigned k = r->events[e].run < 0 ? r->nruns : (unsigned)r->events[e].run;
		r->by_run[next[k]++] = e;
	}
}

static int64_t floor_sec(int64_t ms)
{
	return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

/* robfig's Schedule.Next at a time in milliseconds (it starts from the
 * whole second), or NONE for the zero time. */
static int64_t next_after(const struct sim *s, int64_t ms)
{
	int64_t n;
	return cron_next(&s->spec, s->tz, floor_sec(ms), &n) ? n : NONE;
}

/* ---- the schedule: utils.go --------------------------------------------- */

enum missed { NONE_MISSED, FEW_MISSED, MANY_MISSED };

struct recent {
	int64_t earliest_ms; /* the last schedule time or the creation */
	int64_t most_recent; /* unix seconds, or NONE */
	enum missed missed;
	int64_t count;       /* numberOfMissedSchedules */
	bool error;          /* "time difference between two schedules is less
	                      * than 1 second" */
};

/* mostRecentScheduleTime. */
static struct recent most_recent(const struct sim *s, int64_t now, bool with_deadline)
{
	const struct cron_sim *r = &s->r;
	struct recent out = {s->creation * 1000, NONE, NONE_MISSED, 0, false};
	if (r->has_last_schedule)
		out.earliest_ms = r->last_schedule * 1000;
	if (with_deadline && r->has_deadline) {
		/* now.Add(-time.Second * time.Duration(*StartingDeadlineSeconds)) */
		int64_t cut = now + sim_go_seconds_ms(r->deadline, true);
		if (cut > out.earliest_ms)
			out.earliest_ms = cut;
	}
	int64_t t1 = next_after(s, out.earliest_ms);
	int64_t t2 = t1 == NONE ? NONE : next_after(s, t1 * 1000);
	if (t1 != NONE && now < t1 * 1000)
		return out;
	if (t2 != NONE && now < t2 * 1000) {
		out.most_recent = t1;
		return out;
	}
	/* a schedule that stops (robfig's zero time) has no interval */
	if (t1 == NONE || t2 == NONE || t2 - t1 < 1) {
		out.error = true;
		return out;
	}
	int64_t between = t2 - t1;
	out.count = (now - t1 * 1000) / 1000 / between + 1;
	int64_t t = next_after(s, (t1 + (out.count - 2) * between) * 1000);
	for (int guard = 0; t != NONE && t * 1000 <= now && guard < 100000; guard++) {
		out.most_recent = t;
		t = next_after(s, t * 1000);
	}
	out.missed = out.count > MAX_MISSED ? MANY_MISSED : out.count > 1 ? FEW_MISSED : NONE_MISSED;
	return out;
}

/* nextScheduleTimeDuration, as the time to sync again at. */
static int64_t requeue_at(const struct sim *s, int64_t now)
{
	struct recent m = most_recent(s, now, false);
	int64_t from_ms;
	if (m.error)
		from_ms = now;
	else if (m.most_recent != NONE)
		from_ms = m.most_recent * 1000;
	else
		from_ms = m.missed == NONE_MISSED ? m.earliest_ms : now;
	int64_t n = next_after(s, from_ms);
	return n == NONE ? NONE : n * 1000 + DELTA_MS;
}

/* ---- the controller: cronjob_controllerv2.go ---------------------------- */

/* The CronJob's active Jobs for a person ("Job a", "Jobs a, b"), or NULL. */
static const char *active_names(struct sim *s)
{
	const char *out = NULL;
	unsigned n = 0;
	for (unsigned i = s->live; i < s->r.njobs; i++)
		if (s->r.jobs[i].state == JOB_ACTIVE)
			out = n++ ? arena_printf(s->a, "%s, %s", out, s->r.jobs[i].name) : s->r.jobs[i].name;
	return n ? arena_printf(s->a, "Job%s %s", n > 1 ? "s" : "", out) : NULL;
}

/* Moves s->live past the deleted Jobs at its head; between syncs only, as
 * a sync still sees the Jobs it deletes. */
static void bury(struct sim *s)
{
	while (s->live < s->r.njobs && s->r.jobs[s->live].state >= JOB_REPLACED)
		s->live++;
}

static void delete_job(struct sim *s, int64_t now, struct cron_job *j, enum cron_job_state why,
                       const char *text)
{
	j->state = why;
	j->gone = now;
	event(s, now, j->run, false, "SuccessfulDelete", arena_printf(s->a, "Deleted job %s", j->name),
	      text);
}

/* removeOldestJobs: the finished Jobs in state st past limit go, oldest
 * start time first (byJobStartTime; the name breaks a tie). */
static void remove_oldest(struct sim *s, int64_t now, enum cron_job_state st, int64_t limit,
                          const char *what)
{
	struct cron_sim *r = &s->r;
	for (;;) {
		int64_t n = 0;
		struct cron_job *oldest = NULL;
		for (unsigned i = s->live; i < r->njobs; i++) {
			struct cron_job *j = &r->jobs[i];
			if (j->state != st)
				continue;
			n++;
			if (!oldest || j->created < oldest->created ||
			    (j->created == oldest->created && strcmp(j->name, oldest->name) < 0))
				oldest = j;
		}
		if (n <= limit || !oldest)
			return;
		delete_job(s, now, oldest, JOB_CLEANED,
		           arena_printf(s->a, "deletes Job %s, the oldest %s one past %sJobsHistoryLimit "
		                              "%" PRId64,
		                        oldest->name, what, st == JOB_FAILED ? "failed" : "successful",
		                        limit));
	}
}

/* cleanupFinishedJobs: both limits, the succeeded Jobs first. */
static void cleanup(struct sim *s, int64_t now)
{
	remove_oldest(s, now, JOB_SUCCEEDED, s->r.keep_succeeded, "succeeded");
	remove_oldest(s, now, JOB_FAILED, s->r.keep_failed, "failed");
}

/* The Jobs that end at now succeed or fail (the Job controller's part). */
static void end_jobs(struct sim *s, int64_t now)
{
	for (unsigned i = s->live; i < s->r.njobs; i++) {
		struct cron_job *j = &s->r.jobs[i];
		if (j->state == JOB_ACTIVE && j->ends == now) {
			j->state = j->fails ? JOB_FAILED : JOB_SUCCEEDED;
			s->trigger = arena_printf(s->a, "when Job %s ended", j->name);
		}
	}
}

/* The TTL-after-finished controller deletes a succeeded Job ttl seconds
 * after it ended; with ttl 0 (ended_now), after the sync its end caused,
 * since it acts on what it sees finished. */
static void expire_jobs(struct sim *s, int64_t now, bool ended_now)
{
	for (unsigned i = s->live; s->r.has_ttl && i < s->r.njobs; i++) {
		struct cron_job *j = &s->r.jobs[i];
		bool finished = j->state == JOB_SUCCEEDED || j->state == JOB_FAILED;
		if (finished && j->ends + s->r.ttl * 1000 <= now && (j->ends == now) == ended_now) {
			j->state = JOB_EXPIRED;
			j->gone = now;
			event(s, now, j->run, false, NULL, NULL,
			      arena_printf(s->a,
			                   "the TTL-after-finished controller deletes Job %s "
			                   "(ttlSecondsAfterFinished %" PRId64 ")",
			                   j->name, s->r.ttl));
		}
	}
}

/* syncCronJob after the Job list is read: a Job that ended leaves the
 * active list; then the schedule decides.  Returns the time to sync again
 * at, or NONE. */
static int64_t sync_cronjob(struct sim *s, int64_t now)
{
	struct cron_sim *r = &s->r;
	for (unsigned i = s->live; i < r->njobs; i++) {
		struct cron_job *j = &r->jobs[i];
		/* the Job list was read before cleanup: a Job it deleted is seen */
		bool cleaned = j->state == JOB_CLEANED && j->gone == now;
		bool finished = j->state == JOB_SUCCEEDED || j->state == JOB_FAILED || cleaned;
		if (!finished || j->ends != now)
			continue;
		event(s, now, j->run, false, "SawCompletedJob",
		      arena_printf(s->a, "Saw completed job: %s, status: %s", j->name,
		                   j->fails ? "Failed" : "Complete"),
		      arena_printf(s->a, j->fails ? "sees Job %s failed (DeadlineExceeded)"
		                                  : "sees Job %s complete",
		                   j->name));
		if (!j->fails && (!r->has_last_successful || now > r->last_successful_ms)) {
			r->last_successful_ms = now;
			r->has_last_successful = true;
		}
	}
	if (r->suspend)
		return NONE; /* "Not starting job because the cron is suspended" */

	/* nextScheduleTime */
	struct recent m = most_recent(s, now, true);
	if (m.error) {
		event(s, now, -1, true, "InvalidSchedule",
		      arena_printf(s->a, "invalid schedule: %s : %s", r->schedule,
		                   "time difference between two schedules is less than 1 second"),
		      "gives up on the schedule: it has no two run times within five years");
		return NONE;
	}
	if (m.most_recent == NONE || m.most_recent * 1000 > now)
		return requeue_at(s, now);
	int64_t sched = m.most_recent;
	int run = run_of(s, sched);
	if (m.missed == MANY_MISSED)
		event(s, now, run, true, "TooManyMissedTimes",
		      "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or "
		      "check clock skew",
		      arena_printf(s->a, "warns: %" PRId64 " start times missed (more than 100)", m.count));

	/* scheduledTime.Add(time.Second * time.Duration(*StartingDeadlineSeconds)).Before(now) */
	if (r->has_deadline && sched * 1000 + sim_go_seconds_ms(r->deadline, false) < now) {
		char when[SIM_CLOCK_SIZE];
		sim_clock(when, sched * 1000, CLOCK_RFC1123Z);
		event(s, now, run, true, "MissSchedule",
		      arena_printf(s->a, "Missed scheduled time to start a job: %s", when),
		      "misses it: past the starting deadline");
		return requeue_at(s, now);
	}
	const char *name = arena_printf(s->a, "%s-%" PRId64, r->name, sched / 60); /* getJobName */
	bool processed = r->has_last_schedule && r->last_schedule == sched;
	for (unsigned i = s->live; i < r->njobs; i++)
		processed |= r->jobs[i].state == JOB_ACTIVE && !strcmp(r->jobs[i].name, name);
	if (processed)
		return requeue_at(s, now);
	const char *active = active_names(s);
	if (!strcmp(r->policy, "Forbid") && active) {
		if (run >= 0)
			r->runs[run].skipped = true;
		event(s, now, run, false, "JobAlreadyActive",
		      "Not starting job because prior execution is running and concurrency policy is Forbid",
		      arena_printf(s->a, "skips it: %s still active (Forbid)", active));
		return requeue_at(s, now);
	}
	if (!strcmp(r->policy, "Replace"))
		for (unsigned i = s->live; i < r->njobs; i++)
			if (r->jobs[i].state == JOB_ACTIVE)
				delete_job(s, now, &r->jobs[i], JOB_REPLACED,
				           arena_printf(s->a, "deletes Job %s, still active at %s's time (Replace)",
				                        r->jobs[i].name, name));

	/* CreateJob */
	if (r->njobs == s->jcap) {
		unsigned cap = s->jcap ? s->jcap * 2 : 16;
		r->jobs = arena_grow(s->a, r->jobs, r->njobs, cap, sizeof *r->jobs);
		s->jcap = cap;
	}
	/* the Job's activeDeadlineSeconds counts from its start, its creation */
	bool fails = r->has_job_deadline && r->job_deadline < r->o->run_seconds;
	int64_t ends = now + (fails ? r->job_deadline : r->o->run_seconds) * 1000;
	r->jobs[r->njobs] = (struct cron_job){name, run, now, ends, NONE, fails, JOB_ACTIVE};
	if (run >= 0)
		r->runs[run].job = (int)r->njobs;
	r->njobs++;
	char until[SIM_CLOCK_SIZE];
	sim_clock(until, ends, CLOCK_HMS);
	const char *text = arena_printf(s->a, "creates Job %s, which runs until %sZ%s", name, until,
	                                fails ? ", its activeDeadlineSeconds" : "");
	if (now - sched * 1000 > DELTA_MS)
		text = arena_printf(s->a, "%s; late, %s", text, s->trigger);
	if (active && !strcmp(r->policy, "Allow"))
		text = arena_printf(s->a, "%s; %s still active (Allow)", text, active);
	event(s, now, run, false, "SuccessfulCreate", arena_printf(s->a, "Created job %s", name), text);
	r->has_last_schedule = true;
	r->last_schedule = sched;
	return requeue_at(s, now);
}

/* The clock: the controller's syncs (a requeue, or a Job's end) until the
 * sync of the first time not followed. */
static void run_controller(struct sim *s)
{
	struct cron_sim *r = &s->r;
	int64_t requeue = s->creation * 1000; /* addCronJob enqueues it */
	/* a time takes a few steps: its sync, its Job's end, its deletion */
	for (int64_t steps = 0; steps < 8 * (int64_t)r->nruns + 1000; steps++) {
		bury(s);
		int64_t end = NONE;
		for (unsigned i = s->live; i < r->njobs; i++) {
			const struct cron_job *j = &r->jobs[i];
			if (j->state == JOB_ACTIVE && j->ends < end)
				end = j->ends;
			bool finished = j->state == JOB_SUCCEEDED || j->state == JOB_FAILED;
			if (r->has_ttl && finished && j->ends + r->ttl * 1000 < end)
				end = j->ends + r->ttl * 1000;
		}
		int64_t now = requeue < end ? requeue : end;
		if (now == NONE || (r->has_until && now >= r->until_ms))
			return;
		s->trigger = steps ? "at a requeued sync" : "when the CronJob was created";
		expire_jobs(s, now, false); /* a deletion enqueues the CronJob */
		end_jobs(s, now);
		cleanup(s, now);
		int64_t pending = now == requeue ? NONE : requeue;
		int64_t again = sync_cronjob(s, now);
		if (again <= now)
			again = NONE;
		/* the work queue keeps the earlier of two times for one key */
		requeue = again < pending ? again : pending;
		/* the sync this deletion causes at the same instant changes nothing */
		expire_jobs(s, now, true);
	}
}

/* The scheduled times followed, and how the zone stands at each. */
static void follow_schedule(struct sim *s)
{
	struct cron_sim *r = &s->r;
	r->runs = arena_zalloc(s->a, (s->r.o->runs ? s->r.o->runs : 1) * sizeof *r->runs);
	tz_at(s->tz, s->creation, &r->from_zone);
	struct tz_info before = r->from_zone;
	int64_t t = s->creation;
	for (unsigned i = 0; i < r->o->runs; i++) {
		if (!cron_next(&s->spec, s->tz, t, &t))
			return;
		struct cron_run *run = &r->runs[r->nruns++];
		run->at = t;
		run->job = -1;
		tz_at(s->tz, t, &run->zone);
		run->before = before;
		run->zone_changed = run->zone.offset != before.offset || strcmp(run->zone.abbr, before.abbr);
		before = run->zone;
	}
	int64_t after;
	if (r->nruns == r->o->runs && cron_next(&s->spec, s->tz, t, &after)) {
		r->has_until = true;
		r->until_ms = after * 1000 + DELTA_MS;
	}
}

/* What became of each time followed, for a person. */
static void outcomes(struct sim *s)
{
	struct cron_sim *r = &s->r;
	bool later = false; /* a later time was created or skipped */
	for (unsigned i = r->nruns; i-- > 0;) {
		struct cron_run *run = &r->runs[i];
		if (run->job >= 0) {
			run->outcome = "created";
		} else if (r->suspend) {
			run->outcome = "suspended";
			run->why = "not started: the CronJob is suspended";
		} else if (run->skipped) {
			run->outcome = "skipped";
			run->why = r->has_deadline ? arena_printf(s->a,
			                                          "never started: the active Job did not end "
			                                          "within its starting deadline (%" PRId64 " s)",
			                                          r->deadline)
			           : later ? "never started: the controller starts only the most recent "
			                     "unmet time, and a later one came first"
			                   : "not started before the simulation's end";
		} else {
			run->outcome = "not started";
			run->why = r->has_deadline
			               ? arena_printf(s->a,
			                              "never started: no sync of the controller came within "
			                              "the starting deadline (%" PRId64 " s) of it",
			                              r->deadline)
			               : "never started";
		}
		later |= run->job >= 0 || run->skipped;
	}
}

int sim_cron(const struct tree *cj, const struct sim_cron_opts *o, FILE *out, FILE *err)
{
	struct arena a;
	arena_init(&a);
	struct sim s = {.a = &a};
	s.r.o = o;
	s.creation = o->from;
	read_cronjob(&s, cj);
	char why[256];
	int status = 0;
	if (!s.r.schedule || cron_parse(s.r.schedule, &s.spec, why, sizeof why)) {
		fprintf(err, "jobc: simulate: %s: %s\n", s.r.name,
		        s.r.schedule ? why : "the CronJob has no schedule");
		status = 1;
		goto done;
	}
	s.tz = tz_load(s.r.time_zone ? s.r.time_zone : "UTC", o->zoneinfo, why, sizeof why);
	if (!s.tz) {
		if (strstr(why, s.r.time_zone)) /* Go's "unknown time zone NAME" */
			fprintf(err, "jobc: simulate: %s: %s\n", s.r.name, why);
		else
			fprintf(err, "jobc: simulate: %s: time zone %s: %s\n", s.r.name, s.r.time_zone, why);
		status = 1;
		goto done;
	}
	follow_schedule(&s);
	run_controller(&s);
	outcomes(&s);
	group_events(&s);
	if (o->json)
		sim_cron_json(&s.r, out);
	else
		sim_cron_text(&s.r, out);
done:
	tz_free(s.tz);
	arena_destroy(&a);
	return status;
}
