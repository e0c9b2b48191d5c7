/* cli_doc.c - the command line as text for people and shells: --help,
 * `jobc help COMMAND`, the man page and the bash, zsh and fish completion
 * scripts, all printed from cli.c's tables, so that a new option appears
 * in each of them without being written again.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "doc.h"

static void print_options(FILE *f, unsigned cmd)
{
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct option_def *o = &cli_options[i];
		if (!(o->commands & cmd))
			continue;
		char left[64];
		int n = 0;
		if (o->short_name)
			n = snprintf(left, sizeof left, "-%c, ", o->short_name);
		snprintf(left + n, sizeof left - (size_t)n, "%s%s%s%s", cli_gcc_style(o) ? "-" : "--",
		         o->long_name, o->metavar ? " " : "", o->metavar ? o->metavar : "");
		bool flush = o->short_name || cli_gcc_style(o);
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
	fprintf(f, "%s%s", cli_gcc_style(o) ? "-" : "--", o->long_name);
}

static const char *command_words(unsigned bit, struct buf *tmp);

void cli_completion_bash(FILE *f)
{
	fputs("# bash completion for jobc: source <(jobc completion bash)\n"
	      "_jobc() {\n"
	      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	      "    COMPREPLY=($(compgen -W \"",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, "%s ", cli_commands[i].name);
	fputs("help --help --version\" -- \"$cur\"))\n    return\n  fi\n  case \"$prev\" in\n", f);
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct option_def *o = &cli_options[i];
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
	for (size_t c = 0; c < cli_ncommands; c++) {
		fprintf(f, "    %s) opts=\"", cli_commands[c].name);
		for (size_t i = 0; i < cli_noptions; i++)
			if (cli_options[i].commands & cli_commands[c].bit) {
				option_names(f, &cli_options[i], " ");
				fputc(' ', f);
			}
		fputs("\"", f);
		const char *w = command_words(cli_commands[c].bit, &words);
		if (*w)
			fprintf(f, "\n      [[ $cur == -* ]] || { COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); "
			           "return; }",
			        w);
		fputs(" ;;\n", f);
	}
	buf_free(&words);
	fputs("    help) COMPREPLY=($(compgen -W \"", f);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, "%s ", cli_commands[i].name);
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

void cli_completion_zsh(FILE *f)
{
	fputs("#compdef jobc\n# zsh completion for jobc: jobc completion zsh > \"${fpath[1]}/_jobc\"\n"
	      "_jobc() {\n"
	      "  local -a commands\n"
	      "  commands=(\n",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		fprintf(f, "    '%s:", cli_commands[i].name);
		shell_quoted(f, cli_commands[i].summary);
		fputs("'\n", f);
	}
	fputs("    'help:show help for a command'\n  )\n"
	      "  if (( CURRENT == 2 )); then\n    _describe command commands\n    return\n  fi\n"
	      "  local -a opts rest\n  rest=('*:file:_files')\n  case $words[2] in\n",
	      f);
	struct buf words = BUF_INIT;
	for (size_t c = 0; c < cli_ncommands; c++) {
		fprintf(f, "    %s) opts=(\n", cli_commands[c].name);
		for (size_t i = 0; i < cli_noptions; i++) {
			const struct option_def *o = &cli_options[i];
			if (!(o->commands & cli_commands[c].bit))
				continue;
			char buf[128];
			const char *ch = choices(o, buf, sizeof buf);
			const char *action = ch ? NULL : wants_dir(o) ? "_files -/" : o->metavar ? "_files" : NULL;
			for (int form = 0; form < (o->short_name ? 2 : 1); form++) {
				fputs("      '", f);
				if (form == 0)
					fprintf(f, "%s%s", cli_gcc_style(o) ? "-" : "--", o->long_name);
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
		const char *w = command_words(cli_commands[c].bit, &words);
		if (*w)
			fprintf(f, "\n      rest=('1:argument:(%s)')", w);
		fputs(" ;;\n", f);
	}
	buf_free(&words);
	fputs("  esac\n  _arguments -s $opts $rest\n}\n_jobc \"$@\"\n", f);
}

void cli_completion_fish(FILE *f)
{
	fputs("# fish completion for jobc: jobc completion fish > ~/.config/fish/completions/jobc.fish\n"
	      "complete -c jobc -f\n",
	      f);
	fputs("set -l jobc_commands", f);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, " %s", cli_commands[i].name);
	fputs(" help\n", f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		fprintf(f, "complete -c jobc -n \"not __fish_seen_subcommand_from $jobc_commands\" -a %s -d '",
		        cli_commands[i].name);
		fish_quoted(f, cli_commands[i].summary);
		fputs("'\n", f);
	}
	for (size_t c = 0; c < cli_ncommands; c++)
		for (size_t i = 0; i < cli_noptions; i++) {
			const struct option_def *o = &cli_options[i];
			if (!(o->commands & cli_commands[c].bit))
				continue;
			fprintf(f, "complete -c jobc -n \"__fish_seen_subcommand_from %s\"",
			        cli_commands[c].name);
			if (o->short_name)
				fprintf(f, " -s %c", o->short_name);
			fprintf(f, " %s %s", cli_gcc_style(o) ? "-o" : "-l", o->long_name);
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
	for (size_t c = 0; c < cli_ncommands; c++) {
		const char *w = command_words(cli_commands[c].bit, &words);
		if (*w)
			fprintf(f, "complete -c jobc -n \"__fish_seen_subcommand_from %s\" -x -a '%s'\n",
			        cli_commands[c].name, w);
	}
	fprintf(f, "complete -c jobc -n \"__fish_seen_subcommand_from help\" -x -a '");
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, "%s%s", i ? " " : "", cli_commands[i].name);
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

void cli_man_page(FILE *f)
{
	fprintf(f, ".TH JOBC 1 \"\" \"jobc %s\" \"User Commands\"\n", JOBC_VERSION);
	fputs(".SH NAME\njobc \\- compile .job files into Kubernetes Job and CronJob manifests\n"
	      ".SH SYNOPSIS\n",
	      f);
	for (size_t i = 0; i < cli_ncommands; i++) {
		fprintf(f, ".B jobc %s\n", cli_commands[i].name);
		if (*cli_commands[i].args) {
			roff(f, cli_commands[i].args);
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
	for (size_t i = 0; i < cli_ncommands; i++) {
		fprintf(f, ".TP\n.B %s\n", cli_commands[i].name);
		roff(f, cli_commands[i].detail);
		fputc('\n', f);
	}
	fputs(".SH OPTIONS\n", f);
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct option_def *o = &cli_options[i];
		fputs(".TP\n.B ", f);
		if (o->short_name)
			fprintf(f, "\\-%c, ", o->short_name);
		fputs(cli_gcc_style(o) ? "\\-" : "\\-\\-", f);
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
		for (size_t c = 0; c < cli_ncommands; c++)
			if (o->commands & cli_commands[c].bit) {
				fprintf(f, "%s%s", first ? "" : ", ", cli_commands[c].name);
				first = false;
			}
		fputs(")\n", f);
	}
	fputs(".SH EXIT STATUS\n0 success; 1 errors in the input (or, for fmt \\-\\-check, a file not in\n"
	      "canonical form); 2 a usage error; 3 out of memory, or, for simulate, the\n"
	      "simulated Job fails.\n"
	      ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nwhen set and not empty, no colour in diagnostics, unless \\-\\-color always.\n"
	      ".SH EXAMPLES\n.nf\njobc build jobs/*.job\njobc build \\-o out \\-MD jobs/*.job\n"
	      "jobc build \\-\\-emit planton \\-o out jobs/*.job\njobc fmt \\-w jobs/*.job\n"
	      "jobc import job.yaml > job.job\njobc explain JOB101\n"
	      "jobc simulate job.job \\-\\-pod 'index=2: exit=42'\n.fi\n"
	      ".SH SEE ALSO\nThe language, field and rule references: docs/language.md, docs/fields.md,\n"
	      "docs/rules.md, docs/planton.md, docs/stdlib.md, docs/simulate.md in jobc's\n"
	      "sources.\n",
	      f);
}

void cli_usage(FILE *f)
{
	fprintf(f, "jobc %s - compile .job files into Kubernetes Job and CronJob manifests\n\n",
	        JOBC_VERSION);
	fputs("Usage:\n", f);
	char head[64];
	for (size_t i = 0; i < cli_ncommands; i++) {
		snprintf(head, sizeof head, "%-7s %s", cli_commands[i].name, cli_commands[i].args);
		fprintf(f, "  jobc %-33s %s\n", head, cli_commands[i].summary);
	}
	fprintf(f, "  jobc %-7s %-25s %s\n", "help", "[COMMAND]", "show help for a command");
	fprintf(f, "  jobc %-33s %s\n\n", "--version", "print the version");
	fputs("Examples:\n", f);
	fputs("  jobc build jobs/*.job                  YAML stream on stdout\n", f);
	fputs("  jobc build -o out jobs/*.job           out/<job-name>.yaml per job\n", f);
	fputs("  jobc check -D tag=v1.4.2 jobs/etl.job\n", f);
	fputs("  jobc explain JOB101                    what a rule means\n", f);
	fputs("  jobc simulate job.job --pod exit=1     what the Job controller will do\n\n", f);
	fputs("Exit status: 0 success, 1 errors in the input, 2 usage error; jobc simulate:\n"
	      "3 the simulated Job fails.\n", f);
	fputs("Run 'jobc help build' for the options of a command.\n", f);
}

void cli_command_help(FILE *f, const struct command *c)
{
	fprintf(f, "Usage: jobc %s %s\n\n%s\n\nOptions:\n", c->name, c->args, c->detail);
	print_options(f, c->bit);
}
