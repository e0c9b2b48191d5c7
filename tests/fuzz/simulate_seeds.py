#!/usr/bin/env python3
"""simulate_seeds.py CASES OUT: the seeds of fuzz_simulate from the
jobc simulate cases (tests/cases/simulate/*/): each case's input.job, a
line "---", a first line "#" with the option bytes fuzz_simulate.c reads
(the case's --kube-version, --json, --run-time, --runs, --from,
--suspend-at, --resume-at, --scenario built-in, as far as its tables hold
them), then the case's --pod specs a line each, or its scenario file."""
import os
import shlex
import sys

# fuzz_simulate.c's tables, in its order
KUBE = ["1.35", "1.23", "1.28", "1.30", "1.31"]
RUN_TIMES = [None, "1s", "30s", "7m", "1h", "0s", "90m", "25h", "90s", "5m"]
FROMS = ["2026-01-01T00:00:00Z", "2026-03-08T06:40:00Z", "2026-11-01T05:30:00Z",
         "2026-03-29T00:30:00Z", "2026-10-25T00:30:00Z", "2026-03-08T01:59:00-08:00",
         "2024-02-29T23:59:59Z", "2026-12-31T23:59:00Z", "0", "2147483000",
         "2026-04-05T15:30:00Z", "2026-10-04T16:00:00Z", "2026-03-08T00:00:00Z",
         "2026-06-01T09:30:00+02:00"]
INSTANTS = [None, "0s", "1s", "10s", "1m", "5m", "1h", "90s", "10m", "2h", "24h", "59s", "30m",
            "2m", "12h", "7d"]
BUILTINS = [None, "all-fail", "flaky", "evictions", "all-succeed"]


def byte(ok):
    """A printable byte (no '#' needed, never a newline) that ok accepts."""
    for b in range(33, 127):
        if ok(b):
            return b
    raise ValueError("no printable byte")


def index(table, value):
    return table.index(value) if value in table else 0


def seed(case):
    args = shlex.split(open(os.path.join(case, "args")).read())
    if not args or args[0] != "simulate":
        return None
    o = {"--kube-version": "1.35", "--run-time": None, "--runs": 0, "--from": FROMS[0],
         "--suspend-at": None, "--resume-at": None}
    pods, scenario, json, job = [], None, False, "input.job"
    i = 1
    while i < len(args):
        a = args[i]
        if a.endswith(".job"):
            job = a
        elif a == "--json":
            json = True
        elif a == "--pod" and i + 1 < len(args):
            pods.append(args[i + 1])
            i += 1
        elif a == "--scenario" and i + 1 < len(args):
            scenario = args[i + 1]
            i += 1
        elif a in o and i + 1 < len(args):
            o[a] = args[i + 1]
            i += 1
        i += 1
    k = index(KUBE, o["--kube-version"])
    runs = int(o["--runs"]) if str(o["--runs"]).isdigit() else 0
    builtin = index(BUILTINS, scenario)
    head = bytes([
        byte(lambda b: b % len(KUBE) == k and bool(b & 8) == json),
        byte(lambda b: b % len(RUN_TIMES) == index(RUN_TIMES, o["--run-time"])),
        byte(lambda b: b % 51 == min(runs, 50)),
        byte(lambda b: b % len(FROMS) == index(FROMS, o["--from"])),
        byte(lambda b: b % len(INSTANTS) == index(INSTANTS, o["--suspend-at"])),
        byte(lambda b: b % len(INSTANTS) == index(INSTANTS, o["--resume-at"])),
        byte(lambda b: b % len(BUILTINS) == builtin),
    ])
    lines = pods
    if scenario and not builtin and os.path.exists(os.path.join(case, scenario)):
        # a comment ends a file's line, and is an error in a --pod spec
        lines = [l.split("#")[0].strip() for l in open(os.path.join(case, scenario))]
        lines = [l for l in lines if l]
    if not os.path.exists(os.path.join(case, job)):
        return None
    src = open(os.path.join(case, job), "rb").read()
    if not src.endswith(b"\n"):
        src += b"\n"
    return src + b"---\n#" + head + b"\n" + "".join(l + "\n" for l in lines).encode()


def main():
    cases, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))
    n = 0
    for name in sorted(os.listdir(cases)):
        case = os.path.join(cases, name)
        if not os.path.exists(os.path.join(case, "args")):
            continue
        s = seed(case)
        if s is not None:
            open(os.path.join(out, name), "wb").write(s)
            n += 1
    print(f"{n} simulate seeds in {out}")


if __name__ == "__main__":
    main()
