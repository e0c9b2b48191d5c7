/* fuzz_import.c - jobc import of any bytes.
 *
 * Properties: the exit status is 0 or 1; import reports no internal error
 * (source of its own that does not parse); a failed import prints nothing;
 * what a successful import prints parses without a syntax error, is in
 * canonical form (fmt leaves it as it is), and compiles without a crash
 * (it may break a rule: import does not re-check every rule).
 */
#include "fmt.h"
#include "fuzz.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct options opt;
	fuzz_options(&opt, "yaml", (const char *)data, size, f);
	char dash[] = "-";
	char *files[] = {dash};
	unsigned internal = import_internal_errors();
	int status = import_files(&opt, files, 1);
	fclose(f);
	FUZZ_ASSERT(import_internal_errors() == internal,
	            "import reported an internal error (see above)");
	FUZZ_ASSERT(status == 0 || status == 1, "exit status %d", status);
	FUZZ_ASSERT(status == 0 || len == 0, "a failed import printed %zu bytes", len);
	if (status == 0 && len) {
		struct options po;
		fuzz_options(&po, "yaml", out, len, fuzz_devnull());
		struct session S;
		session_init(&S, &po);
		struct unit *u = session_parse(&S, "-");
		FUZZ_ASSERT(u && !S.diag.errors, "the imported source has syntax errors:\n%.*s", (int)len,
		            out);
		struct buf t = BUF_INIT;
		fmt_print(&t, u->ast, u->src);
		FUZZ_ASSERT(t.len == len && (!len || !memcmp(t.data, out, len)),
		            "the imported source is not in canonical form:\n%.*s", (int)len, out);
		buf_free(&t);
		session_destroy(&S);
		struct fuzz_build r;
		fuzz_build(&r, "yaml", out, len);
		FUZZ_ASSERT(r.status == 0 || r.status == 1, "building the import exits %d", r.status);
		fuzz_build_free(&r);
	}
	free(out);
	return 0;
}
