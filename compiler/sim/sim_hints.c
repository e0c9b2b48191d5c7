/* sim_hints.c - for jobc explain: a jobc simulate command line that shows
 * a Job field at work, by the field's Kubernetes path (sim_job.h). */
#include <string.h>

#include "sim_job.h"

static const struct {
	const char *path;
	const char *hint;
} hints[] = {
	{"spec.podFailurePolicy.rules",
	 "jobc simulate FILE.job --pod exit=42 --pod 'evicted, after=30s'\n"
	 "  (each failed pod against the rules in order, the first match deciding)"},
	{"spec.successPolicy.rules",
	 "jobc simulate FILE.job --pod 'index=0: after=30s' --pod after=10m --pod after=10m\n"
	 "  (the rule met ends the Job; the pods still running are deleted)"},
	{"spec.backoffLimit",
	 "jobc simulate FILE.job --scenario all-fail\n"
	 "  (the backoff between the failures, and the failure that fails the Job)"},
	{"spec.backoffLimitPerIndex",
	 "jobc simulate FILE.job --pod 'index=0: fail' --pod 'index=0: fail'\n"
	 "  (index 0 retried under its own backoff until it fails)"},
	{"spec.maxFailedIndexes",
	 "jobc simulate FILE.job --pod 'index=0: fail' --pod 'index=1: fail'\n"
	 "  (the failed indexes against the limit)"},
	{"spec.activeDeadlineSeconds",
	 "jobc simulate FILE.job --pod after=1d\n"
	 "  (the Job stopped at its deadline, and its pods deleted)"},
	{"spec.podReplacementPolicy",
	 "jobc simulate FILE.job --pod 'evicted, after=30s'\n"
	 "  (when the evicted pod's replacement is created)"},
	{"spec.suspend",
	 "jobc simulate FILE.job --resume-at 10m\n"
	 "  (nothing runs until the Job is resumed; the deadline counts from then)"},
};

/* path names p, or a part of it: at a boundary ('.', '[' or the end) */
static bool within(const char *path, const char *p)
{
	size_t n = strlen(p);
	return !strncmp(path, p, n) && (!path[n] || path[n] == '.' || path[n] == '[');
}

const char *sim_hint_rule(const char *k8s_path)
{
	/* a rule about a part of a field, or about the field around it
	 * (spec.successPolicy for its rules); not "spec", the whole spec */
	for (size_t i = 0; k8s_path && strchr(k8s_path, '.') && i < sizeof hints / sizeof *hints; i++)
		if (within(k8s_path, hints[i].path) || within(hints[i].path, k8s_path))
			return hints[i].hint;
	return NULL;
}

const char *sim_hint(const char *k8s_path)
{
	for (size_t i = 0; k8s_path && i < sizeof hints / sizeof *hints; i++)
		if (!strcmp(hints[i].path, k8s_path))
			return hints[i].hint;
	return NULL;
}
