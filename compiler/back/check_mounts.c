/* check_mounts.c - the rules of rules.def's JOB7xx group about how a
 * container uses the pod's volumes beyond where it mounts them (JOB704,
 * check_volumes.c): sub-path-expr, mount propagation, recursive read-only
 * mounts, bind-mount options, and volumes attached as block devices.  check_mounts
 * (check_volumes.c) runs them for each container.
 */
#include "check_internal.h"

/* JOB719: the bind-mount options of the mount m (at path): noexec, nodev
 * and nosuid, each once (a list-type set), none on an image volume's mount
 * (VolumeMount.bindMountOptions, the API's description: "Allowed values are
 * noexec, nodev, and nosuid", "not supported with image volumes"). */
static void check_bind_options(struct job_ctx *cx, const struct tree *m, const char *path,
                               const struct tree *volumes)
{
	static const char *const allowed[] = {"noexec", "nodev", "nosuid"};
	const struct tree *opts = tree_get(m, "bindMountOptions");
	if (!opts || opts->kind != TREE_LIST || !opts->list.n)
		return;
	const struct tree *n = tree_get(m, "name");
	for (uint32_t k = 0; volumes && volumes->kind == TREE_LIST && k < volumes->list.n; k++)
		if (same(tree_get(volumes->list.v[k], "name"), n) &&
		    tree_get(volumes->list.v[k], "image")) {
			REP(JOB719, opts, path, "Forbidden: not supported with image volumes",
			    "an image volume's mount takes no bind-mount options: the runtime mounts it");
			return;
		}
	for (uint32_t i = 0; i < opts->list.n; i++) {
		const struct tree *o = opts->list.v[i];
		if (o->kind != TREE_STR)
			continue; /* its type check reports it */
		bool known = false, twice = false;
		for (size_t a = 0; a < sizeof allowed / sizeof *allowed; a++)
			known |= is_str(o, allowed[a]);
		for (uint32_t k = 0; k < i; k++)
			twice |= same(opts->list.v[k], o);
		const char *at = arena_printf(cx->a, "%s[%u]", path, i);
		if (!known)
			REP(JOB719, o, at,
			    arena_printf(cx->a, "Unsupported value: \"%s\": supported values: \"nodev\", "
			                        "\"noexec\", \"nosuid\"", escaped(cx, o->str.s, o->str.len)),
			    "'%s' is no bind-mount option: noexec, nodev or nosuid",
			    escaped(cx, o->str.s, o->str.len));
		else if (twice)
			REP(JOB719, o, at, arena_printf(cx->a, "Duplicate value: \"%.*s\"",
			                                (int)o->str.len, o->str.s),
			    "bind-mount option '%.*s' is listed twice", (int)o->str.len, o->str.s);
	}
}

/* JOB706-JOB708: the mount m (the i-th of container c at cp): sub-path-expr
 * without sub-path, relative, without '..'; bidirectional propagation only
 * in a privileged container; a recursive read-only mount read-only and
 * without propagation (core ValidateVolumeMounts, validateMountPropagation,
 * validateMountRecursiveReadOnly). */
static void check_mount_options(struct job_ctx *cx, const struct tree *c, const char *cp,
                                const struct tree *m, uint32_t i, const struct tree *volumes)
{
	const char *lp = arena_printf(cx->a, "%s.volumeMounts", cp); /* where the API server says */
	const struct tree *expr = tree_get(m, "subPathExpr"), *sub = tree_get(m, "subPath");
	const char *why;
	if (expr && expr->str.len && sub && sub->str.len)
		REP(JOB706, expr, arena_printf(cx->a, "%s[%u].subPathExpr", lp, i),
		    invalid(cx, expr, "subPathExpr and subPath are mutually exclusive"),
		    "a mount takes sub-path or sub-path-expr, not both");
	else if (expr && expr->str.len && (why = descending_path(expr)))
		REP(JOB706, expr, arena_printf(cx->a, "%s.subPathExpr", lp), invalid(cx, expr, why),
		    "sub-path-expr '%.*s' must be relative, without '..'", (int)expr->str.len,
		    expr->str.s);
	const struct tree *mp = tree_get(m, "mountPropagation");
	const struct tree *priv = tree_path(c, "securityContext.privileged");
	if (is_str(mp, "Bidirectional") && !(priv && priv->kind == TREE_BOOL && priv->b))
		REP(JOB707, mp, arena_printf(cx->a, "%s.mountPropagation", lp),
		    "Forbidden: Bidirectional mount propagation is available only to privileged "
		    "containers",
		    "mount-propagation = bidirectional needs a privileged container: security { "
		    "privileged = true }");
	check_bind_options(cx, m, arena_printf(cx->a, "%s[%u].bindMountOptions", lp, i), volumes);
	const struct tree *rro = tree_get(m, "recursiveReadOnly"), *ro = tree_get(m, "readOnly");
	if (!is_str(rro, "Enabled") && !is_str(rro, "IfPossible"))
		return;
	if (!(ro && ro->kind == TREE_BOOL && ro->b))
		REP(JOB708, rro, arena_printf(cx->a, "%s.recursiveReadOnly", lp),
		    "Forbidden: may only be specified when readOnly is true",
		    "recursive-read-only = %s needs read-only = true",
		    is_str(rro, "Enabled") ? "enabled" : "if-possible");
	if (mp && !is_str(mp, "None"))
		REP(JOB708, rro, arena_printf(cx->a, "%s.recursiveReadOnly", lp),
		    "Forbidden: may only be specified when mountPropagation is None or not specified",
		    "recursive-read-only = %s needs mount-propagation none (or unset)",
		    is_str(rro, "Enabled") ? "enabled" : "if-possible");
}

/* JOB709: the volume devices of container c at cp: each of a pvc or
 * ephemeral volume of the pod, once, at a path without '..' that no other
 * device uses; neither its volume nor its path also a mount's (core
 * ValidateVolumeDevices, and ValidateVolumeMounts' side of the overlap). */
static void check_devices(struct job_ctx *cx, const struct tree *c, const char *cp,
                          const struct tree *volumes)
{
	const struct tree *ds = tree_get(c, "volumeDevices"), *ms = tree_get(c, "volumeMounts");
	for (uint32_t i = 0; ds && ds->kind == TREE_LIST && i < ds->list.n; i++) {
		const struct tree *n = tree_get(ds->list.v[i], "name");
		const struct tree *dp = tree_get(ds->list.v[i], "devicePath");
		const char *np = arena_printf(cx->a, "%s.volumeDevices[%u].name", cp, i);
		const char *pp = arena_printf(cx->a, "%s.volumeDevices[%u].devicePath", cp, i);
		const struct tree *vol = NULL;
		for (uint32_t k = 0; volumes && k < volumes->list.n && !vol; k++)
			if (same(tree_get(volumes->list.v[k], "name"), n))
				vol = volumes->list.v[k];
		bool name_twice = false, path_twice = false, mounted = false, at_mount = false;
		for (uint32_t k = 0; k < i; k++) {
			name_twice |= same(tree_get(ds->list.v[k], "name"), n);
			path_twice |= same(tree_get(ds->list.v[k], "devicePath"), dp);
		}
		for (uint32_t k = 0; ms && k < ms->list.n; k++) {
			mounted |= same(tree_get(ms->list.v[k], "name"), n);
			at_mount |= same(tree_get(ms->list.v[k], "mountPath"), dp);
		}
		if (!n->str.len)
			REP(JOB709, n, np, "Required value", "a volume device needs the name of a volume");
		else if (name_twice)
			REP(JOB709, n, np, invalid(cx, n, "must be unique"),
			    "volume '%.*s' is attached as a device twice", (int)n->str.len, n->str.s);
		else if (!vol)
			REP(JOB709, n, np, arena_printf(cx->a, "Not found: \"%.*s\"", (int)n->str.len, n->str.s),
			    "the pod has no volume '%.*s' to attach as a device", (int)n->str.len, n->str.s);
		else if (!tree_get(vol, "persistentVolumeClaim") && !tree_get(vol, "ephemeral"))
			REP(JOB709, n, np,
			    invalid(cx, n, "can only use volume source type of PersistentVolumeClaim or "
			                   "Ephemeral for block mode"),
			    "volume '%.*s' is no claim: only a pvc or ephemeral volume is a block device",
			    (int)n->str.len, n->str.s);
		else if (mounted)
			REP(JOB709, n, np, invalid(cx, n, "must not already exist in volumeMounts"),
			    "volume '%.*s' is mounted in this container, and a device too", (int)n->str.len,
			    n->str.s);
		if (!dp->str.len)
			REP(JOB709, dp, pp, "Required value", "a volume device needs a device path");
		else if (path_twice)
			REP(JOB709, dp, pp, invalid(cx, dp, "must be unique"),
			    "two devices of this container are at %.*s", (int)dp->str.len, dp->str.s);
		else if (path_backsteps(dp))
			REP(JOB709, dp, pp, invalid(cx, dp, "can not contain backsteps ('..')"),
			    "device path '%.*s' must not contain '..'", (int)dp->str.len, dp->str.s);
		else if (at_mount)
			REP(JOB709, dp, pp, invalid(cx, dp, "must not already exist as a path in volumeMounts"),
			    "a volume is mounted at %.*s in this container already", (int)dp->str.len,
			    dp->str.s);
	}
}

/* JOB706-JOB709, JOB719: the rest of the mounts of container c at cp, and its
 * devices (check_mount_options, check_devices). */
void check_mount_uses(struct job_ctx *cx, const struct tree *c, const char *cp,
                      const struct tree *volumes)
{
	const struct tree *ms = tree_get(c, "volumeMounts");
	for (uint32_t i = 0; ms && ms->kind == TREE_LIST && i < ms->list.n; i++)
		check_mount_options(cx, c, cp, ms->list.v[i], i, volumes);
	check_devices(cx, c, cp, volumes);
}
