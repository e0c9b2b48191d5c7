/* doc.h - reference documents generated from the field and rule tables.
 * `jobc doc fields` and `jobc doc rules` print them; docs/fields.md and
 * docs/rules.md are their output, kept current by a test. */
#ifndef JOBC_DOC_H
#define JOBC_DOC_H

#include "buf.h"

void doc_fields(struct buf *out);
void doc_rules(struct buf *out);

#endif
