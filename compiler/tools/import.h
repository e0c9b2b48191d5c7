/* import.h - jobc import: existing manifests into .job source.
 *
 * Reads batch/v1 Jobs and CronJobs and Project Planton KubernetesJobs and
 * KubernetesCronJobs (any number of YAML documents a file, and v1 Lists of
 * them) and writes the .job source that builds the same object, formatted
 * as jobc fmt formats it.  The mapping is the field table read backwards:
 * each Kubernetes path of a jobc field becomes that field.  What the API
 * server fills in (status, uid, resourceVersion, the generated selector
 * and controller labels, defaults) is dropped, with a note; any other
 * field that no jobc field expresses is an error naming its path.
 */
#ifndef JOBC_IMPORT_H
#define JOBC_IMPORT_H

struct options;

/* jobc import FILE...: prints the .job source of every document (or, with
 * opt->out_dir, writes DIR/<job-name>.job).  Returns the exit status. */
int import_files(const struct options *opt, char **files, int nfiles);

/* How many documents, since the program started, import refused with an
 * internal error (the source it wrote does not parse: a bug in jobc, not in
 * the input).  The import fuzz target stops on one. */
unsigned import_internal_errors(void);

#endif
