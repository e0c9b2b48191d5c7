/* check_volumes.c - the rules of rules.def's JOB7xx group: the pod's
 * volumes (names, one source each, the names and paths in each source, a
 * volume nobody mounts) and a container's mounts of them.
 */
#include "check_internal.h"
#include "names.h"
#include "units.h"

/* JOB704: the mounts of container c: each of a volume of the pod, at an
 * absolute path no other mount uses, with a sub-path that is relative and
 * without '..' (core ValidateVolumeMounts); then the rest of how c uses
 * the volumes, JOB706-JOB709 (check_mount_uses, check_mounts.c). */
void check_mounts(struct job_ctx *cx, const struct tree *c, const char *cp,
                  const struct tree *volumes)
{
	const struct tree *ms = tree_get(c, "volumeMounts");
	for (uint32_t i = 0; ms && i < ms->list.n; i++) {
		const struct tree *m = ms->list.v[i];
		const struct tree *n = tree_get(m, "name"), *mp = tree_get(m, "mountPath");
		const struct tree *sub = tree_get(m, "subPath");
		char *p = arena_printf(cx->a, "%s.volumeMounts[%u]", cp, i);
		bool found = false;
		for (uint32_t k = 0; volumes && k < volumes->list.n; k++)
			found |= same(tree_get(volumes->list.v[k], "name"), n);
		if (!found)
			REP(JOB704, n, arena_printf(cx->a, "%s.name", p),
			    arena_printf(cx->a, "Not found: \"%.*s\"", (int)n->str.len, n->str.s),
			    "the pod has no volume '%.*s': add volume %.*s { ... }", (int)n->str.len, n->str.s,
			    (int)n->str.len, n->str.s);
		/* (an empty path is the API server's error; a relative one the
		 * container runtime's, when the pod starts) */
		if (mp && (mp->str.len == 0 || mp->str.s[0] != '/'))
			REP(JOB704, mp, arena_printf(cx->a, "%s.mountPath", p),
			    mp->str.len ? NULL : "Required value",
			    "mount path '%.*s' must be absolute (start with /)", (int)mp->str.len, mp->str.s);
		for (uint32_t k = 0; mp && k < i; k++)
			if (same(tree_get(ms->list.v[k], "mountPath"), mp)) {
				REP(JOB704, mp, arena_printf(cx->a, "%s.mountPath", p),
				    invalid(cx, mp, "must be unique"),
				    "two volumes are mounted at %.*s", (int)mp->str.len, mp->str.s);
				break;
			}
		if (sub && (sub->str.s[0] == '/' || path_backsteps(sub)))
			REP(JOB704, sub, arena_printf(cx->a, "%s.subPath", p),
			    invalid(cx, sub, sub->str.s[0] == '/' ? "must be a relative path"
			                                          : "must not contain '..'"),
			    "sub-path '%.*s' must be relative, without '..'", (int)sub->str.len, sub->str.s);
	}
	check_mount_uses(cx, c, cp, volumes);
}

/* JOB701-JOB703, JOB705: each volume of the pod: a name that is a DNS
 * label, one source, the names, paths, keys and size limit in its source
 * (core ValidateVolumes, validateVolumeSource, validateKeyToPath; the
 * sources with blocks of their own: check_sources, check_projected); a
 * volume no container mounts or attaches (jobc's warning). */
void check_volumes(struct job_ctx *cx)
{
	const struct tree *pod = tree_path(cx->obj, "spec.template.spec");
	const struct tree *vols = tree_get(pod, "volumes");
	const char *why;
	static const char *const sources[] = {"persistentVolumeClaim", "configMap", "secret",
	                                      "emptyDir", "hostPath", "projected", "downwardAPI",
	                                      "nfs", "csi", "ephemeral", "image"};
	static const char *const jobc_names[] = {"pvc", "configmap", "secret", "empty-dir",
	                                         "host-path", "source", "downward-api", "nfs", "csi",
	                                         "ephemeral", "image"};
	enum { NSRC = sizeof sources / sizeof *sources };
	for (uint32_t i = 0; vols && i < vols->list.n; i++) {
		const struct tree *v = vols->list.v[i];
		const struct tree *name = tree_get(v, "name");
		char *vp = arena_printf(cx->a, "spec.template.spec.volumes[%u]", i);
		if ((why = k8s_dns_label(name->str.s, name->str.len)))
			REP(JOB701, name, arena_printf(cx->a, "%s.name", vp), invalid(cx, name, why),
			    "invalid volume name '%.*s'", (int)name->str.len, name->str.s);
		/* its sources: those jobc names, in this order, then any written
		 * in volume-source { } */
		int nsrc = 0;
		const char *first = NULL;
		for (uint32_t k = 0; k < NSRC + v->map.n; k++) {
			const char *key = k < NSRC ? sources[k] : v->map.v[k - NSRC].key;
			const struct tree *s = tree_get(v, key);
			bool known = false;
			for (size_t j = 0; k >= NSRC && j < NSRC; j++)
				known |= !strcmp(key, sources[j]);
			if (!s || known || !strcmp(key, "name"))
				continue;
			const char *said = k < NSRC ? jobc_names[k] : key;
			if (nsrc++ && first)
				REP(JOB702, s, arena_printf(cx->a, "%s.%s", vp, key),
				    "Forbidden: may not specify more than 1 volume type",
				    "volume '%.*s' has two sources, %s and %s; a volume has one", (int)name->str.len,
				    name->str.s, first, said);
			else
				first = said;
		}
		if (nsrc == 0)
			REP(JOB702, v, vp, "Required value: must specify a volume type",
			    "volume '%.*s' has no source: give it pvc, configmap, secret, empty-dir, host-path, "
			    "source, downward-api, nfs, csi, ephemeral, image or one in volume-source { }",
			    (int)name->str.len, name->str.s);
		static const char *const named[][3] = {
			{"persistentVolumeClaim.claimName", "PersistentVolumeClaim", "sub"},
			{"configMap.name", "ConfigMap", "sub"},
			{"secret.secretName", "Secret", "sub"},
		};
		for (size_t k = 0; k < 3; k++) {
			const struct tree *n = tree_path(v, named[k][0]);
			if (n && (why = k8s_dns_subdomain(n->str.s, n->str.len)))
				REP(JOB703, n, arena_printf(cx->a, "%s.%s", vp, named[k][0]),
				    n->str.len ? invalid(cx, n, why) : "Required value",
				    "invalid %s name '%.*s'", named[k][1], (int)n->str.len, n->str.s);
		}
		const struct tree *hp = tree_path(v, "hostPath.path");
		if (hp && hp->str.len == 0)
			REP(JOB703, hp, arena_printf(cx->a, "%s.hostPath.path", vp), "Required value",
			    "host-path needs the path of a folder of the node");
		else if (hp && path_backsteps(hp))
			REP(JOB703, hp, arena_printf(cx->a, "%s.hostPath.path", vp),
			    invalid(cx, hp, "must not contain '..'"), "host path '%.*s' must not contain '..'",
			    (int)hp->str.len, hp->str.s);
		static const char *const with_items[] = {"configMap", "secret"};
		for (size_t k = 0; k < 2; k++)
			check_key_items(cx, tree_path(v, arena_printf(cx->a, "%s.items", with_items[k])),
			                arena_printf(cx->a, "%s.%s.items", vp, with_items[k]));
		check_sources(cx, v, vp);
		check_projected(cx, v, vp);
		const struct tree *size = tree_path(v, "emptyDir.sizeLimit");
		struct quantity sq;
		const char *sw;
		if (size && size->kind == TREE_STR && quantity_parse(size->str.s, size->str.len, &sq, &sw) &&
		    sq.nanos < 0)
			REP(JOB703, size, arena_printf(cx->a, "%s.emptyDir.sizeLimit", vp),
			    "Forbidden: SizeLimit field must be a valid resource quantity",
			    "size-limit %.*s is negative", (int)size->str.len, size->str.s);
		/* JOB705: a volume nobody mounts */
		bool used = false;
		static const char *const lists[] = {"containers", "initContainers"};
		for (size_t l = 0; l < 2; l++) {
			const struct tree *cs = tree_get(pod, lists[l]);
			for (uint32_t k = 0; cs && k < cs->list.n; k++) {
				for (int dev = 0; dev < 2; dev++) {
					const struct tree *ms =
						tree_get(cs->list.v[k], dev ? "volumeDevices" : "volumeMounts");
					for (uint32_t m = 0; ms && m < ms->list.n; m++)
						used |= same(tree_get(ms->list.v[m], "name"), name);
				}
			}
		}
		if (!used)
			REP(JOB705, name, vp, NULL,
			    "volume '%.*s' is mounted nowhere: give it a mount, or mount it in a container "
			    "with mounts { %.*s = \"/path\" }",
			    (int)name->str.len, name->str.s, (int)name->str.len, name->str.s);
	}
}
