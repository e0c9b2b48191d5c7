#!/usr/bin/env python3
"""Every rule a check reports is named in the comment above its function.

The rules of rules.def are checked in compiler/back/check.c and
compiler/back/check_*.c.  A function there that reports a rule
(REP(JOBnnn, ...) or report(cx, R_JOBnnn, ...)) has a comment right above
it that names the rule's ID, so that a search for the ID lands on the
function that enforces it.  A range names every ID in it: JOB103-JOB107
or JOB601-603.

Usage: check_rule_comments.py COMPILER_DIR
"""
import glob
import os
import re
import sys

REPORTED = re.compile(r"\bREP\(\s*(JOB\d{3})\b|\bR_(JOB\d{3})\b")
NAMED = re.compile(r"\bJOB(\d{3})(?:\s*-\s*(?:JOB)?(\d{3}))?\b")
# a definition at column 0: a return type, the name, its parameters
DEFINITION = re.compile(r"^(?!typedef\b)[A-Za-z_][\w \t\*]*?\b(\w+)\s*\(")


def named_ids(comment):
    ids = set()
    for m in NAMED.finditer(comment):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        ids.update(f"JOB{n:03d}" for n in range(lo, hi + 1))
    return ids


def functions(lines):
    """(name, first line, comment above, body) of each function defined."""
    i = 0
    while i < len(lines):
        m = DEFINITION.match(lines[i])
        if not m or lines[i].startswith(("#", "/*", " ", "\t")):
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i] != "{" and not lines[i].rstrip().endswith((";", "{")):
            i += 1
        if i == len(lines) or lines[i].rstrip().endswith(";"):
            i += 1
            continue  # a declaration, or a table
        end = i
        while end < len(lines) and lines[end] != "}":
            end += 1
        comment = []
        k = start - 1
        if k >= 0 and lines[k].rstrip().endswith("*/"):
            while k >= 0:
                comment.insert(0, lines[k])
                if lines[k].lstrip().startswith("/*"):
                    break
                k -= 1
        yield m.group(1), start + 1, "\n".join(comment), "\n".join(lines[i:end + 1])
        i = end + 1


def main(compiler):
    files = sorted(glob.glob(os.path.join(compiler, "check.c")) +
                   glob.glob(os.path.join(compiler, "check_*.c")))
    if not files:
        sys.exit(f"no check files in {compiler}")
    problems, reported = [], set()
    for path in files:
        lines = open(path).read().split("\n")
        for name, line, comment, body in functions(lines):
            ids = {a or b for a, b in REPORTED.findall(body)}
            reported |= ids
            missing = sorted(ids - named_ids(comment))
            if missing:
                problems.append(f"{os.path.relpath(path, os.path.dirname(compiler))}:{line}: "
                                f"{name} reports {', '.join(missing)}, which the comment above "
                                f"it does not name")
    # the parse found the checks (a broken parse must not pass in silence)
    if len(reported) < 50:
        problems.append(f"only {len(reported)} rule IDs found reported in {len(files)} files")
    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(reported)} rule IDs reported, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(os.path.abspath(sys.argv[1])))
