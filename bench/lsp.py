#!/usr/bin/env python3
"""bench/lsp.py JOBC [N] - how long jobc lsp takes to publish diagnostics
after a change, on a 1,000-line file that includes a library.

Writes a scratch repository (bench/out/lsp/), starts `jobc lsp`, opens
jobs.job (1,000 lines, 62 jobs, two includes of templates and lets), then
sends N incremental changes (default 200), each a one-character edit of a
value, alternately valid and not, and times each from the change's last
byte written to the publishDiagnostics of that version read.  Prints the
median, the 90th percentile and the maximum, and the same for opening.
The target (issue 16): under 20 ms after a change."""
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def write_repo(root):
    os.makedirs(os.path.join(root, "lib"), exist_ok=True)
    with open(os.path.join(root, "lib", "base.job"), "w") as f:
        f.write('include "std/presets.job"\n')
        f.write('let registry = "registry.example.com/data"\n')
        for t in range(12):
            f.write(f'template etl{t}(tag = "1.{t}", cpu_req = 250m) : batch {{\n'
                    f'  image = "${{registry}}/etl{t}:${{tag}}"\n'
                    f'  resources {{ cpu = cpu_req..1; memory = 512Mi..1Gi }}\n'
                    f'  labels {{ team = "data"; pipeline = "etl{t}" }}\n'
                    f'  env {{ STAGE = "{t}"; LOG_LEVEL = "info" }}\n'
                    f'}}\n')
    with open(os.path.join(root, "lib", "ops.job"), "w") as f:
        f.write('template nightly : std.batch {\n  schedule = "0 3 * * *"\n  timezone = "Europe/Berlin"\n}\n'
                .replace("std.batch", "batch"))
    lines = ['include "lib/base.job"', 'include "lib/ops.job"', '']
    j = 0
    while len(lines) < 990:
        t = j % 12
        lines += [f'job etl-{j:03d} : etl{t}("2.{j}") {{',
                  f'  args = ["--shard", "{j}", "--date", "${{date}}"]',
                  f'  deadline = {30 + j % 30}m',
                  f'  ttl = 1d',
                  f'  retries = {j % 5}',
                  f'  parallelism = {1 + j % 4}',
                  f'  completions = {4 + j % 4}',
                  f'  annotations {{ owner = "team-{j % 7}" }}',
                  f'  volume scratch {{ empty-dir = true; size-limit = 1Gi; mount = "/scratch" }}',
                  f'  container sidecar {{ image = "busybox:1.36"; args = ["sleep", "1"]; resources {{ cpu = 10m..100m; memory = 16Mi..32Mi }} }}',
                  f'  resources {{ memory = {256 + j}Mi..2Gi }}',
                  f'  env {{ SHARD = "{j}"; TOTAL = "62" }}',
                  f'  labels {{ shard = "{j}" }}',
                  f'  pod-deadline = 20m',
                  f'  node-selector {{ "kubernetes.io/arch" = "amd64" }}',
                  '}']
        j += 1
    lines.insert(2, 'param date = "2026-12-03"')
    text = "\n".join(lines[:1000]) + "\n"
    while not text.rstrip().endswith("}"):
        text = "\n".join(text.split("\n")[:-2]) + "\n"
    with open(os.path.join(root, "jobs.job"), "w") as f:
        f.write(text)
    return text


class Server:
    def __init__(self, jobc, cwd):
        self.p = subprocess.Popen([jobc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  cwd=cwd, env=dict(os.environ, XDG_CACHE_HOME=os.path.join(cwd, "cache")))

    def send(self, msg):
        msg["jsonrpc"] = "2.0"
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = 0
        while True:
            line = self.p.stdout.readline().strip()
            if not line:
                break
            k, _, v = line.partition(b":")
            if k.lower() == b"content-length":
                length = int(v)
        return json.loads(self.p.stdout.read(length))

    def until_diags(self, uri, version):
        while True:
            m = self.read()
            if (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                    and m["params"].get("version") == version):
                return m["params"]["diagnostics"]


def stats(ms):
    ms = sorted(ms)
    return (f"median {statistics.median(ms):.2f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.2f} ms, "
            f"max {ms[-1]:.2f} ms ({len(ms)} runs)")


def main(jobc, n):
    root = os.path.join(HERE, "out", "lsp")
    text = write_repo(root)
    path = os.path.join(root, "jobs.job")
    uri = "file://" + path
    s = Server(jobc, root)
    s.send({"id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}})
    s.read()
    s.send({"method": "initialized", "params": {}})
    opens = []
    for v in range(1, 6):
        t0 = time.perf_counter()
        s.send({"method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "job", "version": v, "text": text}}})
        d = s.until_diags(uri, v)
        opens.append((time.perf_counter() - t0) * 1000)
        s.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
    s.send({"method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "job", "version": 100, "text": text}}})
    base = s.until_diags(uri, 100)
    # the digit of 'retries = N' on the line of the first job: 3 (valid) or - (an error)
    lines = text.split("\n")
    ln = next(i for i, l in enumerate(lines) if l.startswith("  retries = "))
    col = len("  retries = ")
    valid, broken, errors = [], [], 0
    for k in range(n):
        v = 101 + k
        new = "-" if k % 2 == 0 else "3"
        old_len = 1
        s.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"range": {"start": {"line": ln, "character": col},
                                          "end": {"line": ln, "character": col + old_len}},
                                "text": new}]}})
        t0 = time.perf_counter()
        d = s.until_diags(uri, v)
        (broken if new == "-" else valid).append((time.perf_counter() - t0) * 1000)
        errors += any(x["severity"] == 1 for x in d)
    s.send({"id": 2, "method": "shutdown"})
    s.send({"method": "exit"})
    s.p.wait()
    assert errors == (n + 1) // 2, f"{errors} of {n} changes had errors; {(n + 1) // 2} should"
    print(f"jobs.job: {len(lines) - 1} lines, {text.count('job etl-')} jobs, "
          f"{len(base)} diagnostics (warnings) when valid")
    print(f"open:   {stats(opens)}")
    print(f"change, to a valid file:       {stats(valid)}")
    print(f"change, to one with an error:  {stats(broken)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200))
