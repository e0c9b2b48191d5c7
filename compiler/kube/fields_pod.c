/* fields_pod.c - the field table: the pod's own blocks (its security
 * context, volumes, tolerations, host aliases); see fields.h. */
#include "fields_table.h"

/* ---- words ------------------------------------------------------------ */

static const struct enum_word operator_words[] = {
	{"equal", "Equal", NULL},
	{"exists", "Exists", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word effect_words[] = {
	{"no-schedule", "NoSchedule", NULL},
	{"prefer-no-schedule", "PreferNoSchedule", NULL},
	{"no-execute", "NoExecute", NULL},
	{NULL, NULL, NULL},
};

static const struct field pod_security_fields[] = {
	F("run-as-user", FT_INT, "runAsUser", "the user ID every container runs as",
	  RANGE(0, I32), BY(JOB308)),
	F("run-as-group", FT_INT, "runAsGroup", "the group ID every container runs as",
	  RANGE(0, I32), BY(JOB308)),
	F("run-as-non-root", FT_BOOL, "runAsNonRoot", "refuse to start containers as root"),
	F("fs-group", FT_INT, "fsGroup", "the group that owns mounted volumes", RANGE(0, I32),
	  BY(JOB308)),
	F("supplemental-groups", FT_INTLIST, "supplementalGroups",
	  "extra group IDs of every container", RANGE(0, I32), BY(JOB308)),
	F("seccomp", FT_ENUM, "seccompProfile.type", "runtime-default or unconfined",
	  .words = seccomp_words),
};
const struct schema schema_pod_security = {"pod security context", pod_security_fields,
                                                  COUNT(pod_security_fields), NULL, NULL, NULL};

/* A Kubernetes-spelled block: the OpenAPI type of what it holds. */
static const struct schema schema_k8s_volume = {"volume", NULL, 0, NULL, NULL,
                                                "io.k8s.api.core.v1.Volume"};

/* ---- pod-level blocks ----------------------------------------------- */

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

static const struct field toleration_fields[] = {
	F("key", FT_STRING, "key", "the taint key (empty with exists: every taint)"),
	F("operator", FT_ENUM, "operator", "equal or exists", .words = operator_words,
	  .dflt = "equal"),
	F("value", FT_STRING, "value", "the taint value, for equal"),
	F("effect", FT_ENUM, "effect",
	  "no-schedule, prefer-no-schedule or no-execute (empty: all)", .words = effect_words),
	F("seconds", FT_DURATION, "tolerationSeconds",
	  "for no-execute: how long the pod stays after the taint appears", RANGE(-I64, I64)),
};
const struct schema schema_toleration = {"toleration", toleration_fields,
                                                COUNT(toleration_fields), NULL, NULL, NULL};

static const struct field host_alias_fields[] = {
	F("ip", FT_STRING, "ip", "the IP address"),
	F("hostnames", FT_STRLIST, "hostnames", "names that resolve to it"),
};
const struct schema schema_host_alias = {"host alias", host_alias_fields,
                                                COUNT(host_alias_fields), NULL, NULL, NULL};

