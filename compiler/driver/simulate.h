/* simulate.h - jobc simulate: the command (simulate.c) over the
 * simulations of compiler/sim/. */
#ifndef JOBC_SIMULATE_H
#define JOBC_SIMULATE_H

#include "cli.h"

/* Compiles p's FILE, picks its job (JOB, or the only one) and prints the
 * simulation.  Returns the exit status: 0 the Job completes, 3 it fails
 * or never finishes, 1 errors in the input, 2 a usage error. */
int driver_simulate(struct cli_args *p);
/* The same with the simulation written to out instead of standard output
 * (messages still go to standard error): the fuzz target's entry. */
int driver_simulate_to(struct cli_args *p, FILE *out);

#endif
