/* names.c - Kubernetes name grammars; see names.h.
 *
 * Messages are those of k8s.io/apimachinery/pkg/util/validation (the
 * "bytes" wording of v1.35 and newer), quoted in
 * shared reference §1; the double space before "or" is the API server's.
 */
#include "names.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool alnum(char c)
{
	return lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

#define LABEL_MSG                                                                         \
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " \
	"and must start and end with an alphanumeric character (e.g. 'my-name',  or "          \
	"'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
#define SUBDOMAIN_MSG                                                                       \
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' " \
	"or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "     \
	"regex used for validation is "                                                           \
	"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
#define NAME_PART_MSG                                                                     \
	"name part must consist of alphanumeric characters, '-', '_' or '.', and must start "   \
	"and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " \
	"regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
#define LABEL_VALUE_MSG                                                                    \
	"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' " \
	"or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "    \
	"'my_value',  or '12345', regex used for validation is "                                 \
	"'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

static bool is_label(const char *s, size_t len)
{
	if (len == 0 || !lower_alnum(s[0]) || !lower_alnum(s[len - 1]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!lower_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool is_subdomain(const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == '.') {
			if (!is_label(s + start, i - start))
				return false;
			start = i + 1;
		}
	return true;
}

const char *k8s_dns_label(const char *s, size_t len)
{
	if (len > 63)
		return "must be no more than 63 bytes";
	if (is_label(s, len))
		return NULL;
	if (is_subdomain(s, len))
		return "must not contain dots";
	return LABEL_MSG;
}

const char *k8s_dns_subdomain(const char *s, size_t len)
{
	if (len > 253)
		return "must be no more than 253 bytes";
	return is_subdomain(s, len) ? NULL : SUBDOMAIN_MSG;
}

static bool is_name_part(const char *s, size_t len)
{
	if (len == 0 || !alnum(s[0]) || !alnum(s[len - 1]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!alnum(s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return false;
	return true;
}

const char *k8s_qualified_name(const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len);
	const char *name = s;
	size_t nlen = len;
	if (slash) {
		size_t plen = (size_t)(slash - s);
		name = slash + 1;
		nlen = len - plen - 1;
		if (memchr(name, '/', nlen))
			return "a valid label key must consist of alphanumeric characters, '-', '_' or "
			       "'.', and must start and end with an alphanumeric character, with an "
			       "optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
		if (plen == 0)
			return "prefix part must contain at least 1 character";
		if (plen > 253)
			return "prefix part must be no more than 253 bytes";
		if (!is_subdomain(s, plen))
			return "prefix part " SUBDOMAIN_MSG;
	}
	if (nlen == 0)
		return "name part must contain at least 1 character";
	if (nlen > 63)
		return "name part must be no more than 63 bytes";
	return is_name_part(name, nlen) ? NULL : NAME_PART_MSG;
}

const char *k8s_label_value(const char *s, size_t len)
{
	if (len > 63)
		return "must be no more than 63 bytes";
	if (len == 0 || is_name_part(s, len))
		return NULL;
	return LABEL_VALUE_MSG;
}

const char *k8s_env_name_relaxed(const char *s, size_t len)
{
	if (len == 0)
		return "Required value";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7E || c == '=')
			return "a valid environment variable name must consist only of printable ASCII "
			       "characters other than '='";
	}
	return NULL;
}

/* hasChDirPrefix: ".", ".." and "..x" would name a directory step. */
static const char *chdir_prefix(const char *s, size_t len)
{
	if (len == 1 && s[0] == '.')
		return "must not be '.'";
	if (len == 2 && s[0] == '.' && s[1] == '.')
		return "must not be '..'";
	if (len > 2 && s[0] == '.' && s[1] == '.')
		return "must not start with '..'";
	return NULL;
}

const char *k8s_env_name_strict(const char *s, size_t len)
{
	static const char msg[] =
		"a valid environment variable name must consist of alphabetic characters, digits, "
		"'_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or "
		"'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is "
		"'[-._a-zA-Z][-._a-zA-Z0-9]*')";
	if (len == 0)
		return "Required value";
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' ||
		          c == '_' || (i > 0 && c >= '0' && c <= '9');
		if (!ok)
			return msg;
	}
	return chdir_prefix(s, len);
}

const char *k8s_port_name(const char *s, size_t len)
{
	if (len > 15)
		return "must be no more than 15 bytes";
	bool letter = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!lower_alnum(c) && c != '-')
			return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
		letter |= c >= 'a' && c <= 'z';
		if (c == '-' && i + 1 < len && s[i + 1] == '-')
			return "must not contain consecutive hyphens";
	}
	if (!letter)
		return "must contain at least one letter (a-z)";
	if (len && (s[0] == '-' || s[len - 1] == '-'))
		return "must not begin or end with a hyphen";
	return NULL;
}

const char *k8s_config_key(const char *s, size_t len)
{
	if (len == 0)
		return "Required value";
	if (len > 253)
		return "must be no more than 253 bytes";
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!alnum(c) && c != '-' && c != '_' && c != '.')
			return "a valid config key must consist of alphanumeric characters, '-', '_' or "
			       "'.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
			       "validation is '[-._a-zA-Z0-9]+')";
	}
	return chdir_prefix(s, len);
}

const char *k8s_domain_path(const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len);
	if (!slash || slash == s || slash == s + len - 1)
		return "must be a domain-prefixed path (such as \"acme.io/foo\")";
	if (!is_subdomain(s, (size_t)(slash - s)))
		return SUBDOMAIN_MSG;
	for (const char *p = slash + 1; p < s + len; p++)
		if (!alnum(*p) && !strchr("/-._~%!$&'()*+,;=:", *p))
			return "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')";
	return NULL;
}

const char *k8s_header_name(const char *s, size_t len)
{
	if (len == 0)
		return "Required value";
	for (size_t i = 0; i < len; i++)
		if (!alnum(s[i]) && s[i] != '-')
			return "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. "
			       "'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";
	return NULL;
}

bool k8s_var_ref(const char *s, size_t n, size_t *p, const char **name, size_t *len)
{
	for (; *p + 1 < n; ++*p) {
		if (s[*p] != '$')
			continue;
		if (s[*p + 1] == '$') {
			++*p; /* $$ is a literal $ */
			continue;
		}
		if (s[*p + 1] != '(')
			continue;
		const char *end = memchr(s + *p + 2, ')', n - *p - 2);
		if (!end)
			return false;
		*name = s + *p + 2;
		*len = (size_t)(end - *name);
		*p = (size_t)(end - s);
		return true;
	}
	return false;
}

/* A label with an optional leading '_' and '_' inside:
 * _?[a-z0-9]([-_a-z0-9]*[a-z0-9])? */
static bool is_label_underscore(const char *s, size_t len)
{
	if (len && s[0] == '_')
		s++, len--;
	if (len == 0 || !lower_alnum(s[0]) || !lower_alnum(s[len - 1]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!lower_alnum(s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

const char *k8s_dns_subdomain_underscore(const char *s, size_t len)
{
	if (len > 253)
		return "must be no more than 253 bytes";
	size_t start = 0;
	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == '.') {
			if (!is_label_underscore(s + start, i - start))
				return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
				       "characters, '_', '-' or '.', and must start and end with an alphanumeric "
				       "character (e.g. 'example.com', regex used for validation is "
				       "'_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')";
			start = i + 1;
		}
	return NULL;
}
