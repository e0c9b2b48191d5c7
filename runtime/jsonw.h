/* jsonw.h - JSON output of document trees and cJSON values.
 *
 * Trees go through cJSON (the system library); integers are written as raw
 * digits so that int64 values survive (cJSON's numbers are doubles).
 * Output is indented with two spaces, keys in the tree's order.
 */
#ifndef JOBC_JSONW_H
#define JOBC_JSONW_H

#include <cjson/cJSON.h>

#include "buf.h"
#include "tree.h"

/* Routes cJSON's allocations through the allocator door.  Call once at
 * start, before any other cJSON call. */
void json_init(void);
/* Returns a new cJSON value for t; the caller frees with cJSON_Delete. */
cJSON *tree_to_cjson(const struct tree *t);
/* Appends the pretty-printed JSON text of j and a final newline. */
void json_write(struct buf *out, const cJSON *j);
/* Appends t as pretty-printed JSON and a final newline. */
void json_write_tree(struct buf *out, const struct tree *t);

#endif
