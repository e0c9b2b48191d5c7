/* fuzz.h - what the fuzz targets share: a jobc run in the process, on the
 * fuzzer's bytes, with its output captured.
 *
 * Each target is a libFuzzer target (LLVMFuzzerTestOneInput) built two
 * ways: with clang's -fsanitize=fuzzer for `make fuzz`, and with replay.c
 * as a plain program that runs a corpus, which is how every crash ever
 * found and the whole seed corpus run in ctest.  A target calls abort()
 * when a property fails, so a replay of a bad input fails its test.
 */
#ifndef JOBC_FUZZ_H
#define JOBC_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "driver.h"
#include "emit.h"
#include "fields.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fails the run with a message (libFuzzer saves the input). */
#define FUZZ_ASSERT(cond, ...)                                                                   \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz property failed: " __VA_ARGS__);                     \
			fputc('\n', stderr);                                                       \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static inline FILE *fuzz_devnull(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	return f;
}

/* The options of `jobc build -` over text, with output to out: the
 * defaults of the command line, includes only of std/, and small loop and
 * job limits so that a unit runs in milliseconds. */
static inline void fuzz_options(struct options *opt, const char *backend, const char *text,
                                size_t len, FILE *out)
{
	memset(opt, 0, sizeof *opt);
	opt->max_errors = 50;
	opt->max_input = JOBC_MAX_INPUT_DEFAULT;
	opt->max_iterations = 20000;
	opt->max_jobs = 2000;
	opt->kube_version = kube_version_parse(KUBE_VERSION_DEFAULT);
	rule_config_default(&opt->rules);
	opt->backend = backend_find(backend);
	opt->sandbox = true;
	opt->stdin_text = text;
	opt->stdin_len = len;
	opt->out_stream = out;
	opt->diag_stream = fuzz_devnull();
}

/* What one build of text printed, and its status. */
struct fuzz_build {
	int status;
	char *out;
	size_t len;
	unsigned errors, warnings;
};

static inline void fuzz_build(struct fuzz_build *r, const char *backend, const char *text,
                              size_t len)
{
	r->out = NULL;
	r->len = 0;
	FILE *f = open_memstream(&r->out, &r->len);
	struct options opt;
	fuzz_options(&opt, backend, text, len, f);
	struct session S;
	session_init(&S, &opt);
	char dash[] = "-";
	char *files[] = {dash};
	r->status = driver_build(&S, files, 1);
	r->errors = S.diag.errors;
	r->warnings = S.diag.warnings;
	session_destroy(&S);
	fclose(f);
}

static inline void fuzz_build_free(struct fuzz_build *r)
{
	free(r->out);
	r->out = NULL;
}

#endif
