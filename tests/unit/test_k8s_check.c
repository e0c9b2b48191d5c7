/* test_k8s_check.c - unit tests of the strict OpenAPI check behind the
 * structural guard (compiler/k8s_check.h): a whole Job or CronJob with one
 * key misplaced, misspelt or of the wrong type is reported at its path. */
#include <stdlib.h>

#include "arena.h"
#include "check.h"
#include "k8s_check.h"
#include "yamlr.h"

/* The problems found, one "path: what (suggestion)" line each. */
static char got[4096];

static void collect(void *user, const struct tree *at, struct span key_span, const char *path,
                    const char *what, const char *suggest)
{
	(void)user, (void)at, (void)key_span;
	size_t n = strlen(got);
	snprintf(got + n, sizeof got - n, "%s: %s%s%s%s\n", path, what, suggest ? " (" : "",
	         suggest ? suggest : "", suggest ? ")" : "");
}

/* The one document of yaml, as a tree in a. */
static const struct tree *parse(struct arena *a, const char *yaml)
{
	static char name[] = "test.yaml";
	struct source src = {0};
	src.path = name;
	src.text = arena_strdup(a, yaml);
	src.len = (uint32_t)strlen(yaml);
	struct tree **docs;
	unsigned ndocs;
	const char *why;
	size_t off;
	if (!yaml_read(&src, a, &docs, &ndocs, &why, &off) || ndocs != 1) {
		fprintf(stderr, "test_k8s_check: bad test YAML\n");
		exit(2);
	}
	return docs[0];
}

/* The problems k8s_check_batch finds in yaml ("" for none). */
static const char *batch(const char *yaml, bool cron)
{
	struct arena a;
	arena_init(&a);
	got[0] = '\0';
	int n = k8s_check_batch(parse(&a, yaml), cron, collect, NULL);
	arena_destroy(&a);
	CHECK(n == 0 || got[0]);
	return got;
}

#define JOB(spec) "{apiVersion: batch/v1, kind: Job, metadata: {name: etl}, spec: " spec "}"
#define POD(spec) JOB("{template: {spec: " spec "}}")
#define CONTAINER(fields) POD("{restartPolicy: Never, containers: [{name: etl, " fields "}]}")

TEST(whole_objects)
{
	/* as jobc writes them */
	CHECK_STR(batch("apiVersion: batch/v1\n"
	                "kind: Job\n"
	                "metadata:\n"
	                "  name: etl\n"
	                "  namespace: data\n"
	                "  labels: {app: etl}\n"
	                "spec:\n"
	                "  backoffLimit: 6\n"
	                "  ttlSecondsAfterFinished: 3600\n"
	                "  podFailurePolicy:\n"
	                "    rules:\n"
	                "    - action: Ignore\n"
	                "      onExitCodes: {operator: In, values: [42]}\n"
	                "  template:\n"
	                "    metadata: {labels: {app: etl}}\n"
	                "    spec:\n"
	                "      restartPolicy: Never\n"
	                "      containers:\n"
	                "      - name: etl\n"
	                "        image: alpine:3.20\n"
	                "        args: [run]\n"
	                "        env: [{name: A, value: b}, {name: C, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n"
	                "        resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 1}}\n"
	                "        ports: [{containerPort: 8080, protocol: TCP}]\n"
	                "        livenessProbe: {httpGet: {path: /, port: http}, periodSeconds: 10}\n"
	                "        volumeMounts: [{name: data, mountPath: /data}]\n"
	                "      volumes: [{name: data, emptyDir: {sizeLimit: 1Gi}}]\n",
	                false),
	          "");
	CHECK_STR(batch("apiVersion: batch/v1\n"
	                "kind: CronJob\n"
	                "metadata: {name: nightly}\n"
	                "spec:\n"
	                "  schedule: '0 3 * * *'\n"
	                "  timeZone: Europe/Berlin\n"
	                "  concurrencyPolicy: Forbid\n"
	                "  jobTemplate:\n"
	                "    spec:\n"
	                "      backoffLimit: 2\n"
	                "      template: {spec: {restartPolicy: Never, containers: [{name: nightly, image: x}]}}\n",
	                true),
	          "");
}

TEST(misplaced_keys)
{
	/* a CronJob key in a Job's spec */
	CHECK_STR(batch(JOB("{timeZone: UTC, template: {spec: {containers: [{name: a}]}}}"), false),
	          "spec.timeZone: unknown field\n");
	/* a Job key in a CronJob's own spec, not in its jobTemplate */
	CHECK_STR(batch("{apiVersion: batch/v1, kind: CronJob, metadata: {name: nightly}, spec: "
	                "{schedule: '@daily', backoffLimit: 6, jobTemplate: "
	                "{spec: {template: {spec: {containers: [{name: a}]}}}}}}",
	                true),
	          "spec.backoffLimit: unknown field\n");
	/* a pod key one level too high */
	CHECK_STR(batch(JOB("{restartPolicy: Never, template: {spec: {containers: [{name: a}]}}}"), false),
	          "spec.restartPolicy: unknown field\n");
	/* an unknown key in a container, with the suggestion */
	CHECK_STR(batch(CONTAINER("imagePullPolcy: Always"), false),
	          "spec.template.spec.containers[0].imagePullPolcy: unknown field (imagePullPolicy)\n");
	/* in a list of a list: env of the second container */
	CHECK_STR(batch(POD("{containers: [{name: a}, {name: b, env: [{name: X, valu: y}]}]}"), false),
	          "spec.template.spec.containers[1].env[0].valu: unknown field (value)\n");
}

TEST(wrong_types)
{
	CHECK_STR(batch(JOB("{backoffLimit: '6', template: {spec: {containers: [{name: a}]}}}"), false),
	          "spec.backoffLimit: expected an integer\n");
	CHECK_STR(batch(JOB("{parallelism: 3000000000, template: {spec: {containers: [{name: a}]}}}"), false),
	          "spec.parallelism: 3000000000 does not fit in 32 bits\n");
	CHECK_STR(batch(CONTAINER("args: run"), false),
	          "spec.template.spec.containers[0].args: expected a list\n");
	CHECK_STR(batch(CONTAINER("resources: {limits: {cpu: true}}"), false),
	          "spec.template.spec.containers[0].resources.limits[cpu]: expected a quantity\n");
	CHECK_STR(batch(CONTAINER("ports: [{containerPort: 80, protocol: [TCP]}]"), false),
	          "spec.template.spec.containers[0].ports[0].protocol: expected a string\n");
	CHECK_STR(batch(CONTAINER("livenessProbe: {tcpSocket: {port: true}}"), false),
	          "spec.template.spec.containers[0].livenessProbe.tcpSocket.port: "
	          "expected an integer or a string\n");
	CHECK_STR(batch(POD("{containers: [{name: a}], hostNetwork: 'yes'}"), false),
	          "spec.template.spec.hostNetwork: expected true or false\n");
	CHECK_STR(batch("{apiVersion: batch/v1, kind: Job, metadata: {name: x, labels: {tier: 1}}, "
	                "spec: {template: {spec: {containers: [{name: a}]}}}}",
	                false),
	          "metadata.labels[tier]: expected a string\n");
	/* an object without properties in the document is a map of anything */
	CHECK_STR(batch("{apiVersion: batch/v1, kind: Job, metadata: {name: x, managedFields: "
	                "[{fieldsV1: {'f:spec': {}}}, {fieldsV1: 1}]}, "
	                "spec: {template: {spec: {containers: [{name: a}]}}}}",
	                false),
	          "metadata.managedFields[1].fieldsV1: expected a map\n");
}

TEST(required_and_kind)
{
	CHECK_STR(batch(POD("{containers: [{image: x}]}"), false),
	          "spec.template.spec.containers[0].name: Required value\n");
	CHECK_STR(batch("{apiVersion: batch/v1, kind: Job, metadata: {name: x}}", false),
	          "spec: Required value\n");
	CHECK_STR(batch("{kind: Job, spec: {template: {spec: {containers: [{name: a}]}}}}", false),
	          "apiVersion: Required value\n");
	/* a Job where a CronJob is due */
	CHECK_STR(batch("{apiVersion: batch/v1, kind: Job, metadata: {name: nightly}, spec: "
	                "{schedule: '@daily', jobTemplate: {spec: {template: {spec: {containers: [{name: a}]}}}}}}",
	                true),
	          "kind: Unsupported value: \"Job\": supported values: \"CronJob\"\n");
	CHECK_STR(batch("{apiVersion: batch/v2, kind: Job, spec: {template: {spec: {containers: [{name: a}]}}}}",
	                false),
	          "apiVersion: Unsupported value: \"batch/v2\": supported values: \"batch/v1\"\n");
	CHECK_STR(batch("[]", false), ": expected a block of fields\n");
}

TEST(part_at_a_path)
{
	/* the affinity field's check: paths go on from the one given */
	struct arena a;
	arena_init(&a);
	got[0] = '\0';
	const struct tree *t = parse(&a, "{nodeAfinity: {}, podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
	                                 "[{topologyKey: zone, weight: 1}]}}");
	CHECK_INT(k8s_check(t, "io.k8s.api.core.v1.Affinity", "spec.template.spec.affinity", collect, NULL), 2);
	CHECK_STR(got, "spec.template.spec.affinity.nodeAfinity: unknown field (nodeAffinity)\n"
	               "spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
	               ".weight: unknown field\n");
	arena_destroy(&a);
}

int main(void)
{
	RUN(whole_objects);
	RUN(misplaced_keys);
	RUN(wrong_types);
	RUN(required_and_kind);
	RUN(part_at_a_path);
	return check_report();
}
