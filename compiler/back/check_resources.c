/* check_resources.c - the rules of rules.def's JOB5xx group: a
 * container's requests and limits (resource names, quantities, requests
 * within limits, huge pages), compared as the API server compares them.
 */
#include <stdio.h>

#include "check_internal.h"
#include "names.h"
#include "units.h"

static bool is_hugepages(const char *name)
{
	return strncmp(name, "hugepages-", 10) == 0;
}

static const __int128 i128_max_milli =
	(__int128)(((unsigned __int128)1 << 127) - 1) - 1000000;

/* Rounds nanos up to a whole milli, as SetDefaults_ResourceList does. */
static __int128 milli_up(__int128 nanos)
{
	__int128 r = nanos % 1000000;
	if (r == 0 || nanos > i128_max_milli)
		return nanos; /* (a quantity this large is refused elsewhere) */
	return r > 0 ? nanos - r + 1000000 : nanos - r;
}

/* helper.IsExtendedResourceName: not native (no '/' or a kubernetes.io/
 * prefix), not requests.*, and a qualified name once "requests." is put
 * before it (as quota names it). */
static bool is_extended(const char *name)
{
	if (!strchr(name, '/') || strstr(name, "kubernetes.io/") || !strncmp(name, "requests.", 9))
		return false;
	char quota[512];
	int n = snprintf(quota, sizeof quota, "requests.%s", name);
	return n > 0 && (size_t)n < sizeof quota && !k8s_qualified_name(quota, (size_t)n);
}

/* The standard resources of a container (IsStandardContainerResourceName). */
static bool is_container_resource(const char *name)
{
	return !strcmp(name, "cpu") || !strcmp(name, "memory") || !strcmp(name, "ephemeral-storage") ||
	       !strncmp(name, "hugepages-", 10);
}

/* Standard resource names that are not a container's (IsStandardResourceName). */
static bool is_other_standard_resource(const char *name)
{
	static const char *const names[] = {
		"pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
		"configmaps", "persistentvolumeclaims", "storage", "requests.cpu", "requests.memory",
		"requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
		"limits.ephemeral-storage", "services.nodeports", "services.loadbalancers",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(name, names[i]))
			return true;
	return !strncmp(name, "requests.hugepages-", 19);
}

/* A quantity as the API server prints it in a message: rounded up to
 * milli (resource lists are, before validation) and in canonical form. */
static const char *canonical_quantity(struct job_ctx *cx, struct quantity q)
{
	q.nanos = milli_up(q.nanos);
	char buf[64];
	quantity_format(&q, buf, sizeof buf);
	return arena_strndup(cx->a, buf, strlen(buf));
}

/* Quantities parsed once per check_resources call (each is read up to
 * three times: its sign, its unit, and requests <= limits). */
struct qcache {
	const struct tree *node[16];
	struct quantity q[16];
	bool ok[16];
	unsigned n;
};

static bool qparse(struct qcache *c, const struct tree *t, struct quantity *out)
{
	for (unsigned k = 0; k < c->n; k++)
		if (c->node[k] == t) {
			*out = c->q[k];
			return c->ok[k];
		}
	const char *why;
	bool ok = quantity_parse(t->str.s, t->str.len, out, &why);
	if (c->n < 16) {
		c->node[c->n] = t;
		c->q[c->n] = *out;
		c->ok[c->n++] = ok;
	}
	return ok;
}

/* The path of one entry of a container's requests or limits (made only
 * for a report). */
static const char *resource_path(struct job_ctx *cx, const char *cp, const char *which,
                                 const char *name)
{
	return arena_printf(cx->a, "%s.resources.%s[%s]", cp, which, name);
}

/* Go's Quantity.Value(): the whole units of nanos, rounded away from 0. */
static __int128 whole_up(__int128 nanos)
{
	__int128 w = nanos / QUANTITY_ONE;
	return nanos % QUANTITY_ONE == 0 ? w : nanos < 0 ? w - 1 : w + 1;
}

/* The page size of hugepages-<size> in bytes, as the API server reads it
 * (HugePageSizeFromResourceName, then IsHugePageResourceValueDivisible: a
 * quantity, positive, whole once rounded up to milli), or 0 when it is
 * none; *q is the size as parsed. */
static __int128 page_bytes(const char *name, struct quantity *q)
{
	const char *why;
	const char *size = name + 10;
	if (!quantity_parse(size, (uint32_t)strlen(size), q, &why) || q->nanos <= 0 ||
	    milli_up(q->nanos) % QUANTITY_ONE != 0)
		return 0;
	return whole_up(q->nanos);
}

/* JOB505, JOB507, JOB508: huge pages need cpu or memory in the same
 * container (ValidateResourceRequirements); hugepages-<size> names a page
 * size (validateResourceQuantityHugePageValue: hugepages-2mb or
 * hugepages-0 name none, and no amount is a whole number of them), the
 * amount is a whole number of pages, and the size is written as nodes
 * name it (the kubelet names a node's pages with the size in canonical
 * form, and the scheduler matches resource names as written). */
static void check_hugepages(struct job_ctx *cx, const struct tree *req, const struct tree *lim,
                            const char *cp)
{
	const struct tree *maps[2] = {req, lim};
	static const char *const which[2] = {"requests", "limits"};
	bool cpu_or_memory = tree_get(req, "cpu") || tree_get(req, "memory") ||
	                     tree_get(lim, "cpu") || tree_get(lim, "memory");
	for (int m = 0; m < 2; m++)
		for (uint32_t i = 0; maps[m] && i < maps[m]->map.n; i++) {
			const char *name = maps[m]->map.v[i].key;
			const struct tree *q = maps[m]->map.v[i].value;
			if (!is_hugepages(name) || (m == 1 && tree_get(req, name) == q))
				continue; /* name = value: one node for both, judged once */
			if (!cpu_or_memory) {
				REP(JOB505, q, arena_printf(cx->a, "%s.resources", cp),
				    "Forbidden: HugePages require cpu or memory",
				    "%s needs cpu or memory in the same resources", name);
				cpu_or_memory = true; /* said once */
			}
			struct quantity page, v;
			const char *w;
			if (!quantity_parse(q->str.s, q->str.len, &v, &w))
				continue; /* reported when lowered */
			const char *shown = canonical_quantity(cx, v);
			const char *k8s = arena_printf(cx->a, "Invalid value: \"%s\": %s is not positive "
			                                      "integer multiple of %s",
			                               shown, shown, name);
			__int128 bytes = page_bytes(name, &page);
			if (!bytes) {
				REP(JOB507, q, resource_path(cx, cp, which[m], name), k8s,
				    "'%s' is no page size: hugepages-<size> takes a positive whole quantity such "
				    "as 2Mi or 1Gi (the API server refuses any amount of %s)",
				    name + 10, name);
				continue;
			}
			if (whole_up(v.nanos) % bytes != 0)
				REP(JOB505, q, resource_path(cx, cp, which[m], name), k8s,
				    "%.*s is not a whole number of %s pages", (int)q->str.len, q->str.s, name + 10);
			/* the name a node gives pages of this size */
			char node[64];
			struct quantity canon = {bytes * QUANTITY_ONE, QF_BINARY};
			quantity_format(&canon, node, sizeof node);
			bool power_of_two = (bytes & (bytes - 1)) == 0;
			if (!power_of_two)
				REP(JOB508, q, resource_path(cx, cp, which[m], name), NULL,
				    "%s is %s bytes, which is no huge page size (they are powers of two, such as "
				    "2Mi or 1Gi): no node offers %s, and the pod would never be scheduled",
				    name + 10, node, name);
			else if (strcmp(node, name + 10) != 0)
				REP(JOB508, q, resource_path(cx, cp, which[m], name), NULL,
				    "nodes offer pages of %s as hugepages-%s, not %s: the pod would never be "
				    "scheduled; write hugepages-%s",
				    name + 10, node, name, node);
		}
}

/* JOB502-JOB504, JOB506: the requests and limits of container c:
 * resource names, quantities that are not negative (and whole for extended
 * resources), requests within limits (equal to them for extended resources
 * and huge pages), whole bytes (core ValidateResourceRequirements); then
 * huge pages (check_hugepages). */
void check_resources(struct job_ctx *cx, const struct tree *c, const char *cp)
{
	const struct tree *res = tree_get(c, "resources");
	if (!res)
		return;
	const struct tree *req = tree_get(res, "requests"), *lim = tree_get(res, "limits");
	const char *why;
	const struct tree *maps[2] = {req, lim};
	static const char *const which[2] = {"requests", "limits"};
	bool names_ok = true;
	struct qcache qc = {0};
	for (int m = 0; m < 2; m++) {
		for (uint32_t i = 0; maps[m] && i < maps[m]->map.n; i++) {
			const char *name = maps[m]->map.v[i].key;
			const struct tree *q = maps[m]->map.v[i].value;
			if (m == 1 && tree_get(req, name) == q)
				continue; /* name = value: the same node as the request, judged once */
			bool prefixed = strchr(name, '/') != NULL;
			why = k8s_qualified_name(name, strlen(name));
			if (!why && !prefixed && !is_container_resource(name))
				why = is_other_standard_resource(name) ? "must be a standard resource for containers"
				                                       : "must be a standard resource type or fully "
				                                         "qualified";
			else if (!why && prefixed && !strstr(name, "kubernetes.io/") && !is_extended(name))
				why = "doesn't follow extended resource name standard";
			if (why) {
				REP(JOB502, q, resource_path(cx, cp, which[m], name),
				    arena_printf(cx->a, "Invalid value: \"%s\": %s", name, why),
				    "unknown resource '%s': use cpu, memory, ephemeral-storage, hugepages-<size> "
				    "or a qualified name such as nvidia.com/gpu",
				    name);
				names_ok = false;
				continue;
			}
			struct quantity qv;
			if (!qparse(&qc, q, &qv))
				continue; /* reported when lowered */
			if (qv.nanos < 0)
				REP(JOB503, q, resource_path(cx, cp, which[m], name),
				    invalid(cx, q, "must be greater than or equal to 0"),
				    "%s of %s cannot be negative", which[m], name);
			else if (is_extended(name) && milli_up(qv.nanos) % QUANTITY_ONE != 0)
				REP(JOB503, q, resource_path(cx, cp, which[m], name),
				    invalid(cx, q, "must be an integer"),
				    "%s is counted in whole units; %.*s is not one", name, (int)q->str.len, q->str.s);
			if ((!strcmp(name, "memory") || !strcmp(name, "ephemeral-storage")) &&
			    qv.nanos % QUANTITY_ONE != 0)
			{
				bool milli = q->str.len > 1 && q->str.s[q->str.len - 1] == 'm';
				REP(JOB506, q, resource_path(cx, cp, which[m], name),
				    arena_printf(cx->a, "fractional byte value \"%.*s\" is invalid, must be an "
				                        "integer",
				                 (int)q->str.len, q->str.s),
				    "%s %.*s is a fraction of a byte%s%.*s%s", name, (int)q->str.len, q->str.s,
				    milli ? " (m is milli); did you mean " : "", milli ? (int)q->str.len - 1 : 0,
				    q->str.s, milli ? "Mi?" : "");
			}
		}
	}
	if (!names_ok)
		return;
	/* JOB504: requests within limits; non-overcommittable ones equal */
	for (uint32_t i = 0; req && i < req->map.n; i++) {
		const char *name = req->map.v[i].key;
		const struct tree *rq = req->map.v[i].value, *lq = tree_get(lim, name);
		bool exact = is_extended(name) || is_hugepages(name);
		struct quantity r, l;
		if (!qparse(&qc, rq, &r))
			continue;
		if (!lq) {
			if (exact)
				REP(JOB504, rq, arena_printf(cx->a, "%s.resources.limits", cp),
				    "Required value: Limit must be set for non overcommitable resources",
				    "%s cannot be overcommitted: give it a limit equal to its request (%s = %.*s)",
				    name, name, (int)rq->str.len, rq->str.s);
			continue;
		}
		if (!qparse(&qc, lq, &l))
			continue;
		/* compared as the API server compares them: rounded up to milli */
		bool equal = milli_up(r.nanos) == milli_up(l.nanos);
		if (exact && !equal)
			REP(JOB504, rq, arena_printf(cx->a, "%s.resources.requests", cp),
			    arena_printf(cx->a, "Invalid value: \"%s\": must be equal to %s limit of %s",
			                 canonical_quantity(cx, r), name, canonical_quantity(cx, l)),
			    "%s cannot be overcommitted: its request (%.*s) must equal its limit (%.*s)", name,
			    (int)rq->str.len, rq->str.s, (int)lq->str.len, lq->str.s);
		else if (!exact && milli_up(r.nanos) > milli_up(l.nanos))
			REP(JOB504, rq, arena_printf(cx->a, "%s.resources.requests", cp),
			    arena_printf(cx->a, "Invalid value: \"%s\": must be less than or equal to %s limit "
			                        "of %s",
			                 canonical_quantity(cx, r), name, canonical_quantity(cx, l)),
			    "the %s request (%.*s) is more than its limit (%.*s)", name, (int)rq->str.len,
			    rq->str.s, (int)lq->str.len, lq->str.s);
	}
	check_hugepages(cx, req, lim, cp);
}
