/* check_internal.h - what the files of the check pass share; the rest of
 * the compiler sees only check.h.
 *
 * One file a group of rules.def, declared below in that order, which is
 * the order check_job (check.c) runs them in.  The groups read the built
 * Job through the small readers below (the one-liners here, the others in
 * check_util.c), report through REP, and never change the tree they read.
 * No group calls another, except that the walk over the containers
 * (check_containers.c) runs the per-container checks of the groups after
 * it, and the selector is checked with the label rules of check_meta.c.
 * The comment above each function that reports a rule names the rule's ID
 * (tests/check_rule_comments.py holds it so).
 */
#ifndef JOBC_CHECK_INTERNAL_H
#define JOBC_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "report.h"

/* A rule broken by node t (or, without t, by the job as a whole). */
#define REP(id, t, path, k8s, ...) \
	report(cx, R_##id, node_span(cx, (t)), node_value(t), (path), (k8s), __VA_ARGS__)

/* ---- small readers ---------------------------------------------------- */

static inline bool is_str(const struct tree *t, const char *s)
{
	return tree_is_str(t, s);
}

static inline char *cstr(struct job_ctx *cx, const struct tree *t)
{
	return t && t->kind == TREE_STR ? arena_strndup(cx->a, t->str.s, t->str.len) : NULL;
}

static inline bool has_int(const struct tree *t, int64_t *v)
{
	if (!t || t->kind != TREE_INT)
		return false;
	*v = t->i;
	return true;
}

/* tree_equal, where either side may be missing (a port without a name). */
static inline bool same(const struct tree *a, const struct tree *b)
{
	return a && b && tree_equal(a, b);
}

/* "Invalid value: \"x\": why" */
const char *invalid(struct job_ctx *cx, const struct tree *t, const char *why);
/* s[0..n) for a one-line message: control characters as \n, \t, \xNN. */
const char *escaped(struct job_ctx *cx, const char *s, size_t n);
/* The key span of entry i of map m, or the value's span. */
struct span key_span(struct job_ctx *cx, const struct tree *m, uint32_t i);
/* spec.manualSelector: true (the Job's own selector, no generated labels). */
bool manual_selector(struct job_ctx *cx);
/* Go's strconv.ParseInt(s[0..n), 10, 32). */
bool parse_int32(const char *s, size_t n, int64_t *out);
/* Whether the label selector sel (matchLabels, matchExpressions) selects
 * labels. */
bool selector_matches(const struct tree *sel, const struct tree *labels);
/* JOB123: the selector sel's expressions, at path; false when one is
 * wrong (the selector then selects nothing the API server could say). */
bool check_label_selector(struct job_ctx *cx, const struct tree *sel, const char *path);
/* Whether the pod has a container (or init container) called name[0..n). */
bool pod_has_container(struct job_ctx *cx, const char *name, size_t n);
/* Paths in a volume: whether p has a '..' step (validatePathNoBacksteps);
 * why p is not relative and without one (validateLocalDescendingPath), or
 * NULL; the same, or why it starts with '..' (*dot_start), the kubelet's
 * own entries (ValidateLocalNonReservedPath). */
bool path_backsteps(const struct tree *p);
const char *descending_path(const struct tree *p);
const char *local_path(const struct tree *p, bool *dot_start);

/* check_refs.c: field() and resource() as env and downward-api files read
 * them, reported as rule id.  The fieldPath fr of the fieldRef at rp
 * (validateObjectFieldSelector); the resourceFieldRef rf at rp
 * (validateContainerResourceFieldSelector).  file: in a downward-api file
 * (its fields; a resource needs its container). */
void check_field_ref(struct job_ctx *cx, enum rule_id id, const struct tree *fr, const char *rp,
                     bool file);
void check_resource_ref(struct job_ctx *cx, enum rule_id id, const struct tree *rf,
                        const char *rp, bool file);

/* ---- the rule groups, in rules.def order ------------------------------ */

/* check_meta.c: JOB0xx, names and metadata */
void check_metadata(struct job_ctx *cx);
/* JOB004/JOB005 on the map m of labels (or, keys_only, of annotations) at
 * the Kubernetes path path; what names it in messages ("label"). */
void check_label_map(struct job_ctx *cx, const struct tree *m, const char *path, const char *what,
                     bool keys_only);

/* check_spec.c: JOB1xx, the Job spec */
void check_spec(struct job_ctx *cx);

/* check_pod.c: JOB2xx, the pod */
void check_pod(struct job_ctx *cx);
/* check_affinity.c: JOB25x, the pod's affinity */
void check_affinity(struct job_ctx *cx);
/* and its parts by topic, each given the pod spec: check_pod_host.c
 * (JOB214-JOB217, the node's namespaces, the pod's OS), check_pod_spread.c
 * (JOB218, topology spread), check_pod_claims.c (JOB221, JOB222, resource
 * claims) */
void check_pod_host(struct job_ctx *cx, const struct tree *pod);
void check_pod_spread(struct job_ctx *cx, const struct tree *pod);
void check_pod_claims(struct job_ctx *cx, const struct tree *pod);

/* check_containers.c: JOB3xx, each container; runs the four below for each */
void check_containers(struct job_ctx *cx);

/* check_security.c: the security contexts, of container c at cp (JOB311-JOB313)
 * and of the pod (JOB311, JOB312, JOB314, JOB315) */
void check_container_security(struct job_ctx *cx, const struct tree *c, const char *cp);
void check_pod_security(struct job_ctx *cx);

/* check_env.c: JOB4xx, the environment of container c (at path cp); volumes
 * are the pod's */
void check_env(struct job_ctx *cx, const struct tree *c, const char *cp,
               const struct tree *volumes);

/* check_resources.c: JOB5xx, the requests and limits of container c */
void check_resources(struct job_ctx *cx, const struct tree *c, const char *cp);

/* check_probes.c: JOB6xx, the probes and lifecycle hooks of container c;
 * plain_init: an init container that is not a sidecar; grace: the pod's
 * termination grace period in seconds */
void check_probes(struct job_ctx *cx, const struct tree *c, const char *cp, bool plain_init,
                  int64_t grace);

/* check_volumes.c: JOB7xx, the pod's volumes */
void check_volumes(struct job_ctx *cx);
/* JOB704: container c's mounts of the pod's volumes; then check_mount_uses */
void check_mounts(struct job_ctx *cx, const struct tree *c, const char *cp,
                  const struct tree *volumes);
/* check_sources.c: JOB703, JOB710-JOB713, the sources of volume v (at vp)
 * with blocks of their own; check_projected.c: JOB703, JOB714-JOB717, its
 * downward-api files and projected sources, and check_key_items: JOB703,
 * the items of a ConfigMap or Secret source (at path) */
void check_key_items(struct job_ctx *cx, const struct tree *items, const char *path);
void check_sources(struct job_ctx *cx, const struct tree *v, const char *vp);
void check_projected(struct job_ctx *cx, const struct tree *v, const char *vp);
/* check_mounts.c: JOB706-JOB709, the rest of container c's mounts, and its
 * volume devices */
void check_mount_uses(struct job_ctx *cx, const struct tree *c, const char *cp,
                      const struct tree *volumes);

/* check_cron.c: JOB8xx, the CronJob's own spec */
void check_cron(struct job_ctx *cx);

/* check_lints.c: JOB90x, the lints */
void check_lints(struct job_ctx *cx);

#endif
