/* check_meta.c - the rules of rules.def's JOB0xx group: the Job's name,
 * namespace, labels and annotations, and those of its pod template
 * (ObjectMeta validation as batch ValidateJob applies it).
 */
#include <inttypes.h>

#include "check_internal.h"
#include "fields.h"
#include "names.h"

/* JOB209: GetDeletionCostFromPodAnnotations: no '+' and no leading zeros
 * (validFirstDigit), then strconv.ParseInt(s, 10, 32). */
static bool deletion_cost_ok(const char *s, size_t n)
{
	int64_t v;
	if (n == 0 || !(s[0] == '-' || (s[0] >= '1' && s[0] <= '9') || (n == 1 && s[0] == '0')))
		return false;
	return parse_int32(s, n, &v);
}

/* JOB004/JOB005 on a map of labels (or, keys_only, annotations). */
void check_label_map(struct job_ctx *cx, const struct tree *m, const char *path,
                     const char *what, bool keys_only)
{
	if (!m)
		return;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const char *key = m->map.v[i].key;
		size_t klen = m->map.v[i].klen;
		const struct tree *v = m->map.v[i].value;
		/* annotation keys are checked lower-cased */
		char *check_key = arena_strndup(cx->a, key, klen);
		if (keys_only)
			for (char *p = check_key; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		const char *why = k8s_qualified_name(check_key, klen);
		if (why)
			report(cx, R_JOB004, key_span(cx, m, i), node_value(v), path,
			       arena_printf(cx->a, "Invalid value: \"%s\": %s", key, why),
			       "invalid %s key '%s'", what, key);
		if (!keys_only && v->kind == TREE_STR && (why = k8s_label_value(v->str.s, v->str.len)))
			REP(JOB005, v, path, invalid(cx, v, why), "invalid value for %s '%s'", what, key);
	}
}

/* ValidateSeccompProfile: NULL when p names a profile. */
static const char *seccomp_profile(const char *p)
{
	if (!strcmp(p, "runtime/default") || !strcmp(p, "docker/default") || !strcmp(p, "unconfined"))
		return NULL;
	if (!strncmp(p, "localhost/", 10)) {
		const char *rel = p + 10;
		if (rel[0] == '/')
			return "must be a relative path";
		for (const char *c = rel; *c;) {
			const char *e = strchr(c, '/');
			size_t n = e ? (size_t)(e - c) : strlen(c);
			if (n == 2 && c[0] == '.' && c[1] == '.')
				return "must not contain '..'";
			if (!e)
				break;
			c = e + 1;
		}
		return NULL;
	}
	return "must be a valid seccomp profile";
}

/* JOB209: a seccomp annotation names a profile, and agrees with the
 * seccompProfile field of the pod (or of the container it names) when that
 * is set too (validateSeccompAnnotationsAndFields). */
static void check_seccomp_annotation(struct job_ctx *cx, const char *key, const struct tree *v,
                                     const char *path, bool pod_level)
{
	const char *val = cstr(cx, v);
	const char *why = seccomp_profile(val);
	if (why && !strncmp(val, "localhost/", 10))
		REP(JOB209, v, path, invalid(cx, v, why),
		    "the seccomp profile file in '%s' must be a relative path, without '..'", val);
	else if (why)
		REP(JOB209, v, path, invalid(cx, v, why),
		    "'%s' is not a seccomp profile: use runtime/default, unconfined or localhost/<file> "
		    "(or pod-security { seccomp = ... })",
		    val);
	if (why)
		return;
	const struct tree *type = NULL;
	const char *tpath = NULL;
	if (pod_level) {
		tpath = "spec.template.spec.securityContext.seccompProfile.type";
		type = tree_path(cx->obj, tpath);
	} else {
		const char *ctr = strchr(key, '/') + 1;
		static const char *const lists[] = {"containers", "initContainers"};
		for (size_t l = 0; l < 2 && !type; l++) {
			const struct tree *cs =
				tree_path(cx->obj, arena_printf(cx->a, "spec.template.spec.%s", lists[l]));
			for (uint32_t k = 0; cs && k < cs->list.n && !type; k++)
				if (is_str(tree_get(cs->list.v[k], "name"), ctr)) {
					type = tree_path(cs->list.v[k], "securityContext.seccompProfile.type");
					tpath = arena_printf(cx->a, "spec.template.spec.%s[%u].securityContext."
					                            "seccompProfile.type",
					                     lists[l], k);
				}
		}
	}
	bool unconfined = is_str(type, "Unconfined"), runtime = is_str(type, "RuntimeDefault");
	if ((unconfined && strcmp(val, "unconfined")) ||
	    (runtime && strcmp(val, "runtime/default") && strcmp(val, "docker/default")))
		REP(JOB209, v, tpath, "Forbidden: seccomp type in annotation and field must match",
		    "the seccomp annotation says '%s', but seccomp = %s", val,
		    unconfined ? "unconfined" : "runtime-default");
}

/* JOB209: the pod annotations ValidatePodSpecificAnnotations reads. */
static void check_pod_annotations(struct job_ctx *cx, const struct tree *ann)
{
	static const char seccomp_pod[] = "seccomp.security.alpha.kubernetes.io/pod";
	static const char seccomp_ctr[] = "container.seccomp.security.alpha.kubernetes.io/";
	static const char apparmor_ctr[] = "container.apparmor.security.beta.kubernetes.io/";
	for (uint32_t i = 0; ann && i < ann->map.n; i++) {
		const char *key = ann->map.v[i].key;
		const struct tree *v = ann->map.v[i].value;
		if (v->kind != TREE_STR)
			continue;
		const char *val = cstr(cx, v);
		char *path = arena_printf(cx->a, "spec.template.annotations[%s]", key);
		if (!strcmp(key, "controller.kubernetes.io/pod-deletion-cost")) {
			if (!deletion_cost_ok(v->str.s, v->str.len))
				REP(JOB209, v, path, invalid(cx, v, "must be a 32bit integer"),
				    "the pod deletion cost '%s' is not a 32-bit integer (such as 100 or -5, "
				    "without '+' or leading zeros)",
				    val);
		} else if (!strcmp(key, "kubernetes.io/config.mirror")) {
			REP(JOB209, v, path,
			    invalid(cx, v, "must set spec.nodeName if mirror pod annotation is set"),
			    "kubernetes.io/config.mirror marks the kubelet's static pods, not a Job's");
		} else if (!strcmp(key, seccomp_pod) || !strncmp(key, seccomp_ctr, sizeof seccomp_ctr - 1)) {
			check_seccomp_annotation(cx, key, v, path, !strcmp(key, seccomp_pod));
		} else if (!strncmp(key, apparmor_ctr, sizeof apparmor_ctr - 1)) {
			const char *ctr = key + sizeof apparmor_ctr - 1;
			if (!pod_has_container(cx, ctr, strlen(ctr)))
				report(cx, R_JOB209, key_span(cx, ann, i), node_value(v), path,
				       arena_printf(cx->a, "Invalid value: \"%s\": container not found", ctr),
				       "the AppArmor annotation names container '%s', which the pod does not have",
				       ctr);
			if (*val && strcmp(val, "runtime/default") && strcmp(val, "unconfined") &&
			    strncmp(val, "localhost/", 10))
				REP(JOB209, v, path,
				    invalid(cx, v,
				            arena_printf(cx->a, "invalid AppArmor profile name: \"%s\"", val)),
				    "'%s' is not an AppArmor profile: use runtime/default, unconfined or "
				    "localhost/<profile>",
				    val);
		}
	}
}

/* The bytes of the keys and values of map m, but those whose key is in
 * skip. */
static size_t annotations_bytes(const struct tree *m, const struct tree *skip)
{
	size_t total = 0;
	for (uint32_t i = 0; m && i < m->map.n; i++)
		if (!tree_get(skip, m->map.v[i].key))
			total += m->map.v[i].klen +
			         (m->map.v[i].value->kind == TREE_STR ? m->map.v[i].value->str.len : 0);
	return total;
}

/* JOB006: the annotations m, with over on top (or NULL), at path, are at
 * most 256 KiB in all (ValidateAnnotationsSize). */
static void check_annotations_size(struct job_ctx *cx, const struct tree *m,
                                   const struct tree *over, const char *path)
{
	size_t total = annotations_bytes(m, over) + annotations_bytes(over, NULL);
	if (total > 262144)
		REP(JOB006, over ? over : m, path, "Too long: may not be more than 262144 bytes",
		    "the annotations add up to %zu bytes; Kubernetes allows 262144 (256 KiB)", total);
}

/* JOB004-JOB006 on the labels and annotations a scheduled job gives the
 * CronJob only or its job template only (kept aside until the CronJob
 * wrap puts them on top of the Job's own, which are checked as the Job's).
 * The API server does not check the job template's: ValidateJobTemplateSpec
 * reads its spec only; but the CronJob controller gives them to each Job it
 * makes (getJobFromTemplate2), and ValidateObjectMeta refuses that Job. */
static void check_cron_metadata(struct job_ctx *cx)
{
	for (unsigned k = 0; cx->cron && k < schema_job.nfields; k++) {
		const struct field *f = &schema_job.fields[k];
		const struct tree *own =
			(f->flags & F_CRON) && (f->flags & F_ASIDE) ? tree_get(cx->aside, f->name) : NULL;
		if (!own)
			continue;
		bool ann = !strcmp(strrchr(f->k8s, '.') + 1, "annotations");
		bool tmpl = !strncmp(f->k8s, "spec.jobTemplate.", strlen("spec.jobTemplate."));
		unsigned errors = cx->d->errors;
		check_label_map(cx, own, f->k8s,
		                arena_printf(cx->a, "%s %s", tmpl ? "job template" : "CronJob",
		                             ann ? "annotation" : "label"),
		                ann);
		if (ann)
			check_annotations_size(cx, tree_path(cx->obj, "metadata.annotations"), own, f->k8s);
		if (tmpl && cx->d->errors != errors)
			diag_note(cx->d, span_none(),
			          "the API server stores the CronJob, but refuses each Job it makes from "
			          "this template, whose metadata it is");
	}
}

/* The name the API server makes from generate-name gen: the prefix (at
 * most 58 bytes) and 5 random letters and digits, shown as xxxxx
 * (SimpleNameGenerator.GenerateName, in rest.BeforeCreate before the
 * name is validated). */
static const char *generated_name(struct job_ctx *cx, const struct tree *gen)
{
	return arena_printf(cx->a, "%.*sxxxxx", gen->str.len > 58 ? 58 : (int)gen->str.len,
	                    gen->str.s);
}

/* After a rule about the name made from generate-name gen: how it is made. */
static void generated_note(struct job_ctx *cx, const struct tree *gen, bool said)
{
	if (said && gen)
		diag_note(cx->d, span_none(),
		          "with generate-name, Kubernetes names the Job '%.*s' and 5 random letters "
		          "and digits (xxxxx here)",
		          (int)gen->str.len, gen->str.s);
}

/* JOB020: generate-name, a name prefix: not empty, and a DNS subdomain
 * once a trailing '-' is masked (ValidateObjectMetaAccessor calls the name
 * function with prefix true: NameIsDNSSubdomain, maskTrailingDash, which
 * replaces the last two bytes by an 'a').  Whether it is one. */
static bool check_generate_name(struct job_ctx *cx, const struct tree *gen)
{
	const char *p = cstr(cx, gen);
	size_t len = strlen(p);
	if (!len) {
		REP(JOB020, gen, "metadata.name", "Required value: name or generateName is required",
		    "generate-name is empty: write a prefix such as \"report-\", or leave it out");
		return false;
	}
	char *masked = arena_strndup(cx->a, p, len);
	if (len > 1 && p[len - 1] == '-') {
		masked[len - 2] = 'a';
		masked[len - 1] = '\0';
	}
	const char *why = k8s_dns_subdomain(masked, strlen(masked));
	if (why)
		REP(JOB020, gen, "metadata.generateName", invalid(cx, gen, why),
		    "invalid generate-name '%s': %s", escaped(cx, p, len),
		    strlen(masked) > 253 ? "it is longer than 253 bytes"
		                         : "use lower-case letters, digits, '-' and '.', starting with a "
		                           "letter or digit (a '-' may end it)");
	return !why;
}

/* JOB001, JOB002, JOB007, JOB805: the Job's name n (a DNS subdomain; at
 * most 63 bytes, as the pods' job-name label, or 52 for a CronJob; dots
 * warned of), set by name, or by gen, its generate-name.  Whether it is a
 * name Kubernetes takes. */
static bool check_name(struct job_ctx *cx, const struct tree *name, const char *n,
                       const struct tree *gen)
{
	size_t len = strlen(n);
	/* "Invalid value" shows the name, the one made from generate-name too */
	const struct tree *shown = gen ? tree_cstr(cx->a, n) : name;
	const char *why = k8s_dns_subdomain(n, len);
	if (why) {
		generated_note(
			cx, gen,
			REP(JOB001, name, "metadata.name",
			    len ? invalid(cx, shown, why) : "Required value: name or generateName is required",
			    "invalid job name '%s': %s", n,
			    !len        ? "a job needs a name"
			    : len > 253 ? "it is longer than 253 bytes"
			                : "use lower-case letters, digits, '-' and '.', starting and ending "
			                  "with a letter or digit"));
		return false;
	}
	if (cx->cron && len > 52) {
		bool said = REP(JOB805, name, "metadata.name",
		                invalid(cx, shown, "must be no more than 52 bytes"),
		                "a scheduled job's name can be at most 52 bytes; '%s' is %zu", n, len);
		diag_note(cx->d, span_none(),
		          "the CronJob controller names each Job <name>-<11 characters of time>, and "
		          "Job names are at most 63 bytes");
		generated_note(cx, gen, said);
		return false;
	}
	if (len > 63 && !manual_selector(cx)) {
		REP(JOB002, name, "spec.template.labels", invalid(cx, shown, "must be no more than 63 bytes"),
		    "job name '%s' is %zu bytes long; a Job's name can be at most 63", n, len);
		diag_note(cx->d, span_none(),
		          "Kubernetes copies the name into the pod label job-name, and label values "
		          "are at most 63 bytes");
		return false;
	}
	if ((why = k8s_dns_label(n, len))) {
		/* a subdomain that is no label: dots, or (with manual-selector)
		 * more than 63 bytes; Kubernetes lists every reason */
		bool dots = strchr(n, '.') != NULL;
		const char *reasons = !dots      ? "must be no more than 63 bytes"
		                      : len > 63 ? "must be no more than 63 bytes, must not contain dots"
		                                 : "must not contain dots";
		generated_note(
			cx, gen,
			REP(JOB007, name, "metadata.name",
			    arena_printf(cx->a, "this is used in Pod names and hostnames, which can result "
			                        "in surprising behavior; a DNS label is recommended: [%s]",
			                 reasons),
			    "job name '%s' %s; pod names and hostnames built from it may surprise", n,
			    dots ? "has dots" : "is longer than 63 bytes"));
	}
	return true;
}

/* JOB001-JOB003, JOB006-JOB008, JOB020, JOB120, JOB805: the Job's name
 * (check_name), or its generate-name and the names Kubernetes makes from
 * it (check_generate_name, then check_name); the hostnames of an Indexed
 * Job's pods; its namespace, the size of the annotations, and the pod
 * labels Kubernetes sets itself.  JOB004/JOB005 on each map of labels and
 * annotations (check_label_map), JOB209 on the pod's annotations
 * (check_pod_annotations). */
void check_metadata(struct job_ctx *cx)
{
	const struct tree *gen = tree_path(cx->obj, "metadata.generateName");
	if (gen && gen->kind != TREE_STR)
		gen = NULL; /* the type error is reported */
	const struct tree *name = gen ? gen : tree_path(cx->obj, "metadata.name");
	const char *n = gen ? generated_name(cx, gen) : cstr(cx, name);
	bool name_ok = gen ? check_generate_name(cx, gen) && check_name(cx, name, n, gen)
	                   : check_name(cx, name, n, NULL);
	/* JOB008: Indexed pods are named <name>-<index>, a DNS label.  A Job
	 * that sets neither completions nor parallelism gets completions 1 from
	 * the API server (a CronJob's template gets no Job defaults). */
	const struct tree *spec = tree_get(cx->obj, "spec");
	int64_t completions = -1;
	if (!has_int(tree_get(spec, "completions"), &completions) && !cx->cron &&
	    !tree_get(spec, "parallelism"))
		completions = 1;
	if (name_ok && is_str(tree_get(spec, "completionMode"), "Indexed") && completions > 0) {
		char *host = arena_printf(cx->a, "%s-%" PRId64, n, completions - 1);
		if (k8s_dns_label(host, strlen(host)) && !cx->cron)
			generated_note(
				cx, gen,
				REP(JOB008, name, "metadata.name",
				    arena_printf(cx->a, "Invalid value: \"%s\": will not able to create pod "
				                        "with invalid DNS label: %s",
				                 n, host),
				    "an Indexed Job's pods are named %s, which must be a DNS label (at most 63 "
				    "bytes, no dots)",
				    host));
		if (cx->cron) {
			/* the controller's Job name: <name>-<scheduled time>, of which
			 * the API server reserves 11 characters ('-' and 10 digits) */
			char *cron_host = arena_printf(cx->a, "%s-1234567890-%" PRId64, n, completions - 1);
			if (k8s_dns_label(cron_host, strlen(cron_host)))
				generated_note(
					cx, gen,
					REP(JOB805, name, "metadata.name", NULL,
					    "the pods of this Indexed CronJob would be named like %s, which must "
					    "be a DNS label (at most 63 bytes, no dots)",
					    cron_host));
		}
	}
	const struct tree *ns = tree_path(cx->obj, "metadata.namespace");
	const char *why;
	if (ns && (why = k8s_dns_label(ns->str.s, ns->str.len)))
		REP(JOB003, ns, "metadata.namespace", invalid(cx, ns, why), "invalid namespace '%.*s'",
		    (int)ns->str.len, ns->str.s);

	check_label_map(cx, tree_path(cx->obj, "metadata.labels"), "metadata.labels", "label", false);
	const struct tree *ann = tree_path(cx->obj, "metadata.annotations");
	check_label_map(cx, ann, "metadata.annotations", "annotation", true);
	const struct tree *pod_labels = tree_path(cx->obj, "spec.template.metadata.labels");
	const struct tree *job_labels = tree_path(cx->obj, "metadata.labels");
	/* pod labels copied from labels were checked already */
	if (pod_labels && pod_labels != job_labels) {
		struct tree *own = tree_map(cx->a);
		for (uint32_t i = 0; i < pod_labels->map.n; i++)
			if (!job_labels || tree_get(job_labels, pod_labels->map.v[i].key) !=
			                       pod_labels->map.v[i].value)
				tree_append_at(cx->a, own, pod_labels->map.v[i].key, pod_labels->map.v[i].key_span,
				               pod_labels->map.v[i].value);
		check_label_map(cx, own, "spec.template.labels", "pod label", false);
	}
	const struct tree *pod_ann = tree_path(cx->obj, "spec.template.metadata.annotations");
	check_label_map(cx, pod_ann, "spec.template.annotations", "pod annotation", true);
	check_pod_annotations(cx, pod_ann);
	check_annotations_size(cx, ann, NULL, "metadata.annotations");
	check_annotations_size(cx, pod_ann, NULL, "spec.template.metadata.annotations");
	check_cron_metadata(cx);
	/* JOB120: the labels Kubernetes sets on a Job's pods (the prefixed
	 * ones since 1.27).  The Job strategy's generateSelector keeps a
	 * job-name label the template already has, and validateGeneratedSelector
	 * (ValidateHasLabel) asks only that it be the Job's name: that value is
	 * accepted.  The UID is assigned on create, so no controller-uid value
	 * can be right; nor a job-name in a CronJob's template, whose Jobs are
	 * named <name>-<scheduled time>. */
	if (pod_labels && !manual_selector(cx)) {
		static const char *const generated[] = {"job-name", "batch.kubernetes.io/job-name",
		                                        "controller-uid",
		                                        "batch.kubernetes.io/controller-uid"};
		for (uint32_t i = 0; i < pod_labels->map.n; i++)
			for (size_t k = 0; k < 4; k++) {
				const struct tree *v = pod_labels->map.v[i].value;
				if (strcmp(pod_labels->map.v[i].key, generated[k]) != 0 ||
				    (k % 2 == 1 && cx->opt->kube_version < 127) ||
				    (k < 2 && !cx->cron && same(v, name)))
					continue;
				const char *shown = v->kind == TREE_STR ? escaped(cx, v->str.s, v->str.len) : "";
				bool job_name = k < 2;
				/* a CronJob's template may not have manual-selector (JOB119) */
				const char *fix = cx->cron ? "leave it out" : "leave it out, or set manual-selector";
				const char *k8s =
					job_name ? arena_printf(cx->a, "Invalid value: \"%s\": must be '%s%s'", shown,
					                        n, cx->cron ? "-<scheduled time>" : "")
					         : arena_printf(cx->a, "Invalid value: \"%s\": must be the Job's UID, "
					                               "which Kubernetes assigns",
					                        shown);
				const char *what =
					!job_name ? "(to the Job's UID)"
					: cx->cron
						? arena_printf(cx->a, "to the name of each Job the schedule creates "
						                      "(%s-<scheduled time>)",
						               n)
						: arena_printf(cx->a, "to the Job's name, '%s'", n);
				if (job_name && !cx->cron)
					fix = arena_printf(cx->a, "write '%s' or leave it out, or set manual-selector",
					                   n);
				report(cx, R_JOB120, key_span(cx, pod_labels, i), node_value(v),
				       arena_printf(cx->a, "spec.template.metadata.labels[%s]", generated[k]), k8s,
				       "the pod label '%s' is set by Kubernetes %s; %s", generated[k], what, fix);
			}
	}
}
