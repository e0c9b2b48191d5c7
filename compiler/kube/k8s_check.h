/* k8s_check.h - checking a tree against a Kubernetes OpenAPI type, as
 * kubectl's strict field validation does: unknown keys, wrong types,
 * integer ranges, missing required fields, and a top-level kind's
 * apiVersion and kind.
 *
 * Two users: lowering checks the values jobc takes as Kubernetes writes
 * them (affinity) and reports what is wrong as the user's error; and, in
 * builds with JOBC_GUARD (debug and test builds, see compiler/README.md),
 * k8s_guard checks every Job and CronJob jobc builds, whole, where a
 * problem is a bug in jobc. */
#ifndef JOBC_K8S_CHECK_H
#define JOBC_K8S_CHECK_H

#include <stdbool.h>

#include "tree.h"

/* Called for each problem: the node at fault (or its parent map), the
 * path of the field, what is wrong, and a suggestion (or NULL). */
typedef void (*k8s_problem)(void *user, const struct tree *at, struct span key_span,
                            const char *path, const char *what, const char *suggest);

/* Checks t against the named type; path is t's Kubernetes path ("" for a
 * whole object).  Returns the number of problems. */
int k8s_check(const struct tree *t, const char *type_name, const char *path,
              k8s_problem on_problem, void *user);

/* The index of a named type, or -1. */
int k8s_type_index(const char *type_name);
/* The type of field key of object type type, or -1 when it has none (then
 * *suggest, if given, is its nearest field, or NULL). */
int k8s_prop_type(int type, const char *key, const char **suggest);
/* Whether type is an object with fields (not a map, list or scalar). */
bool k8s_type_is_object(int type);
/* k8s_check by the type's index. */
/* Only the required properties of type that t (an object) lacks, each
 * reported as check does: for an object built from parts (the keys a
 * Kubernetes-spelled block merges beside those jobc names). */
int k8s_check_required(const struct tree *t, int type, const char *path, k8s_problem on_problem,
                       void *user);
int k8s_check_at(const struct tree *t, int type, const char *path, k8s_problem on_problem,
                 void *user);

/* Calls found for each scalar of t (a string, an integer or a boolean)
 * that sits where t's type (the named one) has a string, with its path
 * (path is t's): what the API server decodes into a Go string. */
void k8s_each_string(const struct tree *t, const char *type_name, const char *path,
                     void (*found)(void *user, const struct tree *at, const char *path),
                     void *user);

/* Checks a whole object against io.k8s.api.batch.v1.CronJob (cron) or
 * io.k8s.api.batch.v1.Job.  Returns the number of problems. */
int k8s_check_batch(const struct tree *obj, bool cron, k8s_problem on_problem, void *user);

/* The structural guard: k8s_check_batch on the object built for the job
 * named job.  A problem is a bug in jobc, never in the input: each is
 * printed to stderr as an internal error, then the program aborts. */
void k8s_guard(const struct tree *obj, bool cron, const char *job);

#endif
