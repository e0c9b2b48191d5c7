/* sim_job.c - the Kubernetes Job controller's decisions over a compiled
 * Job, on a simulated clock (sim_job.h).
 *
 * The model follows pkg/controller/job/job_controller.go: each time
 * something happens (a pod ends, a backoff or the deadline runs out, a
 * terminating pod is gone, the Job is suspended or resumed) the
 * controller syncs (syncJob): it counts the pods that ended since the last
 * sync (getNewFinishedPods, trackJobStatusAndRemoveFinalizers), judges
 * failures by the pod failure policy (matchPodFailurePolicy,
 * pod_failure_policy.go), decides whether the Job is finished (FailJob,
 * backoffLimit, activeDeadlineSeconds, maxFailedIndexes, failed indexes,
 * the success policy: success_policy.go), and otherwise creates the pods it
 * lacks (manageJob) once the pod failure backoff allows
 * (getRemainingTime, getRemainingTimePerIndex in backoff_utils.go).
 * What is not modelled (scheduling, image pulls, the sync batching, API
 * latency) is listed in docs/simulate.md.
 */
#include "sim_job.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "sim_int.h"
#include "tree.h"
#include "units.h"

/* The kubelet's container restart backoff (restartPolicy OnFailure):
 * backOffPeriod, 10 s, doubling up to MaxContainerBackOff, 5 min
 * (pkg/kubelet/kubelet.go). */
#define RESTART_BASE 10
#define RESTART_MAX 300
/* A scenario that never ends (flaky pods under a huge backoffLimit) stops
 * here. */
#define MAX_PODS 10000
#define MAX_STEPS 20000

/* The simulation: the Job's spec, its pods and the controller's state. */
struct sim {
	struct spec sp;
	const struct sim_scenario *sc;
	const struct sim_job_opts *o;
	struct sim_result *r;
	int64_t t;
	struct pod *pods;
	unsigned npods, cappods;
	bool *used;               /* scenario specs taken */
	unsigned ndefault;        /* pods no spec described */
	struct index_state *ix;   /* Indexed: one per index */
	int64_t succeeded, failed;
	/* the backoff record (backoffRecord in backoff_utils.go) */
	int64_t failures_after_success, last_failure;
	int64_t wake;             /* a requeue (backoff), or NO_TIME */
	bool suspended;
	bool suspend_done, resume_done;
	/* finishing: the interim condition is set, the final one follows */
	bool finishing, finish_failed;
	const char *finish_reason;
	char *finish_message;
};

static void pod_event(struct sim *S, const struct pod *p, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void pod_event(struct sim *S, const struct pod *p, const char *what, const char *fmt, ...)
{
	char detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	sim_event_add(S->r, S->t, what, p ? p->name : NULL, "%s", detail);
}

/* ---- creating pods ----------------------------------------------------------------- */

/* The pod of index ix (-1: NonIndexed) takes its outcome: the first
 * unused index=ix spec, else the first unused spec without an index,
 * else the scenario's default. */
static void take_spec(struct sim *S, int64_t ix, struct sim_pod_spec *out)
{
	const struct sim_scenario *sc = S->sc;
	for (int pass = 0; pass < 2; pass++)
		for (unsigned k = 0; k < sc->n; k++)
			if (!S->used[k] && sc->specs[k].index == (pass == 0 ? ix : -1) &&
			    (pass == 1 || ix >= 0)) {
				S->used[k] = true;
				*out = sc->specs[k];
				return;
			}
	sim_scenario_default(sc, S->ndefault++, out);
}

/* When a running pod stops: after its run time, or at the pod's
 * activeDeadlineSeconds (the kubelet kills it: DeadlineExceeded). */
static void schedule_end(struct sim *S, struct pod *p, int64_t from)
{
	int64_t after = p->spec.after >= 0 ? p->spec.after : S->o->default_after;
	p->end = from + after;
	if (S->sp.has_pod_deadline && p->end > p->created + S->sp.pod_deadline) {
		p->end = p->created + S->sp.pod_deadline;
		p->by_deadline = true;
	}
}

static void create_pod(struct sim *S, int64_t ix)
{
	if (S->npods == S->cappods) {
		S->cappods = S->cappods ? S->cappods * 2 : 16;
		S->pods = xrealloc(S->pods, sizeof *S->pods * S->cappods);
	}
	struct pod *p = &S->pods[S->npods++];
	memset(p, 0, sizeof *p);
	p->index = ix;
	p->created = S->t;
	p->state = POD_RUNNING;
	char note[128] = "";
	if (ix >= 0) {
		struct index_state *is = &S->ix[ix];
		snprintf(p->name, sizeof p->name, "%s-%" PRId64 "-%u", S->sp.name, ix, is->pods++);
		p->fail_count = is->fail_count;
		p->ignored_count = is->ignored_count;
		if (S->sp.per_index && (is->fail_count || is->ignored_count))
			snprintf(note, sizeof note, " (failures of the index so far: %" PRId64 " counted, %" PRId64
			         " ignored)", is->fail_count, is->ignored_count);
	} else {
		snprintf(p->name, sizeof p->name, "%s-%u", S->sp.name, S->npods - 1);
	}
	take_spec(S, ix, &p->spec);
	schedule_end(S, p, S->t);
	if (ix >= 0)
		pod_event(S, p, "created", "index %" PRId64 "%s", ix, note);
	else
		pod_event(S, p, "created", "%s", "");
}

static unsigned count_state(const struct sim *S, enum pod_state st)
{
	unsigned n = 0;
	for (unsigned i = 0; i < S->npods; i++)
		n += S->pods[i].state == st;
	return n;
}

static bool index_busy(const struct sim *S, int64_t ix)
{
	for (unsigned i = 0; i < S->npods; i++) {
		const struct pod *p = &S->pods[i];
		if (p->index == ix && (p->state == POD_RUNNING ||
		                       (p->state == POD_TERMINATING && S->sp.replace_failed)))
			return true;
	}
	return false;
}

static void set_wake(struct sim *S, int64_t at, const char *why)
{
	if (S->wake == at)
		return;
	S->wake = at;
	char d[32];
	duration_format(at - S->t, d, sizeof d);
	pod_event(S, NULL, "backoff", "no new pod for %s: %s", d, why);
}

/* The pods the Job controller deletes (their finalizers removed first, so
 * they are never counted: deleteJobPods in manageJob). */
static void delete_pod(struct sim *S, struct pod *p, bool counted, const char *why)
{
	p->state = POD_TERMINATING;
	p->killed = true;
	p->end = S->t + S->sp.grace;
	p->counted = counted;
	pod_event(S, p, "deleted", "%s; gone after its %" PRId64 "s grace period", why, S->sp.grace);
}

/* manageJob: creates the pods the Job lacks, at most parallelism, never
 * more than the completions left, after the backoff; deletes them all
 * while the Job is suspended. */
static void manage(struct sim *S)
{
	const struct spec *sp = &S->sp;
	if (S->suspended) {
		for (unsigned i = 0; i < S->npods; i++)
			if (S->pods[i].state == POD_RUNNING)
				delete_pod(S, &S->pods[i], true, "the Job is suspended: not counted");
		return;
	}
	int64_t active = count_state(S, POD_RUNNING);
	int64_t want;
	if (!sp->has_completions) {
		want = S->succeeded > 0 ? active : sp->parallelism;
	} else {
		want = sp->completions - S->succeeded;
		if (want > sp->parallelism)
			want = sp->parallelism;
		if (want < 0)
			want = 0;
	}
	if (active > want) {
		for (unsigned i = S->npods; i-- > 0 && active > want;)
			if (S->pods[i].state == POD_RUNNING) {
				delete_pod(S, &S->pods[i], true, "more pods than the Job needs: not counted");
				active--;
			}
		return;
	}
	int64_t terminating = sp->replace_failed ? count_state(S, POD_TERMINATING) : 0;
	int64_t diff = want - terminating - active;
	if (diff <= 0) {
		if (terminating && want - active > 0)
			pod_event(S, NULL, "waiting", "%" PRId64 " terminating pod%s must be gone before %s "
			          "replaced (podReplacementPolicy: Failed)", terminating,
			          terminating == 1 ? "" : "s", terminating == 1 ? "it is" : "they are");
		return;
	}
	if (!sp->per_index) {
		int64_t rem = sim_remaining_backoff(S->failures_after_success, S->last_failure, S->t);
		if (rem > 0) {
			char why[128];
			snprintf(why, sizeof why, "%" PRId64 " failure%s since the last success (10s "
			         "doubling, at most 10m)", S->failures_after_success,
			         S->failures_after_success == 1 ? "" : "s");
			set_wake(S, S->t + rem, why);
			return;
		}
	}
	if (!sp->indexed) {
		for (int64_t k = 0; k < diff && S->npods < MAX_PODS; k++)
			create_pod(S, -1);
		return;
	}
	/* firstPendingIndexes, then getPodCreationInfoForIndependentIndexes */
	int64_t made = 0, min_rem = 0, min_ix = -1;
	for (int64_t ix = 0; ix < sp->completions && made < diff; ix++) {
		struct index_state *is = &S->ix[ix];
		if (is->succeeded || is->failed || index_busy(S, ix))
			continue;
		if (sp->per_index && is->last_fail != NO_TIME) {
			int64_t rem = sim_remaining_backoff(is->fail_count + is->ignored_count, is->last_fail, S->t);
			if (rem > 0) {
				if (min_ix < 0 || rem < min_rem)
					min_rem = rem, min_ix = ix;
				made++; /* counted in diff, as the controller does */
				continue;
			}
		}
		if (S->npods < MAX_PODS)
			create_pod(S, ix);
		made++;
	}
	/* getPodCreationInfoForIndependentIndexes requeues only when no index
	 * got a pod; when some did, the sync their creation causes (the pods'
	 * add events) finds the others still waiting and requeues then: the
	 * same moment, on the simulated clock */
	if (min_ix >= 0) {
		char why[128];
		snprintf(why, sizeof why, "index %" PRId64 " waits out its backoff (%" PRId64
		         " failure%s of the index, 10s doubling)", min_ix,
		         S->ix[min_ix].fail_count + S->ix[min_ix].ignored_count,
		         S->ix[min_ix].fail_count + S->ix[min_ix].ignored_count == 1 ? "" : "s");
		set_wake(S, S->t + min_rem, why);
	}
}

/* ---- counting the pods that ended ----------------------------------------------- */

/* The indexes of set (Indexed: succeeded or failed) as the API server
 * writes them (orderedIntervals.String): "0,1", "0-2,5". */
static char *intervals(const struct sim *S, bool failed)
{
	char *out = xmalloc(16 * (size_t)S->sp.completions + 1);
	size_t n = 0;
	out[0] = '\0';
	for (int64_t i = 0; i < S->sp.completions;) {
		bool in = failed ? S->ix[i].failed : S->ix[i].succeeded;
		if (!in) {
			i++;
			continue;
		}
		int64_t j = i;
		while (j + 1 < S->sp.completions && (failed ? S->ix[j + 1].failed : S->ix[j + 1].succeeded))
			j++;
		n += (size_t)sprintf(out + n, "%s%" PRId64, n ? "," : "", i);
		if (j > i)
			n += (size_t)sprintf(out + n, "%c%" PRId64, j == i + 1 ? ',' : '-', j);
		i = j + 1;
	}
	return out;
}

static int64_t count_indexes(const struct sim *S, bool failed)
{
	int64_t n = 0;
	for (int64_t i = 0; S->ix && i < S->sp.completions; i++)
		n += failed ? S->ix[i].failed : S->ix[i].succeeded;
	return n;
}

/* A pod that ended Failed (or, with podReplacementPolicy
 * TerminatingOrFailed, is terminating: isPodFailed), counted as
 * trackJobStatusAndRemoveFinalizers counts it.  Sets *fail_job to the
 * FailJob message when a FailJob rule matched (getFailJobMessage). */
static void count_failure(struct sim *S, struct pod *p, char **fail_job)
{
	const struct spec *sp = &S->sp;
	char how[256], verdict[320] = "";
	sim_describe_failure(&S->sp, p, how, sizeof how);
	struct match m = {ACT_NONE, -1, NULL, 0, NULL, 0};
	if (sp->has_policy && p->state == POD_DONE)
		m = sim_match_policy(&S->sp, p);
	bool counts = m.action != ACT_IGNORE;
	int64_t finished = p->state == POD_DONE ? p->end : S->t; /* getFinishedTime */
	/* the backoff record counts every failed pod, ignored ones too
	 * (newBackoffRecord takes getNewFinishedPods' list) */
	S->failures_after_success++;
	S->last_failure = finished;
	if (m.action != ACT_NONE)
		snprintf(verdict, sizeof verdict, "; matches podFailurePolicy.rules[%d] (%s)", m.rule,
		         sim_action_name(m.action));
	else if (sp->has_policy)
		snprintf(verdict, sizeof verdict, "; no failure rule matches: counted");
	if (counts)
		S->failed++;
	if (m.action == ACT_FAIL_JOB && !*fail_job && !S->finishing) {
		char msg[512];
		if (m.container)
			snprintf(msg, sizeof msg, "Container %s for pod %s/%s failed with exit code %" PRId32
			         " matching FailJob rule at index %d", m.container, sp->ns, p->name, m.code,
			         m.rule);
		else
			snprintf(msg, sizeof msg, "Pod %s/%s has condition %.*s matching FailJob rule at "
			         "index %d", sp->ns, p->name, (int)m.condition_len, m.condition, m.rule);
		*fail_job = xstrdup(msg);
	}
	size_t vn = strlen(verdict);
	if (p->index >= 0 && !S->finishing) {
		struct index_state *is = &S->ix[p->index];
		is->last_fail = finished;
		if (sp->per_index) {
			/* isIndexFailed: FailIndex, or a counted failure when the index
			 * had backoffLimitPerIndex failures before this pod */
			if (m.action == ACT_FAIL_INDEX || (counts && p->fail_count >= sp->per_index_limit)) {
				is->failed = true;
				snprintf(verdict + vn, sizeof verdict - vn, "; index %" PRId64 " failed (%s)",
				         p->index, m.action == ACT_FAIL_INDEX ? "FailIndex"
				                                             : "backoffLimitPerIndex reached");
			}
			if (counts)
				is->fail_count++;
			else
				is->ignored_count++;
		}
	}
	vn = strlen(verdict);
	if (!counts)
		snprintf(verdict + vn, sizeof verdict - vn, "; not counted in failed");
	else
		snprintf(verdict + vn, sizeof verdict - vn, "; failed: %" PRId64, S->failed);
	p->counted = true;
	pod_event(S, p, "failed", "%s%s", how, verdict);
}

/* getNewFinishedPods over every pod the controller has not counted yet. */
static void count_new(struct sim *S, char **fail_job)
{
	bool success_seen = false;
	for (unsigned i = 0; i < S->npods; i++) {
		struct pod *p = &S->pods[i];
		if (p->counted)
			continue;
		if (p->state == POD_DONE && p->succeeded) {
			p->counted = true;
			success_seen = true;
			if (p->index >= 0) {
				if (!S->ix[p->index].succeeded && !S->ix[p->index].failed && !S->finishing) {
					S->ix[p->index].succeeded = true;
					S->succeeded++;
				}
				pod_event(S, p, "succeeded", "index %" PRId64 " complete; succeeded: %" PRId64,
				          p->index, S->succeeded);
			} else {
				S->succeeded++;
				pod_event(S, p, "succeeded", "succeeded: %" PRId64, S->succeeded);
			}
		} else if (p->state == POD_DONE ||
		           (p->state == POD_TERMINATING && !S->sp.replace_failed)) {
			count_failure(S, p, fail_job);
		}
	}
	/* newBackoffRecord: a success resets the count (failures at the same
	 * moment are not after it) */
	if (success_seen)
		S->failures_after_success = 0;
}

/* ---- conditions ------------------------------------------------------------------- */

static void add_condition(struct sim *S, const char *type, const char *status, const char *reason,
                          const char *message)
{
	struct sim_result *r = S->r;
	for (unsigned i = 0; i < r->ncond; i++)
		if (!strcmp(r->cond[i].type, type)) {
			xfree(r->cond[i].message);
			r->cond[i] = (struct sim_condition){type, status, reason, xstrdup(message), S->t};
			goto event;
		}
	if (r->ncond < SIM_MAX_CONDITIONS)
		r->cond[r->ncond++] = (struct sim_condition){type, status, reason, xstrdup(message), S->t};
event:
	pod_event(S, NULL, "condition", "%s=%s %s%s%s", type, status, reason, *message ? ": " : "",
	          message);
}

/* The Job is finished: the interim condition now (1.31 and newer:
 * FailureTarget or SuccessCriteriaMet, newFailureCondition /
 * newSuccessCondition), the terminal one once no pod is terminating
 * (enactJobFinished, delayTerminalCondition). */
static void finish(struct sim *S, bool failed, const char *reason, const char *message)
{
	S->finishing = true;
	S->finish_failed = failed;
	S->finish_reason = reason;
	S->finish_message = xstrdup(message);
	/* FailureTarget has been there for pod failure policies since 1.26 */
	if (S->sp.delayed || (failed && !strcmp(reason, "PodFailurePolicy")))
		add_condition(S, failed ? "FailureTarget" : "SuccessCriteriaMet", "True", reason, message);
	for (unsigned i = 0; i < S->npods; i++) {
		struct pod *p = &S->pods[i];
		/* a terminating pod not yet counted: after SuccessCriteriaMet its
		 * finalizer goes too (canRemoveFinalizer), so it is never counted */
		if (p->state == POD_TERMINATING && !failed)
			p->counted = true;
		if (p->state != POD_RUNNING)
			continue;
		/* trackJobStatusAndRemoveFinalizers, in the same sync: when the
		 * Job fails, every pod not terminated is counted as failed; after
		 * SuccessCriteriaMet the finalizers are removed (canRemoveFinalizer)
		 * and the running pods are never counted */
		delete_pod(S, p, true, failed ? "the Job failed: counted as failed"
		                              : "the Job succeeded: not counted");
		if (failed)
			S->failed++;
	}
}

/* Adds the terminal condition once no pod terminates. */
static void enact(struct sim *S)
{
	if (S->sp.delayed && count_state(S, POD_TERMINATING) > 0)
		return;
	struct sim_result *r = S->r;
	const char *type = S->finish_failed ? "Failed" : "Complete";
	const char *reason = S->finish_reason, *message = S->finish_message;
	if (!S->finish_failed && !S->sp.delayed && !strcmp(reason, "CompletionsReached"))
		reason = "", message = ""; /* before 1.31, Complete had no reason */
	add_condition(S, type, "True", reason, message);
	r->end = S->finish_failed ? SIM_DONE_FAILED : SIM_DONE_COMPLETE;
	r->end_time = S->t;
	r->end_reason = S->finish_reason;
}

/* pastBackoffLimitOnFailure: with restartPolicy OnFailure, the restarts
 * of the running pods' containers against backoffLimit. */
static bool past_restart_limit(const struct sim *S)
{
	if (!S->sp.on_failure)
		return false;
	int64_t n = 0;
	for (unsigned i = 0; i < S->npods; i++)
		if (S->pods[i].state == POD_RUNNING)
			n += S->pods[i].restarts;
	return S->sp.backoff_limit == 0 ? n > 0 : n >= S->sp.backoff_limit;
}

/* syncJob. */
static void sync(struct sim *S)
{
	const struct spec *sp = &S->sp;
	char *fail_job = NULL;
	if (!S->r->started && !S->suspended) {
		S->r->started = true;
		S->r->start_time = S->t;
	}
	count_new(S, &fail_job);
	if (!S->finishing) {
		char msg[64];
		int rule;
		if (fail_job)
			finish(S, true, "PodFailurePolicy", fail_job);
		else if (S->failed > sp->backoff_limit || past_restart_limit(S))
			finish(S, true, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
		else if (sp->has_deadline && S->r->started && !S->suspended &&
		         S->t - S->r->start_time >= sp->deadline)
			finish(S, true, "DeadlineExceeded", "Job was active longer than specified deadline");
		else if (sp->indexed && sp->per_index && sp->has_max_failed &&
		         count_indexes(S, true) > sp->max_failed)
			finish(S, true, "MaxFailedIndexesExceeded",
			       "Job has exceeded the specified maximal number of failed indexes");
		else if (sp->indexed && sp->per_index && count_indexes(S, true) > 0 &&
		         count_indexes(S, true) + S->succeeded >= sp->completions)
			finish(S, true, "FailedIndexes", "Job has failed indexes");
		else if ((rule = sim_match_success(&S->sp, S->ix, S->succeeded)) >= 0) {
			snprintf(msg, sizeof msg, "Matched rules at index %d", rule);
			finish(S, false, "SuccessPolicy", msg);
		}
	}
	xfree(fail_job);
	if (!S->finishing) {
		manage(S);
		int64_t active = count_state(S, POD_RUNNING);
		bool complete = sp->has_completions ? S->succeeded >= sp->completions && active == 0
		                                    : S->succeeded > 0 && active == 0;
		if (complete)
			finish(S, false, "CompletionsReached", "Reached expected number of succeeded pods");
	}
	if (S->finishing)
		enact(S);
}

/* ---- the clock -------------------------------------------------------------------- */

/* A running pod reaches its end: it succeeds, fails, restarts its
 * container in place (OnFailure), or is evicted (deleted, then gone after
 * its grace period). */
static void pod_stops(struct sim *S, struct pod *p)
{
	if (p->state == POD_TERMINATING) {
		p->state = POD_DONE;
		p->succeeded = false;
		if (p->counted)
			pod_event(S, p, "gone", "terminated");
		return;
	}
	if (p->spec.condition && !p->by_deadline) {
		/* an eviction or a preemption: DisruptionTarget, then deletion */
		p->state = POD_TERMINATING;
		p->killed = true;
		p->end = S->t + S->sp.grace;
		pod_event(S, p, p->spec.evicted ? "evicted" : "deleted", "%.*s=True; deleted, gone after "
		          "its %" PRId64 "s grace period", (int)p->spec.condition_len, p->spec.condition,
		          S->sp.grace);
		return;
	}
	bool fails = p->by_deadline || sim_spec_fails(&p->spec);
	if (fails && S->sp.on_failure && !p->by_deadline) {
		int64_t delay = RESTART_BASE;
		for (unsigned k = 0; k < p->restarts && delay < RESTART_MAX; k++)
			delay *= 2;
		if (delay > RESTART_MAX)
			delay = RESTART_MAX;
		p->restarts++;
		char how[256];
		sim_describe_failure(&S->sp, p, how, sizeof how);
		pod_event(S, p, "restarted", "%s; restartPolicy OnFailure: container restart %u, "
		          "after %" PRId64 "s", how, p->restarts, delay);
		take_spec(S, p->index, &p->spec);
		schedule_end(S, p, S->t + delay);
		return;
	}
	p->state = POD_DONE;
	p->succeeded = !fails;
	p->killed = p->by_deadline;
}

static void suspend_or_resume(struct sim *S, bool suspend)
{
	S->suspended = suspend;
	if (suspend) {
		pod_event(S, NULL, "suspended", "spec.suspend set to true");
		add_condition(S, "Suspended", "True", "JobSuspended", "Job suspended");
	} else {
		pod_event(S, NULL, "resumed", "spec.suspend set to false; startTime reset");
		add_condition(S, "Suspended", "False", "JobResumed", "Job resumed");
		/* Resumed jobs always reset StartTime (syncJob) */
		S->r->started = true;
		S->r->start_time = S->t;
	}
}

/* The next moment something happens, or NO_TIME. */
static int64_t next_time(const struct sim *S)
{
	int64_t next = NO_TIME;
#define CONSIDER(x)                                                                              \
	do {                                                                                         \
		int64_t x_ = (x);                                                                        \
		if (x_ > S->t && (next == NO_TIME || x_ < next))                                         \
			next = x_;                                                                           \
	} while (0)
	for (unsigned i = 0; i < S->npods; i++)
		if (S->pods[i].state != POD_DONE)
			CONSIDER(S->pods[i].end);
	if (S->wake != NO_TIME)
		CONSIDER(S->wake);
	if (S->sp.has_deadline && S->r->started && !S->suspended && !S->finishing)
		CONSIDER(S->r->start_time + S->sp.deadline);
	if (S->o->has_suspend_at && !S->suspend_done)
		CONSIDER(S->o->suspend_at);
	if (S->o->has_resume_at && !S->resume_done)
		CONSIDER(S->o->resume_at);
#undef CONSIDER
	return next;
}

static void run(struct sim *S)
{
	struct sim_result *r = S->r;
	if (S->suspended)
		add_condition(S, "Suspended", "True", "JobSuspended", "Job suspended");
	if (S->o->has_suspend_at && S->o->suspend_at == 0 && !S->suspended) {
		S->suspend_done = true;
		suspend_or_resume(S, true);
	}
	sync(S);
	for (unsigned steps = 0; r->end == SIM_RUNNING; steps++) {
		if (S->npods >= MAX_PODS || steps >= MAX_STEPS) {
			r->end = SIM_CAPPED;
			r->stuck_why = xstrdup(S->npods >= MAX_PODS
			                           ? "the simulation stops after 10000 pods"
			                           : "the simulation stops after 20000 events");
			return;
		}
		int64_t t = next_time(S);
		if (t == NO_TIME) {
			r->end = SIM_STUCK;
			r->stuck_why = xstrdup(S->suspended ? "the Job stays suspended"
			                                    : "nothing more happens");
			return;
		}
		S->t = t;
		if (S->wake != NO_TIME && S->wake <= t)
			S->wake = NO_TIME;
		for (unsigned i = 0; i < S->npods; i++)
			if (S->pods[i].state != POD_DONE && S->pods[i].end == t)
				pod_stops(S, &S->pods[i]);
		if (S->o->has_suspend_at && !S->suspend_done && S->o->suspend_at == t) {
			S->suspend_done = true;
			if (!S->suspended)
				suspend_or_resume(S, true);
		}
		if (S->o->has_resume_at && !S->resume_done && S->o->resume_at == t) {
			S->resume_done = true;
			if (S->suspended)
				suspend_or_resume(S, false);
		}
		sync(S);
	}
}

int sim_job(const struct tree *job, const struct sim_scenario *s, const struct sim_job_opts *o,
            FILE *out)
{
	struct sim S;
	struct sim_result r;
	memset(&S, 0, sizeof S);
	memset(&r, 0, sizeof r);
	sim_read_spec(job, o->kube_version, &S.sp);
	if (!sim_check_scenario(&S.sp, s, stderr)) {
		xfree(S.sp.rules);
		return SIM_BAD_SCENARIO;
	}
	S.sc = s;
	S.o = o;
	S.r = &r;
	S.wake = NO_TIME;
	S.last_failure = NO_TIME;
	S.used = xcalloc(s->n + 1, sizeof *S.used);
	S.suspended = S.sp.suspend;
	if (S.sp.indexed) {
		S.ix = xcalloc((size_t)S.sp.completions + 1, sizeof *S.ix);
		for (int64_t i = 0; i < S.sp.completions; i++)
			S.ix[i].last_fail = NO_TIME;
	}
	r.name = S.sp.name;
	r.ns = S.sp.ns;
	r.epoch = o->epoch;
	r.has_ttl = S.sp.has_ttl;
	r.ttl = S.sp.ttl;
	r.indexed = S.sp.indexed;
	r.per_index = S.sp.per_index;
	/* .status.terminating: written with JobPodReplacementPolicy (1.29);
	 * .status.ready: JobReadyPods (1.24) */
	r.terminating_tracked = o->kube_version >= 129;
	r.ready_tracked = o->kube_version >= 124;
	run(&S);
	if ((r.end == SIM_DONE_COMPLETE || r.end == SIM_DONE_FAILED) && r.has_ttl) {
		char d[48];
		duration_format(r.ttl, d, sizeof d);
		/* the TTL-after-finished controller, from the terminal condition */
		sim_event_add(&r, r.end_time + r.ttl, "ttl-delete", NULL, "ttlSecondsAfterFinished: %s "
		              "after the Job finished, the Job and its pods are deleted", d);
	}
	r.succeeded = S.succeeded;
	r.failed = S.failed;
	if (S.sp.indexed)
		r.completed_indexes = intervals(&S, false);
	if (S.sp.per_index)
		r.failed_indexes = intervals(&S, true);
	if (o->json)
		sim_out_json(&r, out);
	else
		sim_out_text(&r, out);
	int status = r.end == SIM_DONE_COMPLETE ? SIM_COMPLETE : SIM_FAILED;
	sim_result_free(&r);
	xfree(S.pods);
	xfree(S.used);
	xfree(S.ix);
	xfree(S.sp.rules);
	xfree(S.finish_message);
	return status;
}
