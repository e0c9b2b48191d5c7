/* k8s_check.h - checking a tree against a Kubernetes OpenAPI type, as
 * kubectl's strict field validation does: unknown keys, wrong types,
 * integer ranges, missing required fields. */
#ifndef JOBC_K8S_CHECK_H
#define JOBC_K8S_CHECK_H

#include "tree.h"

/* Called for each problem: the node at fault (or its parent map), the
 * path of the field, what is wrong, and a suggestion (or NULL). */
typedef void (*k8s_problem)(void *user, const struct tree *at, struct span key_span,
                            const char *path, const char *what, const char *suggest);

/* Checks t against the named type; path is t's Kubernetes path.  Returns
 * the number of problems. */
int k8s_check(const struct tree *t, const char *type_name, const char *path, k8s_problem report,
              void *user);

#endif
