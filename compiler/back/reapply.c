/* reapply.c - jobs that can be applied again; see reapply.h.
 *
 * What Kubernetes will not let an applied Job change is read from batch
 * ValidateJobSpecUpdate: the selector, the pod template (validatePodTemplateUpdate,
 * with its exceptions for a Job suspended and never started),
 * completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy,
 * successPolicy, and completions (validateCompletions: an Indexed Job may
 * change it only to its new parallelism).  The API server compares them
 * as apiequality.Semantic.DeepEqual does: quantities by value, after its
 * defaults.  The canonical form below does the same, so that a default
 * written or not, a quantity spelt 0.5 or 500m, and the labels and
 * selector the API server adds to a cluster's copy change nothing.
 */
#include "reapply.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "check_internal.h"
#include "defaults.h"
#include "units.h"

/* spec's keys that an update may not change, but completions (below) */
static const char *const immutable_keys[] = {
	"backoffLimitPerIndex", "completionMode", "managedBy", "podFailurePolicy",
	"selector", "successPolicy", "template",
};

/* the pod labels Kubernetes puts on a Job's template (Job strategy
 * generateSelector); a cluster's copy has them, jobc's output has not */
static const char *const generated_labels[] = {
	"batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name",
	"controller-uid", "job-name",
};

/* Removes key from the map at path of root, and the maps left empty. */
static void drop(struct tree *root, const char *path, const char *key)
{
	struct tree *m = tree_path(root, path);
	if (!m || m->kind != TREE_MAP)
		return;
	tree_remove(m, key);
	if (m->map.n == 0) {
		const char *dot = strrchr(path, '.');
		char parent[128];
		snprintf(parent, sizeof parent, "%.*s", dot ? (int)(dot - path) : 0, path);
		if (dot)
			drop(root, parent, dot + 1);
	}
}

/* Quantities as their value: a limit, a request, an overhead, a size
 * limit (Semantic.DeepEqual compares resource.Quantity with Cmp). */
static void canon_quantities(struct arena *a, struct tree *t, bool quantities)
{
	if (t->kind == TREE_STR && quantities) {
		struct quantity q;
		const char *why;
		if (quantity_parse(t->str.s, t->str.len, &q, &why)) {
			char text[64];
			q.format = QF_DECIMAL;
			quantity_format(&q, text, sizeof text);
			t->str.s = arena_strndup(a, text, strlen(text));
			t->str.len = (uint32_t)strlen(text);
		}
	} else if (t->kind == TREE_LIST) {
		for (uint32_t i = 0; i < t->list.n; i++)
			canon_quantities(a, t->list.v[i], false);
	} else if (t->kind == TREE_MAP) {
		for (uint32_t i = 0; i < t->map.n; i++) {
			const char *k = t->map.v[i].key;
			bool q = !strcmp(k, "limits") || !strcmp(k, "requests") || !strcmp(k, "overhead");
			struct tree *v = t->map.v[i].value;
			if (!strcmp(k, "sizeLimit"))
				canon_quantities(a, v, true);
			else if (q && v->kind == TREE_MAP)
				for (uint32_t j = 0; j < v->map.n; j++)
					canon_quantities(a, v->map.v[j].value, true);
			else
				canon_quantities(a, v, false);
		}
	}
}

/* The Job's spec in canonical form: job cloned, what the API server adds
 * to a cluster's copy taken out, its defaults taken out, quantities by
 * value, keys sorted.  sched: the Job is suspended and has never run, so
 * the scheduling directives of its template may change and are left out
 * (validatePodTemplateUpdate, AllowMutableSchedulingDirectives). */
static struct tree *canon_spec(struct arena *a, const struct tree *job, bool sched)
{
	struct tree *c = tree_clone(a, job);
	for (size_t i = 0; i < sizeof generated_labels / sizeof *generated_labels; i++)
		drop(c, "spec.template.metadata.labels", generated_labels[i]);
	drop(c, "spec.template.metadata", "creationTimestamp");
	const struct tree *manual = tree_path(c, "spec.manualSelector");
	if (!(manual && manual->kind == TREE_BOOL && manual->b))
		drop(c, "spec", "selector");
	defaults_strip(a, c, STRIP_JOB);
	if (sched) {
		drop(c, "spec.template.metadata", "labels");
		drop(c, "spec.template.metadata", "annotations");
		drop(c, "spec.template.spec", "nodeSelector");
		drop(c, "spec.template.spec", "tolerations");
		drop(c, "spec.template.spec", "schedulingGates");
		drop(c, "spec.template.spec.affinity", "nodeAffinity");
	}
	struct tree *spec = tree_get(c, "spec");
	if (!spec || spec->kind != TREE_MAP)
		return tree_map(a);
	/* SetDefaults_Job: completions and parallelism both unset are both 1;
	 * completions alone unset (parallelism set) stays unset, a Job done
	 * at its first success.  Stripped, the first looks like the second:
	 * completions is written back */
	if (!tree_get(spec, "completions") && !tree_get(spec, "parallelism"))
		tree_set(a, spec, "completions", tree_int(a, 1));
	canon_quantities(a, spec, false);
	tree_sort(spec);
	return spec;
}

static bool indexed(const struct tree *spec)
{
	return is_str(tree_get(spec, "completionMode"), "Indexed");
}

static int64_t int_or(const struct tree *t, int64_t dflt)
{
	return t && t->kind == TREE_INT ? t->i : dflt;
}

/* ---- name-suffix = hash ------------------------------------------------ */

static void put_string(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch < 0x20)
			buf_printf(b, "\\u%04x", ch);
		else
			buf_putc(b, (char)ch);
	}
	buf_putc(b, '"');
}

/* The canonical bytes hashed: compact JSON, keys sorted.  Changing this
 * changes every hashed name: tests/unit pins known hashes. */
static void serialize(struct buf *b, const struct tree *t)
{
	switch (t->kind) {
	case TREE_NULL: buf_puts(b, "null"); break;
	case TREE_BOOL: buf_puts(b, t->b ? "true" : "false"); break;
	case TREE_INT: buf_printf(b, "%lld", (long long)t->i); break;
	case TREE_STR: put_string(b, t->str.s, t->str.len); break;
	case TREE_LIST:
		buf_putc(b, '[');
		for (uint32_t i = 0; i < t->list.n; i++) {
			if (i)
				buf_putc(b, ',');
			serialize(b, t->list.v[i]);
		}
		buf_putc(b, ']');
		break;
	case TREE_MAP:
		buf_putc(b, '{');
		for (uint32_t i = 0; i < t->map.n; i++) {
			if (i)
				buf_putc(b, ',');
			put_string(b, t->map.v[i].key, t->map.v[i].klen);
			buf_putc(b, ':');
			serialize(b, t->map.v[i].value);
		}
		buf_putc(b, '}');
		break;
	}
}

uint32_t reapply_hash(struct arena *a, const struct tree *job)
{
	struct tree *spec = canon_spec(a, job, false);
	struct tree *part = tree_map(a);
	for (size_t i = 0; i < sizeof immutable_keys / sizeof *immutable_keys; i++) {
		struct tree *v = tree_get(spec, immutable_keys[i]);
		if (v)
			tree_append(a, part, immutable_keys[i], v);
	}
	/* completions, where an update may not change it: always in a
	 * NonIndexed Job; in an Indexed one, unless it moves with parallelism */
	struct tree *c = tree_get(spec, "completions");
	if (c && (!indexed(spec) || int_or(c, 1) != int_or(tree_get(spec, "parallelism"), 1)))
		tree_append(a, part, "completions", c);
	tree_sort(part);
	struct buf b = BUF_INIT;
	serialize(&b, part);
	uint32_t h = 2166136261u; /* FNV-1a, 32 bits */
	for (size_t i = 0; i < b.len; i++)
		h = (h ^ (unsigned char)b.data[i]) * 16777619u;
	buf_free(&b);
	return h;
}

/* JOB021, and JOB002, JOB008, JOB805 for a name the suffix makes too long. */
void reapply_name(struct job_ctx *cx)
{
	const struct tree *s = tree_get(cx->aside, "name-suffix");
	if (!is_str(s, "hash"))
		return;
	struct tree *meta = tree_get(cx->obj, "metadata");
	struct tree *gen = meta ? tree_get(meta, "generateName") : NULL;
	if (gen) {
		REP(JOB021, s, "metadata.generateName", NULL,
		    "name-suffix = hash needs a name of the job's own; generate-name leaves the name to "
		    "Kubernetes");
		return;
	}
	struct tree *name = meta ? tree_get(meta, "name") : NULL;
	if (!name || name->kind != TREE_STR)
		return;
	uint32_t h = reapply_hash(cx->a, cx->obj);
	struct tree *full = ARENA_NEW(cx->a, struct tree);
	*full = *name;
	const char *text = arena_printf(cx->a, "%.*s-%08x", (int)name->str.len, name->str.s, h);
	full->str.s = text;
	full->str.len = (uint32_t)strlen(text);
	/* the limits of check_meta.c, said of the whole name (which is
	 * then not set, so they are not said twice) */
	const struct tree *spec = tree_get(cx->obj, "spec");
	size_t len = full->str.len;
	bool said = false;
	if (cx->cron && len > 52) {
		said = REP(JOB805, name, "metadata.name",
		           arena_printf(cx->a, "Invalid value: \"%s\": must be no more than 52 bytes", text),
		           "a scheduled job's name can be at most 52 bytes; '%s' is %zu with its hash "
		           "suffix", text, len);
	} else if (!cx->cron && spec && indexed(spec)) {
		int64_t c = int_or(tree_get(spec, "completions"), 1);
		const char *pod = arena_printf(cx->a, "%s-%lld", text, (long long)(c > 0 ? c - 1 : 0));
		if (strlen(pod) > 63)
			said = REP(JOB008, name, "metadata.name",
			           arena_printf(cx->a, "Invalid value: \"%s\": will not able to create pod "
			                        "with invalid DNS label: %s", text, pod),
			           "an Indexed Job's pods are named %s with its hash suffix, which must be a "
			           "DNS label (at most 63 bytes, no dots)", pod);
	} else if (!cx->cron && len > 63 && !manual_selector(cx)) {
		said = REP(JOB002, name, "spec.template.labels",
		           arena_printf(cx->a, "Invalid value: \"%s\": must be no more than 63 bytes", text),
		           "job name '%s' is %zu bytes long with its hash suffix; a Job's name can be at "
		           "most 63", text, len);
	}
	if (said)
		diag_note(cx->d, node_span(cx, s),
		          "name-suffix = hash adds 9 bytes to the name: '-' and 8 hex digits");
	if (said || cx->d->errors != cx->errors_before)
		return;
	tree_set(cx->a, meta, "name", full);
	struct tree *labels = tree_child_map(cx->a, meta, "labels");
	struct tree *base = ARENA_NEW(cx->a, struct tree);
	*base = *name;
	tree_set(cx->a, labels, "jobc.dev/base-name", base);
}

/* ---- JOB124: what an update would change ------------------------------- */

#define SHOWN 6

struct change {
	const char *path;
	const struct tree *was, *now; /* as written (a quantity as it was spelt) */
};

struct diff {
	struct arena *a;
	struct change v[SHOWN];
	unsigned n, total;
	const struct tree *first; /* the new value of the first change, or NULL */
};

static void changed(struct diff *D, const char *path, const struct tree *was, const struct tree *now)
{
	if (!D->total)
		D->first = now;
	if (D->n < SHOWN)
		D->v[D->n++] = (struct change){path, was, now};
	D->total++;
}

/* A side of the comparison: the canonical node, and the node as written
 * (NULL where canonicalizing made it up). */
struct side {
	const struct tree *c, *w;
};

static struct side child(struct side s, const char *key, uint32_t index, bool list)
{
	struct side r = {NULL, NULL};
	if (list) {
		r.c = s.c && index < s.c->list.n ? s.c->list.v[index] : NULL;
		r.w = s.w && s.w->kind == TREE_LIST && index < s.w->list.n ? s.w->list.v[index] : NULL;
	} else {
		r.c = s.c ? tree_get(s.c, key) : NULL;
		r.w = s.w && s.w->kind == TREE_MAP ? tree_get(s.w, key) : NULL;
	}
	return r;
}

/* The leaves that differ between was and now (canonical, maps sorted),
 * by path. */
static void diff(struct diff *D, const char *path, struct side was, struct side now)
{
	const struct tree *o = was.c, *n = now.c;
	if ((!o && !n) || (o && n && tree_equal(o, n)))
		return;
	if (!o || !n || o->kind != n->kind || (o->kind != TREE_MAP && o->kind != TREE_LIST)) {
		changed(D, path, o ? (was.w ? was.w : o) : NULL, n ? (now.w ? now.w : n) : NULL);
		return;
	}
	if (o->kind == TREE_LIST) {
		uint32_t len = o->list.n > n->list.n ? o->list.n : n->list.n;
		for (uint32_t i = 0; i < len; i++)
			diff(D, arena_printf(D->a, "%s[%u]", path, i), child(was, NULL, i, true),
			     child(now, NULL, i, true));
		return;
	}
	uint32_t i = 0, j = 0;
	while (i < o->map.n || j < n->map.n) {
		const struct tree_entry *x = i < o->map.n ? &o->map.v[i] : NULL;
		const struct tree_entry *y = j < n->map.n ? &n->map.v[j] : NULL;
		int cmp = !x ? 1 : !y ? -1 : strcmp(x->key, y->key);
		const char *key = cmp <= 0 ? x->key : y->key;
		diff(D, arena_printf(D->a, "%s.%s", path, key), child(was, key, 0, false),
		     child(now, key, 0, false));
		i += cmp <= 0;
		j += cmp >= 0;
	}
}

/* A value as the notes show it: flow style, cut after 60 bytes. */
static void show(struct buf *b, const struct tree *t)
{
	switch (t->kind) {
	case TREE_MAP:
		buf_putc(b, '{');
		for (uint32_t i = 0; i < t->map.n && b->len < 80; i++) {
			buf_printf(b, "%s%s: ", i ? ", " : "", t->map.v[i].key);
			show(b, t->map.v[i].value);
		}
		buf_putc(b, '}');
		break;
	case TREE_LIST:
		buf_putc(b, '[');
		for (uint32_t i = 0; i < t->list.n && b->len < 80; i++) {
			if (i)
				buf_puts(b, ", ");
			show(b, t->list.v[i]);
		}
		buf_putc(b, ']');
		break;
	default:
		serialize(b, t);
	}
}

static const char *shown(struct arena *a, const struct tree *t)
{
	if (!t)
		return "(not set)";
	struct buf b = BUF_INIT;
	show(&b, t);
	const char *s = b.len > 60 ? arena_printf(a, "%.57s...", b.data)
	                           : arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return s;
}

static const struct tree *meta_field(const struct tree *obj, const char *key)
{
	const struct tree *m = tree_get(obj, "metadata");
	return m ? tree_get(m, key) : NULL;
}

/* JOB124 */
void reapply_compare(struct job_ctx *cx, const struct previous *prev)
{
	const struct tree *old = prev->obj;
	if (cx->cron || !old || old->kind != TREE_MAP || !is_str(tree_get(old, "kind"), "Job"))
		return;
	if (tree_equal(old, cx->obj))
		return; /* as written last time: the usual rebuild */
	const struct tree *name = meta_field(cx->obj, "name");
	if (!same(name, meta_field(old, "name")))
		return; /* another Job: created beside the old one */
	const struct tree *ns = meta_field(cx->obj, "namespace"), *old_ns = meta_field(old, "namespace");
	if (ns && old_ns && !same(ns, old_ns))
		return;
	/* suspended and never started: a cluster's copy says so in its status;
	 * an output of jobc's is taken as never started */
	const struct tree *susp = tree_path(old, "spec.suspend");
	bool sched = susp && susp->kind == TREE_BOOL && susp->b &&
	             !(prev->live && tree_path(old, "status.startTime"));
	struct tree *was = canon_spec(cx->a, old, sched), *now = canon_spec(cx->a, cx->obj, sched);
	struct side w = {was, tree_get(old, "spec")}, n = {now, tree_get(cx->obj, "spec")};
	struct diff D = {.a = cx->a};
	for (size_t i = 0; i < sizeof immutable_keys / sizeof *immutable_keys; i++) {
		const char *k = immutable_keys[i];
		diff(&D, arena_printf(cx->a, "spec.%s", k), child(w, k, 0, false), child(n, k, 0, false));
	}
	/* validateCompletions.  Not written now (and parallelism written):
	 * kubectl apply keeps the value the Job has */
	const struct tree *c_was = tree_get(was, "completions"), *c_now = tree_get(now, "completions");
	bool tandem = false;
	if (c_now && !(c_was && tree_equal(c_was, c_now))) {
		if (!indexed(now))
			changed(&D, "spec.completions", c_was, c_now);
		else if (c_now && int_or(c_now, 1) != int_or(tree_get(now, "parallelism"), 1))
			changed(&D, "spec.completions", c_was, c_now), tandem = true;
	}
	if (!D.total)
		return;
	const struct change *f = &D.v[0];
	const char *top = f->path;
	const char *dot = strchr(top + 5, '.'), *br = strchr(top + 5, '[');
	if (br && (!dot || br < dot))
		dot = br;
	top = dot ? arena_strndup(cx->a, top, (size_t)(dot - top)) : top;
	const char *k8s = !strcmp(top, "spec.completions") && tandem
		? "can only be modified in tandem with spec.parallelism"
		: "field is immutable";
	/* at the new value; a value taken out, at the job's name */
	struct span at = D.first ? node_span(cx, D.first) : cx->job->name_span;
	const struct value *v = D.first ? node_value(D.first) : NULL;
	bool said;
	if (D.total == 1)
		said = report(cx, R_JOB124, at, v, top, k8s,
		              "job '%.*s' changes %s of the Job in %s, which Kubernetes does not let an "
		              "existing Job change",
		              (int)name->str.len, name->str.s, f->path, prev->where);
	else
		said = report(cx, R_JOB124, at, v, top, k8s,
		              "job '%.*s' changes %u values of the Job in %s that Kubernetes does not let "
		              "an existing Job change",
		              (int)name->str.len, name->str.s, D.total, prev->where);
	if (!said)
		return;
	for (unsigned i = 0; i < D.n; i++)
		diag_note(cx->d, span_none(), "%s: was %s, now %s", D.v[i].path,
		          shown(cx->a, D.v[i].was), shown(cx->a, D.v[i].now));
	if (D.total > D.n)
		diag_note(cx->d, span_none(), "and %u more", D.total - D.n);
	const char *nsopt = ns ? arena_printf(cx->a, " -n %.*s", (int)ns->str.len, ns->str.s)
	                       : old_ns ? arena_printf(cx->a, " -n %.*s", (int)old_ns->str.len,
	                                               old_ns->str.s)
	                                : "";
	diag_note(cx->d, span_none(),
	          "to apply it again, give each version its own name with 'name-suffix = hash', or "
	          "delete the Job first: kubectl delete job %.*s%s",
	          (int)name->str.len, name->str.s, nsopt);
}
