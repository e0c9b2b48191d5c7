/* fields_volume.c - the field table: a volume block, its sources and its
 * mount in the main container; see fields.h. */
#include "fields_table.h"

#include "image.h"
#include "tree.h"

/* ---- words ------------------------------------------------------------ */

static const struct enum_word host_path_words[] = {
	{"unchecked", "", NULL},
	{"directory-or-create", "DirectoryOrCreate", NULL},
	{"directory", "Directory", NULL},
	{"file-or-create", "FileOrCreate", NULL},
	{"file", "File", NULL},
	{"socket", "Socket", NULL},
	{"char-device", "CharDevice", NULL},
	{"block-device", "BlockDevice", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word propagation_words[] = {
	{"none", "None", NULL},
	{"host-to-container", "HostToContainer", NULL},
	{"bidirectional", "Bidirectional", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word recursive_words[] = {
	{"disabled", "Disabled", NULL},
	{"if-possible", "IfPossible", NULL},
	{"enabled", "Enabled", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word volume_mode_words[] = {
	{"filesystem", "Filesystem", NULL},
	{"block", "Block", NULL},
	{NULL, NULL, NULL},
};

/* SetDefaults_Volume: an image volume's pull policy is Always for a
 * :latest (or untagged) reference, else IfNotPresent. */
static struct tree *default_image_pull(struct arena *a, const struct field *f,
                                       const struct tree *vol)
{
	(void)f;
	const struct tree *ref = tree_path(vol, "image.reference");
	if (!ref || ref->kind != TREE_STR)
		return NULL;
	struct image_ref r;
	image_parse(ref->str.s, ref->str.len, &r);
	return tree_cstr(a, image_default_pull(&r));
}

/* SetDefaults_HostPathVolumeSource: a host path's type is HostPathUnset,
 * "" (no check). */
static struct tree *default_host_path_type(struct arena *a, const struct field *f,
                                           const struct tree *vol)
{
	(void)f;
	return tree_get(vol, "hostPath") ? tree_cstr(a, "") : NULL;
}

/* ---- the sources that are blocks ------------------------------------------ */

static const struct field nfs_fields[] = {
	F("server", FT_STRING, "server", "the NFS server's host name or IP address"),
	F("path", FT_STRING, "path", "the exported folder, an absolute path"),
	F("read-only", FT_BOOL, "readOnly", "export it read-only", .dflt = "false"),
};
const struct schema schema_nfs = {"nfs source", nfs_fields, COUNT(nfs_fields), NULL, NULL,
                                  NULL};

static const struct field csi_fields[] = {
	F("driver", FT_STRING, "driver", "the CSI driver, such as secrets-store.csi.k8s.io"),
	F("read-only", FT_BOOL, "readOnly", "a read-only volume", .dflt = "false"),
	F("fs-type", FT_STRING, "fsType", "the filesystem, such as ext4 (the driver's choice)"),
	F("attributes", FT_STRMAP, "volumeAttributes",
	  "the driver's settings: { secretProviderClass = \"vault-db\" }"),
	F("node-publish-secret", FT_STRING, "nodePublishSecretRef.name",
	  "a Secret the driver reads when it mounts the volume"),
};
const struct schema schema_csi = {"csi source", csi_fields, COUNT(csi_fields), NULL, NULL,
                                  NULL};

static const struct field claim_fields[] = {
	F("storage", FT_QUANTITY, "spec.resources.requests.storage", "the size to claim, such as 10Gi"),
	F("access-modes", FT_STRLIST, "spec.accessModes",
	  "how it may be mounted: [\"ReadWriteOnce\"], ReadOnlyMany, ReadWriteMany or "
	  "ReadWriteOncePod"),
	F("storage-class", FT_STRING, "spec.storageClassName",
	  "the StorageClass that provisions it (none: the cluster's default)"),
	F("volume-mode", FT_ENUM, "spec.volumeMode", "filesystem or block (a raw device)",
	  .words = volume_mode_words, .api = DEF_STR("Filesystem")),
	F("labels", FT_STRMAP, "metadata.labels", "labels of the claim"),
	F("annotations", FT_STRMAP, "metadata.annotations", "annotations of the claim"),
};
const struct schema schema_claim = {"ephemeral claim", claim_fields, COUNT(claim_fields), NULL,
                                    NULL, NULL};

/* ---- projected: its sources -------------------------------------------------- */

static const struct field token_fields[] = {
	F("path", FT_STRING, "path", "the token's file, relative to the mount"),
	F("audience", FT_STRING, "audience",
	  "whom the token is for (none: the API server's own audience)"),
	F("expiration", FT_DURATION, "expirationSeconds",
	  "how long the token is valid, 10m to 2^32s; the kubelet renews it", RANGE(-I64, I64),
	  BY(JOB717), .api = DEF_INT(3600)),
	F("user", FT_INT, "user",
	  "the file's owner (alpha: the AtomicWriteVolumeUserFields gate, off by default)",
	  RANGE(-I64, I64)),
};
const struct schema schema_token = {"service account token", token_fields,
                                    COUNT(token_fields), NULL, NULL, NULL};

static const struct schema schema_k8s_trust_bundle = {
	"cluster trust bundle", NULL, 0, NULL, NULL, "io.k8s.api.core.v1.ClusterTrustBundleProjection"};
static const struct schema schema_k8s_pod_certificate = {
	"pod certificate", NULL, 0, NULL, NULL, "io.k8s.api.core.v1.PodCertificateProjection"};

/* The files of a ConfigMap or Secret source (F_SOURCE: in its map). */
#define ITEMS_FIELD                                                                                \
	F("items", FT_STRMAP, "items",                                                             \
	  "only these keys, as these files: { key = \"file/path\" } (or { path = \"...\", mode = "  \
	  "0o400 }; a list of them for a key in two files), or the list as Kubernetes writes it", \
	  .flags = F_SOURCE, .shape = &shape_items)
#define OPTIONAL_FIELD                                                                             \
	F("optional", FT_BOOL, "optional",                                                         \
	  "the ConfigMap or Secret may be missing (the files are then too)", .flags = F_SOURCE)
#define DOWNWARD_FIELD                                                                             \
	F("downward-api", FT_ENVMAP, "downwardAPI.items",                                          \
	  "the pod's fields as files: { \"labels\" = field(\"metadata.labels\"), \"cpu\" = "        \
	  "resource(\"limits.cpu\", \"1m\", \"main\") } ({} for none)",                            \
	  .shape = &shape_downward_api)

static const struct field projection_fields[] = {
	F("configmap", FT_STRING, "configMap.name", "a ConfigMap's keys as files"),
	F("secret", FT_STRING, "secret.name", "a Secret's keys as files"),
	ITEMS_FIELD,
	OPTIONAL_FIELD,
	F("token", FT_BLOCK, "serviceAccountToken",
	  "a token of the pod's service account, for an audience", .sub = &schema_token),
	DOWNWARD_FIELD,
	F("cluster-trust-bundle", FT_RAW, "clusterTrustBundle",
	  "certificates of ClusterTrustBundles, as Kubernetes writes them (off by default: the "
	  "ClusterTrustBundleProjection gate)", .sub = &schema_k8s_trust_bundle),
	F("pod-certificate", FT_RAW, "podCertificate",
	  "a key and certificate of the pod, as Kubernetes writes them (the PodCertificateRequest "
	  "gate)", .sub = &schema_k8s_pod_certificate),
};
const struct schema schema_projection = {"projected source", projection_fields,
                                         COUNT(projection_fields), NULL, NULL, NULL};

/* ---- the volume block ---------------------------------------------------- */

/* A Kubernetes-spelled block: the OpenAPI type of what it holds. */
static const struct schema schema_k8s_volume = {"volume", NULL, 0, NULL, NULL,
                                                "io.k8s.api.core.v1.Volume"};

static const struct field volume_fields[] = {
	F("configmap", FT_STRING, "configMap.name", "a ConfigMap's keys as files"),
	F("secret", FT_STRING, "secret.secretName", "a Secret's keys as files"),
	ITEMS_FIELD,
	OPTIONAL_FIELD,
	F("default-mode", FT_INT, "defaultMode",
	  "file mode of the ConfigMap, Secret, projected or downward-api files, such as 0o440",
	  RANGE(0, 0777), BY(JOB703), .dflt = "0o644", .api = DEF_INT(420),
	  .flags = F_SOURCE | F_FILES | F_MODE, .shape = &shape_default_mode,
	  .planton_zero = "default-mode = 0 cannot be written for Planton: Planton leaves out a 0, "
	  "so the files would get mode 0o644"),
	F("empty-dir", FT_BOOL, "emptyDir", "an empty folder that lives as long as the pod",
	  .shape = &shape_empty_dir),
	F("memory", FT_BOOL, "emptyDir.medium", "an empty-dir in memory (tmpfs)", .dflt = "false",
	  .shape = &shape_memory),
	F("size-limit", FT_QUANTITY, "emptyDir.sizeLimit", "the most an empty-dir may hold"),
	F("dir-mode", FT_INT, "emptyDir.mode",
	  "the permission bits of an empty-dir's folder, 0 to 0o1777, such as 0o1777 for a shared "
	  "/tmp (alpha: the EmptyDirVolumeMode gate, off by default)", RANGE(0, 01777), BY(JOB718),
	  .dflt = "0o777", .flags = F_MODE, .shape = &shape_default_mode),
	F("pvc", FT_STRING, "persistentVolumeClaim.claimName", "a PersistentVolumeClaim"),
	F("host-path", FT_STRING, "hostPath.path", "a folder of the node"),
	F("host-path-type", FT_ENUM, "hostPath.type",
	  "what host-path must be: directory, file, socket, char-device, block-device, their "
	  "-or-create forms, or unchecked", .words = host_path_words, .dflt = "unchecked",
	  .api = DEF_FN(default_host_path_type)),
	F("source", FT_BLOCKS, "projected.sources",
	  "a projected volume: each block one source (configmap, secret, token, downward-api), "
	  "their files in one folder (source = [] for none)", .sub = &schema_projection,
	  .shape = &shape_projection),
	DOWNWARD_FIELD,
	F("nfs", FT_BLOCK, "nfs", "an NFS export: nfs { server = \"nfs.example.com\"; path = "
	  "\"/exports\" }", .sub = &schema_nfs),
	F("csi", FT_BLOCK, "csi", "a volume of a CSI driver that lives as long as the pod",
	  .sub = &schema_csi),
	F("ephemeral", FT_BLOCK, "ephemeral.volumeClaimTemplate",
	  "a PersistentVolumeClaim made for the pod and deleted with it", .sub = &schema_claim),
	F("image", FT_STRING, "image.reference",
	  "an OCI image or artifact whose files the volume holds, read-only", .since = "1.35"),
	F("pull-policy", FT_ENUM, "image.pullPolicy",
	  "of the image volume: always, if-not-present or never", .words = pull_words,
	  .dflt = "always for :latest or no tag, else if-not-present",
	  .api = DEF_FN(default_image_pull), .since = "1.35"),
	F("mount", FT_STRING, "mountPath", "where the job's main container sees it",
	  .flags = F_MOUNT),
	F("read-only", FT_BOOL, "readOnly", "mount it read-only", .dflt = "false",
	  .flags = F_MOUNT, .shape = &shape_read_only),
	F("sub-path", FT_STRING, "subPath", "mount only this path inside the volume",
	  .flags = F_MOUNT),
	F("sub-path-expr", FT_STRING, "subPathExpr",
	  "sub-path with $(VAR) taken from the container's environment", .flags = F_MOUNT),
	F("mount-propagation", FT_ENUM, "mountPropagation",
	  "none, host-to-container (mounts the node makes later appear) or bidirectional "
	  "(privileged only)", .words = propagation_words, .flags = F_MOUNT),
	F("recursive-read-only", FT_ENUM, "recursiveReadOnly",
	  "with read-only: disabled, if-possible or enabled (the mounts inside it read-only too)",
	  .words = recursive_words, .since = "1.31", .flags = F_MOUNT),
	F("bind-mount-options", FT_STRLIST, "bindMountOptions",
	  "noexec, nodev or nosuid: bind-mount options of the main container's mount, not of an image "
	  "volume (alpha: the VolumeBindMountOptions gate, off by default)", .flags = F_MOUNT),
	F("volume-source", FT_RAW, "",
	  "the volume's other fields, as Kubernetes writes them: iscsi, fc, cephfs, ...",
	  .sub = &schema_k8s_volume, .flags = F_MERGE),
};
const struct schema schema_volume = {"volume", volume_fields, COUNT(volume_fields), NULL,
                                            NULL, NULL};
