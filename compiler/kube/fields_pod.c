/* fields_pod.c - the field table: the pod's own blocks (its security
 * context, tolerations, host aliases); see fields.h. */
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

static const struct enum_word fs_group_change_words[] = {
	{"always", "Always", NULL},
	{"on-root-mismatch", "OnRootMismatch", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word supplemental_words[] = {
	{"merge", "Merge", NULL},
	{"strict", "Strict", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word selinux_change_words[] = {
	{"recursive", "Recursive", NULL},
	{"mount-option", "MountOption", NULL},
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
	F("fs-group-change-policy", FT_ENUM, "fsGroupChangePolicy",
	  "always (the volumes' owner is set at every start) or on-root-mismatch (when the root "
	  "folder's differs)", .words = fs_group_change_words),
	F("supplemental-groups-policy", FT_ENUM, "supplementalGroupsPolicy",
	  "merge (the image's /etc/group adds groups) or strict (only those written)",
	  .words = supplemental_words, .since = "1.33"),
	PROFILE_FIELDS("every container"),
	F("selinux-change-policy", FT_ENUM, "seLinuxChangePolicy",
	  "how volumes get the SELinux label: recursive (each file relabelled) or mount-option",
	  .words = selinux_change_words, .since = "1.33"),
	F("sysctls", FT_STRMAP, "sysctls",
	  "namespaced kernel parameters: { \"net.core.somaxconn\" = \"1024\" }",
	  .shape = &shape_sysctls),
};
const struct schema schema_pod_security = {"pod security context", pod_security_fields,
                                                  COUNT(pod_security_fields), NULL, NULL, NULL};

/* ---- pod-level blocks ----------------------------------------------- */

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

