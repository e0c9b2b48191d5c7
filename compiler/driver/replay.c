/* replay.c - the build's diagnostics, as the user should read them.
 *
 * Each input is compiled with a sink of its own that keeps what it reports
 * (driver.c); once all are compiled, the records are printed here, in input
 * order, after two corrections only the whole build can make:
 *
 *   - an error in a file that several inputs include is headed with the
 *     includes of the input whose compilation hit it ("In file included
 *     from b.job:1"), not of the first input that included the file;
 *   - a diagnostic that several jobs hit alike, at the same place with the
 *     same words (a mistake in a template they share), is printed once,
 *     where it is first hit, with a note for each job naming the job and
 *     the place it applies the template; one that differs from job to job
 *     (it depends on a template argument) is printed for each.
 */
#include <stdio.h>
#include <string.h>

#include "build.h"

/* The include sites from input u to the unit of file, innermost first,
 * into out (at most max); 0 when u does not include it. */
static unsigned include_path(struct unit *u, uint32_t file, struct span *out, unsigned max)
{
	if (!u || u->src->id == file || !max)
		return 0;
	/* breadth first, each unit once: the shortest chain */
	struct arena a;
	arena_init(&a);
	struct map seen;
	map_init(&seen, &a);
	struct step {
		struct unit *u;
		int from;          /* index of the step that includes it, -1: u */
		struct span site;
	};
	unsigned cap = 16, n = 0;
	struct step *q = xmalloc(cap * sizeof *q);
	q[n++] = (struct step){u, -1, span_none()};
	unsigned found = 0;
	for (unsigned head = 0; head < n && !found; head++) {
		struct unit *x = q[head].u;
		for (unsigned i = 0; i < x->ndeps; i++) {
			struct unit *y = x->deps[i];
			if (map_get(&seen, (const char *)&x->deps[i], sizeof y))
				continue;
			map_put(&seen, (const char *)&x->deps[i], sizeof y, y);
			if (n == cap)
				q = xrealloc(q, (cap *= 2) * sizeof *q);
			q[n++] = (struct step){y, (int)head, x->dep_sites[i]};
			if (y->src->id == file) {
				found = n;
				break;
			}
		}
	}
	unsigned len = 0;
	for (int k = found ? (int)found - 1 : -1; k > 0 && len < max; k = q[k].from)
		out[len++] = q[k].site;
	xfree(q);
	arena_destroy(&a);
	return len;
}

static bool inside(struct span sp, struct span extent)
{
	return sp.file == extent.file && sp.start >= extent.start && sp.start < extent.end;
}

static bool has_context_note(const struct diag_pending *r)
{
	for (unsigned i = 0; i < r->nnotes; i++)
		if (r->notes[i].context)
			return true;
	return false;
}

/* What only the build knows: r was hit compiling input in. */
static void place(struct input *in, struct diag_pending *r)
{
	if (in->u && span_valid(r->span) && r->span.file != in->u->src->id) {
		struct span chain[64];
		unsigned n = include_path(in->u, r->span.file, chain, 64);
		if (n) {
			r->chain = xmalloc(n * sizeof *r->chain);
			memcpy(r->chain, chain, n * sizeof *chain);
			r->nchain = n;
		}
	}
	/* hit in a job, outside the job's own text, through the template it
	 * applies: say which job, unless a provenance note says so already */
	if (r->ctx_name && span_valid(r->ctx_site) && span_valid(r->span) &&
	    !inside(r->span, r->ctx_extent) && !has_context_note(r)) {
		struct buf msg = BUF_INIT;
		buf_printf(&msg, "in job '%s', from template '%s' applied here", r->ctx_name, r->ctx_via);
		diag_record_note(r, r->ctx_site, true, msg.data);
		buf_free(&msg);
		/* first, where report() puts the provenance notes */
		struct diag_note n = r->notes[r->nnotes - 1];
		memmove(&r->notes[1], &r->notes[0], (r->nnotes - 1) * sizeof *r->notes);
		r->notes[0] = n;
	}
}

void build_replay(struct build *B)
{
	struct diagnostics *to = &B->S->diag;
	struct arena a;
	arena_init(&a);
	struct map at; /* the place and words of a record -> the first printed so */
	struct buf key = BUF_INIT;
	map_init(&at, &a);
	struct first {
		struct diag_pending *r;
		struct first *next; /* another one at the same place */
	};
	/* every record first, so that a later job's hit merges into an
	 * earlier one before that one is printed */
	unsigned total = 0;
	for (unsigned i = 0; i < B->nin; i++) {
		diag_flush(&B->in[i].diag);
		total += B->in[i].diag.nrecords;
	}
	struct diag_pending **order = xcalloc(total + 1, sizeof *order);
	unsigned n = 0;
	for (unsigned i = 0; i < B->nin; i++) {
		struct input *in = &B->in[i];
		for (unsigned k = 0; k < in->diag.nrecords; k++) {
			struct diag_pending *r = &in->diag.records[k];
			place(in, r);
			if (span_valid(r->span)) {
				/* the place and the words: records that differ in
				 * them never share a slot (one loop making 10,000 jobs
				 * warns 10,000 times at one place, each naming its job) */
				buf_clear(&key);
				buf_printf(&key, "%u:%u:%u:%d:%s:%s", r->span.file, r->span.start, r->span.end,
				           (int)r->level, r->code ? r->code : "", r->msg);
				size_t len = key.len;
				int found;
				struct map_slot *s = map_slot(&at, key.data, len, &found);
				struct first *f = found ? s->value : NULL;
				for (; f && !diag_same(f->r, r); f = f->next)
					;
				if (f) {
					diag_take_context_notes(f->r, r);
					diag_record_clear(r);
					continue;
				}
				struct first *nf = ARENA_NEW(&a, struct first);
				nf->r = r;
				nf->next = found ? s->value : NULL;
				if (!found)
					s->key = arena_strndup(&a, key.data, len);
				s->value = nf;
			}
			order[n++] = r;
		}
	}
	for (unsigned k = 0; k < n; k++)
		diag_replay_record(to, order[k]);
	for (unsigned i = 0; i < B->nin; i++) {
		struct diagnostics *d = &B->in[i].diag;
		for (unsigned k = 0; k < d->nrecords; k++)
			diag_record_clear(&d->records[k]);
		d->nrecords = 0;
	}
	xfree(order);
	buf_free(&key);
	arena_destroy(&a);
}
