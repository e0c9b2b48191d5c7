/* check_cron.c - the rules of rules.def's JOB8xx group that read the
 * CronJob's own spec (schedule, time zone), or say that a Job without a
 * schedule has CronJob fields.  (JOB805 is checked with the name in
 * check_meta.c, JOB806 with completions in check_spec.c, and JOB804 is a
 * range of the field table, checked when the value is lowered.)
 */
#include "check_internal.h"
#include "cron.h"
#include "fields.h"

/* A schedule with seconds (six fields, as Spring and many cron libraries
 * write it, or seven, Quartz's, with years too). */
static void cron_hint(struct job_ctx *cx, const char *s)
{
	unsigned n = cron_fields(s);
	if (n == 6)
		diag_note(cx->d, span_none(),
		          "Kubernetes cron has five fields, no seconds: minute hour day-of-month month "
		          "day-of-week; leave out the first field");
	else if (n == 7)
		diag_note(cx->d, span_none(),
		          "this looks like a Quartz schedule (seconds first, years last); Kubernetes cron "
		          "has five fields, no seconds: minute hour day-of-month month day-of-week");
}

struct tz_near {
	struct job_ctx *cx;
	const char *tz;
	struct suggest s;
};

static void tz_candidate(void *user, const char *name)
{
	struct tz_near *t = user;
	const char *was = t->s.best;
	suggest_add(&t->s, t->tz, name);
	if (t->s.best != was)
		t->s.best = arena_strdup(t->cx->a, name); /* name lives for the call only */
}

/* A time zone the database does not have: the nearest one it has. */
static void tz_hint(struct job_ctx *cx, const char *tz)
{
	struct tz_near t = {cx, tz, {0}};
	tz_each(NULL, tz_candidate, &t);
	const char *best = suggest_best(&t.s, tz);
	if (best)
		diag_note(cx->d, span_none(), "did you mean '%s'?", best);
}

/* JOB801-JOB803: a schedule robfig/cron's standard parser takes, without TZ
 * or CRON_TZ in it, and a time zone that exists (batch
 * validateScheduleFormat, validateCronJobSpec, validateTimeZone); a
 * character that looks like a space but separates no fields (a zero-width
 * space) is named in the message; JOB807: a
 * CronJob's fields in a job without a schedule (lowering keeps them aside). */
void check_cron(struct job_ctx *cx)
{
	const struct tree *spec = tree_get(cx->obj, "spec");
	if (!cx->cron) {
		/* lowering kept them aside: a Job has no such fields */
		for (unsigned k = 0; cx->aside->map.n && k < schema_job.nfields; k++) {
			const struct field *f = &schema_job.fields[k];
			if (!(f->flags & F_CRON) || (f->flags & F_JOB_TOO))
				continue;
			const struct tree *t = tree_get(cx->aside, f->name);
			if (t)
				REP(JOB807, t, NULL, NULL,
				    "'%s' only means something for a scheduled job; add a schedule, or remove it",
				    f->name);
		}
		return;
	}
	const struct tree *sched = tree_get(spec, "schedule");
	char buf[512];
	const char *s = cstr(cx, sched);
	if (!s)
		return; /* not a string: the type error is reported */
	if (!*s)
		REP(JOB801, sched, "spec.schedule", "Required value",
		    "the schedule is empty: write one such as \"0 3 * * *\" or \"@daily\"");
	else if (strstr(s, "TZ"))
		REP(JOB802, sched, "spec.schedule",
		    invalid(cx, sched, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"),
		    "a schedule cannot set its time zone: write timezone = \"...\" instead");
	else if (cron_check(s, buf, sizeof buf)) {
		/* a character that looks like a space but separates nothing, or
		 * white space in a descriptor: named, as the parser's message
		 * cannot show it */
		size_t at;
		const char *zw = cron_unicode_space(s, false, &at), *ws = NULL;
		if (!zw && *s == '@')
			ws = cron_unicode_space(s, true, &at);
		if (zw)
			REP(JOB801, sched, "spec.schedule", invalid(cx, sched, buf),
			    "invalid schedule: it has a %s (byte %zu of the schedule), which is no white "
			    "space to the schedule parser and separates nothing; use a space",
			    zw, at);
		else if (ws)
			REP(JOB801, sched, "spec.schedule", invalid(cx, sched, buf),
			    "invalid schedule: a descriptor is matched as written, with one ASCII space "
			    "after @every, and this one has a %s (byte %zu of the schedule)",
			    ws, at);
		else if (REP(JOB801, sched, "spec.schedule", invalid(cx, sched, buf),
		             "invalid schedule \"%s\": %s", s, buf))
			cron_hint(cx, s);
	}
	const struct tree *tz = tree_get(spec, "timeZone");
	if (tz && tz_check(cstr(cx, tz), NULL, buf, sizeof buf) &&
	    REP(JOB803, tz, "spec.timeZone", invalid(cx, tz, buf), "invalid time zone \"%.*s\": %s",
	        (int)tz->str.len, tz->str.s, buf))
		tz_hint(cx, cstr(cx, tz));
}
