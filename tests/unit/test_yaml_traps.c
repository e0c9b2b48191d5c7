/* test_yaml_traps.c - every string of tests/yaml/traps.txt, written by
 * jobc's YAML writer (as a map value, a map key and a list item) and read
 * back by libyaml, is the same string: the same bytes, and, when written
 * plain, a scalar that neither YAML 1.1 (PyYAML's resolver, which kubectl's
 * go-yaml v2 and Planton's sigs.k8s.io/yaml follow) nor the YAML 1.2 core
 * schema would re-type as a bool, number, null, timestamp or merge key.
 *
 * Usage: test_yaml_traps TRAPS.txt [OUT.yaml]
 * With OUT.yaml, also writes one document mapping "t<i>" to each string,
 * for the Python readers (tests/yaml/traps.py).
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "fileio.h"
#include "tree.h"
#include "yamlw.h"

/* The implicit resolvers of YAML 1.1 (PyYAML resolver.py) and of the
 * YAML 1.2 core schema, as POSIX extended regular expressions. */
static const char *const implicit[] = {
	/* 1.1 bool */
	"^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$",
	/* 1.1 float */
	"^([-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9_]+([eE][-+][0-9]+)?|"
	"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$",
	/* 1.1 int */
	"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|"
	"[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$",
	/* 1.1 merge, null, timestamp, value */
	"^(<<)$",
	"^(~|null|Null|NULL|)$",
	"^([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
	"([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?)$",
	"^(=)$",
	/* 1.2 core: int (decimal, octal, hex) and float */
	"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
	"^([-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$",
};
#define NIMPLICIT (sizeof implicit / sizeof *implicit)
static regex_t res[NIMPLICIT];

static int failures;

#define FAIL(...)                                                                                 \
	do {                                                                                          \
		fprintf(stderr, __VA_ARGS__);                                                             \
		fputc('\n', stderr);                                                                      \
		failures++;                                                                               \
	} while (0)

static void show(const char *s, size_t n, char *out, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 8 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			k += (size_t)snprintf(out + k, size - k, "\\x%02x", c);
		else
			out[k++] = (char)c;
	}
	out[k] = '\0';
}

/* The scalars of the document text, in order, with their styles. */
struct scalar {
	char *value;
	size_t len;
	yaml_scalar_style_t style;
};

static int parse(const char *text, size_t len, struct scalar *out, int max)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int n = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			FAIL("libyaml cannot read jobc's output: %s at byte %zu\n%.*s", p.problem,
			     p.problem_offset, (int)len, text);
			yaml_parser_delete(&p);
			return -1;
		}
		if (ev.type == YAML_SCALAR_EVENT && n < max) {
			out[n].len = ev.data.scalar.length;
			out[n].value = xmalloc(out[n].len + 1);
			memcpy(out[n].value, ev.data.scalar.value, out[n].len + 1);
			out[n].style = ev.data.scalar.style;
			n++;
		}
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	return n;
}

/* A scalar read back must be the string, and a plain one must stay one. */
static void judge(const char *what, const char *s, size_t n, const struct scalar *sc,
                  const char *text)
{
	char shown[512];
	show(s, n, shown, sizeof shown);
	if (sc->len != n || memcmp(sc->value, s, n) != 0) {
		char got[512];
		show(sc->value, sc->len, got, sizeof got);
		FAIL("%s \"%s\" reads back as \"%s\"; jobc wrote:\n%s", what, shown, got, text);
		return;
	}
	if (sc->style != YAML_PLAIN_SCALAR_STYLE)
		return;
	for (size_t r = 0; r < NIMPLICIT; r++)
		if (regexec(&res[r], sc->value, 0, NULL, 0) == 0)
			FAIL("%s \"%s\" is written plain, and a YAML reader re-types it (%s); jobc wrote:\n%s",
			     what, shown, implicit[r], text);
	if (memchr(s, '\0', n))
		FAIL("%s \"%s\" holds a NUL byte but is written plain", what, shown);
}

/* One JSON string literal ("a\u0000b") into bytes; returns the length, or
 * -1 when it is not one. */
static long decode(const char *lit, char *out)
{
	const char *p = lit;
	long n = 0;
	if (*p++ != '"')
		return -1;
	while (*p && *p != '"') {
		if (*p != '\\') {
			out[n++] = *p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'n': out[n++] = '\n'; p++; break;
		case 't': out[n++] = '\t'; p++; break;
		case 'r': out[n++] = '\r'; p++; break;
		case 'b': out[n++] = '\b'; p++; break;
		case 'f': out[n++] = '\f'; p++; break;
		case '"': case '\\': case '/': out[n++] = *p++; break;
		case 'u': {
			unsigned long c = strtoul((char[5]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
			p += 5;
			if (c >= 0xD800 && c < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
				unsigned long lo = strtoul((char[5]){p[2], p[3], p[4], p[5], 0}, NULL, 16);
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			}
			if (c < 0x80) {
				out[n++] = (char)c;
			} else if (c < 0x800) {
				out[n++] = (char)(0xC0 | (c >> 6));
				out[n++] = (char)(0x80 | (c & 0x3F));
			} else if (c < 0x10000) {
				out[n++] = (char)(0xE0 | (c >> 12));
				out[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
				out[n++] = (char)(0x80 | (c & 0x3F));
			} else {
				out[n++] = (char)(0xF0 | (c >> 18));
				out[n++] = (char)(0x80 | ((c >> 12) & 0x3F));
				out[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
				out[n++] = (char)(0x80 | (c & 0x3F));
			}
			break;
		}
		default: return -1;
		}
	}
	return *p == '"' ? n : -1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_yaml_traps TRAPS.txt [OUT.yaml]\n");
		return 2;
	}
	for (size_t r = 0; r < NIMPLICIT; r++)
		if (regcomp(&res[r], implicit[r], REG_EXTENDED | REG_NOSUB) != 0) {
			fprintf(stderr, "bad pattern %s\n", implicit[r]);
			return 2;
		}
	size_t len;
	const char *why;
	char *text = file_read(argv[1], 1 << 20, &len, &why);
	if (!text) {
		fprintf(stderr, "%s: %s\n", argv[1], why);
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct tree *all = tree_map(&a);
	int count = 0;
	for (char *line = text, *next; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (*line == '#' || !*line)
			continue;
		char *s = arena_alloc(&a, strlen(line) + 1);
		long dn = decode(line, s);
		if (dn < 0) {
			fprintf(stderr, "%s: not a JSON string literal: %s\n", argv[1], line);
			return 2;
		}
		size_t n = (size_t)dn;
		s[n] = '\0';
		int i = count++;
		struct tree *v = tree_str(&a, s, n);
		struct buf out = BUF_INIT;
		struct scalar sc[4];

		/* as a map value */
		struct tree *m = tree_map(&a);
		tree_append(&a, m, "k", v);
		yaml_write(&out, m);
		int got = parse(out.data, out.len, sc, 4);
		if (got == 2)
			judge("map value", s, n, &sc[1], out.data);
		else if (got >= 0)
			FAIL("map value: %d scalars read back", got);
		for (int k = 0; k < got; k++)
			xfree(sc[k].value);
		out.len = 0;

		/* as a list item */
		struct tree *l = tree_list(&a);
		tree_push(&a, l, v);
		tree_append(&a, (m = tree_map(&a)), "k", l);
		yaml_write(&out, m);
		got = parse(out.data, out.len, sc, 4);
		if (got == 2)
			judge("list item", s, n, &sc[1], out.data);
		else if (got >= 0)
			FAIL("list item: %d scalars read back", got);
		for (int k = 0; k < got; k++)
			xfree(sc[k].value);
		out.len = 0;

		/* as a map key (keys are C strings: skip the one with a NUL) */
		if (!memchr(s, '\0', n) && n) {
			m = tree_map(&a);
			tree_append(&a, m, s, tree_cstr(&a, "v"));
			yaml_write(&out, m);
			got = parse(out.data, out.len, sc, 4);
			if (got == 2)
				judge("map key", s, n, &sc[0], out.data);
			else if (got >= 0)
				FAIL("map key: %d scalars read back", got);
			for (int k = 0; k < got; k++)
				xfree(sc[k].value);
		}
		buf_free(&out);
		tree_append(&a, all, arena_printf(&a, "t%d", i), v);
	}
	if (argc > 2) {
		struct buf out = BUF_INIT;
		yaml_write(&out, all);
		if (file_write_atomic(argv[2], out.data, out.len, &why) == WRITE_FAILED) {
			fprintf(stderr, "%s: %s\n", argv[2], why);
			return 2;
		}
		buf_free(&out);
	}
	printf("%d strings, each as a map value, a list item and a map key: %d failure(s)\n", count,
	       failures);
	xfree(text);
	arena_destroy(&a);
	for (size_t r = 0; r < NIMPLICIT; r++)
		regfree(&res[r]);
	if (count < 60) {
		fprintf(stderr, "the table needs at least 60 strings\n");
		return 1;
	}
	return failures ? 1 : 0;
}
