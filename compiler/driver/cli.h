/* cli.h - the command line as data: jobc's commands and options, read
 * from argv by cli.c, and printed as --help, the man page and the shell
 * completion scripts by cli_doc.c, so that all of them say the same.
 */
#ifndef JOBC_CLI_H
#define JOBC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "session.h"

#ifndef JOBC_VERSION
#define JOBC_VERSION "0.0.0"
#endif

enum {
	CMD_BUILD = 1 << 0,
	CMD_CHECK = 1 << 1,
	CMD_AST = 1 << 2,
	CMD_DOC = 1 << 3,
	CMD_EXPLAIN = 1 << 4,
	CMD_FMT = 1 << 5,
	CMD_IMPORT = 1 << 6,
	CMD_COMPLETION = 1 << 7,
	CMD_MAN = 1 << 8,
	CMD_LSP = 1 << 9,
	CMD_SIMULATE = 1 << 10,
};

struct command {
	const char *name;
	unsigned bit;
	const char *args;
	const char *summary;
	const char *detail;
};

/* Every command, in the order --help lists them. */
extern const struct command cli_commands[];
extern const size_t cli_ncommands;

enum opt_id {
	OPT_OUTPUT,
	OPT_DEFINE,
	OPT_INCLUDE,
	OPT_STDLIB,
	OPT_KUBE_VERSION,
	OPT_DEFAULTS,
	OPT_EMIT,
	OPT_LAYOUT,
	OPT_NAMESPACE,
	OPT_PRUNE,
	OPT_AGAINST,
	OPT_OPTIONS_ONLY,
	OPT_MD,
	OPT_MF,
	OPT_MT,
	OPT_MP,
	OPT_JOBS,
	OPT_WATCH,
	OPT_WRITE,
	OPT_CHECK,
	OPT_DIAGNOSTICS,
	OPT_COLOR,
	OPT_WARN,
	OPT_NO_WARN,
	OPT_MAX_ERRORS,
	OPT_MAX_INPUT,
	OPT_MAX_ITERATIONS,
	OPT_MAX_JOBS,
	OPT_JSON,
	OPT_RESOLVED,
	OPT_HELP,
	/* jobc simulate */
	OPT_POD,
	OPT_SCENARIO,
	OPT_SEED,
	OPT_RUN_TIME,
	OPT_SUSPEND_AT,
	OPT_RESUME_AT,
	OPT_RUNS,
	OPT_FROM,
};

/* How an option's value is read as a number: in decimal as strtoll reads
 * it, from min to max; with bytes, followed by nothing, Ki, Mi or Gi, and
 * max counting the bytes.  what is what the message for a bad value asks
 * for. */
struct option_number {
	const char *what;
	long long min, max;
	bool bytes;
};

struct option_def {
	enum opt_id id;
	char short_name;     /* 0: none */
	const char *long_name; /* --NAME; with a capital letter, -NAME (gcc's -MD) */
	const char *metavar; /* NULL: takes no value */
	const struct option_number *number; /* NULL: the value is not a number */
	unsigned commands;   /* where it is accepted */
	const char *help;
};

/* Every option, in the order --help lists them. */
extern const struct option_def cli_options[];
extern const size_t cli_noptions;

/* gcc's -MD, -MF, ...: one dash, a capital letter */
static inline bool cli_gcc_style(const struct option_def *o)
{
	return o->long_name[0] >= 'A' && o->long_name[0] <= 'Z';
}

/* The command called name, or NULL. */
const struct command *cli_find_command(const char *name);

/* What the command line says.  files, opt.defines, opt.include_dirs and
 * opt.dep_targets are allocated by cli_parse_args (the caller frees them);
 * the strings they hold are argv's. */
struct cli_args {
	struct options opt;
	char **files;
	int nfiles;
	bool json;
	bool help;
	bool fmt_write, fmt_check;
	int color;           /* -1 auto, 0 never, 1 always */
	char *out_dir_copy;  /* -o DIR/ without its trailing slash (owned), or NULL */
	/* jobc simulate: the values as written (simulate.c reads them) */
	struct {
		const char **pods;   /* --pod SPEC, in order (allocated like files) */
		unsigned npods;
		const char *scenario; /* --scenario NAME|FILE */
		unsigned long long seed, runs;
		bool seed_given, runs_given;
		const char *run_time, *suspend_at, *resume_at, *from;
	} sim;
};

/* Parses argv[first..] for command c.  Returns 0, or the exit status of a
 * usage error (already printed). */
int cli_parse_args(const struct command *c, int argc, char **argv, int first, struct cli_args *p);
/* Options that only make sense together (jobc build and check). */
int cli_check_build_options(const struct command *c, struct cli_args *p);

/* Prints "jobc: error: " and the message on stderr, then where to find
 * help (jobc help cmd, or jobc --help when cmd is NULL).  Returns 2, the
 * exit status of a usage error. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- cli_doc.c: the tables as text -------------------------------------------- */

/* jobc --help */
void cli_usage(FILE *f);
/* jobc help COMMAND, jobc COMMAND --help */
void cli_command_help(FILE *f, const struct command *c);
/* jobc man: jobc(1) in roff */
void cli_man_page(FILE *f);
/* jobc completion bash|zsh|fish */
void cli_completion_bash(FILE *f);
void cli_completion_zsh(FILE *f);
void cli_completion_fish(FILE *f);

#endif
