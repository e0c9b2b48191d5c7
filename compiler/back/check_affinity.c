/* check_affinity.c - the rules of rules.def's JOB2xx group about the
 * pod's affinity (JOB250-JOB254): node affinity, pod affinity and
 * anti-affinity, as core validateAffinity checks them.  affinity is
 * written as Kubernetes writes it (an FT_RAW field); lowering checked it
 * against its OpenAPI type (unknown keys, wrong types, missing required
 * fields), so what is read here may be of any shape: a value of the wrong
 * type is skipped, having been reported.  A raw value keeps the place of
 * each of its keys and values, and each problem is reported at the value
 * that has it.
 */
#include <inttypes.h>

#include "check_internal.h"
#include "names.h"

static const char affinity_path[] = "spec.template.spec.affinity";

static const struct tree *list_of(const struct tree *m, const char *key)
{
	const struct tree *t = tree_get(m, key);
	return t && t->kind == TREE_LIST ? t : NULL;
}

static const struct tree *map_of(const struct tree *m, const char *key)
{
	const struct tree *t = tree_get(m, key);
	return t && t->kind == TREE_MAP ? t : NULL;
}

static const struct tree *str_of(const struct tree *m, const char *key)
{
	const struct tree *t = tree_get(m, key);
	return t && t->kind == TREE_STR ? t : NULL;
}

static uint32_t count(const struct tree *list)
{
	return list ? list->list.n : 0;
}

/* Go's strconv.ParseInt(s, 10, 64). */
static bool parse_int64(const struct tree *t)
{
	size_t i = 0, n = t->str.len;
	const char *s = t->str.s;
	bool neg = false;
	if (n && (s[0] == '+' || s[0] == '-'))
		neg = s[i++] == '-';
	if (i == n)
		return false;
	uint64_t v = 0, max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	return true;
}

/* JOB250: one match expression of a node selector term
 * (ValidateNodeSelectorRequirement); a Gt or Lt value that is no integer is
 * accepted by the API server, but the scheduler cannot read it (its
 * labels.NewRequirement) and the term matches no node. */
static void node_requirement(struct job_ctx *cx, const struct tree *rq, const char *p)
{
	const struct tree *op = str_of(rq, "operator"), *key = str_of(rq, "key");
	const struct tree *values = list_of(rq, "values");
	uint32_t n = count(values);
	const char *vp = arena_printf(cx->a, "%s.values", p), *why;
	if (is_str(op, "In") || is_str(op, "NotIn")) {
		if (!n)
			REP(JOB250, values ? values : op, vp,
			    "Required value: must be specified when `operator` is 'In' or 'NotIn'",
			    "operator %s needs values", cstr(cx, op));
	} else if (is_str(op, "Exists") || is_str(op, "DoesNotExist")) {
		if (n)
			REP(JOB250, values, vp,
			    "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
			    "operator %s takes no values", cstr(cx, op));
	} else if (is_str(op, "Gt") || is_str(op, "Lt")) {
		const struct tree *v = n == 1 ? values->list.v[0] : NULL;
		if (n != 1)
			REP(JOB250, values ? values : op, vp,
			    "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
			    "operator %s takes exactly one value, a whole number", cstr(cx, op));
		else if (v->kind == TREE_STR && !parse_int64(v))
			REP(JOB250, v, arena_printf(cx->a, "%s[0]", vp),
			    invalid(cx, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
			    "operator %s compares a node label with a whole number, and '%s' is none: the "
			    "scheduler cannot read it, and the term matches no node",
			    cstr(cx, op), escaped(cx, v->str.s, v->str.len));
	} else if (op) {
		REP(JOB250, op, arena_printf(cx->a, "%s.operator", p),
		    invalid(cx, op, "not a valid selector operator"),
		    "'%s' is no node selector operator: use In, NotIn, Exists, DoesNotExist, Gt or Lt",
		    escaped(cx, op->str.s, op->str.len));
	}
	if (key && (why = k8s_qualified_name(key->str.s, key->str.len)))
		REP(JOB250, key, arena_printf(cx->a, "%s.key", p), invalid(cx, key, why),
		    "invalid node label key '%s'", escaped(cx, key->str.s, key->str.len));
}

/* JOB250: one match field of a node selector term: metadata.name, In or
 * NotIn, one value, a node name (ValidateNodeFieldSelectorRequirement). */
static void node_field(struct job_ctx *cx, const struct tree *rq, const char *p)
{
	const struct tree *op = str_of(rq, "operator"), *key = str_of(rq, "key");
	const struct tree *values = list_of(rq, "values");
	const char *why;
	if (is_str(op, "In") || is_str(op, "NotIn")) {
		if (count(values) != 1)
			REP(JOB250, values ? values : op, arena_printf(cx->a, "%s.values", p),
			    "Required value: must be only one value when `operator` is 'In' or 'NotIn' for "
			    "node field selector",
			    "a match field takes exactly one value, a node name");
	} else if (op) {
		REP(JOB250, op, arena_printf(cx->a, "%s.operator", p),
		    invalid(cx, op, "not a valid selector operator"),
		    "a match field's operator is In or NotIn, not '%s'",
		    escaped(cx, op->str.s, op->str.len));
	}
	if (key && !is_str(key, "metadata.name")) {
		REP(JOB250, key, arena_printf(cx->a, "%s.key", p),
		    invalid(cx, key, "not a valid field selector key"),
		    "a match field selects nodes by metadata.name, the one field it can read, not '%s'",
		    escaped(cx, key->str.s, key->str.len));
		return;
	}
	for (uint32_t k = 0; key && k < count(values); k++) {
		const struct tree *v = values->list.v[k];
		if (v->kind == TREE_STR && (why = k8s_dns_subdomain(v->str.s, v->str.len)))
			REP(JOB250, v, arena_printf(cx->a, "%s.values[%u]", p, k), invalid(cx, v, why),
			    "invalid node name '%s'", escaped(cx, v->str.s, v->str.len));
	}
}

/* JOB250: a node selector term (ValidateNodeSelectorTerm). */
static void node_term(struct job_ctx *cx, const struct tree *term, const char *p)
{
	static const char *const lists[] = {"matchExpressions", "matchFields"};
	for (int l = 0; l < 2; l++) {
		const struct tree *rqs = list_of(term, lists[l]);
		for (uint32_t i = 0; i < count(rqs); i++) {
			const char *rp = arena_printf(cx->a, "%s.%s[%u]", p, lists[l], i);
			if (l == 0)
				node_requirement(cx, rqs->list.v[i], rp);
			else
				node_field(cx, rqs->list.v[i], rp);
		}
	}
}

/* JOB251: a preferred term's weight is 1 to 100
 * (ValidatePreferredSchedulingTerms, validateWeightedPodAffinityTerms). */
static void weight(struct job_ctx *cx, const struct tree *term, const char *p)
{
	int64_t w;
	const struct tree *t = tree_get(term, "weight");
	if (has_int(t, &w) && (w < 1 || w > 100))
		REP(JOB251, t, arena_printf(cx->a, "%s.weight", p),
		    invalid(cx, t, "must be in the range 1-100"),
		    "weight %" PRId64 " is out of range: a preferred term's weight is 1 to 100", w);
}

/* JOB250, JOB251: node affinity (validateNodeAffinity): a required node
 * selector has at least one term (ValidateNodeSelector). */
static void node_affinity(struct job_ctx *cx, const struct tree *na, const char *p)
{
	const char *rp = arena_printf(cx->a, "%s.requiredDuringSchedulingIgnoredDuringExecution", p);
	const struct tree *req = map_of(na, "requiredDuringSchedulingIgnoredDuringExecution");
	const struct tree *terms = list_of(req, "nodeSelectorTerms");
	if (terms && !terms->list.n)
		REP(JOB250, terms, arena_printf(cx->a, "%s.nodeSelectorTerms", rp),
		    "Required value: must have at least one node selector term",
		    "a required node affinity needs at least one node selector term (it would match "
		    "no node)");
	for (uint32_t i = 0; i < count(terms); i++)
		node_term(cx, terms->list.v[i], arena_printf(cx->a, "%s.nodeSelectorTerms[%u]", rp, i));
	const char *pp = arena_printf(cx->a, "%s.preferredDuringSchedulingIgnoredDuringExecution", p);
	const struct tree *pref = list_of(na, "preferredDuringSchedulingIgnoredDuringExecution");
	for (uint32_t i = 0; i < count(pref); i++) {
		const char *ip = arena_printf(cx->a, "%s[%u]", pp, i);
		weight(cx, pref->list.v[i], ip);
		node_term(cx, map_of(pref->list.v[i], "preference"),
		          arena_printf(cx->a, "%s.preference", ip));
	}
}

/* Whether the pods the Job makes carry the label key: the template's
 * labels, those the API server adds to a Job's template without
 * manual-selector (generateSelector: job-name, controller-uid, prefixed
 * too since 1.27), and the Job controller's completion index on an Indexed
 * Job's pods (PodIndexLabel, on since 1.28). */
static bool pods_have_label(struct job_ctx *cx, const char *key)
{
	if (tree_get(tree_path(cx->obj, "spec.template.metadata.labels"), key))
		return true;
	bool prefixed = cx->opt->kube_version >= 127;
	if (!manual_selector(cx) &&
	    (!strcmp(key, "job-name") || !strcmp(key, "controller-uid") ||
	     (prefixed && (!strcmp(key, "batch.kubernetes.io/job-name") ||
	                   !strcmp(key, "batch.kubernetes.io/controller-uid")))))
		return true;
	return cx->opt->kube_version >= 128 && !strcmp(key, "batch.kubernetes.io/job-completion-index") &&
	       is_str(tree_path(cx->obj, "spec.completionMode"), "Indexed");
}

/* How many keys of the label selector sel are key (matchLabels and
 * matchExpressions). */
static unsigned selector_names(const struct tree *sel, const struct tree *key)
{
	unsigned n = tree_getn(map_of(sel, "matchLabels"), key->str.s, key->str.len) != NULL;
	const struct tree *me = list_of(sel, "matchExpressions");
	for (uint32_t i = 0; i < count(me); i++)
		n += same(str_of(me->list.v[i], "key"), key);
	return n;
}

/* JOB254: matchLabelKeys and mismatchLabelKeys of the pod affinity term at
 * p (validateMatchLabelKeysAndMismatchLabelKeys): they need a labelSelector,
 * their keys are label names, a key is not in both lists, and a key of
 * matchLabelKeys is not in the labelSelector twice.  When each pod is
 * created Kubernetes adds "key In (the pod's value)" to the selector for
 * each key of matchLabelKeys the pod has (the pod strategy's
 * applyMatchLabelKeysAndMismatchLabelKeys), and the pod is then checked
 * the same way: a key of matchLabelKeys that the labelSelector already
 * names, or that matchLabelKeys names twice, makes every pod be refused.
 * JOB122: the two lists before 1.31 (MatchLabelKeysInPodAffinity), which
 * the API server would drop. */
static void label_keys(struct job_ctx *cx, const struct tree *term, const char *p)
{
	static const char *const names[] = {"matchLabelKeys", "mismatchLabelKeys"};
	const struct tree *sel = tree_get(term, "labelSelector");
	const struct tree *lists[2] = {list_of(term, names[0]), list_of(term, names[1])};
	const char *why;
	for (int l = 0; l < 2; l++) {
		const char *lp = arena_printf(cx->a, "%s.%s", p, names[l]);
		if (!count(lists[l]))
			continue;
		if (cx->opt->kube_version < 131) {
			REP(JOB122, lists[l], lp, NULL,
			    "'%s' needs Kubernetes 1.31 or newer; the target is %d.%d (--kube-version)",
			    names[l], cx->opt->kube_version / 100, cx->opt->kube_version % 100);
			continue;
		}
		if (!sel) {
			REP(JOB254, lists[l], lp, "Forbidden: must not be specified when labelSelector is not set",
			    "%s needs a labelSelector, which the pod's values of these keys are added to",
			    names[l]);
			continue;
		}
		for (uint32_t i = 0; i < count(lists[l]); i++) {
			const struct tree *k = lists[l]->list.v[i];
			if (k->kind == TREE_STR && (why = k8s_qualified_name(k->str.s, k->str.len)))
				REP(JOB254, k, arena_printf(cx->a, "%s[%u]", lp, i), invalid(cx, k, why),
				    "invalid label key '%s' in %s", escaped(cx, k->str.s, k->str.len), names[l]);
		}
	}
	const struct tree *match = lists[0];
	if (cx->opt->kube_version < 131)
		return;
	for (uint32_t i = 0; i < count(match); i++) {
		const struct tree *k = match->list.v[i];
		if (k->kind != TREE_STR)
			continue;
		const char *key = escaped(cx, k->str.s, k->str.len);
		bool in_mismatch = false, later = false;
		for (uint32_t j = 0; j < count(lists[1]); j++)
			in_mismatch |= same(lists[1]->list.v[j], k);
		for (uint32_t j = i + 1; j < count(match); j++)
			later |= same(match->list.v[j], k);
		if (in_mismatch)
			REP(JOB254, k, arena_printf(cx->a, "%s.matchLabelKeys[%u]", p, i),
			    invalid(cx, k, "exists in both matchLabelKeys and mismatchLabelKeys"),
			    "'%s' is in matchLabelKeys and in mismatchLabelKeys", key);
		if (!sel || later)
			continue; /* a key named twice is judged at its last place, as Kubernetes does */
		/* the template as it is: a key of the selector's expressions that
		 * the selector named before */
		const char *both = invalid(cx, k, "exists in both matchLabelKeys and labelSelector");
		const char *tp = arena_printf(cx->a, "%s[%u]", p, i);
		unsigned named = selector_names(sel, k);
		bool twice = false;
		for (uint32_t j = 0; j < i; j++)
			twice |= same(match->list.v[j], k);
		if (named >= 2)
			REP(JOB254, k, tp, both,
			    "'%s' is in matchLabelKeys and in the labelSelector, which names it twice", key);
		else if ((named || twice) && pods_have_label(cx, cstr(cx, k)))
			REP(JOB254, k, tp, arena_printf(cx->a, "%s (when each pod is created)", both),
			    "'%s' is in matchLabelKeys and %s: Kubernetes adds '%s In (the pod's value)' "
			    "to the selector of each pod, which then names the key twice, and every pod is "
			    "refused",
			    key, named ? "in the labelSelector" : "twice in matchLabelKeys", key);
	}
}

/* JOB252, JOB253 (and JOB123, JOB004, JOB005 on its label selectors): a
 * pod affinity term (validatePodAffinityTerm): its labelSelector and
 * namespaceSelector as meta/v1 ValidateLabelSelector checks them
 * (ValidatePodAffinityTermSelector), its namespaces, its label keys, and a
 * topologyKey that is a label name. */
static void pod_term(struct job_ctx *cx, const struct tree *term, const char *p)
{
	static const char *const selectors[] = {"labelSelector", "namespaceSelector"};
	const char *why;
	for (int s = 0; s < 2; s++) {
		const struct tree *sel = map_of(term, selectors[s]);
		const char *sp = arena_printf(cx->a, "%s.%s", p, selectors[s]);
		const struct tree *ml = map_of(sel, "matchLabels");
		if (ml)
			check_label_map(cx, ml, arena_printf(cx->a, "%s.matchLabels", sp), "selector", false);
		if (sel)
			check_label_selector(cx, sel, sp);
	}
	const struct tree *ns = list_of(term, "namespaces");
	for (uint32_t i = 0; i < count(ns); i++) {
		const struct tree *n = ns->list.v[i];
		if (n->kind == TREE_STR && (why = k8s_dns_label(n->str.s, n->str.len)))
			REP(JOB253, n, arena_printf(cx->a, "%s.namespace", p), invalid(cx, n, why),
			    "invalid namespace '%s' in a pod affinity term", escaped(cx, n->str.s, n->str.len));
	}
	label_keys(cx, term, p);
	const struct tree *tk = str_of(term, "topologyKey");
	const char *tp = arena_printf(cx->a, "%s.topologyKey", p);
	if (tk && !tk->str.len)
		REP(JOB252, tk, tp, "Required value: can not be empty",
		    "topologyKey cannot be empty: name the node label that makes the topology, such as "
		    "kubernetes.io/hostname or topology.kubernetes.io/zone");
	else if (tk && (why = k8s_qualified_name(tk->str.s, tk->str.len)))
		REP(JOB252, tk, tp, invalid(cx, tk, why), "invalid topologyKey '%s': it is a node label key",
		    escaped(cx, tk->str.s, tk->str.len));
}

/* JOB251-JOB254: pod affinity or anti-affinity (validatePodAffinity,
 * validatePodAntiAffinity): required terms, and preferred ones with their
 * weight. */
static void pod_affinity(struct job_ctx *cx, const struct tree *pa, const char *p)
{
	const struct tree *req = list_of(pa, "requiredDuringSchedulingIgnoredDuringExecution");
	for (uint32_t i = 0; i < count(req); i++)
		pod_term(cx, req->list.v[i],
		         arena_printf(cx->a, "%s.requiredDuringSchedulingIgnoredDuringExecution[%u]", p, i));
	const struct tree *pref = list_of(pa, "preferredDuringSchedulingIgnoredDuringExecution");
	for (uint32_t i = 0; i < count(pref); i++) {
		const char *ip =
			arena_printf(cx->a, "%s.preferredDuringSchedulingIgnoredDuringExecution[%u]", p, i);
		weight(cx, pref->list.v[i], ip);
		const struct tree *term = map_of(pref->list.v[i], "podAffinityTerm");
		if (term)
			pod_term(cx, term, arena_printf(cx->a, "%s.podAffinityTerm", ip));
	}
}

/* JOB250-JOB254: the pod's affinity (core validateAffinity). */
void check_affinity(struct job_ctx *cx)
{
	const struct tree *aff = tree_path(cx->obj, affinity_path);
	if (!aff || aff->kind != TREE_MAP)
		return;
	const struct tree *na = map_of(aff, "nodeAffinity");
	if (na)
		node_affinity(cx, na, arena_printf(cx->a, "%s.nodeAffinity", affinity_path));
	static const char *const kinds[] = {"podAffinity", "podAntiAffinity"};
	for (int k = 0; k < 2; k++) {
		const struct tree *pa = map_of(aff, kinds[k]);
		if (pa)
			pod_affinity(cx, pa, arena_printf(cx->a, "%s.%s", affinity_path, kinds[k]));
	}
}
