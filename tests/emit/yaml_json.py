#!/usr/bin/env python3
"""YAML and JSON say the same thing.

For every golden case that compiles (it has expected.yaml or expected.json)
and for the examples, this builds the YAML and the JSON output of the same
input, parses the YAML with libyaml (PyYAML's CSafeLoader: libyaml's parser,
YAML 1.1 types) and the JSON with Python's json module, and requires the
two trees to be equal, document by document (a JSON stream of several jobs
is a v1 List of them).

Usage: yaml_json.py JOBC CASES_DIR EXAMPLES_DIR
"""
import json
import os
import subprocess
import sys

import yaml


def docs_of_json(text):
    v = json.loads(text)
    if isinstance(v, dict) and v.get("kind") == "List" and v.get("apiVersion") == "v1":
        return v["items"]
    return [v]


def compare(jobc, cwd, cmd, where, failures):
    ry = subprocess.run([jobc] + cmd, cwd=cwd, capture_output=True)
    jcmd = [cmd[0], "--emit", "json"] + cmd[1:]
    rj = subprocess.run([jobc] + jcmd, cwd=cwd, capture_output=True)
    if ry.returncode or rj.returncode:
        failures.append(f"{where}: jobc failed:\n{ry.stderr.decode()}{rj.stderr.decode()}")
        return 0
    ydocs = [d for d in yaml.load_all(ry.stdout, Loader=yaml.CSafeLoader) if d is not None]
    jdocs = docs_of_json(rj.stdout)
    if ydocs != jdocs:
        n = min(len(ydocs), len(jdocs))
        first = next((i for i in range(n) if ydocs[i] != jdocs[i]), n)
        failures.append(f"{where}: YAML and JSON differ at document {first} "
                        f"({len(ydocs)} YAML, {len(jdocs)} JSON documents)")
    return len(ydocs)


def main(jobc, cases, examples):
    jobc = os.path.abspath(jobc)
    if not yaml.__with_libyaml__:
        print("error: python3-yaml is built without libyaml", file=sys.stderr)
        return 1
    failures, docs, runs = [], 0, 0
    for dirpath, _, files in sorted(os.walk(cases)):
        if "expected.yaml" not in files and "expected.json" not in files:
            continue
        options = []
        if "options" in files:
            options = open(os.path.join(dirpath, "options")).read().split()
        cmd = ["build", "-w"] + options + ["input.job"]
        if "args" in files:
            cmd = open(os.path.join(dirpath, "args")).read().split()
            if cmd[0] != "build":
                continue
        docs += compare(jobc, dirpath, cmd, dirpath, failures)
        runs += 1
    jobs = sorted(f for f in os.listdir(examples) if f.endswith(".job"))
    docs += compare(jobc, examples, ["build", "-w"] + jobs, "examples", failures)
    runs += 1
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{runs} builds, {docs} documents: YAML (read by libyaml) and JSON equal; "
          f"{len(failures)} problem(s)")
    return 1 if failures or runs < 50 else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
