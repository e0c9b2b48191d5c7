/* fuzz_compile.c - the whole pipeline, source text to each backend.
 *
 * Properties, beyond "no crash, no leak, no undefined behaviour":
 *   - the exit status is 0 or 1;
 *   - a failed build writes nothing;
 *   - a YAML output is well-formed YAML (libyaml reads every document),
 *     a JSON output is one JSON value (cJSON parses all of it);
 *   - the YAML and JSON backends accept and reject the same files (they
 *     share every check; only the rendering differs).
 */
#include <cjson/cJSON.h>
#include <yaml.h>

#include "fuzz.h"

static void well_formed_yaml(const char *s, size_t n)
{
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	yaml_event_t ev;
	for (;;) {
		FUZZ_ASSERT(yaml_parser_parse(&p, &ev), "the YAML output does not parse: %s at %zu",
		            p.problem ? p.problem : "?", p.problem_offset);
		yaml_event_type_t t = ev.type;
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const backends[] = {"yaml", "json", "planton"};
	int status[3];
	for (int k = 0; k < 3; k++) {
		struct fuzz_build r;
		fuzz_build(&r, backends[k], (const char *)data, size);
		FUZZ_ASSERT(r.status == 0 || r.status == 1, "%s: exit status %d", backends[k], r.status);
		FUZZ_ASSERT(r.status == 0 || r.len == 0, "%s: a failed build wrote %zu bytes", backends[k],
		            r.len);
		if (r.status == 0 && r.len) {
			if (k == 1) {
				const char *end = NULL;
				cJSON *j = cJSON_ParseWithLengthOpts(r.out, r.len, &end, 0);
				FUZZ_ASSERT(j, "the JSON output does not parse");
				while (end && end < r.out + r.len && (*end == '\n' || *end == ' '))
					end++;
				FUZZ_ASSERT(end == r.out + r.len, "the JSON output is more than one value");
				cJSON_Delete(j);
			} else {
				well_formed_yaml(r.out, r.len);
			}
		}
		status[k] = r.status;
		fuzz_build_free(&r);
	}
	FUZZ_ASSERT(status[0] == status[1], "yaml exits %d, json %d", status[0], status[1]);
	return 0;
}
