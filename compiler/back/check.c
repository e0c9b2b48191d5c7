/* check.c - the rules of rules.def, over the built Job.
 *
 * The checks read the Kubernetes object the way the API server does (paths
 * like spec.template.spec.containers[1].ports), but report at the jobc
 * value that produced each node, with the Kubernetes path and message in a
 * note.  Each group of rules.def has a file of its own (check_internal.h
 * lists them); check_job runs them in rules.def's order, which is the order
 * of the diagnostics: metadata, Job spec, pod (and its affinity),
 * containers (each with its environment, resources, probes and mounts),
 * volumes, CronJob, lints.
 */
#include "check.h"
#include "check_internal.h"

void check_job(struct job_ctx *cx)
{
	check_metadata(cx);
	check_spec(cx);
	check_pod(cx);
	check_affinity(cx);
	check_containers(cx);
	check_volumes(cx);
	check_cron(cx);
	/* Lints judge a job that is otherwise right. */
	if (cx->d->errors == cx->errors_before && !cx->failed)
		check_lints(cx);
}
