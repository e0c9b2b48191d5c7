/* doc.h - references generated from the field and rule tables:
 * `jobc doc fields|rules` (docs/fields.md and docs/rules.md, kept current
 * by a test) and `jobc explain ID|FIELD`. */
#ifndef JOBC_DOC_H
#define JOBC_DOC_H

#include <stdbool.h>

#include "buf.h"
#include "fields.h"
#include "rules.h"

void doc_fields(struct buf *out);
void doc_rules(struct buf *out);
/* jobc explain JOB101 */
void explain_rule(struct buf *out, const struct rule *r);
/* jobc explain retries */
void explain_field(struct buf *out, const struct field *f, const struct schema *in);
/* jobc explain std/NAME: a template of the standard library, with its
 * doc comment and source.  False when there is none of that name. */
bool explain_std(struct buf *out, const char *name);
/* jobc explain std: the templates of the standard library */
void explain_std_list(struct buf *out);
/* What `jobc explain` takes, space-separated, for shell completion: std,
 * std/NAME of every template, every rule's ID and name, every field. */
void explain_words(struct buf *out);
/* jobc explain (0: everything), rules (1), warnings (2), fields (3) */
void explain_list(struct buf *out, int what);
/* jobc explain by a name or a Kubernetes path (backoffLimit,
 * spec.backoffLimit, spec.template.spec.containers[0].image,
 * containers.image, memory): every field it names, the job's own first
 * (the job's and its container's, the shortest path first), the others
 * listed after.  False when none does. */
bool explain_lookup(struct buf *out, const char *what);
/* jobc explain by a Kubernetes name: the jobc field it is, or the
 * Kubernetes-spelled block that holds it; false when it is neither. */
bool explain_k8s(struct buf *out, const char *key);

#endif
