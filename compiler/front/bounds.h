/* bounds.h - how much jobc accepts, in one place.
 *
 * A compiler that runs in every CI build must fail cleanly on any input:
 * each limit here ends in a diagnostic at the place that passed it, never
 * in a crash, a hang or an out-of-memory kill.  docs/limits.md lists them
 * for users; the ones with a flag have a default here.
 */
#ifndef JOBC_BOUNDS_H
#define JOBC_BOUNDS_H

/* --max-input-size: bytes of one file (a source, an include, a YAML input) */
#define JOBC_MAX_INPUT_DEFAULT (64u << 20)

/* --max-iterations: loop iterations (every for, at any depth) while one
 * input file is evaluated; for i in range(0, 1000000000000) stops here */
#define JOBC_MAX_ITERATIONS_DEFAULT 1000000u

/* --max-jobs: jobs in one build */
#define JOBC_MAX_JOBS_DEFAULT 1000000u

/* bytes of one string value, however it is made (a literal, +, ${...},
 * join(), replace()): doubling a string 40 times stops here (the fuzz
 * build sets a smaller one: CMakeLists.txt) */
#ifndef JOBC_MAX_STRING
#define JOBC_MAX_STRING (16u << 20)
#endif

/* items of one list value (range(), +) */
#define JOBC_MAX_LIST 1000000u

/* files on one include chain (a includes b includes c ...) */
#define JOBC_MAX_INCLUDE_DEPTH 64u

/* bytes of a name (let, param, template, field, loop variable) */
#define JOBC_MAX_NAME 1024u

/* templates applied inside one another (a chain of templates) */
#define JOBC_MAX_TEMPLATE_DEPTH 5000u

/* AST_MAX_DEPTH (ast.h): levels of nested expressions and blocks; the
 * parser's own stack allows 5000 levels of brackets. */

#endif
