/* tree.h - a plain document tree (maps, lists, scalars) for the writers.
 *
 * The compiler lowers each checked job into a tree; the YAML and JSON
 * writers serialise trees and know nothing else.  Nodes live in an arena.
 * Maps keep insertion order until tree_sort sorts their keys bytewise, which
 * is the order every jobc output uses.  Each node may carry the span of the
 * source value it came from (span_none() otherwise).
 */
#ifndef JOBC_TREE_H
#define JOBC_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source.h"

struct arena;

enum tree_kind {
	TREE_NULL,
	TREE_BOOL,
	TREE_INT,
	TREE_STR,
	TREE_LIST,
	TREE_MAP,
};

struct tree;

struct tree_entry {
	const char *key;
	uint32_t klen;
	struct span key_span; /* where the key was written, or span_none() */
	struct tree *value;
};

struct tree {
	enum tree_kind kind;
	struct span span;
	const void *src;  /* what produced the node (the compiler's value), or NULL */
	union {
		bool b;
		int64_t i;
		struct {
			const char *s;
			uint32_t len;
		} str;
		struct {
			struct tree **v;
			uint32_t n, cap;
		} list;
		struct {
			struct tree_entry *v;
			uint32_t n, cap;
		} map;
	};
};

struct tree *tree_null(struct arena *a);
struct tree *tree_bool(struct arena *a, bool b);
struct tree *tree_int(struct arena *a, int64_t i);
/* The string is not copied: it must outlive the tree. */
struct tree *tree_str(struct arena *a, const char *s, size_t len);
struct tree *tree_cstr(struct arena *a, const char *s);
struct tree *tree_list(struct arena *a);
struct tree *tree_map(struct arena *a);

void tree_push(struct arena *a, struct tree *list, struct tree *item);
/* Appends key (not copied) without checking for duplicates. */
void tree_append(struct arena *a, struct tree *map, const char *key, struct tree *value);
/* As tree_append, remembering where the key was written. */
void tree_append_at(struct arena *a, struct tree *map, const char *key, struct span key_span,
                    struct tree *value);
/* Sets key, replacing an existing entry (linear search: for small maps). */
void tree_set(struct arena *a, struct tree *map, const char *key, struct tree *value);
/* Returns the value for key, or NULL. */
struct tree *tree_get(const struct tree *map, const char *key);
/* As tree_get, for the key s[0..n) (need not be NUL-terminated). */
struct tree *tree_getn(const struct tree *map, const char *key, size_t n);
/* Returns the map at key, creating it when absent. */
struct tree *tree_child_map(struct arena *a, struct tree *map, const char *key);
/* Removes key if present. */
void tree_remove(struct tree *map, const char *key);
/* Sorts the keys of every map in the tree, bytewise. */
void tree_sort(struct tree *t);
/* t is the string s. */
bool tree_is_str(const struct tree *t, const char *s);
/* A deep copy of t in a, spans and src kept; strings and keys are shared. */
struct tree *tree_clone(struct arena *a, const struct tree *t);
/* Deep structural equality (spans ignored). */
bool tree_equal(const struct tree *a, const struct tree *b);
/* Sets path ("spec.template.spec.restartPolicy") in root, making maps
 * along the way.  The last key is not copied: path must outlive the tree. */
void tree_set_path(struct arena *a, struct tree *root, const char *path, struct tree *value);
/* The node at a dotted path, or NULL. */
struct tree *tree_path(const struct tree *root, const char *path);

#endif
