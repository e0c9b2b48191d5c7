/* main.c - the jobc command line.
 *
 * Commands and options are data (the tables below): --help, `jobc help
 * COMMAND`, and later the man page and shell completions are all printed
 * from them.  Exit status: 0 success, 1 errors in the input, 2 a usage
 * error (unknown option, missing file name, ...), 3 out of memory.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "ast_json.h"
#include "bounds.h"
#include "doc.h"
#include "driver.h"
#include "emit.h"
#include "fmt.h"
#include "import.h"
#include "jsonw.h"
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
};

struct command {
	const char *name;
	unsigned bit;
	const char *args;
	const char *summary;
	const char *detail;
};

static const struct command commands[] = {
	{"build", CMD_BUILD, "[options] FILE...", "compile .job files into Kubernetes manifests",
	 "Compiles every FILE and writes one batch/v1 Job (a CronJob when it has a\n"
	 "schedule) per job: as a stream on standard output (YAML documents separated\n"
	 "by ---; with --emit json, the object, or a v1 List of several), or, with\n"
	 "-o DIR, as DIR/<job-name>.yaml (.json).  --emit planton writes Project\n"
	 "Planton KubernetesJob and KubernetesCronJob manifests instead.  Files are\n"
	 "compiled in the order of their paths.  Nothing is written unless every file\n"
	 "compiles without error; a file whose bytes would not change is left untouched."},
	{"check", CMD_CHECK, "[options] FILE...", "check .job files and write nothing",
	 "Runs every check that build runs and reports every error; writes nothing."},
	{"fmt", CMD_FMT, "[-w|--check] [FILE...]", "print .job files in their canonical form",
	 "Prints each FILE (standard input with none, or with -) in its canonical form:\n"
	 "two-space indentation, one item a line in blocks written over several lines,\n"
	 "one space around = and operators, bare keys where a key is a word, at most one\n"
	 "blank line, every comment where it was.  -w rewrites the files instead (only\n"
	 "those that change, atomically); --check lists the files that are not in\n"
	 "canonical form and exits 1 when there is one.  A file with syntax errors is\n"
	 "reported and left as it is."},
	{"import", CMD_IMPORT, "[-o DIR] FILE.yaml...", "turn Kubernetes or Planton YAML into .job source",
	 "Reads batch/v1 Jobs and CronJobs, and Project Planton KubernetesJobs and\n"
	 "KubernetesCronJobs (several documents a file, and v1 Lists), and prints the\n"
	 "equivalent .job source, formatted as jobc fmt prints it; with -o DIR, writes\n"
	 "DIR/<job-name>.job for each.  Fields the API server fills in (status, uid,\n"
	 "resourceVersion, the generated selector and labels, defaults) are dropped with\n"
	 "a note; a field jobc cannot express is an error naming its path."},
	{"explain", CMD_EXPLAIN, "[ID|FIELD|std/NAME]", "explain a rule, a field or a stdlib template",
	 "Prints what a rule or warning (by ID, JOB101, or slug, restart-policy)\n"
	 "means, why Kubernetes has it, and a failing and a fixed example; or a\n"
	 "field's type, default and Kubernetes path; or, with std/NAME, a template\n"
	 "of the standard library.  'rules', 'warnings', 'fields' and 'std' list\n"
	 "them all."},
	{"doc", CMD_DOC, "fields|rules", "print the field or rule reference (Markdown)",
	 "Prints the reference generated from jobc's own tables: 'fields' (every\n"
	 "field, its type, default and Kubernetes path) or 'rules' (every rule jobc\n"
	 "enforces, with its ID).  docs/fields.md and docs/rules.md are this output."},
	{"completion", CMD_COMPLETION, "bash|zsh|fish", "print a shell completion script",
	 "Prints a completion script for the shell, generated from jobc's option table:\n"
	 "  source <(jobc completion bash)\n"
	 "  jobc completion zsh > \"${fpath[1]}/_jobc\"\n"
	 "  jobc completion fish > ~/.config/fish/completions/jobc.fish"},
	{"man", CMD_MAN, "", "print the manual page (roff)",
	 "Prints jobc(1), generated from the same tables as --help:\n"
	 "  jobc man > jobc.1 && man -l jobc.1"},
	{"ast", CMD_AST, "--json [--resolved] FILE", "print the syntax tree, or the resolved jobs",
	 "Prints the syntax tree of FILE as JSON: every node with its kind, its span\n"
	 "(line:column-line:column, end exclusive) and its members.  With --resolved,\n"
	 "prints instead each job of FILE after its templates, loops and expressions\n"
	 "are evaluated: every field with its typed value (as the backends see it),\n"
	 "its Kubernetes path, where it was set and through which templates."},
};

enum opt_id {
	OPT_OUTPUT,
	OPT_DEFINE,
	OPT_INCLUDE,
	OPT_STDLIB,
	OPT_KUBE_VERSION,
	OPT_DEFAULTS,
	OPT_EMIT,
	OPT_LAYOUT,
	OPT_PRUNE,
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
};

struct option_def {
	enum opt_id id;
	char short_name;     /* 0: none */
	const char *long_name; /* --NAME; with a capital letter, -NAME (gcc's -MD) */
	const char *metavar; /* NULL: takes no value */
	unsigned commands;   /* where it is accepted */
	const char *help;
};

static const struct option_def options[] = {
	{OPT_OUTPUT, 'o', "output", "DIR", CMD_BUILD | CMD_IMPORT,
	 "write DIR/<job-name>.yaml (.json with --emit json) for each job instead of a stream on "
	 "stdout"},
	{OPT_DEFINE, 'D', "define", "NAME=VALUE", CMD_BUILD | CMD_CHECK | CMD_AST,
	 "set param NAME (typed like its default)"},
	{OPT_INCLUDE, 'I', "include-dir", "DIR", CMD_BUILD | CMD_CHECK | CMD_AST,
	 "search DIR for included files, after the including file's folder"},
	{OPT_STDLIB, 0, "stdlib", "DIR", CMD_BUILD | CMD_CHECK | CMD_AST,
	 "find include \"std/...\" in DIR/std instead of the built-in standard library"},
	{OPT_KUBE_VERSION, 0, "kube-version", "VERSION", CMD_BUILD | CMD_CHECK | CMD_AST,
	 "the Kubernetes version to target, such as 1.29 (default " KUBE_VERSION_DEFAULT
	 "): fields it does not have on by default are errors"},
	{OPT_EMIT, 0, "emit", "yaml|json|planton", CMD_BUILD | CMD_CHECK,
	 "what to write: yaml (default), json (batch/v1 Job or CronJob), or planton (Project "
	 "Planton KubernetesJob or KubernetesCronJob; also checks what Planton can express)"},
	{OPT_LAYOUT, 0, "layout", "flat|namespace", CMD_BUILD,
	 "with -o: DIR/<name>.yaml (flat, the default) or DIR/<namespace>/<name>.yaml"},
	{OPT_PRUNE, 0, "prune", NULL, CMD_BUILD,
	 "with -o: remove the files jobc wrote in DIR before that no job makes any more (never a "
	 "file jobc did not write)"},
	{OPT_MD, 0, "MD", NULL, CMD_BUILD,
	 "write a make depfile for each input: DIR/.deps/<input>.d, its outputs as targets and "
	 "the input and every file it includes as prerequisites"},
	{OPT_MF, 0, "MF", "FILE", CMD_BUILD, "with -MD and one input: the depfile is FILE"},
	{OPT_MT, 0, "MT", "TARGET", CMD_BUILD,
	 "with -MD: the depfile's target is TARGET instead of the outputs (repeatable)"},
	{OPT_MP, 0, "MP", NULL, CMD_BUILD,
	 "with -MD: a phony target for each included file, so that deleting one does not break "
	 "make"},
	{OPT_JOBS, 'j', "jobs", "N", CMD_BUILD | CMD_CHECK,
	 "compile with N threads (default: one per core; large builds only); the output is the "
	 "same for every N"},
	{OPT_WATCH, 0, "watch", NULL, CMD_BUILD | CMD_CHECK,
	 "build, then build again whenever an input or a file it includes changes; one line per "
	 "build"},
	{OPT_WRITE, 'w', "write", NULL, CMD_FMT,
	 "rewrite the files in canonical form (only those that change)"},
	{OPT_CHECK, 0, "check", NULL, CMD_FMT,
	 "list the files that are not in canonical form; exit 1 if there is one"},
	{OPT_DIAGNOSTICS, 0, "diagnostics", "text|json", CMD_BUILD | CMD_CHECK | CMD_FMT | CMD_IMPORT,
	 "text (default) as a compiler prints them, or json: one JSON object a line on stderr "
	 "(severity, code, message, file, line, column, end, notes, fix)"},
	{OPT_COLOR, 0, "color", "auto|always|never", CMD_BUILD | CMD_CHECK | CMD_FMT | CMD_IMPORT,
	 "colour in text diagnostics: auto (default) on a terminal unless NO_COLOR is set and not empty"},
	{OPT_DEFAULTS, 0, "defaults", "minimal|explicit", CMD_BUILD,
	 "minimal (default): write what is set and what Kubernetes requires; explicit: also every "
	 "default the API server would fill in"},
	{OPT_WARN, 'W', "warning", "[no-]SLUG|error[=SLUG]", CMD_BUILD | CMD_CHECK,
	 "-Wno-SLUG turns a warning off, -Werror=SLUG makes it an error, -Werror makes all "
	 "warnings errors, -Wno-lints keeps only Kubernetes' own warnings ('jobc explain "
	 "warnings' lists them)"},
	{OPT_NO_WARN, 'w', "no-warnings", NULL, CMD_BUILD | CMD_CHECK, "print no warnings"},
	{OPT_MAX_ERRORS, 0, "max-errors", "N", CMD_BUILD | CMD_CHECK,
	 "stop after N errors (default 50; 0: no limit)"},
	{OPT_MAX_INPUT, 0, "max-input-size", "BYTES", CMD_BUILD | CMD_CHECK | CMD_FMT | CMD_IMPORT | CMD_AST,
	 "refuse a file (source, include or YAML) larger than BYTES (default 64Mi; suffixes Ki, Mi, Gi)"},
	{OPT_MAX_ITERATIONS, 0, "max-iterations", "N", CMD_BUILD | CMD_CHECK | CMD_AST,
	 "stop a file whose loops run more than N iterations in all (default 1000000)"},
	{OPT_MAX_JOBS, 0, "max-jobs", "N", CMD_BUILD | CMD_CHECK,
	 "stop a build that makes more than N jobs (default 1000000)"},
	{OPT_JSON, 0, "json", NULL, CMD_AST, "print JSON (the only format)"},
	{OPT_RESOLVED, 0, "resolved", NULL, CMD_AST,
	 "print each job after templates, loops and evaluation: every field's typed value, "
	 "where it was set and through which templates"},
	{OPT_HELP, 'h', "help", NULL,
	 CMD_BUILD | CMD_CHECK | CMD_AST | CMD_DOC | CMD_EXPLAIN | CMD_FMT | CMD_IMPORT | CMD_COMPLETION |
	     CMD_MAN,
	 "show this help"},
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* gcc's -MD, -MF, ...: one dash, a capital letter */
static bool gcc_style(const struct option_def *o)
{
	return o->long_name[0] >= 'A' && o->long_name[0] <= 'Z';
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < COUNT(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_options(FILE *f, unsigned cmd)
{
	for (size_t i = 0; i < COUNT(options); i++) {
		const struct option_def *o = &options[i];
		if (!(o->commands & cmd))
			continue;
		char left[64];
		int n = 0;
		if (o->short_name)
			n = snprintf(left, sizeof left, "-%c, ", o->short_name);
		snprintf(left + n, sizeof left - (size_t)n, "%s%s%s%s", gcc_style(o) ? "-" : "--",
		         o->long_name, o->metavar ? " " : "", o->metavar ? o->metavar : "");
		bool flush = o->short_name || gcc_style(o);
		int width = flush ? 26 : 22;
		fprintf(f, "  %s%-*s", flush ? "" : "    ", width, left);
		/* the help text, wrapped at 79 columns under its first line (on a
		 * line of its own when the option is too wide) */
		const char *h = o->help;
		int col = 28;
		if ((int)strlen(left) >= width)
			fprintf(f, "\n%28s", "");
		while (*h) {
			const char *sp = strchr(h, ' ');
			int wlen = sp ? (int)(sp - h) : (int)strlen(h);
			if (col + 1 + wlen > 79 && col > 28 + (h == o->help ? 0 : 0)) {
				fprintf(f, "\n%28s", "");
				col = 28;
			}
			fprintf(f, " %.*s", wlen, h);
			col += 1 + wlen;
			h += wlen;
			while (*h == ' ')
				h++;
		}
		fputc('\n', f);
	}
}

/* ---- completion scripts and the man page, from the tables ------------------- */

/* "yaml|json|planton" -> "yaml json planton"; NULL when the metavar is not
 * a list of words. */
static const char *choices(const struct option_def *o, char *buf, size_t size)
{
	if (!o->metavar || !strchr(o->metavar, '|') || strchr(o->metavar, '['))
		return NULL;
	snprintf(buf, size, "%s", o->metavar);
	for (char *c = buf; *c; c++)
		if (*c == '|')
			*c = ' ';
	return buf;
}

static bool wants_dir(const struct option_def *o)
{
	return o->metavar && !strcmp(o->metavar, "DIR");
}

static void option_names(FILE *f, const struct option_def *o, const char *sep)
{
	if (o->short_name)
		fprintf(f, "-%c%s", o->short_name, sep);
	fprintf(f, "%s%s", gcc_style(o) ? "-" : "--", o->long_name);
}

static const char *command_words(unsigned bit, struct buf *tmp);

static void completion_bash(FILE *f)
{
	fputs("# bash completion for jobc: source <(jobc completion bash)\n"
	      "_jobc() {\n"
	      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	      "    COMPREPLY=($(compgen -W \"",
	      f);
	for (size_t i = 0; i < COUNT(commands); i++)
		fprintf(f, "%s ", commands[i].name);
	fputs("help --help --version\" -- \"$cur\"))\n    return\n  fi\n  case \"$prev\" in\n", f);
	for (size_t i = 0; i < COUNT(options); i++) {
		const struct option_def *o = &options[i];
		char buf[128];
		const char *ch = choices(o, buf, sizeof buf);
		if (!o->metavar || (!ch && !wants_dir(o) && strcmp(o->metavar, "FILE")))
			continue;
		fputs("    ", f);
		option_names(f, o, "|");
		if (ch)
			fprintf(f, ") COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); return ;;\n", ch);
		else
			fprintf(f, ") COMPREPLY=($(compgen %s -- \"$cur\")); return ;;\n",
			        wants_dir(o) ? "-d" : "-f");
	}
	fputs("  esac\n  local opts\n  case \"${COMP_WORDS[1]}\" in\n", f);
	struct buf words = BUF_INIT;
	for (size_t c = 0; c < COUNT(commands); c++) {
		fprintf(f, "    %s) opts=\"", commands[c].name);
		for (size_t i = 0; i < COUNT(options); i++)
			if (options[i].commands & commands[c].bit) {
				option_names(f, &options[i], " ");
				fputc(' ', f);
			}
		fputs("\"", f);
		const char *w = command_words(commands[c].bit, &words);
		if (*w)
			fprintf(f, "\n      [[ $cur == -* ]] || { COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); "
			           "return; }",
			        w);
		fputs(" ;;\n", f);
	}
	buf_free(&words);
	fputs("    help) COMPREPLY=($(compgen -W \"", f);
	for (size_t i = 0; i < COUNT(commands); i++)
		fprintf(f, "%s ", commands[i].name);
	fputs("\" -- \"$cur\")); return ;;\n"
	      "  esac\n"
	      "  if [[ $cur == -* ]]; then\n"
	      "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	      "  elif [ \"${COMP_WORDS[1]}\" = import ]; then\n"
	      "    COMPREPLY=($(compgen -f -X '!*.y*ml' -- \"$cur\") $(compgen -d -- \"$cur\"))\n"
	      "  else\n"
	      "    COMPREPLY=($(compgen -f -X '!*.job' -- \"$cur\") $(compgen -d -- \"$cur\"))\n"
	      "  fi\n"
	      "}\n"
	      "complete -o filenames -F _jobc jobc\n",
	      f);
}

/* The words a command takes as arguments, for completion ("" when it
 * takes files). */
static const char *command_words(unsigned bit, struct buf *tmp)
{
	buf_clear(tmp);
	if (bit == CMD_EXPLAIN)
		explain_words(tmp);
	else if (bit == CMD_DOC)
		buf_puts(tmp, "fields rules");
	else if (bit == CMD_COMPLETION)
		buf_puts(tmp, "bash zsh fish");
	return tmp->data ? tmp->data : "";
}

/* Text for a single-quoted fish word: only \ and ' are special. */
static void fish_quoted(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '\'')
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* Text for a single-quoted shell word. */
static void shell_quoted(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else if (*s == '[' || *s == ']' || *s == ':')
			fprintf(f, "\\%c", *s);
		else
			fputc(*s, f);
	}
}

static void completion_zsh(FILE *f)
{
	fputs("#compdef jobc\n# zsh completion for jobc: jobc completion zsh > \"${fpath[1]}/_jobc\"\n"
	      "_jobc() {\n"
	      "  local -a commands\n"
	      "  commands=(\n",
	      f);
	for (size_t i = 0; i < COUNT(commands); i++) {
		fprintf(f, "    '%s:", commands[i].name);
		shell_quoted(f, commands[i].summary);
		fputs("'\n", f);
	}
	fputs("    'help:show help for a command'\n  )\n"
	      "  if (( CURRENT == 2 )); then\n    _describe command commands\n    return\n  fi\n"
	      "  local -a opts rest\n  rest=('*:file:_files')\n  case $words[2] in\n",
	      f);
	struct buf words = BUF_INIT;
	for (size_t c = 0; c < COUNT(commands); c++) {
		fprintf(f, "    %s) opts=(\n", commands[c].name);
		for (size_t i = 0; i < COUNT(options); i++) {
			const struct option_def *o = &options[i];
			if (!(o->commands & commands[c].bit))
				continue;
			char buf[128];
			const char *ch = choices(o, buf, sizeof buf);
			const char *action = ch ? NULL : wants_dir(o) ? "_files -/" : o->metavar ? "_files" : NULL;
			for (int form = 0; form < (o->short_name ? 2 : 1); form++) {
				fputs("      '", f);
				if (form == 0)
					fprintf(f, "%s%s", gcc_style(o) ? "-" : "--", o->long_name);
				else
					fprintf(f, "-%c", o->short_name);
				fputc('[', f);
				shell_quoted(f, o->help);
				fputc(']', f);
				if (o->metavar) {
					fputs(":", f);
					shell_quoted(f, o->metavar);
					fputs(":", f);
					if (ch)
						fprintf(f, "(%s)", ch);
					else if (action)
						fputs(action, f);
				}
				fputs("'\n", f);
			}
		}
		fputs("    )", f);
		const char *w = command_words(commands[c].bit, &words);
		if (*w)
			fprintf(f, "\n      rest=('1:argument:(%s)')", w);
		fputs(" ;;\n", f);
	}
	buf_free(&words);
	fputs("  esac\n  _arguments -s $opts $rest\n}\n_jobc \"$@\"\n", f);
}

static void completion_fish(FILE *f)
{
	fputs("# fish completion for jobc: jobc completion fish > ~/.config/fish/completions/jobc.fish\n"
	      "complete -c jobc -f\n",
	      f);
	fputs("set -l jobc_commands", f);
	for (size_t i = 0; i < COUNT(commands); i++)
		fprintf(f, " %s", commands[i].name);
	fputs(" help\n", f);
	for (size_t i = 0; i < COUNT(commands); i++) {
		fprintf(f, "complete -c jobc -n \"not __fish_seen_subcommand_from $jobc_commands\" -a %s -d '",
		        commands[i].name);
		fish_quoted(f, commands[i].summary);
		fputs("'\n", f);
	}
	for (size_t c = 0; c < COUNT(commands); c++)
		for (size_t i = 0; i < COUNT(options); i++) {
			const struct option_def *o = &options[i];
			if (!(o->commands & commands[c].bit))
				continue;
			fprintf(f, "complete -c jobc -n \"__fish_seen_subcommand_from %s\"", commands[c].name);
			if (o->short_name)
				fprintf(f, " -s %c", o->short_name);
			fprintf(f, " %s %s", gcc_style(o) ? "-o" : "-l", o->long_name);
			char buf[128];
			const char *ch = choices(o, buf, sizeof buf);
			if (ch)
				fprintf(f, " -x -a '%s'", ch);
			else if (wants_dir(o))
				fputs(" -x -a '(__fish_complete_directories)'", f);
			else if (o->metavar)
				fputs(" -r -F", f);
			fputs(" -d '", f);
			fish_quoted(f, o->help);
			fputs("'\n", f);
		}
	struct buf words = BUF_INIT;
	for (size_t c = 0; c < COUNT(commands); c++) {
		const char *w = command_words(commands[c].bit, &words);
		if (*w)
			fprintf(f, "complete -c jobc -n \"__fish_seen_subcommand_from %s\" -x -a '%s'\n",
			        commands[c].name, w);
	}
	fprintf(f, "complete -c jobc -n \"__fish_seen_subcommand_from help\" -x -a '");
	for (size_t i = 0; i < COUNT(commands); i++)
		fprintf(f, "%s%s", i ? " " : "", commands[i].name);
	fputs("'\n", f);
	buf_free(&words);
	fputs("complete -c jobc -n \"__fish_seen_subcommand_from build check fmt ast\" -a '(__fish_complete_suffix .job)'\n"
	      "complete -c jobc -n \"__fish_seen_subcommand_from import\" -a '(__fish_complete_suffix .yaml)'\n",
	      f);
}

/* roff text: backslashes and leading dots made harmless */
static void roff(FILE *f, const char *s)
{
	bool line_start = true;
	for (; *s; s++) {
		if (line_start && (*s == '.' || *s == '\''))
			fputs("\\&", f);
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
		line_start = *s == '\n';
	}
}

static void man_page(FILE *f)
{
	fprintf(f, ".TH JOBC 1 \"\" \"jobc %s\" \"User Commands\"\n", JOBC_VERSION);
	fputs(".SH NAME\njobc \\- compile .job files into Kubernetes Job and CronJob manifests\n"
	      ".SH SYNOPSIS\n",
	      f);
	for (size_t i = 0; i < COUNT(commands); i++) {
		fprintf(f, ".B jobc %s\n", commands[i].name);
		if (*commands[i].args) {
			roff(f, commands[i].args);
			fputc('\n', f);
		}
		fputs(".br\n", f);
	}
	fputs(".SH DESCRIPTION\n"
	      "jobc turns short .job files into batch/v1 Job and CronJob manifests (YAML or\n"
	      "JSON) and Project Planton KubernetesJob manifests.  Every mistake the\n"
	      "Kubernetes API server would reject is reported at compile time, at the line\n"
	      "that caused it, with the rule's ID;\n.B jobc explain ID\nsays what it means.\n"
	      ".SH COMMANDS\n",
	      f);
	for (size_t i = 0; i < COUNT(commands); i++) {
		fprintf(f, ".TP\n.B %s\n", commands[i].name);
		roff(f, commands[i].detail);
		fputc('\n', f);
	}
	fputs(".SH OPTIONS\n", f);
	for (size_t i = 0; i < COUNT(options); i++) {
		const struct option_def *o = &options[i];
		fputs(".TP\n.B ", f);
		if (o->short_name)
			fprintf(f, "\\-%c, ", o->short_name);
		fputs(gcc_style(o) ? "\\-" : "\\-\\-", f);
		roff(f, o->long_name);
		if (o->metavar) {
			fputs(" \" ", f);
			roff(f, o->metavar);
			fputs("\"", f);
		}
		fputc('\n', f);
		roff(f, o->help);
		fputs(" (", f);
		bool first = true;
		for (size_t c = 0; c < COUNT(commands); c++)
			if (o->commands & commands[c].bit) {
				fprintf(f, "%s%s", first ? "" : ", ", commands[c].name);
				first = false;
			}
		fputs(")\n", f);
	}
	fputs(".SH EXIT STATUS\n0 success; 1 errors in the input (or, for fmt \\-\\-check, a file not in\n"
	      "canonical form); 2 a usage error; 3 out of memory.\n"
	      ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nwhen set and not empty, no colour in diagnostics, unless \\-\\-color always.\n"
	      ".SH EXAMPLES\n.nf\njobc build jobs/*.job\njobc build \\-o out \\-MD jobs/*.job\n"
	      "jobc build \\-\\-emit planton \\-o out jobs/*.job\njobc fmt \\-w jobs/*.job\n"
	      "jobc import job.yaml > job.job\njobc explain JOB101\n.fi\n"
	      ".SH SEE ALSO\nThe language, field and rule references: docs/language.md, docs/fields.md,\n"
	      "docs/rules.md, docs/planton.md, docs/stdlib.md in jobc's sources.\n",
	      f);
}

static void usage(FILE *f)
{
	fprintf(f, "jobc %s - compile .job files into Kubernetes Job and CronJob manifests\n\n",
	        JOBC_VERSION);
	fputs("Usage:\n", f);
	char head[64];
	for (size_t i = 0; i < COUNT(commands); i++) {
		snprintf(head, sizeof head, "%-7s %s", commands[i].name, commands[i].args);
		fprintf(f, "  jobc %-33s %s\n", head, commands[i].summary);
	}
	fprintf(f, "  jobc %-7s %-25s %s\n", "help", "[COMMAND]", "show help for a command");
	fprintf(f, "  jobc %-33s %s\n\n", "--version", "print the version");
	fputs("Examples:\n", f);
	fputs("  jobc build jobs/*.job                  YAML stream on stdout\n", f);
	fputs("  jobc build -o out jobs/*.job           out/<job-name>.yaml per job\n", f);
	fputs("  jobc check -D tag=v1.4.2 jobs/etl.job\n", f);
	fputs("  jobc explain JOB101                    what a rule means\n\n", f);
	fputs("Exit status: 0 success, 1 errors in the input, 2 usage error.\n", f);
	fputs("Run 'jobc help build' for the options of a command.\n", f);
}

static void command_help(FILE *f, const struct command *c)
{
	fprintf(f, "Usage: jobc %s %s\n\n%s\n\nOptions:\n", c->name, c->args, c->detail);
	print_options(f, c->bit);
}

static int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool has_dash(char **files, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(files[i], "-"))
			return true;
	return false;
}

static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("jobc: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "Try 'jobc help %s'.\n", cmd);
	else
		fputs("Try 'jobc --help'.\n", stderr);
	return 2;
}

struct parsed {
	struct options opt;
	char **files;
	int nfiles;
	bool json;
	bool help;
	bool fmt_write, fmt_check;
	int color;           /* -1 auto, 0 never, 1 always */
};

/* Parses argv[first..] for command c.  Returns 0, or the exit status of a
 * usage error (already printed). */
static int parse_args(const struct command *c, int argc, char **argv, int first, struct parsed *p)
{
	p->files = xcalloc((size_t)argc, sizeof *p->files);
	p->opt.defines = xcalloc((size_t)argc, sizeof *p->opt.defines);
	p->opt.include_dirs = xcalloc((size_t)argc, sizeof *p->opt.include_dirs);
	p->opt.dep_targets = xcalloc((size_t)argc, sizeof *p->opt.dep_targets);
	bool only_files = false;
	for (int i = first; i < argc; i++) {
		char *a = argv[i];
		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			p->files[p->nfiles++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_files = true;
			continue;
		}
		/* Find the option: --long, --long=value, -MD, -x, -xvalue. */
		const struct option_def *o = NULL;
		char *value = NULL;
		for (size_t k = 0; k < COUNT(options) && !o; k++)
			if (gcc_style(&options[k]) && !strcmp(a + 1, options[k].long_name))
				o = &options[k];
		if (o) {
			/* found: -MD, -MF FILE */
		} else if (a[1] == '-') {
			char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			for (size_t k = 0; k < COUNT(options); k++)
				if (!gcc_style(&options[k]) && strlen(options[k].long_name) == len &&
				    strncmp(options[k].long_name, a + 2, len) == 0)
					o = &options[k];
			if (o && eq)
				value = eq + 1;
		} else {
			/* a letter may mean one thing to one command, another to
			 * another (-w: no warnings for build, write for fmt) */
			for (size_t k = 0; k < COUNT(options); k++)
				if (options[k].short_name == a[1] && (!o || (options[k].commands & c->bit)))
					o = &options[k];
			if (o && a[2]) {
				if (!o->metavar)
					return usage_error(c->name, "option '-%c' takes no value", a[1]);
				value = a + 2;
			}
		}
		if (!o || !(o->commands & c->bit)) {
			char what[300];
			snprintf(what, sizeof what, "'%s' is not an option of jobc %s", a, c->name);
			return usage_error(c->name, "%s", what);
		}
		if (o->metavar && !value) {
			if (i + 1 >= argc)
				return usage_error(c->name, "option '%s' needs a value", a);
			value = argv[++i];
		} else if (!o->metavar && value) {
			return usage_error(c->name, "option '%s' takes no value", a);
		}
		switch (o->id) {
		case OPT_OUTPUT: p->opt.out_dir = value; break;
		case OPT_DEFINE: {
			char *eq = strchr(value, '=');
			if (!eq || eq == value)
				return usage_error(c->name, "-D needs NAME=VALUE, got '%s'", value);
			*eq = '\0';
			struct define *d = &p->opt.defines[p->opt.ndefines++];
			d->name = value;
			d->value = eq + 1;
			break;
		}
		case OPT_INCLUDE: p->opt.include_dirs[p->opt.ninclude_dirs++] = value; break;
		case OPT_STDLIB: p->opt.stdlib_dir = value; break;
		case OPT_KUBE_VERSION: {
			int v = kube_version_parse(value);
			if (!v || v < kube_version_parse(KUBE_VERSION_MIN))
				return usage_error(c->name,
				                   "--kube-version needs a version such as 1.29 (jobc knows "
				                   "%s and newer), got '%s'",
				                   KUBE_VERSION_MIN, value);
			p->opt.kube_version = v;
			break;
		}
		case OPT_EMIT:
			p->opt.backend = backend_find(value);
			if (!p->opt.backend)
				return usage_error(c->name, "--emit is %s, got '%s'", backend_names(), value);
			break;
		case OPT_LAYOUT:
			if (strcmp(value, "flat") && strcmp(value, "namespace"))
				return usage_error(c->name, "--layout is flat or namespace, got '%s'", value);
			p->opt.layout_namespace = value[0] == 'n';
			break;
		case OPT_PRUNE: p->opt.prune = true; break;
		case OPT_MD: p->opt.depfiles = true; break;
		case OPT_MF: p->opt.depfile = value; break;
		case OPT_MT: p->opt.dep_targets[p->opt.ndep_targets++] = value; break;
		case OPT_MP: p->opt.dep_phony = true; break;
		case OPT_JOBS: {
			char *end;
			errno = 0;
			long n = strtol(value, &end, 10);
			if (*end || end == value || n < 1 || n > 256 || errno)
				return usage_error(c->name, "-j needs a number of threads, 1 to 256, got '%s'",
				                   value);
			p->opt.jobs = (unsigned)n;
			break;
		}
		case OPT_WATCH: p->opt.watch = true; break;
		case OPT_WRITE: p->fmt_write = true; break;
		case OPT_CHECK: p->fmt_check = true; break;
		case OPT_DIAGNOSTICS:
			if (strcmp(value, "text") && strcmp(value, "json"))
				return usage_error(c->name, "--diagnostics is text or json, got '%s'", value);
			p->opt.diag_json = value[0] == 'j';
			break;
		case OPT_COLOR:
			if (!strcmp(value, "always"))
				p->color = 1;
			else if (!strcmp(value, "never"))
				p->color = 0;
			else if (!strcmp(value, "auto"))
				p->color = -1;
			else
				return usage_error(c->name, "--color is auto, always or never, got '%s'", value);
			break;
		case OPT_DEFAULTS:
			if (strcmp(value, "minimal") && strcmp(value, "explicit"))
				return usage_error(c->name, "--defaults is minimal or explicit, got '%s'", value);
			p->opt.explicit_defaults = value[0] == 'e';
			break;
		case OPT_WARN: {
			const char *why;
			if (!rule_config_apply(&p->opt.rules, value, &why))
				return usage_error(c->name, "-W%s: %s", value, why);
			break;
		}
		case OPT_NO_WARN: p->opt.rules.none = true; break;
		case OPT_MAX_ERRORS: {
			char *end;
			errno = 0;
			long n = strtol(value, &end, 10);
			if (*end || end == value || n < 0 || errno)
				return usage_error(c->name, "--max-errors needs a number, got '%s'", value);
			p->opt.max_errors = (unsigned)n;
			break;
		}
		case OPT_MAX_INPUT:
		case OPT_MAX_ITERATIONS:
		case OPT_MAX_JOBS: {
			char *end;
			errno = 0;
			unsigned long long n = strtoull(value, &end, 10);
			unsigned long long scale = 1;
			if (o->id == OPT_MAX_INPUT && *end) {
				scale = !strcmp(end, "Ki") ? 1ull << 10 : !strcmp(end, "Mi") ? 1ull << 20
				        : !strcmp(end, "Gi")                                  ? 1ull << 30
				                                                              : 0;
				end += scale ? 2 : 0;
			}
			if (*end || end == value || value[0] == '-' || errno || !scale || n == 0 ||
			    n > (o->id == OPT_MAX_INPUT ? (1ull << 32) / scale : 1ull << 40))
				return usage_error(c->name, "--%s needs a positive number%s, got '%s'", o->long_name,
				                   o->id == OPT_MAX_INPUT ? " of bytes (with Ki, Mi or Gi), at most 4Gi"
				                                          : "",
				                   value);
			if (o->id == OPT_MAX_INPUT)
				p->opt.max_input = (size_t)(n * scale);
			else if (o->id == OPT_MAX_ITERATIONS)
				p->opt.max_iterations = n;
			else
				p->opt.max_jobs = n;
			break;
		}
		case OPT_JSON: p->json = true; break;
		case OPT_RESOLVED: p->opt.resolved = true; break;
		case OPT_HELP: p->help = true; break;
		}
	}
	return 0;
}

static int run_completion(struct parsed *p)
{
	const char *sh = p->nfiles == 1 ? p->files[0] : "";
	if (!strcmp(sh, "bash"))
		completion_bash(stdout);
	else if (!strcmp(sh, "zsh"))
		completion_zsh(stdout);
	else if (!strcmp(sh, "fish"))
		completion_fish(stdout);
	else
		return usage_error("completion", "%s", "jobc completion needs bash, zsh or fish");
	return fflush(stdout) == 0 ? 0 : 1;
}

/* Options that only make sense together. */
static int check_build_options(const struct command *c, struct parsed *p)
{
	const struct options *o = &p->opt;
	if ((o->depfiles || o->prune || o->layout_namespace) && !o->out_dir)
		return usage_error(c->name, "%s needs -o DIR",
		                   o->depfiles ? "-MD" : o->prune ? "--prune" : "--layout");
	if ((o->depfile || o->ndep_targets || o->dep_phony) && !o->depfiles)
		return usage_error(c->name, "%s goes with -MD",
		                   o->depfile ? "-MF" : o->ndep_targets ? "-MT" : "-MP");
	if (o->depfile && p->nfiles != 1)
		return usage_error(c->name, "-MF names the depfile of one input; with %d inputs, "
		                            "leave it out (DIR/.deps/<input>.d)",
		                   p->nfiles);
	if (o->watch) {
		for (int i = 0; i < p->nfiles; i++)
			if (!strcmp(p->files[i], "-"))
				return usage_error(c->name, "--watch cannot watch standard input");
	}
	return 0;
}

static int run_ast(struct parsed *p)
{
	if (p->nfiles != 1)
		return usage_error("ast", "%s", "jobc ast needs exactly one FILE");
	if (!p->json)
		return usage_error("ast", "%s", "jobc ast needs --json (the only output format)");
	struct session S;
	if (p->opt.resolved) {
		session_init(&S, &p->opt);
		int status = driver_build(&S, p->files, 1);
		session_destroy(&S);
		return status;
	}
	session_init(&S, &p->opt);
	struct unit *u = session_parse(&S, p->files[0]);
	int status = 1;
	if (u && S.diag.errors == 0) {
		cJSON *j = ast_to_json(u->ast, u->src);
		struct buf out = BUF_INIT;
		json_write(&out, j);
		cJSON_Delete(j);
		fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
		status = fflush(stdout) == 0 ? 0 : 1;
	}
	diag_flush(&S.diag);
	session_destroy(&S);
	return status;
}

static int run_explain(struct parsed *p)
{
	struct buf out = BUF_INIT;
	const char *what = p->nfiles == 1 ? p->files[0] : NULL;
	const struct rule *r;
	const struct field *f;
	const struct schema *in;
	if (p->nfiles > 1)
		return usage_error("explain", "%s", "jobc explain takes one ID or field name");
	if (!what)
		explain_list(&out, 0);
	else if (!strcmp(what, "rules"))
		explain_list(&out, 1);
	else if (!strcmp(what, "warnings") || !strcmp(what, "lints"))
		explain_list(&out, 2);
	else if (!strcmp(what, "fields"))
		explain_list(&out, 3);
	else if (!strcmp(what, "std") || !strcmp(what, "std/"))
		explain_std_list(&out);
	else if (!strncmp(what, "std/", 4)) {
		if (!explain_std(&out, what + 4)) {
			buf_free(&out);
			return usage_error("explain", "the standard library has no template '%s' ('jobc "
			                              "explain std' lists them)",
			                   what + 4);
		}
	}
	else if ((r = rule_find(what)))
		explain_rule(&out, r);
	else if ((f = field_lookup(what, &in)))
		explain_field(&out, f, in);
	else {
		buf_free(&out);
		return usage_error("explain",
		                   "no rule or field is called '%s' ('jobc explain' lists them)", what);
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int run_doc(struct parsed *p)
{
	struct buf out = BUF_INIT;
	if (p->nfiles == 1 && strcmp(p->files[0], "fields") == 0)
		doc_fields(&out);
	else if (p->nfiles == 1 && strcmp(p->files[0], "rules") == 0)
		doc_rules(&out);
	else
		return usage_error("doc", "%s", "jobc doc needs 'fields' or 'rules'");
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	json_init();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("jobc %s\n", JOBC_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "help")) {
		if (argc < 3) {
			usage(stdout);
			return 0;
		}
		const struct command *c = find_command(argv[2]);
		if (!c)
			return usage_error(NULL, "no command '%s'", argv[2]);
		command_help(stdout, c);
		return 0;
	}
	const struct command *c = find_command(cmd);
	if (!c)
	{
		if (cmd[0] == '-')
			return usage_error(NULL, "unknown option '%s' (options go after the command: "
			                         "jobc build [options] FILE...)",
			                   cmd);
		return usage_error(NULL, "unknown command '%s'", cmd);
	}
	struct parsed p;
	memset(&p, 0, sizeof p);
	p.opt.max_errors = 50;
	p.opt.max_input = JOBC_MAX_INPUT_DEFAULT;
	p.opt.max_iterations = JOBC_MAX_ITERATIONS_DEFAULT;
	p.opt.max_jobs = JOBC_MAX_JOBS_DEFAULT;
	p.opt.check_only = c->bit == CMD_CHECK;
	p.color = -1;
	p.opt.kube_version = kube_version_parse(KUBE_VERSION_DEFAULT);
	rule_config_default(&p.opt.rules);
	p.opt.backend = backend_find("yaml");
	int status = parse_args(c, argc, argv, 2, &p);
	/* colour: asked for, or on a terminal that wants it */
	/* NO_COLOR counts when set and not empty (no-color.org) */
	const char *term = getenv("TERM"), *no_color = getenv("NO_COLOR");
	p.opt.color = p.color == 1 || (p.color == -1 && isatty(2) && !(no_color && *no_color) &&
	                               !(term && !strcmp(term, "dumb")));
	if (status == 0 && p.help) {
		command_help(stdout, c);
	} else if (status == 0 && c->bit == CMD_AST) {
		status = run_ast(&p);
	} else if (status == 0 && c->bit == CMD_DOC) {
		status = run_doc(&p);
	} else if (status == 0 && c->bit == CMD_EXPLAIN) {
		status = run_explain(&p);
	} else if (status == 0 && c->bit == CMD_FMT) {
		if (p.fmt_write && p.fmt_check)
			status = usage_error(c->name, "%s", "-w and --check do not go together");
		else if (p.fmt_write && (p.nfiles == 0 || has_dash(p.files, p.nfiles)))
			status = usage_error(c->name, "%s", "-w cannot rewrite standard input; name the files");
		else
			status = fmt_files(&p.opt, p.files, p.nfiles, p.fmt_write, p.fmt_check);
	} else if (status == 0 && c->bit == CMD_IMPORT) {
		status = p.nfiles ? import_files(&p.opt, p.files, p.nfiles)
		                  : usage_error(c->name, "%s", "jobc import needs a YAML file (or -)");
	} else if (status == 0 && c->bit == CMD_COMPLETION) {
		status = run_completion(&p);
	} else if (status == 0 && c->bit == CMD_MAN) {
		man_page(stdout);
		status = fflush(stdout) == 0 ? 0 : 1;
	} else if (status == 0) {
		if (p.nfiles == 0) {
			status = usage_error(c->name, "%s", "no input files");
		} else if ((status = check_build_options(c, &p)) != 0) {
			/* reported */
		} else if (p.opt.watch) {
			status = driver_watch(&p.opt, p.files, p.nfiles);
		} else {
			struct session S;
			session_init(&S, &p.opt);
			status = driver_build(&S, p.files, p.nfiles);
			session_destroy(&S);
		}
	}
	xfree(p.files);
	xfree(p.opt.defines);
	xfree(p.opt.include_dirs);
	xfree(p.opt.dep_targets);
	return status;
}
