/* jobnames.h - the names of the jobs a build made, to find two of one name.
 *
 * Its own small table rather than a struct map: it must hold every job of
 * a build in little memory, and it knows nothing else of the build.
 */
#ifndef JOBC_JOBNAMES_H
#define JOBC_JOBNAMES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "source.h"

/* The names of the jobs made so far: the one thing a build keeps for every
 * job, even one whose document is already on standard output, so that two
 * jobs of one name are found whatever the count.  Kept compact (a job's
 * name and namespace in one byte buffer, 16 bytes of entry, a 4-byte hash
 * slot): a million jobs take about 40 MB.  A name found twice is noted and
 * reported once the build is over, in the order the jobs were made, so
 * that every -j prints the same. */
struct name_entry {
	uint32_t key;          /* offset in keys of "name\0namespace\0" */
	struct span span;
};

struct name_dup {
	char *name, *ns;       /* the second job */
	struct span span;
	uint32_t first;        /* the entry of the first */
};

struct names {
	struct buf keys;
	struct name_entry *e;
	uint32_t n, cap;
	uint32_t *slot;        /* entry + 1, or 0; nslot is a power of two */
	uint32_t nslot;
	struct name_dup *dups;
	unsigned ndups, capdups;
	bool by_name;          /* -o DIR, flat layout: one file per name, namespace or not */
	bool full;             /* over 4 GiB of names: past what can be checked */
};

/* Takes a job's name (copied; ns may be NULL); a name already taken is
 * noted for the end, in t->dups. */
void names_take(struct names *t, const char *name, const char *ns, struct span span);
/* Frees what the table holds (not t itself). */
void names_free(struct names *t);

/* The name and namespace ("" for none) of entry e. */
static inline const char *names_entry_name(const struct names *t, uint32_t e)
{
	return t->keys.data + t->e[e].key;
}

static inline const char *names_entry_ns(const struct names *t, uint32_t e)
{
	const char *name = names_entry_name(t, e);
	return name + strlen(name) + 1;
}

#endif
