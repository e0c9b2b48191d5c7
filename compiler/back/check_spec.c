/* check_spec.c - the rules of rules.def's JOB1xx group: the Job's spec
 * (batch ValidateJobSpec): completions and parallelism, indexed jobs,
 * failure and success rules, managed-by, the selector.
 */
#include <inttypes.h>

#include "check_internal.h"
#include "names.h"

/* A map of strings as the API server prints a bad value: JSON ("null"
 * for none). */
static const char *json_map(struct job_ctx *cx, const struct tree *m)
{
	if (!m)
		return "null";
	struct buf b = BUF_INIT;
	buf_printf(&b, "{");
	for (uint32_t i = 0; i < m->map.n; i++) {
		const struct tree *v = m->map.v[i].value;
		const char *parts[2] = {m->map.v[i].key, v->kind == TREE_STR ? v->str.s : ""};
		size_t lens[2] = {m->map.v[i].klen, v->kind == TREE_STR ? v->str.len : 0};
		buf_printf(&b, "%s", i ? "," : "");
		for (int k = 0; k < 2; k++) {
			buf_printf(&b, "\"");
			for (size_t j = 0; j < lens[k]; j++) {
				unsigned char c = (unsigned char)parts[k][j];
				if (c == '"' || c == '\\')
					buf_printf(&b, "\\%c", c);
				else if (c < 0x20)
					buf_printf(&b, "\\u%04x", c);
				else
					buf_printf(&b, "%c", c);
			}
			buf_printf(&b, "\"%s", k ? "" : ":");
		}
	}
	buf_printf(&b, "}");
	char *out = arena_strndup(cx->a, b.data, b.len);
	buf_free(&b);
	return out;
}

/* Parses succeededIndexes as batch validateIndexesFormat does, in its
 * order; returns the number of indexes, or -1 with *why. */
static int64_t parse_indexes(struct job_ctx *cx, const char *s, int64_t completions,
                             const char **why)
{
	int64_t count = 0, last = -1;
	bool have_last = false;
	if (!*s)
		return 0;
	for (const char *p = s;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *dash = memchr(p, '-', n);
		if (dash && memchr(dash + 1, '-', n - (size_t)(dash + 1 - p))) {
			*why = arena_printf(cx->a, "the fragment \"%.*s\" violates the requirement that an "
			                           "index interval can have at most two parts separated by '-'",
			                    (int)n, p);
			return -1;
		}
		const char *parts[2] = {p, dash ? dash + 1 : NULL};
		size_t lens[2] = {dash ? (size_t)(dash - p) : n, dash ? n - (size_t)(dash + 1 - p) : 0};
		for (int k = 0; k < (dash ? 2 : 1); k++) {
			int64_t v;
			if (!parse_int32(parts[k], lens[k], &v)) {
				*why = arena_printf(cx->a, "cannot convert string to integer for index: \"%.*s\"",
				                    (int)lens[k], parts[k]);
				return -1;
			}
			if (v >= completions) {
				*why = arena_printf(cx->a, "too large index: \"%.*s\"", (int)lens[k], parts[k]);
				return -1;
			}
			if (have_last && last >= v) {
				*why = arena_printf(cx->a, "non-increasing order, previous: %" PRId64
				                           ", current: %" PRId64,
				                    last, v);
				return -1;
			}
			count += k ? v - last : 1;
			last = v;
			have_last = true;
		}
		if (!comma)
			return count;
		p = comma + 1;
	}
}

/* JOB108-JOB115: the failure rules (batch validatePodFailurePolicy):
 * restart = never, at most 20 rules, each with an action and one kind of
 * match, exit codes and pod conditions as Kubernetes takes them, a
 * container of the pod, and replace-pods when-failed. */
static void check_failure_rules(struct job_ctx *cx, const struct tree *spec)
{
	const struct tree *pfp = tree_get(spec, "podFailurePolicy");
	if (!pfp)
		return;
	const struct tree *rl = tree_get(pfp, "rules");
	const struct tree *restart = tree_path(spec, "template.spec.restartPolicy");
	if (!is_str(restart, "Never"))
		REP(JOB108, restart, "spec.template.spec.restartPolicy",
		    "Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is "
		    "specified",
		    "failure rules need restart = never: with on-failure the container restarts in place "
		    "and the pod never fails");
	if (rl && rl->list.n > 20)
		REP(JOB109, rl->list.v[20], "spec.podFailurePolicy.rules",
		    arena_printf(cx->a, "Too many: %u: must have at most 20 items", rl->list.n),
		    "a job has at most 20 failure rules; this is number 21 of %u", rl->list.n);
	for (uint32_t i = 0; rl && i < rl->list.n; i++) {
		const struct tree *r = rl->list.v[i];
		char *rp = arena_printf(cx->a, "spec.podFailurePolicy.rules[%u]", i);
		const struct tree *action = tree_get(r, "action");
		if (!action)
			REP(JOB110, r, arena_printf(cx->a, "%s.action", rp),
			    "Required value: valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
			    "this failure rule has no action: fail-job, fail-index, ignore or count");
		else if (is_str(action, "FailIndex") && !tree_get(spec, "backoffLimitPerIndex"))
			REP(JOB110, action, arena_printf(cx->a, "%s.action", rp),
			    "Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set",
			    "action fail-index needs retries-per-index");
		const struct tree *codes = tree_get(r, "onExitCodes");
		const struct tree *conds = tree_get(r, "onPodConditions");
		if (!codes && !conds)
			REP(JOB111, r, rp,
			    "Invalid value: specifying one of OnExitCodes and OnPodConditions is required",
			    "this failure rule matches nothing: give it exit-codes, exit-codes-not-in or "
			    "conditions");
		else if (codes && conds)
			REP(JOB111, conds, rp,
			    "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported",
			    "a failure rule matches exit codes or pod conditions, not both");
		if (codes) {
			const struct tree *vals = tree_get(codes, "values");
			bool in = is_str(tree_get(codes, "operator"), "In");
			char *vp = arena_printf(cx->a, "%s.onExitCodes.values", rp);
			if (!vals || vals->list.n == 0)
				REP(JOB112, vals ? vals : codes, vp,
				    "Invalid value: []: at least one value is required",
				    "the exit code list is empty");
			else if (vals->list.n > 255)
				REP(JOB112, vals, vp,
				    arena_printf(cx->a, "Too many: %u: must have at most 255 items", vals->list.n),
				    "a failure rule lists at most 255 exit codes, found %u", vals->list.n);
			/* as Kubernetes checks them: 0 and repeats value by value, the
			 * order once for the whole list */
			bool sorted = true;
			for (uint32_t k = 0; vals && vals->list.n <= 255 && k < vals->list.n; k++) {
				const struct tree *c = vals->list.v[k];
				if (in && c->i == 0)
					REP(JOB112, c, arena_printf(cx->a, "%s[%u]", vp, k),
					    "Invalid value: 0: must not be 0 for the In operator",
					    "exit code 0 is success: it cannot match a failure");
				bool seen = false;
				for (uint32_t j = 0; j < k && !seen; j++)
					seen = vals->list.v[j]->i == c->i;
				if (seen)
					REP(JOB112, c, arena_printf(cx->a, "%s[%u]", vp, k),
					    arena_printf(cx->a, "Duplicate value: %" PRId64, c->i),
					    "exit code %" PRId64 " is listed twice", c->i);
				if (k && c->i < vals->list.v[k - 1]->i)
					sorted = false;
			}
			if (!sorted) {
				struct buf list = BUF_INIT;
				for (uint32_t k = 0; k < vals->list.n; k++)
					buf_printf(&list, "%s%" PRId64, k ? "," : "", vals->list.v[k]->i);
				REP(JOB112, vals, vp,
				    arena_printf(cx->a, "Invalid value: [%s]: must be ordered", list.data),
				    "list the exit codes in increasing order");
				buf_free(&list);
			}
			const struct tree *cn = tree_get(codes, "containerName");
			if (cn && !pod_has_container(cx, cn->str.s, cn->str.len))
				REP(JOB113, cn, arena_printf(cx->a, "%s.onExitCodes.containerName", rp),
				    invalid(cx, cn, "must be one of the container or initContainer names in "
				                    "the pod template"),
				    "the pod has no container named '%.*s'", (int)cn->str.len, cn->str.s);
		}
		if (conds) {
			if (conds->list.n > 20)
				REP(JOB114, conds, arena_printf(cx->a, "%s.onPodConditions", rp),
				    arena_printf(cx->a, "Too many: %u: must have at most 20 items", conds->list.n),
				    "a failure rule matches at most 20 pod conditions, found %u", conds->list.n);
			for (uint32_t k = 0; k < conds->list.n; k++) {
				const struct tree *t = tree_get(conds->list.v[k], "type");
				const char *why;
				if (t && (why = k8s_qualified_name(t->str.s, t->str.len)))
					REP(JOB114, t, arena_printf(cx->a, "%s.onPodConditions[%u].type", rp, k),
					    invalid(cx, t, why), "invalid pod condition '%.*s'", (int)t->str.len,
					    t->str.s);
			}
		}
	}
	const struct tree *prp = tree_get(spec, "podReplacementPolicy");
	if (prp && !is_str(prp, "Failed"))
		REP(JOB115, prp, "spec.podReplacementPolicy",
		    "Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\"",
		    "with failure rules, replace-pods must be when-failed");
}

/* JOB116, JOB117: the success rules (batch validateSuccessPolicy): for
 * indexed jobs only, at most 20, each with indexes or a count, within
 * completions. */
static void check_success_rules(struct job_ctx *cx, const struct tree *spec, bool indexed)
{
	const struct tree *sp = tree_get(spec, "successPolicy");
	if (!sp)
		return;
	const struct tree *rl = tree_get(sp, "rules");
	if (!indexed) {
		REP(JOB116, sp, "spec.successPolicy", "Invalid value: requires indexed completion mode",
		    "success rules are only for indexed jobs (indexed = true)");
		return;
	}
	if (rl && rl->list.n > 20)
		REP(JOB116, rl->list.v[20], "spec.successPolicy.rules",
		    arena_printf(cx->a, "Too many: %u: must have at most 20 items", rl->list.n),
		    "a job has at most 20 success rules; this is number 21 of %u", rl->list.n);
	int64_t completions = -1;
	has_int(tree_get(spec, "completions"), &completions);
	for (uint32_t i = 0; rl && i < rl->list.n; i++) {
		const struct tree *r = rl->list.v[i];
		char *rp = arena_printf(cx->a, "spec.successPolicy.rules[%u]", i);
		const struct tree *idx = tree_get(r, "succeededIndexes");
		const struct tree *cnt = tree_get(r, "succeededCount");
		if (!idx && !cnt) {
			REP(JOB117, r, rp,
			    "Required value: at least one of succeededCount or succeededIndexes must be "
			    "specified",
			    "a success rule needs indexes or count");
			continue;
		}
		int64_t listed = -1;
		if (idx && completions >= 0) {
			const char *why = "";
			if (idx->str.len > 65536)
				REP(JOB117, idx, arena_printf(cx->a, "%s.succeededIndexes", rp),
				    "Too long: may not be more than 65536 bytes", "indexes is longer than 65536 bytes");
			else if ((listed = parse_indexes(cx, cstr(cx, idx), completions, &why)) < 0)
				REP(JOB117, idx, arena_printf(cx->a, "%s.succeededIndexes", rp),
				    invalid(cx, idx,
				            arena_printf(cx->a, "error parsing succeededIndexes: %s", why)),
				    "invalid indexes \"%.*s\": %s", (int)idx->str.len, idx->str.s, why);
		}
		int64_t c;
		if (has_int(cnt, &c) && completions >= 0 && c > completions)
			REP(JOB117, cnt, arena_printf(cx->a, "%s.succeededCount", rp),
			    arena_printf(cx->a, "Invalid value: %" PRId64 ": must be less than or equal to "
			                        "%" PRId64 " (the number of specified completions)",
			                 c, completions),
			    "count %" PRId64 " is more than completions (%" PRId64 ")", c, completions);
		else if (has_int(cnt, &c) && listed >= 0 && c > listed)
			REP(JOB117, cnt, arena_printf(cx->a, "%s.succeededCount", rp),
			    arena_printf(cx->a, "Invalid value: %" PRId64 ": must be less than or equal to "
			                        "%" PRId64 " (the number of indexes in the specified "
			                        "succeededIndexes field)",
			                 c, listed),
			    "count %" PRId64 " is more than the %" PRId64 " indexes listed", c, listed);
	}
}

/* JOB103-JOB107, JOB121, JOB806: completions, parallelism and the limits of
 * indexed jobs (batch ValidateJobSpec, ValidateJobTemplateSpec); JOB118:
 * managed-by; JOB119, JOB123: the selector.  The failure and success rules are
 * check_failure_rules' and check_success_rules'. */
void check_spec(struct job_ctx *cx)
{
	const struct tree *spec = tree_get(cx->obj, "spec");
	bool indexed = is_str(tree_get(spec, "completionMode"), "Indexed");
	const struct tree *comp = tree_get(spec, "completions"), *par = tree_get(spec, "parallelism");
	const struct tree *bpi = tree_get(spec, "backoffLimitPerIndex");
	const struct tree *mfi = tree_get(spec, "maxFailedIndexes");
	int64_t completions = -1, parallelism = -1, max_failed = -1;
	has_int(comp, &completions);
	has_int(par, &parallelism);
	has_int(mfi, &max_failed);
	const struct tree *mode = tree_get(spec, "completionMode");
	if (indexed) {
		if (!comp && cx->cron)
			REP(JOB806, mode, "spec.completions", "Required value: when completion mode is Indexed",
			    "an indexed scheduled job needs completions: CronJob templates get no defaults");
		else if (!comp && par)
			REP(JOB103, mode, "spec.completions", "Required value: when completion mode is Indexed",
			    "an indexed job with parallelism needs completions (the number of indexes)");
		if (parallelism > 100000)
			REP(JOB104, par, "spec.parallelism",
			    invalid(cx, par, "must be less than or equal to 100000 when completion mode is Indexed"),
			    "an indexed job runs at most 100000 pods at once");
		if (mfi && completions >= 0 && max_failed > completions)
			REP(JOB107, mfi, "spec.maxFailedIndexes",
			    invalid(cx, mfi, "must be less than or equal to completions"),
			    "max-failed-indexes (%" PRId64 ") is more than completions (%" PRId64 ")",
			    max_failed, completions);
		else if (mfi && max_failed > 100000)
			REP(JOB107, mfi, "spec.maxFailedIndexes",
			    invalid(cx, mfi, "must be less than or equal to 100000"),
			    "max-failed-indexes is at most 100000");
		if (bpi && completions > 100000) {
			if (!mfi)
				REP(JOB107, comp, "spec.maxFailedIndexes",
				    "Required value: must be specified when completions is above 100000",
				    "with more than 100000 completions and retries-per-index, set "
				    "max-failed-indexes (at most 10000)");
			else if (max_failed > 10000)
				REP(JOB107, mfi, "spec.maxFailedIndexes",
				    invalid(cx, mfi, "must be less than or equal to 10000 when completions are "
				                     "above 100000 and used with backoff limit per index"),
				    "with more than 100000 completions, max-failed-indexes is at most 10000");
			if (parallelism > 10000)
				REP(JOB107, par, "spec.parallelism",
				    invalid(cx, par, "must be less than or equal to 10000 when completions are "
				                     "above 100000 and used with backoff limit per index"),
				    "with more than 100000 completions and retries-per-index, parallelism is at "
				    "most 10000");
		}
		if (completions > 100000 && parallelism > 10000)
			REP(JOB121, par, "spec",
			    "In Indexed Jobs with a number of completions higher than 10^5 and a parallelism "
			    "higher than 10^4, Kubernetes might not be able to track completedIndexes when a "
			    "big number of indexes fail",
			    "with more than 100000 completions and parallelism above 10000, Kubernetes may "
			    "not track failed indexes");
	} else {
		if (bpi)
			REP(JOB105, bpi, "spec.backoffLimitPerIndex",
			    invalid(cx, bpi, "requires indexed completion mode"),
			    "retries-per-index needs an indexed job (indexed = true)");
		if (mfi)
			REP(JOB105, mfi, "spec.maxFailedIndexes",
			    invalid(cx, mfi, "requires indexed completion mode"),
			    "max-failed-indexes needs an indexed job (indexed = true)");
	}
	if (mfi && !bpi)
		REP(JOB106, mfi, "spec.backoffLimitPerIndex",
		    "Required value: when maxFailedIndexes is specified",
		    "max-failed-indexes needs retries-per-index");
	check_failure_rules(cx, spec);
	check_success_rules(cx, spec, indexed);
	const struct tree *mb = tree_get(spec, "managedBy");
	const char *why;
	if (mb && mb->str.len == 0)
		REP(JOB118, mb, "spec.managedBy", "Required value", "managed-by is empty");
	else if (mb && mb->str.len > 63)
		REP(JOB118, mb, "spec.managedBy", "Too long: may not be more than 63 bytes",
		    "managed-by is longer than 63 bytes");
	else if (mb && (why = k8s_domain_path(mb->str.s, mb->str.len))) {
		/* the bad part is the value Kubernetes shows: the host, or the path */
		const char *slash = memchr(mb->str.s, '/', mb->str.len);
		size_t host = slash ? (size_t)(slash - mb->str.s) : 0;
		bool whole = !slash || !host || host + 1 == mb->str.len;
		bool in_host = !whole && k8s_dns_subdomain(mb->str.s, host);
		const char *shown = whole ? cstr(cx, mb)
		                    : in_host ? arena_strndup(cx->a, mb->str.s, host)
		                              : arena_strndup(cx->a, slash + 1, mb->str.len - host - 1);
		REP(JOB118, mb, "spec.managedBy",
		    arena_printf(cx->a, "Invalid value: \"%s\": %s", shown, why),
		    "managed-by names a controller as domain/path, such as kueue.x-k8s.io/multikueue");
	}
	const struct tree *whole = tree_get(spec, "selector");
	const struct tree *sel = tree_path(spec, "selector.matchLabels");
	const struct tree *manual = tree_get(spec, "manualSelector");
	bool is_manual = manual && manual->b;
	const char *sel_json =
		sel ? arena_printf(cx->a, "{\"matchLabels\":%s}", json_map(cx, sel))
		    : whole ? "{\"matchExpressions\":[...]}" : NULL;
	const struct tree *at = sel ? sel : whole;
	if (cx->cron && (whole || is_manual)) {
		REP(JOB119, whole ? at : manual, whole ? "spec.selector" : "spec.manualSelector",
		    whole ? arena_printf(cx->a, "Invalid value: %s: `selector` will be auto-generated",
		                         sel_json)
		          : "Unsupported value: true: supported values: \"nil\", \"false\"",
		    "a scheduled job cannot set %s: Kubernetes generates the selector of each Job",
		    whole ? "selector" : "manual-selector");
	} else if (whole && !is_manual) {
		REP(JOB119, at, "spec.selector",
		    arena_printf(cx->a, "Invalid value: %s: `selector` not auto-generated", sel_json),
		    "selector needs manual-selector = true (or leave both out: Kubernetes selects the "
		    "Job's own pods)");
	} else if (is_manual && !whole) {
		REP(JOB119, manual, "spec.selector", "Required value",
		    "manual-selector needs a selector");
	} else if (is_manual) {
		unsigned before = cx->d->errors;
		if (sel)
			check_label_map(cx, sel, "spec.selector.matchLabels", "selector", false);
		/* LabelSelectorAsSelector fails on a bad key or value of
		 * matchLabels, or a bad expression: nothing to match */
		if (!check_label_selector(cx, whole, "spec.selector") || cx->d->errors != before)
			return;
		const struct tree *pl = tree_path(spec, "template.metadata.labels");
		for (uint32_t i = 0; sel && i < sel->map.n; i++) {
			const struct tree *v = sel->map.v[i].value, *have = tree_get(pl, sel->map.v[i].key);
			if (!have || !tree_equal(have, v)) {
				report(cx, R_JOB119, key_span(cx, sel, i), node_value(v),
				       "spec.template.metadata.labels",
				       arena_printf(cx->a, "Invalid value: %s: `selector` does not match template "
				                           "`labels`",
				                    json_map(cx, pl)),
				       "the selector %s=%.*s matches none of the pods' labels", sel->map.v[i].key,
				       v->kind == TREE_STR ? (int)v->str.len : 0, v->kind == TREE_STR ? v->str.s : "");
				return;
			}
		}
		if (!selector_matches(whole, pl))
			REP(JOB119, tree_get(whole, "matchExpressions"), "spec.template.metadata.labels",
			    arena_printf(cx->a, "Invalid value: %s: `selector` does not match template "
			                        "`labels`",
			                 json_map(cx, pl)),
			    "the selector's expressions match none of the pods' labels");
	}
}
