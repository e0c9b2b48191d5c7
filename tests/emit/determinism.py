#!/usr/bin/env python3
"""The same inputs give the same bytes.

Builds the examples twice for each backend: once from the examples folder
with the files in sorted order, once from another working directory with
absolute paths in reverse order.  Both the stream on standard output and
every file written with -o must be byte-identical, and a third build into
the same folder must leave every file untouched (its mtime kept).

Usage: determinism.py JOBC EXAMPLES_DIR SCRATCH_DIR
"""
import filecmp
import os
import shutil
import subprocess
import sys
import time


def run(jobc, args, cwd):
    r = subprocess.run([jobc, "build", "-w"] + args, cwd=cwd, capture_output=True)
    if r.returncode:
        raise SystemExit(f"jobc build {' '.join(args)} failed in {cwd}:\n{r.stderr.decode()}")
    return r.stdout


def main(jobc, examples, scratch):
    examples = os.path.abspath(examples)
    jobc = os.path.abspath(jobc)
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    names = sorted(f for f in os.listdir(examples) if f.endswith(".job"))
    failures = []
    for emit in ("yaml", "json", "planton"):
        files = names
        if emit == "planton":
            # only the examples Planton can express
            files = [f for f in names if subprocess.run(
                [jobc, "check", "-w", "--emit", "planton", f], cwd=examples,
                capture_output=True).returncode == 0]
        fwd = files
        rev = [os.path.join(examples, f) for f in reversed(files)]
        a = run(jobc, ["--emit", emit] + fwd, examples)
        b = run(jobc, ["--emit", emit] + rev, scratch)
        if a != b:
            failures.append(f"--emit {emit}: the stream differs with another file order and "
                            "working directory")
        da, db = os.path.join(scratch, emit + "-a"), os.path.join(scratch, emit + "-b")
        run(jobc, ["--emit", emit, "-o", da] + fwd, examples)
        run(jobc, ["--emit", emit, "-o", db] + rev, "/")
        cmp = filecmp.dircmp(da, db, ignore=[".jobc"])
        if cmp.left_only or cmp.right_only or cmp.diff_files:
            failures.append(f"--emit {emit} -o: outputs differ: {cmp.diff_files} "
                            f"{cmp.left_only} {cmp.right_only}")
        outs = [f for f in os.listdir(da) if f != ".jobc"] + [".jobc/manifest"]
        _, mismatch, errors = filecmp.cmpfiles(da, db, outs, shallow=False)
        if mismatch or errors:
            failures.append(f"--emit {emit} -o: {mismatch} {errors} differ")
        before = {f: os.stat(os.path.join(da, f)).st_mtime_ns for f in outs}
        time.sleep(0.02)
        run(jobc, ["--emit", emit, "-o", da] + rev, "/")
        after = {f: os.stat(os.path.join(da, f)).st_mtime_ns for f in outs}
        if before != after:
            failures.append(f"--emit {emit} -o: rebuilding touched unchanged files")
        print(f"--emit {emit}: {len(files)} files, {len(outs) - 1} outputs, identical")
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
