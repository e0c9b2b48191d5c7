/* names.h - the name grammars of Kubernetes (DNS labels, subdomains,
 * qualified names, label values, environment variable names).
 *
 * Each check returns NULL when s is valid, or the API server's own detail
 * message (k8s.io/apimachinery/pkg/util/validation wording) when not.
 */
#ifndef JOBC_NAMES_H
#define JOBC_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 bytes */
const char *k8s_dns_label(const char *s, size_t len);
/* labels joined by dots, at most 253 bytes */
const char *k8s_dns_subdomain(const char *s, size_t len);
/* the same, each label with an optional leading '_' and '_' inside it
 * (a DNS search domain, RelaxedDNSSearchValidation) */
const char *k8s_dns_subdomain_underscore(const char *s, size_t len);
/* [prefix/]name: a label key or annotation key */
const char *k8s_qualified_name(const char *s, size_t len);
/* empty, or ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], at most 63 bytes */
const char *k8s_label_value(const char *s, size_t len);
/* printable ASCII except '=' (Kubernetes 1.32 and newer) */
const char *k8s_env_name_relaxed(const char *s, size_t len);
/* [-._a-zA-Z][-._a-zA-Z0-9]*, not "." or "..", not starting ".." */
const char *k8s_env_name_strict(const char *s, size_t len);

/* an IANA service name: at most 15 bytes of [-a-z0-9], a letter, no "--",
 * no '-' at either end (port names) */
const char *k8s_port_name(const char *s, size_t len);
/* [-._a-zA-Z0-9]+, not "." or "..": keys of ConfigMaps and Secrets */
const char *k8s_config_key(const char *s, size_t len);
/* <DNS subdomain>/<path>: spec.managedBy */
const char *k8s_domain_path(const char *s, size_t len);
/* [-A-Za-z0-9]+: HTTP header names */
const char *k8s_header_name(const char *s, size_t len);

/* The next $(NAME) reference in s[*p, n), as Kubernetes reads references
 * in env values, command and args ($$ is a literal $): NAME in *name and
 * *len, with *p left at its ')'; false when there is none. */
bool k8s_var_ref(const char *s, size_t n, size_t *p, const char **name, size_t *len);

#endif
