#!/usr/bin/env python3
"""Hostile input: a clear diagnostic, a non-zero exit, and no output file
created, truncated or changed.

Every scenario runs `jobc build -o OUT ...` where OUT already holds the
output of an earlier good build (and a file of the user's), and checks:
  - the exit status is 1 (2 for a usage error), never a signal;
  - stderr says what is wrong, at file:line:col where there is a place,
    and stays short (a 10 MB line is not echoed back);
  - OUT is exactly as it was: the same files, the same bytes, the same
    modification times, and no temporary file left behind.

The scenarios are the static cases of tests/cases/hostile/ (their
diagnostics are golden there) and the ones that need the file system or a
size no one commits: a 10 MB line, 100,000 nested brackets, a 300,000-term
expression, a 70-file include chain, a directory, an unreadable file, a
symlink loop, a FIFO, /dev/zero, files over the size limits, an output
directory that cannot be written, a full disk (/dev/full, and a 64 KiB
tmpfs when the machine lets us mount one).

Usage: run.py JOBC CASES_DIR SCRATCH
"""
import os
import re
import shutil
import stat
import subprocess
import sys
import time

GOOD = 'job good {\n  image = "busybox:1.36"\n  ttl = 1h\n}\n'


def snapshot(d):
    out = {}
    for root, dirs, files in os.walk(d):
        for n in dirs + files:
            p = os.path.join(root, n)
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode):
                out[os.path.relpath(p, d)] = (st.st_mode, st.st_mtime_ns, open(p, "rb").read())
            else:  # a folder: its entries are compared, not its mtime
                out[os.path.relpath(p, d)] = (st.st_mode,)
    return out


class Runner:
    def __init__(self, jobc, scratch):
        self.jobc, self.scratch = jobc, scratch
        self.problems, self.count = [], 0
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        os.chmod(scratch, 0o777)
        # an output directory from an earlier good build, plus a user's file
        self.out = os.path.join(scratch, "out")
        good = os.path.join(scratch, "good.job")
        open(good, "w").write(GOOD)
        r = subprocess.run([jobc, "build", "-w", "-o", self.out, good], capture_output=True)
        assert r.returncode == 0, r.stderr
        open(os.path.join(self.out, "notes.txt"), "w").write("mine\n")
        os.utime(os.path.join(self.out, "good.yaml"), ns=(10**18, 10**18))
        self.before = snapshot(self.out)

    def check(self, name, args, want_rc=1, want=None, cwd=None, as_nobody=False,
              out_dir=None, stdout=None, max_stderr=20000, timeout=60):
        """Runs jobc build -o OUT args (or the given command) and checks."""
        self.count += 1
        out_dir = out_dir or self.out
        cmd = [self.jobc] + (args if args[0] in ("fmt", "import") else
                             ["build", "-w", "-o", out_dir] + args)
        pre = None
        if as_nobody and os.getuid() == 0:
            pre = lambda: (os.setgid(65534), os.setuid(65534))  # noqa: E731
        t = time.time()
        try:
            r = subprocess.run(cmd, capture_output=stdout is None, stdout=stdout,
                               stderr=subprocess.PIPE if stdout is not None else None,
                               cwd=cwd, preexec_fn=pre, timeout=timeout)
        except subprocess.TimeoutExpired:
            self.problems.append(f"{name}: still running after {timeout} s")
            return
        took = time.time() - t
        err = r.stderr.decode(errors="replace")
        where = f"{name} ({took:.1f} s)"
        if r.returncode < 0:
            self.problems.append(f"{where}: killed by signal {-r.returncode}")
        elif r.returncode != want_rc:
            self.problems.append(f"{where}: exit {r.returncode}, expected {want_rc}:\n{err[:2000]}")
        if want and not re.search(want, err):
            self.problems.append(f"{where}: stderr does not match {want!r}:\n{err[:2000]}")
        if "error" not in err:
            self.problems.append(f"{where}: no error was printed")
        if len(err) > max_stderr:
            self.problems.append(f"{where}: {len(err)} bytes of diagnostics")
        if snapshot(self.out) != self.before:
            self.problems.append(f"{where}: the output directory changed")
            shutil.rmtree(self.out)
            self.__init__(self.jobc, self.scratch)

    def write(self, name, data, mode=0o644):
        p = os.path.join(self.scratch, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, "wb").write(data if isinstance(data, bytes) else data.encode())
        os.chmod(p, mode)
        return p


def main(jobc, cases, scratch):
    R = Runner(os.path.abspath(jobc), scratch)
    S = scratch
    POS = r"\.job:\d+:\d+: error: "

    # the static catalogue: each fails the same way with -o
    for name in sorted(os.listdir(os.path.join(cases, "hostile"))):
        case = os.path.join(cases, "hostile", name)
        if os.path.exists(os.path.join(case, "expected.err")):
            opts = os.path.join(case, "options")
            extra = open(opts).read().split() if os.path.exists(opts) else []
            R.check(f"hostile/{name}", extra + [os.path.join(case, "input.job")], cwd=case)

    # a 10 MB line: a valid one builds (quickly), a broken one is shown as a window
    big = "x" * (10 << 20)
    p = R.write("long-ok.job", 'job long {\n  image = "busybox:1.36"\n  args = ["%s"]\n}\n' % big)
    t = time.time()
    r = subprocess.run([jobc, "build", "-w", p], capture_output=True)
    if r.returncode != 0 or len(r.stdout) < (10 << 20) or time.time() - t > 10:
        R.problems.append(f"a valid 10 MB line: exit {r.returncode}, {len(r.stdout)} bytes, "
                          f"{time.time() - t:.1f} s")
    p = R.write("long-bad.job", 'job long { image = "busybox:1.36"; args = ["%s"]; retrys = 1 }\n' % big)
    R.check("10 MB line with an error at its end", [p], want=r"long-bad\.job:1:\d+: error: unknown field",
            max_stderr=2000)
    p = R.write("long-garbage.job", "@" * (10 << 20))
    R.check("10 MB line of garbage", [p], want=POS, max_stderr=4000)

    # nesting
    p = R.write("brackets.job", "let x = " + "[" * 100000 + "]" * 100000 + "\n")
    R.check("100,000 nested brackets", [p], want=r"nesting is too deep", max_stderr=4000)
    p = R.write("braces.job", "job a " + "{ env " * 50000 + "}" * 50000 + "\n")
    R.check("50,000 nested blocks", [p], want=r"too deep", max_stderr=4000)
    p = R.write("chain.job", "let x = " + " + ".join(["1"] * 300000) +
                '\njob a { image = "busybox:1.36"; retries = x % 7 }\n')
    R.check("a 300,000-term expression", [p], want=r"nested too deep", max_stderr=4000)
    p = R.write("members.job", "let x = { a = 1 }\nlet y = x" + ".a" * 100000 + "\n")
    R.check("100,000 member accesses", [p], want=r"nested too deep", max_stderr=4000)

    # includes
    for i in range(70):
        R.write(f"chain/f{i}.job", f'include "f{i + 1}.job"\n')
    R.write("chain/f70.job", "let z = 1\n")
    p = R.write("chain/main.job", 'include "f0.job"\njob a { image = "busybox:1.36" }\n')
    R.check("a 70-file include chain", [p], want=r"nested more than \d+ files deep", max_stderr=20000)
    d = os.path.join(S, "a-directory.job")
    os.makedirs(d)
    R.check("a directory as an input", [d], want=r"cannot read '.*a-directory\.job': is a directory")
    p = R.write("secret.job", GOOD, mode=0o000)
    R.check("an unreadable input", [p], as_nobody=True, want=r"cannot read '.*secret\.job': Permission denied")
    os.symlink("self.job", os.path.join(S, "self.job"))
    p = R.write("loop-main.job", 'include "self.job"\njob a { image = "busybox:1.36" }\n')
    R.check("an include of a symlink to itself", [p], want=r"loop-main\.job:1:9: error: .*self\.job")
    os.symlink("ping.job", os.path.join(S, "pong.job"))
    os.symlink("pong.job", os.path.join(S, "ping.job"))
    p = R.write("ping-main.job", 'include "ping.job"\njob a { image = "busybox:1.36" }\n')
    R.check("an include of a symlink cycle", [p], want=r"ping-main\.job:1:9: error: .*ping\.job")
    R.check("a symlink loop as an input", [os.path.join(S, "ping.job")],
            want=r"cannot read '.*ping\.job': Too many levels of symbolic links")
    os.mkfifo(os.path.join(S, "fifo.job"))
    p = R.write("fifo-main.job", 'include "fifo.job"\njob a { image = "busybox:1.36" }\n')
    R.check("an include of a FIFO (no writer: must not hang)", [p], want=r"fifo-main\.job:1:9: error: .*fifo\.job",
            timeout=10)
    R.check("a FIFO as an input", [os.path.join(S, "fifo.job")], want=r"fifo\.job", timeout=10)
    R.check("/dev/zero as an input", ["/dev/zero"], want=r"/dev/zero", timeout=20)
    R.check("/dev/zero included", [R.write("zero.job", 'include "/dev/zero"\n')], want=r"zero\.job:1:9: error: ")

    # sizes
    p = os.path.join(S, "huge.job")
    with open(p, "wb") as f:
        f.truncate((64 << 20) + 1)
    R.check("a 64 MiB + 1 byte input", [p], want=r"larger than the input size limit")
    R.check("--max-input-size 1Ki", ["--max-input-size", "1Ki", R.write("2k.job", "#" * 2048 + "\n" + GOOD)],
            want=r"larger than the input size limit")
    p = R.write("long-string.job", 'job a {\n  image = "busybox:1.36"\n  args = ["%s"]\n}\n' % ("y" * (17 << 20)))
    R.check("a 17 MiB string literal", [p], want=r"long-string\.job:3:11: error: this string is \d+ bytes",
            max_stderr=2000)
    p = R.write("many.job", 'for i in range(20) {\n  job "j-${i}" { image = "busybox:1.36"; ttl = 1h }\n}\n')
    R.check("--max-jobs 10 and 20 jobs", ["--max-jobs", "10", p], want=r"more than 10 jobs")

    # jobc import -o: a name that would leave the folder, and a second
    # document that fails: nothing is written
    job_yaml = ('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: %s\nspec:\n  template:\n    spec:\n'
                '      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n')
    p = R.write("evil.yaml", job_yaml % "../evil")
    R.check("import -o of a name that leaves the folder", ["import", "-o", R.out, p],
            want=r"evil\.yaml:1:1: error: the name '\.\./evil' cannot be a file name")
    p = R.write("half.yaml", job_yaml % "fine" + "---\n" + job_yaml % "broken" + "      hostNetwork: true\n")
    R.check("import -o with a second document that fails", ["import", "-o", R.out, p],
            want=r"half\.yaml:\d+:\d+: error: jobc has no field")

    # the output itself
    good = R.write("ok.job", GOOD.replace("good", "ok"))
    ro = os.path.join(S, "readonly")
    os.makedirs(ro)
    os.chmod(ro, 0o555)
    R.check("an output directory that cannot be written", [good], out_dir=ro, as_nobody=True,
            want=r"Permission denied")
    if os.listdir(ro):
        R.problems.append(f"the read-only directory got {os.listdir(ro)}")
    notdir = R.write("plain-file", "x")
    R.check("an output directory below a file", [good], out_dir=os.path.join(notdir, "out"),
            want=r"Not a directory")
    with open("/dev/full", "wb") as full:
        R.count += 1
        r = subprocess.run([jobc, "build", "-w", good], stdout=full, stderr=subprocess.PIPE)
        if r.returncode != 1 or b"No space left on device" not in r.stderr:
            R.problems.append(f"stdout on /dev/full: exit {r.returncode}: {r.stderr.decode()}")
    mnt = os.path.join(S, "tiny")
    os.makedirs(mnt)
    mounted = os.getuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt], capture_output=True).returncode == 0
    if mounted:
        try:
            # a first build that fits, then one that does not: the first stays whole
            tiny_out = os.path.join(mnt, "out")
            r = subprocess.run([jobc, "build", "-w", "-o", tiny_out, good], capture_output=True)
            assert r.returncode == 0, r.stderr
            before = snapshot(tiny_out)
            many = R.write("many-big.job", 'for i in range(400) {\n  job "big-${i}" {\n    image = "busybox:1.36"\n'
                           '    ttl = 1h\n    args = ["%s"]\n  }\n}\njob ok { image = "busybox:1.36"; args = ["new"] }\n'
                           % ("z" * 2000))
            R.count += 1
            r = subprocess.run([jobc, "build", "-w", "-o", tiny_out, many], capture_output=True)
            if r.returncode != 1 or b"No space left on device" not in r.stderr:
                R.problems.append(f"a full disk: exit {r.returncode}: {r.stderr.decode()[:500]}")
            if snapshot(tiny_out) != before:
                R.problems.append("a full disk: the output directory changed")
        finally:
            subprocess.run(["umount", mnt])
    else:
        print("note: no tmpfs could be mounted here; the full-disk case ran on /dev/full only")

    for p in R.problems:
        print("FAIL:", p)
    print(f"{R.count} hostile scenarios; {len(R.problems)} problems")
    return 1 if R.problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
