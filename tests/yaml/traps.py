#!/usr/bin/env python3
"""The YAML trap table, read back by python3-yaml (YAML 1.1).

Every string of traps.txt goes through jobc twice: once written by jobc's
YAML writer directly (the map the unit test test_yaml_traps writes with
OUT.yaml), and once end to end, as annotation values and args of a job
compiled by `jobc build` (and as Planton env values with --emit planton).
Each output is read with PyYAML's pure-Python SafeLoader and with its
libyaml-based CSafeLoader; every string must come back as the same str.

Usage: traps.py JOBC TEST_YAML_TRAPS TRAPS.txt SCRATCH_DIR
"""
import json
import os
import subprocess
import sys

import yaml


def jobc_string(s):
    """s as a jobc string literal."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "$":
            out.append("\\$")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append("\\u{%x}" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def loaders():
    yield "SafeLoader (pure Python)", yaml.SafeLoader
    if not yaml.__with_libyaml__:
        raise SystemExit("python3-yaml is built without libyaml: CSafeLoader is missing")
    yield "CSafeLoader (libyaml)", yaml.CSafeLoader


def main(jobc, writer, table, scratch):
    traps = []
    with open(table, encoding="ascii") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                traps.append(json.loads(line))
    os.makedirs(scratch, exist_ok=True)
    failures = []

    # 1. the writer itself, keys included
    out = os.path.join(scratch, "writer.yaml")
    subprocess.run([writer, table, out], check=True, capture_output=True)
    text = open(out, encoding="utf-8").read()
    for name, loader in loaders():
        doc = yaml.load(text, Loader=loader)
        for i, s in enumerate(traps):
            got = doc.get(f"t{i}")
            if got != s or type(got) is not str:
                failures.append(f"writer, {name}: {s!r} reads back as {got!r}")

    # 2. end to end: annotation values and args of a compiled job (a jobc
    # string cannot hold a NUL byte, so that one string is left out)
    traps = [s for s in traps if "\0" not in s]
    job = os.path.join(scratch, "traps.job")
    with open(job, "w", encoding="utf-8") as f:
        f.write("job traps {\n  image = \"busybox:1.36\"\n  annotations {\n")
        for i, s in enumerate(traps):
            f.write(f"    t{i} = {jobc_string(s)}\n")
        f.write("  }\n  args = [\n")
        for s in traps:
            f.write(f"    {jobc_string(s)},\n")
        f.write("  ]\n}\n")
    r = subprocess.run([jobc, "build", "-w", job], capture_output=True)
    if r.returncode != 0:
        failures.append(f"jobc build failed: {r.stderr.decode()}")
    else:
        text = r.stdout.decode("utf-8")
        for name, loader in loaders():
            doc = yaml.load(text, Loader=loader)
            ann = doc["metadata"]["annotations"]
            args = doc["spec"]["template"]["spec"]["containers"][0]["args"]
            for i, s in enumerate(traps):
                if ann.get(f"t{i}") != s or type(ann.get(f"t{i}")) is not str:
                    failures.append(f"annotation, {name}: {s!r} reads back as {ann.get(f't{i}')!r}")
                if args[i] != s or type(args[i]) is not str:
                    failures.append(f"args, {name}: {s!r} reads back as {args[i]!r}")

    # 3. Planton: env values (non-empty ones; Planton drops empty values)
    job = os.path.join(scratch, "traps-planton.job")
    kept = [s for s in traps if s]
    with open(job, "w", encoding="utf-8") as f:
        f.write("job traps {\n  namespace = \"t\"\n  image = \"busybox:1.36\"\n"
                "  resources { cpu = 1; memory = 1Gi }\n  env {\n")
        for i, s in enumerate(kept):
            f.write(f"    T{i} = {jobc_string(s)}\n")
        f.write("  }\n}\n")
    r = subprocess.run([jobc, "build", "-w", "--emit", "planton", job], capture_output=True)
    if r.returncode != 0:
        failures.append(f"jobc build --emit planton failed: {r.stderr.decode()}")
    else:
        text = r.stdout.decode("utf-8")
        for name, loader in loaders():
            doc = yaml.load(text, Loader=loader)
            env = doc["spec"]["env"]["variables"]
            for i, s in enumerate(kept):
                got = env[f"T{i}"]["value"]
                if got != s or type(got) is not str:
                    failures.append(f"planton env, {name}: {s!r} reads back as {got!r}")

    for f in failures:
        print(f, file=sys.stderr)
    print(f"{len(traps)} strings, written by the writer, by jobc build and by --emit planton, "
          f"read by PyYAML's two loaders: {len(failures)} failure(s)")
    if len(traps) < 60:
        print("error: the table needs at least 60 strings", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
