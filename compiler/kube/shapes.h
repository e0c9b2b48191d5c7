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

#endif
