/* fields.c - the field table; see fields.h.
 *
 * Kubernetes paths, defaults and versions follow the batch/v1 API; the
 * generated docs/fields.md shows this table, and docs/kubernetes.md says
 * where jobc departs from the reference.  Versions are those in which a
 * feature is on by default (beta or GA), which is what `--kube-version`
 * checks.
 */
#include "fields_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "units.h"

/* ---- words ------------------------------------------------------------ */

static const struct enum_word restart_words[] = {
	{"never", "Never", NULL},
	{"on-failure", "OnFailure", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word replace_words[] = {
	{"when-failed", "Failed", NULL},
	{"when-terminating-or-failed", "TerminatingOrFailed", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word concurrency_words[] = {
	{"allow", "Allow", NULL},
	{"forbid", "Forbid", NULL},
	{"replace", "Replace", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word dns_words[] = {
	{"cluster-first", "ClusterFirst", NULL},
	{"cluster-first-with-host-net", "ClusterFirstWithHostNet", NULL},
	{"default", "Default", NULL},
	{"none", "None", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word preemption_words[] = {
	{"preempt-lower-priority", "PreemptLowerPriority", NULL},
	{"never", "Never", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word suffix_words[] = {
	{"none", "none", NULL},
	{"hash", "hash", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word os_words[] = {
	{"linux", "linux", NULL},
	{"windows", "windows", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word action_words[] = {
	{"fail-job", "FailJob", NULL},
	{"fail-index", "FailIndex", "1.29"},
	{"ignore", "Ignore", NULL},
	{"count", "Count", NULL},
	{NULL, NULL, NULL},
};

/* ---- defaults that depend on other fields -------------------------------- */

/* SetDefaults_Job: backoffLimit is the table's (6), or MaxInt32 with
 * backoffLimitPerIndex. */
static struct tree *default_backoff_limit(struct arena *a, const struct field *f,
                                          const struct tree *job)
{
	return tree_int(a, tree_path(job, "spec.backoffLimitPerIndex") ? I32 : f->api.i);
}

/* SetDefaults_Job: a Job that sets neither completions nor parallelism
 * runs one pod to completion (completions 1). */
static struct tree *default_completions(struct arena *a, const struct field *f,
                                        const struct tree *job)
{
	return tree_path(job, "spec.parallelism") ? NULL : tree_int(a, f->api.i);
}

/* SetDefaults_Job: Failed with a pod failure policy (a pod must be
 * terminal before it is matched against the rules), else
 * TerminatingOrFailed. */
static struct tree *default_pod_replacement(struct arena *a, const struct field *f,
                                            const struct tree *job)
{
	(void)f;
	return tree_cstr(a, tree_path(job, "spec.podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
}

/* ---- the Job's own blocks ------------------------------------------- */

/* Kubernetes-spelled blocks: the OpenAPI type of what they hold. */
static const struct schema schema_k8s_meta = {"metadata", NULL, 0, NULL, NULL,
                                              "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"};
static const struct schema schema_k8s_job_spec = {"Job spec", NULL, 0, NULL, NULL,
                                                  "io.k8s.api.batch.v1.JobSpec"};
static const struct schema schema_k8s_pod_spec = {"pod spec", NULL, 0, NULL, NULL,
                                                  "io.k8s.api.core.v1.PodSpec"};

static const struct field failure_rule_fields[] = {
	F("action", FT_ENUM, "action", "fail-job, fail-index, ignore or count",
	  .words = action_words),
	F("exit-codes", FT_INTLIST, "onExitCodes.values",
	  "match when a container exits with one of these codes", RANGE(-I32 - 1, I32),
	  .shape = &shape_exit_codes),
	F("exit-codes-not-in", FT_INTLIST, "onExitCodes.values",
	  "match when a container exits with none of these codes", RANGE(-I32 - 1, I32),
	  .shape = &shape_exit_codes_not_in),
	F("container", FT_STRING, "onExitCodes.containerName",
	  "only this container's exit code counts"),
	F("conditions", FT_STRLIST, "onPodConditions",
	  "match pods with one of these conditions, such as \"DisruptionTarget\"",
	  .shape = &shape_conditions),
};
static const struct schema schema_failure_rule = {"failure rule", failure_rule_fields,
                                                  COUNT(failure_rule_fields), NULL, NULL, NULL};

static const struct field success_rule_fields[] = {
	F("indexes", FT_STRING, "succeededIndexes",
	  "these indexes must succeed, such as \"0-3,7\""),
	F("count", FT_INT, "succeededCount", "this many indexes must succeed", RANGE(0, I32),
	  BY(JOB117)),
};
static const struct schema schema_success_rule = {"success rule", success_rule_fields,
                                                  COUNT(success_rule_fields), NULL, NULL, NULL};

static const struct schema schema_affinity = {"affinity", NULL, 0, NULL, NULL,
                                              "io.k8s.api.core.v1.Affinity"};

/* ---- Project Planton ----------------------------------------------------- */

/* The planton { } block: what only a Planton manifest (--emit planton) has.
 * Its paths are Planton paths from the manifest's root. */
static const struct enum_word provisioner_words[] = {
	{"pulumi", "pulumi", NULL},
	{"tofu", "tofu", NULL},
	{"terraform", "terraform", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word cluster_kind_words[] = {
	{"aks", "AzureAksCluster", NULL},
	{"eks", "AwsEksCluster", NULL},
	{"gke", "GcpGkeCluster", NULL},
	{"digitalocean", "DigitalOceanKubernetesCluster", NULL},
	{"civo", "CivoKubernetesCluster", NULL},
	{NULL, NULL, NULL},
};

static const struct field planton_fields[] = {
	F("org", FT_STRING, "metadata.org",
	  "the Planton organization (label planton.ai/organization)", .planton = "metadata.org"),
	F("env", FT_STRING, "metadata.env",
	  "the Planton environment (label planton.ai/environment)", .planton = "metadata.env"),
	F("id", FT_STRING, "metadata.id", "the Planton resource ID", .planton = "metadata.id"),
	F("provisioner", FT_ENUM, "provisioner",
	  "pulumi, tofu or terraform: how Planton deploys it", .words = provisioner_words,
	  .planton = "metadata.labels[project-planton.org/provisioner]"),
	F("labels", FT_STRMAP, "metadata.labels",
	  "labels of the Planton manifest (Planton reads its settings from them)",
	  .planton = "metadata.labels"),
	F("annotations", FT_STRMAP, "metadata.annotations", "annotations of the Planton manifest",
	  .planton = "metadata.annotations"),
	F("create-namespace", FT_BOOL, "spec.createNamespace", "let Planton create the namespace",
	  .planton = "spec.createNamespace", .api = DEF_BOOL(false)),
	F("config-maps", FT_STRMAP, "spec.configMaps",
	  "ConfigMaps Planton creates beside the job: { name = \"content\" }, mounted with "
	  "volume", .planton = "spec.configMaps"),
	F("cluster", FT_STRING, "spec.targetCluster.clusterName",
	  "the target cluster's name (with cluster-kind)",
	  .planton = "spec.targetCluster.clusterName"),
	F("cluster-kind", FT_ENUM, "spec.targetCluster.clusterKind",
	  "the target cluster's kind: aks, eks, gke, digitalocean or civo",
	  .words = cluster_kind_words, .planton = "spec.targetCluster.clusterKind"),
};
static const struct schema schema_planton = {"planton block", planton_fields,
                                             COUNT(planton_fields), NULL, NULL, NULL};

/* ---- the job ------------------------------------------------------------ */

static const struct field job_fields[] = {
	F("namespace", FT_STRING, "metadata.namespace", "namespace the Job is created in",
	  .planton = "spec.namespace.value"),
	F("generate-name", FT_STRING, "metadata.generateName",
	  "name the Job with this prefix and 5 random characters, left to Kubernetes (kubectl "
	  "create; kubectl apply needs a name)"),
	F("name-suffix", FT_ENUM, "",
	  "hash: the Job's name ends with a hash of what Kubernetes will not let an applied Job "
	  "change (its pod template, ...), so that a changed job is a new Job (docs/reapply.md)",
	  .words = suffix_words, .dflt = "none", .flags = F_SETTING),
	F("labels", FT_STRMAP, "metadata.labels", "labels of the Job, also put on its pods",
	  .planton = "metadata.labels", .shape = &shape_labels),
	F("job-labels", FT_STRMAP, "metadata.labels",
	  "labels of the Job only, not put on its pods", .planton = "metadata.labels",
	  .flags = F_ASIDE, .shape = &shape_labels_part),
	F("pod-labels", FT_STRMAP, "spec.template.metadata.labels", "labels of the pods only",
	  .shape = &shape_labels_part),
	F("annotations", FT_STRMAP, "metadata.annotations", "annotations of the Job",
	  .planton = "metadata.annotations"),
	F("pod-annotations", FT_STRMAP, "spec.template.metadata.annotations",
	  "annotations of the pods only"),
	F("container-name", FT_STRING, "spec.template.spec.containers[0].name",
	  "name of the main container, when the job name cannot be one (it has dots)",
	  .dflt = "the job name", .shape = &shape_container_name),
	F("indexed", FT_BOOL, "spec.completionMode",
	  "give each pod an index 0..completions-1 (completionMode: Indexed)", .since = "1.22",
	  .dflt = "false", .planton = "spec.completionMode", .api = DEF_STR("NonIndexed"),
	  .shape = &shape_indexed, .flags = F_PLANTON_NO_CRON),
	F("restart", FT_ENUM, "spec.template.spec.restartPolicy",
	  "when a container fails: never (a new pod) or on-failure (restart it in place)",
	  .words = restart_words, .planton = "spec.restartPolicy", .api = DEF_STR("Never"),
	  .flags = F_WRITTEN, .shape = &shape_restart),
	F("retries", FT_INT, "spec.backoffLimit", "pod failures before the Job is marked failed",
	  RANGE(0, I32), BY(JOB102), .planton = "spec.backoffLimit",
	  .api = DEF_FN_INT(default_backoff_limit, 6)),
	F("retries-per-index", FT_INT, "spec.backoffLimitPerIndex",
	  "indexed jobs: failures of one index before that index fails", RANGE(0, I32),
	  BY(JOB102), .since = "1.29"),
	F("max-failed-indexes", FT_INT, "spec.maxFailedIndexes",
	  "indexed jobs: failed indexes before the Job fails", RANGE(0, I32), BY(JOB102),
	  .since = "1.29"),
	F("completions", FT_INT, "spec.completions", "successful pods (or indexes) the Job needs",
	  RANGE(0, I32), BY(JOB102), .planton = "spec.completions",
	  .api = DEF_FN_INT(default_completions, 1), .flags = F_PLANTON_NO_CRON,
	  .planton_zero = "completions = 0 cannot be written for Planton: Planton leaves out a "
	  "0, so the job would need one completion"),
	F("parallelism", FT_INT, "spec.parallelism", "pods that may run at once", RANGE(0, I32),
	  BY(JOB102), .planton = "spec.parallelism", .api = DEF_INT(1),
	  .flags = F_PLANTON_NO_CRON,
	  .planton_zero = "parallelism = 0 cannot be written for Planton: Planton leaves out a "
	  "0, so one pod would run; suspend = true creates the job paused"),
	F("deadline", FT_DURATION, "spec.activeDeadlineSeconds",
	  "how long the Job may run before it is stopped and marked failed", RANGE(0, I64),
	  BY(JOB102), .planton = "spec.activeDeadlineSeconds", .flags = F_PLANTON_NO_CRON,
	  .planton_default = DEF_INT(0),
	  .planton_zero = "deadline = 0 cannot be written for Planton: Planton leaves out a 0, "
	  "so the job would have no deadline"),
	F("ttl", FT_DURATION, "spec.ttlSecondsAfterFinished",
	  "how long a finished Job is kept before it is deleted", RANGE(0, I32), BY(JOB102),
	  .planton = "spec.ttlSecondsAfterFinished", .flags = F_PLANTON_NO_CRON,
	  .planton_default = DEF_INT(0),
	  .planton_zero = "ttl = 0 (delete the Job as soon as it finishes) cannot be written "
	  "for Planton: Planton leaves out a 0, which keeps the Job forever"),
	F("replace-pods", FT_ENUM, "spec.podReplacementPolicy",
	  "start a replacement pod when-failed or when-terminating-or-failed",
	  .words = replace_words, .since = "1.29",
	  .dflt = "when-terminating-or-failed (when-failed with failure rules)",
	  .api = DEF_FN(default_pod_replacement)),
	F("managed-by", FT_STRING, "spec.managedBy",
	  "the controller that runs the Job, such as kueue.x-k8s.io/multikueue", .since = "1.32"),
	F("service-account", FT_STRING, "spec.template.spec.serviceAccountName",
	  "the service account the pods run as", .dflt = "default"),
	F("automount-token", FT_BOOL, "spec.template.spec.automountServiceAccountToken",
	  "mount the service account's API token in the pods (false: no token)"),
	F("node-selector", FT_STRMAP, "spec.template.spec.nodeSelector",
	  "run only on nodes with these labels"),
	F("affinity", FT_RAW, "spec.template.spec.affinity",
	  "node and pod affinity, written as Kubernetes writes it", .sub = &schema_affinity),
	F("priority-class", FT_STRING, "spec.template.spec.priorityClassName",
	  "the PriorityClass of the pods"),
	F("dns-policy", FT_ENUM, "spec.template.spec.dnsPolicy",
	  "cluster-first, cluster-first-with-host-net, default or none", .words = dns_words,
	  .api = DEF_STR("ClusterFirst")),
	F("dns-config", FT_BLOCK, "spec.template.spec.dnsConfig",
	  "resolver settings added to the policy's (with dns-policy = none, the only ones): "
	  "nameservers, searches, options", .sub = &schema_dns_config),
	F("termination-grace", FT_DURATION, "spec.template.spec.terminationGracePeriodSeconds",
	  "time between SIGTERM and SIGKILL when a pod stops", RANGE(0, I64), BY(JOB208),
	  .api = DEF_INT(30)),
	F("pod-deadline", FT_DURATION, "spec.template.spec.activeDeadlineSeconds",
	  "how long each pod may run", RANGE(1, I32), BY(JOB207)),
	F("manual-selector", FT_BOOL, "spec.manualSelector",
	  "use selector instead of the selector Kubernetes generates", .api = DEF_BOOL(false),
	  .shape = &shape_manual_selector),
	F("selector", FT_STRMAP, "spec.selector.matchLabels",
	  "with manual-selector: the labels that select the Job's pods",
	  .shape = &shape_selector),
	F("failure-rule", FT_BLOCKS, "spec.podFailurePolicy.rules",
	  "what a pod failure means, first match wins; repeat the block for more rules "
	  "(failure-rule = []: a policy with no rules)", .flags = F_KEEP_EMPTY,
	  .sub = &schema_failure_rule, .since = "1.26"),
	F("success-rule", FT_BLOCKS, "spec.successPolicy.rules",
	  "indexed jobs: when the Job counts as succeeded; repeat the block for more rules",
	  RANGE(1, 20), BY(JOB116), .sub = &schema_success_rule, .since = "1.31"),
	F("tolerations", FT_BLOCKS, "spec.template.spec.tolerations",
	  "taints the pods tolerate: tolerations { key = \"gpu\"; operator = exists }",
	  .sub = &schema_toleration),
	F("host-aliases", FT_BLOCKS, "spec.template.spec.hostAliases",
	  "extra /etc/hosts entries: host-aliases { ip = \"10.0.0.1\"; hostnames = [\"db\"] }",
	  .sub = &schema_host_alias),
	F("hostname", FT_STRING, "spec.template.spec.hostname",
	  "the pods' hostname (an indexed job's pods get <job>-<index> instead)",
	  .dflt = "the pod's name"),
	F("subdomain", FT_STRING, "spec.template.spec.subdomain",
	  "with a headless Service of this name, each pod resolves as "
	  "<hostname>.<subdomain>.<namespace>.svc"),
	F("hostname-as-fqdn", FT_BOOL, "spec.template.spec.setHostnameAsFQDN",
	  "make the pods' hostname their fully qualified domain name", .dflt = "false"),
	F("host-network", FT_BOOL, "spec.template.spec.hostNetwork",
	  "use the node's network (with dns-policy = cluster-first-with-host-net to keep cluster "
	  "DNS)", .dflt = "false"),
	F("host-pid", FT_BOOL, "spec.template.spec.hostPID", "see the node's processes",
	  .dflt = "false"),
	F("host-ipc", FT_BOOL, "spec.template.spec.hostIPC", "use the node's IPC namespace",
	  .dflt = "false"),
	F("share-process-namespace", FT_BOOL, "spec.template.spec.shareProcessNamespace",
	  "one process namespace for all the pod's containers", .dflt = "false"),
	F("host-users", FT_BOOL, "spec.template.spec.hostUsers",
	  "false: the pods run in a user namespace of their own", .dflt = "true",
	  .since = "1.33"),
	F("service-links", FT_BOOL, "spec.template.spec.enableServiceLinks",
	  "put the namespace's Services in the environment (FOO_SERVICE_HOST, ...)",
	  .dflt = "true"),
	F("node", FT_STRING, "spec.template.spec.nodeName",
	  "run the pods on this node, without the scheduler"),
	F("scheduler", FT_STRING, "spec.template.spec.schedulerName",
	  "the scheduler that places the pods", .api = DEF_STR("default-scheduler")),
	F("runtime-class", FT_STRING, "spec.template.spec.runtimeClassName",
	  "the RuntimeClass the pods run with, such as gvisor"),
	F("preemption", FT_ENUM, "spec.template.spec.preemptionPolicy",
	  "preempt-lower-priority or never: whether the pods may evict lower-priority pods",
	  .words = preemption_words, .dflt = "the priority class's"),
	F("os", FT_ENUM, "spec.template.spec.os.name", "linux or windows: the OS the pods need",
	  .words = os_words, .since = "1.24"),
	F("scheduling-gates", FT_STRLIST, "spec.template.spec.schedulingGates",
	  "the pods are not scheduled until a controller removes these (Kueue, ...)",
	  .since = "1.27", .shape = &shape_scheduling_gates),
	F("readiness-gates", FT_STRLIST, "spec.template.spec.readinessGates",
	  "pod conditions that must also be True for the pods to be ready",
	  .shape = &shape_readiness_gates),
	F("topology-spread", FT_BLOCKS, "spec.template.spec.topologySpreadConstraints",
	  "spread the pods over zones or nodes: topology-spread { max-skew = 1; topology-key = "
	  "\"topology.kubernetes.io/zone\"; when-unsatisfiable = do-not-schedule; label-selector "
	  "{ ... } }; repeat the block for more", .sub = &schema_topology_spread),
	F("image-pull-secrets", FT_STRLIST, "spec.template.spec.imagePullSecrets",
	  "Secrets holding registry credentials", .shape = &shape_image_pull_secrets),
	F("pod-security", FT_BLOCK, "spec.template.spec.securityContext",
	  "the pod's security context", .sub = &schema_pod_security, .api = DEF_MAP),
	F("volume", FT_NAMED, "spec.template.spec.volumes",
	  "volume NAME { pvc = \"claim\"; mount = \"/data\" }", .sub = &schema_volume,
	  .planton = "spec.volumeMounts", .shape = &shape_volume),
	F("container", FT_NAMED, "spec.template.spec.containers",
	  "container NAME { ... }: another container beside the main one",
	  .sub = &schema_container),
	F("init", FT_NAMED, "spec.template.spec.initContainers",
	  "init NAME { ... }: runs to completion before the others (or beside them: sidecar)",
	  .sub = &schema_init),
	F("resource-claim", FT_NAMED, "spec.template.spec.resourceClaims",
	  "resource-claim NAME { claim-template = \"gpu\" }: a device claim (DRA), used by a "
	  "container with resources { claims = [\"NAME\"] }", .sub = &schema_resource_claim, .since = "1.34"),
	F("metadata", FT_RAW, "metadata",
	  "the Job's other metadata, as Kubernetes writes it: ownerReferences, finalizers, ...",
	  .sub = &schema_k8s_meta, .flags = F_MERGE),
	F("pod-metadata", FT_RAW, "spec.template.metadata",
	  "the pods' other metadata, as Kubernetes writes it", .sub = &schema_k8s_meta,
	  .flags = F_MERGE),
	F("job-spec", FT_RAW, "spec", "the Job spec's other fields, as Kubernetes writes them",
	  .sub = &schema_k8s_job_spec, .flags = F_MERGE),
	F("pod-spec", FT_RAW, "spec.template.spec",
	  "the pod spec's other fields, as Kubernetes writes them: resources (pod-level), "
	  "overhead, ...",
	  .sub = &schema_k8s_pod_spec, .flags = F_MERGE),
	F("schedule", FT_STRING, "spec.schedule",
	  "a cron schedule; makes the job a CronJob: \"0 3 * * *\", \"@hourly\"",
	  .planton = "spec.schedule", .flags = F_CRON | F_SCHEDULE),
	F("timezone", FT_STRING, "spec.timeZone",
	  "the IANA time zone of the schedule, such as Europe/Rome", .since = "1.25",
	  .dflt = "the controller's", .flags = F_CRON),
	F("concurrency", FT_ENUM, "spec.concurrencyPolicy",
	  "when a run is due while the last one runs: allow, forbid or replace",
	  .words = concurrency_words, .planton = "spec.concurrencyPolicy", .flags = F_CRON,
	  .api = DEF_STR("Allow"), .planton_default = DEF_STR("Forbid")),
	F("starting-deadline", FT_DURATION, "spec.startingDeadlineSeconds",
	  "how late a missed run may still start", RANGE(0, I64), BY(JOB804),
	  .planton = "spec.startingDeadlineSeconds", .flags = F_CRON,
	  .planton_default = DEF_INT(0),
	  .planton_zero = "starting-deadline = 0 cannot be written for Planton: Planton leaves "
	  "out a 0, so late runs would always start"),
	F("keep-succeeded", FT_INT, "spec.successfulJobsHistoryLimit", "finished Jobs to keep",
	  RANGE(0, I32), BY(JOB804), .planton = "spec.successfulJobsHistoryLimit",
	  .flags = F_CRON, .api = DEF_INT(3)),
	F("keep-failed", FT_INT, "spec.failedJobsHistoryLimit", "failed Jobs to keep",
	  RANGE(0, I32), BY(JOB804), .planton = "spec.failedJobsHistoryLimit", .flags = F_CRON,
	  .api = DEF_INT(1)),
	F("suspend", FT_BOOL, "spec.suspend",
	  "create the Job without starting pods (a scheduled job: do not schedule; to make its "
	  "Jobs suspended, job-spec { suspend = true })",
	  .since = "1.22", .planton = "spec.suspend", .api = DEF_BOOL(false),
	  .flags = F_CRON | F_JOB_TOO),
	F("cronjob-labels", FT_STRMAP, "metadata.labels",
	  "labels of the CronJob only, on top of labels and job-labels, not put on its Jobs",
	  .flags = F_CRON | F_ASIDE),
	F("cronjob-annotations", FT_STRMAP, "metadata.annotations",
	  "annotations of the CronJob only, on top of annotations, not put on its Jobs",
	  .flags = F_CRON | F_ASIDE),
	F("job-template-labels", FT_STRMAP, "spec.jobTemplate.metadata.labels",
	  "labels of the Jobs the CronJob makes only, on top of labels and job-labels",
	  .flags = F_CRON | F_ASIDE),
	F("job-template-annotations", FT_STRMAP, "spec.jobTemplate.metadata.annotations",
	  "annotations of the Jobs the CronJob makes only, on top of annotations",
	  .flags = F_CRON | F_ASIDE),
	F("require-limits", FT_BOOL, "",
	  "every container must have cpu and memory limits: a missing one is an error (JOB908)",
	  .dflt = "false", .flags = F_SETTING),
	F("planton", FT_BLOCK, "planton",
	  "Project Planton settings, used by --emit planton: org, env, provisioner, "
	  "config-maps, ...", .sub = &schema_planton, .flags = F_PLANTON),
};

const struct schema schema_job = {
	"job", job_fields, COUNT(job_fields), &schema_container, NULL, NULL,
};

/* Every schema, for lookups by name (explain) and suggestions. */
static const struct schema *const all_schemas[] = {
	&schema_job, &schema_container, &schema_init, &schema_probe, &schema_http,
	&schema_handler, &schema_security, &schema_pod_security, &schema_port, &schema_volume,
	&schema_toleration, &schema_host_alias, &schema_dns_config, &schema_dns_option,
	&schema_topology_spread, &schema_label_selector, &schema_selector_requirement,
	&schema_resource_claim, &schema_failure_rule, &schema_success_rule, &schema_planton,
	&schema_selinux, &schema_nfs, &schema_csi, &schema_claim, &schema_projection, &schema_token,
};

/* A hash index of each schema's fields (with those of its `also`), built
 * before main (so that compile threads only read it): field_find is called
 * for every assignment the evaluator meets and every field lowering reads. */
#define INDEX_SLOTS 256
struct field_index {
	const struct schema *s;
	const struct field *slot[INDEX_SLOTS];
};
static struct field_index indexes[COUNT(all_schemas)];

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

__attribute__((constructor)) static void fields_index(void)
{
	for (size_t k = 0; k < COUNT(all_schemas); k++) {
		struct field_index *ix = &indexes[k];
		ix->s = all_schemas[k];
		for (const struct schema *t = ix->s; t; t = t->also)
			for (unsigned i = 0; i < t->nfields; i++) {
				const struct field *f = &t->fields[i];
				unsigned h = name_hash(f->name) & (INDEX_SLOTS - 1);
				while (ix->slot[h] && strcmp(ix->slot[h]->name, f->name))
					h = (h + 1) & (INDEX_SLOTS - 1);
				if (!ix->slot[h])
					ix->slot[h] = f; /* the schema's own field wins over also's */
			}
	}
}

const struct field *field_find(const struct schema *s, const char *name)
{
	for (size_t k = 0; k < COUNT(all_schemas); k++) {
		if (indexes[k].s != s)
			continue;
		const struct field_index *ix = &indexes[k];
		for (unsigned h = name_hash(name) & (INDEX_SLOTS - 1); ix->slot[h];
		     h = (h + 1) & (INDEX_SLOTS - 1))
			if (ix->slot[h]->name == name || !strcmp(ix->slot[h]->name, name))
				return ix->slot[h];
		return NULL;
	}
	/* a schema outside the table (none today) */
	for (; s; s = s->also)
		for (unsigned i = 0; i < s->nfields; i++)
			if (strcmp(s->fields[i].name, name) == 0)
				return &s->fields[i];
	return NULL;
}

const char *field_default_text(const struct field *f, char *buf, size_t size)
{
	if (f->dflt)
		return f->dflt;
	switch (f->api.kind) {
	case D_INT:
	case D_FN:
		if (f->api.kind == D_FN && !f->api.i)
			return NULL;
		if (f->type == FT_DURATION)
			duration_format(f->api.i, buf, (uint32_t)size);
		else
			snprintf(buf, size, "%lld", (long long)f->api.i);
		return buf;
	case D_BOOL: return f->api.i ? "true" : "false";
	case D_STR:
		for (const struct enum_word *w = f->words; w && w->word; w++)
			if (!strcmp(w->k8s, f->api.s))
				return w->word;
		return f->api.s;
	case D_NONE:
	case D_MAP: return NULL;
	}
	return NULL;
}

static struct tree *default_node(struct arena *a, const struct api_default *d,
                                 const struct field *f, const struct tree *holder)
{
	switch (d->kind) {
	case D_NONE: return NULL;
	case D_INT: return tree_int(a, d->i);
	case D_BOOL: return tree_bool(a, d->i != 0);
	case D_STR: return tree_cstr(a, d->s);
	case D_MAP: return tree_map(a);
	case D_FN: return d->fn(a, f, holder);
	}
	return NULL;
}

struct tree *field_default(struct arena *a, const struct field *f, const struct tree *holder)
{
	return default_node(a, &f->api, f, holder);
}

struct tree *field_planton_default(struct arena *a, const struct field *f,
                                   const struct tree *holder)
{
	return default_node(a, f->planton_default.kind != D_NONE ? &f->planton_default : &f->api,
	                    f, holder);
}

const char *field_holder_key(const struct field *f, const struct tree *obj)
{
	if (!(f->flags & F_SOURCE))
		return "";
	static const char *const sources[] = {"configMap", "secret", "projected", "downwardAPI"};
	for (size_t i = 0; i < ((f->flags & F_FILES) ? 4u : 2u); i++)
		if (tree_get(obj, sources[i]))
			return sources[i];
	return NULL;
}

struct tree *field_holder(const struct field *f, struct tree *obj)
{
	const char *key = field_holder_key(f, obj);
	return !key ? NULL : *key ? tree_get(obj, key) : obj;
}

bool field_cron_own(const char *path)
{
	for (unsigned i = 0; i < schema_job.nfields; i++)
		if ((schema_job.fields[i].flags & F_CRON) && !strcmp(schema_job.fields[i].k8s, path))
			return true;
	return false;
}

const struct field *field_at_k8s(const struct schema *s, const char *path)
{
	for (unsigned i = 0; i < s->nfields; i++)
		if (!strcmp(s->fields[i].k8s, path))
			return &s->fields[i];
	return NULL;
}

const struct field *field_lookup(const char *name, const struct schema **in)
{
	for (size_t k = 0; k < COUNT(all_schemas); k++)
		for (unsigned i = 0; i < all_schemas[k]->nfields; i++)
			if (strcmp(all_schemas[k]->fields[i].name, name) == 0) {
				if (in)
					*in = all_schemas[k];
				return &all_schemas[k]->fields[i];
			}
	return NULL;
}

static const char *last_component(const char *path);

const struct field *field_by_k8s_key(const char *key, const struct schema **in)
{
	/* the field whose path ends in key; else, outside the Job's own fields,
	 * the first whose path starts with it (appArmorProfile: apparmor,
	 * appArmorProfile.type) */
	size_t n = strlen(key);
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = pass; k < COUNT(all_schemas); k++)
			for (unsigned i = 0; i < all_schemas[k]->nfields; i++) {
				const struct field *f = &all_schemas[k]->fields[i];
				if (f->flags & (F_MERGE | F_PLANTON | F_SETTING))
					continue;
				if (pass ? strncmp(f->k8s, key, n) || f->k8s[n] != '.'
				         : strcmp(last_component(f->k8s), key))
					continue;
				if (in)
					*in = all_schemas[k];
				return f;
			}
	return NULL;
}

void field_each(void (*fn)(void *user, const struct field *f, const struct schema *in), void *user)
{
	for (size_t k = 0; k < COUNT(all_schemas); k++)
		for (unsigned i = 0; i < all_schemas[k]->nfields; i++)
			fn(user, &all_schemas[k]->fields[i], all_schemas[k]);
}

const char *field_k8s_path(const struct field *f)
{
	static _Thread_local char buf[256];
	for (unsigned i = 0; i < schema_container.nfields; i++)
		if (&schema_container.fields[i] == f) {
			snprintf(buf, sizeof buf, "spec.template.spec.containers[0].%s", f->k8s);
			return buf;
		}
	return f->k8s;
}

static const char *last_component(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot ? dot + 1 : path;
}

const struct field *field_by_k8s_name(const struct schema *s, const char *name)
{
	/* Some Kubernetes spellings name a field whose path ends elsewhere. */
	static const struct {
		const char *k8s, *jobc;
	} aliases[] = {
		{"completionMode", "indexed"},
		{"podFailurePolicy", "failure-rule"},
		{"successPolicy", "success-rule"},
		{"containers", "container"},
		{"initContainers", "init"},
		{"volumes", "volume"},
		{"volumeMounts", "mounts"},
		{"livenessProbe", "liveness"},
		{"readinessProbe", "readiness"},
		{"startupProbe", "startup"},
		{"securityContext", "security"},
		{"lifecycle", "post-start"},
		{"workingDir", "workdir"},
		{"serviceAccount", "service-account"},
		{"jobTemplate", NULL},
		{"metadata", NULL},
		{"spec", NULL},
		{"template", NULL},
		{"name", NULL},
		{"value", NULL},
	};
	for (size_t i = 0; i < COUNT(aliases); i++)
		if (strcmp(aliases[i].k8s, name) == 0)
			return aliases[i].jobc ? field_find(s, aliases[i].jobc) : NULL;
	for (const struct schema *t = s; t; t = t->also)
		for (unsigned i = 0; i < t->nfields; i++) {
			const struct field *f = &t->fields[i];
			if (strcmp(last_component(f->k8s), name) == 0 && strcmp(name, f->name) != 0)
				return f;
			/* Planton spells some fields its own way (spec.env.variables). */
			if (f->planton && strcmp(last_component(f->planton), name) == 0 &&
			    strcmp(name, f->name) != 0)
				return f;
		}
	return NULL;
}

unsigned edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 64 || m > 64)
		return 99;
	unsigned d[65][65];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

void suggest_add(struct suggest *s, const char *name, const char *candidate)
{
	if (!candidate || !strcmp(candidate, name))
		return;
	unsigned d = edit_distance(name, candidate);
	if (!s->best || d < s->d || (d == s->d && strcmp(candidate, s->best) < 0)) {
		s->best = candidate;
		s->d = d;
	}
}

const char *suggest_best(const struct suggest *s, const char *name)
{
	size_t len = strlen(name);
	unsigned limit = len < 3 ? 1 : (unsigned)(len + 2) / 3;
	return s->best && s->d <= limit ? s->best : NULL;
}

const char *field_suggest(const struct schema *s, const char *name)
{
	const char *best = NULL;
	unsigned best_d = 99;
	for (const struct schema *t = s; t; t = t->also)
		for (unsigned i = 0; i < t->nfields; i++) {
			unsigned d = edit_distance(name, t->fields[i].name);
			if (d < best_d) {
				best_d = d;
				best = t->fields[i].name;
			}
		}
	/* Close enough: a third of the length, at least one edit. */
	size_t len = strlen(name);
	unsigned limit = len < 3 ? 1 : (unsigned)(len + 2) / 3;
	return best_d <= limit ? best : NULL;
}

const char *ftype_expected(const struct field *f)
{
	switch (f->type) {
	case FT_STRING: return "a string such as \"text\"";
	case FT_INT: return "an integer such as 3";
	case FT_BOOL: return "true or false";
	case FT_DURATION: return "a duration such as 30s or 1h30m";
	case FT_ENUM: return "one of its words";
	case FT_QUANTITY: return "a quantity such as 500m, 2 or 4Gi";
	case FT_PORT: return "a port number such as 8080, or a port name";
	case FT_STRLIST: return "a list of strings such as [\"a\", \"b\"]";
	case FT_INTLIST: return "a list of integers such as [1, 2]";
	case FT_STRMAP: return "a map such as { key = \"value\" }";
	case FT_ENVMAP: return "a map such as { NAME = \"value\" }";
	case FT_RESOURCES: return "a block such as { cpu = 500m..2; memory = 1Gi }";
	case FT_BLOCK: return "a block { ... }";
	case FT_BLOCKS: return "a block { ... }, or a list of them";
	case FT_NAMED: return "a named block: NAME { ... }";
	case FT_REFLIST: return "a list such as [secret(\"name\"), configmap(\"name\")]";
	case FT_RAW: return "a map written as Kubernetes writes it";
	}
	return "a value";
}

const char *ftype_name(const struct field *f)
{
	switch (f->type) {
	case FT_STRING: return "string";
	case FT_INT: return "integer";
	case FT_BOOL: return "bool";
	case FT_DURATION: return "duration";
	case FT_ENUM: return "word";
	case FT_QUANTITY: return "quantity";
	case FT_PORT: return "port";
	case FT_STRLIST: return "list of strings";
	case FT_INTLIST: return "list of integers";
	case FT_STRMAP: return "map of strings";
	case FT_ENVMAP: return "map of env values";
	case FT_RESOURCES: return "resources block";
	case FT_BLOCK: return "block";
	case FT_BLOCKS: return "repeatable block";
	case FT_NAMED: return "named block";
	case FT_REFLIST: return "list of references";
	case FT_RAW: return "Kubernetes object";
	}
	return "value";
}

const char *k8s_env_no_source(int kube_version)
{
	return kube_version >= ENV_FILES_SINCE
	           ? "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, "
	             "`secretKeyRef` or `fileKeyRef`"
	           : "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
	             "`secretKeyRef`";
}

int kube_version_parse(const char *s)
{
	if (s[0] == 'v')
		s++;
	char *end;
	long major = strtol(s, &end, 10);
	if (end == s || *end != '.' || major != 1)
		return 0;
	const char *m = end + 1;
	long minor = strtol(m, &end, 10);
	if (end == m || minor < 0 || minor > 99)
		return 0;
	/* a patch number (1.31.2) is allowed and ignored */
	if (*end == '.') {
		const char *p = end + 1;
		strtol(p, &end, 10);
		if (end == p)
			return 0;
	}
	if (*end)
		return 0;
	return (int)(100 * major + minor);
}
