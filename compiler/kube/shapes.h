/* shapes.h - what the files of shapes share: the references env and a
 * downward-api volume both write (field(), resource()), lowered and raised
 * alike.  Only the shapes files include it. */
#ifndef JOBC_SHAPES_H
#define JOBC_SHAPES_H

#include "import_int.h"
#include "lower_value.h"

/* The selector a reference x makes: {fieldPath} for field(), {resource,
 * divisor, containerName} for resource(), {name, key} for secret() and
 * configmap(); *kind is its key (fieldRef, ...).  NULL: x is no reference. */
struct tree *lower_ref(struct job_ctx *cx, const struct value *x, const char **kind);

/* field(...) or resource(...) from the fieldRef or resourceFieldRef in
 * from (at path), taken out of it; false when from has neither. */
bool raise_ref(struct imp *im, struct tree *from, const char *path);

/* How a list keyed by a name is written (shapes_keyed.c): { KEY = "VALUE" },
 * a list [{key: KEY, value: VALUE}] in Kubernetes.  With type, KEY may also
 * be { ... }, an object of that OpenAPI type as Kubernetes writes it but
 * for its key, or a list of values and objects (the key more than once),
 * and the field the list as Kubernetes writes it.  Without type, a value
 * is text; with expected, only a string, and expected says what it is. */
struct keyed {
	const char *key, *value, *type, *expected;
};

/* The list field f's value v (at path) makes, for the keyed list kd. */
struct tree *shape_lower_keyed(struct job_ctx *cx, const struct field *f, const struct value *v,
                               const char *path, const struct keyed *kd);

#endif
