/* sim_rules.c - what the Job simulation reads from the Job and the rules
 * it judges pods by: the spec with the API server's defaults, the pod
 * failure policy (pod_failure_policy.go), the success policy
 * (success_policy.go) and the pod failure backoff (backoff_utils.go).
 * See sim_int.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "sim.h"
#include "sim_int.h"
#include "tree.h"

static const char *const action_names[] = {"", "FailJob", "FailIndex", "Ignore", "Count"};

const char *sim_action_name(enum action a)
{
	return action_names[a];
}

static bool get_int(const struct tree *t, const char *path, int64_t *v)
{
	const struct tree *n = tree_path(t, path);
	if (!n || n->kind != TREE_INT)
		return false;
	*v = n->i;
	return true;
}

static const char *get_str(const struct tree *t, const char *path)
{
	const struct tree *n = tree_path(t, path);
	return n && n->kind == TREE_STR ? n->str.s : NULL;
}

static bool str_is(const char *s, const char *lit)
{
	return s && !strcmp(s, lit);
}

/* The spec with the API server's defaults (SetDefaults_Job in
 * pkg/apis/batch/v1/defaults.go): completions and parallelism 1 when
 * neither is set, parallelism 1, backoffLimit 6 (MaxInt32 with
 * backoffLimitPerIndex), podReplacementPolicy Failed with a pod failure
 * policy, else TerminatingOrFailed. */
void sim_read_spec(const struct tree *job, int version, struct spec *s)
{
	memset(s, 0, sizeof *s);
	s->name = get_str(job, "metadata.name");
	if (!s->name)
		s->name = "job";
	s->ns = get_str(job, "metadata.namespace");
	if (!s->ns)
		s->ns = "default";
	s->indexed = str_is(get_str(job, "spec.completionMode"), "Indexed");
	s->has_completions = get_int(job, "spec.completions", &s->completions);
	bool has_par = get_int(job, "spec.parallelism", &s->parallelism);
	if (!s->has_completions && !has_par) {
		s->has_completions = true;
		s->completions = 1;
	}
	if (!has_par)
		s->parallelism = 1;
	s->per_index = get_int(job, "spec.backoffLimitPerIndex", &s->per_index_limit);
	if (!get_int(job, "spec.backoffLimit", &s->backoff_limit))
		s->backoff_limit = s->per_index ? INT32_MAX : 6;
	s->has_max_failed = get_int(job, "spec.maxFailedIndexes", &s->max_failed);
	const struct tree *rules = tree_path(job, "spec.podFailurePolicy.rules");
	s->has_policy = tree_path(job, "spec.podFailurePolicy") != NULL;
	if (rules && rules->kind == TREE_LIST && rules->list.n) {
		s->rules = xcalloc(rules->list.n, sizeof *s->rules);
		for (uint32_t i = 0; i < rules->list.n; i++) {
			const struct tree *r = rules->list.v[i];
			const char *a = get_str(r, "action");
			struct fail_rule *f = &s->rules[s->nrules++];
			f->action = str_is(a, "FailJob")     ? ACT_FAIL_JOB
			            : str_is(a, "FailIndex") ? ACT_FAIL_INDEX
			            : str_is(a, "Ignore")    ? ACT_IGNORE
			                                     : ACT_COUNT;
			f->exit_codes = tree_get(r, "onExitCodes");
			f->conditions = tree_get(r, "onPodConditions");
		}
	}
	const struct tree *sr = tree_path(job, "spec.successPolicy.rules");
	s->success_rules = sr && sr->kind == TREE_LIST ? sr : NULL;
	s->has_deadline = get_int(job, "spec.activeDeadlineSeconds", &s->deadline);
	if (s->has_deadline) {
		/* pastActiveDeadline: Since(StartTime) >= time.Duration(*ActiveDeadlineSeconds) *
		 * time.Second, in Go's wrapping nanoseconds; the whole seconds of the clock
		 * that reach it */
		int64_t ns = sim_go_int(sim_go_ns(s->deadline));
		s->deadline = ns / 1000000000 + (ns % 1000000000 > 0);
	}
	const struct tree *susp = tree_path(job, "spec.suspend");
	s->suspend = susp && susp->kind == TREE_BOOL && susp->b;
	const char *prp = get_str(job, "spec.podReplacementPolicy");
	/* onlyReplaceFailedPods: Failed (1.29 on), or any pod failure policy */
	s->replace_failed = s->has_policy || (version >= 129 && str_is(prp, "Failed"));
	s->has_ttl = get_int(job, "spec.ttlSecondsAfterFinished", &s->ttl);
	s->on_failure = str_is(get_str(job, "spec.template.spec.restartPolicy"), "OnFailure");
	s->has_pod_deadline =
	    get_int(job, "spec.template.spec.activeDeadlineSeconds", &s->pod_deadline);
	if (!get_int(job, "spec.template.spec.terminationGracePeriodSeconds", &s->grace))
		s->grace = 30;
	s->containers = tree_path(job, "spec.template.spec.containers");
	s->delayed = version >= 131;
}

/* The exit code of container name (main_container: the first) in a pod
 * that ended: the scenario's, else 137 when the pod was killed, else 0. */
int32_t sim_exit_code(const struct pod *p, const char *name, bool main_container)
{
	for (unsigned k = 0; k < p->spec.nexits; k++) {
		const struct sim_exit *e = &p->spec.exits[k];
		if (e->container ? name && strlen(name) == e->container_len &&
		                       !memcmp(name, e->container, e->container_len)
		                 : main_container)
			return e->code;
	}
	return p->killed ? SIM_KILLED_EXIT : 0;
}

bool sim_spec_fails(const struct sim_pod_spec *s)
{
	if (s->condition)
		return true;
	for (unsigned k = 0; k < s->nexits; k++)
		if (s->exits[k].code != 0)
			return true;
	return false;
}


/* matchOnExitCodes: the first container (in the pod's order; init
 * containers are not modelled) that terminated with a code other than 0
 * (getMatchingContainerFromList skips 0, so NotIn never matches a
 * successful container) and that the operator accepts. */
static bool match_exit_codes(const struct pod *p, const struct spec *sp, const struct tree *req,
                             struct match *m)
{
	const char *only = get_str(req, "containerName");
	bool not_in = str_is(get_str(req, "operator"), "NotIn");
	const struct tree *vals = tree_get(req, "values");
	uint32_t nc = sp->containers && sp->containers->kind == TREE_LIST ? sp->containers->list.n : 0;
	for (uint32_t c = 0; c < nc; c++) {
		const char *name = get_str(sp->containers->list.v[c], "name");
		if (only && !str_is(name, only))
			continue;
		int32_t code = sim_exit_code(p, name, c == 0);
		if (code == 0)
			continue;
		bool in = false;
		for (uint32_t v = 0; vals && vals->kind == TREE_LIST && v < vals->list.n; v++)
			in |= vals->list.v[v]->kind == TREE_INT && vals->list.v[v]->i == code;
		if (in != not_in) {
			m->container = name;
			m->code = code;
			return true;
		}
	}
	return false;
}

/* matchOnPodConditions: the pod's condition (its scenario's; the standard
 * conditions of a pod are not modelled) against each pattern. */
static bool match_conditions(const struct pod *p, const struct tree *pats, struct match *m)
{
	if (!p->spec.condition || !pats || pats->kind != TREE_LIST)
		return false;
	for (uint32_t i = 0; i < pats->list.n; i++) {
		const char *type = get_str(pats->list.v[i], "type");
		const char *status = get_str(pats->list.v[i], "status");
		if (type && strlen(type) == p->spec.condition_len &&
		    !memcmp(type, p->spec.condition, p->spec.condition_len) &&
		    (!status || !strcmp(status, "True"))) {
			m->condition = p->spec.condition;
			m->condition_len = p->spec.condition_len;
			return true;
		}
	}
	return false;
}

/* matchPodFailurePolicy: the rules in order, the first match decides. */
struct match sim_match_policy(const struct spec *sp, const struct pod *p)
{
	struct match m = {ACT_NONE, -1, NULL, 0, NULL, 0};
	for (unsigned i = 0; i < sp->nrules; i++) {
		const struct fail_rule *f = &sp->rules[i];
		bool hit = f->exit_codes ? match_exit_codes(p, sp, f->exit_codes, &m)
		                         : match_conditions(p, f->conditions, &m);
		if (hit) {
			m.action = f->action;
			m.rule = (int)i;
			return m;
		}
	}
	return m;
}

/* How a failed pod looked: "exit 42 (container main)", "DisruptionTarget". */
void sim_describe_failure(const struct spec *sp, const struct pod *p, char *out, size_t size)
{
	if (p->state == POD_TERMINATING) {
		snprintf(out, size, "terminating, counted as failed at once (podReplacementPolicy "
		         "TerminatingOrFailed: isPodFailed)");
		return;
	}
	if (p->spec.condition && !p->by_deadline) {
		snprintf(out, size, "%.*s, killed after %" PRId64 "s of grace", (int)p->spec.condition_len,
		         p->spec.condition, sp->grace);
		return;
	}
	const char *prefix = p->by_deadline ? "pod deadline exceeded, killed: "
	                     : p->killed    ? "deleted, killed: "
	                                    : "";
	uint32_t nc = sp->containers && sp->containers->kind == TREE_LIST ? sp->containers->list.n : 0;
	bool named = false;
	for (unsigned k = 0; k < p->spec.nexits; k++)
		named |= p->spec.exits[k].container != NULL;
	if (!named || nc < 2) {
		snprintf(out, size, "%sexit %" PRId32, prefix, sim_exit_code(p, NULL, true));
		return;
	}
	/* several containers: each one's code */
	int n = snprintf(out, size, "%s", prefix);
	for (uint32_t c = 0; c < nc && n >= 0 && (size_t)n < size; c++) {
		const char *name = get_str(sp->containers->list.v[c], "name");
		n += snprintf(out + n, size - (size_t)n, "%s%s exit %" PRId32, c ? ", " : "",
		              name ? name : "?", sim_exit_code(p, name, c == 0));
	}
}

/* matchSuccessPolicy: the first rule whose succeededIndexes all succeeded
 * (or succeededCount of them), or whose succeededCount indexes
 * succeeded.  Returns the rule's position, or -1. */
int sim_match_success(const struct spec *sp, const struct index_state *ix, int64_t succeeded)
{
	const struct tree *rules = sp->success_rules;
	if (!rules || !sp->indexed || succeeded == 0)
		return -1;
	for (uint32_t k = 0; k < rules->list.n; k++) {
		const char *want = get_str(rules->list.v[k], "succeededIndexes");
		int64_t count;
		bool has_count = get_int(rules->list.v[k], "succeededCount", &count);
		if (want) {
			/* parseIndexesFromString: "1,3-5"; indexes past completions are left out */
			int64_t total = 0, contains = 0;
			const char *s = want;
			while (*s) {
				char *end;
				long long a = strtoll(s, &end, 10), b = a;
				if (end == s)
					break;
				if (*end == '-')
					b = strtoll(end + 1, &end, 10);
				for (long long i = a; i <= b && i < sp->completions; i++) {
					total++;
					contains += ix[i].succeeded;
				}
				s = *end == ',' ? end + 1 : end;
				if (*end != ',' )
					break;
			}
			if (total == 0)
				continue;
			if (contains == total || (has_count && contains >= count))
				return (int)k;
		} else if (has_count && succeeded >= count) {
			return (int)k;
		}
	}
	return -1;
}


/* getRemainingTimeForFailuresCount: 10 s for the first failure, doubled
 * for each further one up to the cap, counted from the last failure. */
int64_t sim_remaining_backoff(int64_t failures, int64_t last_failure, int64_t now)
{
	if (failures == 0)
		return 0;
	int64_t d = SIM_BACKOFF_BASE;
	for (int64_t i = 1; i < failures; i++) {
		d *= 2;
		if (d >= SIM_BACKOFF_MAX) {
			d = SIM_BACKOFF_MAX;
			break;
		}
	}
	int64_t elapsed = now - last_failure;
	return d < elapsed ? 0 : d - elapsed;
}

bool sim_check_scenario(const struct spec *sp, const struct sim_scenario *sc, FILE *err)
{
	uint32_t nc = sp->containers && sp->containers->kind == TREE_LIST ? sp->containers->list.n : 0;
	bool ok = true;
	for (unsigned k = 0; k < sc->n; k++) {
		const struct sim_pod_spec *p = &sc->specs[k];
		if (p->index >= 0 && !sp->indexed) {
			fprintf(err, "jobc: error: pod spec %u: index=%" PRId64 ": the Job is not Indexed "
			        "(indexed = true)\n", k + 1, p->index);
			ok = false;
		} else if (p->index >= sp->completions) {
			fprintf(err, "jobc: error: pod spec %u: index=%" PRId64 ": the Job's indexes are 0 "
			        "to %" PRId64 " (completions = %" PRId64 ")\n", k + 1, p->index,
			        sp->completions - 1, sp->completions);
			ok = false;
		}
		for (unsigned e = 0; e < p->nexits; e++) {
			const struct sim_exit *x = &p->exits[e];
			bool found = !x->container;
			for (uint32_t c = 0; c < nc && !found; c++) {
				const char *name = get_str(sp->containers->list.v[c], "name");
				found = name && strlen(name) == x->container_len &&
				        !memcmp(name, x->container, x->container_len);
			}
			if (!found) {
				fprintf(err, "jobc: error: pod spec %u: the Job's pods have no container "
				        "'%.*s'\n", k + 1, (int)x->container_len, x->container);
				ok = false;
			}
		}
	}
	return ok;
}
