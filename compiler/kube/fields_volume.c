/* fields_volume.c - the field table: a volume block, its sources and its
 * mount in the main container; see fields.h. */
#include "fields_table.h"

/* A Kubernetes-spelled block: the OpenAPI type of what it holds. */
static const struct schema schema_k8s_volume = {"volume", NULL, 0, NULL, NULL,
                                                "io.k8s.api.core.v1.Volume"};

static const struct field volume_fields[] = {
	F("configmap", FT_STRING, "configMap.name", "a ConfigMap's keys as files"),
	F("secret", FT_STRING, "secret.secretName", "a Secret's keys as files"),
	F("items", FT_STRMAP, "items",
	  "only these keys of the ConfigMap or Secret: { key = \"file/path\" }",
	  .flags = F_SOURCE, .shape = &shape_items),
	F("default-mode", FT_INT, "defaultMode",
	  "file mode of the ConfigMap or Secret files, such as 0o440", RANGE(0, 511), BY(JOB703),
	  .dflt = "0o644", .api = DEF_INT(420), .flags = F_SOURCE, .shape = &shape_default_mode,
	  .planton_zero = "default-mode = 0 cannot be written for Planton: Planton leaves out a 0, "
	  "so the files would get mode 0o644"),
	F("empty-dir", FT_BOOL, "emptyDir", "an empty folder that lives as long as the pod",
	  .shape = &shape_empty_dir),
	F("memory", FT_BOOL, "emptyDir.medium", "an empty-dir in memory (tmpfs)", .dflt = "false",
	  .shape = &shape_memory),
	F("size-limit", FT_QUANTITY, "emptyDir.sizeLimit", "the most an empty-dir may hold"),
	F("pvc", FT_STRING, "persistentVolumeClaim.claimName", "a PersistentVolumeClaim"),
	F("host-path", FT_STRING, "hostPath.path", "a folder of the node"),
	F("mount", FT_STRING, "mountPath", "where the job's main container sees it",
	  .flags = F_MOUNT),
	F("read-only", FT_BOOL, "readOnly", "mount it read-only", .dflt = "false",
	  .flags = F_MOUNT, .shape = &shape_read_only),
	F("sub-path", FT_STRING, "subPath", "mount only this path inside the volume",
	  .flags = F_MOUNT),
	F("volume-source", FT_RAW, "",
	  "the volume's other fields, as Kubernetes writes them: projected, csi, ephemeral, "
	  "nfs, ...", .sub = &schema_k8s_volume, .flags = F_MERGE),
};
const struct schema schema_volume = {"volume", volume_fields, COUNT(volume_fields), NULL,
                                            NULL, NULL};
