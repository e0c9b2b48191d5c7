/* check_refs.c - what two rule groups share: the references field() and
 * resource() make, read in a container's environment (JOB402, JOB405) and
 * in a downward-api volume's files (JOB714), checked as the API server's
 * validateObjectFieldSelector and validateContainerResourceFieldSelector
 * check both, each with its own list of what may be read.
 */
#include "check_internal.h"
#include "names.h"
#include "units.h"

/* The fields the kubelet gives: in env, and in a downward-api file. */
static const char *const env_fields[] = {
	"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
	"spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
};
static const char *const file_fields[] = {
	"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
	"metadata.uid",
};

/* ConvertDownwardAPIFieldLabel: the field labels a v1 pod has (spec.host is
 * spec.nodeName, for old clients). */
static const char *field_label(const char *p)
{
	static const char *const known[] = {
		"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
		"metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
		"spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP",
		"status.podIPs", "spec.terminationGracePeriodSeconds",
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (!strcmp(p, known[i]))
			return known[i];
	return strcmp(p, "spec.host") ? NULL : "spec.nodeName";
}

/* A subscripted field path p['key'] (fieldpath.SplitMaybeSubscriptedPath):
 * returns the key, or NULL when p has none.  *keyed says whether p is one
 * that takes a key (metadata.labels, metadata.annotations); then *why is
 * set when the key is not a qualified name (an annotation key is checked
 * lower-cased, and returned so). */
static char *field_subscript(struct job_ctx *cx, const char *p, bool *keyed, const char **why)
{
	size_t len = strlen(p);
	*why = NULL;
	*keyed = false;
	if (len < 2 || strcmp(p + len - 2, "']"))
		return NULL;
	const char *open = strstr(p, "['");
	if (!open || open == p || open + 2 > p + len - 2)
		return NULL;
	size_t plen = (size_t)(open - p);
	char *key = arena_strndup(cx->a, open + 2, (size_t)(p + len - 2 - (open + 2)));
	bool labels = plen == 15 && !strncmp(p, "metadata.labels", plen);
	bool annotations = plen == 20 && !strncmp(p, "metadata.annotations", plen);
	if (annotations)
		for (char *c = key; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
	if (labels || annotations) {
		*keyed = true;
		*why = k8s_qualified_name(key, strlen(key));
	}
	return key;
}

void check_field_ref(struct job_ctx *cx, enum rule_id id, const struct tree *fr, const char *rp,
                     bool file)
{
	const char *const *ok = file ? file_fields : env_fields;
	size_t nok = file ? sizeof file_fields / sizeof *file_fields
	                  : sizeof env_fields / sizeof *env_fields;
	const char *p = cstr(cx, fr), *why;
	bool keyed = false;
	char *key = field_subscript(cx, p, &keyed, &why);
	struct span sp = node_span(cx, fr);
	const struct value *v = node_value(fr);
	if (key && !keyed) {
		report(cx, id, sp, v, arena_join(cx->a, rp, '.', "fieldPath"),
		       invalid(cx, fr, arena_printf(cx->a, "error converting fieldPath: field label does "
		                                           "not support subscript: %s", p)),
		       "field(\"%s\"): only metadata.labels and metadata.annotations take a ['key']", p);
		return;
	}
	if (key && why) {
		report(cx, id, sp, v, rp, arena_printf(cx->a, "Invalid value: \"%s\": %s", key, why),
		       "field(\"%s\"): '%s' is not a valid %s key", p, key,
		       !strncmp(p, "metadata.labels", 15) ? "label" : "annotation");
		return;
	}
	const char *label = key ? NULL : field_label(p);
	bool supported = key != NULL;
	for (size_t i = 0; label && i < nok; i++)
		supported |= !strcmp(label, ok[i]);
	if (supported)
		return;
	struct buf list = BUF_INIT; /* sets.List: sorted, as both lists are */
	for (size_t i = 0; i < nok; i++)
		buf_printf(&list, "%s\"%s\"", i ? ", " : "", ok[i]);
	const char *k8s =
		label ? arena_printf(cx->a, "Unsupported value: \"%s\": supported values: %s", label, list.data)
		      : invalid(cx, fr, arena_printf(cx->a, "error converting fieldPath: field label not "
		                                            "supported: %s", p));
	buf_free(&list);
	if (file)
		report(cx, id, sp, v, arena_join(cx->a, rp, '.', "fieldPath"), k8s,
		       "field(\"%s\") is not a pod field the kubelet writes to a file: use metadata.name, "
		       "metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, or one "
		       "label or annotation: metadata.labels['key']", p);
	else
		report(cx, id, sp, v, arena_join(cx->a, rp, '.', "fieldPath"), k8s,
		       "field(\"%s\") is not a pod field the kubelet can give: use metadata.name, "
		       "metadata.namespace, metadata.uid, metadata.labels['key'], "
		       "metadata.annotations['key'], spec.nodeName, spec.serviceAccountName, "
		       "status.hostIP(s) or status.podIP(s)", p);
}

void check_resource_ref(struct job_ctx *cx, enum rule_id id, const struct tree *rf,
                        const char *rp, bool file)
{
	static const char *const plain[] = {"limits.cpu",     "limits.memory",
	                                    "limits.ephemeral-storage", "requests.cpu",
	                                    "requests.memory", "requests.ephemeral-storage"};
	const struct tree *res = tree_get(rf, "resource");
	const struct tree *cn = tree_get(rf, "containerName");
	const char *r = cstr(cx, res);
	bool known = false;
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		known |= !strcmp(r, plain[i]);
	known |= !strncmp(r, "limits.hugepages-", 17) || !strncmp(r, "requests.hugepages-", 19);
	if (file && (!cn || !cn->str.len)) {
		report(cx, id, node_span(cx, res), node_value(res),
		       arena_join(cx->a, rp, '.', "containerName"), "Required value",
		       "resource(\"%s\") in a file needs the container whose resources it reads: "
		       "resource(\"%s\", \"1\", \"main\")", r, r);
		return;
	}
	if (!*r) {
		report(cx, id, node_span(cx, res), node_value(res), arena_join(cx->a, rp, '.', "resource"),
		       "Required value",
		       "resource() needs the name of a request or limit, such as \"limits.cpu\"");
		return;
	}
	if (!known) {
		report(cx, id, node_span(cx, res), node_value(res), arena_join(cx->a, rp, '.', "resource"),
		       arena_printf(cx->a, "Unsupported value: \"%s\": supported values: "
		                           "\"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", "
		                           "\"requests.cpu\", \"requests.ephemeral-storage\", "
		                           "\"requests.memory\"",
		                    r),
		       "resource(\"%s\"): a container gives limits.cpu, limits.memory, "
		       "limits.ephemeral-storage, their requests.*, or hugepages",
		       r);
		return;
	}
	const struct tree *div = tree_get(rf, "divisor");
	if (div) {
		struct quantity q;
		const char *why;
		char canon[64] = "";
		bool ok = quantity_parse(div->str.s, div->str.len, &q, &why);
		if (ok)
			quantity_format(&q, canon, sizeof canon);
		bool cpu = strstr(r, ".cpu") != NULL;
		static const char *const cpu_ok[] = {"1m", "1"};
		static const char *const mem_ok[] = {"1",  "1k", "1M", "1G",  "1T",  "1P",  "1E",
		                                     "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"};
		bool valid = false;
		for (size_t i = 0; ok && i < (cpu ? 2 : 13); i++)
			valid |= !strcmp(canon, cpu ? cpu_ok[i] : mem_ok[i]);
		if (!valid)
			report(cx, id, node_span(cx, div), node_value(div),
			       arena_join(cx->a, rp, '.', "divisor"),
			       arena_printf(cx->a, "Invalid value: \"%.*s\": only divisor's values %s are "
			                           "supported with the %s resource",
			                    (int)div->str.len, div->str.s,
			                    cpu ? "1m and 1" : "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei",
			                    cpu ? "cpu" : "memory"),
			       "the divisor of resource(\"%s\") is %s, not %.*s", r,
			       cpu ? "1m or 1" : "1, 1k ... 1E or 1Ki ... 1Ei", (int)div->str.len, div->str.s);
	}
	if (cn && cn->str.len && !pod_has_container(cx, cn->str.s, cn->str.len))
		report(cx, id, node_span(cx, cn), node_value(cn),
		       arena_join(cx->a, rp, '.', "containerName"), NULL,
		       "resource(\"%s\", ..., \"%.*s\"): the pod has no container '%.*s'", r,
		       (int)cn->str.len, cn->str.s, (int)cn->str.len, cn->str.s);
}
