#!/usr/bin/env python3
"""Strict validation of Kubernetes batch/v1 manifests against the official
OpenAPI schema (compiler/kube/schema/k8s-batch-v1-openapi.json, kubernetes/kubernetes
api/openapi-spec/v3/apis__batch__v1_openapi.json).

Strict means what kubectl's strict field validation means, and more:
  - every object schema is closed: an unknown key is an error;
  - types are checked as a YAML 1.1 reader (kubectl, PyYAML) types them, so
    an unquoted `yes` where a string belongs is an error;
  - int32 and int64 fields must fit their range;
  - apiVersion and kind must be batch/v1 Job or CronJob;
  - a key written twice in one map is an error (kubectl's strict decoding
    rejects it; a YAML reader would keep the last value).

Usage:
  validate.py FILE...                       validate every document of each file
  validate.py --jobc JOBC --cases DIR...    run `jobc build` in each case folder
                                            holding an expected.yaml and validate
                                            what it prints
  validate.py --expect-invalid FILE...      each file must be rejected
Exit status 0 when everything is as expected, 1 otherwise.
"""
import json
import os
import subprocess
import sys

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "#/components/schemas/"
INT32 = (-(2 ** 31), 2 ** 31 - 1)
INT64 = (-(2 ** 63), 2 ** 63 - 1)


def strict(node):
    """Returns a copy of an OpenAPI schema node that JSON Schema can check
    strictly: closed objects, integer ranges, local $refs."""
    if isinstance(node, list):
        return [strict(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k.startswith("x-kubernetes") or k in ("description", "default"):
            continue
        if k == "$ref":
            out[k] = "#/definitions/" + v[len(PREFIX):]
        else:
            out[k] = strict(v)
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    if "properties" in out and "type" not in out:
        out["type"] = "object"
    fmt = node.get("format")
    if node.get("type") == "integer" and fmt in ("int32", "int64"):
        lo, hi = INT32 if fmt == "int32" else INT64
        out["minimum"], out["maximum"] = lo, hi
    return out


def load_schema():
    with open(os.path.join(HERE, "..", "..", "compiler", "kube", "schema", "k8s-batch-v1-openapi.json")) as f:
        doc = json.load(f)
    defs = {k: strict(v) for k, v in doc["components"]["schemas"].items()}
    def root(name):
        return {"$ref": "#/definitions/io.k8s.api.batch.v1." + name, "definitions": defs}
    return {"Job": root("Job"), "CronJob": root("CronJob")}


class NoBools(jsonschema.Draft7Validator):
    pass


def _is_integer(checker, instance):
    # bool is an int in Python; YAML true is never a valid integer here.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_number(checker, instance):
    return isinstance(instance, (int, float)) and not isinstance(instance, bool)


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key written twice in one map (a
    merge key's entries may be overridden, as YAML says)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: the constructor reports it
                if first is not key_node:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        f"found duplicate key {key!r} (first at line {first.start_mark.line + 1})",
                        key_node.start_mark)
        return super().construct_mapping(node, deep)


TYPES = jsonschema.Draft7Validator.TYPE_CHECKER.redefine_many(
    {"integer": _is_integer, "number": _is_number})
Validator = jsonschema.validators.extend(jsonschema.Draft7Validator, type_checker=TYPES)


def check_doc(schemas, doc, where):
    """Returns a list of error strings for one document."""
    if not isinstance(doc, dict):
        return [f"{where}: a manifest must be a map, found {type(doc).__name__}"]
    errs = []
    if doc.get("apiVersion") != "batch/v1":
        errs.append(f"{where}: apiVersion must be batch/v1, found {doc.get('apiVersion')!r}")
    kind = doc.get("kind")
    if kind not in schemas:
        return errs + [f"{where}: kind must be Job or CronJob, found {kind!r}"]
    v = Validator(schemas[kind])
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(p) for p in e.absolute_path) or "(root)"
        errs.append(f"{where}: {path}: {e.message}")
    return errs


def check_text(schemas, text, where):
    try:
        docs = [d for d in yaml.load_all(text, Loader=StrictLoader) if d is not None]
    except yaml.YAMLError as e:
        return [f"{where}: not valid YAML: {e}"], 0
    if not docs:
        return [f"{where}: no document"], 0
    # jobc --emit json writes several jobs as a v1 List
    if len(docs) == 1 and isinstance(docs[0], dict) and docs[0].get("kind") == "List":
        if docs[0].get("apiVersion") != "v1" or set(docs[0]) != {"apiVersion", "kind", "items"}:
            return [f"{where}: a List is apiVersion v1, kind List and items only"], 0
        docs = docs[0]["items"]
    errs = []
    for i, d in enumerate(docs):
        errs += check_doc(schemas, d, f"{where}[{i}]")
    return errs, len(docs)


def main(argv):
    schemas = load_schema()
    args = argv[1:]
    jobc = None
    expect_invalid = False
    cases = False
    targets = []
    while args:
        a = args.pop(0)
        if a == "--jobc":
            jobc = args.pop(0)
        elif a == "--cases":
            cases = True
        elif a == "--expect-invalid":
            expect_invalid = True
        else:
            targets.append(a)
    failures = []
    checked = 0
    if cases:
        for root in targets:
            for dirpath, _, files in sorted(os.walk(root)):
                # every case that compiles, in both Kubernetes formats
                if "expected.yaml" not in files and "expected.json" not in files:
                    continue
                options = []
                optfile = os.path.join(dirpath, "options")
                if os.path.exists(optfile):
                    with open(optfile) as f:
                        options = f.read().split()
                argfile = os.path.join(dirpath, "args")
                cmds = [["build", "-w"] + options + ["input.job"],
                        ["build", "-w", "--emit", "json"] + options + ["input.job"]]
                if os.path.exists(argfile):
                    with open(argfile) as f:
                        cmds = [f.read().split()]
                for cmd in cmds:
                    r = subprocess.run([jobc] + cmd, cwd=dirpath, capture_output=True, text=True)
                    if r.returncode != 0:
                        failures.append(f"{dirpath}: jobc {' '.join(cmd)} failed: {r.stderr.strip()}")
                        continue
                    errs, n = check_text(schemas, r.stdout, dirpath + " (" + " ".join(cmd) + ")")
                    failures += errs
                    checked += n
    else:
        for path in targets:
            with open(path) as f:
                errs, n = check_text(schemas, f.read(), path)
            if expect_invalid:
                if not errs:
                    failures.append(f"{path}: accepted, but it is invalid")
                else:
                    print(f"ok (rejected as expected): {path}: {errs[0]}")
            else:
                failures += errs
            checked += n
    for f in failures:
        print(f, file=sys.stderr)
    if not expect_invalid:
        print(f"{checked} document(s) checked, {len(failures)} error(s)")
    if checked == 0 and not expect_invalid:
        print("error: nothing was checked", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
