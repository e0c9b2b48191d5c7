/* check_lints.c - the rules of rules.def's JOB90x group: lints, the best
 * practices a Job that is otherwise right should follow (limits, a
 * deadline and a ttl, pinned images, no literal secrets, retries and
 * parallelism that mean what they seem).  check_job runs them only when
 * nothing else is wrong.
 */
#include <inttypes.h>

#include "check_internal.h"
#include "emit.h"
#include "image.h"

/* Whether the fix a lint asks for, the Job field at path, can be written
 * by the chosen backend for this job: a lint the output cannot act on is
 * not shown (--emit planton: a KubernetesCronJob has no deadline and no
 * ttl). */
static bool fixable(const struct job_ctx *cx, const char *path)
{
	const struct backend *b = cx->opt->backend;
	return !b || !b->carries || b->carries(cx, path);
}

static bool secret_looking(const char *name)
{
	static const char *const words[] = {"PASSWORD", "PASSWD", "TOKEN", "SECRET", "KEY",
	                                    "CREDENTIAL", "PRIVATE"};
	char up[256];
	size_t n = strlen(name);
	if (n >= sizeof up)
		n = sizeof up - 1;
	for (size_t i = 0; i < n; i++)
		up[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 32) : name[i];
	up[n] = '\0';
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		const char *hit = strstr(up, words[k]);
		/* KEY, but not MONKEY: the word stands alone between _ or - */
		while (hit) {
			size_t wl = strlen(words[k]);
			bool start = hit == up || hit[-1] == '_' || hit[-1] == '-' || hit[-1] == '.';
			bool end = !hit[wl] || hit[wl] == '_' || hit[wl] == '-' || hit[wl] == '.' ||
			           (hit[wl] == 'S' && !hit[wl + 1]);
			if (start && end)
				return true;
			hit = strstr(hit + 1, words[k]);
		}
	}
	return false;
}

/* JOB901-JOB908: the lints: cpu and memory limits (JOB908 when the job
 * requires limits), a deadline, a ttl, an image with a tag other than
 * latest, no literal value that looks like a secret, no retries counted in
 * place with restart = on-failure, no more parallelism than completions.
 * Each lint whose fix the backend cannot write is left out (fixable); the
 * container's lints ask for what every backend writes (limits, a tag, a
 * secret reference). */
void check_lints(struct job_ctx *cx)
{
	const struct tree *spec = tree_get(cx->obj, "spec");
	const struct tree *pod = tree_path(spec, "template.spec");
	const struct tree *name = tree_path(cx->obj, "metadata.name");
	if (!tree_get(spec, "activeDeadlineSeconds") && fixable(cx, "spec.activeDeadlineSeconds"))
		REP(JOB902, name, "spec.activeDeadlineSeconds", NULL,
		    "job '%s' has no deadline: a stuck run is never stopped", cx->job->name);
	if (!tree_get(spec, "ttlSecondsAfterFinished") && fixable(cx, "spec.ttlSecondsAfterFinished"))
		REP(JOB903, name, "spec.ttlSecondsAfterFinished", NULL,
		    "job '%s' has no ttl: finished Jobs and their pods pile up", cx->job->name);
	static const char *const lists[] = {"containers", "initContainers"};
	for (size_t l = 0; l < 2; l++) {
		const struct tree *cs = tree_get(pod, lists[l]);
		for (uint32_t i = 0; cs && i < cs->list.n; i++) {
			const struct tree *c = cs->list.v[i];
			char *cp = arena_printf(cx->a, "spec.template.spec.%s[%u]", lists[l], i);
			const struct tree *cname = tree_get(c, "name");
			const struct tree *lim = tree_path(c, "resources.limits");
			bool is_main = l == 0 && i == 0;
			bool sidecar_or_regular = l == 0 || is_str(tree_get(c, "restartPolicy"), "Always");
			if (sidecar_or_regular && (!tree_get(lim, "cpu") || !tree_get(lim, "memory"))) {
				const struct tree *rl = tree_get(cx->aside, "require-limits");
				const char *missing = !tree_get(lim, "cpu") && !tree_get(lim, "memory") ? "cpu and memory"
				                      : !tree_get(lim, "cpu")                             ? "cpu"
				                                                                          : "memory";
				const struct tree *at = tree_get(c, "resources") ? tree_get(c, "resources")
				                        : is_main ? name : cname;
				if (rl && rl->b) {
					REP(JOB908, at, arena_printf(cx->a, "%s.resources.limits", cp), NULL,
					    "%s '%.*s' has no %s limit, and this job requires limits",
					    is_main ? "the job's container" : "container", (int)cname->str.len,
					    cname->str.s, missing);
					note_provenance(cx, node_value(rl));
				} else {
					REP(JOB901, at, arena_printf(cx->a, "%s.resources.limits", cp), NULL,
					    "%s '%.*s' has no %s limit", is_main ? "the job's container" : "container",
					    (int)cname->str.len, cname->str.s, missing);
				}
			}
			const struct tree *image = tree_get(c, "image");
			struct image_ref ref;
			if (image && image->str.len) {
				image_parse(image->str.s, image->str.len, &ref);
				if (image_is_latest(&ref))
					REP(JOB904, image, arena_printf(cx->a, "%s.image", cp), NULL,
					    "image '%.*s' %s: runs differ as the image moves", (int)image->str.len,
					    image->str.s, ref.tag ? "is :latest" : "has no tag");
			}
			const struct tree *env = tree_get(c, "env");
			for (uint32_t k = 0; env && k < env->list.n; k++) {
				const struct tree *en = tree_get(env->list.v[k], "name");
				const struct tree *ev = tree_get(env->list.v[k], "value");
				if (ev && ev->str.len && secret_looking(cstr(cx, en)))
					REP(JOB905, en, arena_printf(cx->a, "%s.env[%u]", cp, k), NULL,
					    "'%.*s' looks like a secret but is a literal; use secret(\"name\", \"key\")",
					    (int)en->str.len, en->str.s);
			}
		}
	}
	const struct tree *bl = tree_get(spec, "backoffLimit");
	if (bl && is_str(tree_get(pod, "restartPolicy"), "OnFailure") &&
	    fixable(cx, "spec.template.spec.restartPolicy"))
		REP(JOB906, bl, "spec.backoffLimit", NULL,
		    "with restart = on-failure, retries counts container restarts in the same pod, and "
		    "the pod may be deleted on the last one; restart = never makes each retry a new pod");
	int64_t comp, par;
	if (has_int(tree_get(spec, "completions"), &comp) &&
	    has_int(tree_get(spec, "parallelism"), &par) && par > comp && fixable(cx, "spec.parallelism"))
		REP(JOB907, tree_get(spec, "parallelism"), "spec.parallelism", NULL,
		    "parallelism %" PRId64 " is more than completions %" PRId64
		    ": no more than %" PRId64 " pods ever run",
		    par, comp, comp);
}
