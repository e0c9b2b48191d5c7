/* rules.h - the rule table (rules.def) as data. */
#ifndef JOBC_RULES_H
#define JOBC_RULES_H

#include <stdbool.h>

enum rule_level {
	RULE_ERROR,   /* the API server rejects the manifest */
	RULE_WARNING, /* accepted with a warning, or cannot work as written */
	RULE_LINT,    /* a best practice */
};

enum rule_id {
#define RULE(id, level, slug, path, statement, why, source, bad, good) R_##id,
#include "rules.def"
#undef RULE
	R__COUNT
};

struct rule {
	const char *id;        /* "JOB101" */
	enum rule_level level;
	const char *slug;      /* "restart-policy" */
	const char *path;      /* the Kubernetes field path */
	const char *statement; /* what it requires */
	const char *why;       /* why Kubernetes has it */
	const char *source;    /* where Kubernetes says so */
	const char *bad;       /* a job that breaks it */
	const char *good;      /* the same job, fixed */
};

extern const struct rule rules[R__COUNT];

/* The rule with this ID ("JOB101") or slug ("restart-policy"), or NULL. */
const struct rule *rule_find(const char *id_or_slug);

/* Which warnings are on, and which are errors (-W, -Wno-, -Werror).
 * Owned by the caller; rule_config_default() turns every warning on. */
struct rule_config {
	bool off[R__COUNT];
	bool error[R__COUNT];
	bool all_errors;       /* -Werror */
	bool none;             /* -w: no warnings at all */
};

void rule_config_default(struct rule_config *c);
/* Applies one -W option ("no-missing-ttl", "error", "error=image-latest",
 * "JOB903").  Returns false (and sets *why) when it names no warning. */
bool rule_config_apply(struct rule_config *c, const char *opt, const char **why);

#endif
