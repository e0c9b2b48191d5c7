/* fuzz_lsp.c - jobc lsp takes anything an editor could send.
 *
 * The input is the byte stream on the server's standard input: framed
 * messages or not, JSON or not, any method, any document, any position.
 * The server runs in this process (no child per request, so that the
 * sanitizers see every check and question) and must neither crash nor
 * leak; what it answers goes to /dev/null.  Seeds are whole sessions
 * (tests/fuzz/corpus/lsp/): initialize, open, change, ask, shut down.
 */
#include "fuzz.h"
#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	if (!init) {
		/* go to definition writes the standard library's files here */
		setenv("XDG_CACHE_HOME", "/tmp/jobc-fuzz-lsp-cache", 1);
		init = true;
	}
	if (!size)
		return 0;
	struct options opt;
	fuzz_options(&opt, "yaml", NULL, 0, fuzz_devnull());
	FILE *in = fmemopen((void *)(uintptr_t)data, size, "r");
	if (!in)
		return 0;
	lsp_serve_stream(&opt, "0.0.0", "fuzz", in, fuzz_devnull(), false);
	fclose(in);
	return 0;
}
