/* sim_cron.c - jobc simulate for a CronJob (sim.h). */
#include "sim.h"

int sim_cron(const struct tree *cj, const struct sim_cron_opts *o, FILE *out, FILE *err)
{
	(void)cj, (void)o, (void)out;
	fputs("jobc: simulate: CronJobs are not simulated yet\n", err);
	return 1;
}
