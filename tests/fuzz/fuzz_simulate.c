/* fuzz_simulate.c - jobc simulate in the process: a .job file compiled as
 * the command compiles it, and the Job or CronJob controllers' model run
 * over it with a scenario.
 *
 * The input is two parts, split at the first line that is exactly "---":
 * the .job source, then a scenario.  The scenario runs twice: each of its
 * lines as a --pod SPEC (blank and '#' lines left out), then the whole
 * text as a --scenario FILE (an in-memory file).  A first scenario line
 * that starts with '#' (a comment to the file's reader) also picks the
 * options, a byte each, after the '#':
 *
 *   1  the Kubernetes version (1.35, 1.23, 1.28, 1.30, 1.31), and --json
 *      when its bit 3 is set
 *   2  --run-time (none or one of a few durations)
 *   3  --runs: modulo 51, 0 none, else N (for a Job, a usage error)
 *   4  --from (always given, so that no wall clock is read: a fixed set of
 *      times, the days that clocks change among them)
 *   5  --suspend-at, 6 --resume-at (none or one of a few durations)
 *   7  the --pod run's --scenario: none, all-fail, flaky, evictions,
 *      all-succeed (the file run has the file)
 *
 * tests/fuzz/simulate_seeds.py makes the seeds of tests/cases/simulate/.
 *
 * Properties, beyond "no crash, no leak, no undefined behaviour" (the
 * simulation's own limits, 10,000 pods and 20,000 events, keep a unit
 * short):
 *   - the exit status is 0, 1, 2 or 3 (complete, errors, usage, failed);
 *   - with --json, what a simulation that ran printed is one JSON value;
 *   - the --pod lines and the scenario file read the same specs, so when
 *     both simulations ran they printed the same bytes.
 */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz.h"
#include "simulate.h"

static const char *const kube_versions[] = {"1.35", "1.23", "1.28", "1.30", "1.31"};
static const char *const run_times[] = {NULL, "1s", "30s", "7m", "1h", "0s", "90m", "25h", "90s",
                                        "5m"};
static const char *const froms[] = {
    "2026-01-01T00:00:00Z",      /* the command's default epoch */
    "2026-03-08T06:40:00Z",      /* the US spring forward (02:00 local) */
    "2026-11-01T05:30:00Z",      /* the US fall back */
    "2026-03-29T00:30:00Z",      /* the EU spring forward (01:00 UTC) */
    "2026-10-25T00:30:00Z",      /* the EU fall back */
    "2026-03-08T01:59:00-08:00", /* an offset */
    "2024-02-29T23:59:59Z",      /* a leap day */
    "2026-12-31T23:59:00Z",      /* a year's end */
    "0",                         /* unix seconds: 1970 */
    "2147483000",                /* 2038 */
    "2026-04-05T15:30:00Z",      /* the southern hemisphere's fall back */
    "2026-10-04T16:00:00Z",      /* and spring forward (Sydney) */
    "2026-03-08T00:00:00Z",
    "2026-06-01T09:30:00+02:00",
};
static const char *const instants[] = {NULL, "0s", "1s", "10s", "1m", "5m", "1h", "90s",
                                       "10m", "2h", "24h", "59s", "30m", "2m", "12h", "7d"};
static const char *const builtins[] = {NULL, "all-fail", "flaky", "evictions", "all-succeed"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A memory file holding the scenario text, named /proc/self/fd/N. */
static int scenario_fd = -1;
static char scenario_path[64];

static void set_scenario_file(const char *text, size_t len)
{
	if (scenario_fd < 0) {
		scenario_fd = memfd_create("scenario", 0);
		FUZZ_ASSERT(scenario_fd >= 0, "memfd_create failed");
		snprintf(scenario_path, sizeof scenario_path, "/proc/self/fd/%d", scenario_fd);
	}
	FUZZ_ASSERT(ftruncate(scenario_fd, 0) == 0, "ftruncate failed");
	for (size_t at = 0; at < len;) {
		ssize_t k = pwrite(scenario_fd, text + at, len - at, (off_t)at);
		FUZZ_ASSERT(k > 0, "cannot write the scenario file");
		at += (size_t)k;
	}
}

struct run {
	int status;
	char *out;
	size_t len;
};

/* One jobc simulate of source (stdin) with the options of o[] and either
 * the --pod specs or the scenario file. */
static void simulate_once(struct run *r, const char *source, size_t slen, const uint8_t *o,
                          const char **pods, unsigned npods, const char *scenario)
{
	struct cli_args p;
	memset(&p, 0, sizeof p);
	r->out = NULL;
	r->len = 0;
	FILE *f = open_memstream(&r->out, &r->len);
	FUZZ_ASSERT(f, "open_memstream failed");
	fuzz_options(&p.opt, "yaml", source, slen, f);
	p.opt.kube_version = kube_version_parse(kube_versions[o[0] % N(kube_versions)]);
	char dash[] = "-";
	char *files[] = {dash};
	p.files = files;
	p.nfiles = 1;
	p.json = o[0] & 8;
	p.sim.pods = pods;
	p.sim.npods = npods;
	p.sim.scenario = scenario;
	p.sim.run_time = run_times[o[1] % N(run_times)];
	if (o[2] % 51) {
		p.sim.runs_given = true;
		p.sim.runs = o[2] % 51;
	}
	p.sim.from = froms[o[3] % N(froms)];
	p.sim.suspend_at = instants[o[4] % N(instants)];
	p.sim.resume_at = instants[o[5] % N(instants)];
	if (!scenario)
		p.sim.scenario = builtins[o[6] % N(builtins)];
	r->status = driver_simulate_to(&p, f);
	fclose(f);
	FUZZ_ASSERT(r->status >= 0 && r->status <= 3, "exit status %d", r->status);
	if (p.json && (r->status == 0 || r->status == 3) && r->len) {
		const char *end = NULL;
		cJSON *j = cJSON_ParseWithLengthOpts(r->out, r->len, &end, 0);
		FUZZ_ASSERT(j, "the JSON output does not parse");
		while (end && end < r->out + r->len && (*end == '\n' || *end == ' '))
			end++;
		FUZZ_ASSERT(end == r->out + r->len, "the JSON output is more than one value");
		cJSON_Delete(j);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	/* the first line that is exactly "---" */
	size_t split = size, rest = size;
	for (size_t i = 0; i < size;) {
		size_t e = i;
		while (e < size && text[e] != '\n')
			e++;
		if (e - i == 3 && !memcmp(text + i, "---", 3)) {
			split = i;
			rest = e < size ? e + 1 : e;
			break;
		}
		i = e + 1;
	}
	const char *scen = text + rest;
	size_t slen = size - rest;

	/* the scenario's lines, NUL-terminated, as --pod specs */
	char *lines = malloc(slen + 1);
	memcpy(lines, scen, slen);
	lines[slen] = '\0';
	const char **pods = malloc(sizeof *pods * (slen / 2 + 1));
	unsigned npods = 0;
	uint8_t o[7] = {0};
	bool has_nul = memchr(scen, '\0', slen) != NULL;
	for (size_t i = 0, first = 1; i < slen; first = 0) {
		size_t e = i;
		while (e < slen && lines[e] != '\n')
			e++;
		lines[e] = '\0';
		size_t k = i;
		while (k < e && (lines[k] == ' ' || lines[k] == '\t'))
			k++;
		if (first && lines[i] == '#') {
			for (size_t b = 0; b < sizeof o && i + 1 + b < e; b++)
				o[b] = (uint8_t)lines[i + 1 + b];
		}
		if (k < e && lines[k] != '#')
			pods[npods++] = lines + i;
		i = e + 1;
	}

	struct run a, b;
	simulate_once(&a, text, split, o, pods, npods, NULL);
	set_scenario_file(scen, slen);
	simulate_once(&b, text, split, o, NULL, 0, scenario_path);
	/* both read the same specs: the same simulation, byte for byte (with
	 * no spec, a CronJob's --pod run shows only the CronJob) */
	if (!has_nul && npods && o[6] % N(builtins) == 0 && (a.status == 0 || a.status == 3) &&
	    (b.status == 0 || b.status == 3)) {
		FUZZ_ASSERT(a.status == b.status, "--pod lines exit %d, the scenario file %d", a.status,
		            b.status);
		FUZZ_ASSERT(a.len == b.len && !memcmp(a.out, b.out, a.len),
		            "--pod lines and the scenario file print different simulations");
	}
	free(a.out);
	free(b.out);
	free(pods);
	free(lines);
	return 0;
}
