/* sim_int.h - what the Job simulation (sim_job.c) hands its writer
 * (sim_out.c): the timeline and the Job's final status.  Private to
 * compiler/sim/.
 */
#ifndef JOBC_SIM_INT_H
#define JOBC_SIM_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#include "sim_job.h"

/* One line of the timeline. */
struct sim_event {
	int64_t t;          /* seconds after the Job's creation */
	const char *what;   /* a static word: created, succeeded, failed, ... */
	char *pod;          /* the pod's name, or NULL (owned) */
	char *detail;       /* owned */
};

/* A condition of .status.conditions, as the controller writes it. */
struct sim_condition {
	const char *type, *status, *reason; /* static strings */
	char *message;                      /* owned */
	int64_t t;
};

#define SIM_MAX_CONDITIONS 6

struct sim_result {
	const char *name, *ns;
	int64_t epoch;           /* unix seconds of t = 0 */
	struct sim_event *ev;    /* owned */
	unsigned nev, capev;
	struct sim_condition cond[SIM_MAX_CONDITIONS];
	unsigned ncond;
	bool started;
	int64_t start_time;
	enum { SIM_RUNNING, SIM_DONE_COMPLETE, SIM_DONE_FAILED, SIM_STUCK, SIM_CAPPED } end;
	int64_t end_time;        /* SIM_DONE_*: when the terminal condition was added */
	const char *end_reason;  /* SIM_DONE_*: the terminal condition's reason */
	bool has_ttl;
	int64_t ttl;
	int64_t succeeded, failed;
	bool indexed, per_index, terminating_tracked, ready_tracked;
	char *completed_indexes; /* owned; NULL for a NonIndexed Job */
	char *failed_indexes;    /* owned; NULL without backoffLimitPerIndex */
	char *stuck_why;         /* SIM_STUCK, SIM_CAPPED: why it stopped (owned) */
};

/* Appends an event (pod may be NULL; detail is formatted). */
void sim_event_add(struct sim_result *r, int64_t t, const char *what, const char *pod,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void sim_result_free(struct sim_result *r);

/* "+1h2m10s": seconds after creation as the timeline shows them. */
void sim_offset(int64_t t, char *out, size_t size);

/* The timeline table and the verdict, or the JSON document. */
void sim_out_text(const struct sim_result *r, FILE *out);
void sim_out_json(const struct sim_result *r, FILE *out);

/* ---- the model's state (sim_job.c), and the rules it applies (sim_rules.c) ---- */

struct tree;

/* DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff
 * (job_controller.go), in seconds */
#define SIM_BACKOFF_BASE 10
#define SIM_BACKOFF_MAX 600
/* A killed container's exit code (SIGKILL at the end of the grace period) */
#define SIM_KILLED_EXIT 137
#define NO_TIME INT64_MIN

enum action { ACT_NONE, ACT_FAIL_JOB, ACT_FAIL_INDEX, ACT_IGNORE, ACT_COUNT };

struct fail_rule {
	enum action action;
	const struct tree *exit_codes; /* onExitCodes, or NULL */
	const struct tree *conditions; /* onPodConditions, or NULL */
};

struct spec {
	const char *name, *ns;
	bool indexed;
	bool has_completions;
	int64_t completions, parallelism, backoff_limit;
	bool per_index;
	int64_t per_index_limit;
	bool has_max_failed;
	int64_t max_failed;
	struct fail_rule *rules;  /* owned; NULL without a podFailurePolicy */
	unsigned nrules;
	bool has_policy;
	const struct tree *success_rules; /* spec.successPolicy.rules, or NULL */
	bool has_deadline;
	int64_t deadline;         /* seconds after startTime that pastActiveDeadline holds at:
	                           * activeDeadlineSeconds, or what Go's nanoseconds wrap it to
	                           * past 292 years (9223372036854775807: -1, at once) */
	bool suspend;
	bool replace_failed;      /* onlyReplaceFailedPods */
	bool has_ttl;
	int64_t ttl;
	bool on_failure;          /* restartPolicy OnFailure */
	bool has_pod_deadline;
	int64_t pod_deadline;
	int64_t grace;
	const struct tree *containers;
	bool delayed;             /* 1.31 and newer: FailureTarget/SuccessCriteriaMet first
	                           * (delayTerminalCondition) */
};

enum pod_state { POD_RUNNING, POD_TERMINATING, POD_DONE };

struct pod {
	char name[96];
	int64_t index;            /* -1: NonIndexed */
	int64_t created, end;     /* RUNNING: when it stops; TERMINATING: when it is gone */
	enum pod_state state;
	struct sim_pod_spec spec; /* its outcome */
	bool succeeded;           /* DONE: Succeeded, else Failed */
	bool killed;              /* deleted, or stopped at pod-deadline: containers exit 137 */
	bool counted;             /* counted, or never to be (its finalizer removed) */
	bool by_deadline;         /* stopped by the pod's activeDeadlineSeconds */
	unsigned restarts;        /* OnFailure: container restarts */
	int64_t fail_count, ignored_count; /* the index's failures before it (annotations) */
};

struct index_state {
	bool succeeded, failed;
	int64_t fail_count, ignored_count; /* job-index-failure-count, -ignored-failure-count */
	int64_t last_fail;                 /* the last failed pod's finish time, or NO_TIME */
	unsigned pods;                     /* pods created for it */
};


/* What a failure rule matched, for messages. */
struct match {
	enum action action;   /* ACT_NONE: no rule */
	int rule;
	const char *container;
	int32_t code;
	const char *condition;
	uint32_t condition_len;
};

/* "FailJob", ... for an action */
const char *sim_action_name(enum action a);
/* The spec of job with the API server's defaults, for the controller of
 * version (as 135); the caller frees s->rules. */
void sim_read_spec(const struct tree *job, int version, struct spec *s);
/* The exit code of container name (main_container: the first) of pod p. */
int32_t sim_exit_code(const struct pod *p, const char *name, bool main_container);
/* Whether an outcome is a failure (a condition, or an exit code not 0). */
bool sim_spec_fails(const struct sim_pod_spec *s);
/* matchPodFailurePolicy over a failed pod. */
struct match sim_match_policy(const struct spec *sp, const struct pod *p);
/* How a failed pod looked, for the timeline: "exit 42", "DisruptionTarget, ...". */
void sim_describe_failure(const struct spec *sp, const struct pod *p, char *out, size_t size);
/* matchSuccessPolicy over the indexes: the matching rule's position, or -1. */
int sim_match_success(const struct spec *sp, const struct index_state *ix, int64_t succeeded);
/* Whether every spec of sc fits the Job: an index= it has, a container it
 * has.  Errors are printed to err. */
bool sim_check_scenario(const struct spec *sp, const struct sim_scenario *sc, FILE *err);
/* getRemainingTimeForFailuresCount, in seconds. */
int64_t sim_remaining_backoff(int64_t failures, int64_t last_failure, int64_t now);

#endif
