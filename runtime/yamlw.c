/* yamlw.c - YAML writer; see yamlw.h. */
#include "yamlw.h"

#include <inttypes.h>
#include <string.h>

/* Words that YAML 1.1 (PyYAML, go-yaml v2 as used by kubectl) or the
 * YAML 1.2 core schema resolve to booleans or null, plus the 1.1 merge and
 * value keys. */
static const char *const reserved_words[] = {
	"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
	"true", "True", "TRUE", "false", "False", "FALSE",
	"on", "On", "ON", "off", "Off", "OFF",
	"null", "Null", "NULL", "~", "<<", "=",
};

static bool is_reserved_word(const char *s, size_t len)
{
	/* every word is at most 5 bytes and starts with one of y n t f o ~ < = */
	if (len > 5)
		return false;
	switch (s[0]) {
	case 'y': case 'Y': case 'n': case 'N': case 't': case 'T': case 'f': case 'F':
	case 'o': case 'O': case '~': case '<': case '=':
		break;
	default:
		return false;
	}
	for (size_t i = 0; i < sizeof reserved_words / sizeof *reserved_words; i++) {
		const char *w = reserved_words[i];
		if (w[0] == s[0] && strlen(w) == len && memcmp(w, s, len) == 0)
			return true;
	}
	return false;
}

/* A superset of every numeric, sexagesimal and timestamp form of YAML 1.1
 * and 1.2: after an optional sign, starts with a digit or '.', and holds
 * only characters those forms use.  Quoting a few strings that no reader
 * would have re-typed ("1.2.0") is the price of never missing one. */
static bool looks_numeric(const char *s, size_t len)
{
	size_t i = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= len)
		return false;
	const char *rest = s + i;
	size_t rlen = len - i;
	static const char *const specials[] = {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"};
	for (size_t k = 0; k < 6; k++)
		if (rlen == 4 && memcmp(rest, specials[k], 4) == 0)
			return true;
	if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		return false;
	for (; i < len; i++) {
		char c = s[i];
		if ((c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '+' ||
		    c == '-' || c == ' ' || c == 'T' || c == 't' || c == 'Z' || c == 'x' ||
		    c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B' ||
		    (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
			continue;
		return false;
	}
	return true;
}

/* Characters YAML 1.1 treats as line breaks besides \n and \r:
 * NEL U+0085, LS U+2028, PS U+2029; and the BOM U+FEFF. */
static size_t special_break(const unsigned char *p, size_t left)
{
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0x85)
		return 2;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
		return 3;
	if (left >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

/* 2: a letter; 1: a digit or one of "-_./"; 0: anything else. */
static const unsigned char plain_class[256] = {
	['-'] = 1, ['_'] = 1, ['.'] = 1, ['/'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2,
	['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2,
	['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2, ['s'] = 2, ['t'] = 2, ['u'] = 2,
	['v'] = 2, ['w'] = 2, ['x'] = 2, ['y'] = 2, ['z'] = 2,
	['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2,
	['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2,
	['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2,
	['V'] = 2, ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2,
};

bool yaml_plain_safe(const char *s, size_t len)
{
	if (len == 0)
		return false;
	/* The common case, keys and names: a letter, then letters, digits and
	 * "-_./"; only a reserved word (yes, null, ...) needs quotes then. */
	unsigned char c0 = (unsigned char)s[0];
	if (plain_class[c0] == 2) {
		size_t i = 1;
		while (i < len && plain_class[(unsigned char)s[i]])
			i++;
		if (i == len)
			return !is_reserved_word(s, len);
	}
	if (s[0] == ' ' || s[len - 1] == ' ')
		return false;
	switch (c0) {
	case '?': case ':': case ',': case '[': case ']': case '{': case '}':
	case '#': case '&': case '*': case '!': case '|': case '>': case '\'':
	case '"': case '%': case '@': case '`':
		return false;
	case '-':
		/* "-" and "- x" are sequence entries; "--flag" is a plain string. */
		if (len == 1 || s[1] == ' ')
			return false;
		break;
	}
	if (s[len - 1] == ':')
		return false;
	/* "---" and "..." mark documents when they start a line (a key at the
	 * left margin): never plain */
	if (len >= 3 && (!memcmp(s, "---", 3) || !memcmp(s, "...", 3)) &&
	    (len == 3 || s[3] == ' ' || s[3] == '\t'))
		return false;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c < 0x20 || c == 0x7F)
			return false; /* tabs, line breaks and control characters */
		if (c == ':' && i + 1 < len && p[i + 1] == ' ')
			return false;
		if (c == '#' && i > 0 && p[i - 1] == ' ')
			return false;
		if (c >= 0x80 && special_break(p + i, len - i))
			return false;
	}
	if (is_reserved_word(s, len) || looks_numeric(s, len))
		return false;
	return true;
}

bool yaml_block_safe(const char *s, size_t len)
{
	if (len == 0 || !memchr(s, '\n', len))
		return false;
	/* Leading whitespace would need an indentation indicator. */
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n')
		return false;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c == '\n') {
			/* Trailing blanks before a break are not kept by every reader. */
			if (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t'))
				return false;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return false;
		if (c >= 0x80 && special_break(p + i, len - i))
			return false;
	}
	if (p[len - 1] == ' ' || p[len - 1] == '\t')
		return false;
	return true;
}

void yaml_write_quoted(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		size_t sb;
		switch (c) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\t': buf_puts(out, "\\t"); break;
		case '\r': buf_puts(out, "\\r"); break;
		case '\0': buf_puts(out, "\\0"); break;
		default:
			if (c < 0x20 || c == 0x7F) {
				buf_printf(out, "\\x%02X", c);
			} else if (c >= 0x80 && (sb = special_break(p + i, len - i))) {
				if (sb == 2)
					buf_puts(out, "\\N");
				else if (p[i] == 0xEF)
					buf_puts(out, "\\uFEFF");
				else
					buf_puts(out, p[i + 2] == 0xA8 ? "\\L" : "\\P");
				i += sb - 1;
			} else {
				buf_putc(out, (char)c);
			}
		}
	}
	buf_putc(out, '"');
}

static void write_block(struct buf *out, const char *s, size_t len, unsigned indent)
{
	/* Chomping: one final break is "clip", none is "strip", more is "keep". */
	size_t trailing = 0;
	while (trailing < len && s[len - 1 - trailing] == '\n')
		trailing++;
	buf_puts(out, trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
	buf_putc(out, '\n');
	size_t body = len - trailing;
	size_t i = 0;
	while (i < body) {
		const char *nl = memchr(s + i, '\n', body - i);
		size_t end = nl ? (size_t)(nl - s) : body;
		if (end > i) {
			buf_fill(out, ' ', indent);
			buf_put(out, s + i, end - i);
		}
		buf_putc(out, '\n');
		i = end + 1;
	}
	/* Kept extra breaks become empty lines. */
	for (size_t k = 1; k < trailing; k++)
		buf_putc(out, '\n');
}

static void write_scalar(struct buf *out, const struct tree *t, unsigned indent)
{
	switch (t->kind) {
	case TREE_NULL: buf_puts(out, "null"); break;
	case TREE_BOOL: buf_puts(out, t->b ? "true" : "false"); break;
	case TREE_INT: buf_put_int(out, t->i); break;
	case TREE_STR:
		if (yaml_plain_safe(t->str.s, t->str.len))
			buf_put(out, t->str.s, t->str.len);
		else if (yaml_block_safe(t->str.s, t->str.len)) {
			write_block(out, t->str.s, t->str.len, indent);
			return; /* write_block ends its own lines */
		} else
			yaml_write_quoted(out, t->str.s, t->str.len);
		break;
	default: break;
	}
	buf_putc(out, '\n');
}

static bool is_empty_collection(const struct tree *t)
{
	return (t->kind == TREE_MAP && t->map.n == 0) || (t->kind == TREE_LIST && t->list.n == 0);
}

static void write_key(struct buf *out, const char *k, size_t len)
{
	if (yaml_plain_safe(k, len))
		buf_put(out, k, len);
	else
		yaml_write_quoted(out, k, len);
	buf_putc(out, ':');
}

static void write_node(struct buf *out, const struct tree *t, unsigned indent);

/* Writes the value after "key:" or "- " has been written. */
static void write_value_after(struct buf *out, const struct tree *t, unsigned indent,
                              bool in_list_item)
{
	if (t->kind == TREE_MAP && t->map.n) {
		if (in_list_item) {
			/* "- k: v" then the other keys aligned under k. */
			for (uint32_t i = 0; i < t->map.n; i++) {
				const struct tree_entry *e = &t->map.v[i];
				if (i)
					buf_fill(out, ' ', indent);
				write_key(out, e->key, e->klen);
				write_value_after(out, e->value, indent + 2, false);
			}
		} else {
			buf_putc(out, '\n');
			write_node(out, t, indent);
		}
	} else if (t->kind == TREE_LIST && t->list.n) {
		buf_putc(out, '\n');
		/* Lists under a key sit at the key's indentation (kubectl style);
		 * a list inside a list item is indented by two. */
		write_node(out, t, in_list_item ? indent : indent - 2);
	} else {
		buf_putc(out, ' ');
		if (is_empty_collection(t))
			buf_puts(out, t->kind == TREE_MAP ? "{}\n" : "[]\n");
		else
			write_scalar(out, t, indent);
	}
}

static void write_node(struct buf *out, const struct tree *t, unsigned indent)
{
	if (t->kind == TREE_MAP && t->map.n) {
		for (uint32_t i = 0; i < t->map.n; i++) {
			const struct tree_entry *e = &t->map.v[i];
			buf_fill(out, ' ', indent);
			write_key(out, e->key, e->klen);
			write_value_after(out, e->value, indent + 2, false);
		}
	} else if (t->kind == TREE_LIST && t->list.n) {
		for (uint32_t i = 0; i < t->list.n; i++) {
			const struct tree *item = t->list.v[i];
			buf_fill(out, ' ', indent);
			buf_putc(out, '-');
			if (item->kind == TREE_MAP && item->map.n) {
				buf_putc(out, ' ');
				write_value_after(out, item, indent + 2, true);
			} else if (item->kind == TREE_LIST && item->list.n) {
				buf_putc(out, '\n');
				write_node(out, item, indent + 2);
			} else {
				buf_putc(out, ' ');
				if (is_empty_collection(item))
					buf_puts(out, item->kind == TREE_MAP ? "{}\n" : "[]\n");
				else
					write_scalar(out, item, indent + 2);
			}
		}
	} else if (is_empty_collection(t)) {
		buf_fill(out, ' ', indent);
		buf_puts(out, t->kind == TREE_MAP ? "{}\n" : "[]\n");
	} else {
		buf_fill(out, ' ', indent);
		write_scalar(out, t, indent + 2);
	}
}

void yaml_write(struct buf *out, const struct tree *t)
{
	write_node(out, t, 0);
}
