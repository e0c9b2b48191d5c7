#!/usr/bin/env python3
"""jobc build -o DIR as a Makefile step uses it.

Each scenario runs jobc on files it writes in a scratch folder and checks
what lands in the output folder:

  make         examples/Makefile: a clean build, a second run that does
               nothing, touching a shared include rebuilds exactly the files
               that include it, make TAG=x rewrites exactly the outputs the
               new -D value changes, make -j from clean gives the same files
  repo         tests/build/repo: jobs in two folders with one basename, a
               shared include, a Makefile; each step's files and mtimes
  atomic       all or nothing: a build with an error anywhere writes
               nothing and leaves the old outputs byte for byte; a failed
               write (a folder where a file goes) changes no file
  unchanged    an output whose bytes do not change keeps its mtime; one that
               changes is replaced
  prune        --prune removes what jobc wrote before and no job makes any
               more, never a file jobc did not write; without --prune
               nothing is removed; on a partial file list it removes only
               what the listed inputs (or inputs now gone) made, and says so
  file         -o FILE.yaml / -o FILE.json: one stream, atomic, write-if-
               changed, a depfile; -o DIR/ is always a folder
  depfile      -MD, -MF, -MT, -MP in gcc's format, includes transitively,
               the embedded stdlib left out, the options stamp listed;
               DIR/.deps/ mirrors the input's path, so one basename in two
               folders gives two depfiles
  layout       --layout namespace, and two jobs writing one path
  jobs         -j 1 and -j 4 over 200 files give identical files and
               identical diagnostics
  watch        --watch rebuilds when an input or an include changes (also
               when an editor renames a new file over it), one line per
               build, and a broken edit writes nothing

Usage: build_test.py JOBC EXAMPLES_DIR SCRATCH_DIR SCENARIO
"""
import filecmp
import os
import re
import shutil
import subprocess
import sys
import time

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
    return cond


def run(jobc, args, cwd, want=0):
    r = subprocess.run([jobc] + args, cwd=cwd, capture_output=True, text=True)
    check(r.returncode == want,
          f"jobc {' '.join(args)}: exit {r.returncode}, expected {want}\n{r.stderr}")
    return r


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def snapshot(folder):
    """{relative path: (bytes, mtime_ns)} of every file under folder."""
    out = {}
    for dirpath, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, folder)] = (fh.read(), os.stat(p).st_mtime_ns)
    return out


LIB = """template base(team) {
  namespace = team
  image = "busybox:1.36"
  resources { cpu = 100m..1; memory = 128Mi }
  deadline = 1h
  ttl = 1d
}
"""


def job_file(names, team="data", extra=""):
    body = 'include "lib.job"\n'
    for n in names:
        body += f'job {n} : base("{team}") {{\n  args = ["--{n}"]\n{extra}}}\n'
    return body


def scenario_make(jobc, examples, scratch):
    work = os.path.join(scratch, "examples")
    shutil.copytree(examples, work, ignore=shutil.ignore_patterns("out", "expected"))

    def make(*extra):
        r = subprocess.run(["make", f"JOBC={jobc}"] + list(extra), cwd=work, capture_output=True,
                           text=True)
        check(r.returncode == 0, f"make {' '.join(extra)} failed:\n{r.stdout}{r.stderr}")
        return sorted(re.findall(r"build -o out .* (\S+\.job)$", r.stdout, re.M))

    sources = sorted(f for f in os.listdir(work) if f.endswith(".job"))
    built = make()
    check(built == sources, f"a clean make built {built}, expected every file {sources}")
    check(make() == [], "a second make rebuilt something")
    # who includes lib/acme.job (directly)
    users = sorted(f for f in sources if 'include "lib/acme.job"' in open(os.path.join(work, f)).read())
    time.sleep(0.01)
    os.utime(os.path.join(work, "lib", "acme.job"))
    built = make()
    check(built == users, f"touching lib/acme.job rebuilt {built}, expected exactly {users}")
    os.utime(os.path.join(work, sources[0]))
    built = make()
    check(built == [sources[0]], f"touching {sources[0]} rebuilt {built}")
    check(make() == [], "make after the rebuild rebuilt something")
    # make TAG=x: the options stamp changes, so every file is compiled again,
    # and exactly the outputs whose bytes the new tag changes are rewritten
    # (those of the files that include lib/acme.job and use ${tag})
    out = os.path.join(work, "out")
    before = snapshot(out)
    time.sleep(0.02)
    built = make("TAG=2099.1.0")
    check(built == sources, f"make TAG=x compiled {built}, expected every file")
    after = snapshot(out)
    tagged = sorted(k for k, v in after.items() if k.endswith(".yaml") and b"2099.1.0" in v[0])
    changed = sorted(k for k in after if k.endswith(".yaml") and after[k][1] != before[k][1])
    check(tagged and changed == tagged,
          f"make TAG=x rewrote {changed}, expected exactly the outputs with the tag {tagged}")
    check(all(after[k] == before[k] for k in before if k.endswith(".yaml") and k not in tagged),
          "an output the tag does not change was touched")
    check("define tag=2099.1.0" in open(os.path.join(out, ".jobc", "options")).read(),
          "the options stamp does not hold the -D")
    check(make("TAG=2099.1.0") == [], "make TAG=x twice rebuilt something")
    built = make()
    check(built == sources, f"make without TAG after make TAG=x compiled {built}")
    check({k: v[0] for k, v in snapshot(out).items() if k.endswith(".yaml")} ==
          {k: v[0] for k, v in before.items() if k.endswith(".yaml")},
          "make without TAG did not restore the outputs")
    # deleting an include must not break make (-MP); the file that included
    # it is rebuilt and fails, as it should
    first = snapshot(os.path.join(work, "out"))
    shutil.rmtree(os.path.join(work, "out"))
    make("-j4")
    again = snapshot(os.path.join(work, "out"))
    check({k: v[0] for k, v in first.items() if ".stamps" not in k} ==
          {k: v[0] for k, v in again.items() if ".stamps" not in k},
          "make -j4 from clean wrote other files than make")
    expected = os.path.join(examples, "expected")
    for f in os.listdir(expected):
        if f.endswith(".yaml"):
            check(filecmp.cmp(os.path.join(expected, f), os.path.join(work, "out", f),
                              shallow=False), f"make -j4: out/{f} differs from expected/{f}")


def scenario_atomic(jobc, scratch):
    write(os.path.join(scratch, "lib.job"), LIB)
    write(os.path.join(scratch, "a.job"), job_file(["one", "two"]))
    write(os.path.join(scratch, "b.job"), job_file(["three"]))
    run(jobc, ["build", "-o", "out", "a.job", "b.job"], scratch)
    before = snapshot(os.path.join(scratch, "out"))
    check(len([k for k in before if k.endswith(".yaml")]) == 3, "three outputs expected")
    # an error in one input: nothing at all is written, old files intact
    write(os.path.join(scratch, "a.job"), job_file(["one", "two"], extra='  args = ["--new"]\n'))
    write(os.path.join(scratch, "b.job"), job_file(["three"], extra="  retries = -1\n"))
    r = run(jobc, ["build", "-o", "out", "a.job", "b.job"], scratch, want=1)
    check("retries" in r.stderr, "the error is reported")
    check(snapshot(os.path.join(scratch, "out")) == before,
          "a failed build changed the output folder")
    # a new folder is not even created
    run(jobc, ["build", "-o", "fresh", "a.job", "b.job"], scratch, want=1)
    check(not os.path.exists(os.path.join(scratch, "fresh")), "a failed build created -o DIR")
    # a write that fails (a folder stands where one output goes): no file
    # changes, the staged ones are removed
    write(os.path.join(scratch, "b.job"), job_file(["three"]))
    os.remove(os.path.join(scratch, "out", "two.yaml"))
    os.makedirs(os.path.join(scratch, "out", "two.yaml", "x"))
    r = run(jobc, ["build", "-o", "out", "a.job", "b.job"], scratch, want=1)
    check("two.yaml" in r.stderr, f"the failed write is named: {r.stderr}")
    after = snapshot(os.path.join(scratch, "out"))
    check({k: v for k, v in after.items() if not k.startswith("two.yaml")} ==
          {k: v for k, v in before.items() if not k.startswith("two.yaml")},
          "a build whose write failed changed other files")
    check(b"--new" not in after["one.yaml"][0], "one.yaml was committed though two.yaml failed")
    check(not os.listdir(os.path.join(scratch, "out", ".jobc", "tmp")),
          "staged files were left behind")
    # standard output: nothing printed by a broken build
    write(os.path.join(scratch, "b.job"), job_file(["three"], extra="  retries = -1\n"))
    r = run(jobc, ["build", "a.job", "b.job"], scratch, want=1)
    check(r.stdout == "", "a broken build printed documents")


def scenario_unchanged(jobc, scratch):
    write(os.path.join(scratch, "lib.job"), LIB)
    write(os.path.join(scratch, "a.job"), job_file(["one", "two"]))
    run(jobc, ["build", "-o", "out", "a.job"], scratch)
    before = snapshot(os.path.join(scratch, "out"))
    time.sleep(0.02)
    run(jobc, ["build", "-o", "out", "a.job"], scratch)
    check(snapshot(os.path.join(scratch, "out")) == before, "an unchanged build touched files")
    time.sleep(0.02)
    write(os.path.join(scratch, "a.job"), job_file(["one"]) +
          'job two : base("data") {\n  args = ["--changed"]\n}\n')
    run(jobc, ["build", "-o", "out", "a.job"], scratch)
    after = snapshot(os.path.join(scratch, "out"))
    check(after["one.yaml"] == before["one.yaml"], "one.yaml did not change but was rewritten")
    check(after["two.yaml"][0] != before["two.yaml"][0], "two.yaml changed but was not rewritten")
    check(after["two.yaml"][1] > before["two.yaml"][1], "two.yaml has its old mtime")


def scenario_prune(jobc, scratch):
    write(os.path.join(scratch, "lib.job"), LIB)
    write(os.path.join(scratch, "a.job"), job_file(["one", "two", "three"]))
    run(jobc, ["build", "-o", "out", "a.job"], scratch)
    write(os.path.join(scratch, "out", "mine.yaml"), "kept: true\n")
    write(os.path.join(scratch, "a.job"), job_file(["one"]))
    run(jobc, ["build", "-o", "out", "a.job"], scratch)
    check(os.path.exists(os.path.join(scratch, "out", "two.yaml")),
          "without --prune an old output was removed")
    run(jobc, ["build", "-o", "out", "--prune", "a.job"], scratch)
    left = sorted(f for f in os.listdir(os.path.join(scratch, "out")) if not f.startswith("."))
    check(left == ["mine.yaml", "one.yaml"], f"after --prune: {left}")
    manifest = open(os.path.join(scratch, "out", ".jobc", "manifest")).read()
    check(manifest == "one.yaml\t../a.job\n", f"the manifest is {manifest!r}")
    # a file jobc wrote, then replaced by the user's folder: left alone
    write(os.path.join(scratch, "a.job"), job_file(["one", "four"]))
    run(jobc, ["build", "-o", "out", "a.job"], scratch)
    write(os.path.join(scratch, "a.job"), job_file(["one"]))
    os.remove(os.path.join(scratch, "out", "four.yaml"))
    os.makedirs(os.path.join(scratch, "out", "four.yaml"))
    run(jobc, ["build", "-o", "out", "--prune", "a.job"], scratch)
    check(os.path.isdir(os.path.join(scratch, "out", "four.yaml")), "--prune removed a folder")
    # a partial file list: build all, then prune with one file on the
    # command line; only what that file (or a file now gone) made goes, and
    # each removal is printed
    part = os.path.join(scratch, "part")
    write(os.path.join(part, "lib.job"), LIB)
    write(os.path.join(part, "a.job"), job_file(["a1", "a2"]))
    write(os.path.join(part, "b.job"), job_file(["b1", "b2"]))
    write(os.path.join(part, "c.job"), job_file(["c1"]))
    run(jobc, ["build", "-o", "out", "-MD", "a.job", "b.job", "c.job"], part)
    write(os.path.join(part, "a.job"), job_file(["a1"]))
    r = run(jobc, ["build", "-o", "out", "-MD", "--prune", "a.job"], part)
    left = sorted(f for f in os.listdir(os.path.join(part, "out")) if not f.startswith("."))
    check(left == ["a1.yaml", "b1.yaml", "b2.yaml", "c1.yaml"],
          f"a prune with a.job alone left {left}")
    check(r.stderr == "jobc: pruned out/a2.yaml (no job of a.job makes it now)\n",
          f"the prune says what it removed: {r.stderr!r}")
    # an input gone from disk: its outputs and its depfile go with it
    os.remove(os.path.join(part, "c.job"))
    r = run(jobc, ["build", "-o", "out", "-MD", "--prune", "b.job"], part)
    left = sorted(f for f in os.listdir(os.path.join(part, "out")) if not f.startswith("."))
    check(left == ["a1.yaml", "b1.yaml", "b2.yaml"], f"the outputs of a deleted input: {left}")
    check(not os.path.exists(os.path.join(part, "out", ".deps", "c.job.d")),
          "the depfile of a deleted input was left behind")
    check(os.path.exists(os.path.join(part, "out", ".deps", "a.job.d")),
          "the depfile of another input was removed")
    check("jobc: pruned out/c1.yaml (c.job is gone)" in r.stderr, f"prune of c.job: {r.stderr!r}")
    manifest = sorted(open(os.path.join(part, "out", ".jobc", "manifest")).read().splitlines())
    check(manifest == [".deps/a.job.d\t../a.job", ".deps/b.job.d\t../b.job", "a1.yaml\t../a.job",
                       "b1.yaml\t../b.job", "b2.yaml\t../b.job"], f"the manifest is {manifest}")


def scenario_depfile(jobc, scratch):
    write(os.path.join(scratch, "lib", "base.job"), LIB)
    write(os.path.join(scratch, "lib", "team.job"),
          'include "base.job"\ninclude "std/presets.job"\nlet owner = "data"\n')
    write(os.path.join(scratch, "jobs", "x.job"),
          'include "../lib/team.job"\njob x1 : base("data") {}\njob x2 : base("ops") {}\n')
    write(os.path.join(scratch, "jobs", "y.job"), 'include "../lib/base.job"\njob y1 : base("data") {}\n')
    write(os.path.join(scratch, "jobs", "z.job"), 'let nothing = 1\n')
    run(jobc, ["build", "-o", "out", "-MD", "jobs/x.job", "jobs/y.job", "jobs/z.job"], scratch)
    x = open(os.path.join(scratch, "out", ".deps", "jobs", "x.job.d")).read()
    check(x == "out/x1.yaml out/x2.yaml: jobs/x.job \\\n lib/base.job \\\n lib/team.job \\\n"
               " out/.jobc/options\n", f"x.job.d is {x!r}")
    z = open(os.path.join(scratch, "out", ".deps", "jobs", "z.job.d")).read()
    check(z == "out/.deps/jobs/z.job.d: jobs/z.job \\\n out/.jobc/options\n",
          f"z.job.d (no outputs) is {z!r}")
    stamp = open(os.path.join(scratch, "out", ".jobc", "options")).read()
    check(stamp.splitlines()[1:] == ["emit yaml", "kube-version 1.35", "defaults minimal",
                                     "layout flat"], f"the options stamp is {stamp!r}")
    run(jobc, ["build", "-o", "out", "-MD", "-MP", "-MT", "stamps/x", "-MT", "all x",
               "-MF", "x.dep", "jobs/x.job"], scratch)
    d = open(os.path.join(scratch, "x.dep")).read()
    check(d == "stamps/x all\\ x: jobs/x.job \\\n lib/base.job \\\n lib/team.job \\\n"
              " out/.jobc/options\n\nlib/base.job:\n\nlib/team.job:\n\nout/.jobc/options:\n",
          f"x.dep is {d!r}")
    r = run(jobc, ["build", "-o", "out", "-MD", "-MF", "one.d", "jobs/x.job", "jobs/y.job"], scratch,
            want=2)
    check("-MF" in r.stderr, "-MF with two inputs is a usage error")
    r = run(jobc, ["build", "-MD", "jobs/x.job"], scratch, want=2)
    check("needs -o" in r.stderr, "-MD without -o is a usage error")
    # two inputs with one basename, in one run and in two (one make rule
    # each): two depfiles, each naming its own input
    write(os.path.join(scratch, "other", "x.job"), 'include "../lib/base.job"\njob o1 : base("data") {}\n')
    run(jobc, ["build", "-o", "out", "-MD", "jobs/x.job", "other/x.job"], scratch)
    run(jobc, ["build", "-o", "two", "-MD", "jobs/x.job"], scratch)
    run(jobc, ["build", "-o", "two", "-MD", "other/x.job"], scratch)
    for folder in ("out", "two"):
        a = open(os.path.join(scratch, folder, ".deps", "jobs", "x.job.d")).read()
        b = open(os.path.join(scratch, folder, ".deps", "other", "x.job.d")).read()
        check(a.startswith(f"{folder}/x1.yaml {folder}/x2.yaml: jobs/x.job"), f"jobs/x.job.d: {a!r}")
        check(b.startswith(f"{folder}/o1.yaml: other/x.job"), f"other/x.job.d: {b!r}")
    # an input outside the working folder, and one given as an absolute path
    write(os.path.join(scratch, "sub", "keep"), "")
    run(jobc, ["build", "-o", "../out3", "-MD", "../jobs/y.job", os.path.join(scratch, "jobs", "x.job")],
        os.path.join(scratch, "sub"))
    y = os.path.join(scratch, "out3", ".deps", "%2F" + scratch, "jobs", "y.job.d")
    check(os.path.exists(y), f"an input outside the working folder: {y} is missing")
    x = os.path.join(scratch, "out3", ".deps", "%2F" + scratch, "jobs", "x.job.d")
    check(os.path.exists(x), f"an absolute input: {x} is missing")
    # -MF still wins, and its folder is made
    run(jobc, ["build", "-o", "out", "-MD", "-MF", "deps/one/x.d", "jobs/x.job"], scratch)
    check(os.path.exists(os.path.join(scratch, "deps", "one", "x.d")), "-MF in a new folder")
    # --namespace changes the outputs: it is in the stamp; a bad one is a usage error
    run(jobc, ["build", "-o", "out", "--namespace", "batch", "--options-only"], scratch)
    stamp = open(os.path.join(scratch, "out", ".jobc", "options")).read()
    check("namespace batch" in stamp.splitlines(), f"the options stamp is {stamp!r}")
    r = run(jobc, ["check", "--namespace", "Batch", "jobs/y.job"], scratch, want=2)
    check("--namespace 'Batch' is not a namespace" in r.stderr, f"--namespace Batch: {r.stderr!r}")


def scenario_file(jobc, scratch):
    write(os.path.join(scratch, "lib.job"), LIB)
    write(os.path.join(scratch, "a.job"), job_file(["one", "two"]))
    write(os.path.join(scratch, "b.job"), job_file(["three"]))
    run(jobc, ["build", "-o", "all.yaml", "-MD", "a.job", "b.job"], scratch)
    text = open(os.path.join(scratch, "all.yaml")).read()
    docs = [d for d in text.split("---\n") if d.strip()]
    check(len(docs) == 3 and all(d.startswith("apiVersion: batch/v1\nkind: Job\n") for d in docs),
          f"-o all.yaml is not one stream of three Jobs:\n{text}")
    stdout = run(jobc, ["build", "a.job", "b.job"], scratch).stdout
    check(text == stdout, "-o all.yaml differs from the standard output stream")
    dash = run(jobc, ["build", "-o", "-", "a.job", "b.job"], scratch).stdout
    check(dash == stdout and not os.path.exists(os.path.join(scratch, "-")),
          "-o - is not the standard output stream (or made a folder named -)")
    d = open(os.path.join(scratch, "all.yaml.d")).read()
    check(d == "all.yaml: a.job b.job \\\n lib.job\n", f"all.yaml.d is {d!r}")
    # write-if-changed: an unchanged build keeps the mtime
    before = os.stat(os.path.join(scratch, "all.yaml")).st_mtime_ns
    time.sleep(0.02)
    run(jobc, ["build", "-o", "all.yaml", "a.job", "b.job"], scratch)
    check(os.stat(os.path.join(scratch, "all.yaml")).st_mtime_ns == before,
          "an unchanged -o FILE was rewritten")
    # all or nothing: a broken input leaves the old file as it was
    write(os.path.join(scratch, "b.job"), job_file(["three"], extra="  retries = -1\n"))
    run(jobc, ["build", "-o", "all.yaml", "a.job", "b.job"], scratch, want=1)
    check(open(os.path.join(scratch, "all.yaml")).read() == text, "a failed build changed -o FILE")
    run(jobc, ["build", "-o", "new/none.yaml", "a.job", "b.job"], scratch, want=1)
    check(not os.path.exists(os.path.join(scratch, "new")), "a failed build created -o FILE")
    write(os.path.join(scratch, "b.job"), job_file(["three"]))
    # JSON: one List, its folder made
    run(jobc, ["build", "-o", "json/all.json", "a.job", "b.job"], scratch)
    import json
    doc = json.load(open(os.path.join(scratch, "json", "all.json")))
    check(doc.get("kind") == "List" and [i["metadata"]["name"] for i in doc["items"]] ==
          ["one", "two", "three"], f"-o all.json: {doc.get('kind')}")
    # what the extension says must agree with --emit; folder-only options
    r = run(jobc, ["build", "-o", "x.json", "--emit", "yaml", "a.job"], scratch, want=2)
    check("JSON" in r.stderr, f"-o x.json --emit yaml: {r.stderr!r}")
    for opt in (["--prune"], ["--layout", "namespace"]):
        r = run(jobc, ["build", "-o", "all.yaml"] + opt + ["a.job"], scratch, want=2)
        check("needs -o DIR" in r.stderr, f"-o FILE {opt[0]}: {r.stderr!r}")
    # an existing folder, and DIR/ with a slash, are folders
    os.makedirs(os.path.join(scratch, "d.yaml"))
    run(jobc, ["build", "-o", "d.yaml", "a.job"], scratch)
    check(os.path.isfile(os.path.join(scratch, "d.yaml", "one.yaml")), "-o EXISTING_FOLDER.yaml")
    run(jobc, ["build", "-o", "s.yaml/", "a.job"], scratch)
    check(os.path.isfile(os.path.join(scratch, "s.yaml", "one.yaml")), "-o DIR.yaml/ is a folder")


def scenario_repo(jobc, repo, scratch):
    """tests/build/repo with its Makefile, step by step."""
    work = os.path.join(scratch, "repo")
    shutil.copytree(repo, work)
    out = os.path.join(work, "out")

    def make(*extra):
        r = subprocess.run(["make", f"JOBC={jobc}"] + list(extra), cwd=work, capture_output=True,
                           text=True)
        check(r.returncode == 0, f"make {' '.join(extra)} failed:\n{r.stdout}{r.stderr}")
        return r

    def outputs():
        return {k: v for k, v in snapshot(out).items() if k.endswith(".yaml")}

    everything = sorted(["backup-billing.yaml", "backup-billing-verify.yaml", "backup-orders.yaml",
                         "report-daily.yaml", "report-weekly.yaml"])
    make()
    first = outputs()
    check(sorted(first) == everything, f"make wrote {sorted(first)}")
    deps = sorted(os.path.relpath(os.path.join(d, f), os.path.join(out, ".deps"))
                  for d, _, fs in os.walk(os.path.join(out, ".deps")) for f in fs)
    check(deps == ["jobs/billing/backup.job.d", "jobs/orders/backup.job.d", "jobs/reports.job.d"],
          f"the depfiles are {deps}")
    time.sleep(0.02)
    r = make()
    check("jobc build" not in r.stdout, f"a second make ran jobc:\n{r.stdout}")
    check(outputs() == first, "a second make touched an output")
    # a new tag: exactly the outputs that use it change
    time.sleep(0.02)
    make("TAG=9.9.9")
    tagged = outputs()
    changed = sorted(k for k in tagged if tagged[k][1] != first[k][1])
    check(changed == ["backup-billing.yaml", "backup-orders.yaml"],
          f"make TAG=x rewrote {changed}, expected the two backups that use the tag")
    check(all(b"9.9.9" in tagged[k][0] for k in changed), "the new tag is not in the outputs")
    # touching the shared include rebuilds its users, and rewrites nothing
    time.sleep(0.02)
    os.utime(os.path.join(work, "lib", "db-backup.job"))
    r = make("TAG=9.9.9")
    ran = sorted(re.findall(r" (jobs/\S+\.job)$", r.stdout, re.M))
    check(ran == ["jobs/billing/backup.job", "jobs/orders/backup.job"],
          f"touching lib/db-backup.job compiled {ran}")
    check(outputs() == tagged, "touching an include rewrote an output whose bytes are the same")
    # a job removed from one file: its rule prunes its output, and only it
    time.sleep(0.02)
    path = os.path.join(work, "jobs", "billing", "backup.job")
    text = open(path).read()
    cut = text.index("job backup-billing-verify")
    write(path, text[:cut])
    r = make("TAG=9.9.9")
    check("jobc: pruned out/backup-billing-verify.yaml" in r.stderr, f"no prune line:\n{r.stderr}")
    now = outputs()
    check(sorted(now) == [k for k in everything if k != "backup-billing-verify.yaml"],
          f"after removing a job: {sorted(now)}")
    check(all(now[k] == tagged[k] for k in now), "removing a job touched another output")
    # make -j2 from clean writes the same files
    shutil.rmtree(out)
    make("-j2", "TAG=9.9.9")
    check({k: v[0] for k, v in outputs().items()} == {k: v[0] for k, v in now.items()},
          "make -j2 from clean wrote other files")


def scenario_layout(jobc, scratch):
    write(os.path.join(scratch, "lib.job"), LIB)
    write(os.path.join(scratch, "a.job"), job_file(["report"], "data") + job_file(["report"], "ops").replace('include "lib.job"\n', ""))
    r = run(jobc, ["build", "-o", "flat", "a.job"], scratch, want=1)
    check("flat/report.yaml" in r.stderr and "--layout namespace" in r.stderr,
          f"two jobs writing one file are an error naming the file: {r.stderr}")
    check(not os.path.exists(os.path.join(scratch, "flat")), "the failed build wrote")
    run(jobc, ["build", "-o", "ns", "--layout", "namespace", "a.job"], scratch)
    for p in ("ns/data/report.yaml", "ns/ops/report.yaml"):
        check(os.path.exists(os.path.join(scratch, p)), f"{p} missing")
    run(jobc, ["build", "-o", "js", "--emit", "json", "--layout", "namespace", "a.job"], scratch)
    check(os.path.exists(os.path.join(scratch, "js/ops/report.json")), "json layout")


def scenario_jobs(jobc, scratch):
    write(os.path.join(scratch, "lib.job"), LIB)
    for i in range(200):
        extra = '  image = "busybox:latest"\n' if i % 50 == 7 else ""
        write(os.path.join(scratch, "jobs", f"j{i:03}.job"),
              job_file([f"j{i:03}-a", f"j{i:03}-b"], extra=extra).replace('"lib.job"', '"../lib.job"'))
    files = [f"jobs/j{i:03}.job" for i in range(200)]
    r1 = run(jobc, ["build", "-j", "1", "-o", "one"] + files, scratch)
    r4 = run(jobc, ["build", "-j", "4", "-o", "four"] + list(reversed(files)), scratch)
    check(r1.stderr == r4.stderr and r1.stderr.count("warning:") >= 4,
          "-j 1 and -j 4 print different diagnostics")
    a = {k: v[0] for k, v in snapshot(os.path.join(scratch, "one")).items()}
    b = {k: v[0] for k, v in snapshot(os.path.join(scratch, "four")).items()}
    check(a == b and len([k for k in a if k.endswith(".yaml")]) == 400,
          f"-j 1 and -j 4 wrote different files ({len(a)}, {len(b)})")
    s1 = run(jobc, ["build", "-j", "1"] + files, scratch).stdout
    s4 = run(jobc, ["build", "-j", "4"] + files, scratch).stdout
    check(s1 == s4 and s1.count("kind: Job") == 400, "-j 1 and -j 4 print different streams")
    # an error stops at --max-errors the same way with any -j
    write(os.path.join(scratch, "jobs", "j100.job"), 'job broken { retries = "x" }\n')
    e1 = run(jobc, ["check", "-j", "1", "--max-errors", "3"] + files, scratch, want=1).stderr
    e4 = run(jobc, ["check", "-j", "4", "--max-errors", "3"] + files, scratch, want=1).stderr
    check(e1 == e4, f"--max-errors differs between -j 1 and -j 4:\n{e1}\n---\n{e4}")


def scenario_stream(jobc, scratch):
    """Standard output past the size where jobc starts streaming (8 MiB):
    every job once, no empty document, in yaml and json, whether the limit
    is crossed by many jobs or by one big one."""
    import json
    n = 50000
    write(os.path.join(scratch, "many.job"),
          f'for i in range(0, {n}) {{\n  job "j${{i}}" {{ image = "busybox:1.36"; args = ["x"] }}\n}}\n')
    big = "a" * (9 << 20)
    write(os.path.join(scratch, "big.job"),
          f'job small {{ image = "busybox:1.36" }}\n'
          f'job big {{ image = "busybox:1.36"; args = ["{big}"] }}\n'
          f'job after {{ image = "busybox:1.36" }}\n')
    for name, names in (("many.job", [f"j{i}" for i in range(n)]), ("big.job", ["small", "big", "after"])):
        y = run(jobc, ["build", "-w", name], scratch).stdout
        docs = y.split("---\n")
        check(len(docs) == len(names) and all(d.startswith("apiVersion: batch/v1\n") for d in docs),
              f"{name}: {len(docs)} YAML documents for {len(names)} jobs, or an empty one")
        got = [d.split("\n  name: ", 1)[1].split("\n", 1)[0] if "\n  name: " in d else None
               for d in docs]
        check(got == names, f"{name}: the YAML stream has the jobs out of order or twice")
        j = run(jobc, ["build", "-w", "--emit", "json", name], scratch).stdout
        try:
            items = json.loads(j)["items"]
        except (ValueError, KeyError) as e:
            check(False, f"{name}: the JSON stream is not a v1 List: {e}")
            continue
        check([i["metadata"]["name"] for i in items] == names,
              f"{name}: the JSON List has {len(items)} items for {len(names)} jobs")
    # a job whose name is taken, made after the stream began: the names of
    # streamed jobs are still known
    write(os.path.join(scratch, "twice.job"),
          f'for i in range(0, {n}) {{\n  job "j${{i}}" {{ image = "busybox:1.36"; args = ["x"] }}\n}}\n'
          'job j17 { image = "busybox:1.36" }\n')
    r = run(jobc, ["build", "-w", "twice.job"], scratch, want=1)
    check("twice.job:4:5: error: job 'j17' is defined twice" in r.stderr
          and "twice.job:2:7: note: the first job 'j17' is here" in r.stderr
          and "incomplete" in r.stderr, f"a name taken before the stream began: {r.stderr[:600]}")


def scenario_readahead(jobc, scratch):
    """A big build reads its inputs in every thread before parsing them in
    one: a directory, a missing file, a FIFO, bad UTF-8 and NUL bytes among
    twenty inputs are reported the same with -j 1 (no reading ahead) and -j 2,
    and nothing is written."""
    for i in range(1, 21):
        write(os.path.join(scratch, f"j{i:02}.job"), f'job "j{i:02}" {{\n  image = "busybox:1.36"\n}}\n')
    os.remove(os.path.join(scratch, "j05.job"))
    os.mkdir(os.path.join(scratch, "j05.job"))
    os.remove(os.path.join(scratch, "j07.job"))
    os.remove(os.path.join(scratch, "j09.job"))
    os.mkfifo(os.path.join(scratch, "j09.job"))
    with open(os.path.join(scratch, "j11.job"), "wb") as f:
        f.write(b'job "j11" { image = "\xff" }\n')
    with open(os.path.join(scratch, "j13.job"), "wb") as f:
        f.write(b'job "j13" {\0}\n')
    files = [f"j{i:02}.job" for i in range(1, 21)]
    out = {}
    for j in ("1", "2"):
        r = run(jobc, ["build", "-w", "-j", j, "-o", "out" + j] + files, scratch, want=1)
        out[j] = r.stderr
        check(not os.path.exists(os.path.join(scratch, "out" + j)), f"-j {j}: a failed build wrote")
    check(out["1"] == out["2"], f"-j 1 and -j 2 report bad inputs differently:\n{out['1']}\n---\n{out['2']}")
    for want in ("cannot read 'j05.job': is a directory", "cannot read 'j07.job': No such file",
                 "cannot read 'j09.job': not a regular file", "j11.job:1:22: error: 'j11.job' is not valid UTF-8",
                 "j13.job:1:12: error: 'j13.job' contains a NUL byte"):
        check(want in out["2"], f"missing from -j 2: {want}\n{out['2']}")
    ok = run(jobc, ["build", "-w", "-j", "2"] + [f for f in files if f not in
                                                 ("j05.job", "j07.job", "j09.job", "j11.job", "j13.job")],
             scratch).stdout
    check(ok.count("kind: Job") == 15, "the fifteen good inputs do not build")


def scenario_watch(jobc, scratch):
    import select
    write(os.path.join(scratch, "lib.job"), LIB)
    write(os.path.join(scratch, "a.job"), job_file(["one"]))
    p = subprocess.Popen([jobc, "build", "--watch", "-o", "out", "a.job"], cwd=scratch,
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    pending = [b""]

    def line(timeout=10.0):
        """The next line jobc prints, or "" after timeout seconds."""
        end = time.time() + timeout
        while b"\n" not in pending[0]:
            left = end - time.time()
            if left <= 0:
                return ""
            r, _, _ = select.select([p.stderr], [], [], left)
            if r:
                chunk = os.read(p.stderr.fileno(), 65536)
                if not chunk:
                    return ""
                pending[0] += chunk
        text, pending[0] = pending[0].split(b"\n", 1)
        return text.decode() + "\n"

    try:
        first = line()
        check("1 job from 1 file: 1 written" in first, f"first build: {first!r}")
        out = os.path.join(scratch, "out", "one.yaml")
        # an include changes
        write(os.path.join(scratch, "lib.job"), LIB.replace("ttl = 1d", "ttl = 2d"))
        second = line()
        check("1 written" in second and " ms)" in second, f"rebuild after the include: {second!r}")
        check("172800" in open(out).read(), "the include's change did not reach the output")
        # an editor's save: a new file renamed over the input
        write(os.path.join(scratch, "a.job.tmp"), job_file(["one"], extra='  args = ["--v2"]\n'))
        os.rename(os.path.join(scratch, "a.job.tmp"), os.path.join(scratch, "a.job"))
        # the new args change the pod template: the warning of an
        # update Kubernetes refuses comes first, as in any build (JOB124)
        third, warned = line(), ""
        while third and "--watch" not in third:
            warned += third
            third = line()
        check("[JOB124, -Wimmutable-change]" in warned and "args[0]" in warned,
              f"no immutable-change warning before the rebuild: {warned!r}")
        check("1 written" in third, f"rebuild after a rename: {third!r}")
        check("--v2" in open(out).read(), "the renamed input's change did not reach the output")
        # a broken edit: reported, nothing written
        before = open(out).read()
        write(os.path.join(scratch, "a.job"), job_file(["one"], extra="  retries = -1\n"))
        fourth = line()
        while fourth.startswith(("a.job", " ", "note:")) or "error: " in fourth and "--watch" not in fourth:
            fourth = line()
        check("error" in fourth and "nothing written" in fourth, f"broken edit: {fourth!r}")
        check(open(out).read() == before, "a broken edit changed the output")
        # an unrelated file in the folder does not trigger a build
        write(os.path.join(scratch, "notes.txt"), "x")
        check(line(timeout=0.5) == "", "a change to an unrelated file started a build")
    finally:
        p.terminate()
        p.wait(timeout=5)


def main(jobc, examples, scratch, scenario):
    jobc = os.path.abspath(jobc)
    examples = os.path.abspath(examples)
    scratch = os.path.join(os.path.abspath(scratch), scenario)
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    if scenario == "make":
        scenario_make(jobc, examples, scratch)
    elif scenario == "repo":
        scenario_repo(jobc, os.path.join(os.path.dirname(os.path.abspath(__file__)), "repo"), scratch)
    else:
        globals()["scenario_" + scenario](jobc, scratch)
    for f in FAILURES:
        print("FAIL:", f, file=sys.stderr)
    print(f"{scenario}: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
