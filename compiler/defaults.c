/* defaults.c - --defaults explicit: every default the API server would
 * apply, written out; see defaults.h. */
#include "defaults.h"

#include <string.h>

/* --defaults explicit: every default the API server would apply. */
static void set_default(struct job_ctx *cx, struct tree *t, const char *key, struct tree *v)
{
	if (!tree_get(t, key))
		tree_set(cx->a, t, key, v);
}

static void container_defaults(struct job_ctx *cx, struct tree *c)
{
	struct arena *a = cx->a;
	set_default(cx, c, "terminationMessagePath", tree_cstr(a, "/dev/termination-log"));
	set_default(cx, c, "terminationMessagePolicy", tree_cstr(a, "File"));
	struct tree *image = tree_get(c, "image");
	if (image && image->kind == TREE_STR) {
		/* Always for :latest or no tag, IfNotPresent otherwise */
		const char *s = image->str.s;
		uint32_t n = image->str.len;
		const char *slash = NULL, *colon = NULL;
		bool digest = false;
		for (uint32_t i = 0; i < n; i++) {
			if (s[i] == '/')
				slash = s + i, colon = NULL;
			else if (s[i] == ':')
				colon = s + i;
			else if (s[i] == '@')
				digest = true;
		}
		(void)slash;
		bool latest = !digest && (!colon || ((size_t)(s + n - colon - 1) == 6 &&
		                                     memcmp(colon + 1, "latest", 6) == 0));
		set_default(cx, c, "imagePullPolicy", tree_cstr(a, latest ? "Always" : "IfNotPresent"));
	}
	/* SetDefaults_ObjectFieldSelector: a field() value's apiVersion is v1 */
	struct tree *envs = tree_get(c, "env");
	for (uint32_t i = 0; envs && i < envs->list.n; i++) {
		struct tree *ref = tree_path(envs->list.v[i], "valueFrom.fieldRef");
		if (ref)
			set_default(cx, ref, "apiVersion", tree_cstr(a, "v1"));
	}
	struct tree *ports = tree_get(c, "ports");
	for (uint32_t i = 0; ports && i < ports->list.n; i++)
		set_default(cx, ports->list.v[i], "protocol", tree_cstr(a, "TCP"));
	static const char *const probes[] = {"livenessProbe", "readinessProbe", "startupProbe"};
	for (size_t k = 0; k < 3; k++) {
		struct tree *p = tree_get(c, probes[k]);
		if (!p)
			continue;
		/* SetDefaults_Probe: a missing or 0 value gets the default */
		static const struct {
			const char *key;
			int64_t v;
		} pd[] = {{"timeoutSeconds", 1}, {"periodSeconds", 10}, {"successThreshold", 1},
		          {"failureThreshold", 3}};
		for (size_t i = 0; i < 4; i++) {
			struct tree *x = tree_get(p, pd[i].key);
			if (!x || (x->kind == TREE_INT && x->i == 0))
				tree_set(a, p, pd[i].key, tree_int(a, pd[i].v));
		}
		struct tree *h = tree_get(p, "httpGet");
		if (h) {
			set_default(cx, h, "path", tree_cstr(a, "/"));
			set_default(cx, h, "scheme", tree_cstr(a, "HTTP"));
		}
	}
	/* SetDefaults_HTTPGetAction: the lifecycle hooks' httpGet too */
	static const char *const hooks[] = {"lifecycle.postStart.httpGet", "lifecycle.preStop.httpGet"};
	for (size_t k = 0; k < 2; k++) {
		struct tree *h = tree_path(c, hooks[k]);
		if (h) {
			set_default(cx, h, "path", tree_cstr(a, "/"));
			set_default(cx, h, "scheme", tree_cstr(a, "HTTP"));
		}
	}
}

static void explicit_job_defaults(struct job_ctx *cx, struct tree *spec);
static void explicit_pod_defaults(struct job_ctx *cx, struct tree *pod);

/* What the API server's defaulting adds.  A Job gets SetDefaults_Job and
 * the pod defaults; a CronJob's job template gets only the pod defaults
 * (the Job defaults come when the CronJob creates each Job). */
void defaults_apply(struct job_ctx *cx)
{
	struct tree *spec = tree_get(cx->obj, "spec");
	if (!cx->cron)
		explicit_job_defaults(cx, spec);
	explicit_pod_defaults(cx, tree_path(spec, "template.spec"));
}

static void explicit_job_defaults(struct job_ctx *cx, struct tree *spec)
{
	struct arena *a = cx->a;
	bool per_index = tree_get(spec, "backoffLimitPerIndex") != NULL;
	set_default(cx, spec, "backoffLimit", tree_int(a, per_index ? 2147483647 : 6));
	struct tree *comp = tree_get(spec, "completions"), *par = tree_get(spec, "parallelism");
	if (!comp && !par)
		set_default(cx, spec, "completions", tree_int(a, 1));
	set_default(cx, spec, "parallelism", tree_int(a, 1));
	set_default(cx, spec, "completionMode", tree_cstr(a, "NonIndexed"));
	set_default(cx, spec, "suspend", tree_bool(a, false));
	set_default(cx, spec, "manualSelector", tree_bool(a, false));
	/* the JobPodReplacementPolicy gate is on from 1.29 */
	bool pfp = tree_get(spec, "podFailurePolicy") != NULL;
	if (cx->opt->kube_version >= 129)
		set_default(cx, spec, "podReplacementPolicy",
		            tree_cstr(a, pfp ? "Failed" : "TerminatingOrFailed"));
	struct tree *rules_ = tree_path(spec, "podFailurePolicy.rules");
	for (uint32_t i = 0; rules_ && i < rules_->list.n; i++) {
		struct tree *conds = tree_get(rules_->list.v[i], "onPodConditions");
		for (uint32_t k = 0; conds && k < conds->list.n; k++)
			set_default(cx, conds->list.v[k], "status", tree_cstr(a, "True"));
	}
	/* a Job without labels gets its pod template's */
	struct tree *tlabels = tree_path(spec, "template.metadata.labels");
	struct tree *meta = tree_get(cx->obj, "metadata");
	if (tlabels && tlabels->map.n && !tree_get(meta, "labels"))
		tree_set(a, meta, "labels", tlabels);
}

static void explicit_pod_defaults(struct job_ctx *cx, struct tree *pod)
{
	struct arena *a = cx->a;
	set_default(cx, pod, "dnsPolicy", tree_cstr(a, "ClusterFirst"));
	set_default(cx, pod, "schedulerName", tree_cstr(a, "default-scheduler"));
	set_default(cx, pod, "securityContext", tree_map(a));
	set_default(cx, pod, "terminationGracePeriodSeconds", tree_int(a, 30));
	static const char *const lists[] = {"containers", "initContainers"};
	for (size_t k = 0; k < 2; k++) {
		struct tree *cs = tree_get(pod, lists[k]);
		for (uint32_t i = 0; cs && i < cs->list.n; i++)
			container_defaults(cx, cs->list.v[i]);
	}
	struct tree *vols = tree_get(pod, "volumes");
	for (uint32_t i = 0; vols && i < vols->list.n; i++) {
		static const char *const srcs[] = {"configMap", "secret"};
		for (size_t k = 0; k < 2; k++) {
			struct tree *s = tree_get(vols->list.v[i], srcs[k]);
			if (s)
				set_default(cx, s, "defaultMode", tree_int(a, 420));
		}
		/* SetDefaults_HostPathVolumeSource: type "" (HostPathUnset) */
		struct tree *hp = tree_get(vols->list.v[i], "hostPath");
		if (hp)
			set_default(cx, hp, "type", tree_cstr(a, ""));
	}
}

void defaults_apply_cron(struct job_ctx *cx, struct tree *cron)
{
	struct arena *a = cx->a;
	struct tree *spec = tree_get(cron, "spec");
	set_default(cx, spec, "concurrencyPolicy", tree_cstr(a, "Allow"));
	set_default(cx, spec, "suspend", tree_bool(a, false));
	set_default(cx, spec, "successfulJobsHistoryLimit", tree_int(a, 3));
	set_default(cx, spec, "failedJobsHistoryLimit", tree_int(a, 1));
}

