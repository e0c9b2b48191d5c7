/* fields.c - the field table; see fields.h.
 *
 * Kubernetes paths, defaults and versions follow the batch/v1 API; the
 * generated docs/fields.md shows this table, and docs/kubernetes.md says
 * where jobc departs from the reference.  Versions are those in which a
 * feature is on by default (beta or GA), which is what `--kube-version`
 * checks.
 */
#include "fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I32 2147483647LL
#define I64 9223372036854775807LL
#define COUNT(a) (sizeof(a) / sizeof *(a))

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
static const struct enum_word pull_words[] = {
	{"always", "Always", NULL},
	{"if-not-present", "IfNotPresent", NULL},
	{"never", "Never", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word dns_words[] = {
	{"cluster-first", "ClusterFirst", NULL},
	{"cluster-first-with-host-net", "ClusterFirstWithHostNet", NULL},
	{"default", "Default", NULL},
	{"none", "None", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word action_words[] = {
	{"fail-job", "FailJob", NULL},
	{"fail-index", "FailIndex", "1.29"},
	{"ignore", "Ignore", NULL},
	{"count", "Count", NULL},
	{NULL, NULL, NULL},
};
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
static const struct enum_word scheme_words[] = {
	{"http", "HTTP", NULL},
	{"https", "HTTPS", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word protocol_words[] = {
	{"tcp", "TCP", NULL},
	{"udp", "UDP", NULL},
	{"sctp", "SCTP", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word seccomp_words[] = {
	{"runtime-default", "RuntimeDefault", NULL},
	{"unconfined", "Unconfined", NULL},
	{NULL, NULL, NULL},
};

/* Field initialisers: name, type, k8s path, planton path, default, doc. */
#define F(n, t, k, p, d, doc) {n, t, k, p, d, NULL, 0, 0, NULL, NULL, NULL, 0, doc}
#define FI(n, k, p, d, lo, hi, rule, since, doc) \
	{n, FT_INT, k, p, d, NULL, lo, hi, rule, NULL, since, 0, doc}
#define FD(n, k, p, d, lo, hi, rule, since, doc) \
	{n, FT_DURATION, k, p, d, NULL, lo, hi, rule, NULL, since, 0, doc}
#define FE(n, k, p, d, words, since, doc) \
	{n, FT_ENUM, k, p, d, words, 0, 0, NULL, NULL, since, 0, doc}
#define FS(n, t, k, sub, since, doc) {n, t, k, NULL, NULL, NULL, 0, 0, NULL, sub, since, 0, doc}

/* ---- probes and lifecycle handlers -------------------------------------- */

static const struct field http_fields[] = {
	F("path", FT_STRING, "path", NULL, "/", "the URL path to request"),
	{"port", FT_PORT, "port", NULL, NULL, NULL, 1, 65535, "JOB603", NULL, NULL, 0,
	 "the port: a number or a named container port"},
	FE("scheme", "scheme", NULL, "http", scheme_words, NULL, "http or https"),
	F("host", FT_STRING, "host", NULL, "the pod IP", "the host name to connect to"),
	F("headers", FT_STRMAP, "httpHeaders", NULL, NULL, "request headers: { Name = \"value\" }"),
};
static const struct schema schema_http = {"http-get", http_fields, COUNT(http_fields), NULL,
                                          NULL, NULL};

static const struct field probe_fields[] = {
	F("exec", FT_STRLIST, "exec.command", NULL, NULL, "run this command; success is exit 0"),
	FS("http-get", FT_BLOCK, "httpGet", &schema_http, NULL, "an HTTP GET; success is 200-399"),
	{"tcp", FT_PORT, "tcpSocket.port", NULL, NULL, NULL, 1, 65535, "JOB603", NULL, NULL, 0,
	 "open a TCP connection to this port"},
	FI("grpc", "grpc.port", NULL, NULL, 1, 65535, "JOB603", NULL, "a gRPC health check on this port"),
	FD("initial-delay", "initialDelaySeconds", NULL, "0s", 0, I32, "JOB604", NULL,
	   "wait before the first probe"),
	FD("period", "periodSeconds", NULL, "10s", 0, I32, "JOB604", NULL, "time between probes"),
	FD("timeout", "timeoutSeconds", NULL, "1s", 0, I32, "JOB604", NULL, "time a probe may take"),
	FI("success-threshold", "successThreshold", NULL, "1", 0, I32, "JOB604", NULL,
	   "successes in a row that count as success"),
	FI("failure-threshold", "failureThreshold", NULL, "3", 0, I32, "JOB604", NULL,
	   "failures in a row that count as failure"),
	FD("termination-grace", "terminationGracePeriodSeconds", NULL, NULL, 1, I64, "JOB606", NULL,
	   "grace period when this probe fails (not for readiness)"),
};
static const struct schema schema_probe = {"probe", probe_fields, COUNT(probe_fields), NULL,
                                           NULL, NULL};

static const struct field handler_fields[] = {
	F("exec", FT_STRLIST, "exec.command", NULL, NULL, "run this command"),
	FS("http-get", FT_BLOCK, "httpGet", &schema_http, NULL, "an HTTP GET"),
	{"tcp", FT_PORT, "tcpSocket.port", NULL, NULL, NULL, 1, 65535, "JOB603", NULL, NULL, 0,
	 "open a TCP connection to this port"},
	FD("sleep", "sleep.seconds", NULL, NULL, 0, I64, "JOB607", "1.30", "sleep this long"),
};
static const struct schema schema_handler = {"lifecycle handler", handler_fields,
                                             COUNT(handler_fields), NULL, NULL, NULL};

/* ---- security ------------------------------------------------------- */

static const struct field security_fields[] = {
	FI("run-as-user", "runAsUser", NULL, NULL, 0, I32, "JOB308", NULL, "the user ID the container runs as"),
	FI("run-as-group", "runAsGroup", NULL, NULL, 0, I32, "JOB308", NULL, "the group ID the container runs as"),
	F("run-as-non-root", FT_BOOL, "runAsNonRoot", NULL, NULL, "refuse to start as root"),
	F("read-only-root", FT_BOOL, "readOnlyRootFilesystem", NULL, NULL,
	  "mount the container's root filesystem read-only"),
	F("privileged", FT_BOOL, "privileged", NULL, "false", "run privileged"),
	F("allow-privilege-escalation", FT_BOOL, "allowPrivilegeEscalation", NULL, NULL,
	  "allow setuid binaries to gain privileges"),
	F("add-capabilities", FT_STRLIST, "capabilities.add", NULL, NULL, "Linux capabilities to add"),
	F("drop-capabilities", FT_STRLIST, "capabilities.drop", NULL, NULL,
	  "Linux capabilities to drop (\"ALL\" drops all)"),
	FE("seccomp", "seccompProfile.type", NULL, NULL, seccomp_words, NULL,
	   "runtime-default or unconfined"),
};
static const struct schema schema_security = {"security context", security_fields,
                                              COUNT(security_fields), NULL, NULL, NULL};

static const struct field pod_security_fields[] = {
	FI("run-as-user", "runAsUser", NULL, NULL, 0, I32, "JOB308", NULL, "the user ID every container runs as"),
	FI("run-as-group", "runAsGroup", NULL, NULL, 0, I32, "JOB308", NULL, "the group ID every container runs as"),
	F("run-as-non-root", FT_BOOL, "runAsNonRoot", NULL, NULL, "refuse to start containers as root"),
	FI("fs-group", "fsGroup", NULL, NULL, 0, I32, "JOB308", NULL, "the group that owns mounted volumes"),
	{"supplemental-groups", FT_INTLIST, "supplementalGroups", NULL, NULL, NULL, 0, I32, "JOB308",
	 NULL, NULL, 0, "extra group IDs of every container"},
	FE("seccomp", "seccompProfile.type", NULL, NULL, seccomp_words, NULL,
	   "runtime-default or unconfined"),
};
static const struct schema schema_pod_security = {"pod security context", pod_security_fields,
                                                  COUNT(pod_security_fields), NULL, NULL, NULL};

/* ---- containers ------------------------------------------------------- */

static const struct field port_fields[] = {
	FI("port", "containerPort", NULL, NULL, 1, 65535, "JOB306", NULL, "the port number"),
	F("name", FT_STRING, "name", NULL, NULL, "a name for the port (an IANA service name)"),
	FE("protocol", "protocol", NULL, "tcp", protocol_words, NULL, "tcp, udp or sctp"),
	FI("host-port", "hostPort", NULL, NULL, 0, 65535, "JOB306", NULL, "expose on the node's port"),
};
static const struct schema schema_port = {"port", port_fields, COUNT(port_fields), NULL, "port",
                                          NULL};

#define CONTAINER_FIELDS                                                                        \
	F("image", FT_STRING, "image", "spec.image", NULL,                                          \
	  "container image, such as registry.example.com/app:1.2.0"),                               \
	F("command", FT_STRLIST, "command", "spec.command", NULL,                                   \
	  "entrypoint, replacing the image's ENTRYPOINT"),                                          \
	F("args", FT_STRLIST, "args", "spec.args", NULL, "arguments, replacing the image's CMD"),   \
	F("workdir", FT_STRING, "workingDir", NULL, NULL, "working directory"),                     \
	F("env", FT_ENVMAP, "env", "spec.env", NULL,                                                \
	  "environment: NAME = value, secret(name, key), configmap(name, key), field(path) or "   \
	  "resource(name, divisor, container)"),      \
	F("env-from", FT_REFLIST, "envFrom", NULL, NULL,                                            \
	  "whole Secrets and ConfigMaps as environment: [secret(\"x\"), configmap(\"y\")]"),        \
	F("resources", FT_RESOURCES, "resources", "spec.resources", NULL,                           \
	  "cpu = 500m..2 (request..limit), memory = 1Gi, requests { }, limits { }"),                \
	FE("image-pull-policy", "imagePullPolicy", NULL,                                            \
	   "always for :latest or no tag, else if-not-present", pull_words, NULL,                   \
	   "always, if-not-present or never"),                                                      \
	FS("ports", FT_BLOCKS, "ports", &schema_port, NULL,                                         \
	   "container ports: [8080] or ports { port = 8080; name = \"http\" }"),                    \
	FS("liveness", FT_BLOCK, "livenessProbe", &schema_probe, NULL,                              \
	   "restart the container when this fails"),                                               \
	FS("readiness", FT_BLOCK, "readinessProbe", &schema_probe, NULL,                            \
	   "mark the pod not ready when this fails"),                                               \
	FS("startup", FT_BLOCK, "startupProbe", &schema_probe, NULL,                                \
	   "hold the other probes until this succeeds"),                                            \
	FS("post-start", FT_BLOCK, "lifecycle.postStart", &schema_handler, NULL,                    \
	   "run after the container starts"),                                                       \
	FS("pre-stop", FT_BLOCK, "lifecycle.preStop", &schema_handler, NULL,                        \
	   "run before the container is stopped"),                                                  \
	FS("security", FT_BLOCK, "securityContext", &schema_security, NULL,                         \
	   "the container's security context"),                                                     \
	F("mounts", FT_STRMAP, "volumeMounts", "spec.volumeMounts", NULL,                           \
	  "mount volumes: { volume-name = \"/path\" }")

static const struct field container_fields[] = {
	CONTAINER_FIELDS,
};

const struct schema schema_container = {
	"container", container_fields, COUNT(container_fields), NULL, NULL, NULL,
};

static const struct field init_fields[] = {
	CONTAINER_FIELDS,
	{"sidecar", FT_BOOL, "restartPolicy", NULL, "false", NULL, 0, 0, NULL, NULL, "1.29", 0,
	 "keep running beside the job's containers (restartPolicy: Always)"},
};

const struct schema schema_init = {
	"init container", init_fields, COUNT(init_fields), NULL, NULL, NULL,
};

/* ---- pod-level blocks ----------------------------------------------- */

static const struct field volume_fields[] = {
	F("pvc", FT_STRING, "persistentVolumeClaim.claimName", NULL, NULL,
	  "a PersistentVolumeClaim"),
	F("configmap", FT_STRING, "configMap.name", NULL, NULL, "a ConfigMap's keys as files"),
	F("secret", FT_STRING, "secret.secretName", NULL, NULL, "a Secret's keys as files"),
	F("empty-dir", FT_BOOL, "emptyDir", NULL, NULL, "an empty folder that lives as long as the pod"),
	F("memory", FT_BOOL, "emptyDir.medium", NULL, "false", "an empty-dir in memory (tmpfs)"),
	F("size-limit", FT_QUANTITY, "emptyDir.sizeLimit", NULL, NULL, "the most an empty-dir may hold"),
	F("host-path", FT_STRING, "hostPath.path", NULL, NULL, "a folder of the node"),
	F("items", FT_STRMAP, "items", NULL, NULL,
	  "only these keys of the ConfigMap or Secret: { key = \"file/path\" }"),
	FI("default-mode", "defaultMode", NULL, "0o644", 0, 511, "JOB703", NULL,
	   "file mode of the ConfigMap or Secret files, such as 0o440"),
	F("mount", FT_STRING, "mountPath", NULL, NULL, "where the job's main container sees it"),
	F("read-only", FT_BOOL, "readOnly", NULL, "false", "mount it read-only"),
	F("sub-path", FT_STRING, "subPath", NULL, NULL, "mount only this path inside the volume"),
};
static const struct schema schema_volume = {"volume", volume_fields, COUNT(volume_fields), NULL,
                                            NULL, NULL};

static const struct field toleration_fields[] = {
	F("key", FT_STRING, "key", NULL, NULL, "the taint key (empty with exists: every taint)"),
	FE("operator", "operator", NULL, "equal", operator_words, NULL, "equal or exists"),
	F("value", FT_STRING, "value", NULL, NULL, "the taint value, for equal"),
	FE("effect", "effect", NULL, NULL, effect_words, NULL,
	   "no-schedule, prefer-no-schedule or no-execute (empty: all)"),
	FD("seconds", "tolerationSeconds", NULL, NULL, -I64, I64, NULL, NULL,
	   "for no-execute: how long the pod stays after the taint appears"),
};
static const struct schema schema_toleration = {"toleration", toleration_fields,
                                                COUNT(toleration_fields), NULL, NULL, NULL};

static const struct field host_alias_fields[] = {
	F("ip", FT_STRING, "ip", NULL, NULL, "the IP address"),
	F("hostnames", FT_STRLIST, "hostnames", NULL, NULL, "names that resolve to it"),
};
static const struct schema schema_host_alias = {"host alias", host_alias_fields,
                                                COUNT(host_alias_fields), NULL, NULL, NULL};

static const struct field failure_rule_fields[] = {
	FE("action", "action", NULL, NULL, action_words, NULL,
	   "fail-job, fail-index, ignore or count"),
	{"exit-codes", FT_INTLIST, "onExitCodes.values", NULL, NULL, NULL, -I32 - 1, I32, NULL, NULL,
	 NULL, 0, "match when a container exits with one of these codes"},
	{"exit-codes-not-in", FT_INTLIST, "onExitCodes.values", NULL, NULL, NULL, -I32 - 1, I32,
	 NULL, NULL, NULL, 0, "match when a container exits with none of these codes"},
	F("container", FT_STRING, "onExitCodes.containerName", NULL, NULL,
	  "only this container's exit code counts"),
	F("conditions", FT_STRLIST, "onPodConditions", NULL, NULL,
	  "match pods with one of these conditions, such as \"DisruptionTarget\""),
};
static const struct schema schema_failure_rule = {"failure rule", failure_rule_fields,
                                                  COUNT(failure_rule_fields), NULL, NULL, NULL};

static const struct field success_rule_fields[] = {
	F("indexes", FT_STRING, "succeededIndexes", NULL, NULL,
	  "these indexes must succeed, such as \"0-3,7\""),
	FI("count", "succeededCount", NULL, NULL, 0, I32, "JOB117", NULL,
	   "this many indexes must succeed"),
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
	F("org", FT_STRING, "metadata.org", "metadata.org", NULL,
	  "the Planton organization (label planton.ai/organization)"),
	F("env", FT_STRING, "metadata.env", "metadata.env", NULL,
	  "the Planton environment (label planton.ai/environment)"),
	F("id", FT_STRING, "metadata.id", "metadata.id", NULL, "the Planton resource ID"),
	F("labels", FT_STRMAP, "metadata.labels", "metadata.labels", NULL,
	  "labels of the Planton manifest (Planton reads its settings from them)"),
	F("annotations", FT_STRMAP, "metadata.annotations", "metadata.annotations", NULL,
	  "annotations of the Planton manifest"),
	FE("provisioner", "provisioner", "metadata.labels[project-planton.org/provisioner]", NULL,
	   provisioner_words, NULL, "pulumi, tofu or terraform: how Planton deploys it"),
	F("create-namespace", FT_BOOL, "spec.createNamespace", "spec.createNamespace", "false",
	  "let Planton create the namespace"),
	F("config-maps", FT_STRMAP, "spec.configMaps", "spec.configMaps", NULL,
	  "ConfigMaps Planton creates beside the job: { name = \"content\" }, mounted with volume"),
	F("cluster", FT_STRING, "spec.targetCluster.clusterName", "spec.targetCluster.clusterName",
	  NULL, "the target cluster's name (with cluster-kind)"),
	FE("cluster-kind", "spec.targetCluster.clusterKind", "spec.targetCluster.clusterKind", NULL,
	   cluster_kind_words, NULL, "the target cluster's kind: aks, eks, gke, digitalocean or civo"),
};
static const struct schema schema_planton = {"planton block", planton_fields,
                                             COUNT(planton_fields), NULL, NULL, NULL};

/* ---- the job ------------------------------------------------------------ */

static const struct field job_fields[] = {
	F("namespace", FT_STRING, "metadata.namespace", "spec.namespace.value", NULL,
	  "namespace the Job is created in"),
	{"labels", FT_STRMAP, "metadata.labels", "metadata.labels", NULL, NULL, 0, 0, NULL, NULL,
	 NULL, F_META, "labels of the Job, also put on its pods"},
	{"annotations", FT_STRMAP, "metadata.annotations", "metadata.annotations", NULL, NULL, 0, 0,
	 NULL, NULL, NULL, F_META, "annotations of the Job"},
	F("pod-labels", FT_STRMAP, "spec.template.metadata.labels", NULL, NULL,
	  "labels of the pods only"),
	{"job-labels", FT_STRMAP, "metadata.labels", "metadata.labels", NULL, NULL, 0, 0, NULL, NULL,
	 NULL, F_META, "labels of the Job only, not put on its pods"},
	F("pod-annotations", FT_STRMAP, "spec.template.metadata.annotations", NULL, NULL,
	  "annotations of the pods only"),
	F("container-name", FT_STRING, "spec.template.spec.containers[0].name", NULL, "the job name",
	  "name of the main container, when the job name cannot be one (it has dots)"),
	FE("restart", "spec.template.spec.restartPolicy", "spec.restartPolicy", "never",
	   restart_words, NULL,
	   "when a container fails: never (a new pod) or on-failure (restart it in place)"),
	FI("retries", "spec.backoffLimit", "spec.backoffLimit", "6", 0, I32, "JOB102", NULL,
	   "pod failures before the Job is marked failed"),
	FI("retries-per-index", "spec.backoffLimitPerIndex", NULL, NULL, 0, I32, "JOB102", "1.29",
	   "indexed jobs: failures of one index before that index fails"),
	FI("max-failed-indexes", "spec.maxFailedIndexes", NULL, NULL, 0, I32, "JOB102", "1.29",
	   "indexed jobs: failed indexes before the Job fails"),
	FI("completions", "spec.completions", "spec.completions", "1", 0, I32, "JOB102", NULL,
	   "successful pods (or indexes) the Job needs"),
	FI("parallelism", "spec.parallelism", "spec.parallelism", "1", 0, I32, "JOB102", NULL,
	   "pods that may run at once"),
	{"indexed", FT_BOOL, "spec.completionMode", "spec.completionMode", "false", NULL, 0, 0, NULL,
	 NULL, "1.22", 0, "give each pod an index 0..completions-1 (completionMode: Indexed)"},
	FD("deadline", "spec.activeDeadlineSeconds", "spec.activeDeadlineSeconds", NULL, 0, I64,
	   "JOB102", NULL, "how long the Job may run before it is stopped and marked failed"),
	FD("ttl", "spec.ttlSecondsAfterFinished", "spec.ttlSecondsAfterFinished", NULL, 0, I32,
	   "JOB102", NULL, "how long a finished Job is kept before it is deleted"),
	{"suspend", FT_BOOL, "spec.suspend", "spec.suspend", "false", NULL, 0, 0, NULL, NULL, "1.22", 0,
	 "create the Job without starting pods (a scheduled job: do not schedule)"},
	FE("replace-pods", "spec.podReplacementPolicy", NULL,
	   "when-terminating-or-failed (when-failed with failure rules)", replace_words, "1.29",
	   "start a replacement pod when-failed or when-terminating-or-failed"),
	FS("failure-rule", FT_BLOCKS, "spec.podFailurePolicy.rules", &schema_failure_rule, "1.26",
	   "what a pod failure means, first match wins; repeat the block for more rules"),
	FS("success-rule", FT_BLOCKS, "spec.successPolicy.rules", &schema_success_rule, "1.31",
	   "indexed jobs: when the Job counts as succeeded; repeat the block for more rules"),
	{"managed-by", FT_STRING, "spec.managedBy", NULL, NULL, NULL, 0, 0, NULL, NULL, "1.32", 0,
	 "the controller that runs the Job, such as kueue.x-k8s.io/multikueue"},
	F("selector", FT_STRMAP, "spec.selector.matchLabels", NULL, NULL,
	  "with manual-selector: the labels that select the Job's pods"),
	F("manual-selector", FT_BOOL, "spec.manualSelector", NULL, "false",
	  "use selector instead of the selector Kubernetes generates"),
	F("service-account", FT_STRING, "spec.template.spec.serviceAccountName", NULL, "default",
	  "the service account the pods run as"),
	F("node-selector", FT_STRMAP, "spec.template.spec.nodeSelector", NULL, NULL,
	  "run only on nodes with these labels"),
	FS("tolerations", FT_BLOCKS, "spec.template.spec.tolerations", &schema_toleration, NULL,
	   "taints the pods tolerate: tolerations { key = \"gpu\"; operator = exists }"),
	FS("affinity", FT_RAW, "spec.template.spec.affinity", &schema_affinity, NULL,
	   "node and pod affinity, written as Kubernetes writes it"),
	F("priority-class", FT_STRING, "spec.template.spec.priorityClassName", NULL, NULL,
	  "the PriorityClass of the pods"),
	F("image-pull-secrets", FT_STRLIST, "spec.template.spec.imagePullSecrets", NULL, NULL,
	  "Secrets holding registry credentials"),
	{"volume", FT_NAMED, "spec.template.spec.volumes", "spec.volumeMounts", NULL, NULL, 0, 0, NULL,
	 &schema_volume, NULL, 0, "volume NAME { pvc = \"claim\"; mount = \"/data\" }"},
	FS("pod-security", FT_BLOCK, "spec.template.spec.securityContext", &schema_pod_security, NULL,
	   "the pod's security context"),
	FS("host-aliases", FT_BLOCKS, "spec.template.spec.hostAliases", &schema_host_alias, NULL,
	   "extra /etc/hosts entries: host-aliases { ip = \"10.0.0.1\"; hostnames = [\"db\"] }"),
	FE("dns-policy", "spec.template.spec.dnsPolicy", NULL, "cluster-first", dns_words, NULL,
	   "cluster-first, cluster-first-with-host-net, default or none"),
	FD("termination-grace", "spec.template.spec.terminationGracePeriodSeconds", NULL, "30s", 0,
	   I64, "JOB208", NULL, "time between SIGTERM and SIGKILL when a pod stops"),
	FD("pod-deadline", "spec.template.spec.activeDeadlineSeconds", NULL, NULL, 1, I32, "JOB207",
	   NULL, "how long each pod may run"),
	FS("container", FT_NAMED, "spec.template.spec.containers", &schema_container, NULL,
	   "container NAME { ... }: another container beside the main one"),
	FS("init", FT_NAMED, "spec.template.spec.initContainers", &schema_init, NULL,
	   "init NAME { ... }: runs to completion before the others (or beside them: sidecar)"),
	{"schedule", FT_STRING, "spec.schedule", "spec.schedule", NULL, NULL, 0, 0, NULL, NULL, NULL,
	 F_CRON, "a cron schedule; makes the job a CronJob: \"0 3 * * *\", \"@hourly\""},
	{"timezone", FT_STRING, "spec.timeZone", NULL, "the controller's", NULL, 0, 0,
	 NULL, NULL, "1.25", F_CRON, "the IANA time zone of the schedule, such as Europe/Rome"},
	{"concurrency", FT_ENUM, "spec.concurrencyPolicy", "spec.concurrencyPolicy", "allow",
	 concurrency_words, 0, 0, NULL, NULL, NULL, F_CRON,
	 "when a run is due while the last one runs: allow, forbid or replace"},
	{"starting-deadline", FT_DURATION, "spec.startingDeadlineSeconds",
	 "spec.startingDeadlineSeconds", NULL, NULL, 0, I64, "JOB804", NULL, NULL, F_CRON,
	 "how late a missed run may still start"},
	{"keep-succeeded", FT_INT, "spec.successfulJobsHistoryLimit",
	 "spec.successfulJobsHistoryLimit", "3", NULL, 0, I32, "JOB804", NULL, NULL, F_CRON,
	 "finished Jobs to keep"},
	{"keep-failed", FT_INT, "spec.failedJobsHistoryLimit", "spec.failedJobsHistoryLimit", "1",
	 NULL, 0, I32, "JOB804", NULL, NULL, F_CRON, "failed Jobs to keep"},
	{"require-limits", FT_BOOL, "", NULL, "false", NULL, 0, 0, NULL, NULL, NULL, F_SETTING,
	 "every container must have cpu and memory limits: a missing one is an error (JOB908)"},
	{"planton", FT_BLOCK, "planton", NULL, NULL, NULL, 0, 0, NULL, &schema_planton, NULL, F_PLANTON,
	 "Project Planton settings, used by --emit planton: org, env, provisioner, config-maps, ..."},
};

const struct schema schema_job = {
	"job", job_fields, COUNT(job_fields), &schema_container, NULL, NULL,
};

/* Every schema, for lookups by name (explain) and suggestions. */
static const struct schema *const all_schemas[] = {
	&schema_job, &schema_container, &schema_init, &schema_probe, &schema_http,
	&schema_handler, &schema_security, &schema_pod_security, &schema_port, &schema_volume,
	&schema_toleration, &schema_host_alias, &schema_failure_rule, &schema_success_rule,
	&schema_planton,
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
			if (strcmp(last_component(f->k8s), name) == 0 && strcmp(f->name, name) != 0)
				return f;
			/* Planton spells some fields its own way (spec.env.variables). */
			if (f->planton && strcmp(last_component(f->planton), name) == 0 &&
			    strcmp(f->name, name) != 0)
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
