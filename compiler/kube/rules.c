/* rules.c - the rule table and the -W switches; see rules.def. */
#include "rules.h"

#include <string.h>

#define ERROR RULE_ERROR
#define WARNING RULE_WARNING
#define LINT RULE_LINT

const struct rule rules[R__COUNT] = {
#define RULE(id, level, slug, path, statement, why, source, bad, good) \
	{#id, level, slug, path, statement, why, source, bad, good},
#include "rules.def"
#undef RULE
};

const struct rule *rule_find(const char *id)
{
	for (int i = 0; i < R__COUNT; i++)
		if (strcmp(rules[i].id, id) == 0 || strcmp(rules[i].slug, id) == 0)
			return &rules[i];
	return 0;
}

void rule_config_default(struct rule_config *c)
{
	memset(c, 0, sizeof *c);
}

bool rule_config_apply(struct rule_config *c, const char *opt, const char **why)
{
	if (strcmp(opt, "error") == 0) {
		c->all_errors = true;
		return true;
	}
	if (strcmp(opt, "all") == 0) {
		for (int i = 0; i < R__COUNT; i++)
			c->off[i] = false;
		c->none = false;
		return true;
	}
	/* the lints as a group: -Wno-lints keeps only Kubernetes' own warnings */
	if (strcmp(opt, "lints") == 0 || strcmp(opt, "no-lints") == 0) {
		for (int i = 0; i < R__COUNT; i++)
			if (rules[i].level == RULE_LINT)
				c->off[i] = opt[0] == 'n';
		return true;
	}
	bool off = false, err = false, noerr = false;
	if (strncmp(opt, "no-error=", 9) == 0) {
		noerr = true;
		opt += 9;
	} else if (strncmp(opt, "error=", 6) == 0) {
		err = true;
		opt += 6;
	} else if (strncmp(opt, "no-", 3) == 0 && !rule_find(opt)) {
		off = true;
		opt += 3;
	}
	const struct rule *r = rule_find(opt);
	if (!r) {
		*why = "no warning has this name; 'jobc explain warnings' lists them";
		return false;
	}
	if (r->level == RULE_ERROR) {
		*why = "this rule is an error, which cannot be turned off";
		return false;
	}
	int i = (int)(r - rules);
	if (off)
		c->off[i] = true;
	else if (err)
		c->error[i] = true, c->off[i] = false;
	else if (noerr)
		c->error[i] = false;
	else
		c->off[i] = false;
	return true;
}
