/* sim_out.c - what jobc simulate prints for a Job: the timeline as a
 * table and the verdict in one line, or, with --json, the events and the
 * Job's final .status in the API server's shape (sim_int.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "jsonw.h"
#include "sim.h"
#include "sim_int.h"
#include "units.h"

void sim_event_add(struct sim_result *r, int64_t t, const char *what, const char *pod,
                   const char *fmt, ...)
{
	if (r->nev == r->capev) {
		r->capev = r->capev ? r->capev * 2 : 32;
		r->ev = xrealloc(r->ev, sizeof *r->ev * r->capev);
	}
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_putc(&b, '\0');
	r->ev[r->nev++] = (struct sim_event){t, what, pod ? xstrdup(pod) : NULL, buf_take(&b, NULL)};
}

void sim_result_free(struct sim_result *r)
{
	for (unsigned i = 0; i < r->nev; i++) {
		xfree(r->ev[i].pod);
		xfree(r->ev[i].detail);
	}
	xfree(r->ev);
	for (unsigned i = 0; i < r->ncond; i++)
		xfree(r->cond[i].message);
	xfree(r->completed_indexes);
	xfree(r->failed_indexes);
	xfree(r->stuck_why);
}

void sim_offset(int64_t t, char *out, size_t size)
{
	if (!size)
		return;
	out[0] = '+';
	duration_format(t, out + 1, (uint32_t)(size - 1));
}

/* ---- the table ------------------------------------------------------------------ */

static const char *end_word(const struct sim_result *r)
{
	switch (r->end) {
	case SIM_DONE_COMPLETE: return "Complete";
	case SIM_DONE_FAILED: return "Failed";
	default: return "NotFinished";
	}
}

static const struct sim_condition *terminal(const struct sim_result *r)
{
	for (unsigned i = 0; i < r->ncond; i++)
		if (!strcmp(r->cond[i].type, "Complete") || !strcmp(r->cond[i].type, "Failed"))
			return &r->cond[i];
	return NULL;
}

/* The verdict: "Job pi: Failed at +4m (BackoffLimitExceeded: ...); ..." */
static void verdict(const struct sim_result *r, struct buf *b)
{
	char at[48];
	buf_printf(b, "Job %s: ", r->name);
	const struct sim_condition *c = terminal(r);
	if (c) {
		sim_offset(r->end_time, at, sizeof at);
		buf_printf(b, "%s at %s", c->type, at);
		if (*c->reason)
			buf_printf(b, " (%s: %s)", c->reason, c->message);
	} else {
		buf_printf(b, "not finished: %s", r->stuck_why ? r->stuck_why : "");
	}
	buf_printf(b, "; succeeded %" PRId64 ", failed %" PRId64, r->succeeded, r->failed);
	if (r->completed_indexes)
		buf_printf(b, ", completed indexes \"%s\"", r->completed_indexes);
	if (r->failed_indexes)
		buf_printf(b, ", failed indexes \"%s\"", r->failed_indexes);
	if (c && r->has_ttl) {
		sim_offset(r->end_time + r->ttl, at, sizeof at);
		buf_printf(b, "; deleted at %s (ttl)", at);
	}
	buf_putc(b, '\n');
}

void sim_out_text(const struct sim_result *r, FILE *out)
{
	size_t wt = 4, ww = 5, wp = 3;
	char at[48];
	for (unsigned i = 0; i < r->nev; i++) {
		sim_offset(r->ev[i].t, at, sizeof at);
		if (strlen(at) > wt)
			wt = strlen(at);
		if (strlen(r->ev[i].what) > ww)
			ww = strlen(r->ev[i].what);
		if (r->ev[i].pod && strlen(r->ev[i].pod) > wp)
			wp = strlen(r->ev[i].pod);
	}
	struct buf b = BUF_INIT;
	buf_printf(&b, "%-*s  %-*s  %-*s  %s\n", (int)wt, "TIME", (int)ww, "EVENT", (int)wp, "POD",
	           "DETAIL");
	for (unsigned i = 0; i < r->nev; i++) {
		const struct sim_event *e = &r->ev[i];
		sim_offset(e->t, at, sizeof at);
		buf_printf(&b, "%-*s  %-*s  %-*s  %s", (int)wt, at, (int)ww, e->what, (int)wp,
		           e->pod ? e->pod : "-", e->detail);
		while (b.len && b.data[b.len - 1] == ' ')
			b.len--;
		buf_putc(&b, '\n');
	}
	verdict(r, &b);
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
}

/* ---- JSON ----------------------------------------------------------------------- */

/* An RFC 3339 time, t seconds after the simulation's epoch. */
static cJSON *time_json(const struct sim_result *r, int64_t t)
{
	char s[SIM_CLOCK_SIZE];
	sim_clock(s, (r->epoch + t) * 1000, CLOCK_ISO);
	return cJSON_CreateString(s);
}

/* .status as the API server shows it (batch/v1 JobStatus, its fields in
 * the Go type's order; omitempty fields left out when empty). */
static cJSON *status_json(const struct sim_result *r)
{
	cJSON *st = cJSON_CreateObject();
	if (r->ncond) {
		cJSON *conds = cJSON_AddArrayToObject(st, "conditions");
		for (unsigned i = 0; i < r->ncond; i++) {
			const struct sim_condition *c = &r->cond[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "type", c->type);
			cJSON_AddStringToObject(o, "status", c->status);
			cJSON_AddItemToObject(o, "lastProbeTime", time_json(r, c->t));
			cJSON_AddItemToObject(o, "lastTransitionTime", time_json(r, c->t));
			if (*c->reason)
				cJSON_AddStringToObject(o, "reason", c->reason);
			if (*c->message)
				cJSON_AddStringToObject(o, "message", c->message);
			cJSON_AddItemToArray(conds, o);
		}
	}
	if (r->started)
		cJSON_AddItemToObject(st, "startTime", time_json(r, r->start_time));
	if (r->end == SIM_DONE_COMPLETE)
		cJSON_AddItemToObject(st, "completionTime", time_json(r, r->end_time));
	if (r->succeeded)
		cJSON_AddNumberToObject(st, "succeeded", (double)r->succeeded);
	if (r->failed)
		cJSON_AddNumberToObject(st, "failed", (double)r->failed);
	if (r->terminating_tracked)
		cJSON_AddNumberToObject(st, "terminating", 0);
	if (r->completed_indexes && *r->completed_indexes)
		cJSON_AddStringToObject(st, "completedIndexes", r->completed_indexes);
	if (r->failed_indexes)
		cJSON_AddStringToObject(st, "failedIndexes", r->failed_indexes);
	cJSON_AddItemToObject(st, "uncountedTerminatedPods", cJSON_CreateObject());
	if (r->ready_tracked)
		cJSON_AddNumberToObject(st, "ready", 0);
	return st;
}

void sim_out_json(const struct sim_result *r, FILE *out)
{
	cJSON *doc = cJSON_CreateObject();
	char at[48];
	cJSON_AddStringToObject(doc, "job", r->name);
	cJSON *evs = cJSON_AddArrayToObject(doc, "events");
	for (unsigned i = 0; i < r->nev; i++) {
		const struct sim_event *e = &r->ev[i];
		cJSON *o = cJSON_CreateObject();
		sim_offset(e->t, at, sizeof at);
		cJSON_AddStringToObject(o, "time", at);
		cJSON_AddNumberToObject(o, "seconds", (double)e->t);
		cJSON_AddStringToObject(o, "event", e->what);
		if (e->pod)
			cJSON_AddStringToObject(o, "pod", e->pod);
		cJSON_AddStringToObject(o, "detail", e->detail);
		cJSON_AddItemToArray(evs, o);
	}
	cJSON_AddStringToObject(doc, "result", end_word(r));
	if (r->stuck_why)
		cJSON_AddStringToObject(doc, "why", r->stuck_why);
	cJSON_AddItemToObject(doc, "status", status_json(r));
	if (terminal(r) && r->has_ttl)
		cJSON_AddItemToObject(doc, "deletionTime", time_json(r, r->end_time + r->ttl));
	struct buf b = BUF_INIT;
	json_write(&b, doc);
	cJSON_Delete(doc);
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
}
