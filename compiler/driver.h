/* driver.h - jobc build / jobc check over a list of files. */
#ifndef JOBC_DRIVER_H
#define JOBC_DRIVER_H

#include "session.h"

/* Compiles files; writes the outputs only when every file compiled
 * without error.  Returns the exit status: 0, or 1 when there were
 * errors. */
int driver_build(struct session *S, char **files, int nfiles);

#endif
