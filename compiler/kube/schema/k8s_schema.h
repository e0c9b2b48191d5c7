/* k8s_schema.h - the shape of every batch/v1 type, from the official
 * OpenAPI document (k8s-batch-v1-openapi.json), generated at build time by
 * gen.c.  Used to check values jobc takes as Kubernetes writes them (the
 * affinity field) the way kubectl's strict field validation would, and, in
 * debug and test builds, every Job and CronJob jobc builds (k8s_guard). */
#ifndef JOBC_K8S_SCHEMA_H
#define JOBC_K8S_SCHEMA_H

#include <stdint.h>

enum k8s_kind {
	K8S_OBJECT,        /* closed: props, required */
	K8S_MAP,           /* string keys, values of elem */
	K8S_ARRAY,         /* items of elem */
	K8S_STRING,
	K8S_INTEGER,       /* within [min, max] */
	K8S_NUMBER,
	K8S_BOOL,
	K8S_INT_OR_STRING,
	K8S_QUANTITY,      /* string or number */
	K8S_ANY,           /* the items of a free-form object (FieldsV1, RawExtension) */
};

struct k8s_prop {
	const char *name;
	int type;          /* index in k8s_types */
	int required;
};

struct k8s_type {
	const char *name;  /* "io.k8s.api.core.v1.Affinity", or NULL for an inline type */
	enum k8s_kind kind;
	int elem;          /* K8S_MAP, K8S_ARRAY: index of the item type */
	const struct k8s_prop *props; /* in bytewise order of name */
	int nprops;
	int64_t min, max;  /* K8S_INTEGER */
	/* A top-level kind's x-kubernetes-group-version-kind ("batch/v1",
	 * "Job"), or NULL, NULL. */
	const char *api_version, *gvk_kind;
};

extern const struct k8s_type k8s_types[];
extern const int k8s_ntypes;

/* The index of a named type, or -1 (a binary search). */
int k8s_type_find(const char *name);

#endif
