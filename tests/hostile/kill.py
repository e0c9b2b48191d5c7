#!/usr/bin/env python3
"""SIGKILL in the middle of a build never leaves a half-written file.

A build of 2,000 jobs (40 input files, each output a few KB) is made twice
into reference folders, once with -D tag=one and once with -D tag=two.
Then, into one output folder, builds alternate between the two tags and
each is killed with SIGKILL after a random delay spread over the length of
a whole build (so some die while compiling, some while writing, some while
renaming, a few not at all).  After every kill, every file in the output
folder must be byte for byte the file of one of the two references — the
old complete version or the new complete one — and no file may be there
that neither reference has (jobc's own .jobc/ folder aside).  The next
uninterrupted build must then succeed, match its reference exactly, and
leave no temporary file behind.

Usage: kill.py JOBC SCRATCH [ROUNDS]
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import time

N_FILES, JOBS_PER_FILE = 40, 50


def tree(d):
    out = {}
    for root, dirs, files in os.walk(d):
        dirs[:] = [x for x in dirs if x != ".jobc"]
        for n in files:
            p = os.path.join(root, n)
            out[os.path.relpath(p, d)] = open(p, "rb").read()
    return out


def main(jobc, scratch, rounds=60):
    shutil.rmtree(scratch, ignore_errors=True)
    src = os.path.join(scratch, "jobs")
    os.makedirs(src)
    for f in range(N_FILES):
        open(os.path.join(src, f"team{f:02d}.job"), "w").write(
            f'param tag = "one"\n'
            f'for i in range({JOBS_PER_FILE}) {{\n'
            f'  job "team{f:02d}-etl-${{i}}" {{\n'
            f'    image = "registry.example.com/etl:${{tag}}"\n'
            f'    args = ["--shard", "${{i}}", "--tag", tag, "--pad", "{"p" * 2000}"]\n'
            f'    env {{ TAG = tag; SHARD = i }}\n'
            f'    resources {{ cpu = 100m..1; memory = 128Mi..1Gi }}\n'
            f'    deadline = 1h\n    ttl = 1d\n'
            f'  }}\n}}\n')
    inputs = sorted(os.path.join(src, n) for n in os.listdir(src))
    refs = {}
    full = {}
    for tag in ("one", "two"):
        d = os.path.join(scratch, "ref-" + tag)
        t = time.time()
        r = subprocess.run([jobc, "build", "-w", "-D", f"tag={tag}", "-o", d] + inputs, capture_output=True)
        full[tag] = time.time() - t
        assert r.returncode == 0, r.stderr
        refs[tag] = tree(d)
    assert len(refs["one"]) == N_FILES * JOBS_PER_FILE
    assert all(refs["one"][k] != refs["two"][k] for k in refs["one"])
    out = os.path.join(scratch, "out")
    r = subprocess.run([jobc, "build", "-w", "-D", "tag=one", "-o", out] + inputs, capture_output=True)
    assert r.returncode == 0, r.stderr
    span = max(full.values()) * 1.2
    rng = random.Random(20261201)
    problems = []
    kills = completed = mixed = 0
    for k in range(rounds):
        tag = ("two", "one")[k % 2]
        p = subprocess.Popen([jobc, "build", "-w", "-D", f"tag={tag}", "-o", out] + inputs,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, span))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        rc = p.wait()
        if rc == 0:
            completed += 1
        now = tree(out)
        versions = set()
        for name, data in now.items():
            if data == refs["one"].get(name):
                versions.add("one")
            elif data == refs["two"].get(name):
                versions.add("two")
            else:
                problems.append(f"round {k}: {name} is neither version ({len(data)} bytes)")
        if set(now) != set(refs["one"]):
            problems.append(f"round {k}: files {sorted(set(now) ^ set(refs['one']))[:5]} ...")
        mixed += len(versions) > 1
        if problems:
            break
    # an uninterrupted build puts everything right and leaves no temporary file
    r = subprocess.run([jobc, "build", "-w", "-D", "tag=two", "-o", out] + inputs, capture_output=True)
    if r.returncode != 0 or tree(out) != refs["two"]:
        problems.append(f"the build after the kills: exit {r.returncode}, or not the reference")
    left = os.listdir(os.path.join(out, ".jobc", "tmp")) if os.path.isdir(os.path.join(out, ".jobc", "tmp")) else []
    if left:
        problems.append(f"temporary files left after a good build: {left[:5]}")
    for p in problems[:20]:
        print("FAIL:", p)
    print(f"{rounds} builds of {N_FILES * JOBS_PER_FILE} files (a full build takes {full['one']:.2f} s): "
          f"{kills} killed, {completed} completed, {mixed} left a mix of old and new files, "
          f"every file always whole; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2], *(int(x) for x in sys.argv[3:])))
