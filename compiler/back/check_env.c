/* check_env.c - the rules of rules.def's JOB4xx group: a container's
 * environment (names, field and resource references, secret and
 * configmap keys, env-from).
 */
#include "check_internal.h"
#include "names.h"

/* JOB403: a valueFrom (at ep) has one source, and no value beside it
 * (core validateEnvVarValueFrom); env { X = { valueFrom = {...} } } can
 * say more or less. */
static void check_env_sources(struct job_ctx *cx, const struct tree *e, const char *ep)
{
	const struct tree *from = tree_get(e, "valueFrom"), *val = tree_get(e, "value");
	static const char *const kinds[] = {"fieldRef", "resourceFieldRef", "configMapKeyRef",
	                                    "secretKeyRef", "fileKeyRef"};
	unsigned n = 0;
	for (size_t k = 0; from && k < sizeof kinds / sizeof *kinds; k++)
		n += tree_get(from, kinds[k]) != NULL;
	const char *k8s = !from ? NULL
	                  : !n ? "must specify one of: `fieldRef`, `resourceFieldRef`, "
	                         "`configMapKeyRef` or `secretKeyRef`"
	                  : val && val->kind == TREE_STR && val->str.len
	                      ? "may not be specified when `value` is not empty"
	                  : n > 1 ? "may not have more than one field specified at a time" : NULL;
	if (k8s)
		REP(JOB403, from, arena_printf(cx->a, "%s.valueFrom", ep),
		    arena_printf(cx->a, "Invalid value: \"\": %s", k8s),
		    !n ? "valueFrom names no source: fieldRef, resourceFieldRef, configMapKeyRef or "
		         "secretKeyRef"
		    : n > 1 ? "valueFrom names more than one source: keep one"
		            : "an environment variable has a value or a valueFrom, not both");
}

/* JOB401-JOB405: the environment of container c at cp: variable names
 * (relaxed from Kubernetes 1.32), field and resource references (JOB402,
 * JOB405: check_refs.c), secret and configmap references (JOB403, and
 * check_env_sources), env-from names and prefixes (core ValidateEnv,
 * validateEnvFrom). */
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
		check_env_sources(cx, e, ep);
		const struct tree *fr = tree_path(e, "valueFrom.fieldRef.fieldPath");
		if (fr)
			check_field_ref(cx, R_JOB402, fr, arena_printf(cx->a, "%s.valueFrom.fieldRef", ep),
			                false);
		const struct tree *rf = tree_path(e, "valueFrom.resourceFieldRef");
		if (rf)
			check_resource_ref(cx, R_JOB405, rf, arena_printf(cx->a, "%s.valueFrom.resourceFieldRef", ep),
			                   false);
		static const char *const refs[] = {"secretKeyRef", "configMapKeyRef"};
		for (size_t k = 0; k < 2; k++) {
			const struct tree *ref = tree_path(e, arena_printf(cx->a, "valueFrom.%s", refs[k]));
			if (!ref)
				continue;
			const char *fn = k ? "configmap" : "secret";
			const struct tree *rn = tree_get(ref, "name"), *rk = tree_get(ref, "key");
			char *rp = arena_printf(cx->a, "%s.valueFrom.%s", ep, refs[k]);
			if (!rn) /* a name of "" (validateSecretKeySelector, validateConfigMapKeySelector) */
				REP(JOB403, ref, arena_printf(cx->a, "%s.name", rp),
				    arena_printf(cx->a, "Invalid value: \"\": %s", k8s_dns_subdomain("", 0)),
				    "a %s reference needs the name of its %s", fn, k ? "ConfigMap" : "Secret");
			else if ((why = k8s_dns_subdomain(rn->str.s, rn->str.len)))
				REP(JOB403, rn, arena_printf(cx->a, "%s.name", rp), invalid(cx, rn, why),
				    "invalid %s name '%.*s'", fn, (int)rn->str.len, rn->str.s);
			if (!rk && rn)
				REP(JOB403, rn, arena_printf(cx->a, "%s.key", rp), "Required value",
				    "%s(\"%.*s\") in env needs the key to read: %s(\"%.*s\", \"key\")", fn,
				    (int)rn->str.len, rn->str.s, fn, (int)rn->str.len, rn->str.s);
			else if (rk && (why = k8s_config_key(rk->str.s, rk->str.len)))
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
