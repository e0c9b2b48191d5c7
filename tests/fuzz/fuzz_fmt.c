/* fuzz_fmt.c - jobc fmt keeps what a file means.
 *
 * For any input that parses: its canonical form parses, to an equal
 * syntax tree; formatting that form again changes nothing (idempotence);
 * and building the input and its canonical form gives the same exit
 * status, the same output bytes and the same number of errors and
 * warnings (meaning preservation, checked by compiling, not by comparing
 * trees).
 */
#include "fmt.h"
#include "fuzz.h"

/* Parses text as a file named "-"; NULL when it has syntax errors.  The
 * session must be destroyed by the caller. */
static struct unit *parse(struct session *S, struct options *opt, const char *text, size_t len)
{
	fuzz_options(opt, "yaml", text, len, fuzz_devnull());
	session_init(S, opt);
	struct unit *u = session_parse(S, "-");
	return u && !S->diag.errors ? u : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o1, o2;
	struct session s1, s2;
	struct unit *u = parse(&s1, &o1, (const char *)data, size);
	if (!u) {
		session_destroy(&s1);
		return 0;
	}
	struct buf t1 = BUF_INIT;
	fmt_print(&t1, u->ast, u->src);
	const char *once = t1.data ? t1.data : "";

	struct unit *v = parse(&s2, &o2, once, t1.len);
	FUZZ_ASSERT(v, "the canonical form has syntax errors:\n%.*s", (int)t1.len, once);
	FUZZ_ASSERT(ast_equal(u->ast, v->ast), "the canonical form is another tree:\n%.*s", (int)t1.len,
	            once);
	struct buf t2 = BUF_INIT;
	fmt_print(&t2, v->ast, v->src);
	FUZZ_ASSERT(t2.len == t1.len && (!t1.len || !memcmp(t2.data, once, t1.len)),
	            "fmt is not idempotent:\n%.*s\n---\n%.*s", (int)t1.len, once, (int)t2.len,
	            t2.data ? t2.data : "");

	struct fuzz_build a, b;
	fuzz_build(&a, "yaml", (const char *)data, size);
	fuzz_build(&b, "yaml", once, t1.len);
	FUZZ_ASSERT(a.status == b.status, "exit %d before fmt, %d after:\n%.*s", a.status, b.status,
	            (int)t1.len, once);
	FUZZ_ASSERT(a.len == b.len && (!a.len || !memcmp(a.out, b.out, a.len)),
	            "the output differs after fmt:\n%.*s", (int)t1.len, once);
	FUZZ_ASSERT(a.errors == b.errors && a.warnings == b.warnings,
	            "%u errors and %u warnings before fmt, %u and %u after:\n%.*s", a.errors, a.warnings,
	            b.errors, b.warnings, (int)t1.len, once);
	fuzz_build_free(&a);
	fuzz_build_free(&b);
	buf_free(&t1);
	buf_free(&t2);
	session_destroy(&s2);
	session_destroy(&s1);
	return 0;
}
