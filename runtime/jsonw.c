/* jsonw.c - JSON output through cJSON; see jsonw.h. */
#include "jsonw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

void json_init(void)
{
	/* cJSON allocates through the allocator door too. */
	cJSON_Hooks hooks = {xmalloc, xfree};
	cJSON_InitHooks(&hooks);
}

cJSON *tree_to_cjson(const struct tree *t)
{
	switch (t->kind) {
	case TREE_NULL: return cJSON_CreateNull();
	case TREE_BOOL: return cJSON_CreateBool(t->b);
	case TREE_INT: {
		char digits[32];
		snprintf(digits, sizeof digits, "%" PRId64, t->i);
		return cJSON_CreateRaw(digits);
	}
	case TREE_STR: {
		/* cJSON wants a C string; tree strings are not always terminated. */
		char *s = xmalloc(t->str.len + 1);
		memcpy(s, t->str.s, t->str.len);
		s[t->str.len] = '\0';
		cJSON *j = cJSON_CreateString(s);
		xfree(s);
		return j;
	}
	case TREE_LIST: {
		cJSON *arr = cJSON_CreateArray();
		for (uint32_t i = 0; i < t->list.n; i++)
			cJSON_AddItemToArray(arr, tree_to_cjson(t->list.v[i]));
		return arr;
	}
	case TREE_MAP: {
		cJSON *obj = cJSON_CreateObject();
		for (uint32_t i = 0; i < t->map.n; i++)
			cJSON_AddItemToObject(obj, t->map.v[i].key, tree_to_cjson(t->map.v[i].value));
		return obj;
	}
	}
	return cJSON_CreateNull();
}

void json_write(struct buf *out, const cJSON *j)
{
	char *text = cJSON_Print(j);
	/* cJSON indents with tabs and writes "key":<tab>value.  A raw tab byte
	 * can only be formatting (tabs inside strings are escaped as \t), so
	 * rewriting them gives two-space indentation safely. */
	for (const char *p = text; *p; p++) {
		if (*p == '\t')
			buf_puts(out, p > text && p[-1] == ':' ? " " : "  ");
		else
			buf_putc(out, *p);
	}
	buf_putc(out, '\n');
	cJSON_free(text);
}

void json_write_tree(struct buf *out, const struct tree *t)
{
	cJSON *j = tree_to_cjson(t);
	json_write(out, j);
	cJSON_Delete(j);
}
