/* check_pod_claims.c - the part of rules.def's JOB2xx group about
 * Dynamic Resource Allocation: the pod's resource claims, and the claims
 * each container makes of them in its resources (part of check_pod,
 * which calls it).
 */
#include "check_internal.h"
#include "names.h"

/* {"name":"gpu","resourceClaimName":"x"}: a claim as the message shows it. */
static const char *claim_json(struct job_ctx *cx, const struct tree *c)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "{");
	for (uint32_t i = 0; c && c->kind == TREE_MAP && i < c->map.n; i++) {
		const struct tree *v = c->map.v[i].value;
		buf_printf(&b, "%s\"%s\":\"%s\"", i ? "," : "", c->map.v[i].key,
		           v->kind == TREE_STR ? escaped(cx, v->str.s, v->str.len) : "");
	}
	buf_puts(&b, "}");
	char *out = arena_strndup(cx->a, b.data, b.len);
	buf_free(&b);
	return out;
}

/* JOB221: each of the pod's claims (core validatePodResourceClaim): a
 * name, a DNS label no other claim has, and exactly one source, its name a
 * DNS subdomain. */
static void check_pod_claim_list(struct job_ctx *cx, const struct tree *claims)
{
	for (uint32_t i = 0; claims && claims->kind == TREE_LIST && i < claims->list.n; i++) {
		const struct tree *c = claims->list.v[i], *name = tree_get(c, "name");
		const char *p = arena_printf(cx->a, "spec.template.spec.resourceClaims[%u]", i), *why;
		bool dup = false;
		for (uint32_t k = 0; name && k < i; k++)
			dup |= same(tree_get(claims->list.v[k], "name"), name);
		if (!name || name->kind != TREE_STR || !name->str.len)
			REP(JOB221, name ? name : c, arena_printf(cx->a, "%s.name", p), "Required value",
			    "a resource claim needs a name");
		else if (dup)
			REP(JOB221, name, arena_printf(cx->a, "%s.name", p),
			    arena_printf(cx->a, "Duplicate value: \"%s\"", cstr(cx, name)),
			    "resource claim '%s' is claimed twice", escaped(cx, name->str.s, name->str.len));
		else if ((why = k8s_dns_label(name->str.s, name->str.len)))
			REP(JOB221, name, arena_printf(cx->a, "%s.name", p), invalid(cx, name, why),
			    "invalid resource claim name '%s': use lower-case letters, digits and '-'",
			    escaped(cx, name->str.s, name->str.len));
		const struct tree *claim = tree_get(c, "resourceClaimName");
		const struct tree *tmpl = tree_get(c, "resourceClaimTemplateName");
		if (claim && tmpl)
			REP(JOB221, tmpl, p,
			    arena_printf(cx->a, "Invalid value: %s: at most one of `resourceClaimName` or "
			                        "`resourceClaimTemplateName` may be specified",
			                 claim_json(cx, c)),
			    "a resource claim has one source: claim (shared by the pods) or claim-template "
			    "(a claim of its own for each pod), not both");
		if (!claim && !tmpl)
			REP(JOB221, name ? name : c, p,
			    arena_printf(cx->a, "Invalid value: %s: must specify one of: `resourceClaimName`, "
			                        "`resourceClaimTemplateName`",
			                 claim_json(cx, c)),
			    "a resource claim needs its source: claim = \"NAME\" (an existing "
			    "ResourceClaim) or claim-template = \"NAME\" (a ResourceClaimTemplate)");
		static const char *const src[] = {"resourceClaimName", "resourceClaimTemplateName"};
		const struct tree *srcs[] = {claim, tmpl};
		for (size_t k = 0; k < 2; k++)
			if (srcs[k] && srcs[k]->kind == TREE_STR &&
			    (why = k8s_dns_subdomain(srcs[k]->str.s, srcs[k]->str.len)))
				REP(JOB221, srcs[k], arena_printf(cx->a, "%s.%s", p, src[k]),
				    invalid(cx, srcs[k], why), "invalid %s name '%s'",
				    k ? "ResourceClaimTemplate" : "ResourceClaim",
				    escaped(cx, srcs[k]->str.s, srcs[k]->str.len));
	}
}

/* The names of the pod's claims, sorted and joined by ", ", as the API
 * server lists them (sets.List). */
static const char *claim_names(struct job_ctx *cx, const struct tree *claims)
{
	uint32_t n = claims && claims->kind == TREE_LIST ? claims->list.n : 0;
	const char **names = arena_alloc(cx->a, (n + 1) * sizeof *names);
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		const char *s = cstr(cx, tree_get(claims->list.v[i], "name"));
		bool seen = !s || !*s;
		for (uint32_t j = 0; j < k && !seen; j++)
			seen = !strcmp(names[j], s);
		if (!seen)
			names[k++] = s;
	}
	for (uint32_t i = 1; i < k; i++) /* insertion sort: a pod has few claims */
		for (uint32_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	struct buf b = BUF_INIT;
	for (uint32_t i = 0; i < k; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	char *out = arena_strndup(cx->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* Whether the pod has a claim called name. */
static bool pod_claim(const struct tree *claims, const struct tree *name)
{
	for (uint32_t i = 0; claims && claims->kind == TREE_LIST && i < claims->list.n; i++)
		if (same(tree_get(claims->list.v[i], "name"), name))
			return true;
	return false;
}

/* JOB222: the claims container c (at path cp) makes (core
 * validateResourceClaimNames): each names one of the pod's claims, whole
 * or one request of it (a DNS label), and says nothing twice: not the same
 * claim or request, nor a claim beside one of its requests. */
static void check_container_claims(struct job_ctx *cx, const struct tree *c, const char *cp,
                                   const struct tree *pod_claims)
{
	const struct tree *l = tree_path(c, "resources.claims");
	for (uint32_t i = 0; l && l->kind == TREE_LIST && i < l->list.n; i++) {
		const struct tree *x = l->list.v[i], *name = tree_get(x, "name"), *req = tree_get(x, "request");
		const char *p = arena_printf(cx->a, "%s.resources.claims[%u]", cp, i), *why;
		if (!name || name->kind != TREE_STR || !name->str.len) {
			REP(JOB222, name ? name : x, p, "Required value", "a claim needs the name of one of "
			                                                  "the pod's resource claims");
			continue;
		}
		bool has_req = req && req->kind == TREE_STR && req->str.len;
		const char *n = cstr(cx, name);
		const char *key = has_req ? arena_printf(cx->a, "%s/%s", n, cstr(cx, req)) : n;
		/* what the items before it claimed, as the API server keys them */
		bool whole = false, exact = false, part = false;
		for (uint32_t k = 0; k < i; k++) {
			const struct tree *o = l->list.v[k], *on = tree_get(o, "name"), *orq = tree_get(o, "request");
			if (!same(on, name))
				continue;
			bool o_req = orq && orq->kind == TREE_STR && orq->str.len;
			whole |= !o_req;
			exact |= has_req && o_req && same(orq, req);
			part |= o_req;
		}
		if (whole)
			REP(JOB222, x, p, arena_printf(cx->a, "Duplicate value: \"%s\"", n),
			    "claim '%s' is listed already (all of it)", escaped(cx, n, strlen(n)));
		else if (has_req && (why = k8s_dns_label(req->str.s, req->str.len)))
			REP(JOB222, req, arena_printf(cx->a, "%s.request", p), invalid(cx, req, why),
			    "invalid request name '%s' of claim '%s'", escaped(cx, req->str.s, req->str.len),
			    escaped(cx, n, strlen(n)));
		if (!whole && exact)
			REP(JOB222, x, p, arena_printf(cx->a, "Duplicate value: \"%s\"", key),
			    "claim '%s' is listed twice", escaped(cx, key, strlen(key)));
		else if (!whole && !has_req && part)
			REP(JOB222, x, p, arena_printf(cx->a, "Duplicate value: \"%s\"", n),
			    "claim '%s' is listed whole beside one of its requests", escaped(cx, n, strlen(n)));
		if (!pod_claim(pod_claims, name)) {
			const char *all = claim_names(cx, pod_claims);
			REP(JOB222, name, p,
			    arena_printf(cx->a, "Not found: \"%s\": must be one of the names in "
			                        "pod.spec.resourceClaims%s%s",
			                 n, *all ? ": " : " which is empty", all),
			    "'%s' is none of the pod's resource claims%s%s", escaped(cx, n, strlen(n)),
			    *all ? ": " : " (it has none; resource-claim NAME { ... } makes one)", all);
		}
	}
}

/* JOB221, JOB222: the pod's resource claims, and each container's claims
 * of them (the containers, then the init containers, as ValidatePodSpec
 * goes). */
void check_pod_claims(struct job_ctx *cx, const struct tree *pod)
{
	const struct tree *claims = tree_get(pod, "resourceClaims");
	check_pod_claim_list(cx, claims);
	static const char *const lists[] = {"containers", "initContainers"};
	for (size_t k = 0; k < 2; k++) {
		const struct tree *cs = tree_get(pod, lists[k]);
		for (uint32_t i = 0; cs && cs->kind == TREE_LIST && i < cs->list.n; i++)
			check_container_claims(cx, cs->list.v[i],
			                       arena_printf(cx->a, "spec.template.spec.%s[%u]", lists[k], i),
			                       claims);
	}
}
