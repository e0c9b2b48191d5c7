/* check_pod_spread.c - the part of rules.def's JOB2xx group about the
 * pod's topology spread constraints (part of check_pod, which calls it).
 * The constraint's words (whenUnsatisfiable, the node policies) are jobc's
 * own and take no other value: what is checked here is whether they are
 * there and how they go together.
 */
#include <inttypes.h>

#include "check_internal.h"
#include "names.h"

static const char *text(struct job_ctx *cx, const struct tree *t)
{
	return t && t->kind == TREE_STR ? cstr(cx, t) : "";
}

/* Whether key k is among the selector sel's keys (matchLabels and
 * matchExpressions). */
static bool selector_has_key(const struct tree *sel, const struct tree *k)
{
	const struct tree *ml = tree_get(sel, "matchLabels");
	if (ml && ml->kind == TREE_MAP && k->kind == TREE_STR && tree_getn(ml, k->str.s, k->str.len))
		return true;
	const struct tree *me = tree_get(sel, "matchExpressions");
	for (uint32_t i = 0; me && me->kind == TREE_LIST && i < me->list.n; i++)
		if (same(tree_get(me->list.v[i], "key"), k))
			return true;
	return false;
}

/* JOB218: matchLabelKeys, which need a labelSelector, are label keys, and
 * name none of its keys (core validateMatchLabelKeysInTopologySpread). */
static void check_match_label_keys(struct job_ctx *cx, const struct tree *c, const char *cp)
{
	const struct tree *keys = tree_get(c, "matchLabelKeys"), *sel = tree_get(c, "labelSelector");
	if (!keys || !keys->list.n)
		return;
	const char *kp = arena_printf(cx->a, "%s.matchLabelKeys", cp);
	if (!sel)
		REP(JOB218, keys, kp, "Forbidden: must not be specified when labelSelector is not set",
		    "match-label-keys narrow the pods label-selector counts: they need a label-selector");
	for (uint32_t i = 0; i < keys->list.n; i++) {
		const struct tree *k = keys->list.v[i];
		const char *why, *p = arena_printf(cx->a, "%s[%u]", kp, i);
		if (k->kind != TREE_STR)
			continue;
		if ((why = k8s_qualified_name(k->str.s, k->str.len)))
			REP(JOB218, k, p, invalid(cx, k, why), "invalid label key '%s' in match-label-keys",
			    escaped(cx, k->str.s, k->str.len));
		if (sel && selector_has_key(sel, k))
			REP(JOB218, k, p, invalid(cx, k, "exists in both matchLabelKeys and labelSelector"),
			    "'%s' is in match-label-keys and in the label-selector: the selector already "
			    "says which values count", escaped(cx, k->str.s, k->str.len));
	}
}

/* JOB218, JOB123 (and JOB004, JOB005 through check_label_map): each
 * constraint (core validateTopologySpreadConstraints): maxSkew 1 or more,
 * topologyKey required, whenUnsatisfiable one of its two actions, no
 * {topologyKey, whenUnsatisfiable} pair twice, minDomains 1 or more and
 * only with DoNotSchedule, matchLabelKeys, and the label selector
 * (ValidateLabelSelector: its matchLabels as labels, its expressions). */
void check_pod_spread(struct job_ctx *cx, const struct tree *pod)
{
	const struct tree *l = tree_get(pod, "topologySpreadConstraints");
	for (uint32_t i = 0; l && l->kind == TREE_LIST && i < l->list.n; i++) {
		const struct tree *c = l->list.v[i];
		const char *cp = arena_printf(cx->a, "spec.template.spec.topologySpreadConstraints[%u]", i);
		const struct tree *key = tree_get(c, "topologyKey"), *when = tree_get(c, "whenUnsatisfiable");
		const struct tree *min = tree_get(c, "minDomains"), *skew = tree_get(c, "maxSkew");
		int64_t n;
		if (!skew)
			REP(JOB218, c, arena_printf(cx->a, "%s.maxSkew", cp),
			    "Invalid value: 0: must be greater than zero",
			    "a topology spread constraint needs max-skew, 1 or more");
		else if (has_int(skew, &n) && n <= 0)
			REP(JOB218, skew, arena_printf(cx->a, "%s.maxSkew", cp),
			    invalid(cx, skew, "must be greater than zero"),
			    "max-skew is 1 or more: the most one domain may have above the emptiest");
		if (!key || (key->kind == TREE_STR && !key->str.len))
			REP(JOB218, key ? key : c, arena_printf(cx->a, "%s.topologyKey", cp),
			    "Required value: can not be empty",
			    "a topology spread constraint needs a topology-key, the node label of its "
			    "domains, such as topology.kubernetes.io/zone");
		if (!when)
			REP(JOB218, c, arena_printf(cx->a, "%s.whenUnsatisfiable", cp),
			    "Unsupported value: \"\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"",
			    "a topology spread constraint needs when-unsatisfiable: do-not-schedule or "
			    "schedule-anyway");
		for (uint32_t k = i + 1; key && when && k < l->list.n; k++) {
			const struct tree *o = l->list.v[k];
			if (same(tree_get(o, "topologyKey"), key) && same(tree_get(o, "whenUnsatisfiable"), when)) {
				REP(JOB218, o, arena_printf(cx->a, "%s.{topologyKey, whenUnsatisfiable}", cp),
				    arena_printf(cx->a, "Duplicate value: \"{%s, %s}\"", text(cx, key),
				                 text(cx, when)),
				    "two topology spread constraints with topology-key '%s' and the same "
				    "when-unsatisfiable: make them one", escaped(cx, key->str.s, key->str.len));
				break;
			}
		}
		if (has_int(min, &n) && n <= 0)
			REP(JOB218, min, arena_printf(cx->a, "%s.minDomains", cp),
			    invalid(cx, min, "must be greater than zero"), "min-domains is 1 or more");
		if (has_int(min, &n) && when && !is_str(when, "DoNotSchedule"))
			REP(JOB218, min, arena_printf(cx->a, "%s.minDomains", cp),
			    arena_printf(cx->a, "Invalid value: %" PRId64 ": can only use minDomains if "
			                        "whenUnsatisfiable=DoNotSchedule, not %s",
			                 n, text(cx, when)),
			    "min-domains goes with when-unsatisfiable = do-not-schedule");
		check_match_label_keys(cx, c, cp);
		const struct tree *sel = tree_get(c, "labelSelector");
		if (sel) {
			const char *sp = arena_printf(cx->a, "%s.labelSelector", cp);
			check_label_map(cx, tree_get(sel, "matchLabels"),
			                arena_printf(cx->a, "%s.matchLabels", sp), "label", false);
			check_label_selector(cx, sel, sp);
		}
	}
}
