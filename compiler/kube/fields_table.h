/* fields_table.h - what the files of the field table share: the macros
 * its entries are written with, and the schemas one file's table points at
 * in another's.  fields.c holds the Job's table (and the lookups),
 * fields_pod.c the pod's blocks, fields_volume.c a volume's,
 * fields_container.c a container's; only these four include this header. */
#ifndef JOBC_FIELDS_TABLE_H
#define JOBC_FIELDS_TABLE_H

#include "fields.h"

#define I32 2147483647LL
#define I64 9223372036854775807LL
#define COUNT(a) (sizeof(a) / sizeof *(a))

/* A field: name, type, Kubernetes path (from the schema's root), doc; then
 * what else it has, by name (fields.h says what each means). */
#define F(n, t, k, d, ...) {.name = n, .type = t, .k8s = k, .doc = d, __VA_ARGS__}
/* FT_INT, FT_DURATION, FT_INTLIST: the range, and the rule that enforces it. */
#define RANGE(lo, hi) .min = (lo), .max = (hi)
#define BY(id) .range_rule = &rules[R_##id]
/* The API server's default (struct api_default). */
#define DEF_INT(v) {.kind = D_INT, .i = (v)}
#define DEF_BOOL(v) {.kind = D_BOOL, .i = (v)}
#define DEF_STR(v) {.kind = D_STR, .s = (v)}
#define DEF_MAP {.kind = D_MAP}
#define DEF_FN(f) {.kind = D_FN, .fn = (f)}
/* ... whose usual value (the docs show it) is v */
#define DEF_FN_INT(f, v) {.kind = D_FN, .fn = (f), .i = (v)}

/* fields_container.c */
extern const struct enum_word seccomp_words[], apparmor_words[], pull_words[];
extern const struct schema schema_http, schema_probe, schema_handler, schema_security,
	schema_port, schema_selinux;
/* fields_pod.c */
extern const struct schema schema_pod_security, schema_toleration, schema_host_alias;
extern const struct schema schema_dns_config, schema_dns_option, schema_topology_spread,
	schema_label_selector, schema_selector_requirement, schema_resource_claim;
/* fields_volume.c */
extern const struct schema schema_nfs, schema_csi, schema_claim, schema_token;

/* What a container's security context and the pod's share: the profiles
 * that confine the processes (seccomp, AppArmor) and the SELinux context
 * (ValidateSecurityContext and validatePodSpecSecurityContext check both
 * alike); `who` is whom they apply to, for the docs. */
#define PROFILE_FIELDS(who)                                                                        \
	F("seccomp", FT_ENUM, "seccompProfile.type",                                               \
	  "the seccomp profile of " who ": runtime-default, unconfined or localhost",              \
	  .words = seccomp_words),                                                                 \
	F("seccomp-profile", FT_STRING, "seccompProfile.localhostProfile",                         \
	  "with seccomp = localhost: the profile's file, relative to the kubelet's seccomp "       \
	  "folder"),                                                                               \
	F("apparmor", FT_ENUM, "appArmorProfile.type",                                             \
	  "the AppArmor profile of " who ": runtime-default, unconfined or localhost",             \
	  .words = apparmor_words, .since = "1.30"),                                               \
	F("apparmor-profile", FT_STRING, "appArmorProfile.localhostProfile",                       \
	  "with apparmor = localhost: the name of a profile loaded on the node", .since = "1.30"), \
	F("selinux", FT_BLOCK, "seLinuxOptions", "the SELinux context of " who,                    \
	  .sub = &schema_selinux)

#endif
