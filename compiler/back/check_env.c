/* check_env.c - the rules of rules.def's JOB4xx group: a container's
 * environment (names, field and resource references, secret and
 * configmap keys, env-from).
 */
#include "check_internal.h"
#include "names.h"
#include "units.h"

static bool field_path_ok(const char *p)
{
	static const char *const fixed[] = {
		"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
		"spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
		"status.podIPs",
	};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (!strcmp(p, fixed[i]))
			return true;
	static const char *const subscripts[] = {"metadata.labels['", "metadata.annotations['"};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(subscripts[i]), len = strlen(p);
		if (!strncmp(p, subscripts[i], n) && len > n + 2 && !strcmp(p + len - 2, "']"))
			return true;
	}
	return false;
}

/* A subscripted field path p['key'] (fieldpath.SplitMaybeSubscriptedPath):
 * returns the key, or NULL when p has none.  *keyed says whether p is one
 * that takes a key (metadata.labels, metadata.annotations); then *why is
 * set when the key is not a qualified name (an annotation key is checked
 * lower-cased, and returned so). */
static char *field_subscript(struct job_ctx *cx, const char *p, bool *keyed, const char **why)
{
	size_t len = strlen(p);
	*why = NULL;
	*keyed = false;
	if (len < 2 || strcmp(p + len - 2, "']"))
		return NULL;
	const char *open = strstr(p, "['");
	if (!open || open == p || open + 2 > p + len - 2)
		return NULL;
	size_t plen = (size_t)(open - p);
	char *key = arena_strndup(cx->a, open + 2, (size_t)(p + len - 2 - (open + 2)));
	bool labels = plen == 15 && !strncmp(p, "metadata.labels", plen);
	bool annotations = plen == 20 && !strncmp(p, "metadata.annotations", plen);
	if (annotations)
		for (char *c = key; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
	if (labels || annotations) {
		*keyed = true;
		*why = k8s_qualified_name(key, strlen(key));
	}
	return key;
}

/* Field labels Kubernetes can convert (ConvertDownwardAPIFieldLabel), of
 * which only some are supported for env. */
static bool field_label_known(const char *p)
{
	static const char *const known[] = {
		"metadata.annotations", "metadata.labels", "spec.restartPolicy", "spec.schedulerName",
		"status.phase",
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (!strcmp(p, known[i]))
			return true;
	return false;
}

/* JOB405: resource(name, divisor, container) in env: a request or limit a
 * container has, a divisor that resource allows, a container of the pod
 * (core validateContainerResourceFieldSelector,
 * validateContainerResourceDivisor). */
static void check_resource_ref(struct job_ctx *cx, const struct tree *rf, const char *rp)
{
	static const char *const plain[] = {"limits.cpu",     "limits.memory",
	                                    "limits.ephemeral-storage", "requests.cpu",
	                                    "requests.memory", "requests.ephemeral-storage"};
	const struct tree *res = tree_get(rf, "resource");
	const char *r = cstr(cx, res);
	bool known = false;
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		known |= !strcmp(r, plain[i]);
	known |= !strncmp(r, "limits.hugepages-", 17) || !strncmp(r, "requests.hugepages-", 19);
	if (!*r) {
		REP(JOB405, res, arena_join(cx->a, rp, '.', "resource"), "Required value",
		    "resource() needs the name of a request or limit, such as \"limits.cpu\"");
		return;
	}
	if (!known) {
		REP(JOB405, res, arena_join(cx->a, rp, '.', "resource"),
		    arena_printf(cx->a, "Unsupported value: \"%s\": supported values: "
		                        "\"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", "
		                        "\"requests.cpu\", \"requests.ephemeral-storage\", "
		                        "\"requests.memory\"",
		                 r),
		    "resource(\"%s\"): a container gives limits.cpu, limits.memory, "
		    "limits.ephemeral-storage, their requests.*, or hugepages",
		    r);
		return;
	}
	const struct tree *div = tree_get(rf, "divisor");
	if (div) {
		struct quantity q;
		const char *why;
		char canon[64] = "";
		bool ok = quantity_parse(div->str.s, div->str.len, &q, &why);
		if (ok)
			quantity_format(&q, canon, sizeof canon);
		bool cpu = strstr(r, ".cpu") != NULL;
		static const char *const cpu_ok[] = {"1m", "1"};
		static const char *const mem_ok[] = {"1",  "1k", "1M", "1G",  "1T",  "1P",  "1E",
		                                     "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"};
		bool valid = false;
		for (size_t i = 0; ok && i < (cpu ? 2 : 13); i++)
			valid |= !strcmp(canon, cpu ? cpu_ok[i] : mem_ok[i]);
		if (!valid)
			REP(JOB405, div, arena_join(cx->a, rp, '.', "divisor"),
			    arena_printf(cx->a, "Invalid value: \"%.*s\": only divisor's values %s are "
			                        "supported with the %s resource",
			                 (int)div->str.len, div->str.s,
			                 cpu ? "1m and 1" : "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei",
			                 cpu ? "cpu" : "memory"),
			    "the divisor of resource(\"%s\") is %s, not %.*s", r,
			    cpu ? "1m or 1" : "1, 1k ... 1E or 1Ki ... 1Ei", (int)div->str.len, div->str.s);
	}
	const struct tree *cn = tree_get(rf, "containerName");
	if (cn && !pod_has_container(cx, cn->str.s, cn->str.len))
		REP(JOB405, cn, arena_join(cx->a, rp, '.', "containerName"), NULL,
		    "resource(\"%s\", ..., \"%.*s\"): the pod has no container '%.*s'", r,
		    (int)cn->str.len, cn->str.s, (int)cn->str.len, cn->str.s);
}

/* JOB401-JOB404: the environment of container c at cp: variable names
 * (relaxed from Kubernetes 1.32), field paths, secret and configmap
 * references, env-from names and prefixes (core ValidateEnv,
 * validateEnvFrom); JOB405 is check_resource_ref's. */
void check_env(struct job_ctx *cx, const struct tree *c, const char *cp)
{
	const struct tree *env = tree_get(c, "env");
	bool strict = cx->opt->kube_version < 132;
	const char *why;
	for (uint32_t i = 0; env && i < env->list.n; i++) {
		const struct tree *e = env->list.v[i];
		const struct tree *name = tree_get(e, "name");
		char *ep = arena_printf(cx->a, "%s.env[%u]", cp, i);
		why = strict ? k8s_env_name_strict(name->str.s, name->str.len)
		             : k8s_env_name_relaxed(name->str.s, name->str.len);
		if (name->str.len == 0)
			REP(JOB401, name, arena_printf(cx->a, "%s.name", ep), "Required value",
			    "an environment variable needs a name");
		else if (why)
			REP(JOB401, name, arena_printf(cx->a, "%s.name", ep), invalid(cx, name, why),
			    "invalid environment variable name '%.*s'%s", (int)name->str.len, name->str.s,
			    strict ? " (before Kubernetes 1.32)" : "");
		const struct tree *fr = tree_path(e, "valueFrom.fieldRef.fieldPath");
		bool keyed = false;
		char *key = fr ? field_subscript(cx, cstr(cx, fr), &keyed, &why) : NULL;
		if (key && !keyed)
			REP(JOB402, fr, arena_printf(cx->a, "%s.valueFrom.fieldRef.fieldPath", ep),
			    invalid(cx, fr, arena_printf(cx->a, "error converting fieldPath: field label "
			                                        "does not support subscript: %.*s",
			                                 (int)fr->str.len, fr->str.s)),
			    "field(\"%.*s\"): only metadata.labels and metadata.annotations take a ['key']",
			    (int)fr->str.len, fr->str.s);
		else if (key && why)
			REP(JOB402, fr, arena_printf(cx->a, "%s.valueFrom.fieldRef", ep),
			    arena_printf(cx->a, "Invalid value: \"%s\": %s", key, why),
			    "field(\"%.*s\"): '%s' is not a valid %s key", (int)fr->str.len, fr->str.s, key,
			    !strncmp(fr->str.s, "metadata.labels", 15) ? "label" : "annotation");
		else if (fr && !key && !field_path_ok(cstr(cx, fr)))
			REP(JOB402, fr, arena_printf(cx->a, "%s.valueFrom.fieldRef.fieldPath", ep),
			    field_label_known(cstr(cx, fr))
			        ? arena_printf(cx->a, "Unsupported value: \"%.*s\": supported values: "
			                              "\"metadata.annotations\", \"metadata.labels\", "
			                              "\"metadata.name\", \"metadata.namespace\", "
			                              "\"metadata.uid\", \"spec.nodeName\", "
			                              "\"spec.serviceAccountName\", \"status.hostIP\", "
			                              "\"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
			                       (int)fr->str.len, fr->str.s)
			        : invalid(cx, fr, arena_printf(cx->a, "error converting fieldPath: field "
			                                              "label not supported: %.*s",
			                                       (int)fr->str.len, fr->str.s)),
			    "field(\"%.*s\") is not a pod field the kubelet can give: use metadata.name, "
			    "metadata.namespace, metadata.uid, metadata.labels['key'], "
			    "metadata.annotations['key'], spec.nodeName, spec.serviceAccountName, "
			    "status.hostIP(s) or status.podIP(s)",
			    (int)fr->str.len, fr->str.s);
		const struct tree *rf = tree_path(e, "valueFrom.resourceFieldRef");
		if (rf)
			check_resource_ref(cx, rf, arena_join(cx->a, ep, '.', "valueFrom.resourceFieldRef"));
		static const char *const refs[] = {"secretKeyRef", "configMapKeyRef"};
		for (size_t k = 0; k < 2; k++) {
			const struct tree *ref = tree_path(e, arena_printf(cx->a, "valueFrom.%s", refs[k]));
			if (!ref)
				continue;
			const char *fn = k ? "configmap" : "secret";
			const struct tree *rn = tree_get(ref, "name"), *rk = tree_get(ref, "key");
			char *rp = arena_printf(cx->a, "%s.valueFrom.%s", ep, refs[k]);
			if ((why = k8s_dns_subdomain(rn->str.s, rn->str.len)))
				REP(JOB403, rn, arena_printf(cx->a, "%s.name", rp), invalid(cx, rn, why),
				    "invalid %s name '%.*s'", fn, (int)rn->str.len, rn->str.s);
			if (!rk)
				REP(JOB403, rn, arena_printf(cx->a, "%s.key", rp), "Required value",
				    "%s(\"%.*s\") in env needs the key to read: %s(\"%.*s\", \"key\")", fn,
				    (int)rn->str.len, rn->str.s, fn, (int)rn->str.len, rn->str.s);
			else if ((why = k8s_config_key(rk->str.s, rk->str.len)))
				REP(JOB403, rk, arena_printf(cx->a, "%s.key", rp), invalid(cx, rk, why),
				    "invalid %s key '%.*s'", fn, (int)rk->str.len, rk->str.s);
		}
	}
	const struct tree *ef = tree_get(c, "envFrom");
	for (uint32_t i = 0; ef && i < ef->list.n; i++) {
		const struct tree *e = ef->list.v[i];
		char *ep = arena_printf(cx->a, "%s.envFrom[%u]", cp, i);
		const struct tree *ref = tree_get(e, "secretRef");
		if (!ref)
			ref = tree_get(e, "configMapRef");
		const struct tree *rn = tree_get(ref, "name");
		if (rn && (why = k8s_dns_subdomain(rn->str.s, rn->str.len)))
			REP(JOB404, rn, arena_printf(cx->a, "%s.name", ep), invalid(cx, rn, why),
			    "invalid name '%.*s' in env-from", (int)rn->str.len, rn->str.s);
		const struct tree *pre = tree_get(e, "prefix");
		if (pre && (why = strict ? k8s_env_name_strict(pre->str.s, pre->str.len)
		                         : k8s_env_name_relaxed(pre->str.s, pre->str.len)))
			REP(JOB404, pre, arena_printf(cx->a, "%s.prefix", ep), invalid(cx, pre, why),
			    "invalid env-from prefix '%.*s'", (int)pre->str.len, pre->str.s);
	}
}
