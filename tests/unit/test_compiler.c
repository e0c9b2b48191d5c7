/* test_compiler.c - unit tests of the compiler's small parts: durations,
 * Kubernetes name grammars and $(NAME) references, edit distance, field
 * lookup, keywords, and the builtin table (with docs/language.md's list of
 * it). */
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "check.h"
#include "eval_builtins.h"
#include "fields.h"
#include "fileio.h"
#include "keywords.h"
#include "names.h"
#include "units.h"

static int64_t secs(const char *s)
{
	int64_t v = -1;
	const char *why;
	if (!duration_parse(s, (uint32_t)strlen(s), &v, &why))
		return -1;
	return v;
}

TEST(durations)
{
	CHECK_INT(secs("30s"), 30);
	CHECK_INT(secs("5m"), 300);
	CHECK_INT(secs("1h30m"), 5400);
	CHECK_INT(secs("2d"), 172800);
	CHECK_INT(secs("1d12h"), 129600);
	CHECK_INT(secs("1.5h"), 5400);
	CHECK_INT(secs("0.5m"), 30);
	CHECK_INT(secs("1_000s"), 1000);
	CHECK_INT(secs("0s"), 0);
	CHECK_INT(secs("1.5s"), -1);   /* fraction of a second */
	CHECK_INT(secs("30"), -1);     /* no unit */
	CHECK_INT(secs("5x"), -1);     /* unknown unit */
	CHECK_INT(secs("5ms"), -1);    /* not a unit here */
	CHECK_INT(secs("30m1h"), -1);  /* out of order */
	CHECK_INT(secs("1m1m"), -1);   /* twice */
	CHECK_INT(secs("1e3"), -1);
	CHECK_INT(secs("106751991167301d"), -1); /* overflow */
	char out[32];
	duration_format(5400, out, sizeof out);
	CHECK_STR(out, "1h30m");
	duration_format(86461, out, sizeof out);
	CHECK_STR(out, "1d1m1s");
}

#define OK(fn, s) CHECK((fn)(s, strlen(s)) == NULL)
#define BAD(fn, s) CHECK((fn)(s, strlen(s)) != NULL)

TEST(names)
{
	OK(k8s_dns_label, "a");
	OK(k8s_dns_label, "data-migration");
	OK(k8s_dns_label, "123-abc");
	BAD(k8s_dns_label, "");
	BAD(k8s_dns_label, "-a");
	BAD(k8s_dns_label, "a-");
	BAD(k8s_dns_label, "My");
	BAD(k8s_dns_label, "a_b");
	CHECK_STR(k8s_dns_label("a.b", 3), "must not contain dots");
	BAD(k8s_dns_label, "a123456789012345678901234567890123456789012345678901234567890123");
	OK(k8s_dns_subdomain, "a.b.c");
	BAD(k8s_dns_subdomain, "a..b");
	BAD(k8s_dns_subdomain, "a.-b");
	OK(k8s_qualified_name, "app.kubernetes.io/name");
	OK(k8s_qualified_name, "Team_1.x");
	BAD(k8s_qualified_name, "/name");
	BAD(k8s_qualified_name, "a/b/c");
	BAD(k8s_qualified_name, "Bad.Prefix/x");
	BAD(k8s_qualified_name, "bad key");
	OK(k8s_label_value, "");
	OK(k8s_label_value, "v1.2_3-x");
	BAD(k8s_label_value, "-x");
	BAD(k8s_label_value, "a b");
	OK(k8s_env_name_relaxed, "1 weird name");
	BAD(k8s_env_name_relaxed, "A=B");
	BAD(k8s_env_name_relaxed, "caf\xc3\xa9");
	OK(k8s_env_name_strict, "MY_ENV.NAME");
	BAD(k8s_env_name_strict, "1ABC");
	BAD(k8s_env_name_strict, "..x");
}

TEST(fields)
{
	CHECK(field_find(&schema_job, "retries") != NULL);
	CHECK(field_find(&schema_job, "image") != NULL); /* through the main container */
	CHECK(field_find(&schema_container, "retries") == NULL);
	CHECK_STR(field_by_k8s_name(&schema_job, "backoffLimit")->name, "retries");
	CHECK_STR(field_by_k8s_name(&schema_job, "activeDeadlineSeconds")->name, "deadline");
	CHECK_STR(field_suggest(&schema_job, "retrys"), "retries");
	CHECK_STR(field_suggest(&schema_job, "imgae"), "image");
	CHECK(field_suggest(&schema_job, "zzzzzzzz") == NULL);
	CHECK_INT(edit_distance("abc", "acb"), 1);
	CHECK_INT(edit_distance("", "abc"), 3);
	CHECK_STR(field_k8s_path(field_find(&schema_job, "image")),
	          "spec.template.spec.containers[0].image");
}

/* $(NAME) references as Kubernetes reads them; Planton's own variables */
static const char *refs(const char *s)
{
	static char out[128];
	size_t n = 0;
	const char *name;
	size_t len;
	out[0] = 0;
	for (size_t p = 0; k8s_var_ref(s, strlen(s), &p, &name, &len);)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", n ? "," : "", (int)len, name);
	return out;
}

TEST(var_refs)
{
	CHECK_STR(refs("$(A) $(B_2)"), "A,B_2");
	CHECK_STR(refs("$$(A) $(B)"), "B"); /* $$ is a literal $ */
	CHECK_STR(refs("$$$(A)"), "A");
	CHECK_STR(refs("$A $(B"), "");       /* no parentheses, no closing one */
	CHECK_STR(refs("x$()y"), "");
	CHECK_STR(refs("$"), "");
	const char *ref, *s = "echo $$(HOSTNAME) $(MODE) $(K8S_POD_ID)";
	size_t len;
	CHECK_STR(planton_injected_ref(s, strlen(s), &ref, &len), "the pod's name");
	CHECK(len == 10 && !memcmp(ref, "K8S_POD_ID", 10));
	s = "$$(HOSTNAME) $(HOSTNAMES)";
	CHECK(planton_injected_ref(s, strlen(s), &ref, &len) == NULL);
}

#define KW(s) keyword_is(s, strlen(s))
#define BARE(s) word_is_bare(s, strlen(s))

TEST(keywords)
{
	CHECK(KW("include"));
	CHECK(KW("template"));
	CHECK(KW("in"));
	CHECK(KW("null"));
	CHECK(!KW("includes"));
	CHECK(!KW("i"));
	CHECK(!KW("Job"));
	CHECK(!KW(""));
	CHECK(keyword_is("if-x", 2)); /* only the first n bytes count */
	CHECK(BARE("image"));
	CHECK(BARE("_x-1"));
	CHECK(BARE("restart-policy"));
	CHECK(BARE("jobs"));
	CHECK(!BARE("job"));
	CHECK(!BARE("false"));
	CHECK(!BARE(""));
	CHECK(!BARE("1x"));
	CHECK(!BARE("-x"));
	CHECK(!BARE("app.kubernetes.io/name"));
	CHECK(!BARE("a b"));
	CHECK(!BARE("caf\xc3\xa9"));
}

/* Every row is found by its name and takes at most BUILTIN_MAX_ARGS
 * arguments; the section "### Builtins" of docs/language.md names every
 * builtin, and its table's rows start with builtins only. */
TEST(builtins)
{
	struct buf list = BUF_INIT;
	builtin_list(&list);
	CHECK(strstr(list.data, " and ") != NULL); /* "a, b and c" */
	size_t dlen;
	const char *why;
	char *doc = file_read(JOBC_SOURCE_DIR "/docs/language.md", 1 << 20, &dlen, &why);
	CHECK(doc != NULL);
	char *sect = doc ? strstr(doc, "\n### Builtins\n") : NULL;
	CHECK(sect != NULL);
	char *end = sect ? strstr(sect + 1, "\n#") : NULL;
	if (end)
		*end = 0;
	unsigned nnames = 0;
	for (char *name = list.data; name && *name;) {
		size_t n = strcspn(name, ", ");
		char want[64];
		snprintf(want, sizeof want, "%.*s", (int)n, name);
		const struct builtin *b = builtin_find(want);
		CHECK(b != NULL);
		if (b) {
			CHECK(b->min_args >= 0 && b->min_args <= b->max_args);
			CHECK(b->max_args <= BUILTIN_MAX_ARGS);
			CHECK(b->fn != NULL && b->usage != NULL);
			unsigned dist;
			CHECK(builtin_nearest(want, &dist) == b && dist == 0);
		}
		char call[80];
		snprintf(call, sizeof call, "`%s(", want);
		if (sect && !strstr(sect, call))
			fprintf(stderr, "docs/language.md does not document %s()\n", want);
		CHECK(!sect || strstr(sect, call));
		nnames++;
		name += n;
		name += strspn(name, ", ");
		if (!strncmp(name, "and ", 4))
			name += 4;
	}
	CHECK(nnames > 1);
	/* ... and every call the docs' table starts a row with is a builtin */
	for (char *p = sect; p && (p = strstr(p, "\n| `")); p++) {
		char *q = p + 4;
		size_t n = strcspn(q, "(`");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)n, q);
		if (q[n] == '(' && !builtin_find(name))
			fprintf(stderr, "docs/language.md documents %s(), which is no builtin\n", name);
		CHECK(q[n] != '(' || builtin_find(name));
	}
	CHECK(builtin_find("frobnicate") == NULL);
	xfree(doc);
	buf_free(&list);
}

int main(void)
{
	RUN(durations);
	RUN(names);
	RUN(fields);
	RUN(var_refs);
	RUN(keywords);
	RUN(builtins);
	return check_report();
}
