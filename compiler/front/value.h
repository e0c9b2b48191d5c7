/* value.h - values of the jobc language, as the evaluator computes them.
 *
 * A value remembers where it was written (span) and through which
 * templates it arrived (origin), so that an error about it can point at
 * the line that set it and explain how it got into the job.  Values live
 * in the arena of the compilation that made them.
 *
 * Unit literals (30s, 500m, 4Gi) stay V_UNIT, untyped, until a field gives
 * them a meaning: 5m is 300 s in `deadline` and 5 millicores in `cpu`.
 */
#ifndef JOBC_VALUE_H
#define JOBC_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "source.h"

enum val_kind {
	V_NULL,
	V_BOOL,
	V_INT,
	V_STR,
	V_UNIT,      /* unit literal text, typed by the field that receives it */
	V_LIST,
	V_MAP,       /* also a block: ordered keys */
	V_SECRET,    /* secret(name, key) */
	V_CONFIGMAP, /* configmap(name, key) */
	V_FIELDREF,  /* field("metadata.name") */
	V_RESFIELD,  /* resource("limits.cpu", divisor, container) */
	V_RANGE,     /* request..limit: lo or hi may be NULL */
};

/* How a value reached a job: applied by template `name` from `site`
 * (a job or template header), itself reached through `outer`. */
struct origin {
	const char *template_name;
	struct span site;
	const struct origin *outer;
};

struct vmap;

struct value {
	enum val_kind kind;
	/* V_MAP: built by the evaluator's merge for one record field and
	 * referenced from that field alone, so that the next template can
	 * merge into it in place (a chain of 1,000 templates each adding a key
	 * costs 1,000 steps, not 500,000).  Never set on a copy. */
	bool owned;
	struct span span;
	const struct origin *origin;
	union {
		bool b;
		int64_t i;
		struct {
			const char *s;
			uint32_t len;
		} str; /* V_STR, V_UNIT */
		struct {
			struct value **v;
			uint32_t n;
		} list;
		struct vmap *map;
		struct {
			const char *name; /* secret/configmap name, the field path, or the resource */
			const char *key;  /* secret/configmap key, or a resource's divisor (or NULL) */
			const char *container; /* resource(): the container, or NULL for this one */
		} ref;
		struct {
			struct value *lo, *hi;
		} range;
	};
};

struct vmap_entry {
	const char *key; /* interned */
	struct span key_span;
	struct value *value;
};

/* An ordered map.  Lookups are linear up to a few dozen keys, then hashed. */
struct vmap {
	struct vmap_entry *e;
	uint32_t n, cap;
	struct map *index;   /* key -> entry index + 1, built when n grows */
	bool labeled;        /* holds NAME -> block for `container NAME {}` */
};

struct value *val_new(struct arena *a, enum val_kind k, struct span sp);
struct value *val_int(struct arena *a, int64_t i, struct span sp);
struct value *val_bool(struct arena *a, bool b, struct span sp);
struct value *val_str(struct arena *a, const char *s, uint32_t len, struct span sp);
struct value *val_map(struct arena *a, struct span sp);
/* A shallow copy with a new span and origin. */
struct value *val_copy(struct arena *a, const struct value *v);

struct vmap *vmap_new(struct arena *a);
/* Entry for key (interned pointer), or NULL. */
struct vmap_entry *vmap_find(const struct vmap *m, const char *key);
/* Sets key, keeping its position when it exists. */
void vmap_set(struct arena *a, struct vmap *m, const char *key, struct span key_span,
              struct value *v);
/* Removes key, keeping the order of the others. */
void vmap_remove(struct vmap *m, const char *key);

/* "string \"abc\"", "integer 42", "a list", ... for error messages. */
void val_describe(struct buf *out, const struct value *v);
/* The same text as a string in a, for a diagnostic's %s. */
const char *val_describe_in(struct arena *a, const struct value *v);
/* A short name of the value's type: "string", "integer", "list", ... */
const char *val_kind_name(enum val_kind k);
/* Writes a scalar as text (for interpolation and env values); returns
 * false for values that have no text form (lists, maps, ...). */
bool val_to_text(struct buf *out, const struct value *v);
/* Structural equality. */
bool val_equal(const struct value *a, const struct value *b);

#endif
