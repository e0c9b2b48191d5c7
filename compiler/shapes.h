/* shapes.h - the fields whose Kubernetes form differs from their jobc form.
 *
 * env { NAME = value } is a list of {name, value} in Kubernetes, indexed =
 * true is completionMode: Indexed, a volume block is a pod volume and a
 * mount of the main container...  Each such field points, in the field
 * table, at a shape: the hook that lowers its value to the Kubernetes form,
 * beside the hook that raises the Kubernetes form back to jobc source (jobc
 * import), in one file, so that each is the other's inverse.
 */
#ifndef JOBC_SHAPES_H
#define JOBC_SHAPES_H

#include "fields.h"
#include "report.h"

struct imp;

struct shape {
	/* The value v of field f in Kubernetes form: the node to set at f->k8s
	 * in target (the map of f's schema's object, at path), or NULL: an
	 * error (reported), nothing to write, or the hook set what it makes
	 * itself.  NULL: lowered by the field's type. */
	struct tree *(*lower)(struct job_ctx *cx, const struct field *f, const struct value *v,
	                      struct tree *target, const char *path);
	/* jobc import: takes f's Kubernetes form out of holder (the map of f's
	 * schema's object, at path base) and writes it as source (import_int.h).
	 * NULL: raised by the field's type. */
	void (*raise)(struct imp *im, const struct field *f, struct tree *holder, const char *base);
};

extern const struct shape shape_env, shape_env_from, shape_resources, shape_mounts,
	shape_headers, shape_sidecar, shape_memory, shape_empty_dir, shape_conditions,
	shape_exit_codes, shape_exit_codes_not_in, shape_indexed, shape_image_pull_secrets, shape_container_name,
	shape_restart, shape_volume, shape_labels, shape_labels_part, shape_manual_selector,
	shape_selector, shape_items, shape_default_mode, shape_read_only;

#endif
