/* check_pod_host.c - the part of rules.def's JOB2xx group about what the
 * pod shares with its node: the host's network, process and IPC
 * namespaces and its users, and the OS the pod declares (part of
 * check_pod, which calls it).
 */
#include <inttypes.h>

#include "check_internal.h"
#include "fields.h"

static bool is_true(const struct tree *t)
{
	return t && t->kind == TREE_BOOL && t->b;
}

/* JOB214: with hostNetwork, a regular container's hostPort, when set, is
 * its containerPort (core validatePodHostNetworkDeps; a template may leave
 * it 0, which the pod's defaults fill in). */
static void check_host_network_ports(struct job_ctx *cx, const struct tree *pod)
{
	if (!is_true(tree_get(pod, "hostNetwork")))
		return;
	const struct tree *cs = tree_get(pod, "containers");
	for (uint32_t i = 0; cs && i < cs->list.n; i++) {
		const struct tree *ports = tree_get(cs->list.v[i], "ports");
		for (uint32_t k = 0; ports && ports->kind == TREE_LIST && k < ports->list.n; k++) {
			const struct tree *hp = tree_get(ports->list.v[k], "hostPort");
			const struct tree *cp = tree_get(ports->list.v[k], "containerPort");
			int64_t h, c = 0;
			if (!has_int(hp, &h) || h == 0 || (has_int(cp, &c) && c == h))
				continue;
			REP(JOB214, hp,
			    arena_printf(cx->a, "spec.template.spec.containers[%u].ports[%u].hostPort", i, k),
			    arena_printf(cx->a, "Invalid value: %" PRId64 ": must match `containerPort` when "
			                        "`hostNetwork` is true",
			                 h),
			    "with host-network a container listens on the node's own ports: host-port "
			    "must be the port, %" PRId64 ", or left out",
			    c);
		}
	}
}

/* JOB215: a pod with its own user namespace (hostUsers false) shares no
 * namespace with the node (core validateHostUsers; its paths, HostPID and
 * HostIPC, are spelled as the API server spells them). */
static void check_host_users(struct job_ctx *cx, const struct tree *pod)
{
	const struct tree *users = tree_get(pod, "hostUsers");
	if (!users || users->kind != TREE_BOOL || users->b)
		return;
	static const char *const shared[][3] = {
		{"hostNetwork", "hostNetwork", "host-network"},
		{"hostPID", "HostPID", "host-pid"},
		{"hostIPC", "HostIPC", "host-ipc"},
	};
	for (size_t k = 0; k < 3; k++) {
		const struct tree *t = tree_get(pod, shared[k][0]);
		if (is_true(t))
			REP(JOB215, t, arena_printf(cx->a, "spec.template.spec.%s", shared[k][1]),
			    "Forbidden: when `pod.Spec.HostUsers` is false",
			    "%s cannot go with host-users = false (a user namespace of the pod's own)",
			    shared[k][2]);
	}
}

/* JOB216: one process namespace for the pod's containers, or the node's:
 * not both (core validatePodSpecSecurityContext, whose path puts
 * shareProcessNamespace in the security context, as the API server's
 * internal type does). */
static void check_share_process_namespace(struct job_ctx *cx, const struct tree *pod)
{
	const struct tree *share = tree_get(pod, "shareProcessNamespace");
	if (is_true(share) && is_true(tree_get(pod, "hostPID")))
		REP(JOB216, share, "spec.template.spec.securityContext.shareProcessNamespace",
		    "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled",
		    "share-process-namespace cannot go with host-pid: the pod's containers either share "
		    "a process namespace of their own or use the node's");
}

/* The fields a Windows pod cannot set (validateWindows), by where they are.
 * Of the pod's own, hostPID and hostIPC count only when true (the API
 * server's internal type holds them as plain booleans), hostUsers and
 * shareProcessNamespace when set at all (pointers there). */
static const struct {
	const char *key;
	bool only_true;
} linux_only_pod[] = {
	{"hostUsers", false}, {"hostPID", true}, {"hostIPC", true}, {"shareProcessNamespace", false},
};
static const char *const linux_only_pod_security[] = {
	"appArmorProfile", "seLinuxOptions", "seccompProfile", "fsGroup", "fsGroupChangePolicy",
	"sysctls", "runAsUser", "runAsGroup", "supplementalGroups", "supplementalGroupsPolicy",
	"seLinuxChangePolicy",
};
static const char *const linux_only_container[] = {
	"appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities",
	"readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "procMount",
	"runAsUser", "runAsGroup",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* JOB217: the keys of security context sc (at path) in keys, for a pod of
 * OS os ("windows"), or its windowsOptions (os "linux"); named, where jobc
 * names them, by the fields of s, the security context's schema. */
static void os_forbidden(struct job_ctx *cx, const struct tree *sc, const char *path,
                         const char *const *keys, size_t n, const char *os,
                         const struct schema *s)
{
	if (!sc || sc->kind != TREE_MAP)
		return;
	if (!strcmp(os, "linux")) {
		const struct tree *w = tree_get(sc, "windowsOptions");
		if (w)
			REP(JOB217, w, arena_printf(cx->a, "%s.windowsOptions", path),
			    "Forbidden: windows options cannot be set for a linux pod",
			    "windowsOptions cannot be set for a pod with os = linux");
		return;
	}
	for (size_t k = 0; k < n; k++) {
		const struct tree *t = tree_get(sc, keys[k]);
		/* the field of s at or under the key that names it: the only one,
		 * or the one of its type (seccompProfile.type: seccomp, beside
		 * seccomp-profile; capabilities has two, add- and drop-, and
		 * neither is it) */
		const struct field *f = NULL, *typed = NULL;
		unsigned named = 0;
		size_t kn = strlen(keys[k]);
		for (unsigned i = 0; s && i < s->nfields; i++) {
			const char *p = s->fields[i].k8s;
			if (!strncmp(p, keys[k], kn) && (p[kn] == '.' || p[kn] == '\0')) {
				f = &s->fields[i], named++;
				if (!strcmp(p + kn, ".type"))
					typed = f;
			}
		}
		if (typed)
			f = typed, named = 1;
		if (t)
			REP(JOB217, t, arena_printf(cx->a, "%s.%s", path, keys[k]),
			    "Forbidden: cannot be set for a windows pod",
			    "%s cannot be set for a pod with os = windows (a Linux-only setting)",
			    named == 1 ? f->name : keys[k]);
	}
}

/* JOB217: a pod that declares its OS sets nothing of the other OS (core
 * ValidatePodSpec: validateWindows, validateLinux), in the pod, its
 * security context and each container's (init containers first, as
 * VisitContainersWithPath visits them). */
static void check_pod_os(struct job_ctx *cx, const struct tree *pod)
{
	const struct tree *name = tree_path(pod, "os.name");
	bool windows = is_str(name, "windows");
	if (!windows && !is_str(name, "linux"))
		return;
	const char *os = windows ? "windows" : "linux";
	for (size_t k = 0; windows && k < COUNT(linux_only_pod); k++) {
		const struct tree *t = tree_get(pod, linux_only_pod[k].key);
		const char *path = arena_printf(cx->a, "spec.template.spec.%s", linux_only_pod[k].key);
		const struct field *f = field_at_k8s(&schema_job, path);
		if (t && (!linux_only_pod[k].only_true || is_true(t)))
			REP(JOB217, t, path, "Forbidden: cannot be set for a windows pod",
			    "%s cannot be set for a pod with os = windows (a Linux-only setting)",
			    f ? f->name : linux_only_pod[k].key);
	}
	const struct field *pod_sc = field_at_k8s(&schema_job, "spec.template.spec.securityContext");
	const struct field *ctr_sc = field_at_k8s(&schema_container, "securityContext");
	os_forbidden(cx, tree_get(pod, "securityContext"), "spec.template.spec.securityContext",
	             linux_only_pod_security, COUNT(linux_only_pod_security), os,
	             pod_sc ? pod_sc->sub : NULL);
	static const char *const lists[] = {"initContainers", "containers"};
	for (size_t l = 0; l < 2; l++) {
		const struct tree *cs = tree_get(pod, lists[l]);
		for (uint32_t i = 0; cs && i < cs->list.n; i++)
			os_forbidden(cx, tree_get(cs->list.v[i], "securityContext"),
			             arena_printf(cx->a, "spec.template.spec.%s[%u].securityContext", lists[l],
			                          i),
			             linux_only_container, COUNT(linux_only_container), os,
			             ctr_sc ? ctr_sc->sub : NULL);
	}
}

/* JOB214-JOB217: the node's namespaces and the pod's OS. */
void check_pod_host(struct job_ctx *cx, const struct tree *pod)
{
	check_host_network_ports(cx, pod);
	check_host_users(cx, pod);
	check_share_process_namespace(cx, pod);
	check_pod_os(cx, pod);
}
