/* check_env.c - the rules of rules.def's JOB4xx group: a container's
 * environment (names, field and resource references, secret and
 * configmap keys, env files, env-from).
 */
#include "check_internal.h"
#include "fields.h"
#include "names.h"

/* JOB403: a valueFrom (at ep) has one source, and no value beside it
 * (core validateEnvVarValueFrom); env { X = { valueFrom = {...} } } can
 * say more or less.  A fileKeyRef is a source from Kubernetes 1.35; before,
 * the API server drops it (JOB122, check_file_ref). */
static void check_env_sources(struct job_ctx *cx, const struct tree *e, const char *ep)
{
	const struct tree *from = tree_get(e, "valueFrom"), *val = tree_get(e, "value");
	static const char *const kinds[] = {"fieldRef", "resourceFieldRef", "configMapKeyRef",
	                                    "secretKeyRef"};
	bool files = cx->opt->kube_version >= ENV_FILES_SINCE;
	bool file = tree_get(from, "fileKeyRef") != NULL;
	unsigned n = file && files;
	for (size_t k = 0; from && k < sizeof kinds / sizeof *kinds; k++)
		n += tree_get(from, kinds[k]) != NULL;
	const char *k8s = !from || (!n && file) ? NULL
	                  : !n ? k8s_env_no_source(cx->opt->kube_version)
	                  : val && val->kind == TREE_STR && val->str.len
	                      ? "may not be specified when `value` is not empty"
	                  : n > 1 ? "may not have more than one field specified at a time" : NULL;
	if (k8s)
		REP(JOB403, from, arena_printf(cx->a, "%s.valueFrom", ep),
		    arena_printf(cx->a, "Invalid value: \"\": %s", k8s),
		    "%s", !n ? arena_printf(cx->a, "valueFrom names no source: fieldRef, "
		                                   "resourceFieldRef, configMapKeyRef%s secretKeyRef%s",
		                            files ? "," : " or", files ? " or fileKeyRef" : "")
		          : n > 1 ? "valueFrom names more than one source: keep one"
		                  : "an environment variable has a value or a valueFrom, not both");
}

/* JOB122, JOB406, JOB407: the fileKeyRef of env item e (at ep), if it has
 * one.  Before Kubernetes 1.35 the EnvFiles feature is off by default
 * (alpha in 1.34, unknown before): the API server drops the fileKeyRef
 * (pod util dropFileKeyRefInUse) and refuses the valueFrom left with no
 * source (JOB122).  Its key is an environment variable name, its
 * volumeName a DNS label, its path without a '..' step, all three needed
 * (core validateFileKeySelector: JOB406); the volume is one of the pod's,
 * an emptyDir (core validateFileKeyRefVolumes: JOB407). */
static void check_file_ref(struct job_ctx *cx, const struct tree *e, const char *ep,
                           const struct tree *volumes)
{
	const struct tree *ref = tree_path(e, "valueFrom.fileKeyRef");
	if (!ref || ref->kind != TREE_MAP)
		return;
	int have = cx->opt->kube_version;
	char *rp = arena_printf(cx->a, "%s.valueFrom.fileKeyRef", ep);
	if (have < ENV_FILES_SINCE) {
		/* dropped: the valueFrom is refused if nothing else is left in it */
		bool alone = tree_path(e, "valueFrom")->map.n == 1;
		REP(JOB122, ref, alone ? arena_printf(cx->a, "%s.valueFrom", ep) : rp,
		    alone ? arena_printf(cx->a, "Invalid value: \"\": %s", k8s_env_no_source(have))
		          : NULL,
		    "fileKeyRef needs Kubernetes 1.35 or newer (the EnvFiles feature, off by default "
		    "before); the target is %d.%d (--kube-version)",
		    have / 100, have % 100);
		return;
	}
	const struct tree *key = tree_get(ref, "key"), *vn = tree_get(ref, "volumeName");
	const struct tree *path = tree_get(ref, "path");
	const char *why;
	if (is_str(key, ""))
		REP(JOB406, key, arena_printf(cx->a, "%s.key", rp), "Required value",
		    "fileKeyRef needs the key to read from the env file");
	else if (key && key->kind == TREE_STR && (why = k8s_env_name_relaxed(key->str.s, key->str.len)))
		REP(JOB406, key, arena_printf(cx->a, "%s.key", rp), invalid(cx, key, why),
		    "invalid fileKeyRef key '%s': a key is an environment variable name",
		    escaped(cx, key->str.s, key->str.len));
	bool named = vn && vn->kind == TREE_STR && vn->str.len;
	if (is_str(vn, ""))
		REP(JOB406, vn, arena_printf(cx->a, "%s.volumeName", rp), "Required value",
		    "fileKeyRef needs the name of the pod's empty-dir volume that holds the env file");
	else if (named && (why = k8s_dns_label(vn->str.s, vn->str.len)))
		REP(JOB406, vn, arena_printf(cx->a, "%s.volumeName", rp), invalid(cx, vn, why),
		    "invalid volume name '%s' in fileKeyRef", escaped(cx, vn->str.s, vn->str.len));
	if (is_str(path, ""))
		REP(JOB406, path, arena_printf(cx->a, "%s.path", rp), "Required value",
		    "fileKeyRef needs the path of the env file in its volume");
	else if (path_backsteps(path))
		REP(JOB406, path, arena_printf(cx->a, "%s.path", rp),
		    invalid(cx, path, "must not contain '..'"),
		    "fileKeyRef path '%s' steps out of its volume with '..'",
		    escaped(cx, path->str.s, path->str.len));
	if (!named)
		return;
	const struct tree *vol = NULL;
	for (uint32_t k = 0; volumes && k < volumes->list.n && !vol; k++)
		if (same(tree_get(volumes->list.v[k], "name"), vn))
			vol = volumes->list.v[k];
	const char *name = escaped(cx, vn->str.s, vn->str.len);
	if (!vol)
		REP(JOB407, vn, arena_printf(cx->a, "%s.volumeName", rp),
		    arena_printf(cx->a, "Not found: \"%s\"", name),
		    "the pod has no volume '%s': add volume %s { empty-dir = true }, and an init "
		    "container that writes the env file into it", name, name);
	else if (!tree_get(vol, "emptyDir"))
		REP(JOB407, vn, arena_printf(cx->a, "%s.volumeName", rp),
		    invalid(cx, vn, "referenced volume must be of type emptyDir"),
		    "volume '%s' is not an empty dir: fileKeyRef reads env files only from an "
		    "empty-dir volume (empty-dir = true), which an init container fills", name);
}

/* JOB401-JOB407: the environment of container c at cp: variable names
 * (relaxed from Kubernetes 1.32), field and resource references (JOB402,
 * JOB405: check_refs.c), secret and configmap references (JOB403, and
 * check_env_sources), env files in the pod's volumes (JOB406, JOB407,
 * check_file_ref), env-from names and prefixes (core ValidateEnv,
 * validateEnvFrom). */
void check_env(struct job_ctx *cx, const struct tree *c, const char *cp,
               const struct tree *volumes)
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
		check_file_ref(cx, e, ep, volumes);
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
