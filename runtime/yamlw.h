/* yamlw.h - a small YAML writer for document trees.
 *
 * Block style, two-space indentation, list items at their key's indentation
 * (as `kubectl get -o yaml` writes them), map keys in the tree's order.
 * Every string that a YAML 1.1 or 1.2 reader would resolve to something
 * other than that string (yes, no, on, off, y, n, null, ~, 1.10, 0755, 1e3,
 * 12:30, 2024-01-01, "", leading or trailing spaces, indicators, ": ",
 * " #") is double-quoted; a multi-line string is written as a `|` block
 * when that reads back exactly, double-quoted otherwise.
 */
#ifndef JOBC_YAMLW_H
#define JOBC_YAMLW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "tree.h"

/* Appends one document (no "---" line) for t to out. */
void yaml_write(struct buf *out, const struct tree *t);

/* True when s can be written as a plain scalar and reads back as the same
 * string under YAML 1.1 and YAML 1.2 resolution. */
bool yaml_plain_safe(const char *s, size_t len);
/* True when s can be written as a literal block scalar and read back
 * exactly. */
bool yaml_block_safe(const char *s, size_t len);
/* Appends s as a double-quoted scalar. */
void yaml_write_quoted(struct buf *out, const char *s, size_t len);

#endif
