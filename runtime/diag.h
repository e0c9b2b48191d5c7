/* diag.h - the diagnostic sink: collect, count, render gcc-style.
 *
 *   input.job:3:9: error: expected '=' or '{' after field name, found string "x"
 *       3 |   image "x"
 *         |         ^~~
 *   input.job:1:1: note: in job 'hello'
 *
 * A diagnostic is opened by diag_error/diag_warning, may receive notes and
 * a fix-it, and is printed when the next one opens or on diag_flush.  The
 * exit status comes from the error count, never from a parser's return
 * value.  After max_errors errors the sink prints one "too many errors"
 * line and sets `stopped`; callers check diag_stopped() to cut work short.
 */
#ifndef JOBC_DIAG_H
#define JOBC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "source.h"

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,
};

struct diag_note {
	struct span span;
	char *msg;
	bool context;     /* says where the diagnostic arose (diag_context_note) */
};

/* What the diagnostics opened now arise in (for jobc, the job being
 * compiled): its name, its extent in the source, and the place it takes
 * what it is made of from (its template use) with that thing's name.
 * Every diagnostic keeps a copy, so that one reported identically for
 * several of them can be reported once, naming each (diag_same). */
struct diag_context {
	const char *name;       /* NULL: none */
	struct span extent;
	struct span site;       /* span_none(): none */
	const char *via;
};

struct diag_pending {
	bool active;
	enum diag_level level;
	char *code;       /* a copy of the code, such as "JOB012", or NULL */
	struct span span;
	char *msg;
	struct diag_note *notes;
	unsigned nnotes, capnotes;
	struct span fix_span; /* valid when fix_text != NULL */
	char *fix_text;
	/* copies of the sink's context when it opened (ctx_name NULL: none) */
	char *ctx_name, *ctx_via;
	struct span ctx_extent, ctx_site;
	/* the include sites that led to span's file, innermost first, when
	 * the caller knows them (the file whose compilation hit it); NULL: the
	 * first place the file was included from */
	struct span *chain;
	unsigned nchain;
};

struct diagnostics {
	struct srcmgr *sm;
	FILE *out;              /* where rendered text goes (stderr) */
	bool color;
	bool json;              /* one JSON object a line instead of text */
	bool werror;            /* warnings count as errors */
	unsigned max_errors;    /* 0: no limit */
	unsigned errors, warnings;
	bool stop_pending;      /* max_errors reached; stop after this one */
	bool stopped;           /* max_errors reached and reported */
	uint32_t last_file;     /* for "In file included from" */
	struct span last_site;  /* and the include site it was shown with */
	struct diag_context context;
	struct diag_pending cur;
	struct buf scratch;
	/* capture: keep each diagnostic as a record instead of printing it
	 * (a compile thread's sink, replayed in input order by the main one) */
	bool capture;
	struct diag_pending *records;
	unsigned nrecords, caprecords;
};

void diag_init(struct diagnostics *d, struct srcmgr *sm, FILE *out);
void diag_destroy(struct diagnostics *d);

/* Open a diagnostic; code may be NULL.  span may be span_none(). */
void diag_error(struct diagnostics *d, struct span span, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_warning(struct diagnostics *d, struct span span, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A note of its own (not attached to an error): what a command did that
 * is worth saying, such as the fields jobc import dropped. */
void diag_remark(struct diagnostics *d, struct span span, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_vreport(struct diagnostics *d, enum diag_level level, struct span span, const char *code,
                  const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
/* Attach a note to the open diagnostic (ignored when none is open). */
void diag_note(struct diagnostics *d, struct span span, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Attach a note that says where the diagnostic arose ("in job 'x', from
 * template 't' applied here"): notes of this kind are merged when one
 * diagnostic is reported for several contexts. */
void diag_context_note(struct diagnostics *d, struct span span, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Attach a fix-it: replace span with text. */
void diag_fixit(struct diagnostics *d, struct span span, const char *text);
/* Print the open diagnostic, if any. */
void diag_flush(struct diagnostics *d);
/* Reports every diagnostic from captured (in order) into to, as if it had
 * been reported there: counted, capped at to's max_errors, printed.  The
 * records are moved; from is left empty. */
void diag_replay(struct diagnostics *to, struct diagnostics *from);
/* Reports one captured record into to (counted, capped, printed); the
 * record is moved and left empty. */
void diag_replay_record(struct diagnostics *to, struct diag_pending *r);
/* Whether a and b say the same thing at the same place: level, code,
 * span, message, fix and every note but the context notes. */
bool diag_same(const struct diag_pending *a, const struct diag_pending *b);
/* Adds a note to a record (not the open diagnostic). */
void diag_record_note(struct diag_pending *p, struct span span, bool context, const char *msg);
/* Frees what a record holds and empties it. */
void diag_record_clear(struct diag_pending *p);
/* Moves the notes of r into to, after the ones it has: those given, or
 * with context true only its context notes that to lacks. */
void diag_take_context_notes(struct diag_pending *to, struct diag_pending *r);

static inline bool diag_stopped(const struct diagnostics *d)
{
	return d->stopped;
}

/* Escape s for display inside double quotes, truncating past max bytes. */
void diag_quote(struct buf *out, const char *s, size_t len, size_t max);

#endif
