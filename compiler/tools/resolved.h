/* resolved.h - `jobc ast --json --resolved`: each job after templates,
 * loops and evaluation, with every field's typed value and where it came
 * from. */
#ifndef JOBC_RESOLVED_H
#define JOBC_RESOLVED_H

#include <cjson/cJSON.h>

#include "eval.h"
#include "session.h"

/* A JSON object for one job record:
 *   {"job": name, "at": "file:line:col", "fields": [
 *      {"field", "kubernetes", "value", "set_at", "via": [{"template", "applied_at"}],
 *       "entries": [{"key", "set_at", "via"}]   -- for maps only
 *      } ...]}
 * Fields whose value is wrong are reported through S's diagnostics and
 * left out. */
cJSON *resolved_job(struct session *S, struct arena *a, struct diagnostics *d,
                    const struct job_record *job);

#endif
