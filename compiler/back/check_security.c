/* check_security.c - the rules of rules.def's JOB3xx group about security
 * contexts: the seccomp and AppArmor profiles a container's context and
 * the pod's share, a container's proc mount, the pod's sysctls and SELinux
 * change policy.  check_containers.c runs them.
 */
#include "check_internal.h"

/* JOB311, JOB312: the seccomp and AppArmor profiles of the security
 * context sc at path: a localhost one names its profile, the others none
 * (core validateSeccompProfileField, ValidateAppArmorProfileField). */
static void check_profiles(struct job_ctx *cx, const struct tree *sc, const char *path)
{
	const struct tree *sp = tree_get(sc, "seccompProfile");
	const struct tree *type = tree_get(sp, "type"), *lp = tree_get(sp, "localhostProfile");
	const char *p = arena_printf(cx->a, "%s.seccompProfile", path), *why;
	if (sp && !type)
		REP(JOB311, lp ? lp : sp, arena_printf(cx->a, "%s.type", p),
		    "Required value: type is required when seccompProfile is set",
		    "seccomp-profile needs seccomp = localhost");
	else if (is_str(type, "Localhost") && !lp)
		REP(JOB311, type, arena_printf(cx->a, "%s.localhostProfile", p),
		    "Required value: must be set when seccomp type is Localhost",
		    "seccomp = localhost needs seccomp-profile, the profile's file on the node");
	else if (type && !is_str(type, "Localhost") && lp)
		REP(JOB311, lp, arena_printf(cx->a, "%s.localhostProfile", p),
		    "Invalid value: can only be set when seccomp type is Localhost",
		    "seccomp-profile goes with seccomp = localhost, not %.*s", (int)type->str.len,
		    type->str.s);
	else if (lp && (why = descending_path(lp)))
		REP(JOB311, lp, arena_printf(cx->a, "%s.localhostProfile", p), invalid(cx, lp, why),
		    "seccomp-profile '%.*s' is a path relative to the kubelet's seccomp folder, without "
		    "'..'", (int)lp->str.len, lp->str.s);
	const struct tree *ap = tree_get(sc, "appArmorProfile");
	type = tree_get(ap, "type");
	lp = tree_get(ap, "localhostProfile");
	p = arena_printf(cx->a, "%s.appArmorProfile", path);
	if (ap && !type) {
		REP(JOB312, lp ? lp : ap, arena_printf(cx->a, "%s.type", p),
		    "Required value: type is required when appArmorProfile is set",
		    "apparmor-profile needs apparmor = localhost");
	} else if (is_str(type, "Localhost") && (!lp || !lp->str.len)) {
		REP(JOB312, lp ? lp : type, arena_printf(cx->a, "%s.localhostProfile", p),
		    "Required value: must be set when AppArmor type is Localhost",
		    "apparmor = localhost needs apparmor-profile, the name of a profile loaded on the node");
	} else if (type && !is_str(type, "Localhost") && lp) {
		REP(JOB312, lp, arena_printf(cx->a, "%s.localhostProfile", p),
		    arena_printf(cx->a, "Invalid value: \"%s\": can only be set when AppArmor type is "
		                        "Localhost", escaped(cx, lp->str.s, lp->str.len)),
		    "apparmor-profile goes with apparmor = localhost, not %.*s", (int)type->str.len,
		    type->str.s);
	} else if (lp) {
		uint32_t n = lp->str.len, a = 0, b = n;
		while (a < n && (lp->str.s[a] == ' ' || (lp->str.s[a] >= '\t' && lp->str.s[a] <= '\r')))
			a++;
		while (b > a && (lp->str.s[b - 1] == ' ' ||
		                 (lp->str.s[b - 1] >= '\t' && lp->str.s[b - 1] <= '\r')))
			b--;
		if (a == n)
			REP(JOB312, lp, arena_printf(cx->a, "%s.localhostProfile", p),
			    "Required value: must be set when AppArmor type is Localhost",
			    "apparmor-profile is blank: name a profile loaded on the node");
		else if (a || b < n)
			REP(JOB312, lp, arena_printf(cx->a, "%s.localhostProfile", p),
			    invalid(cx, lp, "must not be padded with whitespace"),
			    "apparmor-profile '%s' has white space around it",
			    escaped(cx, lp->str.s, lp->str.len));
		if (n > 4095)
			REP(JOB312, lp, arena_printf(cx->a, "%s.localhostProfile", p),
			    "Too long: may not be more than 4095 bytes",
			    "apparmor-profile is %u bytes long; a profile's name is at most 4095", n);
	}
}

/* JOB311-JOB313: the security context of container c at cp: its profiles
 * (check_profiles), and an unmasked /proc only in a pod of its own user
 * namespace (core ValidateSecurityContext). */
void check_container_security(struct job_ctx *cx, const struct tree *c, const char *cp)
{
	const struct tree *sc = tree_get(c, "securityContext");
	if (!sc)
		return;
	const char *p = arena_printf(cx->a, "%s.securityContext", cp);
	check_profiles(cx, sc, p);
	const struct tree *pm = tree_get(sc, "procMount");
	const struct tree *hu = tree_path(cx->obj, "spec.template.spec.hostUsers");
	if (is_str(pm, "Unmasked") && !(hu && hu->kind == TREE_BOOL && !hu->b))
		REP(JOB313, pm, arena_printf(cx->a, "%s.procMount", p),
		    "Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`",
		    "proc-mount = unmasked needs the pod in a user namespace of its own: "
		    "host-users = false");
}

/* Whether s[0..n) is a sysctl name: segments of [a-z0-9], '-' and '_',
 * starting and ending with a letter or digit, joined by '.' or '/', at most
 * 253 bytes (IsValidSysctlName). */
static bool sysctl_name(const char *s, uint32_t n)
{
	if (!n || n > 253)
		return false;
	for (uint32_t i = 0; i < n;) {
		uint32_t k = i;
		while (k < n && s[k] != '.' && s[k] != '/') {
			char c = s[k];
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
				return false;
			k++;
		}
		char first = s[i], last = k > i ? s[k - 1] : '-';
		if (k == i || first == '-' || first == '_' || last == '-' || last == '_')
			return false;
		if (k == n)
			return true;
		i = k + 1;
		if (i == n)
			return false;
	}
	return false;
}

/* The kernel namespace of sysctl s (utilsysctl.GetNamespace, after
 * NormalizeName: a name whose first separator is '/' swaps '/' and '.'):
 * "net", "ipc", or NULL. */
static const char *sysctl_namespace(struct job_ctx *cx, const struct tree *t)
{
	char *s = arena_strndup(cx->a, t->str.s, t->str.len);
	size_t sep = strcspn(s, "./");
	if (s[sep] == '/')
		for (char *c = s; *c; c++)
			*c = *c == '/' ? '.' : *c == '.' ? '/' : *c;
	s[strcspn(s, "*")] = '\0';
	static const char *const ipc[] = {"kernel.sem",    "kernel.shmall", "kernel.shmmax",
	                                  "kernel.shmmni", "kernel.shm_rmid_forced", "kernel.shm",
	                                  "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
	                                  "kernel.msg"};
	for (size_t i = 0; i < sizeof ipc / sizeof *ipc; i++)
		if (!strcmp(s, ipc[i]))
			return "ipc";
	if (!strncmp(s, "net.", 4))
		return "net";
	return strncmp(s, "fs.mqueue.", 10) ? NULL : "ipc";
}

/* JOB314, JOB315, and JOB311-JOB312 of the pod's security context: its
 * profiles (check_profiles); each sysctl named once, well formed, and not
 * of a namespace the pod shares with the node (core validateSysctls,
 * ValidateHostSysctl); MountOption needs the SELinuxMount gate, off by
 * default before Kubernetes 1.37, where it is GA
 * (validateSELinuxChangePolicy). */
void check_pod_security(struct job_ctx *cx)
{
	const struct tree *pod = tree_path(cx->obj, "spec.template.spec");
	const struct tree *sc = tree_get(pod, "securityContext");
	const char *p = "spec.template.spec.securityContext";
	if (!sc)
		return;
	check_profiles(cx, sc, p);
	const struct tree *ss = tree_get(sc, "sysctls");
	for (uint32_t i = 0; ss && ss->kind == TREE_LIST && i < ss->list.n; i++) {
		const struct tree *n = tree_get(ss->list.v[i], "name");
		if (!n || n->kind != TREE_STR)
			continue;
		const char *np = arena_printf(cx->a, "%s.sysctls[%u].name", p, i);
		bool twice = false;
		for (uint32_t k = 0; k < i && !twice; k++)
			twice = same(tree_get(ss->list.v[k], "name"), n);
		if (!n->str.len)
			REP(JOB314, n, np, "Required value", "a sysctl needs a name");
		else if (!sysctl_name(n->str.s, n->str.len))
			REP(JOB314, n, np,
			    invalid(cx, n, "must have at most 253 characters and match regex "
			                   "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"),
			    "'%s' is no sysctl name: lower-case letters, digits, '-' and '_', in segments "
			    "joined by '.' or '/'", escaped(cx, n->str.s, n->str.len));
		else if (twice)
			REP(JOB314, n, np, arena_printf(cx->a, "Duplicate value: \"%.*s\"", (int)n->str.len,
			                                n->str.s),
			    "sysctl '%.*s' is set twice", (int)n->str.len, n->str.s);
		const char *ns = sysctl_namespace(cx, n);
		const char *host = ns && !strcmp(ns, "net") ? "hostNetwork" : ns ? "hostIPC" : NULL;
		const struct tree *shared = host ? tree_get(pod, host) : NULL;
		if (shared && shared->kind == TREE_BOOL && shared->b)
			REP(JOB314, n, np,
			    invalid(cx, n, arena_printf(cx->a, "may not be specified when '%s' is true", host)),
			    "sysctl '%.*s' is of the %s namespace, which the pod shares with the node (%s)",
			    (int)n->str.len, n->str.s, ns[0] == 'n' ? "network" : "IPC", host);
	}
	const struct tree *cp = tree_get(sc, "seLinuxChangePolicy");
	if (is_str(cp, "MountOption") && cx->opt->kube_version < 137)
		REP(JOB315, cp, arena_printf(cx->a, "%s.seLinuxChangePolicy", p),
		    "Unsupported value: \"MountOption\": supported values: \"Recursive\"",
		    "selinux-change-policy = mount-option needs the SELinuxMount feature gate, off by "
		    "default before Kubernetes 1.37: write recursive");
}
