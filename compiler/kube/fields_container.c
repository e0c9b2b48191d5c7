/* fields_container.c - the field table: a container's fields (probes,
 * lifecycle handlers, its security context, ports) and the two schemas
 * that hold them, container and init; see fields.h. */
#include "fields_table.h"

#include "image.h"
#include "tree.h"

/* ---- words ------------------------------------------------------------ */

const struct enum_word pull_words[] = {
	{"always", "Always", NULL},
	{"if-not-present", "IfNotPresent", NULL},
	{"never", "Never", NULL},
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
const struct enum_word seccomp_words[] = {
	{"runtime-default", "RuntimeDefault", NULL},
	{"unconfined", "Unconfined", NULL},
	{"localhost", "Localhost", NULL},
	{NULL, NULL, NULL},
};
const struct enum_word apparmor_words[] = {
	{"runtime-default", "RuntimeDefault", NULL},
	{"unconfined", "Unconfined", NULL},
	{"localhost", "Localhost", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word proc_mount_words[] = {
	{"default", "Default", NULL},
	{"unmasked", "Unmasked", NULL},
	{NULL, NULL, NULL},
};
static const struct enum_word termination_words[] = {
	{"file", "File", NULL},
	{"fallback-to-logs-on-error", "FallbackToLogsOnError", NULL},
	{NULL, NULL, NULL},
};

/* SetDefaults_Container: Always for a :latest (or untagged) image, else
 * IfNotPresent; nothing without an image. */
static struct tree *default_pull_policy(struct arena *a, const struct field *f,
                                        const struct tree *container)
{
	(void)f;
	const struct tree *image = tree_get(container, "image");
	if (!image || image->kind != TREE_STR)
		return NULL;
	struct image_ref r;
	image_parse(image->str.s, image->str.len, &r);
	return tree_cstr(a, image_default_pull(&r));
}

/* ---- probes and lifecycle handlers -------------------------------------- */

static const struct field http_fields[] = {
	F("path", FT_STRING, "path", "the URL path to request", .api = DEF_STR("/")),
	F("port", FT_PORT, "port", "the port: a number or a named container port",
	  RANGE(1, 65535), BY(JOB603)),
	F("scheme", FT_ENUM, "scheme", "http or https", .words = scheme_words,
	  .api = DEF_STR("HTTP")),
	F("host", FT_STRING, "host", "the host name to connect to", .dflt = "the pod IP"),
	F("headers", FT_STRMAP, "httpHeaders", "request headers: { Name = \"value\" }",
	  .shape = &shape_headers),
};
const struct schema schema_http = {"http-get", http_fields, COUNT(http_fields), NULL,
                                          NULL, NULL};

static const struct field probe_fields[] = {
	F("exec", FT_STRLIST, "exec.command", "run this command; success is exit 0",
	  .flags = F_KEEP_EMPTY),
	F("http-get", FT_BLOCK, "httpGet", "an HTTP GET; success is 200-399",
	  .sub = &schema_http),
	F("tcp", FT_PORT, "tcpSocket.port", "open a TCP connection to this port", RANGE(1, 65535),
	  BY(JOB603)),
	F("grpc", FT_INT, "grpc.port", "a gRPC health check on this port", RANGE(1, 65535),
	  BY(JOB603)),
	F("initial-delay", FT_DURATION, "initialDelaySeconds", "wait before the first probe",
	  RANGE(0, I32), BY(JOB604), .dflt = "0s"),
	F("period", FT_DURATION, "periodSeconds", "time between probes", RANGE(0, I32),
	  BY(JOB604), .api = DEF_INT(10), .flags = F_ZERO_UNSET),
	F("timeout", FT_DURATION, "timeoutSeconds", "time a probe may take", RANGE(0, I32),
	  BY(JOB604), .api = DEF_INT(1), .flags = F_ZERO_UNSET),
	F("success-threshold", FT_INT, "successThreshold",
	  "successes in a row that count as success", RANGE(0, I32), BY(JOB604),
	  .api = DEF_INT(1), .flags = F_ZERO_UNSET),
	F("failure-threshold", FT_INT, "failureThreshold",
	  "failures in a row that count as failure", RANGE(0, I32), BY(JOB604), .api = DEF_INT(3),
	  .flags = F_ZERO_UNSET),
	F("termination-grace", FT_DURATION, "terminationGracePeriodSeconds",
	  "grace period when this probe fails (not for readiness)", RANGE(1, I64), BY(JOB606)),
};
const struct schema schema_probe = {"probe", probe_fields, COUNT(probe_fields), NULL,
                                           NULL, NULL};

static const struct field handler_fields[] = {
	F("exec", FT_STRLIST, "exec.command", "run this command", .flags = F_KEEP_EMPTY),
	F("http-get", FT_BLOCK, "httpGet", "an HTTP GET", .sub = &schema_http),
	F("tcp", FT_PORT, "tcpSocket.port", "open a TCP connection to this port", RANGE(1, 65535),
	  BY(JOB603)),
	F("sleep", FT_DURATION, "sleep.seconds", "sleep this long", RANGE(0, I64), BY(JOB607),
	  .since = "1.30"),
};
const struct schema schema_handler = {"lifecycle handler", handler_fields,
                                             COUNT(handler_fields), NULL, NULL, NULL};

/* ---- security ------------------------------------------------------- */

static const struct field selinux_fields[] = {
	F("user", FT_STRING, "user", "the SELinux user, such as system_u"),
	F("role", FT_STRING, "role", "the SELinux role, such as system_r"),
	F("type", FT_STRING, "type", "the SELinux type, such as container_t"),
	F("level", FT_STRING, "level", "the SELinux level, such as s0:c123,c456"),
};
const struct schema schema_selinux = {"SELinux context", selinux_fields,
                                      COUNT(selinux_fields), NULL, NULL, NULL};

static const struct field security_fields[] = {
	F("run-as-user", FT_INT, "runAsUser", "the user ID the container runs as", RANGE(0, I32),
	  BY(JOB308)),
	F("run-as-group", FT_INT, "runAsGroup", "the group ID the container runs as",
	  RANGE(0, I32), BY(JOB308)),
	F("run-as-non-root", FT_BOOL, "runAsNonRoot", "refuse to start as root"),
	F("read-only-root", FT_BOOL, "readOnlyRootFilesystem",
	  "mount the container's root filesystem read-only"),
	F("privileged", FT_BOOL, "privileged", "run privileged", .dflt = "false"),
	F("allow-privilege-escalation", FT_BOOL, "allowPrivilegeEscalation",
	  "allow setuid binaries to gain privileges"),
	F("add-capabilities", FT_STRLIST, "capabilities.add", "Linux capabilities to add"),
	F("drop-capabilities", FT_STRLIST, "capabilities.drop",
	  "Linux capabilities to drop (\"ALL\" drops all)"),
	PROFILE_FIELDS("the container (over the pod's)"),
	F("proc-mount", FT_ENUM, "procMount",
	  "default (the runtime masks parts of /proc) or unmasked (needs host-users = false)",
	  .words = proc_mount_words, .since = "1.33"),
};
const struct schema schema_security = {"security context", security_fields,
                                              COUNT(security_fields), NULL, NULL, NULL};

/* ---- containers ------------------------------------------------------- */

static const struct field port_fields[] = {
	F("port", FT_INT, "containerPort", "the port number", RANGE(1, 65535), BY(JOB306)),
	F("name", FT_STRING, "name", "a name for the port (an IANA service name)"),
	F("protocol", FT_ENUM, "protocol", "tcp, udp or sctp", .words = protocol_words,
	  .api = DEF_STR("TCP")),
	F("host-port", FT_INT, "hostPort", "expose on the node's port", RANGE(0, 65535),
	  BY(JOB306)),
	F("host-ip", FT_STRING, "hostIP",
	  "with host-port: the node's address to bind it on (none: every address of the node)"),
};
const struct schema schema_port = {"port", port_fields, COUNT(port_fields), NULL, "port",
                                          NULL};

/* A Kubernetes-spelled block: the OpenAPI type of what it holds. */
static const struct schema schema_k8s_container = {"container", NULL, 0, NULL, NULL,
                                                   "io.k8s.api.core.v1.Container"};

#define CONTAINER_FIELDS                                                                           \
	F("image", FT_STRING, "image", "container image, such as registry.example.com/app:1.2.0",  \
	  .planton = "spec.image"),                                                                \
	F("command", FT_STRLIST, "command", "entrypoint, replacing the image's ENTRYPOINT",        \
	  .planton = "spec.command", .flags = F_EXPANDS),                                          \
	F("args", FT_STRLIST, "args", "arguments, replacing the image's CMD",                      \
	  .planton = "spec.args", .flags = F_EXPANDS),                                             \
	F("workdir", FT_STRING, "workingDir", "working directory"),                                \
	F("env", FT_ENVMAP, "env",                                                                 \
	  "environment: NAME = value, secret(name, key), configmap(name, key), field(path), "      \
	  "resource(name, divisor, container) or { valueFrom = {...} } as Kubernetes writes it "   \
	  "(an optional key, a key of an env file: fileKeyRef)", .planton = "spec.env",            \
	  .shape = &shape_env),                                                                    \
	F("env-from", FT_REFLIST, "envFrom",                                                       \
	  "whole Secrets and ConfigMaps as environment: [secret(\"x\"), configmap(\"y\"), "        \
	  "{ secret = \"z\", prefix = \"Z_\", optional = true }]",                                  \
	  .shape = &shape_env_from),                                                               \
	F("resources", FT_RESOURCES, "resources",                                                  \
	  "cpu = 500m..2 (request..limit), memory = 1Gi, requests { }, limits { }",                \
	  .planton = "spec.resources", .shape = &shape_resources),                                 \
	F("image-pull-policy", FT_ENUM, "imagePullPolicy", "always, if-not-present or never",      \
	  .words = pull_words, .dflt = "always for :latest or no tag, else if-not-present",        \
	  .api = DEF_FN(default_pull_policy)),                                                     \
	F("ports", FT_BLOCKS, "ports",                                                             \
	  "container ports: [8080] or ports { port = 8080; name = \"http\" }",                     \
	  .sub = &schema_port),                                                                    \
	F("liveness", FT_BLOCK, "livenessProbe", "restart the container when this fails",          \
	  .sub = &schema_probe),                                                                   \
	F("readiness", FT_BLOCK, "readinessProbe", "mark the pod not ready when this fails",       \
	  .sub = &schema_probe),                                                                   \
	F("startup", FT_BLOCK, "startupProbe", "hold the other probes until this succeeds",        \
	  .sub = &schema_probe),                                                                   \
	F("post-start", FT_BLOCK, "lifecycle.postStart", "run after the container starts",         \
	  .sub = &schema_handler),                                                                 \
	F("pre-stop", FT_BLOCK, "lifecycle.preStop", "run before the container is stopped",        \
	  .sub = &schema_handler),                                                                 \
	F("security", FT_BLOCK, "securityContext", "the container's security context",             \
	  .sub = &schema_security),                                                                \
	F("mounts", FT_STRMAP, "volumeMounts",                                                    \
	  "mount volumes: { volume-name = \"/path\" } (or volume-name = { mountPath = \"/path\", " \
	  "readOnly = true }, a mount as Kubernetes writes it; a list of them for two paths), or " \
	  "the list as Kubernetes writes it",                                                      \
	  .planton = "spec.volumeMounts", .shape = &shape_mounts),                                 \
	F("volume-devices", FT_STRMAP, "volumeDevices",                                            \
	  "claims attached as raw block devices: { volume-name = \"/dev/xvdb\" }",                 \
	  .shape = &shape_volume_devices),                                                         \
	F("termination-message-policy", FT_ENUM, "terminationMessagePolicy",                       \
	  "file (the message is the file's) or fallback-to-logs-on-error (else the log's end)",    \
	  .words = termination_words, .api = DEF_STR("File")),                                     \
	F("termination-message-path", FT_STRING, "terminationMessagePath",                         \
	  "the file the container writes its termination message to",                             \
	  .api = DEF_STR("/dev/termination-log")),                                                 \
	F("stdin", FT_BOOL, "stdin", "keep a standard input open (kubectl attach)",                \
	  .dflt = "false"),                                                                        \
	F("stdin-once", FT_BOOL, "stdinOnce", "close the standard input after one attach",         \
	  .dflt = "false"),                                                                        \
	F("tty", FT_BOOL, "tty", "give the container a terminal (with stdin)", .dflt = "false"),   \
	F("container-spec", FT_RAW, "",                                                            \
	  "the container's other fields, as Kubernetes writes them: resizePolicy, "                \
	  "restartPolicyRules, ...", .sub = &schema_k8s_container, .flags = F_MERGE)

static const struct field container_fields[] = {
	CONTAINER_FIELDS,
};

const struct schema schema_container = {
	"container", container_fields, COUNT(container_fields), NULL, NULL, NULL,
};

static const struct field init_fields[] = {
	CONTAINER_FIELDS,
	F("sidecar", FT_BOOL, "restartPolicy",
	  "keep running beside the job's containers (restartPolicy: Always)", .since = "1.29",
	  .dflt = "false", .shape = &shape_sidecar),
};

const struct schema schema_init = {
	"init container", init_fields, COUNT(init_fields), NULL, NULL, NULL,
};

