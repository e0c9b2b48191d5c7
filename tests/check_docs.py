#!/usr/bin/env python3
"""The docs cannot drift from jobc.

  - every ```job block of docs/*.md compiles with `jobc check` (exit 0),
    and what `jobc build` makes of it passes the strict schema check
    (tests/schema/validate.py); every ```job-error block fails (exit 1);
  - docs/fields.md and docs/rules.md are exactly what `jobc doc fields`
    and `jobc doc rules` print now;
  - for every rule in docs/rules.md, its "Fails" example is reported with
    that rule's ID, and its "Passes" example has no error and does not
    mention that ID (what `jobc explain ID` shows is true).

Usage: check_docs.py JOBC DOCS_DIR SCRATCH_DIR
"""
import os
import re
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema"))
import validate  # noqa: E402  (the strict Kubernetes schema check)

SCHEMAS = None


def main(jobc, docs, scratch):
    global SCHEMAS
    SCHEMAS = validate.load_schema()
    built = 0
    failures = []
    os.makedirs(scratch, exist_ok=True)
    blocks = 0
    for name in sorted(os.listdir(docs)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(docs, name)).read()
        for m in re.finditer(r"^```(job|job-error)\n(.*?)^```", text, re.S | re.M):
            kind, body = m.group(1), m.group(2)
            line = text.count("\n", 0, m.start()) + 1
            path = os.path.join(scratch, f"{name[:-3]}-{line}.job")
            with open(path, "w") as f:
                f.write(body)
            # a block may name the options it needs: "# jobc check --emit planton"
            opts = re.search(r"^# jobc check (.*)$", body, re.M)
            extra = opts.group(1).split() if opts else []
            r = subprocess.run([jobc, "check", "-I", docs] + extra + [path], capture_output=True,
                               text=True)
            want = 0 if kind == "job" else 1
            blocks += 1
            if r.returncode != want:
                failures.append(f"docs/{name}:{line}: a ```{kind} block exited {r.returncode}, "
                                f"expected {want}:\n{r.stderr}")
            elif kind == "job" and "--emit" not in extra:
                # what it builds is a valid batch/v1 object
                b = subprocess.run([jobc, "build", "-w", "-I", docs] + extra + [path],
                                   capture_output=True, text=True)
                docs_built = [d for d in yaml.safe_load_all(b.stdout) if d is not None]
                if b.returncode != 0 or not docs_built:
                    failures.append(f"docs/{name}:{line}: jobc build exited {b.returncode}")
                for d in docs_built:
                    failures += validate.check_doc(SCHEMAS, d, f"docs/{name}:{line}")
                    built += 1
    for what in ("fields", "rules"):
        r = subprocess.run([jobc, "doc", what], capture_output=True, text=True)
        path = os.path.join(docs, what + ".md")
        current = open(path).read() if os.path.exists(path) else ""
        if r.returncode != 0 or r.stdout != current:
            failures.append(f"docs/{what}.md is not what `jobc doc {what}` prints; "
                            f"regenerate it: jobc doc {what} > docs/{what}.md")
    # The examples of every rule.
    rules_md = open(os.path.join(docs, "rules.md")).read()
    examples = 0
    for m in re.finditer(r"^## (JOB\d+)\n.*?Fails:\n\n```\n(.*?)\n```\n\nPasses:\n\n```\n(.*?)\n```",
                         rules_md, re.S | re.M):
        rid, bad, good = m.group(1), m.group(2), m.group(3)
        for kind, body in (("fails", bad), ("passes", good)):
            path = os.path.join(scratch, f"{rid}-{kind}.job")
            with open(path, "w") as f:
                f.write(body + "\n")
            # an example may name the options it needs: "# jobc check --kube-version 1.30",
            # and the Job it replaces: "# previous: {...}" (flow YAML), written to
            # <ID>-previous.yaml beside it (for --against <ID>-previous.yaml)
            opts = re.search(r"^# jobc check (.*)$", body, re.M)
            extra = opts.group(1).split() if opts else []
            prev = re.search(r"^# previous: (.*)$", body, re.M)
            if prev:
                with open(os.path.join(scratch, f"{rid}-previous.yaml"), "w") as f:
                    f.write(prev.group(1) + "\n")
            r = subprocess.run([jobc, "check"] + extra + [path], capture_output=True, text=True,
                               cwd=scratch)
            examples += 1
            tagged = f"[{rid}" in r.stderr
            if kind == "fails" and not tagged:
                failures.append(f"{rid}: its failing example is not reported as {rid}:\n{r.stderr}")
            if kind == "passes" and (tagged or r.returncode != 0):
                failures.append(f"{rid}: its passing example fails (exit {r.returncode}):\n{r.stderr}")
    if examples < 2 * 50:
        failures.append(f"only {examples} rule examples found in docs/rules.md")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{blocks} code blocks compiled ({built} manifests schema-checked), "
          f"{examples} rule examples checked, "
          f"{len(failures)} problem(s)")
    if blocks == 0:
        print("error: no code blocks found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
