/* simulate.c - jobc simulate: FILE compiled as jobc build compiles it, one
 * of its jobs picked, and the Job or CronJob simulation (compiler/sim/)
 * run over the compiled object with the scenario the command line gives.
 */
#include "simulate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "cron_next.h"
#include "compile.h"
#include "eval.h"
#include "session.h"
#include "sim.h"
#include "sim_job.h"
#include "tree.h"
#include "units.h"

/* Every job of the file, compiled (trees in the arena). */
struct jobs {
	struct arena *a;
	struct diagnostics *d;
	struct compile_opts co;
	struct job_model *m;
	unsigned n, cap;
};

static void on_job(void *user, struct job_record *job)
{
	struct jobs *J = user;
	struct job_model m;
	if (!compile_job(J->a, J->d, job, &J->co, &m))
		return;
	if (J->n == J->cap) {
		J->cap = J->cap ? J->cap * 2 : 4;
		J->m = xrealloc(J->m, sizeof *J->m * J->cap);
	}
	J->m[J->n++] = m;
}

static void declare_unit(struct unit *u, void *arg)
{
	eval_declare(arg, u->ast);
}

/* A time: RFC 3339 (2026-03-08T00:00:00Z, or with an offset such as
 * +01:00) or unix seconds. */
static bool read_time(const char *s, int64_t *out)
{
	char *end;
	if (isdigit((unsigned char)s[0]) && strlen(s) < 12 && !strchr(s, '-')) {
		long long v = strtoll(s, &end, 10);
		*out = v;
		return !*end;
	}
	int y, mo, d, h, mi, sec, n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return false;
	int64_t t = tz_date(NULL, y, mo, d, h, mi, sec); /* UTC, normalized as time.Date does */
	const char *z = s + n;
	if (!strcmp(z, "Z") || !strcmp(z, "z")) {
		*out = t;
		return true;
	}
	int oh, om, k = 0;
	if ((z[0] == '+' || z[0] == '-') && sscanf(z + 1, "%2d:%2d%n", &oh, &om, &k) == 2 &&
	    !z[1 + k] && oh < 24 && om < 60) {
		*out = t - (z[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
		return true;
	}
	return false;
}

static bool read_duration(const char *opt, const char *s, int64_t *out)
{
	const char *why;
	if (duration_parse(s, (uint32_t)strlen(s), out, &why))
		return true;
	cli_usage_error("simulate", "%s needs a duration such as 90s or 1h30m: '%s' is not one: %s",
	                opt, s, why);
	return false;
}

/* The scenario of the command line: --pod specs in order, then the
 * --scenario file's, or the --scenario built-in's outcome for the pods no
 * spec describes.  Returns 0 or an exit status (printed). */
static int read_scenario(const struct cli_args *p, struct sim_scenario *s)
{
	for (unsigned i = 0; i < p->sim.npods; i++) {
		unsigned col;
		char why[256];
		if (!sim_scenario_add(s, p->sim.pods[i], &col, why, sizeof why))
			return cli_usage_error("simulate", "--pod '%s': column %u: %s", p->sim.pods[i], col,
			                       why);
	}
	const char *name = p->sim.scenario;
	if (p->sim.seed_given && !(name && !strcmp(name, "flaky")))
		return cli_usage_error("simulate", "%s", "--seed goes with --scenario flaky");
	if (!name)
		return 0;
	if (sim_scenario_builtin(s, name, p->sim.seed_given ? p->sim.seed : 1))
		return 0;
	if (!strchr(name, '/') && !strchr(name, '.'))
		return cli_usage_error("simulate", "--scenario '%s' is not a built-in scenario (%s), "
		                       "nor a file's path (one has a / or a .)", name,
		                       sim_scenario_builtins());
	return sim_scenario_file(s, name, stderr) ? 0 : 1;
}

/* The Job a CronJob makes: its jobTemplate, named as the CronJob. */
static struct tree *template_job(struct arena *a, const struct job_model *m)
{
	struct tree *job = tree_map(a);
	struct tree *meta = tree_map(a);
	tree_append(a, meta, "name", tree_cstr(a, m->name));
	tree_append(a, job, "metadata", meta);
	struct tree *spec = tree_path(m->obj, "spec.jobTemplate.spec");
	tree_append(a, job, "spec", spec ? spec : tree_map(a));
	return job;
}

/* Runs the simulation of the picked job, writing it to out. */
static int simulate(const struct cli_args *p, struct arena *a, const struct job_model *m,
                    FILE *out)
{
	struct sim_job_opts jo;
	memset(&jo, 0, sizeof jo);
	jo.kube_version = p->opt.kube_version;
	jo.default_after = 60;
	jo.epoch = 1767225600; /* 2026-01-01T00:00:00Z */
	jo.json = p->json;
	if (p->sim.run_time && !read_duration("--run-time", p->sim.run_time, &jo.default_after))
		return 2;
	if (p->sim.suspend_at) {
		if (!read_duration("--suspend-at", p->sim.suspend_at, &jo.suspend_at))
			return 2;
		jo.has_suspend_at = true;
	}
	if (p->sim.resume_at) {
		if (!read_duration("--resume-at", p->sim.resume_at, &jo.resume_at))
			return 2;
		jo.has_resume_at = true;
	}
	if (p->sim.from && !read_time(p->sim.from, &jo.epoch))
		return cli_usage_error("simulate", "--from needs an RFC 3339 time such as "
		                       "2026-03-08T00:00:00Z, or unix seconds, got '%s'", p->sim.from);
	if (p->sim.runs_given && !m->cron)
		return cli_usage_error("simulate", "--runs counts a CronJob's runs, and %s is a Job",
		                       m->name);
	struct sim_scenario s;
	memset(&s, 0, sizeof s);
	int status = read_scenario(p, &s);
	if (status == 0 && m->cron) {
		struct sim_cron_opts co = {
		    .from = p->sim.from ? jo.epoch : (int64_t)time(NULL),
		    .runs = p->sim.runs_given ? (unsigned)p->sim.runs : 10,
		    .run_seconds = jo.default_after,
		    .json = p->json,
		};
		/* a scenario asks about the Jobs it makes too: the CronJob's runs,
		 * then its job template's Job under the scenario (with --json,
		 * one document: {"cronJob": ..., "job": ...}) */
		bool both = s.n || p->sim.scenario;
		char *cron_text = NULL;
		size_t cron_len = 0;
		FILE *cron_out = both && p->json ? open_memstream(&cron_text, &cron_len) : out;
		status = cron_out ? sim_cron(m->obj, &co, cron_out, stderr) : 1;
		if (cron_out && cron_out != out)
			fclose(cron_out);
		if (status == 0 && both) {
			if (p->json)
				fprintf(out, "{\"cronJob\": %.*s,\n\"job\": ", (int)cron_len, cron_text);
			else
				fputs("\nEach run's Job (spec.jobTemplate) under the scenario:\n\n", out);
			status = sim_job(template_job(a, m), &s, &jo, out);
			if (p->json)
				fputs("}\n", out);
		}
		free(cron_text);
	} else if (status == 0) {
		status = sim_job(m->obj, &s, &jo, out);
	}
	sim_scenario_free(&s);
	if (fflush(out) != 0)
		status = 1;
	return status;
}

/* "a, b, c": the names of the jobs, for messages (the caller frees). */
static char *job_names(const struct jobs *J)
{
	struct buf names = BUF_INIT;
	for (unsigned i = 0; i < J->n; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", J->m[i].name);
	buf_putc(&names, '\0');
	return buf_take(&names, NULL);
}

int driver_simulate(struct cli_args *p)
{
	return driver_simulate_to(p, stdout);
}

int driver_simulate_to(struct cli_args *p, FILE *out)
{
	if (p->nfiles < 1 || p->nfiles > 2)
		return cli_usage_error("simulate", "%s", "jobc simulate needs FILE, and JOB when FILE "
		                                         "makes several jobs");
	struct session S;
	session_init(&S, &p->opt);
	struct arena a;
	arena_init(&a);
	struct jobs J = {&a, &S.diag,
	                 {p->opt.kube_version, false, &p->opt.rules, backend_find("yaml"), NULL}, NULL, 0, 0};
	struct unit *u = session_load(&S, p->files[0]);
	if (u && S.diag.errors == 0) {
		struct evaluator ev;
		struct map seen;
		eval_init(&ev, &a, &S.names, &S.diag);
		ev.max_iterations = p->opt.max_iterations;
		ev.defines = p->opt.defines;
		ev.ndefines = p->opt.ndefines;
		ev.sink = on_job;
		ev.sink_user = &J;
		map_init(&seen, &a);
		unit_walk(u, declare_unit, &ev, &seen, &a);
		eval_file(&ev, u->ast);
		eval_destroy(&ev);
	}
	diag_flush(&S.diag);
	int status = 1;
	const struct job_model *pick = NULL;
	if (!u || S.diag.errors) {
		/* reported */
	} else if (J.n == 0) {
		fprintf(stderr, "jobc: error: %s makes no job to simulate\n", p->files[0]);
	} else if (p->nfiles == 2) {
		for (unsigned i = 0; i < J.n && !pick; i++)
			if (!strcmp(J.m[i].name, p->files[1]))
				pick = &J.m[i];
		if (!pick) {
			char *names = job_names(&J);
			status = cli_usage_error("simulate", "%s has no job '%s'; its jobs: %s", p->files[0],
			                         p->files[1], names);
			xfree(names);
		}
	} else if (J.n > 1) {
		char *names = job_names(&J);
		status = cli_usage_error("simulate", "%s makes %u jobs: name one (%s)", p->files[0], J.n,
		                         names);
		xfree(names);
	} else {
		pick = &J.m[0];
	}
	if (pick)
		status = simulate(p, &a, pick, out);
	xfree(J.m);
	arena_destroy(&a);
	session_destroy(&S);
	return status;
}
