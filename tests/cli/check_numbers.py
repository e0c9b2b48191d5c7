#!/usr/bin/env python3
"""The options that take a number (-j, --max-errors, --max-input-size,
--max-iterations, --max-jobs) accept and refuse the same values, with the
same messages, whichever option it is: one parser reads them all, from the
option table's number column.  Each value is given to `jobc check` with a
file that does not exist: a value read is past the options (exit 1, "cannot
read"); a value refused is a usage error (exit 2) with its message.

Usage: check_numbers.py JOBC
"""
import os
import subprocess
import sys

THREADS = "-j needs a number of threads, 1 to 256, got '{}'"
COUNT = "--max-errors needs a number, got '{}'"
BYTES = ("--max-input-size needs a positive number of bytes (with Ki, Mi or Gi), at most 4Gi, "
         "got '{}'")
ITERATIONS = "--max-iterations needs a positive number, got '{}'"
JOBS = "--max-jobs needs a positive number, got '{}'"

# (the arguments, the message when the value is refused, or None)
CASES = [
    (["-j", "1"], None), (["-j", "256"], None), (["-j4"], None), (["--jobs=8"], None),
    (["-j", "+5"], None), (["-j", " 5"], None),
    (["-j", "0"], THREADS.format("0")), (["-j", "257"], THREADS.format("257")),
    (["-j", "-1"], THREADS.format("-1")), (["-j", "3x"], THREADS.format("3x")),
    (["-j", ""], THREADS.format("")), (["--jobs", "x"], THREADS.format("x")),
    (["-j", "1Ki"], THREADS.format("1Ki")),
    (["-j", "99999999999999999999"], THREADS.format("99999999999999999999")),
    (["--max-errors", "0"], None), (["--max-errors", "-0"], None),
    (["--max-errors=4294967297"], None), (["--max-errors", "9223372036854775807"], None),
    (["--max-errors", "-1"], COUNT.format("-1")), (["--max-errors", "5 "], COUNT.format("5 ")),
    (["--max-errors="], COUNT.format("")),
    (["--max-errors", "9223372036854775808"], COUNT.format("9223372036854775808")),
    (["--max-input-size", "1"], None), (["--max-input-size", "1Ki"], None),
    (["--max-input-size", "64Mi"], None), (["--max-input-size", "4Gi"], None),
    (["--max-input-size", "4194304Ki"], None), (["--max-input-size", "4294967296"], None),
    (["--max-input-size", "0"], BYTES.format("0")), (["--max-input-size", "0Ki"], BYTES.format("0Ki")),
    (["--max-input-size", "Ki"], BYTES.format("Ki")), (["--max-input-size", "-1"], BYTES.format("-1")),
    (["--max-input-size", " -0"], BYTES.format(" -0")),
    (["--max-input-size", "4194305Ki"], BYTES.format("4194305Ki")),
    (["--max-input-size", "4294967297"], BYTES.format("4294967297")),
    (["--max-input-size", "5Gi"], BYTES.format("5Gi")), (["--max-input-size", "1Ti"], BYTES.format("1Ti")),
    (["--max-input-size", "1KiB"], BYTES.format("1KiB")), (["--max-input-size", "1ki"], BYTES.format("1ki")),
    (["--max-input-size", "18446744073709551615"], BYTES.format("18446744073709551615")),
    (["--max-iterations", "1"], None), (["--max-iterations", "1099511627776"], None),
    (["--max-iterations", "1099511627777"], ITERATIONS.format("1099511627777")),
    (["--max-iterations", "0"], ITERATIONS.format("0")),
    (["--max-iterations", "1Ki"], ITERATIONS.format("1Ki")),
    (["--max-iterations", "-5"], ITERATIONS.format("-5")),
    (["--max-iterations", " -5"], ITERATIONS.format(" -5")),
    (["--max-jobs", "1000000"], None), (["--max-jobs=0"], JOBS.format("0")),
    (["--max-jobs", "9223372036854775808"], JOBS.format("9223372036854775808")),
]


def main(jobc):
    problems = []
    for args, message in CASES:
        r = subprocess.run([jobc, "check"] + args + ["no-such-input.job"], capture_output=True,
                           text=True, stdin=subprocess.DEVNULL)
        if message is None:
            if r.returncode != 1 or "cannot read 'no-such-input.job'" not in r.stderr:
                problems.append(f"{args}: not read as a number: exit {r.returncode}, {r.stderr!r}")
        else:
            want = f"jobc: error: {message}\nTry 'jobc help check'.\n"
            if r.returncode != 2 or r.stderr != want:
                problems.append(f"{args}: exit {r.returncode}, {r.stderr!r}; want exit 2, {want!r}")
    for p in problems:
        print("FAIL:", p)
    print(f"{len(CASES)} number values checked; {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(os.path.abspath(sys.argv[1]))
