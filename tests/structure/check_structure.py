#!/usr/bin/env python3
"""The shape of compiler/, as a test: the files depend on each other in one
direction only (no circle through their #include lines or through the
functions one file calls that another defines), no file is over 1,000 lines,
and no code branches on a field's jobc name (strcmp(f->name, ...)): a
field's special form is a shape in the table.

The graph is drawn from the sources by this script (regular expressions over
the code with comments and strings blanked out): each file is a node, a
#include "x.h" is an arrow to x.h, and a call of a function another .c file
defines is an arrow to that file.  usage: check_structure.py SOURCE_DIR
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
comp = os.path.join(root, "compiler")
files = []
for d, _, fs in os.walk(comp):
    if os.sep + "schema" in d:
        continue
    files += [os.path.join(d, f) for f in fs if f.endswith((".c", ".h"))]


def strip(s):
    s = re.sub(r"/\*.*?\*/", " ", s, flags=re.S)
    s = re.sub(r"//[^\n]*", " ", s)
    s = re.sub(r"'(\\.|[^'\\\n])'", "' '", s)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', s)


text = {f: open(f, errors="replace").read() for f in files}
code = {f: strip(t) for f, t in text.items()}
unit = {f: os.path.basename(f) for f in files}
by_header = {os.path.basename(f): unit[f] for f in files if f.endswith(".h")}

edges = {u: set() for u in unit.values()}
# includes
for f, t in text.items():
    for h in re.findall(r'^#include "([^"]+)"', t, flags=re.M):
        g = by_header.get(os.path.basename(h))
        if g and g != unit[f]:
            edges[unit[f]].add(g)
# calls: functions with external linkage defined in each .c
defs = {}
for f, s in code.items():
    if not f.endswith(".c"):
        continue
    for m in re.finditer(r"^(?!static\b)(?:[A-Za-z_][\w \*]*?[\s\*])([A-Za-z_]\w*)\s*\([^;{]*\)\s*\{",
                         s, flags=re.M):
        defs.setdefault(m.group(1), unit[f])
for f, s in code.items():
    if not f.endswith(".c"):
        continue
    for name in set(re.findall(r"\b([A-Za-z_]\w*)\s*\(", s)):
        g = defs.get(name)
        if g and g != unit[f]:
            edges[unit[f]].add(g)

# strongly connected components (Tarjan)
sys.setrecursionlimit(10000)
index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        c = []
        while True:
            w = stack.pop()
            on.discard(w)
            c.append(w)
            if w == v:
                break
        if len(c) > 1:
            sccs.append(sorted(c))


for v in sorted(edges):
    if v not in index:
        visit(v)

problems = []
for c in sccs:
    problems.append("a circle between " + " <-> ".join(c))
for f, t in sorted(text.items()):
    n = t.count("\n")
    if n > 1000:
        problems.append(f"{os.path.relpath(f, root)} is {n} lines, over 1,000")
    for m in re.finditer(r"strcmp\s*\(\s*f->name", code[f]):
        line = code[f].count("\n", 0, m.start()) + 1
        problems.append(f"{os.path.relpath(f, root)}:{line}: branches on a field's name")
for p in problems:
    print(p)
nedges = sum(len(e) for e in edges.values())
print(f"{len(unit)} files, {nedges} arrows, "
      f"{len(sccs)} circle(s), {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
