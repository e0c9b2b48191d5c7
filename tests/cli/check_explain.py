#!/usr/bin/env python3
"""`jobc explain` finds a field by its jobc name, its Kubernetes name or
its Kubernetes path (with or without [0], a CronJob's spec.jobTemplate.spec
included, or the path's end: containers.image), and when a name is used in
several places it leads with the job's own field (the job's or its
container's, the shortest path first) and lists the others after.  A Job
field whose behaviour jobc simulate shows gives a command line, and that
command line runs; so does a rule about such a field (the failure and
success rules), with its passing job as FILE.job.

Usage: check_explain.py JOBC
"""
import os
import re
import tempfile
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# (what is asked, the first line, lines that must follow in this order)
CASES = [
    ("retries", "retries (a field of a job)", []),
    ("backoffLimit", "'backoffLimit' is what Kubernetes calls jobc's 'retries'.", []),
    ("spec.backoffLimit", "'spec.backoffLimit' is what Kubernetes calls jobc's 'retries'.", []),
    ("spec.jobTemplate.spec.backoffLimit",
     "'spec.jobTemplate.spec.backoffLimit' is what Kubernetes calls jobc's 'retries'.", []),
    ("restartPolicy", "'restartPolicy' is what Kubernetes calls jobc's 'restart'.",
     ["restart (a field of a job)", "'restartPolicy' also names:", "  sidecar (a field of init container)"]),
    ("spec.template.spec.restartPolicy",
     "'spec.template.spec.restartPolicy' is what Kubernetes calls jobc's 'restart'.", []),
    ("activeDeadlineSeconds", "'activeDeadlineSeconds' is what Kubernetes calls jobc's 'deadline'.",
     ["deadline (a field of a job)", "'activeDeadlineSeconds' also names:",
      "  pod-deadline (a field of a job)"]),
    ("spec.template.spec.containers[0].image",
     "'spec.template.spec.containers[0].image' is what Kubernetes calls jobc's 'image'.", []),
    ("spec.template.spec.containers[*].image",
     "'spec.template.spec.containers[*].image' is what Kubernetes calls jobc's 'image'.", []),
    ("containers.image", "'containers.image' is what Kubernetes calls jobc's 'image'.", []),
    ("memory", "'memory' is written in jobc's 'resources' block: resources { memory = ... }.",
     ["resources (a field of container)", "'memory' also names:", "  memory (a field of volume)"]),
    ("cpu", "'cpu' is written in jobc's 'resources' block: resources { cpu = ... }.", []),
    ("hostNetwork", "'hostNetwork' is what Kubernetes calls jobc's 'host-network'.",
     ["host-network (a field of a job)"]),
    ("bindMountOptions", "'bindMountOptions' is what Kubernetes calls jobc's 'bind-mount-options'.",
     ["bind-mount-options (a field of volume)"]),
    ("fileKeyRef", "'fileKeyRef' is written in jobc's 'env' block: env { NAME = { valueFrom = "
     "{ fileKeyRef = { volumeName = \"env-files\", path = \"app.env\", key = \"NAME\" } } } }, "
     "an EnvVar as Kubernetes writes it (its name aside); the volume is an empty dir of the pod, "
     "which an init container fills (Kubernetes 1.35 and newer: JOB122, JOB406, JOB407).",
     ["env (a field of container)"]),
    ("failure-rule", "failure-rule (a field of a job)",
     ["See it at work (docs/simulate.md):", "  jobc simulate FILE.job --pod exit=42"]),
    ("success-rule", "success-rule (a field of a job)",
     ["See it at work (docs/simulate.md):", "  jobc simulate FILE.job --pod 'index=0: after=30s'"]),
]

# A field with a jobc simulate command line, and a job (a simulate case's)
# to run that command line on.
HINTS = [
    ("failure-rule", "rule-order-first-match"),
    ("success-rule", "success-indexes"),
    ("retries", "retries-exceeded"),
    ("retries-per-index", "per-index-limit"),
    ("max-failed-indexes", "max-failed-indexes"),
    ("deadline", "deadline"),
    ("replace-pods", "replace-when-failed"),
    ("suspend", "suspended-forever"),
]


def check_hint(jobc, field, case):
    """The command line explain gives for field runs on the case's job and
    prints a verdict (exit 0: completes, 3: fails)."""
    out = subprocess.run([jobc, "explain", field], capture_output=True, text=True).stdout
    lines = out.splitlines()
    at = [i for i, line in enumerate(lines) if line.startswith("See it at work")]
    if not at:
        return f"explain {field}: no jobc simulate command line:\n{out}"
    job = os.path.join(HERE, "..", "cases", "simulate", case, "input.job")
    argv = [job if a == "FILE.job" else a for a in shlex.split(lines[at[0] + 1])]
    r = subprocess.run([jobc] + argv[1:] + ["-w"], capture_output=True, text=True)
    if r.returncode not in (0, 3) or "\nJob " not in r.stdout:
        return f"explain {field}: {lines[at[0] + 1].strip()} exits {r.returncode}:\n{r.stderr}"
    return None


def check_rule_hints(jobc, scratch):
    """Each rule whose explain gives a jobc simulate command line (the
    failure and success rules): the line runs on the rule's passing job
    and prints a verdict.  Returns (rules with a hint, problems)."""
    ids = re.findall(r"^## (JOB\d+)$", subprocess.run([jobc, "doc", "rules"], capture_output=True,
                                                      text=True).stdout, re.M)
    found, problems = [], []
    for rid in ids:
        out = subprocess.run([jobc, "explain", rid], capture_output=True, text=True).stdout
        lines = out.splitlines()
        at = [i for i, line in enumerate(lines) if line.startswith("See it at work")]
        if not at:
            continue
        found.append(rid)
        start = lines.index("This passes:") + 2
        body = []
        for line in lines[start:]:
            if not line.startswith("    "):
                break
            body.append(line[4:])
        job = os.path.join(scratch, f"{rid}.job")
        with open(job, "w") as f:
            f.write("\n".join(body) + "\n")
        argv = [job if a == "FILE.job" else a for a in shlex.split(lines[at[0] + 1])]
        r = subprocess.run([jobc] + argv[1:] + ["-w"], capture_output=True, text=True)
        if r.returncode not in (0, 3) or "\nJob " not in r.stdout:
            problems.append(f"explain {rid}: {lines[at[0] + 1].strip()} on its passing job exits "
                            f"{r.returncode}:\n{r.stderr}")
    for rid in ("JOB109", "JOB110", "JOB116", "JOB117"):
        if rid not in found:
            problems.append(f"explain {rid}: no jobc simulate command line")
    return found, problems


def main(jobc):
    problems = []
    for what, first, after in CASES:
        r = subprocess.run([jobc, "explain", what], capture_output=True, text=True)
        lines = r.stdout.splitlines()
        if r.returncode != 0 or not lines or lines[0] != first:
            problems.append(f"explain {what}: exit {r.returncode}, first line "
                            f"{lines[0] if lines else None!r}, want {first!r}\n{r.stderr}")
            continue
        at = 0
        for want in after:
            hits = [i for i, line in enumerate(lines) if line.startswith(want) and i >= at]
            if not hits:
                problems.append(f"explain {what}: no line {want!r} after line {at}:\n{r.stdout}")
                break
            at = hits[0] + 1
    r = subprocess.run([jobc, "explain", "spec.noSuchField"], capture_output=True, text=True)
    if r.returncode != 2 or "no rule or field is called 'spec.noSuchField'" not in r.stderr:
        problems.append(f"explain spec.noSuchField: exit {r.returncode}: {r.stderr!r}")
    for field, case in HINTS:
        problem = check_hint(jobc, field, case)
        if problem:
            problems.append(problem)
    with tempfile.TemporaryDirectory() as scratch:
        rules, more = check_rule_hints(jobc, scratch)
        problems += more
    for p in problems:
        print("FAIL:", p, file=sys.stderr)
    print(f"explain: {len(CASES) + 1 + len(HINTS)} cases, {len(rules)} rules with a command "
          f"line, {len(problems)} failure(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
