/* rules.h - the rule table (rules.def) as data. */
#ifndef JOBC_RULES_H
#define JOBC_RULES_H

enum rule_id {
#define RULE(id, slug, path, statement, source) R_##id,
#include "rules.def"
#undef RULE
	R__COUNT
};

struct rule {
	const char *id;        /* "JOB101" */
	const char *slug;      /* "restart-policy" */
	const char *path;      /* the Kubernetes field path */
	const char *statement; /* what Kubernetes requires */
	const char *source;    /* where Kubernetes says so */
};

extern const struct rule rules[R__COUNT];

/* The rule with ID id ("JOB101"), or NULL. */
const struct rule *rule_find(const char *id);

#endif
