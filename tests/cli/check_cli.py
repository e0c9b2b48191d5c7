#!/usr/bin/env python3
"""--help, the completion scripts and the man page say the same thing.

They are all printed from one option table in compiler/driver/cli.c; this test
holds them to it, from the outside:
  - `jobc help` lists every command with its description in one column;
    `jobc help CMD` lists CMD's options;
  - bash: the script passes `bash -n`, and completing "jobc CMD --" in a
    real bash (the completion function called as bash calls it) offers
    exactly CMD's long options; values complete (--emit, --color,
    explain's rule IDs and templates, completion's shells);
  - fish: the script passes `fish --no-execute`, and `complete -C` offers
    the same options and values;
  - zsh: the script passes `zsh -n`, and each command's block names each of
    its options;
  - explain: a name that is both a field and a rule explains both;
  - man: `jobc man` renders with groff and no warning, and every command
    and every option (with the commands it belongs to) is in it.

Usage: check_cli.py JOBC
"""
import os
import re
import subprocess
import sys
import tempfile


def sh(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def help_options(jobc, cmd):
    """The options `jobc help CMD` lists: {name: takes_value}."""
    out = sh([jobc, "help", cmd]).stdout
    opts = {}
    for line in out.split("Options:\n", 1)[1].splitlines():
        m = re.match(r"^  (?:-(\w), )?(--?[\w-]+)(?: (\S+))?", line)
        if not m:
            m = re.match(r"^      (--[\w-]+)(?: (\S+))?", line)
            if m:
                opts[m.group(1)] = m.group(2)
            continue
        if m.group(1):
            opts["-" + m.group(1)] = m.group(3)
        opts[m.group(2)] = m.group(3)
    return opts


def bash_complete(script, line):
    """What bash offers for LINE (the cursor at its end)."""
    words = line.split(" ")
    prog = (f"source {script}\n"
            f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
            f"COMP_CWORD={len(words) - 1}\n"
            f"COMP_LINE={line!r}; COMP_POINT={len(line)}\n"
            "_jobc\n"
            "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    r = sh(["bash", "-c", prog], cwd=tempfile.gettempdir())
    return set(x for x in r.stdout.splitlines() if x)


def fish_complete(script, line):
    r = sh(["fish", "-c", f"source {script}; complete -C {line!r}"])
    return set(x.split("\t")[0] for x in r.stdout.splitlines() if x)


def main(jobc):
    problems = []
    top = sh([jobc, "help"]).stdout
    cmds = re.findall(r"^  jobc (\w+) ", top, re.M)
    if len(cmds) < 9:
        problems.append(f"jobc help lists {cmds}")
    cols = {m.start(2) - m.start(0) for m in re.finditer(r"^(  jobc .*\S)  +(\S.*)$", top, re.M)}
    if len(cols) != 1:
        problems.append(f"jobc help's descriptions start at columns {sorted(cols)}, not one")
    cmds = [c for c in cmds if c != "help"]
    options = {c: help_options(jobc, c) for c in cmds}
    for c in ("build", "check", "fmt", "import"):
        for o in ("--diagnostics", "--color", "--help"):
            if o not in options[c]:
                problems.append(f"jobc help {c} does not list {o}")

    with tempfile.TemporaryDirectory() as tmp:
        scripts = {}
        for shell in ("bash", "zsh", "fish"):
            r = sh([jobc, "completion", shell])
            if r.returncode != 0 or not r.stdout:
                problems.append(f"jobc completion {shell} exited {r.returncode}")
            scripts[shell] = os.path.join(tmp, "jobc." + shell)
            open(scripts[shell], "w").write(r.stdout)
        r = sh([jobc, "completion", "tcsh"])
        if r.returncode != 2:
            problems.append(f"jobc completion tcsh exited {r.returncode}, expected 2")

        for shell, check in (("bash", ["bash", "-n"]), ("zsh", ["zsh", "-n"]),
                             ("fish", ["fish", "--no-execute"])):
            r = sh(check + [scripts[shell]])
            if r.returncode != 0:
                problems.append(f"{shell} rejects the script: {r.stderr}")

        # bash and fish, run for real
        for shell, complete in (("bash", bash_complete), ("fish", fish_complete)):
            s = scripts[shell]
            got = complete(s, "jobc ")
            if not set(cmds) <= got:
                problems.append(f"{shell}: 'jobc <tab>' offers {sorted(got)}")
            for c in cmds:
                want = {o for o in options[c] if o.startswith("--")}
                got = complete(s, f"jobc {c} --")
                if got != want:
                    problems.append(f"{shell}: 'jobc {c} --<tab>' offers {sorted(got)}, "
                                    f"help lists {sorted(want)}")
            for line, want in (("jobc build --emit ", {"yaml", "json", "planton"}),
                               ("jobc check --color ", {"auto", "always", "never"}),
                               ("jobc build --diagnostics ", {"text", "json"}),
                               ("jobc build --layout ", {"flat", "namespace"}),
                               ("jobc completion ", {"bash", "zsh", "fish"}),
                               ("jobc doc ", {"fields", "rules"})):
                got = complete(s, line)
                if got != want:
                    problems.append(f"{shell}: '{line}<tab>' offers {sorted(got)}, expected {sorted(want)}")
            got = complete(s, "jobc explain JOB10")
            if not {"JOB101", "JOB102"} <= got or any(not g.startswith("JOB10") for g in got):
                problems.append(f"{shell}: 'jobc explain JOB10<tab>' offers {sorted(got)}")
            got = complete(s, "jobc explain std/")
            if not {"std/batch", "std/restricted", "std/small", "std/indexed"} <= got:
                problems.append(f"{shell}: 'jobc explain std/<tab>' offers {sorted(got)}")
            got = complete(s, "jobc explain retr")
            if "retries" not in got:
                problems.append(f"{shell}: 'jobc explain retr<tab>' offers {sorted(got)}")

        # explain: a name that is a field and a rule (dns-policy, host-users)
        # explains both, the field first
        for name, rule in (("dns-policy", "JOB202"), ("host-users", "JOB215")):
            out = sh([jobc, "explain", name]).stdout
            f, r = out.find(f"{name} (a field of a job)"), out.find(f"{rule} {name} (error)")
            if f < 0 or r < f:
                problems.append(f"jobc explain {name} does not explain the field, then {rule}")

        # zsh: each command's block names its options
        z = open(scripts["zsh"]).read()
        for c in cmds:
            m = re.search(r"^    %s\) opts=\((.*?)\)(?:\n      rest=.*)? ;;$" % c, z, re.S | re.M)
            if not m:
                problems.append(f"zsh: no block for {c}")
                continue
            named = set(re.findall(r"'(--?[\w-]+)\[", m.group(1)))
            if named != set(options[c]):
                problems.append(f"zsh: {c} names {sorted(named)}, help lists {sorted(options[c])}")

    # the man page
    man = sh([jobc, "man"])
    if man.returncode != 0 or not man.stdout.startswith(".TH JOBC 1"):
        problems.append(f"jobc man exited {man.returncode} or is not a section 1 page")
    r = subprocess.run(["groff", "-man", "-Tascii", "-ww", "-P-c", "-P-b", "-P-u"],
                       input=man.stdout, capture_output=True, text=True)
    if r.returncode != 0 or r.stderr:
        problems.append(f"groff warns on the man page: {r.stderr[:500]}")
    page = re.sub(r"-\n\s+", "-", r.stdout)          # hyphenated line breaks
    page = re.sub(r"\s+", " ", page)
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS",
                    "ENVIRONMENT", "EXAMPLES"):
        if f" {section} " not in f" {page} ":
            problems.append(f"man page has no {section} section")
    for c in cmds:
        if f"jobc {c}" not in page:
            problems.append(f"man page does not show 'jobc {c}'")
    if re.search(r"^\.B .*[^\\]-", man.stdout, re.M):
        problems.append("man page has an unescaped - in an option name (roff turns it into a hyphen)")
    # the option entries of the source: .TP, .B NAMES, then the text, ending
    # in the commands it belongs to
    entries = {}
    for m in re.finditer(r'^\.TP\n\.B (\\-.*)\n(.*)\(([a-z, ]+)\)$', man.stdout, re.M):
        names = m.group(1).replace("\\-", "-").split('"')[0]
        for n in names.replace(",", " ").split():
            entries.setdefault(n, set()).update(x.strip() for x in m.group(3).split(","))
    every = {}
    for c, opts in options.items():
        for o in opts:
            every.setdefault(o, set()).add(c)
    for o, users in sorted(every.items()):
        if o in ("-h", "--help"):
            continue
        if o not in entries:
            problems.append(f"man page has no entry for {o}")
        elif not users <= entries[o]:
            problems.append(f"man page lists {o} for {sorted(entries[o])}; help has it in {sorted(users)}")
    for p in problems:
        print("FAIL:", p)
    print(f"{len(cmds)} commands, {len(every)} options checked in help, bash, fish, zsh and "
          f"the man page; {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(os.path.abspath(sys.argv[1]))
