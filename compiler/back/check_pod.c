/* check_pod.c - the rules of rules.def's JOB2xx group: the pod spec's
 * own fields (service account and priority class names, node selector,
 * DNS policy, tolerations, image pull secrets, host aliases).
 */
#include <arpa/inet.h>

#include "check_internal.h"
#include "names.h"

static bool valid_ip(const char *s)
{
	unsigned char buf[16];
	return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

/* JOB201-JOB205: the pod spec's own fields: service account and priority
 * class names and the node selector (core ValidatePodSpec), dns-policy none
 * (no dnsConfig is written), tolerations, image pull secrets, host aliases. */
void check_pod(struct job_ctx *cx)
{
	const struct tree *pod = tree_path(cx->obj, "spec.template.spec");
	const char *why;
	static const char *const names[][2] = {{"serviceAccountName", "service account"},
	                                       {"priorityClassName", "priority class"}};
	for (size_t k = 0; k < 2; k++) {
		const struct tree *t = tree_get(pod, names[k][0]);
		if (t && (why = k8s_dns_subdomain(t->str.s, t->str.len)))
			REP(JOB201, t, arena_printf(cx->a, "spec.template.spec.%s", names[k][0]),
			    invalid(cx, t, why), "invalid %s name '%.*s'", names[k][1], (int)t->str.len,
			    t->str.s);
	}
	const struct tree *ns = tree_get(pod, "nodeSelector");
	for (uint32_t i = 0; ns && i < ns->map.n; i++) {
		const struct tree *v = ns->map.v[i].value;
		if ((why = k8s_qualified_name(ns->map.v[i].key, ns->map.v[i].klen)))
			report(cx, R_JOB201, key_span(cx, ns, i), node_value(v), "spec.template.spec.nodeSelector",
			       arena_printf(cx->a, "Invalid value: \"%s\": %s", ns->map.v[i].key, why),
			       "invalid node selector key '%s'", ns->map.v[i].key);
		if (v->kind == TREE_STR && (why = k8s_label_value(v->str.s, v->str.len)))
			REP(JOB201, v, "spec.template.spec.nodeSelector", invalid(cx, v, why),
			    "invalid node selector value for '%s'", ns->map.v[i].key);
	}
	const struct tree *dns = tree_get(pod, "dnsPolicy");
	if (is_str(dns, "None"))
		REP(JOB202, dns, "spec.template.spec.dnsConfig",
		    "Required value: must provide `dnsConfig` when `dnsPolicy` is None",
		    "dns-policy none leaves the pod without DNS: jobc writes no dnsConfig, so use "
		    "cluster-first or default");
	const struct tree *tols = tree_get(pod, "tolerations");
	for (uint32_t i = 0; tols && i < tols->list.n; i++) {
		const struct tree *t = tols->list.v[i];
		char *tp = arena_printf(cx->a, "spec.template.spec.tolerations[%u]", i);
		const struct tree *key = tree_get(t, "key"), *op = tree_get(t, "operator");
		const struct tree *val = tree_get(t, "value"), *eff = tree_get(t, "effect");
		const struct tree *secs = tree_get(t, "tolerationSeconds");
		bool exists = is_str(op, "Exists");
		if (key && key->str.len && (why = k8s_qualified_name(key->str.s, key->str.len)))
			REP(JOB203, key, arena_printf(cx->a, "%s.key", tp), invalid(cx, key, why),
			    "invalid toleration key '%.*s'", (int)key->str.len, key->str.s);
		if ((!key || !key->str.len) && !exists)
			REP(JOB203, t, arena_printf(cx->a, "%s.operator", tp),
			    arena_printf(cx->a, "Invalid value: \"%s\": operator must be Exists when `key` is "
			                        "empty, which means \"match all values and all keys\"",
			                 op && op->kind == TREE_STR ? cstr(cx, op) : ""),
			    "a toleration without a key needs operator = exists (it then tolerates every "
			    "taint)");
		if (exists && val && val->str.len)
			REP(JOB203, val, arena_printf(cx->a, "%s.operator", tp),
			    invalid(cx, val, "value must be empty when `operator` is 'Exists'"),
			    "operator exists takes no value");
		else if (val && (why = k8s_label_value(val->str.s, val->str.len)))
			REP(JOB203, val, arena_printf(cx->a, "%s.operator", tp), invalid(cx, val, why),
			    "invalid toleration value '%.*s'", (int)val->str.len, val->str.s);
		if (secs && !is_str(eff, "NoExecute"))
			REP(JOB203, secs, arena_printf(cx->a, "%s.effect", tp),
			    arena_printf(cx->a, "Invalid value: \"%s\": effect must be 'NoExecute' when "
			                        "`tolerationSeconds` is set",
			                 eff && eff->kind == TREE_STR ? cstr(cx, eff) : ""),
			    "seconds goes with effect = no-execute");
	}
	const struct tree *ips = tree_get(pod, "imagePullSecrets");
	for (uint32_t i = 0; ips && i < ips->list.n; i++) {
		const struct tree *n = tree_get(ips->list.v[i], "name");
		char *p = arena_printf(cx->a, "spec.template.spec.imagePullSecrets[%u].name", i);
		if (n && n->str.len == 0)
			REP(JOB204, n, p, "invalid empty name \"\"", "an image pull secret with an empty name");
		for (uint32_t k = 0; n && k < i; k++)
			if (same(tree_get(ips->list.v[k], "name"), n)) {
				REP(JOB204, n, p,
				    arena_printf(cx->a, "duplicate name \"%.*s\"", (int)n->str.len, n->str.s),
				    "image pull secret '%.*s' is listed twice", (int)n->str.len, n->str.s);
				break;
			}
	}
	const struct tree *ha = tree_get(pod, "hostAliases");
	for (uint32_t i = 0; ha && i < ha->list.n; i++) {
		const struct tree *ip = tree_get(ha->list.v[i], "ip");
		const struct tree *hn = tree_get(ha->list.v[i], "hostnames");
		char *p = arena_printf(cx->a, "spec.template.spec.hostAliases[%u]", i);
		if (!ip || !valid_ip(cstr(cx, ip)))
			REP(JOB205, ip ? ip : ha->list.v[i], arena_printf(cx->a, "%s.ip", p),
			    ip ? invalid(cx, ip, "must be a valid IP address") : "Required value",
			    ip ? "'%.*s' is not an IP address" : "a host alias needs an ip%.*s",
			    ip ? (int)ip->str.len : 0, ip ? ip->str.s : "");
		if (!hn || hn->list.n == 0)
			REP(JOB205, ha->list.v[i], arena_printf(cx->a, "%s.hostnames", p), NULL,
			    "a host alias needs hostnames");
		for (uint32_t k = 0; hn && k < hn->list.n; k++) {
			const struct tree *h = hn->list.v[k];
			if (h->kind == TREE_STR && (why = k8s_dns_subdomain(h->str.s, h->str.len)))
				REP(JOB205, h, arena_printf(cx->a, "%s.hostnames[%u]", p, k), invalid(cx, h, why),
				    "invalid host name '%.*s': use lower-case letters, digits, '-' and '.'",
				    (int)h->str.len, h->str.s);
		}
	}
}
