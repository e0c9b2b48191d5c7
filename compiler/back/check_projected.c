/* check_projected.c - the rules of rules.def's JOB7xx group about the
 * files a volume lists one by one: the items of a ConfigMap or Secret, a
 * downward-api volume's files, and a projected volume's sources
 * (ConfigMaps, Secrets, service account tokens, downward-api files), which
 * share one folder.  check_volumes (check_volumes.c) runs them for each
 * volume.
 */
#include "check_internal.h"
#include "names.h"

/* JOB703: the items of a ConfigMap or Secret source at path: each a key of
 * the config-key form, a path relative, without '..' and not starting with
 * '..', a mode 0 to 0o777 (core validateKeyToPath). */
void check_key_items(struct job_ctx *cx, const struct tree *items, const char *base)
{
	const char *why;
	for (uint32_t j = 0; items && items->kind == TREE_LIST && j < items->list.n; j++) {
		const struct tree *key = tree_get(items->list.v[j], "key");
		const struct tree *path = tree_get(items->list.v[j], "path");
		const struct tree *mode = tree_get(items->list.v[j], "mode");
		if (!key || key->kind != TREE_STR || !path || path->kind != TREE_STR)
			continue; /* written as Kubernetes writes it: its type check reports this */
		char *ip = arena_printf(cx->a, "%s[%u]", base, j);
		if ((why = k8s_config_key(key->str.s, key->str.len)))
			REP(JOB703, key, arena_printf(cx->a, "%s.key", ip), invalid(cx, key, why),
			    "invalid key '%.*s'", (int)key->str.len, key->str.s);
		if (mode && mode->kind == TREE_INT && (mode->i < 0 || mode->i > 0777))
			REP(JOB703, mode, arena_printf(cx->a, "%s.mode", ip),
			    invalid(cx, mode, "must be a number between 0 and 0777 (octal), both inclusive"),
			    "the mode of item '%.*s' must be 0 to 0o777", (int)key->str.len, key->str.s);
		bool dot_start;
		const char *pwhy = local_path(path, &dot_start);
		if (path->str.len == 0)
			REP(JOB703, path, arena_printf(cx->a, "%s.path", ip), "Required value",
			    "item '%.*s' needs the path of its file", (int)key->str.len, key->str.s);
		else if (pwhy && dot_start)
			REP(JOB703, path, arena_printf(cx->a, "%s.path", ip), invalid(cx, path, pwhy),
			    "item path '%.*s' must not start with '..': the kubelet keeps its own "
			    "..data entries in the volume",
			    (int)path->str.len, path->str.s);
		else if (pwhy)
			REP(JOB703, path, arena_printf(cx->a, "%s.path", ip), invalid(cx, path, pwhy),
			    "item path '%.*s' must be a relative path without '..'",
			    (int)path->str.len, path->str.s);
	}
}

/* JOB714: the downward-api files of the list files, which the API server
 * calls at path: each a path, relative, without '..' and not starting with
 * '..'; a field() of the pod a file may hold or a resource() of a named
 * container, not both; a mode 0 to 0o777 (core
 * validateDownwardAPIVolumeFile). */
static void check_files(struct job_ctx *cx, const struct tree *files, const char *path)
{
	for (uint32_t i = 0; files && files->kind == TREE_LIST && i < files->list.n; i++) {
		const struct tree *f = files->list.v[i];
		const struct tree *p = tree_get(f, "path"), *mode = tree_get(f, "mode");
		const struct tree *fr = tree_get(f, "fieldRef"), *rf = tree_get(f, "resourceFieldRef");
		bool dot_start;
		const char *why = p ? local_path(p, &dot_start) : NULL;
		if (!p || !p->str.len)
			REP(JOB714, p ? p : f, arena_printf(cx->a, "%s.path", path), "Required value",
			    "a downward-api file needs its path");
		else if (why)
			REP(JOB714, p, arena_printf(cx->a, "%s.path", path), invalid(cx, p, why),
			    "downward-api file '%.*s' %s", (int)p->str.len, p->str.s,
			    dot_start ? "must not start with '..': the kubelet keeps its own ..data entries "
			                "in the volume"
			              : "must be a relative path without '..'");
		if (fr && rf)
			REP(JOB714, rf, path,
			    "Invalid value: \"resource\": fieldRef and resourceFieldRef can not be specified "
			    "simultaneously",
			    "a downward-api file holds a field() or a resource(), not both");
		else if (fr && tree_get(fr, "fieldPath"))
			check_field_ref(cx, R_JOB714, tree_get(fr, "fieldPath"),
			                arena_printf(cx->a, "%s.fieldRef", path), true);
		else if (rf)
			check_resource_ref(cx, R_JOB714, rf, arena_printf(cx->a, "%s.resourceFieldRef", path),
			                   true);
		else if (!fr)
			REP(JOB714, f, path, "Required value: one of fieldRef and resourceFieldRef is required",
			    "a downward-api file holds a field() or a resource()");
		if (mode && mode->kind == TREE_INT && (mode->i < 0 || mode->i > 0777))
			REP(JOB714, mode, arena_printf(cx->a, "%s.mode", path),
			    invalid(cx, mode, "must be a number between 0 and 0777 (octal), both inclusive"),
			    "the mode of a downward-api file must be 0 to 0o777");
	}
}

/* JOB716: path p of a projected volume (the file of source at sp) is one
 * no other source writes: seen holds the paths so far (core
 * validateProjectionSources: conflicting duplicate paths). */
static void unique_path(struct job_ctx *cx, const struct tree *p, const struct tree *said,
                        const char *path, const struct tree **seen, unsigned *nseen)
{
	if (!p || p->kind != TREE_STR || !p->str.len)
		return;
	for (unsigned k = 0; k < *nseen; k++)
		if (same(seen[k], p)) {
			REP(JOB716, p, path, invalid(cx, said, "conflicting duplicate paths"),
			    "two sources of this projected volume write the file '%.*s'", (int)p->str.len,
			    p->str.s);
			return;
		}
	if (*nseen < 256)
		seen[(*nseen)++] = p;
}

/* JOB703, JOB715-JOB717: the sources of a projected volume v at vp: one kind
 * each; a ConfigMap or Secret named, its items well formed (JOB703:
 * check_key_items); the files' paths unique (unique_path); a token's path
 * set and local, its expiration 10 minutes to 2^32 seconds (core
 * validateProjectionSources). */
static void check_projection(struct job_ctx *cx, const struct tree *v, const char *vp)
{
	const struct tree *srcs = tree_path(v, "projected.sources");
	const char *pp = arena_printf(cx->a, "%s.projected", vp), *why;
	const struct tree *seen[256];
	unsigned nseen = 0;
	static const char *const kinds[] = {"secret", "configMap", "downwardAPI", "serviceAccountToken",
	                                    "clusterTrustBundle", "podCertificate"};
	for (uint32_t i = 0; srcs && srcs->kind == TREE_LIST && i < srcs->list.n; i++) {
		const struct tree *s = srcs->list.v[i];
		const char *sp = arena_printf(cx->a, "%s.sources[%u]", pp, i);
		unsigned n = 0;
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
			if (tree_get(s, kinds[k]) && n++)
				REP(JOB715, tree_get(s, kinds[k]), sp,
				    "Forbidden: may not specify more than 1 volume type per source",
				    "a source of a projected volume has one kind; write another source { } for "
				    "the %s", kinds[k]);
		for (size_t k = 0; k < 2; k++) {
			const struct tree *o = tree_get(s, kinds[k]);
			if (!o)
				continue;
			const char *op = arena_printf(cx->a, "%s.%s", sp, kinds[k]);
			const struct tree *name = tree_get(o, "name");
			if (!name || !name->str.len)
				REP(JOB715, name ? name : o, arena_printf(cx->a, "%s.name", op), "Required value",
				    "a %s source needs the %s's name", k ? "configmap" : "secret",
				    k ? "ConfigMap" : "Secret");
			else if ((why = k8s_dns_subdomain(name->str.s, name->str.len)))
				REP(JOB703, name, arena_printf(cx->a, "%s.name", op), invalid(cx, name, why),
				    "invalid %s name '%.*s'", k ? "ConfigMap" : "Secret", (int)name->str.len,
				    name->str.s);
			const struct tree *items = tree_get(o, "items");
			check_key_items(cx, items, arena_printf(cx->a, "%s.items", op));
			for (uint32_t j = 0; items && items->kind == TREE_LIST && j < items->list.n; j++)
				unique_path(cx, tree_get(items->list.v[j], "path"), name, pp, seen, &nseen);
		}
		const struct tree *files = tree_path(s, "downwardAPI.items");
		check_files(cx, files, arena_printf(cx->a, "%s.downwardAPI", sp));
		for (uint32_t j = 0; files && files->kind == TREE_LIST && j < files->list.n; j++) {
			const struct tree *p = tree_get(files->list.v[j], "path");
			unique_path(cx, p, p, pp, seen, &nseen);
		}
		const struct tree *tok = tree_get(s, "serviceAccountToken");
		if (!tok)
			continue;
		const struct tree *exp = tree_get(tok, "expirationSeconds"), *p = tree_get(tok, "path");
		int64_t secs;
		if (has_int(exp, &secs) && (secs < 600 || secs > (int64_t)1 << 32))
			REP(JOB717, exp, arena_printf(cx->a, "%s.serviceAccountToken.expirationSeconds", sp),
			    invalid(cx, exp, secs < 600 ? "may not specify a duration less than 10 minutes"
			                                : "may not specify a duration larger than 2^32 seconds"),
			    "a token's expiration is 10m to 2^32 seconds (about 136 years), not %lld seconds",
			    (long long)secs);
		bool dot_start;
		if (!p || !p->str.len)
			REP(JOB716, p ? p : tok, arena_printf(cx->a, "%s.path", pp), "Required value",
			    "a token source needs the path of its file: token { path = \"token\" }");
		else if ((why = local_path(p, &dot_start)))
			REP(JOB716, p, arena_printf(cx->a, "%s.path", pp), invalid(cx, p, why),
			    "token path '%.*s' %s", (int)p->str.len, p->str.s,
			    dot_start ? "must not start with '..': the kubelet keeps its own ..data entries "
			                "in the volume"
			              : "must be a relative path without '..'");
	}
}

/* JOB714-JOB717: a volume's downward-api files (check_files) and its
 * projected sources (check_projection). */
void check_projected(struct job_ctx *cx, const struct tree *v, const char *vp)
{
	check_files(cx, tree_path(v, "downwardAPI.items"), arena_printf(cx->a, "%s.downwardAPI", vp));
	check_projection(cx, v, vp);
}
