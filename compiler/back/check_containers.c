/* check_containers.c - the rules of rules.def's JOB3xx group: each
 * container and init container of the pod (names, images, ports, host
 * ports, security), and the walk over them that runs the per-container
 * groups too: environment (check_env.c), resources (check_resources.c),
 * probes (check_probes.c) and mounts (check_volumes.c).
 */
#include <inttypes.h>

#include "check_internal.h"
#include "names.h"
#include "value.h"

/* JOB306: the ports of container c at cp: each has a number, a name of the
 * port-name form (IANA_SVC_NAME) if any, and no name twice (core
 * validateContainerPorts). */
static void check_ports(struct job_ctx *cx, const struct tree *c, const char *cp)
{
	const struct tree *ports = tree_get(c, "ports");
	const char *why;
	for (uint32_t i = 0; ports && i < ports->list.n; i++) {
		const struct tree *port = ports->list.v[i];
		if (!tree_get(port, "containerPort"))
			REP(JOB306, port, arena_printf(cx->a, "%s.ports[%u].containerPort", cp, i),
			    "Required value",
			    "this port has no port number: give it port = <1-65535>");
		/* an empty name is no name */
		const struct tree *n = tree_get(port, "name");
		if (!n || (n->kind == TREE_STR && n->str.len == 0))
			continue;
		char *p = arena_printf(cx->a, "%s.ports[%u].name", cp, i);
		if ((why = k8s_port_name(n->str.s, n->str.len))) {
			REP(JOB306, n, p, invalid(cx, n, why), "invalid port name '%.*s'", (int)n->str.len,
			    n->str.s);
			continue;
		}
		for (uint32_t k = 0; k < i; k++)
			if (same(tree_get(ports->list.v[k], "name"), n)) {
				REP(JOB306, n, p,
				    arena_printf(cx->a, "Duplicate value: \"%.*s\"", (int)n->str.len, n->str.s),
				    "port name '%.*s' is used twice in this container", (int)n->str.len, n->str.s);
				break;
			}
	}
}

/* JOB309: a host port (protocol/hostIP/hostPort) is bound once: across
 * the regular containers, and within each init container (they run one
 * after the other). */
static void check_host_ports(struct job_ctx *cx)
{
	const struct tree *pod = tree_path(cx->obj, "spec.template.spec");
	static const char *const lists[] = {"containers", "initContainers"};
	for (size_t l = 0; l < 2; l++) {
		const struct tree *cs = tree_get(pod, lists[l]);
		const char *seen[1024];
		unsigned nseen = 0;
		for (uint32_t i = 0; cs && i < cs->list.n; i++) {
			if (l == 1)
				nseen = 0;
			const struct tree *ports = tree_get(cs->list.v[i], "ports");
			for (uint32_t k = 0; ports && k < ports->list.n; k++) {
				const struct tree *hp = tree_get(ports->list.v[k], "hostPort");
				const struct tree *proto = tree_get(ports->list.v[k], "protocol");
				const struct tree *ip = tree_get(ports->list.v[k], "hostIP");
				int64_t port;
				if (!has_int(hp, &port) || port == 0)
					continue;
				char *key = arena_printf(cx->a, "%.*s/%.*s/%" PRId64,
				                         proto && proto->kind == TREE_STR ? (int)proto->str.len : 3,
				                         proto && proto->kind == TREE_STR ? proto->str.s : "TCP",
				                         ip && ip->kind == TREE_STR ? (int)ip->str.len : 0,
				                         ip && ip->kind == TREE_STR ? ip->str.s : "", port);
				bool dup = false;
				for (unsigned j = 0; j < nseen && !dup; j++)
					dup = !strcmp(seen[j], key);
				if (dup)
					REP(JOB309, hp,
					    arena_printf(cx->a, "spec.template.spec.%s[%u].ports[%u].hostPort",
					                 lists[l], i, k),
					    arena_printf(cx->a, "Duplicate value: \"%s\"", key),
					    "host port %" PRId64 " (%.*s) is already used by another port of %s", port,
					    proto && proto->kind == TREE_STR ? (int)proto->str.len : 3,
					    proto && proto->kind == TREE_STR ? proto->str.s : "TCP",
					    l == 0 ? "the pod's containers" : "this init container");
				else if (nseen < 1024)
					seen[nseen++] = key;
			}
		}
	}
}

/* Whether s[0..n) starts (or ends) with what Go's strings.TrimSpace
 * removes: ASCII white space, U+0085, U+00A0 and the Unicode spaces. */
static bool go_space_at(const char *s, uint32_t n, bool start)
{
	if (!n)
		return false;
	/* the common case: an ASCII letter or digit at that end */
	unsigned char c = (unsigned char)(start ? s[0] : s[n - 1]);
	if (c < 0x80 && c != ' ' && (c < '\t' || c > '\r'))
		return false;
	static const char *const spaces[] = {
		" ", "\t", "\n", "\v", "\f", "\r", "\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80",
		"\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84",
		"\xe2\x80\x85", "\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89",
		"\xe2\x80\x8a", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f",
		"\xe3\x80\x80",
	};
	for (size_t k = 0; k < sizeof spaces / sizeof *spaces; k++) {
		size_t m = strlen(spaces[k]);
		if (m <= n && !memcmp(start ? s : s + n - m, spaces[k], m))
			return true;
	}
	return false;
}

/* JOB310: allowPrivilegeEscalation false contradicts privileged and
 * CAP_SYS_ADMIN. */
static void check_security(struct job_ctx *cx, const struct tree *c, const char *cp)
{
	const struct tree *sc = tree_get(c, "securityContext");
	const struct tree *ape = tree_get(sc, "allowPrivilegeEscalation");
	if (!ape || ape->kind != TREE_BOOL || ape->b)
		return;
	char *p = arena_printf(cx->a, "%s.securityContext", cp);
	const struct tree *priv = tree_get(sc, "privileged");
	if (priv && priv->kind == TREE_BOOL && priv->b)
		REP(JOB310, priv, p,
		    "Invalid value: cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
		    "a privileged container cannot have allow-privilege-escalation = false");
	const struct tree *add = tree_path(sc, "capabilities.add");
	for (uint32_t i = 0; add && i < add->list.n; i++)
		if (is_str(add->list.v[i], "CAP_SYS_ADMIN"))
			REP(JOB310, add->list.v[i], p,
			    "Invalid value: cannot set `allowPrivilegeEscalation` to false and "
			    "`capabilities.Add` CAP_SYS_ADMIN",
			    "a container that adds CAP_SYS_ADMIN cannot have allow-privilege-escalation = "
			    "false");
}

/* JOB301-JOB304: each container and init container has an image (set,
 * without surrounding white space) and a name that is a DNS label and
 * unique in the pod (core ValidateContainers).  For each it then runs
 * JOB310 (check_security), JOB311-JOB313 (check_container_security),
 * JOB306 (check_ports), the environment, resources and probes groups and
 * the mounts' JOB704, JOB706-JOB709 (check_mounts); last JOB309 over the
 * pod (check_host_ports) and the pod's security context (check_pod_security:
 * JOB311, JOB312, JOB314, JOB315). */
void check_containers(struct job_ctx *cx)
{
	const struct tree *pod = tree_path(cx->obj, "spec.template.spec");
	const struct tree *volumes = tree_get(pod, "volumes");
	int64_t grace = 30;
	has_int(tree_get(pod, "terminationGracePeriodSeconds"), &grace);
	static const char *const lists[] = {"containers", "initContainers"};
	const struct tree *all[512];
	unsigned nall = 0;
	for (size_t l = 0; l < 2; l++) {
		const struct tree *cs = tree_get(pod, lists[l]);
		for (uint32_t i = 0; cs && i < cs->list.n; i++) {
			const struct tree *c = cs->list.v[i];
			char *cp = arena_printf(cx->a, "spec.template.spec.%s[%u]", lists[l], i);
			const struct tree *name = tree_get(c, "name");
			const char *why;
			bool is_main = l == 0 && i == 0;
			if ((why = k8s_dns_label(name->str.s, name->str.len))) {
				if (is_main && !node_value(name)) {
					/* named after the job: a bad job name was reported as such */
					bool long_ok = !cx->cron && manual_selector(cx); /* no JOB002 */
					if (!k8s_dns_subdomain(name->str.s, name->str.len) &&
					    (name->str.len <= 63 || long_ok)) {
						REP(JOB303, name, arena_printf(cx->a, "%s.name", cp),
						    invalid(cx, name, why),
						    "job name '%.*s' cannot name its container: a container name is a "
						    "DNS label (at most 63 bytes, no dots)",
						    (int)name->str.len, name->str.s);
						diag_note(cx->d, span_none(), "set container-name to a name %s",
						          name->str.len > 63 ? "of at most 63 bytes" : "without dots");
					}
				} else {
					REP(JOB303, name, arena_printf(cx->a, "%s.name", cp), invalid(cx, name, why),
					    "invalid container name '%.*s'", (int)name->str.len, name->str.s);
				}
			}
			for (unsigned k = 0; k < nall; k++)
				if (same(tree_get(all[k], "name"), name)) {
					REP(JOB304, name, arena_printf(cx->a, "%s.name", cp),
					    arena_printf(cx->a, "Duplicate value: \"%.*s\"", (int)name->str.len,
					                 name->str.s),
					    "the pod already has a container named '%.*s'%s", (int)name->str.len,
					    name->str.s, k == 0 ? " (the main container is named after the job)" : "");
					break;
				}
			if (nall < 512)
				all[nall++] = c;
			const struct tree *image = tree_get(c, "image");
			/* Missing only if it was never written (a wrong one was reported). */
			const struct vmap *written = is_main ? cx->job->fields
			                             : node_value(c) && node_value(c)->kind == V_MAP
			                                 ? node_value(c)->map
			                                 : NULL;
			bool set = false;
			for (uint32_t k = 0; written && k < written->n; k++)
				set |= !strcmp(written->e[k].key, "image");
			if (!image && !set && !cx->job->incomplete) {
				if (is_main) {
					REP(JOB301, tree_path(cx->obj, "metadata.name"),
					    arena_printf(cx->a, "%s.image", cp),
					    "Required value", "job '%s' has no image", cx->job->name);
					diag_note(cx->d, span_none(),
					          "set one with: image = \"registry.example.com/app:1.0\"");
				} else {
					REP(JOB301, name, arena_printf(cx->a, "%s.image", cp), "Required value",
					    "container '%.*s' has no image", (int)name->str.len, name->str.s);
				}
			} else if (image && image->str.len == 0) {
				REP(JOB301, image, arena_printf(cx->a, "%s.image", cp), "Required value",
				    "the image of container '%.*s' is empty", (int)name->str.len, name->str.s);
			} else if (image) {
				const char *s = image->str.s;
				uint32_t n = image->str.len;
				if (go_space_at(s, n, true) || go_space_at(s, n, false))
					REP(JOB302, image, arena_printf(cx->a, "%s.image", cp),
					    "must not have leading or trailing whitespace",
					    "image '%s' has leading or trailing whitespace", escaped(cx, s, n));
			}
			bool plain_init = l == 1 && !is_str(tree_get(c, "restartPolicy"), "Always");
			check_security(cx, c, cp);
			check_container_security(cx, c, cp);
			check_ports(cx, c, cp);
			check_env(cx, c, cp, volumes);
			check_resources(cx, c, cp);
			check_probes(cx, c, cp, plain_init, grace);
			check_mounts(cx, c, cp, volumes);
		}
	}
	check_host_ports(cx);
	check_pod_security(cx);
}
