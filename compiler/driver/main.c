/* main.c - the jobc program: argv to a command, and the command run.
 *
 * The commands and options are data (cli.c); --help and the rest are
 * printed from them (cli_doc.c).  Exit status: 0 success, 1 errors in the
 * input, 2 a usage error (unknown option, missing file name, ...), 3 out
 * of memory (alloc.h) or, for jobc simulate, the simulated Job failing
 * (simulate.h; out of memory says so on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "ast_json.h"
#include "bounds.h"
#include "cli.h"
#include "doc.h"
#include "driver.h"
#include "emit.h"
#include "fmt.h"
#include "import.h"
#include "jsonw.h"
#include "lsp.h"
#include "session.h"
#include "simulate.h"
#include "jobc_commit.h"

static bool has_dash(char **files, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(files[i], "-"))
			return true;
	return false;
}

static int run_completion(struct cli_args *p)
{
	const char *sh = p->nfiles == 1 ? p->files[0] : "";
	if (!strcmp(sh, "bash"))
		cli_completion_bash(stdout);
	else if (!strcmp(sh, "zsh"))
		cli_completion_zsh(stdout);
	else if (!strcmp(sh, "fish"))
		cli_completion_fish(stdout);
	else
		return cli_usage_error("completion", "%s", "jobc completion needs bash, zsh or fish");
	return fflush(stdout) == 0 ? 0 : 1;
}

static int run_ast(struct cli_args *p)
{
	if (p->nfiles != 1)
		return cli_usage_error("ast", "%s", "jobc ast needs exactly one FILE");
	if (!p->json)
		return cli_usage_error("ast", "%s", "jobc ast needs --json (the only output format)");
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

static int run_explain(struct cli_args *p)
{
	struct buf out = BUF_INIT;
	const char *what = p->nfiles == 1 ? p->files[0] : NULL;
	const struct rule *r;
	if (p->nfiles > 1)
		return cli_usage_error("explain", "%s", "jobc explain takes one ID or field name");
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
			return cli_usage_error("explain", "the standard library has no template '%s' ('jobc "
			                                  "explain std' lists them)",
			                       what + 4);
		}
	}
	else if ((r = rule_find(what))) {
		/* a field and the rule about it may share a name (dns-policy): both */
		if (explain_lookup(&out, what))
			buf_puts(&out, "\n");
		explain_rule(&out, r);
	} else if (explain_lookup(&out, what))
		;
	else if (explain_k8s(&out, what))
		;
	else {
		buf_free(&out);
		return cli_usage_error("explain",
		                       "no rule or field is called '%s' ('jobc explain' lists them)", what);
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int run_doc(struct cli_args *p)
{
	struct buf out = BUF_INIT;
	if (p->nfiles == 1 && strcmp(p->files[0], "fields") == 0)
		doc_fields(&out);
	else if (p->nfiles == 1 && strcmp(p->files[0], "rules") == 0)
		doc_rules(&out);
	else
		return cli_usage_error("doc", "%s", "jobc doc needs 'fields' or 'rules'");
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	json_init();
	if (argc < 2) {
		cli_usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		cli_usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("jobc %s (commit %s)\n", JOBC_VERSION, JOBC_COMMIT);
		return 0;
	}
	if (!strcmp(cmd, "help")) {
		if (argc < 3) {
			cli_usage(stdout);
			return 0;
		}
		const struct command *c = cli_find_command(argv[2]);
		if (!c)
			return cli_usage_error(NULL, "no command '%s'", argv[2]);
		cli_command_help(stdout, c);
		return 0;
	}
	const struct command *c = cli_find_command(cmd);
	if (!c)
	{
		if (cmd[0] == '-')
			return cli_usage_error(NULL, "unknown option '%s' (options go after the command: "
			                             "jobc build [options] FILE...)",
			                       cmd);
		return cli_usage_error(NULL, "unknown command '%s'", cmd);
	}
	struct cli_args p;
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
	int status = cli_parse_args(c, argc, argv, 2, &p);
	/* colour: asked for, or on a terminal that wants it */
	/* NO_COLOR counts when set and not empty (no-color.org) */
	const char *term = getenv("TERM"), *no_color = getenv("NO_COLOR");
	p.opt.color = p.color == 1 || (p.color == -1 && isatty(2) && !(no_color && *no_color) &&
	                               !(term && !strcmp(term, "dumb")));
	if (status == 0 && p.help) {
		cli_command_help(stdout, c);
	} else if (status == 0 && c->bit == CMD_AST) {
		status = run_ast(&p);
	} else if (status == 0 && c->bit == CMD_DOC) {
		status = run_doc(&p);
	} else if (status == 0 && c->bit == CMD_EXPLAIN) {
		status = run_explain(&p);
	} else if (status == 0 && c->bit == CMD_FMT) {
		if (p.fmt_write && p.fmt_check)
			status = cli_usage_error(c->name, "%s", "-w and --check do not go together");
		else if (p.fmt_write && (p.nfiles == 0 || has_dash(p.files, p.nfiles)))
			status = cli_usage_error(c->name, "%s",
			                         "-w cannot rewrite standard input; name the files");
		else
			status = fmt_files(&p.opt, p.files, p.nfiles, p.fmt_write, p.fmt_check);
	} else if (status == 0 && c->bit == CMD_IMPORT) {
		status = p.nfiles ? import_files(&p.opt, p.files, p.nfiles)
		                  : cli_usage_error(c->name, "%s", "jobc import needs a YAML file (or -)");
	} else if (status == 0 && c->bit == CMD_COMPLETION) {
		status = run_completion(&p);
	} else if (status == 0 && c->bit == CMD_LSP) {
		status = p.nfiles ? cli_usage_error(c->name, "%s", "jobc lsp takes no files: the editor "
		                                                  "sends them")
		                  : lsp_serve(&p.opt, JOBC_VERSION, JOBC_COMMIT);
	} else if (status == 0 && c->bit == CMD_SIMULATE) {
		status = driver_simulate(&p);
	} else if (status == 0 && c->bit == CMD_MAN) {
		cli_man_page(stdout);
		status = fflush(stdout) == 0 ? 0 : 1;
	} else if (status == 0) {
		if ((status = cli_check_build_options(c, &p)) != 0) {
			/* reported */
		} else if (p.opt.options_only) {
			status = driver_options_stamp(&p.opt);
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
	xfree(p.sim.pods);
	xfree(p.out_dir_copy);
	return status;
}
