/* check_sources.c - the rules of rules.def's JOB7xx group about the
 * sources a volume names with a block of its own: nfs, csi, ephemeral
 * claims and images (the projected and downward-api ones: check_projected.c).
 * check_volumes (check_volumes.c) runs them for each volume.
 */
#include "check_internal.h"
#include "names.h"
#include "units.h"

/* JOB710: an NFS source names its server and an absolute path (core
 * validateNFSVolumeSource). */
static void check_nfs(struct job_ctx *cx, const struct tree *v, const char *vp)
{
	const struct tree *nfs = tree_get(v, "nfs");
	if (!nfs)
		return;
	const struct tree *server = tree_get(nfs, "server"), *path = tree_get(nfs, "path");
	if (!server || !server->str.len)
		REP(JOB710, server ? server : nfs, arena_printf(cx->a, "%s.nfs.server", vp),
		    "Required value", "an nfs volume needs its server: nfs { server = \"nfs.example.com\" }");
	if (!path || !path->str.len)
		REP(JOB710, path ? path : nfs, arena_printf(cx->a, "%s.nfs.path", vp), "Required value",
		    "an nfs volume needs the path it mounts: nfs { path = \"/exports/data\" }");
	else if (path->str.s[0] != '/')
		REP(JOB710, path, arena_printf(cx->a, "%s.nfs.path", vp),
		    invalid(cx, path, "must be an absolute path"),
		    "nfs path '%.*s' must be absolute (start with /)", (int)path->str.len, path->str.s);
}

/* JOB711: a CSI source names its driver (at most 63 bytes, a DNS subdomain
 * once lower-cased) and, if any, a Secret by a valid name (core
 * validateCSIVolumeSource, ValidateCSIDriverName). */
static void check_csi(struct job_ctx *cx, const struct tree *v, const char *vp)
{
	const struct tree *csi = tree_get(v, "csi");
	if (!csi)
		return;
	const struct tree *d = tree_get(csi, "driver");
	const char *dp = arena_printf(cx->a, "%s.csi.driver", vp), *why;
	if (!d || !d->str.len) {
		REP(JOB711, d ? d : csi, dp, "Required value",
		    "a csi volume needs its driver, such as \"secrets-store.csi.k8s.io\"");
	} else if (d->str.len > 63) {
		REP(JOB711, d, dp, "Too long: may not be more than 63 bytes",
		    "CSI driver name '%s' is %u bytes long; it is at most 63",
		    escaped(cx, d->str.s, d->str.len), d->str.len);
	} else {
		char *lower = arena_strndup(cx->a, d->str.s, d->str.len);
		for (char *c = lower; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		if ((why = k8s_dns_subdomain(lower, d->str.len)))
			REP(JOB711, d, dp, invalid(cx, d, why), "invalid CSI driver name '%s'",
			    escaped(cx, d->str.s, d->str.len));
	}
	const struct tree *ref = tree_get(csi, "nodePublishSecretRef");
	const struct tree *n = tree_get(ref, "name");
	if (ref && (!n || !n->str.len))
		REP(JOB711, n ? n : ref, arena_printf(cx->a, "%s.csi.nodePublishSecretRef.name", vp),
		    "Required value", "node-publish-secret needs the name of a Secret");
	else if (n && (why = k8s_dns_subdomain(n->str.s, n->str.len)))
		REP(JOB711, n, arena_printf(cx->a, "%s.csi.name", vp), invalid(cx, n, why),
		    "invalid Secret name '%s' in node-publish-secret", escaped(cx, n->str.s, n->str.len));
}

/* JOB712: a data source of a claim (dataSource, dataSourceRef) at path: a
 * name and a kind, a PersistentVolumeClaim unless it has an API group,
 * which is a DNS subdomain (core validateDataSource, validateDataSourceRef). */
static void check_data_source(struct job_ctx *cx, const struct tree *ds, const char *path)
{
	const struct tree *n = tree_get(ds, "name"), *k = tree_get(ds, "kind");
	const struct tree *g = tree_get(ds, "apiGroup");
	const char *why;
	if (!n || !n->str.len)
		REP(JOB712, n ? n : ds, arena_printf(cx->a, "%s.name", path), "Required value",
		    "the claim's data source needs a name");
	if (!k || !k->str.len)
		REP(JOB712, k ? k : ds, arena_printf(cx->a, "%s.kind", path), "Required value",
		    "the claim's data source needs a kind");
	if ((!g || !g->str.len) && !is_str(k, "PersistentVolumeClaim"))
		REP(JOB712, k ? k : ds, path,
		    invalid(cx, k, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"),
		    "a data source without an apiGroup is a PersistentVolumeClaim");
	else if (g && g->str.len && (why = k8s_dns_subdomain(g->str.s, g->str.len)))
		REP(JOB712, g, arena_printf(cx->a, "%s.apiGroup", path), invalid(cx, g, why),
		    "invalid API group '%s' of the claim's data source", escaped(cx, g->str.s, g->str.len));
}

/* JOB712: an ephemeral source's claim template: metadata of labels and
 * annotations only (JOB004 and JOB005 judge them), a claim spec with access
 * modes (ReadWriteOncePod alone), a storage request above 0, well-formed
 * class names, selector and data sources (core validateEphemeralVolumeSource,
 * ValidateTemplateObjectMeta, ValidatePersistentVolumeClaimSpec). */
static void check_ephemeral(struct job_ctx *cx, const struct tree *v, const char *vp)
{
	const struct tree *t = tree_path(v, "ephemeral.volumeClaimTemplate");
	if (!t)
		return;
	const char *tp = arena_printf(cx->a, "%s.ephemeral.volumeClaimTemplate", vp), *why;
	const struct tree *meta = tree_get(t, "metadata");
	for (uint32_t i = 0; meta && meta->kind == TREE_MAP && i < meta->map.n; i++) {
		const char *k = meta->map.v[i].key;
		const char *mp = arena_printf(cx->a, "%s.metadata.%s", tp, k);
		if (!strcmp(k, "labels") || !strcmp(k, "annotations"))
			check_label_map(cx, meta->map.v[i].value, mp, k[0] == 'l' ? "label" : "annotation",
			                k[0] == 'a');
		else
			REP(JOB712, meta->map.v[i].value, mp, "Forbidden: cannot be set",
			    "the claim's metadata takes labels and annotations only: Kubernetes names it "
			    "<pod>-<volume>");
	}
	const struct tree *spec = tree_get(t, "spec");
	const char *sp = arena_printf(cx->a, "%s.spec", tp);
	const struct tree *modes = tree_get(spec, "accessModes");
	static const char *const known[] = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
	                                    "ReadWriteOncePod"};
	bool once_pod = false, other = false;
	for (uint32_t i = 0; modes && modes->kind == TREE_LIST && i < modes->list.n; i++) {
		const struct tree *m = modes->list.v[i];
		size_t k = 0;
		while (k < 4 && !is_str(m, known[k]))
			k++;
		if (k == 4)
			REP(JOB712, m, arena_printf(cx->a, "%s.accessModes", sp),
			    arena_printf(cx->a, "Unsupported value: \"%s\": supported values: "
			                        "\"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", "
			                        "\"ReadWriteOncePod\"", escaped(cx, m->str.s, m->str.len)),
			    "'%s' is no access mode: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or "
			    "ReadWriteOncePod", escaped(cx, m->str.s, m->str.len));
		once_pod |= k == 3;
		other |= k < 3;
	}
	if (!modes || modes->kind != TREE_LIST || !modes->list.n)
		REP(JOB712, spec ? spec : t, arena_printf(cx->a, "%s.accessModes", sp),
		    "Required value: at least 1 access mode is required",
		    "an ephemeral claim needs its access modes: access-modes = [\"ReadWriteOnce\"]");
	else if (once_pod && other)
		REP(JOB712, modes, arena_printf(cx->a, "%s.accessModes", sp),
		    "Forbidden: may not use ReadWriteOncePod with other access modes",
		    "ReadWriteOncePod is an access mode on its own");
	const struct tree *storage = tree_path(spec, "resources.requests.storage");
	struct quantity q;
	if (!storage)
		REP(JOB712, spec ? spec : t, arena_printf(cx->a, "%s.resources[storage]", sp),
		    "Required value", "an ephemeral claim needs its size: storage = 10Gi");
	else if (storage->kind == TREE_STR && quantity_parse(storage->str.s, storage->str.len, &q, &why) &&
	         q.nanos <= 0)
		REP(JOB712, storage, arena_printf(cx->a, "%s.resources[storage]", sp),
		    invalid(cx, storage, "must be greater than zero"),
		    "an ephemeral claim's storage is more than 0, not %.*s", (int)storage->str.len,
		    storage->str.s);
	static const char *const classes[] = {"storageClassName", "volumeAttributesClassName"};
	for (size_t i = 0; i < 2; i++) {
		const struct tree *c = tree_get(spec, classes[i]);
		if (c && c->kind == TREE_STR && c->str.len && (why = k8s_dns_subdomain(c->str.s, c->str.len)))
			REP(JOB712, c, arena_printf(cx->a, "%s.%s", sp, classes[i]), invalid(cx, c, why),
			    "invalid class name '%s'", escaped(cx, c->str.s, c->str.len));
	}
	const struct tree *sel = tree_get(spec, "selector");
	if (sel)
		check_label_selector(cx, sel, arena_printf(cx->a, "%s.selector", sp));
	static const char *const sources[] = {"dataSource", "dataSourceRef"};
	for (size_t i = 0; i < 2; i++)
		if (tree_get(spec, sources[i]))
			check_data_source(cx, tree_get(spec, sources[i]),
			                  arena_printf(cx->a, "%s.%s", sp, sources[i]));
}

/* JOB703, JOB713: a host path source has its path; an image source names
 * its image, which the API server requires of each pod the Job makes
 * (core validateHostPathVolumeSource, validateImageVolumeSource); then the
 * sources of check_nfs, check_csi, check_ephemeral. */
void check_sources(struct job_ctx *cx, const struct tree *v, const char *vp)
{
	const struct tree *hp = tree_get(v, "hostPath");
	if (hp && !tree_get(hp, "path"))
		REP(JOB703, tree_get(hp, "type") ? tree_get(hp, "type") : hp,
		    arena_printf(cx->a, "%s.hostPath.path", vp), "Required value",
		    "host-path-type goes with host-path, the folder of the node it describes");
	const struct tree *img = tree_get(v, "image"), *ref = tree_get(img, "reference");
	if (img && (!ref || !ref->str.len))
		REP(JOB713, ref ? ref : tree_get(img, "pullPolicy") ? tree_get(img, "pullPolicy") : img,
		    arena_printf(cx->a, "%s.image.reference", vp), "Required value",
		    "an image volume needs its image: image = \"registry.example.com/data:1.0\"");
	check_nfs(cx, v, vp);
	check_csi(cx, v, vp);
	check_ephemeral(cx, v, vp);
}
