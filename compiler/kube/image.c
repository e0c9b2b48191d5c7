/* image.c - container image references; see image.h. */
#include "image.h"

#include <string.h>

void image_parse(const char *s, size_t n, struct image_ref *r)
{
	r->s = s;
	r->n = n;
	const char *at = memchr(s, '@', n);
	size_t name = at ? (size_t)(at - s) : n;
	r->digest = at ? at + 1 : NULL;
	/* the tag is after a ':' in the last path component (not a port) */
	size_t slash = 0;
	r->tag = NULL;
	r->tag_len = 0;
	r->repo_len = name;
	for (size_t i = 0; i < name; i++) {
		if (s[i] == '/') {
			slash = i + 1;
			r->tag = NULL;
		} else if (s[i] == ':' && i >= slash) {
			r->tag = s + i + 1;
			r->repo_len = i;
		}
	}
	if (r->tag)
		r->tag_len = name - (size_t)(r->tag - s);
	else
		r->repo_len = name;
}

bool image_is_latest(const struct image_ref *r)
{
	return !r->digest && (!r->tag || (r->tag_len == 6 && !memcmp(r->tag, "latest", 6)));
}

const char *image_default_pull(const struct image_ref *r)
{
	return image_is_latest(r) ? "Always" : "IfNotPresent";
}
