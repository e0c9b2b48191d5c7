/* sim_cron_out.c - the CronJob simulation written for a person (a line a
 * scheduled time, then what the history keeps) or as JSON; see
 * sim_cron_model.h.  Nothing here decides anything: sim_cron.c did.
 */
#include <inttypes.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "jsonw.h"
#include "sim_cron_model.h"
#include "tree.h"

static const char *const wdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void sim_clock(char *buf, int64_t ms, enum clock_style style)
{
	int64_t sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	int frac = (int)(ms - sec * 1000);
	struct civil c;
	tz_civil(NULL, sec, &c);
	switch (style) {
	case CLOCK_HMS:
		snprintf(buf, SIM_CLOCK_SIZE, "%02d:%02d:%02d", c.hour, c.min, c.sec);
		break;
	case CLOCK_DAY_HMS:
		snprintf(buf, SIM_CLOCK_SIZE, "%02d-%02d %02d:%02d:%02d", c.month, c.day, c.hour, c.min,
		         c.sec);
		break;
	case CLOCK_ISO:
	case CLOCK_ISO_MS:
		snprintf(buf, SIM_CLOCK_SIZE, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02d", c.year, c.month,
		         c.day, c.hour, c.min, c.sec);
		if (style == CLOCK_ISO_MS && frac)
			snprintf(buf + strlen(buf), 8, ".%03d", frac);
		strcat(buf, "Z");
		break;
	case CLOCK_RFC1123Z:
		snprintf(buf, SIM_CLOCK_SIZE, "%s, %02d %s %04" PRId64 " %02d:%02d:%02d +0000",
		         wdays[c.wday], c.day, months[c.month - 1], c.year, c.hour, c.min, c.sec);
		break;
	}
}

/* "-04:00" (seconds too when the offset has some). */
static void offset_text(char *buf, size_t size, int32_t off)
{
	char sign = off < 0 ? '-' : '+';
	int64_t a = off < 0 ? -(int64_t)off : off;
	if (a % 60)
		snprintf(buf, size, "%c%02d:%02d:%02d", sign, (int)(a / 3600), (int)(a / 60 % 60),
		         (int)(a % 60));
	else
		snprintf(buf, size, "%c%02d:%02d", sign, (int)(a / 3600), (int)(a / 60 % 60));
}

/* The wall-clock time of t in its zone: "2026-03-08 03:00:00 -04:00 EDT",
 * or with iso "2026-03-08T03:00:00-04:00". */
static void local_text(char *buf, size_t size, int64_t t, const struct tz_info *z, bool iso)
{
	struct civil c;
	tz_civil(NULL, t + z->offset, &c);
	char off[16];
	offset_text(off, sizeof off, z->offset);
	snprintf(buf, size, "%04" PRId64 "-%02d-%02d%c%02d:%02d:%02d%s%s%s%s", c.year, c.month, c.day,
	         iso ? 'T' : ' ', c.hour, c.min, c.sec, iso ? "" : " ", off, iso ? "" : " ",
	         iso ? "" : z->abbr);
}

/* A duration as Go writes one, without the zero units: "1h30m", "45s". */
static void duration_text(char *buf, size_t size, int64_t s)
{
	int n = 0;
	if (s >= 3600)
		n += snprintf(buf + n, size - (size_t)n, "%" PRId64 "h", s / 3600);
	if (s % 3600 >= 60)
		n += snprintf(buf + n, size - (size_t)n, "%dm", (int)(s % 3600 / 60));
	if (s % 60 || !s)
		snprintf(buf + n, size - (size_t)n, "%ds", (int)(s % 60));
}

static const char *zone_name(const struct cron_sim *s)
{
	return s->time_zone ? s->time_zone : "UTC";
}

/* Names of the Jobs in one state, ", "-separated, or "none". */
static void jobs_in(const struct cron_sim *s, enum cron_job_state st, struct buf *b)
{
	size_t at = b->len;
	for (unsigned i = 0; i < s->njobs; i++)
		if (s->jobs[i].state == st)
			buf_printf(b, "%s%s", b->len > at ? ", " : "", s->jobs[i].name);
	if (b->len == at)
		buf_puts(b, "none");
}

/* ---- for a person ------------------------------------------------------- */

static void text_header(const struct cron_sim *s, struct buf *b)
{
	char when[80], iso[SIM_CLOCK_SIZE], run[32];
	local_text(when, sizeof when, s->o->from, &s->from_zone, false);
	sim_clock(iso, s->o->from * 1000, CLOCK_ISO);
	duration_text(run, sizeof run, s->o->run_seconds);
	buf_printf(b, "CronJob %s: schedule \"%s\" in %s, concurrencyPolicy %s\n", s->name, s->schedule,
	           zone_name(s), s->policy);
	if (!s->time_zone)
		buf_puts(b, "  no timeZone: the controller uses kube-controller-manager's local time zone; "
		            "simulated in UTC\n");
	if (s->has_deadline && s->deadline > INT64_MAX / 1000000000)
		buf_printf(b, "  startingDeadlineSeconds %" PRId64 " (more than Go's time.Duration "
		           "holds: the controller's nanoseconds wrap, to %" PRId64 " ms)",
		           s->deadline, sim_go_seconds_ms(s->deadline, false));
	else if (s->has_deadline)
		buf_printf(b, "  startingDeadlineSeconds %" PRId64, s->deadline);
	else
		buf_puts(b, "  no startingDeadlineSeconds");
	buf_printf(b, "; history kept: %" PRId64 " succeeded, %" PRId64 " failed Job%s\n",
	           s->keep_succeeded, s->keep_failed, s->keep_failed == 1 ? "" : "s");
	if (s->has_job_deadline && s->job_deadline < s->o->run_seconds) {
		char d[32];
		duration_text(d, sizeof d, s->job_deadline);
		buf_printf(b, "  created %s (%s); each Job would run %s but fails at its "
		              "activeDeadlineSeconds, %s (DeadlineExceeded); the controller acts 0.1 s "
		              "after a scheduled time\n",
		           when, iso, run, d);
	} else {
		buf_printf(b, "  created %s (%s); each Job runs %s and succeeds; the controller acts 0.1 s "
		              "after a scheduled time\n",
		           when, iso, run);
	}
	if (s->has_ttl) {
		duration_text(run, sizeof run, s->ttl);
		buf_printf(b, "  ttlSecondsAfterFinished %" PRId64 ": the TTL-after-finished controller "
		              "deletes each Job %s after it ends\n",
		           s->ttl, run);
	}
	if (s->suspend)
		buf_puts(b, "  suspend = true: the controller starts no Job; nothing runs\n");
	buf_putc(b, '\n');
}

/* One line a scheduled time, then one a further event: "  3  <local>
 * <UTC>  07:00:00  skips it: ...". */
static void text_runs(const struct cron_sim *s, struct buf *b)
{
	size_t lw = 0;
	char local[80], utc[SIM_CLOCK_SIZE], clock[SIM_CLOCK_SIZE];
	for (unsigned i = 0; i < s->nruns; i++) {
		local_text(local, sizeof local, s->runs[i].at, &s->runs[i].zone, false);
		lw = strlen(local) > lw ? strlen(local) : lw;
	}
	char head[96];
	snprintf(head, sizeof head, "scheduled, %s", zone_name(s));
	lw = strlen(head) > lw ? strlen(head) : lw;
	size_t indent = 4 + 2 + lw + 2 + 20 + 2; /* where the controller's column starts */
	buf_printf(b, "%4s  %-*s  %-20s  %s\n", "run", (int)lw, head, "UTC", "the controller (UTC)");
	for (unsigned i = 0; i < s->nruns; i++) {
		const struct cron_run *r = &s->runs[i];
		local_text(local, sizeof local, r->at, &r->zone, false);
		sim_clock(utc, r->at * 1000, CLOCK_ISO);
		buf_printf(b, "%4u  %-*s  %-20s  ", i + 1, (int)lw, local, utc);
		bool first = true;
		if (r->zone_changed) {
			buf_printf(b, "(%s, after the change from %s)\n", r->zone.abbr, r->before.abbr);
			first = false;
		}
		for (unsigned k = s->run_first[i]; k < s->run_first[i + 1]; k++) {
			const struct cron_event *e = &s->events[s->by_run[k]];
			if (!first)
				buf_fill(b, ' ', indent);
			sim_clock(clock, e->ms, CLOCK_DAY_HMS);
			buf_printf(b, "%s  %s\n", clock, e->text);
			first = false;
		}
		if (r->why) {
			if (!first)
				buf_fill(b, ' ', indent);
			buf_printf(b, "%s\n", r->why);
		}
	}
}

static void text_summary(const struct cron_sim *s, struct buf *b)
{
	unsigned created = 0, late = 0, skipped = 0, unstarted = 0;
	for (unsigned i = 0; i < s->nruns; i++) {
		const struct cron_run *r = &s->runs[i];
		if (r->job >= 0) {
			created++;
			late += s->jobs[r->job].created - r->at * 1000 > 100;
		} else {
			unstarted++;
		}
		skipped += r->skipped;
	}
	for (unsigned e = 0; e < s->nevents; e++)
		if (s->events[e].run < 0) {
			char clock[SIM_CLOCK_SIZE];
			sim_clock(clock, s->events[e].ms, CLOCK_ISO);
			buf_printf(b, "%s  %s (%s: %s)\n", clock, s->events[e].text, s->events[e].reason,
			           s->events[e].message);
		}
	if (!s->nruns) {
		char from[SIM_CLOCK_SIZE];
		sim_clock(from, s->o->from * 1000, CLOCK_ISO);
		buf_printf(b, "the schedule has no run time within five years of %s (robfig/cron's Next "
		              "gives the zero time): no Job is ever created\n",
		           from);
		return;
	}
	buf_printf(b, "\n%u scheduled time%s: %u Job%s created (%u late), %u not started", s->nruns,
	           s->nruns == 1 ? "" : "s", created, created == 1 ? "" : "s", late, unstarted);
	if (skipped)
		buf_printf(b, ", %u skipped at first under Forbid", skipped);
	buf_putc(b, '\n');
	char end[SIM_CLOCK_SIZE];
	if (s->has_until) {
		sim_clock(end, s->until_ms, CLOCK_ISO_MS);
		buf_printf(b, "at the end (%s, the sync of the next scheduled time):\n", end);
	} else {
		buf_puts(b, "at the end:\n");
	}
	buf_puts(b, "  active: ");
	jobs_in(s, JOB_ACTIVE, b);
	buf_printf(b, "\n  succeeded and kept (successfulJobsHistoryLimit %" PRId64 "): ",
	           s->keep_succeeded);
	jobs_in(s, JOB_SUCCEEDED, b);
	buf_puts(b, "\n  deleted by the history limit: ");
	jobs_in(s, JOB_CLEANED, b);
	if (s->has_ttl) {
		buf_printf(b, "\n  deleted by ttlSecondsAfterFinished %" PRId64 ": ", s->ttl);
		jobs_in(s, JOB_EXPIRED, b);
	}
	if (!strcmp(s->policy, "Replace")) {
		buf_puts(b, "\n  deleted by Replace: ");
		jobs_in(s, JOB_REPLACED, b);
	}
	buf_printf(b, "\n  failed and kept (failedJobsHistoryLimit %" PRId64 "): ", s->keep_failed);
	jobs_in(s, JOB_FAILED, b);
	buf_putc(b, '\n');
}

void sim_cron_text(const struct cron_sim *s, FILE *out)
{
	struct buf b = {0};
	text_header(s, &b);
	if (s->nruns)
		text_runs(s, &b);
	text_summary(s, &b);
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
}

/* ---- JSON --------------------------------------------------------------- */

static struct tree *str(struct arena *a, const char *s)
{
	return s ? tree_cstr(a, arena_strdup(a, s)) : tree_null(a);
}

static struct tree *time_of(struct arena *a, int64_t ms, enum clock_style style)
{
	char buf[SIM_CLOCK_SIZE];
	sim_clock(buf, ms, style);
	return str(a, buf);
}

static struct tree *names(struct arena *a, const struct cron_sim *s, enum cron_job_state st)
{
	struct tree *l = tree_list(a);
	for (unsigned i = 0; i < s->njobs; i++)
		if (s->jobs[i].state == st)
			tree_push(a, l, str(a, s->jobs[i].name));
	return l;
}

static struct tree *event_tree(struct arena *a, const struct cron_event *e)
{
	struct tree *m = tree_map(a);
	tree_append(a, m, "time", time_of(a, e->ms, CLOCK_ISO_MS));
	tree_append(a, m, "type", str(a, e->warning ? "Warning" : "Normal"));
	tree_append(a, m, "source",
	            str(a, e->reason ? "cronjob-controller" : "ttl-after-finished-controller"));
	tree_append(a, m, "reason", str(a, e->reason));
	tree_append(a, m, "message", str(a, e->message));
	tree_append(a, m, "text", str(a, e->text));
	return m;
}

static struct tree *run_tree(struct arena *a, const struct cron_sim *s, unsigned i)
{
	const struct cron_run *r = &s->runs[i];
	struct tree *m = tree_map(a);
	char local[80];
	local_text(local, sizeof local, r->at, &r->zone, true);
	tree_append(a, m, "scheduled", time_of(a, r->at * 1000, CLOCK_ISO));
	tree_append(a, m, "local", str(a, local));
	tree_append(a, m, "zone", str(a, r->zone.abbr));
	tree_append(a, m, "dst", tree_bool(a, r->zone.dst));
	if (r->zone_changed) {
		struct tree *c = tree_map(a);
		tree_append(a, c, "from", str(a, r->before.abbr));
		tree_append(a, c, "to", str(a, r->zone.abbr));
		tree_append(a, m, "zoneChange", c);
	}
	tree_append(a, m, "outcome", str(a, r->outcome));
	if (r->job >= 0) {
		const struct cron_job *j = &s->jobs[r->job];
		tree_append(a, m, "job", str(a, j->name));
		tree_append(a, m, "created", time_of(a, j->created, CLOCK_ISO_MS));
		tree_append(a, m, "ends", time_of(a, j->ends, CLOCK_ISO_MS));
		tree_append(a, m, "result", str(a, j->fails ? "Failed" : "Complete"));
	}
	if (r->why)
		tree_append(a, m, "why", str(a, r->why));
	struct tree *ev = tree_list(a);
	for (unsigned k = s->run_first[i]; k < s->run_first[i + 1]; k++)
		tree_push(a, ev, event_tree(a, &s->events[s->by_run[k]]));
	tree_append(a, m, "events", ev);
	return m;
}

void sim_cron_json(const struct cron_sim *s, FILE *out)
{
	struct arena a;
	arena_init(&a);
	struct tree *doc = tree_map(&a), *spec = tree_map(&a);
	tree_append(&a, doc, "kind", str(&a, "CronJob"));
	tree_append(&a, doc, "name", str(&a, s->name));
	tree_append(&a, spec, "schedule", str(&a, s->schedule));
	tree_append(&a, spec, "timeZone", str(&a, s->time_zone));
	tree_append(&a, spec, "concurrencyPolicy", str(&a, s->policy));
	tree_append(&a, spec, "suspend", tree_bool(&a, s->suspend));
	tree_append(&a, spec, "startingDeadlineSeconds",
	            s->has_deadline ? tree_int(&a, s->deadline) : tree_null(&a));
	tree_append(&a, spec, "successfulJobsHistoryLimit", tree_int(&a, s->keep_succeeded));
	tree_append(&a, spec, "failedJobsHistoryLimit", tree_int(&a, s->keep_failed));
	tree_append(&a, spec, "ttlSecondsAfterFinished",
	            s->has_ttl ? tree_int(&a, s->ttl) : tree_null(&a));
	tree_append(&a, spec, "activeDeadlineSeconds",
	            s->has_job_deadline ? tree_int(&a, s->job_deadline) : tree_null(&a));
	tree_append(&a, doc, "spec", spec);
	tree_append(&a, doc, "simulatedTimeZone", str(&a, zone_name(s)));
	tree_append(&a, doc, "from", time_of(&a, s->o->from * 1000, CLOCK_ISO));
	tree_append(&a, doc, "runSeconds", tree_int(&a, s->o->run_seconds));
	tree_append(&a, doc, "until", s->has_until ? time_of(&a, s->until_ms, CLOCK_ISO_MS)
	                                            : tree_null(&a));
	tree_append(&a, doc, "neverFires", tree_bool(&a, s->nruns == 0 && !s->has_until));
	struct tree *runs = tree_list(&a), *other = tree_list(&a);
	for (unsigned i = 0; i < s->nruns; i++)
		tree_push(&a, runs, run_tree(&a, s, i));
	tree_append(&a, doc, "runs", runs);
	for (unsigned e = 0; e < s->nevents; e++)
		if (s->events[e].run < 0)
			tree_push(&a, other, event_tree(&a, &s->events[e]));
	tree_append(&a, doc, "otherEvents", other);
	struct tree *end = tree_map(&a);
	tree_append(&a, end, "active", names(&a, s, JOB_ACTIVE));
	tree_append(&a, end, "succeeded", names(&a, s, JOB_SUCCEEDED));
	tree_append(&a, end, "failed", names(&a, s, JOB_FAILED));
	tree_append(&a, end, "deletedByHistoryLimit", names(&a, s, JOB_CLEANED));
	tree_append(&a, end, "deletedByReplace", names(&a, s, JOB_REPLACED));
	tree_append(&a, end, "deletedByTTL", names(&a, s, JOB_EXPIRED));
	tree_append(&a, doc, "end", end);
	struct tree *status = tree_map(&a);
	tree_append(&a, status, "active", names(&a, s, JOB_ACTIVE));
	tree_append(&a, status, "lastScheduleTime",
	            s->has_last_schedule ? time_of(&a, s->last_schedule * 1000, CLOCK_ISO)
	                                 : tree_null(&a));
	tree_append(&a, status, "lastSuccessfulTime",
	            s->has_last_successful ? time_of(&a, s->last_successful_ms, CLOCK_ISO)
	                                   : tree_null(&a));
	tree_append(&a, doc, "status", status);
	struct buf b = {0};
	json_write_tree(&b, doc);
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
	arena_destroy(&a);
}
