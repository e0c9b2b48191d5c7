/* sim_job.h - jobc simulate for a Job: the scenario of pod outcomes, the
 * Job controller's model over it, and the timeline it prints.
 *
 * sim_scenario.c reads scenarios (--pod SPEC, --scenario NAME|FILE),
 * sim_job.c runs the Job controller (pkg/controller/job) over the compiled
 * batch/v1 Job on a simulated clock, sim_out.c writes the timeline and the
 * Job's final .status.  No wall clock is read: the same inputs give the
 * same bytes.  docs/simulate.md is the user's side of all three.
 */
#ifndef JOBC_SIM_JOB_H
#define JOBC_SIM_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct tree;

/* ---- scenarios (sim_scenario.c) ------------------------------------------------ */

#define SIM_MAX_EXITS 8

/* One pod outcome: a --pod SPEC or a line of a scenario file.  Strings
 * point into the text the spec was read from (argv, or the file's text
 * kept by the scenario). */
struct sim_pod_spec {
	int64_t index;       /* index=N: only a pod of this index takes it; -1: any pod */
	int64_t after;       /* after=DURATION: seconds the pod runs; -1: the default */
	bool evicted;        /* evicted: the pod is evicted (DisruptionTarget) */
	const char *condition; /* condition=TYPE: the pod fails with this condition True */
	uint32_t condition_len;
	/* exit=N (the main container), exit=NAME=N (another one) */
	struct sim_exit {
		const char *container; /* NULL: the main container */
		uint32_t container_len;
		int32_t code;
	} exits[SIM_MAX_EXITS];
	unsigned nexits;
};

enum sim_builtin {
	SIM_LIST,        /* only the specs given; the other pods succeed */
	SIM_ALL_FAIL,    /* every pod not described exits 1 */
	SIM_FLAKY,       /* a seeded mix: some pods exit 1, durations vary */
	SIM_EVICTIONS,   /* every other pod not described is evicted */
};

/* The outcomes of a simulation: specs taken by pods as they are created
 * (a pod of index N takes the first unused index=N spec, else the first
 * unused spec without an index), and what a pod no spec describes does. */
struct sim_scenario {
	struct sim_pod_spec *specs; /* owned */
	unsigned n, cap;
	enum sim_builtin builtin;
	uint64_t seed;              /* SIM_FLAKY */
	char *text;                 /* a scenario file's text, owned: specs point into it */
};

/* Reads one spec (a --pod argument, kept by the caller while s lives)
 * and appends it.  On a bad spec, returns false with the 1-based column
 * and the reason written to why ("expected a number after 'exit='"). */
bool sim_scenario_add(struct sim_scenario *s, const char *spec, unsigned *col, char *why,
                      size_t whysize);
/* A built-in scenario by name: all-succeed, all-fail, flaky, evictions.
 * False when name is none of them. */
bool sim_scenario_builtin(struct sim_scenario *s, const char *name, uint64_t seed);
/* The names of the built-in scenarios, for messages: "all-succeed, ...". */
const char *sim_scenario_builtins(void);
/* Reads a scenario file: one spec a line, # comments, blank lines.
 * Errors are printed to err as FILE:LINE:COL: error: ... Returns false
 * after an error. */
bool sim_scenario_file(struct sim_scenario *s, const char *path, FILE *err);
void sim_scenario_free(struct sim_scenario *s);
/* The outcome of the nth pod (0-based) that no spec describes: success
 * after the default duration, or what the built-in scenario says. */
void sim_scenario_default(const struct sim_scenario *s, unsigned nth, struct sim_pod_spec *out);

/* ---- the simulation (sim_job.c, sim_out.c) -------------------------------------- */

struct sim_job_opts {
	int kube_version;         /* as 135 for 1.35: the controller of that version */
	int64_t default_after;    /* seconds a pod runs when its spec does not say */
	int64_t epoch;            /* unix seconds of the Job's creation, for .status times */
	bool has_suspend_at, has_resume_at;
	int64_t suspend_at, resume_at; /* seconds after creation: spec.suspend flipped */
	bool json;
};

/* Exit statuses of jobc simulate. */
enum {
	SIM_COMPLETE = 0, /* the Job completes */
	SIM_FAILED = 3,   /* the Job fails, or never finishes (left suspended) */
	SIM_BAD_SCENARIO = 2, /* a spec does not fit the Job (printed) */
};

/* Simulates the Job job (a compiled batch/v1 Job, or a CronJob's
 * jobTemplate made into one: only .metadata and .spec are read) over
 * scenario s and writes the timeline and the verdict (or, with json, the
 * events and the final .status) to out.  Returns SIM_COMPLETE or
 * SIM_FAILED, or SIM_BAD_SCENARIO after printing to stderr why a spec
 * does not fit the Job (an index= it does not have, a container). */
int sim_job(const struct tree *job, const struct sim_scenario *s, const struct sim_job_opts *o,
            FILE *out);

/* ---- jobc explain (sim_hints.c) ------------------------------------------------- */

/* A jobc simulate command line (FILE.job standing for the file) and what
 * it shows, for the Job field at Kubernetes path k8s_path
 * ("spec.backoffLimit"), or NULL.  A static string. */
const char *sim_hint(const char *k8s_path);
/* The same for a rule (jobc explain ID), by its Kubernetes path: the hint
 * of the field it is about, or NULL. */
const char *sim_hint_rule(const char *k8s_path);

#endif
