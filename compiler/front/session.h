/* session.h - one run of jobc: options, sources, diagnostics, loaded files.
 *
 * A session owns everything that lives for the whole run: the source
 * files (each read and parsed once, however many inputs include it), their
 * syntax trees (in ast_arena), the interned names and the diagnostics.
 * Per-input work (values, trees, output) uses arenas of its own.
 */
#ifndef JOBC_SESSION_H
#define JOBC_SESSION_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "emit.h"
#include "diag.h"
#include "eval.h"
#include "intern.h"
#include "map.h"
#include "rules.h"
#include "source.h"

struct options {
	const char *out_dir;           /* -o DIR, or NULL */
	const char *out_file;          /* -o FILE.yaml|FILE.json: one stream in a file, or NULL */
	bool emit_given;               /* --emit was on the command line */
	bool options_only;             /* --options-only: write DIR/.jobc/options, build nothing */
	bool check_only;               /* jobc check */
	struct define *defines;        /* -D NAME=VALUE */
	unsigned ndefines;
	const char **include_dirs;     /* -I DIR, in order */
	unsigned ninclude_dirs;
	const char *stdlib_dir;        /* --stdlib DIR, or NULL for the embedded one */
	unsigned max_errors;           /* --max-errors */
	size_t max_input;              /* --max-input-size, bytes */
	unsigned long long max_iterations; /* --max-iterations: loop iterations an input */
	unsigned long long max_jobs;   /* --max-jobs: jobs a build */
	bool color;
	bool resolved;                 /* jobc ast --resolved: JSON of each job */
	int kube_version;              /* --kube-version, as 135 for 1.35 */
	bool explicit_defaults;        /* --defaults explicit */
	struct rule_config rules;      /* -W options */
	const struct backend *backend; /* --emit */
	const char *namespace_default; /* --namespace NS: of the jobs that set none, or NULL */
	bool layout_namespace;         /* --layout namespace: DIR/<namespace>/<name>.yaml */
	bool prune;                    /* --prune */
	const char *against;           /* --against FILE, or NULL */
	bool depfiles;                 /* -MD */
	const char *depfile;           /* -MF FILE (one input) */
	const char **dep_targets;      /* -MT TARGET, in order */
	unsigned ndep_targets;
	bool dep_phony;                /* -MP */
	unsigned jobs;                 /* -j N: compile threads (0: one per core) */
	bool watch;                    /* --watch */
	bool quiet;                    /* no summary line (watch prints one per build) */
	bool diag_json;                /* --diagnostics json */
	/* Embedding jobc (the fuzz targets): where output and diagnostics go
	 * (NULL: stdout, stderr), the text of "-" (NULL: standard input), and
	 * a sandbox where include reaches only the built-in standard library. */
	FILE *out_stream;
	FILE *diag_stream;
	const char *stdin_text;
	size_t stdin_len;
	bool sandbox;
	/* An editor's unsaved buffers (jobc lsp): read in place of the file
	 * at the same path, whether it names it as given or through another
	 * path to it. */
	const struct overlay *overlays;
	unsigned noverlays;
};

struct overlay {
	const char *path; /* as the editor names it, absolute */
	const char *real; /* its realpath, or NULL when it is not on disk */
	const char *text;
	size_t len;
};

/* Where a command's output goes: opt->out_stream, or stdout. */
static inline FILE *opt_out(const struct options *opt)
{
	return opt->out_stream ? opt->out_stream : stdout;
}

/* Reads a file named on the command line or included, "-" being standard
 * input (or opt->stdin_text); as file_read_id (fileio.h). */
char *session_read(const struct options *opt, const char *path, size_t *len, const char **why,
                   unsigned long long *dev, unsigned long long *ino);

/* A loaded file. */
struct unit {
	struct source *src;
	struct ast *ast;
	bool loading;        /* on the include stack now (cycle detection) */
	bool ok;             /* read and parsed without error */
	bool jobs_checked;   /* checked for jobs, as an included file */
	struct unit **deps;  /* files it includes, resolved, in order */
	unsigned ndeps;
	struct span *dep_sites; /* the include item of each dep */
};

struct session {
	const struct options *opt;
	struct srcmgr sm;
	struct diagnostics diag;
	struct interner names;
	struct arena ast_arena;
	struct map units;    /* canonical key ("dev:inode") -> struct unit */
	struct map paths;    /* an include candidate path, as built -> its unit */
	/* the include stack, for cycle messages */
	struct unit **stack;
	unsigned nstack, capstack;
	bool no_includes;    /* session_parse: leave include items alone */
};

void session_init(struct session *S, const struct options *opt);
void session_destroy(struct session *S);

/* Loads a file named on the command line and, recursively, every file it
 * includes.  Returns NULL when the file itself cannot be read. */
struct unit *session_load(struct session *S, const char *path);
/* The same, from path's bytes read ahead with session_read (text, taken
 * over; dev and ino as session_read set them). */
struct unit *session_load_read(struct session *S, const char *path, char *text, size_t len,
                               unsigned long long dev, unsigned long long ino);
/* Reads and parses one file, without following its includes. */
struct unit *session_parse(struct session *S, const char *path);

/* Calls fn for unit u's includes (depth first, each once) and then u. */
void unit_walk(struct unit *u, void (*fn)(struct unit *, void *), void *arg, struct map *seen,
               struct arena *a);

#endif
