/* image.h - container image references: repository, tag, digest.
 *
 * The one reader of "registry:5000/team/app:1.2@sha256:..." for every pass
 * that cares: the default pull policy (--defaults explicit, import), the
 * :latest lint (JOB904), Planton's repo and tag.
 */
#ifndef JOBC_IMAGE_H
#define JOBC_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

struct image_ref {
	const char *s;        /* the reference as written */
	size_t n;
	size_t repo_len;      /* s[0..repo_len): the repository, registry included */
	const char *tag;      /* after the ':' of the last path component, or NULL */
	size_t tag_len;
	const char *digest;   /* after '@', or NULL */
};

/* Splits s[0..n) (need not be NUL-terminated; r points into it). */
void image_parse(const char *s, size_t n, struct image_ref *r);
/* No digest, and no tag or the tag "latest": what runs moves with the
 * repository. */
bool image_is_latest(const struct image_ref *r);
/* The pull policy Kubernetes gives a container that sets none
 * (SetDefaults_Container): Always for a latest image, else IfNotPresent. */
const char *image_default_pull(const struct image_ref *r);

#endif
