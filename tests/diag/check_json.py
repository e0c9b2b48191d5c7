#!/usr/bin/env python3
"""--diagnostics json says what the text form says, as JSON.

For every error case of tests/cases (expected.err, expected.planton.err),
the case's command is run twice, with --diagnostics text and json, and
  - every line of the JSON form is one JSON object with the documented
    keys and types (severity, code, message, file, line, column, end_line,
    end_column, notes, fix, included_from);
  - the diagnostics are the same ones, in the same order: severity, file,
    line, column, message and [code] of each header line of the text form,
    its notes (with or without a place), and its fix-it (the line under the
    caret) are all in the JSON object;
  - end_line/end_column lie at or after line/column (the end is one past
    the last byte, as in the text form's ^~~~ underline).
Then colour: --color always colours, never does not, auto colours on a
terminal (a pseudo-terminal here) unless NO_COLOR is set or TERM=dumb, and
never colours a pipe.

Usage: check_json.py JOBC CASES_DIR
"""
import json
import os
import pty
import re
import subprocess
import sys

HEADER = re.compile(r"^(?P<file>[^\s:][^:\n]*):(?P<line>\d+):(?P<col>\d+): "
                    r"(?P<sev>error|warning|note): (?P<msg>.*)$")
BARE = re.compile(r"^(?:jobc: )?(?P<sev>error|warning|note): (?P<msg>.*)$")
CODE = re.compile(r"^(?P<msg>.*) \[(?P<code>JOB\d{3})(?:, (?P<opt>-W[\w=-]+))?\]$")
EXCERPT = re.compile(r"^ *(\d+)? \| ")
PLACE_KEYS = {"file": str, "line": int, "column": int, "end_line": int, "end_column": int}


def parse_text(stderr):
    """The text form: a list of diagnostics with their notes and fix-its."""
    out = []
    lines = stderr.splitlines()
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = HEADER.match(ln)
        b = None if m else BARE.match(ln)
        if not m and not b:
            # an excerpt line; a fix-it is the line after the caret line
            if out and re.match(r"^ +\| +[\^~]", ln) and i + 1 < len(lines):
                nxt = lines[i + 1]
                fm = re.match(r"^ +\| ( *)(\S.*)$", nxt)
                if fm and not re.match(r"^ +\| +[\^~]", nxt) and not HEADER.match(nxt):
                    target = out[-1]["notes"][-1] if out[-1]["notes"] else out[-1]
                    if target is out[-1]:
                        out[-1]["fix"] = fm.group(2)
                    i += 1
            i += 1
            continue
        d = m.groupdict() if m else dict(b.groupdict(), file=None, line=None, col=None)
        c = CODE.match(d["msg"])
        code, opt = (c.group("code"), c.group("opt")) if c else (None, None)
        msg = c.group("msg") if c else d["msg"]
        place = (d["file"], int(d["line"]), int(d["col"])) if d["file"] else None
        if d["sev"] == "note" and out:
            out[-1]["notes"].append({"message": msg, "place": place})
        else:
            out.append({"severity": d["sev"], "code": code, "option": opt, "message": msg,
                        "place": place, "notes": [], "fix": None})
        i += 1
    return out


def check_object(o, where, problems):
    if not isinstance(o, dict):
        problems.append(f"{where}: not a JSON object")
        return
    for key in ("severity", "code", "message", "notes"):
        if key not in o:
            problems.append(f"{where}: no '{key}'")
    if o.get("severity") not in ("error", "warning", "note"):
        problems.append(f"{where}: severity {o.get('severity')!r}")
    if o.get("code") is not None and not re.fullmatch(r"JOB\d{3}", str(o["code"])):
        problems.append(f"{where}: code {o.get('code')!r}")
    if not isinstance(o.get("message"), str) or not o.get("message"):
        problems.append(f"{where}: message {o.get('message')!r}")

    def place(p, what):
        have = [k for k in PLACE_KEYS if k in p]
        if have and len(have) != len(PLACE_KEYS):
            problems.append(f"{where}: {what} has {have} of the place keys")
            return
        for k, t in PLACE_KEYS.items():
            if k in p and not isinstance(p[k], t):
                problems.append(f"{where}: {what}.{k} is {type(p[k]).__name__}")
                return
        if have:
            if p["line"] < 1 or p["column"] < 1:
                problems.append(f"{where}: {what} at {p['line']}:{p['column']}")
            if (p["end_line"], p["end_column"]) < (p["line"], p["column"]):
                problems.append(f"{where}: {what} ends before it starts")

    place(o, "diagnostic")
    for n in o.get("notes", []):
        if not isinstance(n.get("message"), str):
            problems.append(f"{where}: a note without a message")
        place(n, "note")
    if "fix" in o:
        if not isinstance(o["fix"].get("replacement"), str):
            problems.append(f"{where}: fix without a replacement")
        place(o["fix"], "fix")
    for step in o.get("included_from", []):
        place(step, "included_from")


def json_place(o):
    return (o["file"], o["line"], o["column"]) if "file" in o else None


def compare(text, objs, where, problems):
    if len(text) != len(objs):
        problems.append(f"{where}: {len(text)} diagnostics as text, {len(objs)} as JSON")
        return
    for k, (t, o) in enumerate(zip(text, objs)):
        w = f"{where} #{k + 1}"
        if t["severity"] != o.get("severity"):
            problems.append(f"{w}: severity {t['severity']} vs {o.get('severity')}")
        if t["code"] != o.get("code"):
            problems.append(f"{w}: code {t['code']} vs {o.get('code')}")
        if t["option"] != o.get("option"):
            problems.append(f"{w}: option {t['option']} vs {o.get('option')}")
        if t["message"] != o.get("message"):
            problems.append(f"{w}: message {t['message']!r} vs {o.get('message')!r}")
        if t["place"] != json_place(o):
            problems.append(f"{w}: place {t['place']} vs {json_place(o)}")
        notes = o.get("notes", [])
        if [n["message"] for n in t["notes"]] != [n.get("message") for n in notes]:
            problems.append(f"{w}: notes {[n['message'] for n in t['notes']]} vs "
                            f"{[n.get('message') for n in notes]}")
        else:
            for tn, on in zip(t["notes"], notes):
                if tn["place"] != json_place(on):
                    problems.append(f"{w}: note place {tn['place']} vs {json_place(on)}")
        fix = o.get("fix", {}).get("replacement") if o.get("fix") else None
        if t["fix"] != fix:
            problems.append(f"{w}: fix {t['fix']!r} vs {fix!r}")


def case_commands(case):
    opts = open(os.path.join(case, "options")).read().split() \
        if os.path.exists(os.path.join(case, "options")) else []
    if os.path.exists(os.path.join(case, "args")):
        args = open(os.path.join(case, "args")).read().split()
        if os.path.exists(os.path.join(case, "expected.err")) and args[0] in ("check", "build"):
            yield args
        return
    if os.path.exists(os.path.join(case, "expected.err")):
        yield ["check", "-Wno-lints"] + opts + ["input.job"]
    if os.path.exists(os.path.join(case, "expected.planton.err")):
        yield ["check", "-Wno-lints", "--emit", "planton"] + opts + ["input.job"]


def colour(jobc, problems):
    bad = os.path.join(os.environ.get("TMPDIR", "/tmp"), "jobc-colour-test.job")
    open(bad, "w").write("job x {\n  imgae = \"a:b\"\n}\n")

    def on_tty(env_extra, args):
        env = dict(os.environ, **env_extra)
        env.pop("NO_COLOR", None) if "NO_COLOR" not in env_extra else None
        master, slave = pty.openpty()
        p = subprocess.Popen([jobc, "check"] + args + [bad], stdout=subprocess.DEVNULL,
                             stderr=slave, env=env)
        os.close(slave)
        data = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        p.wait()
        os.close(master)
        return b"\x1b[" in data

    env = {"TERM": "xterm"}
    cases = [
        ("auto on a terminal", on_tty(env, []), True),
        ("auto on a terminal, NO_COLOR=1", on_tty(dict(env, NO_COLOR="1"), []), False),
        ("auto on a terminal, NO_COLOR= (empty: not set, as no-color.org says)",
         on_tty(dict(env, NO_COLOR=""), []), True),
        ("auto on a terminal, TERM=dumb", on_tty({"TERM": "dumb"}, []), False),
        ("never on a terminal", on_tty(env, ["--color", "never"]), False),
        ("always on a terminal with NO_COLOR", on_tty(dict(env, NO_COLOR="1"), ["--color=always"]), True),
    ]
    pipe = lambda args: b"\x1b[" in subprocess.run([jobc, "check"] + args + [bad],
                                                  capture_output=True).stderr
    cases += [("auto on a pipe", pipe([]), False),
              ("always on a pipe", pipe(["--color", "always"]), True),
              ("json never colours", pipe(["--color", "always", "--diagnostics", "json"]), False)]
    for name, got, want in cases:
        if got != want:
            problems.append(f"colour, {name}: {'coloured' if got else 'plain'}, expected "
                            f"{'coloured' if want else 'plain'}")
    r = subprocess.run([jobc, "check", "--color", "sometimes", bad], capture_output=True)
    if r.returncode != 2:
        problems.append(f"--color sometimes exited {r.returncode}, expected 2")
    os.unlink(bad)
    return len(cases)


def main(jobc, cases_dir):
    problems = []
    runs = diags = fixes = 0
    for area in sorted(os.listdir(cases_dir)):
        for name in sorted(os.listdir(os.path.join(cases_dir, area))):
            case = os.path.join(cases_dir, area, name)
            for args in case_commands(case):
                where = f"{area}/{name} ({' '.join(args)})"
                text = subprocess.run([jobc] + args, cwd=case, capture_output=True, text=True)
                js = subprocess.run([jobc] + args + ["--diagnostics", "json"], cwd=case,
                                    capture_output=True, text=True)
                runs += 1
                if text.returncode != js.returncode:
                    problems.append(f"{where}: exit {text.returncode} as text, {js.returncode} as JSON")
                objs = []
                for k, line in enumerate(js.stderr.splitlines()):
                    try:
                        objs.append(json.loads(line))
                    except ValueError as e:
                        problems.append(f"{where}: stderr line {k + 1} is not JSON ({e}): {line[:80]}")
                for k, o in enumerate(objs):
                    check_object(o, f"{where} #{k + 1}", problems)
                compare(parse_text(text.stderr), objs, where, problems)
                diags += len(objs)
                fixes += sum("fix" in o for o in objs)
    if runs < 200 or fixes < 3:
        problems.append(f"only {runs} error cases and {fixes} fix-its: the cases were not found?")
    ncolour = colour(jobc, problems)
    for p in problems[:60]:
        print("FAIL:", p)
    print(f"{runs} commands, {diags} diagnostics ({fixes} with a fix) compared; "
          f"{ncolour} colour checks; {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(os.path.abspath(sys.argv[1]), sys.argv[2])
