#!/usr/bin/env python3
"""Turns bench/run.sh's measurements into the Markdown table of
bench/RESULTS.md.  Usage: report.py OUT_DIR JOBC JSONNET PKL"""
import json
import os
import platform
import subprocess
import sys


def hf(out, name):
    p = os.path.join(out, name + ".json")
    if not os.path.exists(p):
        return None
    r = json.load(open(p))["results"][0]
    return r


def med(r):
    return r["median"] if r else None


def mem(out, name):
    p = os.path.join(out, name + ".mem")
    if not os.path.exists(p):
        return None
    kb, secs = open(p).read().split()[:2]
    return int(kb) / 1024, float(secs)


def ms(x, per=1):
    return "—" if x is None else f"{x * 1000 / per:.2f} ms"


def ratio(a, b):
    return "—" if a is None or b is None else f"{a / b:.1f}×"


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "not installed"


def main(out, jobc, jsonnet, pkl):
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print("## Machine\n")
    print(f"- CPU: {cpu}, {os.cpu_count()} cores; kernel {platform.release()}")
    print(f"- {version(['sh', '-c', '. /etc/os-release && echo $PRETTY_NAME'])}; "
          f"{version(['cc', '--version'])}")
    print(f"- {version([jobc, '--version'])}; "
          f"{version([jsonnet, '--version']) if jsonnet else 'jsonnet: not installed'}; "
          f"{version([pkl, '--version']) if pkl else 'Pkl: not installed'}")
    print("\nTimes are medians of hyperfine runs (`hyperfine -N`); memory is GNU time's "
          "maximum resident set size.\n")

    p = {k: med(hf(out, "p-" + k)) for k in ("jobc", "floor", "jsonnet", "pkl")}
    print("## P: one process per job file (a Makefile rule per file)\n")
    print("| tool | per job | jobc is faster by | target |")
    print("|---|---|---|---|")
    print(f"| jobc | {ms(p['jobc'])} | | ≤ 2 ms, ≤ 3× the floor |")
    print(f"| floor (read the inputs, write the bytes) | {ms(p['floor'])} | "
          f"jobc / floor = {ratio(p['jobc'], p['floor'])} | |")
    for k, label in (("jsonnet", "C++ jsonnet"), ("pkl", "Pkl")):
        if p[k]:
            print(f"| {label} | {ms(p[k])} | {ratio(p[k], p['jobc'])} | |")

    keys = ("jobc-fresh-j1", "jobc-fresh-j2", "jobc-rebuild-j1", "jobc-rebuild-j2", "floor-fresh",
            "floor-rebuild")
    f = {k: med(hf(out, "f-" + k)) for k in keys}
    ft = {k: med(hf(out, "f-" + k + "-tmpfs")) for k in keys}
    print("\n## F: one process, 10,000 files sharing a library, -o out\n")
    print("| build | first build (no out/) | rebuild (nothing changed) | first build, tmpfs | rebuild, tmpfs |")
    print("|---|---|---|---|---|")
    for label, j in (("jobc -j 1", "j1"), ("jobc -j 2 (the default here)", "j2")):
        print(f"| {label} | {ms(f['jobc-fresh-' + j])} | {ms(f['jobc-rebuild-' + j])} | "
              f"{ms(ft['jobc-fresh-' + j])} | {ms(ft['jobc-rebuild-' + j])} |")
    print(f"| floor | {ms(f['floor-fresh'])} | {ms(f['floor-rebuild'])} | "
          f"{ms(ft['floor-fresh'])} | {ms(ft['floor-rebuild'])} |")
    print(f"| jobc -j 2 / floor | {ratio(f['jobc-fresh-j2'], f['floor-fresh'])} | "
          f"{ratio(f['jobc-rebuild-j2'], f['floor-rebuild'])} | "
          f"{ratio(ft['jobc-fresh-j2'], ft['floor-fresh'])} | "
          f"{ratio(ft['jobc-rebuild-j2'], ft['floor-rebuild'])} |")
    cpu = hf(out, "f-jobc-rebuild-j2")
    if cpu:
        print(f"\njobc -j 2 rebuild: user {cpu['user'] * 1000:.0f} ms, system {cpu['system'] * 1000:.0f} ms "
              "(CPU time over both cores).")
    counts = {}
    cp = os.path.join(out, "f-counts")
    if os.path.exists(cp):
        for line in open(cp):
            k, n = line.split()
            counts[k] = int(n)
    peers = []
    for k, label in (("jsonnet", "C++ jsonnet"), ("pkl", "Pkl")):
        r = hf(out, "f-" + k)
        if r:
            peers.append((label, r["median"], counts.get(k, 10000)))
    if peers:
        print("\nPeers, one process over the same files (jsonnet through one entry file that "
              "imports them all). A peer run over fewer than 10,000 files is compared per file:\n")
        print("| tool | files | time | per 1,000 files | jobc -j 2 first build is faster by |")
        print("|---|---|---|---|---|")
        jobc_per = f['jobc-fresh-j2'] / 10 if f['jobc-fresh-j2'] else None
        for label, t, n in peers:
            per = t * 1000 / n
            print(f"| {label} | {n:,} | {ms(t)} | {ms(per)} | {ratio(per, jobc_per)} |")

    g = med(hf(out, "g-jobc"))
    gf = med(hf(out, "g-floor"))
    print("\n## G: one file, a `for` that makes 100,000 jobs, to standard output\n")
    print("| tool | jobs | time | per 10,000 jobs | peak memory |")
    print("|---|---|---|---|---|")
    m100 = mem(out, "g100k-jobc")
    print(f"| jobc | 100,000 | {ms(g)} | {ms(g, 10) if g else '—'} | "
          f"{m100[0]:.1f} MiB |" if m100 else f"| jobc | 100,000 | {ms(g)} | | |")
    print(f"| floor (write the same bytes) | 100,000 | {ms(gf)} | {ms(gf, 10) if gf else '—'} | |")
    for k, label in (("jsonnet", "C++ jsonnet"), ("pkl", "Pkl")):
        r = med(hf(out, "g-" + k))
        m = mem(out, f"g10k-{k}")
        if r:
            print(f"| {label} | 10,000 | {ms(r)} | {ms(r)} | {m[0]:.1f} MiB |" if m else
                  f"| {label} | 10,000 | {ms(r)} | {ms(r)} | |")
    print("\njobc's peak memory as the count grows:\n")
    print("| jobs | peak memory | time |")
    print("|---|---|---|")
    for n, k in (("10,000", "g10k"), ("100,000", "g100k"), ("1,000,000", "g1m")):
        m = mem(out, f"{k}-jobc")
        if m:
            print(f"| {n} | {m[0]:.1f} MiB | {m[1]:.2f} s |")

    print("\n## deep: time must grow linearly\n")
    print("| workload | size 1 | size 2 | size 4 | size 4 / size 1 |")
    print("|---|---|---|---|---|")
    for label, names in (("templates in a chain (250, 500, 1,000)", ("chain250", "chain500", "chain1000")),
                         ("keys in one map (2,500, 5,000, 10,000)", ("map2500", "map5000", "map10000")),
                         ("bytes in one string (256 KB, 512 KB, 1 MB)",
                          ("string262144", "string524288", "string1048576"))):
        t = [med(hf(out, "deep-" + n)) for n in names]
        print(f"| {label} | {ms(t[0])} | {ms(t[1])} | {ms(t[2])} | {ratio(t[2], t[0])} |")
    check = os.path.join(out, "check.txt")
    if os.path.exists(check):
        print("\n## Outputs checked\n")
        for line in open(check):
            print(f"- {line.strip()}")


if __name__ == "__main__":
    main(*(sys.argv[1:5] + [""] * (5 - len(sys.argv))))
