#!/usr/bin/env python3
"""jobc fmt is idempotent and keeps what files mean.

  goldens   each tests/fmt/ugly/NAME.job formats to NAME.fmt exactly;
            `fmt --check` lists the ugly file and exits 1, and is silent
            with exit 0 on its formatted form.
  idempotent
            every .job file of the repository (examples, the standard
            library, every test case, these ugly inputs): fmt of the fmt
            output, read from standard input, is the same bytes.  A file
            fmt refuses must be one with a syntax error: exit 1, a
            file:line:col diagnostic, and `fmt -w` leaves it untouched.
  meaning   the same trees are copied twice, one copy rewritten with
            `fmt -w`; every .job file is then built from both copies with
            each backend (yaml, json, planton), with the options its case
            uses, and the two must agree: the same exit status, the same
            output bytes, the same diagnostics (severity, code, message,
            file, and the same notes), positions aside, since formatting
            moves lines.  (A file fmt left as it was, that includes only
            the unchanged standard library, is the same build by
            construction and is not built.)
  write     -w rewrites only files that change (an already formatted file
            keeps its modification time), keeps the file's mode, and with
            several files formats the good ones while reporting the bad.

Usage: run.py JOBC REPO SCRATCH [goldens|idempotent|meaning|write]...
With JOBC_UPDATE_GOLDEN=1, the .fmt goldens are rewritten from jobc's output.
"""
import concurrent.futures
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time

TREES = ["examples", "stdlib", "tests/cases", "tests/import", "tests/fmt/ugly"]
BACKENDS = ["yaml", "json", "planton"]


def run(args, cwd=None, stdin=None):
    return subprocess.run(args, cwd=cwd, input=stdin, capture_output=True)


def job_files(root):
    out = []
    for tree in TREES:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, tree)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".job"):
                    out.append(os.path.relpath(os.path.join(dirpath, name), root))
    return out


def case_options(root, rel):
    """The options a case folder's options or args file gives its commands."""
    d = os.path.join(root, os.path.dirname(rel))
    opts = []
    path = os.path.join(d, "options")
    if os.path.exists(path):
        opts += open(path).read().split()
    path = os.path.join(d, "args")
    if os.path.exists(path):
        # keep the -D/-I/--kube-version style options of a custom command
        words = open(path).read().split()
        i = 0
        while i < len(words):
            w = words[i]
            if w in ("-D", "-I", "--kube-version", "--defaults") and i + 1 < len(words):
                opts += [w, words[i + 1]]
                i += 2
                continue
            if re.match(r"^(-D.+|-I.+|--kube-version=.+|--defaults=.+)$", w):
                opts.append(w)
            i += 1
    return opts


def goldens(jobc, repo, scratch, problems):
    ugly = os.path.join(repo, "tests/fmt/ugly")
    update = os.environ.get("JOBC_UPDATE_GOLDEN") == "1"
    names = sorted(n for n in os.listdir(ugly) if n.endswith(".job"))
    if len(names) < 10:
        problems.append(f"only {len(names)} ugly inputs in tests/fmt/ugly")
    os.makedirs(scratch, exist_ok=True)
    for name in names:
        src = os.path.join(ugly, name)
        golden = src[:-4] + ".fmt"
        r = run([jobc, "fmt", src])
        if r.returncode != 0:
            problems.append(f"{src}: fmt exited {r.returncode}:\n{r.stderr.decode()}")
            continue
        if update:
            open(golden, "wb").write(r.stdout)
        elif not os.path.exists(golden):
            problems.append(f"{golden}: missing (JOBC_UPDATE_GOLDEN=1 writes it)")
        elif open(golden, "rb").read() != r.stdout:
            problems.append(f"{src}: fmt output differs from {golden}")
        c = run([jobc, "fmt", "--check", src])
        if c.returncode != 1 or c.stdout.decode().strip() != src:
            problems.append(f"{src}: fmt --check exited {c.returncode} and printed "
                            f"{c.stdout.decode()!r}; expected 1 and the file's name")
        done = os.path.join(scratch, name)
        open(done, "wb").write(r.stdout)
        c = run([jobc, "fmt", "--check", done])
        if c.returncode != 0 or c.stdout or c.stderr:
            problems.append(f"{src}: fmt --check of its formatted form exited {c.returncode}: "
                            f"{c.stdout.decode()!r} {c.stderr.decode()!r}")
    return len(names)


SYNTAX_ERROR = re.compile(rb"^[^:\n]+:\d+:\d+: error: ", re.M)


def idempotent(jobc, repo, scratch, problems):
    os.makedirs(scratch, exist_ok=True)
    files = job_files(repo)
    counts = {"formatted": 0, "refused": 0}

    def one(rel):
        path = os.path.join(repo, rel)
        r = run([jobc, "fmt", path])
        if r.returncode == 0:
            again = run([jobc, "fmt", "-"], stdin=r.stdout)
            if again.returncode != 0:
                return "formatted", f"{rel}: fmt of the fmt output fails:\n{again.stderr.decode()}"
            if again.stdout != r.stdout:
                return "formatted", f"{rel}: fmt is not idempotent on it"
            return "formatted", None
        if r.returncode != 1 or not SYNTAX_ERROR.search(r.stderr):
            return "refused", (f"{rel}: fmt exited {r.returncode} without a file:line:col "
                               f"error:\n{r.stderr.decode(errors='replace')}")
        # a refused file: -w leaves it as it is
        copy = os.path.join(scratch, rel.replace("/", "__"))
        shutil.copyfile(path, copy)
        before = open(copy, "rb").read()
        os.utime(copy, (1_000_000_000, 1_000_000_000))
        w = run([jobc, "fmt", "-w", copy])
        st = os.stat(copy)
        if w.returncode != 1 or open(copy, "rb").read() != before or st.st_mtime != 1_000_000_000:
            return "refused", f"{rel}: fmt -w exited {w.returncode} or touched a file it refuses"
        return "refused", None

    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for kind, problem in pool.map(one, files):
            counts[kind] += 1
            if problem:
                problems.append(problem)
    if counts["formatted"] < 500:
        problems.append(f"only {counts['formatted']} files formatted; the trees were not found?")
    return counts


def normalize_diagnostics(stderr, side):
    """The diagnostics without their positions (formatting moves lines)."""
    out = []
    for line in stderr.decode(errors="replace").replace(side, "SIDE").splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            out.append(("not json", line))
            continue
        pos = re.compile(r"\d+:\d+|line \d+")
        notes = tuple((n.get("message") and pos.sub("N", n["message"]), os.path.basename(n.get("file") or ""))
                      for n in d.get("notes", []))
        out.append((d.get("severity"), d.get("code"), pos.sub("N", d.get("message", "")),
                    os.path.basename(d.get("file") or ""), notes))
    return out


def meaning(jobc, repo, scratch, problems):
    a, b = os.path.join(scratch, "a"), os.path.join(scratch, "b")
    for side in (a, b):
        shutil.rmtree(side, ignore_errors=True)
        for tree in TREES:
            shutil.copytree(os.path.join(repo, tree), os.path.join(side, tree), symlinks=True)
    files = job_files(b)
    w = run([jobc, "fmt", "-w"] + [os.path.join(b, f) for f in files])
    if w.returncode not in (0, 1):
        problems.append(f"fmt -w over the tree exited {w.returncode}:\n{w.stderr.decode()}")
    changed = sum(open(os.path.join(a, f), "rb").read() != open(os.path.join(b, f), "rb").read()
                  for f in files)
    if changed < 20:
        problems.append(f"only {changed} files changed by fmt -w: nothing was tested")
    # a file fmt left alone that includes nothing but the (unchanged)
    # standard library builds the same by construction; the rest are built

    built = {}
    stdlib_same = all(open(os.path.join(a, f), "rb").read() == open(os.path.join(b, f), "rb").read()
                      for f in files if f.startswith("stdlib/"))

    def one(rel):
        found = []
        text = open(os.path.join(a, rel), "rb").read()
        includes = re.findall(rb'^\s*include\s+"([^"]*)"', text, re.M)
        if (text == open(os.path.join(b, rel), "rb").read() and stdlib_same and
                all(i.startswith(b"std/") for i in includes)):
            return found  # the same bytes, including nothing that changed: the same build
        built[rel] = True
        opts = case_options(a, rel)
        for backend in BACKENDS:
            results = []
            for side in (a, b):
                cmd = [jobc, "build", "--emit", backend, "--diagnostics", "json",
                       "--stdlib", os.path.join(side, "stdlib")] + opts + [os.path.basename(rel)]
                results.append(run(cmd, cwd=os.path.join(side, os.path.dirname(rel))))
            ra, rb = results
            if ra.returncode != rb.returncode:
                found.append(f"{rel} ({backend}): exit {ra.returncode} before fmt, {rb.returncode} after")
            elif ra.stdout != rb.stdout:
                found.append(f"{rel} ({backend}): the output differs after fmt")
            elif normalize_diagnostics(ra.stderr, a) != normalize_diagnostics(rb.stderr, b):
                found.append(f"{rel} ({backend}): the diagnostics differ after fmt:\n"
                             f"  before: {normalize_diagnostics(ra.stderr, a)}\n"
                             f"  after:  {normalize_diagnostics(rb.stderr, b)}")
        return found

    builds = 0
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for found in pool.map(one, files):
            problems.extend(found)
    builds = len(BACKENDS) * sum(1 for f in files if built.get(f))
    return {"files": len(files), "changed by fmt": changed, "builds compared": builds}


def write(jobc, repo, scratch, problems):
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    ugly = os.path.join(repo, "tests/fmt/ugly")
    good = os.path.join(scratch, "good.job")
    bad = os.path.join(scratch, "bad.job")
    done = os.path.join(scratch, "done.job")
    shutil.copyfile(os.path.join(ugly, "spacing-and-separators.job"), good)
    os.chmod(good, 0o640)
    open(bad, "w").write('job broken {\n  image = "a:b"\n  retries = \n}\n')
    open(done, "wb").write(open(os.path.join(ugly, "spacing-and-separators.fmt"), "rb").read())
    bad_before = open(bad, "rb").read()
    os.utime(done, (1_000_000_000, 1_000_000_000))
    r = run([jobc, "fmt", "-w", good, bad, done])
    if r.returncode != 1:
        problems.append(f"fmt -w with a broken file exited {r.returncode}, expected 1")
    if not re.search(rb"bad\.job:\d+:\d+: error: ", r.stderr):
        problems.append(f"fmt -w did not report bad.job with file:line:col: {r.stderr.decode()}")
    if open(good, "rb").read() != open(os.path.join(ugly, "spacing-and-separators.fmt"), "rb").read():
        problems.append("fmt -w did not rewrite good.job beside a broken file")
    if stat.S_IMODE(os.stat(good).st_mode) != 0o640:
        problems.append(f"fmt -w changed the mode of good.job to {oct(os.stat(good).st_mode)}")
    if open(bad, "rb").read() != bad_before:
        problems.append("fmt -w changed bad.job")
    if os.stat(done).st_mtime != 1_000_000_000:
        problems.append("fmt -w rewrote done.job, which was already formatted")
    leftovers = [n for n in os.listdir(scratch) if n not in ("good.job", "bad.job", "done.job")]
    if leftovers:
        problems.append(f"fmt -w left files behind: {leftovers}")
    # standard input: - reads it, and -w of stdin is a usage error
    r = run([jobc, "fmt", "-"], stdin=open(os.path.join(ugly, "quoting.job"), "rb").read())
    if r.returncode != 0 or r.stdout != open(os.path.join(ugly, "quoting.fmt"), "rb").read():
        problems.append(f"fmt - exited {r.returncode} or printed other bytes than quoting.fmt")
    r = run([jobc, "fmt", "-w", "-"], stdin=b"job x { image = \"a:b\" }\n")
    if r.returncode != 2:
        problems.append(f"fmt -w - exited {r.returncode}, expected 2 (usage)")
    # a missing file is an error that names it
    r = run([jobc, "fmt", os.path.join(scratch, "missing.job")])
    if r.returncode != 1 or b"missing.job" not in r.stderr:
        problems.append(f"fmt of a missing file exited {r.returncode}: {r.stderr.decode()}")
    return {"checks": 9}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    jobc, repo, scratch = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    parts = sys.argv[4:] or ["goldens", "idempotent", "meaning", "write"]
    problems = []
    for part in parts:
        t = time.time()
        what = globals()[part](jobc, repo, os.path.join(scratch, part), problems)
        print(f"{part}: {what} ({time.time() - t:.1f} s)")
    for p in problems[:50]:
        print("FAIL:", p)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
