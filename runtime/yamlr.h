/* yamlr.h - reading YAML into document trees, through libyaml.
 *
 * Every document of the stream becomes a tree; plain scalars get YAML
 * 1.1's implicit types as kubectl's and PyYAML's readers give them (null,
 * booleans such as yes and off, integers in decimal, octal and hex), and
 * everything else is a string (a number jobc has no type for, 1.5, keeps
 * its text).  Every node has the span of its text in src.  Aliases and
 * merge keys are refused, and so is a key written twice in one map.
 */
#ifndef JOBC_YAMLR_H
#define JOBC_YAMLR_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "source.h"
#include "tree.h"

/* Reads src into *docs (an arena array of *ndocs trees).  On failure
 * returns false with *why and the byte offset *err_off of the problem. */
bool yaml_read(const struct source *src, struct arena *a, struct tree ***docs, unsigned *ndocs,
               const char **why, size_t *err_off);

#endif
