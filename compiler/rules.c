/* rules.c - the rule table; see rules.def. */
#include "rules.h"

#include <string.h>

const struct rule rules[R__COUNT] = {
#define RULE(id, slug, path, statement, source) {#id, slug, path, statement, source},
#include "rules.def"
#undef RULE
};

const struct rule *rule_find(const char *id)
{
	for (int i = 0; i < R__COUNT; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return 0;
}
