/* check_probes.c - the rules of rules.def's JOB6xx group: a container's
 * probes and lifecycle hooks (one handler each, exec commands, HTTP
 * headers and named ports, thresholds, sleeps within the grace period).
 */
#include <inttypes.h>

#include "check_internal.h"
#include "names.h"
#include "value.h"

/* Whether the jobc block t was made from sets key: a value written but
 * wrong is reported where it is, and then left out of t. */
static bool value_written(const struct tree *t, const char *key)
{
	const struct value *v = t ? (const struct value *)t->src : NULL;
	for (uint32_t i = 0; v && v->kind == V_MAP && i < v->map->n; i++)
		if (!strcmp(v->map->e[i].key, key))
			return true;
	return false;
}

static const char *const handler_keys[] = {"exec", "httpGet", "tcpSocket", "grpc", "sleep"};

/* JOB601-603 for a probe or lifecycle handler (core validateHandler,
 * validateExecAction, validateHTTPGetAction, validateTCPSocketAction). */
static void check_handler(struct job_ctx *cx, const struct tree *h, const char *hp,
                          const char *what, const struct tree *ports)
{
	const struct tree *first = NULL;
	const char *first_key = NULL;
	for (size_t k = 0; k < 5; k++) {
		const struct tree *x = tree_get(h, handler_keys[k]);
		if (!x)
			continue;
		if (first) {
			REP(JOB601, x, arena_printf(cx->a, "%s.%s", hp, handler_keys[k]),
			    "Forbidden: may not specify more than 1 handler type",
			    "%s has two handlers, %s and %s; give it one", what, first_key, handler_keys[k]);
			break;
		}
		first = x;
		first_key = handler_keys[k];
	}
	if (!first) {
		/* a handler that was written but wrong was reported as such */
		static const char *const jobc_handlers[] = {"exec", "http-get", "tcp", "grpc", "sleep"};
		bool written = false;
		for (size_t k = 0; k < 5; k++)
			written |= value_written(h, jobc_handlers[k]);
		if (!written)
			REP(JOB601, h, hp, "Required value: must specify a handler type",
			    "%s needs a handler: exec, http-get, tcp or grpc", what);
		return;
	}
	const struct tree *cmd = tree_path(h, "exec.command");
	if (tree_get(h, "exec") && (!cmd || cmd->list.n == 0))
		REP(JOB602, cmd ? cmd : h, arena_printf(cx->a, "%s.exec.command", hp), "Required value",
		    "exec needs a command");
	/* validateHTTPGetAction: ValidatePortNumOrName of a port never set
	 * (the zero IntOrString) */
	const struct tree *get = tree_get(h, "httpGet");
	if (get && !tree_get(get, "port") && !value_written(get, "port"))
		REP(JOB603, get, arena_printf(cx->a, "%s.httpGet.port", hp),
		    "Invalid value: 0: must be between 1 and 65535, inclusive", "http-get needs a port");
	const struct tree *hdrs = tree_path(h, "httpGet.httpHeaders");
	const char *why;
	for (uint32_t i = 0; hdrs && i < hdrs->list.n; i++) {
		const struct tree *n = tree_get(hdrs->list.v[i], "name");
		if ((why = k8s_header_name(n->str.s, n->str.len)))
			REP(JOB603, n, arena_printf(cx->a, "%s.httpGet.httpHeaders", hp),
			    invalid(cx, n, why), "invalid HTTP header name '%.*s'", (int)n->str.len, n->str.s);
	}
	/* a named port must be a port of the container */
	static const char *const port_paths[] = {"httpGet.port", "tcpSocket.port"};
	for (size_t k = 0; k < 2; k++) {
		const struct tree *p = tree_path(h, port_paths[k]);
		if (!p || p->kind != TREE_STR)
			continue;
		bool found = false;
		for (uint32_t i = 0; ports && i < ports->list.n; i++)
			found |= same(tree_get(ports->list.v[i], "name"), p);
		/* (jobc: the API server checks only the name's form; the kubelet
		 * then fails to find the port) */
		if (!found)
			REP(JOB603, p, arena_printf(cx->a, "%s.%s", hp, port_paths[k]), NULL,
			    "the container has no port named '%.*s'", (int)p->str.len, p->str.s);
	}
}

/* JOB305, JOB604, JOB606, JOB607: the probes and lifecycle hooks of
 * container c: none on an init container that is not a sidecar, a success
 * threshold of 1 but for readiness, no termination grace on a readiness
 * probe, a hook's sleep within the pod's grace period (core
 * validateInitContainers, validateProbe, validateSleepAction).  JOB601-603
 * on each handler (check_handler). */
void check_probes(struct job_ctx *cx, const struct tree *c, const char *cp, bool plain_init,
                  int64_t grace)
{
	static const char *const probes[][2] = {{"livenessProbe", "liveness"},
	                                        {"readinessProbe", "readiness"},
	                                        {"startupProbe", "startup"}};
	const struct tree *ports = tree_get(c, "ports");
	for (size_t k = 0; k < 3; k++) {
		const struct tree *p = tree_get(c, probes[k][0]);
		if (!p)
			continue;
		char *pp = arena_printf(cx->a, "%s.%s", cp, probes[k][0]);
		if (plain_init) {
			REP(JOB305, p, pp, "Forbidden: may not be set for init containers without "
			                   "restartPolicy=Always",
			    "an init container has no %s probe, unless it is a sidecar (sidecar = true)",
			    probes[k][1]);
			continue;
		}
		check_handler(cx, p, pp, arena_printf(cx->a, "the %s probe", probes[k][1]), ports);
		int64_t st;
		/* 0 is defaulted to 1 before validation */
		if (k != 1 && has_int(tree_get(p, "successThreshold"), &st) && st != 1 && st != 0)
			REP(JOB604, tree_get(p, "successThreshold"),
			    arena_printf(cx->a, "%s.successThreshold", pp),
			    invalid(cx, tree_get(p, "successThreshold"), "must be 1"),
			    "a %s probe's success-threshold must be 1", probes[k][1]);
		const struct tree *tg = tree_get(p, "terminationGracePeriodSeconds");
		if (k == 1 && tg)
			REP(JOB606, tg, arena_printf(cx->a, "%s.terminationGracePeriodSeconds", pp),
			    "Invalid value: must not be set for readinessProbes",
			    "a readiness probe never stops the container, so it has no termination-grace");
	}
	static const char *const hooks[][2] = {{"postStart", "post-start"}, {"preStop", "pre-stop"}};
	for (size_t k = 0; k < 2; k++) {
		const struct tree *h = tree_path(c, arena_printf(cx->a, "lifecycle.%s", hooks[k][0]));
		if (!h)
			continue;
		char *hp = arena_printf(cx->a, "%s.lifecycle.%s", cp, hooks[k][0]);
		if (plain_init) {
			REP(JOB305, h, hp, "Forbidden: may not be set for init containers without "
			                   "restartPolicy=Always",
			    "an init container has no %s hook, unless it is a sidecar (sidecar = true)",
			    hooks[k][1]);
			continue;
		}
		check_handler(cx, h, hp, arena_printf(cx->a, "the %s hook", hooks[k][1]), ports);
		int64_t secs;
		const struct tree *sl = tree_path(h, "sleep.seconds");
		/* a sleep of 0 is allowed from 1.33 (PodLifecycleSleepActionAllowZero) */
		bool zero_ok = cx->opt->kube_version >= 133;
		const char *sleep_msg =
			arena_printf(cx->a, zero_ok ? "must be non-negative and less than "
			                              "terminationGracePeriodSeconds (%" PRId64 ")"
			                            : "must be greater than 0 and less than "
			                              "terminationGracePeriodSeconds (%" PRId64 ")",
			             grace);
		if (has_int(sl, &secs) && secs > grace)
			REP(JOB607, sl, arena_printf(cx->a, "%s.sleep", hp),
			    arena_printf(cx->a, "Invalid value: %" PRId64 ": %s", secs, sleep_msg),
			    "the %s hook sleeps %" PRId64 "s, longer than the pod's termination grace "
			    "(%" PRId64 "s): the pod is killed first",
			    hooks[k][1], secs, grace);
		else if (has_int(sl, &secs) && secs < (zero_ok ? 0 : 1))
			REP(JOB607, sl, arena_printf(cx->a, "%s.sleep", hp),
			    arena_printf(cx->a, "Invalid value: %" PRId64 ": %s", secs, sleep_msg),
			    "the %s hook must sleep %s", hooks[k][1],
			    zero_ok ? "0 seconds or more" : "at least 1 second before Kubernetes 1.33");
	}
}
