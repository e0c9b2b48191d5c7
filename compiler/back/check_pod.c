/* check_pod.c - the rules of rules.def's JOB2xx group: the pod spec's
 * own fields (service account and priority class names, node selector,
 * DNS policy and config, tolerations, image pull secrets, host aliases,
 * hostname and subdomain, node and runtime class names, scheduling and
 * readiness gates).  The rest of the group is by topic in
 * check_pod_host.c (host namespaces, the pod's OS), check_pod_spread.c
 * (topology spread) and check_pod_claims.c (resource claims).
 */
#include <arpa/inet.h>

#include "check_internal.h"
#include "names.h"

static bool valid_ip(const char *s)
{
	unsigned char buf[16];
	return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

/* []string{"a", "b"}: a list of strings as the API server shows it (Go's %#v). */
static const char *go_strings(struct job_ctx *cx, const struct tree *l)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "[]string{");
	for (uint32_t i = 0; l && l->kind == TREE_LIST && i < l->list.n; i++) {
		const struct tree *x = l->list.v[i];
		buf_printf(&b, "%s\"%s\"", i ? ", " : "", x->kind == TREE_STR ? cstr(cx, x) : "");
	}
	buf_puts(&b, "}");
	char *out = arena_strndup(cx->a, b.data, b.len);
	buf_free(&b);
	return out;
}

/* JOB202, JOB210: dnsPolicy None and the dnsConfig (core
 * validatePodDNSConfig); search domains by the RelaxedDNSSearchValidation
 * rules from Kubernetes 1.33, when the gate is on by default. */
static void check_dns(struct job_ctx *cx, const struct tree *pod)
{
	const struct tree *policy = tree_get(pod, "dnsPolicy"), *dc = tree_get(pod, "dnsConfig");
	const struct tree *ns = tree_get(dc, "nameservers");
	if (is_str(policy, "None") && !dc) {
		REP(JOB202, policy, "spec.template.spec.dnsConfig",
		    "Required value: must provide `dnsConfig` when `dnsPolicy` is None",
		    "dns-policy none leaves the pod without DNS: give it dns-config { nameservers = "
		    "[...] }, or use cluster-first or default");
		return;
	}
	if (is_str(policy, "None") && (!ns || !ns->list.n)) {
		REP(JOB202, ns ? ns : dc, "spec.template.spec.dnsConfig.nameservers",
		    "Required value: must provide at least one DNS nameserver when `dnsPolicy` is None",
		    "dns-policy none needs at least one of dns-config's nameservers");
		return;
	}
	if (!dc)
		return;
	if (ns && ns->list.n > 3)
		REP(JOB210, ns, "spec.template.spec.dnsConfig.nameservers",
		    arena_printf(cx->a, "Invalid value: %s: must not have more than 3 nameservers",
		                 go_strings(cx, ns)),
		    "at most 3 nameservers, found %u", ns->list.n);
	for (uint32_t i = 0; ns && i < ns->list.n; i++) {
		const struct tree *ip = ns->list.v[i];
		if (ip->kind == TREE_STR && !valid_ip(cstr(cx, ip)))
			REP(JOB210, ip, arena_printf(cx->a, "spec.template.spec.dnsConfig.nameservers[%u]", i),
			    invalid(cx, ip, "must be a valid IP address"),
			    "nameserver '%s' is not an IP address", escaped(cx, ip->str.s, ip->str.len));
	}
	const struct tree *se = tree_get(dc, "searches");
	size_t chars = 0;
	for (uint32_t i = 0; se && i < se->list.n; i++)
		chars += (i ? 1 : 0) + (se->list.v[i]->kind == TREE_STR ? se->list.v[i]->str.len : 0);
	if (se && se->list.n > 32)
		REP(JOB210, se, "spec.template.spec.dnsConfig.searches",
		    arena_printf(cx->a, "Invalid value: %s: must not have more than 32 search paths",
		                 go_strings(cx, se)),
		    "at most 32 search domains, found %u", se->list.n);
	if (chars > 2048)
		REP(JOB210, se, "spec.template.spec.dnsConfig.searches",
		    arena_printf(cx->a, "Invalid value: %s: must not have more than 2048 characters "
		                        "(including spaces) in the search list",
		                 go_strings(cx, se)),
		    "the search domains are %zu characters together (a space between each two); at "
		    "most 2048", chars);
	bool relaxed = cx->opt->kube_version >= 133;
	for (uint32_t i = 0; se && i < se->list.n; i++) {
		const struct tree *d = se->list.v[i];
		if (d->kind != TREE_STR || (relaxed && is_str(d, ".")))
			continue;
		size_t n = d->str.len && d->str.s[d->str.len - 1] == '.' ? d->str.len - 1 : d->str.len;
		const char *why = relaxed ? k8s_dns_subdomain_underscore(d->str.s, n)
		                          : k8s_dns_subdomain(d->str.s, n);
		if (why)
			REP(JOB210, d, arena_printf(cx->a, "spec.template.spec.dnsConfig.searches[%u]", i),
			    arena_printf(cx->a, "Invalid value: \"%.*s\": %s", (int)n, d->str.s, why),
			    "search domain '%s' is not a DNS name", escaped(cx, d->str.s, d->str.len));
	}
	const struct tree *opts = tree_get(dc, "options");
	for (uint32_t i = 0; opts && i < opts->list.n; i++) {
		const struct tree *name = tree_get(opts->list.v[i], "name");
		if (!name || (name->kind == TREE_STR && !name->str.len))
			REP(JOB210, name ? name : opts->list.v[i],
			    arena_printf(cx->a, "spec.template.spec.dnsConfig.options[%u]", i),
			    "Required value: must not be empty", "a DNS option needs a name");
	}
}

/* JOB211-JOB213: the hostname and subdomain are DNS labels, the node and
 * the runtime class DNS subdomains (core ValidatePodSpec). */
static void check_pod_hostnames(struct job_ctx *cx, const struct tree *pod)
{
	static const struct {
		const char *key, *what;
		enum rule_id id;
		bool label;
	} names[] = {
		{"hostname", "hostname", R_JOB211, true},
		{"subdomain", "subdomain", R_JOB211, true},
		{"nodeName", "node name", R_JOB212, false},
		{"runtimeClassName", "runtime class name", R_JOB213, false},
	};
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		const struct tree *t = tree_get(pod, names[k].key);
		const char *why;
		if (!t || t->kind != TREE_STR || (!t->str.len && names[k].id != R_JOB213))
			continue; /* an empty one is no name: unset (a runtime class name is checked) */
		why = names[k].label ? k8s_dns_label(t->str.s, t->str.len)
		                     : k8s_dns_subdomain(t->str.s, t->str.len);
		if (why)
			report(cx, names[k].id, node_span(cx, t), node_value(t),
			       arena_printf(cx->a, "spec.template.spec.%s", names[k].key), invalid(cx, t, why),
			       "invalid %s '%s': use lower-case letters, digits and '-'%s", names[k].what,
			       escaped(cx, t->str.s, t->str.len),
			       names[k].label ? " (no dots)" : ", in labels joined by '.'");
	}
}

/* JOB219, JOB220, JOB223, JOB224: scheduling gates are qualified names,
 * each once (core validateSchedulingGates); readiness gates' condition
 * types qualified names (validateReadinessGates); no nodeName with
 * scheduling gates (ValidatePodCreate: every pod would be refused); a
 * hostname in an Indexed Job is replaced by the Job controller's. */
static void check_pod_gates(struct job_ctx *cx, const struct tree *pod)
{
	const char *why;
	const struct tree *sg = tree_get(pod, "schedulingGates");
	for (uint32_t i = 0; sg && i < sg->list.n; i++) {
		const struct tree *n = tree_get(sg->list.v[i], "name");
		char *p = arena_printf(cx->a, "spec.template.spec.schedulingGates[%u]", i);
		if (!n || n->kind != TREE_STR)
			continue;
		if ((why = k8s_qualified_name(n->str.s, n->str.len)))
			REP(JOB219, n, p, invalid(cx, n, why), "invalid scheduling gate '%s'",
			    escaped(cx, n->str.s, n->str.len));
		for (uint32_t k = 0; k < i; k++)
			if (same(tree_get(sg->list.v[k], "name"), n)) {
				REP(JOB219, n, p, arena_printf(cx->a, "Duplicate value: \"%s\"", cstr(cx, n)),
				    "scheduling gate '%s' is listed twice", escaped(cx, n->str.s, n->str.len));
				break;
			}
	}
	const struct tree *rg = tree_get(pod, "readinessGates");
	for (uint32_t i = 0; rg && i < rg->list.n; i++) {
		const struct tree *c = tree_get(rg->list.v[i], "conditionType");
		if (c && c->kind == TREE_STR && (why = k8s_qualified_name(c->str.s, c->str.len)))
			REP(JOB220, c,
			    arena_printf(cx->a, "spec.template.spec.readinessGates[%u].conditionType", i),
			    invalid(cx, c, why), "invalid readiness gate '%s'",
			    escaped(cx, c->str.s, c->str.len));
	}
	const struct tree *node = tree_get(pod, "nodeName");
	if (node && node->kind == TREE_STR && node->str.len && sg && sg->list.n)
		REP(JOB223, node, "spec.template.spec.nodeName",
		    "Forbidden: cannot be set until all schedulingGates have been cleared",
		    "a pod with a node and scheduling gates is refused: every pod of the job would be; "
		    "leave out node, or the gates");
	const struct tree *host = tree_get(pod, "hostname");
	if (host && is_str(tree_path(cx->obj, "spec.completionMode"), "Indexed"))
		REP(JOB224, host, "spec.template.spec.hostname", NULL,
		    "an indexed job's pods are named <job>-<index> by the Job controller, which "
		    "replaces this hostname");
}

/* JOB201, JOB203-JOB205, JOB225: the pod spec's own fields: service
 * account and priority class names and the node selector (core
 * ValidatePodSpec), tolerations, image pull secrets, host aliases, no
 * ephemeral containers (ValidatePodTemplateSpec); then the rest of the
 * group, by topic. */
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
	check_dns(cx, pod);
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
	const struct tree *eph = tree_get(pod, "ephemeralContainers");
	if (eph && eph->kind == TREE_LIST && eph->list.n)
		REP(JOB225, eph, "spec.template.spec.ephemeralContainers",
		    "Forbidden: ephemeral containers not allowed in pod template",
		    "a pod template cannot have ephemeral containers: they are added to a running "
		    "pod (kubectl debug), not created with it");
	check_pod_hostnames(cx, pod);
	check_pod_gates(cx, pod);
	check_pod_host(cx, pod);
	check_pod_spread(cx, pod);
	check_pod_claims(cx, pod);
}
