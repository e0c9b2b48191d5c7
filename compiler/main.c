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
#include "doc.h"
#include "driver.h"
#include "emit.h"
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
	{"explain", CMD_EXPLAIN, "[ID|FIELD]", "explain a rule, a warning or a field",
	 "Prints what a rule or warning (by ID, JOB101, or slug, restart-policy)\n"
	 "means, why Kubernetes has it, and a failing and a fixed example; or a\n"
	 "field's type, default and Kubernetes path.  'rules', 'warnings' and\n"
	 "'fields' list them all."},
	{"doc", CMD_DOC, "fields|rules", "print the field or rule reference (Markdown)",
	 "Prints the reference generated from jobc's own tables: 'fields' (every\n"
	 "field, its type, default and Kubernetes path) or 'rules' (every rule jobc\n"
	 "enforces, with its ID).  docs/fields.md and docs/rules.md are this output."},
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
	OPT_WARN,
	OPT_NO_WARN,
	OPT_MAX_ERRORS,
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
	{OPT_OUTPUT, 'o', "output", "DIR", CMD_BUILD,
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
	{OPT_JSON, 0, "json", NULL, CMD_AST, "print JSON (the only format)"},
	{OPT_RESOLVED, 0, "resolved", NULL, CMD_AST,
	 "print each job after templates, loops and evaluation: every field's typed value, "
	 "where it was set and through which templates"},
	{OPT_HELP, 'h', "help", NULL, CMD_BUILD | CMD_CHECK | CMD_AST | CMD_DOC | CMD_EXPLAIN,
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

static void usage(FILE *f)
{
	fprintf(f, "jobc %s - compile .job files into Kubernetes Job and CronJob manifests\n\n",
	        JOBC_VERSION);
	fputs("Usage:\n", f);
	for (size_t i = 0; i < COUNT(commands); i++)
		fprintf(f, "  jobc %-7s %-25s %s\n", commands[i].name, commands[i].args,
		        commands[i].summary);
	fprintf(f, "  jobc %-7s %-25s %s\n", "help", "[COMMAND]", "show help for a command");
	fprintf(f, "  jobc %-33s %s\n\n", "--version", "print the version");
	fputs("Examples:\n", f);
	fputs("  jobc build jobs/*.job                 YAML stream on stdout\n", f);
	fputs("  jobc build -o out jobs/*.job          out/<job-name>.yaml per job\n", f);
	fputs("  jobc check -D tag=v1.4.2 jobs/etl.job\n", f);
	fputs("  jobc explain JOB101                   what a rule means\n\n", f);
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
			for (size_t k = 0; k < COUNT(options); k++)
				if (options[k].short_name == a[1])
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
		case OPT_JSON: p->json = true; break;
		case OPT_RESOLVED: p->opt.resolved = true; break;
		case OPT_HELP: p->help = true; break;
		}
	}
	return 0;
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
	p.opt.max_input = 64u << 20;
	p.opt.check_only = c->bit == CMD_CHECK;
	p.opt.color = false;
	p.opt.kube_version = kube_version_parse(KUBE_VERSION_DEFAULT);
	rule_config_default(&p.opt.rules);
	p.opt.backend = backend_find("yaml");
	int status = parse_args(c, argc, argv, 2, &p);
	if (status == 0 && p.help) {
		command_help(stdout, c);
	} else if (status == 0 && c->bit == CMD_AST) {
		status = run_ast(&p);
	} else if (status == 0 && c->bit == CMD_DOC) {
		status = run_doc(&p);
	} else if (status == 0 && c->bit == CMD_EXPLAIN) {
		status = run_explain(&p);
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
