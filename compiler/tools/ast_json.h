/* ast_json.h - `jobc ast --json`: the syntax tree as JSON. */
#ifndef JOBC_AST_JSON_H
#define JOBC_AST_JSON_H

#include <cjson/cJSON.h>

#include "ast.h"
#include "source.h"

/* Returns a new cJSON tree for n (the caller deletes it).  Spans are
 * written as "line:col-line:col" (end exclusive) within src. */
cJSON *ast_to_json(const struct ast *n, struct source *src);

#endif
