/* cli.c - the command line: the tables of commands and options, and
 * argv read against them.
 *
 * Commands and options are data: --help, `jobc help COMMAND`, the man page
 * and the shell completions are all printed from these tables
 * (cli_doc.c), and cli_parse_args reads argv with them, so an option is
 * written once.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "emit.h"
#include "names.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

const struct command cli_commands[] = {
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
	 "DIR/<job-name>.job for each.  What the API server fills in (status, uid,\n"
	 "resourceVersion, the generated selector and labels when they carry its own\n"
	 "values) is dropped with a note; what the manifest says is kept, defaults\n"
	 "too.  A manifest the API server would refuse is reported with the rule\n"
	 "jobc check gives, at its line and column; a document of another kind beside\n"
	 "a Job is left out with a warning."},
	{"explain", CMD_EXPLAIN, "[ID|FIELD|std/NAME]", "explain a rule, a field or a stdlib template",
	 "Prints what a rule or warning (by ID, JOB101, or slug, restart-policy)\n"
	 "means, why Kubernetes has it, and a failing and a fixed example; or a\n"
	 "field's type, default and Kubernetes path, found by its jobc name, its\n"
	 "Kubernetes name or path (backoffLimit, spec.template.spec.restartPolicy,\n"
	 "containers.image), the job's own field first; or, with std/NAME, a template\n"
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
	{"lsp", CMD_LSP, "[options]", "serve editors: a Language Server Protocol server on stdio",
	 "Speaks the Language Server Protocol on standard input and output, for an\n"
	 "editor: the diagnostics jobc check gives, as you type (an error in an included\n"
	 "file is shown in that file and at its include), fixes as code actions, hover\n"
	 "(a field's type, default, Kubernetes path and doc; a job's resolved fields; a\n"
	 "template's, let's or param's definition), completion (fields of the block,\n"
	 "enum words, templates after ':', lets and params, include paths), go to\n"
	 "definition (into the standard library too), document symbols and formatting.\n"
	 "The options apply to every check.  editors/README.md says how to set up an\n"
	 "editor."},
	{"man", CMD_MAN, "", "print the manual page (roff)",
	 "Prints jobc(1), generated from the same tables as --help:\n"
	 "  jobc man > jobc.1 && man -l jobc.1"},
	{"ast", CMD_AST, "--json [--resolved] FILE", "print the syntax tree, or the resolved jobs",
	 "Prints the syntax tree of FILE as JSON: every node with its kind, its span\n"
	 "(line:column-line:column, end exclusive) and its members.  With --resolved,\n"
	 "prints instead each job of FILE after its templates, loops and expressions\n"
	 "are evaluated: every field with its typed value (as the backends see it),\n"
	 "its Kubernetes path, where it was set and through which templates."},
	{"simulate", CMD_SIMULATE, "[options] FILE [JOB]", "show what the Job controller will do with a job",
	 "Compiles FILE as build does and runs the Kubernetes Job controller's logic\n"
	 "(of --kube-version) over job JOB (the only job of FILE when left out) on a\n"
	 "simulated clock: which pods are created when, how each failure is judged\n"
	 "(failure rules, retries, retries-per-index, max-failed-indexes, success\n"
	 "rules, deadline, backoff) and how the Job ends, with its final status.  A\n"
	 "scenario says how the pods end: --pod SPEC once a pod, such as\n"
	 "--pod 'index=2: exit=42' or --pod 'evicted, after=30s'; pods no SPEC\n"
	 "describes succeed after --run-time.  For a scheduled job, the CronJob's next\n"
	 "runs.  docs/simulate.md has the grammar and what is modelled.  Exit status:\n"
	 "0 the Job completes, 3 it fails (or never finishes), 1 errors in FILE or\n"
	 "in a scenario file, 2 a usage error (a bad --pod SPEC too)."},
};

const size_t cli_ncommands = COUNT(cli_commands);

/* The kinds of number an option takes (the table's number column). */
static const struct option_number num_threads = {"a number of threads, 1 to 256", 1, 256, false};
static const struct option_number num_count = {"a number", 0, LLONG_MAX, false};
static const struct option_number num_positive = {"a positive number", 1, 1ll << 40, false};
static const struct option_number num_runs = {"a number of runs, 1 to 10000", 1, 10000, false};
static const struct option_number num_bytes = {
	"a positive number of bytes (with Ki, Mi or Gi), at most 4Gi", 1, 1ll << 32, true};

const struct option_def cli_options[] = {
	{OPT_OUTPUT, 'o', "output", "DIR", NULL, CMD_IMPORT,
	 "write DIR/<job-name>.job for each job instead of the source on stdout"},
	{OPT_OUTPUT, 'o', "output", "DIR|FILE", NULL, CMD_BUILD,
	 "write DIR/<job-name>.yaml (.json with --emit json) for each job instead of a stream on "
	 "stdout; a FILE ending in .yaml, .yml or .json (not a folder; DIR/ with a slash always "
	 "is one) gets the whole stream, a YAML stream or a JSON List; -o - is stdout"},
	{OPT_DEFINE, 'D', "define", "NAME=VALUE", NULL, CMD_BUILD | CMD_CHECK | CMD_AST | CMD_LSP | CMD_SIMULATE,
	 "set param NAME (typed like its default)"},
	{OPT_INCLUDE, 'I', "include-dir", "DIR", NULL, CMD_BUILD | CMD_CHECK | CMD_AST | CMD_LSP | CMD_SIMULATE,
	 "search DIR for included files, after the including file's folder"},
	{OPT_STDLIB, 0, "stdlib", "DIR", NULL, CMD_BUILD | CMD_CHECK | CMD_AST | CMD_LSP | CMD_SIMULATE,
	 "find include \"std/...\" in DIR/std instead of the built-in standard library"},
	{OPT_KUBE_VERSION, 0, "kube-version", "VERSION", NULL, CMD_BUILD | CMD_CHECK | CMD_AST | CMD_LSP | CMD_SIMULATE,
	 "the Kubernetes version to target, such as 1.29 (default " KUBE_VERSION_DEFAULT
	 "): fields it does not have on by default are errors"},
	{OPT_EMIT, 0, "emit", "yaml|json|planton", NULL, CMD_BUILD | CMD_CHECK | CMD_LSP,
	 "what to write: yaml (default), json (batch/v1 Job or CronJob), or planton (Project "
	 "Planton KubernetesJob or KubernetesCronJob; also checks what Planton can express)"},
	{OPT_NAMESPACE, 0, "namespace", "NS", NULL, CMD_BUILD | CMD_CHECK | CMD_LSP,
	 "the namespace of every job that sets none (every --emit; Planton requires one)"},
	{OPT_LAYOUT, 0, "layout", "flat|namespace", NULL, CMD_BUILD,
	 "with -o: DIR/<name>.yaml (flat, the default) or DIR/<namespace>/<name>.yaml"},
	{OPT_PRUNE, 0, "prune", NULL, NULL, CMD_BUILD,
	 "with -o DIR: remove the files jobc wrote in DIR before from one of these inputs (or from "
	 "an input now gone) that no job makes any more, with their depfiles; each removal is "
	 "printed; never a file jobc did not write, never another input's"},
	{OPT_AGAINST, 0, "against", "FILE", NULL, CMD_BUILD | CMD_CHECK,
	 "compare each Job with its copy in FILE (kubectl get job NAME -o yaml, or a List) and "
	 "warn of the changes Kubernetes refuses on update (JOB124, -Wimmutable-change); with "
	 "-o DIR or FILE, the last output is compared without it"},
	{OPT_OPTIONS_ONLY, 0, "options-only", NULL, NULL, CMD_BUILD,
	 "with -o DIR: build nothing, only write DIR/.jobc/options when these options differ "
	 "from the ones it holds (make's rule for the options every depfile names)"},
	{OPT_MD, 0, "MD", NULL, NULL, CMD_BUILD,
	 "write a make depfile for each input: DIR/.deps/<input path>.d (FILE.d with -o FILE), "
	 "its outputs as targets and the input, every file it includes and DIR/.jobc/options as "
	 "prerequisites"},
	{OPT_MF, 0, "MF", "FILE", NULL, CMD_BUILD, "with -MD and one input: the depfile is FILE"},
	{OPT_MT, 0, "MT", "TARGET", NULL, CMD_BUILD,
	 "with -MD: the depfile's target is TARGET instead of the outputs (repeatable)"},
	{OPT_MP, 0, "MP", NULL, NULL, CMD_BUILD,
	 "with -MD: a phony target for each included file, so that deleting one does not break "
	 "make"},
	{OPT_JOBS, 'j', "jobs", "N", &num_threads, CMD_BUILD | CMD_CHECK,
	 "compile with N threads (default: one per core; large builds only); the output is the "
	 "same for every N"},
	{OPT_WATCH, 0, "watch", NULL, NULL, CMD_BUILD | CMD_CHECK,
	 "build, then build again whenever an input or a file it includes changes; one line per "
	 "build"},
	{OPT_WRITE, 'w', "write", NULL, NULL, CMD_FMT,
	 "rewrite the files in canonical form (only those that change)"},
	{OPT_CHECK, 0, "check", NULL, NULL, CMD_FMT,
	 "list the files that are not in canonical form; exit 1 if there is one"},
	{OPT_DIAGNOSTICS, 0, "diagnostics", "text|json", NULL,
	 CMD_BUILD | CMD_CHECK | CMD_FMT | CMD_IMPORT,
	 "text (default) as a compiler prints them, or json: one JSON object a line on stderr "
	 "(severity, code, message, file, line, column, end, notes, fix)"},
	{OPT_COLOR, 0, "color", "auto|always|never", NULL, CMD_BUILD | CMD_CHECK | CMD_FMT | CMD_IMPORT,
	 "colour in text diagnostics: auto (default) on a terminal unless NO_COLOR is set and not empty"},
	{OPT_DEFAULTS, 0, "defaults", "minimal|explicit", NULL, CMD_BUILD,
	 "minimal (default): write what is set and what Kubernetes requires; explicit: also every "
	 "default the API server would fill in"},
	{OPT_WARN, 'W', "warning", "[no-]SLUG|error[=SLUG]", NULL,
	 CMD_BUILD | CMD_CHECK | CMD_LSP | CMD_SIMULATE,
	 "-Wno-SLUG turns a warning off, -Werror=SLUG makes it an error, -Werror makes all "
	 "warnings errors, -Wno-lints keeps only Kubernetes' own warnings ('jobc explain "
	 "warnings' lists them)"},
	{OPT_NO_WARN, 'w', "no-warnings", NULL, NULL, CMD_BUILD | CMD_CHECK | CMD_LSP | CMD_SIMULATE,
	 "print no warnings"},
	{OPT_MAX_ERRORS, 0, "max-errors", "N", &num_count, CMD_BUILD | CMD_CHECK | CMD_LSP,
	 "stop after N errors (default 50; 0: no limit)"},
	{OPT_MAX_INPUT, 0, "max-input-size", "BYTES", &num_bytes,
	 CMD_BUILD | CMD_CHECK | CMD_FMT | CMD_IMPORT | CMD_AST | CMD_LSP,
	 "refuse a file (source, include or YAML) larger than BYTES (default 64Mi; suffixes Ki, Mi, Gi)"},
	{OPT_MAX_ITERATIONS, 0, "max-iterations", "N", &num_positive,
	 CMD_BUILD | CMD_CHECK | CMD_AST | CMD_LSP,
	 "stop a file whose loops run more than N iterations in all (default 1000000)"},
	{OPT_MAX_JOBS, 0, "max-jobs", "N", &num_positive, CMD_BUILD | CMD_CHECK | CMD_LSP,
	 "stop a build that makes more than N jobs (default 1000000)"},
	{OPT_JSON, 0, "json", NULL, NULL, CMD_AST, "print JSON (the only format)"},
	{OPT_POD, 0, "pod", "SPEC", NULL, CMD_SIMULATE,
	 "how the next pod ends (repeatable, in order): [index=N:] items from exit=N, "
	 "exit=CONTAINER=N, after=DURATION, evicted, succeed, fail, condition=TYPE"},
	{OPT_SCENARIO, 0, "scenario", "NAME|FILE", NULL, CMD_SIMULATE,
	 "all-succeed, all-fail, flaky (a seeded mix), evictions, or a file of pod SPECs, one a line"},
	{OPT_SEED, 0, "seed", "N", &num_count, CMD_SIMULATE, "the seed of --scenario flaky (default 1)"},
	{OPT_RUN_TIME, 0, "run-time", "DURATION", NULL, CMD_SIMULATE,
	 "how long a pod (a CronJob: each Job) runs when nothing says (default 1m)"},
	{OPT_SUSPEND_AT, 0, "suspend-at", "DURATION", NULL, CMD_SIMULATE,
	 "suspend the Job this long after its creation"},
	{OPT_RESUME_AT, 0, "resume-at", "DURATION", NULL, CMD_SIMULATE,
	 "resume the (suspended) Job this long after its creation"},
	{OPT_RUNS, 0, "runs", "N", &num_runs, CMD_SIMULATE, "a CronJob: the scheduled runs to follow (default 10)"},
	{OPT_FROM, 0, "from", "TIME", NULL, CMD_SIMULATE,
	 "when the simulation starts: RFC 3339 (2026-03-08T00:00:00Z) or unix seconds (default: now "
	 "for a CronJob, 2026-01-01T00:00:00Z for a Job)"},
	{OPT_JSON, 0, "json", NULL, NULL, CMD_SIMULATE,
	 "print the events and the final status as JSON instead of a table"},
	{OPT_RESOLVED, 0, "resolved", NULL, NULL, CMD_AST,
	 "print each job after templates, loops and evaluation: every field's typed value, "
	 "where it was set and through which templates"},
	{OPT_HELP, 'h', "help", NULL, NULL,
	 CMD_BUILD | CMD_CHECK | CMD_AST | CMD_DOC | CMD_EXPLAIN | CMD_FMT | CMD_IMPORT | CMD_COMPLETION |
	     CMD_MAN | CMD_LSP | CMD_SIMULATE,
	 "show this help"},
};

const size_t cli_noptions = COUNT(cli_options);

const struct command *cli_find_command(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
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

/* Reads value as the number num describes (see struct option_number) into
 * *n.  False when it is not one. */
static bool read_number(const struct option_number *num, const char *value, unsigned long long *n)
{
	char *end;
	errno = 0;
	long long v = strtoll(value, &end, 10);
	long long scale = 1;
	if (num->bytes && *end) {
		scale = !strcmp(end, "Ki") ? 1ll << 10 : !strcmp(end, "Mi") ? 1ll << 20
		        : !strcmp(end, "Gi")                                ? 1ll << 30
		                                                            : 0;
		end += scale ? 2 : 0;
	}
	if (*end || end == value || errno || !scale || v < num->min || v > num->max / scale)
		return false;
	*n = (unsigned long long)(v * scale);
	return true;
}

/* A value that is not the number o takes; the option is named by its
 * letter when it has one ("-j needs a number of threads, 1 to 256, got
 * 'x'", for --jobs x too). */
static int number_error(const struct command *c, const struct option_def *o, const char *value)
{
	if (o->short_name)
		return cli_usage_error(c->name, "-%c needs %s, got '%s'", o->short_name, o->number->what,
		                       value);
	return cli_usage_error(c->name, "%s%s needs %s, got '%s'", cli_gcc_style(o) ? "-" : "--",
	                       o->long_name, o->number->what, value);
}

/* Parses argv[first..] for command c.  Returns 0, or the exit status of a
 * usage error (already printed). */
int cli_parse_args(const struct command *c, int argc, char **argv, int first, struct cli_args *p)
{
	p->files = xcalloc((size_t)argc, sizeof *p->files);
	p->opt.defines = xcalloc((size_t)argc, sizeof *p->opt.defines);
	p->opt.include_dirs = xcalloc((size_t)argc, sizeof *p->opt.include_dirs);
	p->opt.dep_targets = xcalloc((size_t)argc, sizeof *p->opt.dep_targets);
	p->sim.pods = xcalloc((size_t)argc, sizeof *p->sim.pods);
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
		for (size_t k = 0; k < cli_noptions && !o; k++)
			if (cli_gcc_style(&cli_options[k]) && !strcmp(a + 1, cli_options[k].long_name))
				o = &cli_options[k];
		if (o) {
			/* found: -MD, -MF FILE */
		} else if (a[1] == '-') {
			char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			for (size_t k = 0; k < cli_noptions; k++)
				if (!cli_gcc_style(&cli_options[k]) && strlen(cli_options[k].long_name) == len &&
				    strncmp(cli_options[k].long_name, a + 2, len) == 0 &&
				    (!o || (cli_options[k].commands & c->bit)))
					o = &cli_options[k];
			if (o && eq)
				value = eq + 1;
		} else {
			/* a letter may mean one thing to one command, another to
			 * another (-w: no warnings for build, write for fmt) */
			for (size_t k = 0; k < cli_noptions; k++)
				if (cli_options[k].short_name == a[1] && (!o || (cli_options[k].commands & c->bit)))
					o = &cli_options[k];
			if (o && a[2]) {
				if (!o->metavar)
					return cli_usage_error(c->name, "option '-%c' takes no value", a[1]);
				value = a + 2;
			}
		}
		if (!o || !(o->commands & c->bit)) {
			char what[300];
			snprintf(what, sizeof what, "'%s' is not an option of jobc %s", a, c->name);
			return cli_usage_error(c->name, "%s", what);
		}
		if (o->metavar && !value) {
			if (i + 1 >= argc)
				return cli_usage_error(c->name, "option '%s' needs a value", a);
			value = argv[++i];
		} else if (!o->metavar && value) {
			return cli_usage_error(c->name, "option '%s' takes no value", a);
		}
		unsigned long long n = 0;
		if (o->number && !read_number(o->number, value, &n))
			return number_error(c, o, value);
		switch (o->id) {
		case OPT_OUTPUT: p->opt.out_dir = value; break;
		case OPT_DEFINE: {
			char *eq = strchr(value, '=');
			if (!eq || eq == value)
				return cli_usage_error(c->name, "-D needs NAME=VALUE, got '%s'", value);
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
				return cli_usage_error(c->name,
				                       "--kube-version needs a version such as 1.29 (jobc knows "
				                       "%s and newer), got '%s'",
				                       KUBE_VERSION_MIN, value);
			p->opt.kube_version = v;
			break;
		}
		case OPT_EMIT:
			p->opt.backend = backend_find(value);
			p->opt.emit_given = true;
			if (!p->opt.backend)
				return cli_usage_error(c->name, "--emit is %s, got '%s'", backend_names(), value);
			break;
		case OPT_LAYOUT:
			if (strcmp(value, "flat") && strcmp(value, "namespace"))
				return cli_usage_error(c->name, "--layout is flat or namespace, got '%s'", value);
			p->opt.layout_namespace = value[0] == 'n';
			break;
		case OPT_NAMESPACE: {
			const char *why = k8s_dns_label(value, strlen(value));
			if (why)
				return cli_usage_error(c->name, "--namespace '%s' is not a namespace: %s", value,
				                       why);
			p->opt.namespace_default = value;
			break;
		}
		case OPT_PRUNE: p->opt.prune = true; break;
		case OPT_AGAINST: p->opt.against = value; break;
		case OPT_MD: p->opt.depfiles = true; break;
		case OPT_MF: p->opt.depfile = value; break;
		case OPT_MT: p->opt.dep_targets[p->opt.ndep_targets++] = value; break;
		case OPT_MP: p->opt.dep_phony = true; break;
		case OPT_JOBS: p->opt.jobs = (unsigned)n; break;
		case OPT_WATCH: p->opt.watch = true; break;
		case OPT_WRITE: p->fmt_write = true; break;
		case OPT_CHECK: p->fmt_check = true; break;
		case OPT_DIAGNOSTICS:
			if (strcmp(value, "text") && strcmp(value, "json"))
				return cli_usage_error(c->name, "--diagnostics is text or json, got '%s'", value);
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
				return cli_usage_error(c->name, "--color is auto, always or never, got '%s'",
				                       value);
			break;
		case OPT_DEFAULTS:
			if (strcmp(value, "minimal") && strcmp(value, "explicit"))
				return cli_usage_error(c->name, "--defaults is minimal or explicit, got '%s'",
				                       value);
			p->opt.explicit_defaults = value[0] == 'e';
			break;
		case OPT_WARN: {
			const char *why;
			if (!rule_config_apply(&p->opt.rules, value, &why))
				return cli_usage_error(c->name, "-W%s: %s", value, why);
			break;
		}
		case OPT_NO_WARN: p->opt.rules.none = true; break;
		case OPT_MAX_ERRORS: p->opt.max_errors = (unsigned)n; break;
		case OPT_MAX_INPUT: p->opt.max_input = (size_t)n; break;
		case OPT_MAX_ITERATIONS: p->opt.max_iterations = n; break;
		case OPT_MAX_JOBS: p->opt.max_jobs = n; break;
		case OPT_JSON: p->json = true; break;
		case OPT_RESOLVED: p->opt.resolved = true; break;
		case OPT_OPTIONS_ONLY: p->opt.options_only = true; break;
		case OPT_HELP: p->help = true; break;
		case OPT_POD: p->sim.pods[p->sim.npods++] = value; break;
		case OPT_SCENARIO:
			if (p->sim.scenario)
				return cli_usage_error(c->name, "%s", "--scenario is given twice");
			p->sim.scenario = value;
			break;
		case OPT_SEED: p->sim.seed = n, p->sim.seed_given = true; break;
		case OPT_RUNS: p->sim.runs = n, p->sim.runs_given = true; break;
		case OPT_RUN_TIME: p->sim.run_time = value; break;
		case OPT_SUSPEND_AT: p->sim.suspend_at = value; break;
		case OPT_RESUME_AT: p->sim.resume_at = value; break;
		case OPT_FROM: p->sim.from = value; break;
		}
	}
	return 0;
}

/* Whether -o NAME means one file for the whole stream: NAME ends in .yaml,
 * .yml or .json, has no trailing slash, and is not a folder already. */
static bool stream_file_name(const char *name)
{
	size_t n = strlen(name);
	static const char *const exts[] = {".yaml", ".yml", ".json"};
	bool ext = false;
	for (size_t i = 0; i < COUNT(exts); i++)
		ext |= n > strlen(exts[i]) && !strcmp(name + n - strlen(exts[i]), exts[i]);
	struct stat st;
	return ext && !(stat(name, &st) == 0 && S_ISDIR(st.st_mode));
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* Options that only make sense together. */
int cli_check_build_options(const struct command *c, struct cli_args *p)
{
	struct options *o = &p->opt;
	if (o->out_dir && !strcmp(o->out_dir, "-"))
		o->out_dir = NULL; /* -o - is standard output, as without -o */
	if (o->out_dir) {
		/* -o out/ is out: the trailing slash only says it is a folder */
		size_t n = strlen(o->out_dir);
		while (n > 1 && o->out_dir[n - 1] == '/')
			n--;
		char *dir = xstrdup(o->out_dir);
		dir[n] = '\0';
		if (n < strlen(o->out_dir))
			o->out_dir = p->out_dir_copy = dir;
		else
			xfree(dir);
	}
	if (o->out_dir && o->out_dir != p->out_dir_copy && stream_file_name(o->out_dir)) {
		o->out_file = o->out_dir;
		o->out_dir = NULL;
		bool json = ends_with(o->out_file, ".json");
		if (!o->emit_given)
			o->backend = backend_find(json ? "json" : "yaml");
		else if (json != !strcmp(o->backend->name, "json"))
			return cli_usage_error(c->name, "-o %s is a %s file, but --emit %s writes %s",
			                       o->out_file, json ? "JSON" : "YAML", o->backend->name,
			                       json ? "YAML" : "JSON");
	}
	if ((o->prune || o->layout_namespace || o->options_only) && !o->out_dir)
		return cli_usage_error(c->name, "%s needs -o DIR%s",
		                       o->prune ? "--prune" : o->layout_namespace ? "--layout" : "--options-only",
		                       o->out_file ? " (a folder; -o DIR/ with a slash is always one)" : "");
	if (o->depfiles && !o->out_dir && !o->out_file)
		return cli_usage_error(c->name, "-MD needs -o DIR or -o FILE");
	if ((o->depfile || o->ndep_targets || o->dep_phony) && !o->depfiles)
		return cli_usage_error(c->name, "%s goes with -MD",
		                       o->depfile ? "-MF" : o->ndep_targets ? "-MT" : "-MP");
	if (o->depfile && p->nfiles != 1 && !o->out_file)
		return cli_usage_error(c->name, "-MF names the depfile of one input; with %d inputs, "
		                                "leave it out (DIR/.deps/<input path>.d)",
		                       p->nfiles);
	if (o->options_only && p->nfiles)
		return cli_usage_error(c->name, "--options-only builds nothing: leave out the input files");
	if (!o->options_only && !p->nfiles)
		return cli_usage_error(c->name, "%s", "no input files");
	if (o->watch) {
		for (int i = 0; i < p->nfiles; i++)
			if (!strcmp(p->files[i], "-"))
				return cli_usage_error(c->name, "--watch cannot watch standard input");
	}
	return 0;
}
