#!/usr/bin/env python3
"""Jobs that can be applied again (docs/reapply.md), as a build sees them.

  make   examples/Makefile over a copy of examples/: changing a job's image
         prints the immutable-change warning (JOB124) naming
         spec.template.spec.containers[0].image with its old and new value;
         -Werror=immutable-change keeps the old output; with
         name-suffix = hash an image change rewrites the same output file
         with a new Job name and no warning; changing only deadline
         changes neither the name nor prints anything
  file   -o FILE.yaml and .json: the Job of the same name in the last
         stream is the previous one (one warning for the one changed Job)
  hash   name-suffix = hash: known hashes are pinned (a change of the
         canonical form or the hash function fails here); one job written
         several ways (quantity spellings, defaults written or not, map
         order, another mutable field) gives one name; each immutable
         field changes it; the base-name label; -o DIR keeps the base name

Usage: reapply_test.py JOBC EXAMPLES_DIR SCRATCH_DIR SCENARIO
"""
import os
import re
import shutil
import subprocess
import sys

FAILURES = []


def check(cond, msg):
    if not cond:
        FAILURES.append(msg)


def name_of(yaml_text):
    m = re.search(r"^  name: (\S+)$", yaml_text, re.M)
    return m.group(1) if m else None


def scenario_make(jobc, examples, scratch):
    work = os.path.join(scratch, "examples")
    shutil.copytree(examples, work, ignore=shutil.ignore_patterns("out", "expected"))
    src = os.path.join(work, "data-migration.job")
    out = os.path.join(work, "out", "data-migration.yaml")
    text = open(src).read()

    def make(*extra, want=0):
        r = subprocess.run(["make", f"JOBC={jobc}"] + list(extra), cwd=work, capture_output=True,
                           text=True)
        check(r.returncode == want, f"make {' '.join(extra)}: exit {r.returncode}, expected {want}:\n"
              f"{r.stdout}{r.stderr}")
        return r.stderr

    def edit(old, new):
        nonlocal text
        check(old in text, f"data-migration.job has no {old!r}")
        text = text.replace(old, new)
        with open(src, "w") as f:
            f.write(text)

    make()
    first = open(out).read()
    check(name_of(first) == "data-migration", f"a first build names the Job {name_of(first)}")

    # an image change without name-suffix: the warning, with the path, the
    # old and the new value, and the ways out; the output is written
    edit("migration-runner:v1.2.0", "migration-runner:v1.3.0")
    err = make()
    check("[JOB124, -Wimmutable-change]" in err, f"no immutable-change warning:\n{err}")
    check("spec.template.spec.containers[0].image" in err, f"the warning names no path:\n{err}")
    check('was "myregistry/migration-runner:v1.2.0", now "myregistry/migration-runner:v1.3.0"' in err,
          f"the warning lacks the old and new values:\n{err}")
    check("name-suffix = hash" in err and "kubectl delete job data-migration -n batch-jobs" in err,
          f"the warning lacks the ways out:\n{err}")
    check(re.search(r"^data-migration\.job:\d+:\d+: warning: ", err, re.M) is not None,
          f"the warning is not at the changed line:\n{err}")
    check("v1.3.0" in open(out).read(), "the output was not rewritten")

    # -Werror=immutable-change: an error, and the output stays as it was
    edit("migration-runner:v1.3.0", "migration-runner:v1.4.0")
    before = open(out).read()
    err = make("JOBCFLAGS=-Werror=immutable-change", want=2)
    check("error: job 'data-migration' changes" in err, f"-Werror made no error:\n{err}")
    check(open(out).read() == before, "-Werror=immutable-change still wrote the output")
    make()  # back to the warning: the build goes through

    # a mutable field: no word, the same name
    edit("deadline = 1h", "deadline = 2h")
    err = make()
    check(err == "", f"changing deadline printed something:\n{err}")
    check(name_of(open(out).read()) == "data-migration", "changing deadline changed the name")

    # name-suffix = hash: a new name per template, the same output file
    edit("  retries = 3\n", "  retries = 3\n  name-suffix = hash\n")
    make()
    hashed = name_of(open(out).read())
    check(hashed and re.fullmatch(r"data-migration-[0-9a-f]{8}", hashed),
          f"name-suffix = hash named the Job {hashed}")
    check("jobc.dev/base-name: data-migration" in open(out).read(), "no base-name label")
    edit("migration-runner:v1.4.0", "migration-runner:v1.5.0")
    err = make()
    now = name_of(open(out).read())
    check(err == "", f"an image change under name-suffix = hash printed something:\n{err}")
    check(now != hashed and now.startswith("data-migration-"),
          f"an image change kept the name {now} (was {hashed})")
    check(sorted(f for f in os.listdir(os.path.join(work, "out")) if f.startswith("data-migration")) ==
          ["data-migration.yaml"], "the output file is not out/data-migration.yaml alone")
    # and a mutable change keeps the hashed name, silently
    edit("deadline = 2h", "deadline = 3h")
    err = make()
    check(err == "" and name_of(open(out).read()) == now,
          f"changing deadline under name-suffix = hash: {name_of(open(out).read())}, {err!r}")


def build(jobc, cwd, source, *opts):
    path = os.path.join(cwd, "j.job")
    with open(path, "w") as f:
        f.write(source)
    r = subprocess.run([jobc, "build", "-w"] + list(opts) + [path], capture_output=True, text=True)
    check(r.returncode == 0, f"jobc build failed:\n{r.stderr}\n{source}")
    return r.stdout


BASE = """job db-migrate {
  namespace = "data"
  image = "migrate:1.2"
  command = ["migrate", "up"]
  resources { cpu = 500m; memory = 1Gi }
  labels { team = "data"; tier = "batch" }
  env { MODE = "full" }
  deadline = 1h
  ttl = 1d
  name-suffix = hash
}
"""

# Known hashes: the canonical form (reapply.c) and FNV-1a must not drift
# between versions of jobc, or every Job built with name-suffix = hash
# would be renamed by an upgrade.
PINNED = {
    'job db-migrate {\n  image = "migrate:1.2"\n  name-suffix = hash\n}\n': "db-migrate-3b3c3022",
    'job shard {\n  image = "busybox:1.36"\n  indexed = true\n  completions = 8\n  parallelism = 8\n'
    '  retries-per-index = 2\n  failure-rule { action = fail-index; exit-codes = [42] }\n'
    '  name-suffix = hash\n}\n': "shard-22a7f834",
    'job nightly {\n  image = "report:3"\n  schedule = "0 3 * * *"\n  name-suffix = hash\n}\n':
        "nightly-bc42be34",
}


def scenario_hash(jobc, examples, scratch):
    for source, want in PINNED.items():
        got = name_of(build(jobc, scratch, source))
        check(got == want, f"the hash changed: {got}, pinned {want}, for\n{source}")
    base = name_of(build(jobc, scratch, BASE))
    check(base and re.fullmatch(r"db-migrate-[0-9a-f]{8}", base), f"BASE is named {base}")
    same = {
        "cpu spelt 0.5": BASE.replace("cpu = 500m", "cpu = 0.5"),
        "memory spelt 1024Mi": BASE.replace("memory = 1Gi", "memory = 1024Mi"),
        "labels in another order": BASE.replace('team = "data"; tier = "batch"',
                                                'tier = "batch"; team = "data"'),
        "defaults written": BASE.replace("  ttl = 1d\n", '  ttl = 1d\n  restart = never\n'
                                         '  retries = 6\n  parallelism = 1\n  completions = 1\n'
                                         '  image-pull-policy = if-not-present\n'),
        "deadline": BASE.replace("deadline = 1h", "deadline = 2h"),
        "ttl": BASE.replace("ttl = 1d", "ttl = 3d"),
        "retries": BASE.replace("  ttl = 1d\n", "  ttl = 1d\n  retries = 2\n"),
        "suspend": BASE.replace("  ttl = 1d\n", "  ttl = 1d\n  suspend = true\n"),
        "parallelism": BASE.replace("  ttl = 1d\n", "  ttl = 1d\n  parallelism = 3\n  completions = 1\n"),
    }
    for why, source in same.items():
        got = name_of(build(jobc, scratch, source))
        check(got == base, f"{why}: named {got}, not {base}")
    got = name_of(build(jobc, scratch, BASE, "--defaults", "explicit"))
    check(got == base, f"--defaults explicit: named {got}, not {base}")
    other = {
        "image": BASE.replace("migrate:1.2", "migrate:1.3"),
        "command": BASE.replace('"up"', '"down"'),
        "an env value": BASE.replace('"full"', '"fast"'),
        "memory": BASE.replace("memory = 1Gi", "memory = 2Gi"),
        "completions": BASE.replace("  ttl = 1d\n", "  ttl = 1d\n  completions = 3\n"),
        "a failure rule": BASE.replace("  ttl = 1d\n", "  ttl = 1d\n  failure-rule { action = "
                                       "fail-job; exit-codes = [42] }\n"),
        "managed-by": BASE.replace("  ttl = 1d\n", '  ttl = 1d\n  managed-by = "kueue.x-k8s.io/multikueue"\n'),
    }
    seen = {base}
    for why, source in other.items():
        got = name_of(build(jobc, scratch, source))
        check(got not in seen, f"{why}: the name {got} did not change")
        seen.add(got)
    # -o DIR keeps the base name; the label carries it
    path = os.path.join(scratch, "j.job")
    with open(path, "w") as f:
        f.write(BASE)
    r = subprocess.run([jobc, "build", "-w", "-o", "out", path], cwd=scratch, capture_output=True,
                       text=True)
    check(r.returncode == 0 and os.listdir(os.path.join(scratch, "out")) == ["db-migrate.yaml"] or
          sorted(os.listdir(os.path.join(scratch, "out"))) == [".jobc", "db-migrate.yaml"],
          f"-o DIR wrote {os.listdir(os.path.join(scratch, 'out'))}")
    text = open(os.path.join(scratch, "out", "db-migrate.yaml")).read()
    check(name_of(text) == base and "jobc.dev/base-name: db-migrate" in text,
          f"out/db-migrate.yaml:\n{text}")


def scenario_file(jobc, examples, scratch):
    """-o FILE: the Jobs of the last stream are the previous ones; a
    rebuild that writes them as they were compares nothing."""
    src = os.path.join(scratch, "jobs.job")

    def write(image_b):
        with open(src, "w") as f:
            for name, image in (("a", "app:1.0"), ("b", image_b)):
                f.write(f'job {name} {{\n  image = "registry.example/{image}"\n  deadline = 1h\n'
                        f'  ttl = 1d\n  resources {{ cpu = 1; memory = 1Gi }}\n}}\n')

    def build(out):
        r = subprocess.run([jobc, "build", "-o", out, src], cwd=scratch, capture_output=True,
                           text=True)
        check(r.returncode == 0, f"jobc build -o {out}: exit {r.returncode}\n{r.stderr}")
        return r.stderr

    for out in ("all.yaml", "all.json"):
        write("app:1.0")
        build(out)
        check(build(out) == "", f"-o {out}: an unchanged rebuild printed something")
        write("app:2.0")
        err = build(out)
        check(err.count("[JOB124, -Wimmutable-change]") == 1 and "job 'b' changes" in err and
              f"of the Job in {out}" in err, f"-o {out}: the image change of b:\n{err}")
        check(build(out) == "", f"-o {out}: a rebuild after the change printed something")


def main(jobc, examples, scratch, scenario):
    jobc = os.path.abspath(jobc)
    examples = os.path.abspath(examples)
    scratch = os.path.join(os.path.abspath(scratch), "reapply-" + scenario)
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    globals()["scenario_" + scenario](jobc, examples, scratch)
    for f in FAILURES:
        print("FAIL:", f, file=sys.stderr)
    print(f"reapply {scenario}: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
