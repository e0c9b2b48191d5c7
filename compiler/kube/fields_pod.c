/* fields_pod.c - the field table: the pod's own blocks (its security
 * context, tolerations, host aliases, DNS config, topology spread
 * constraints and their label selector, resource claims); see fields.h. */
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


/* ---- DNS, spreading, claims --------------------------------------------- */

static const struct field dns_option_fields[] = {
	F("name", FT_STRING, "name", "the resolver option, such as ndots or edns0"),
	F("value", FT_STRING, "value", "its value, when it takes one: \"2\""),
};
const struct schema schema_dns_option = {"DNS option", dns_option_fields,
                                         COUNT(dns_option_fields), NULL, "name", NULL};

static const struct field dns_config_fields[] = {
	F("nameservers", FT_STRLIST, "nameservers",
	  "IP addresses of DNS servers, at most 3, added to the policy's"),
	F("searches", FT_STRLIST, "searches",
	  "search domains, added to the policy's: [\"corp.example.com\"]"),
	F("options", FT_BLOCKS, "options",
	  "resolver options: options { name = \"ndots\"; value = \"2\" }, or [\"edns0\"]",
	  .sub = &schema_dns_option),
};
const struct schema schema_dns_config = {"DNS config", dns_config_fields,
                                         COUNT(dns_config_fields), NULL, NULL, NULL};

static const struct enum_word selector_operator_words[] = {
	{"in", "In", NULL},
	{"not-in", "NotIn", NULL},
	{"exists", "Exists", NULL},
	{"does-not-exist", "DoesNotExist", NULL},
	{NULL, NULL, NULL},
};

static const struct field selector_requirement_fields[] = {
	F("key", FT_STRING, "key", "the label key"),
	F("operator", FT_ENUM, "operator", "in, not-in, exists or does-not-exist",
	  .words = selector_operator_words),
	F("values", FT_STRLIST, "values", "the label values, for in and not-in"),
};
const struct schema schema_selector_requirement = {
	"selector expression", selector_requirement_fields, COUNT(selector_requirement_fields),
	NULL, NULL, NULL};

static const struct field label_selector_fields[] = {
	F("match-labels", FT_STRMAP, "matchLabels", "the pods that have all of these labels"),
	F("match-expressions", FT_BLOCKS, "matchExpressions",
	  "and match each of these: match-expressions { key = \"tier\"; operator = in; values = "
	  "[\"batch\"] }", .sub = &schema_selector_requirement),
};
const struct schema schema_label_selector = {"label selector", label_selector_fields,
                                             COUNT(label_selector_fields), NULL, NULL, NULL};

static const struct enum_word unsatisfiable_words[] = {
	{"do-not-schedule", "DoNotSchedule", NULL},
	{"schedule-anyway", "ScheduleAnyway", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word inclusion_words[] = {
	{"honor", "Honor", NULL},
	{"ignore", "Ignore", NULL},
	{NULL, NULL, NULL},
};

static const struct field topology_spread_fields[] = {
	F("max-skew", FT_INT, "maxSkew",
	  "how many more of the counted pods one domain may have than the emptiest (1 or more)",
	  RANGE(-I32 - 1, I32)),
	F("topology-key", FT_STRING, "topologyKey",
	  "the node label whose values are the domains, such as topology.kubernetes.io/zone"),
	F("when-unsatisfiable", FT_ENUM, "whenUnsatisfiable",
	  "do-not-schedule (wait) or schedule-anyway (prefer the least skew)",
	  .words = unsatisfiable_words),
	F("label-selector", FT_BLOCK, "labelSelector",
	  "the pods counted: label-selector { match-labels { app = \"x\" } }",
	  .sub = &schema_label_selector),
	F("match-label-keys", FT_STRLIST, "matchLabelKeys",
	  "pod label keys: only pods with the new pod's values of these are counted",
	  .since = "1.27"),
	F("min-domains", FT_INT, "minDomains",
	  "with do-not-schedule: fewer domains than this (1 or more) count as having none of the "
	  "pods", RANGE(-I32 - 1, I32), .since = "1.27"),
	F("node-affinity-policy", FT_ENUM, "nodeAffinityPolicy",
	  "honor or ignore the pod's node selector and affinity when counting domains",
	  .words = inclusion_words, .dflt = "honor", .since = "1.26"),
	F("node-taints-policy", FT_ENUM, "nodeTaintsPolicy",
	  "honor (skip nodes whose taints the pod does not tolerate) or ignore node taints",
	  .words = inclusion_words, .dflt = "ignore", .since = "1.26"),
};
const struct schema schema_topology_spread = {"topology spread constraint", topology_spread_fields,
                                              COUNT(topology_spread_fields), NULL, NULL, NULL};

static const struct field resource_claim_fields[] = {
	F("claim", FT_STRING, "resourceClaimName",
	  "an existing ResourceClaim, shared by every pod of the job"),
	F("claim-template", FT_STRING, "resourceClaimTemplateName",
	  "a ResourceClaimTemplate: each pod gets a claim of its own made from it"),
};
const struct schema schema_resource_claim = {"resource claim", resource_claim_fields,
                                             COUNT(resource_claim_fields), NULL, NULL, NULL};
