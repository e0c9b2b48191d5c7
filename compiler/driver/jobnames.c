/* jobnames.c - the table of job names: open addressing over compact
 * entries, since a generated build may make a million jobs and keeps every
 * name until the end (see jobnames.h). */
#include "jobnames.h"

#include "alloc.h"
#include "map.h"

static uint32_t name_hash(const struct names *t, const char *name, const char *ns)
{
	uint32_t h = map_hash(name, strlen(name));
	return t->by_name ? h : h ^ (map_hash(ns, strlen(ns)) * 0x9e3779b1u);
}

static void names_grow(struct names *t)
{
	uint32_t n = t->nslot ? t->nslot * 2 : 1024;
	xfree(t->slot);
	t->slot = xcalloc(n, sizeof *t->slot);
	t->nslot = n;
	for (uint32_t e = 0; e < t->n; e++) {
		uint32_t i = name_hash(t, names_entry_name(t, e), names_entry_ns(t, e)) & (n - 1);
		while (t->slot[i])
			i = (i + 1) & (n - 1);
		t->slot[i] = e + 1;
	}
}

/* Takes a job's name; a name already taken is noted for the end. */
void names_take(struct names *t, const char *name, const char *ns, struct span span)
{
	if (!ns)
		ns = "";
	if (t->full || t->keys.len + strlen(name) + strlen(ns) + 2 > UINT32_MAX || t->n >= 1u << 30) {
		t->full = true;
		return;
	}
	if ((uint64_t)(t->n + 1) * 2 > t->nslot)
		names_grow(t);
	uint32_t i = name_hash(t, name, ns) & (t->nslot - 1);
	for (; t->slot[i]; i = (i + 1) & (t->nslot - 1)) {
		uint32_t e = t->slot[i] - 1;
		if (strcmp(names_entry_name(t, e), name) ||
		    (!t->by_name && strcmp(names_entry_ns(t, e), ns)))
			continue;
		if (t->ndups == t->capdups) {
			t->capdups = t->capdups ? t->capdups * 2 : 8;
			t->dups = xrealloc(t->dups, sizeof *t->dups * t->capdups);
		}
		t->dups[t->ndups++] = (struct name_dup){xstrdup(name), *ns ? xstrdup(ns) : NULL, span, e};
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->e = xrealloc(t->e, sizeof *t->e * t->cap);
	}
	t->e[t->n] = (struct name_entry){(uint32_t)t->keys.len, span};
	buf_put(&t->keys, name, strlen(name) + 1);
	buf_put(&t->keys, ns, strlen(ns) + 1);
	t->slot[i] = ++t->n;
}

void names_free(struct names *t)
{
	buf_free(&t->keys);
	xfree(t->e);
	xfree(t->slot);
	for (unsigned k = 0; k < t->ndups; k++) {
		xfree(t->dups[k].name);
		xfree(t->dups[k].ns);
	}
	xfree(t->dups);
}
