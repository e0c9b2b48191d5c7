#!/usr/bin/env python3
"""A strict checker of Project Planton KubernetesJob and KubernetesCronJob
manifests (apiVersion kubernetes.project-planton.org/v1), written from
shared/reference/planton-and-piceli.md independently of jobc.

Strict means what Planton's loader (protojson + protovalidate) rejects, and
what its Pulumi module would turn into a broken or different Job:

  - closed key sets at every level (protojson rejects unknown fields), with
    the camelCase JSON names only;
  - types after YAML 1.1 resolution (what sigs.k8s.io/yaml does): strings
    are strings, never re-typed booleans or numbers; counts are unsigned
    integers that also fit Kubernetes' int32;
  - enums in exact case; required fields; one member of each oneof;
  - the module's traps: namespace as {value}, a non-empty image repo and
    tag without a digest, all four resource quantities, no empty env
    values, no HOSTNAME or K8S_POD_ID, no 0 that the module drops where
    Planton's own default is not 0 (parallelism and completions would be
    1, a volume's files 0644; a 0 deadline, ttl or starting deadline is
    Planton's default, "not set"), unique volume names with exactly one
    source, absolute mount paths.

Usage:
  check_planton.py FILE...                  every document must pass
  check_planton.py --expect-invalid FILE... every file must be rejected
  check_planton.py --tree DIR...            every expected.planton.yaml and
                                            planton/*.yaml under DIR
"""
import os
import re
import sys

import yaml

API = "kubernetes.project-planton.org/v1"
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
QUANTITY = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$")
CLUSTER_KINDS = {"AzureAksCluster", "AwsEksCluster", "GcpGkeCluster",
                 "DigitalOceanKubernetesCluster", "CivoKubernetesCluster"}
INT32 = 2147483647


class Checker:
    def __init__(self, where):
        self.where = where
        self.errors = []

    def err(self, path, msg):
        self.errors.append(f"{self.where}: {path or '(root)'}: {msg}")

    # ---- types -------------------------------------------------------------
    def obj(self, v, path, fields, required=()):
        """A closed message: fields maps each key to a checker (v, path)."""
        if not isinstance(v, dict):
            self.err(path, f"expected a map, found {type(v).__name__}")
            return False
        for k in v:
            if not isinstance(k, str):
                self.err(path, f"key {k!r} is not a string")
            elif k not in fields:
                self.err(f"{path}.{k}" if path else k, "unknown field (protojson rejects it)")
        for k in required:
            if k not in v:
                self.err(f"{path}.{k}" if path else k, "required field is missing")
        for k, check in fields.items():
            if k in v:
                check(v[k], f"{path}.{k}" if path else k)
        return True

    def string(self, v, path, nonempty=False):
        if not isinstance(v, str):
            self.err(path, f"expected a string, found {type(v).__name__} {v!r} "
                           "(quote it: a YAML 1.1 reader re-types it)")
            return False
        if nonempty and not v:
            self.err(path, "must not be empty")
            return False
        return True

    def boolean(self, v, path):
        if not isinstance(v, bool):
            self.err(path, f"expected true or false, found {v!r}")

    def uint(self, v, path, positive=False, limit=INT32):
        if isinstance(v, bool) or not isinstance(v, int):
            self.err(path, f"expected an unsigned integer, found {v!r}")
            return
        if v < 0:
            self.err(path, f"{v} is negative; Planton's counts are unsigned")
        elif v > limit:
            self.err(path, f"{v} does not fit in Kubernetes' field")
        elif positive and v == 0:
            self.err(path, "0 is dropped by Planton's module (the field would not be set)")

    def enum(self, v, path, words):
        if self.string(v, path) and v not in words:
            self.err(path, f"{v!r} is not one of {sorted(words)}")

    def strlist(self, v, path):
        if not isinstance(v, list):
            self.err(path, "expected a list of strings")
            return
        for i, x in enumerate(v):
            self.string(x, f"{path}[{i}]")

    def strmap(self, v, path):
        if not isinstance(v, dict):
            self.err(path, "expected a map of strings")
            return
        for k, x in v.items():
            self.string(k, f"{path} key")
            self.string(x, f"{path}[{k}]")

    # ---- shared messages ---------------------------------------------------
    def value_from(self, v, path):
        self.obj(v, path, {"kind": self.string, "env": self.string,
                           "name": lambda x, p: self.string(x, p, True),
                           "fieldPath": self.string}, ["name"])

    def string_value_or_ref(self, v, path, nonempty=True):
        if not self.obj(v, path, {"value": lambda x, p: self.string(x, p, nonempty),
                                  "valueFrom": self.value_from}):
            return
        if ("value" in v) == ("valueFrom" in v):
            self.err(path, "exactly one of value and valueFrom")

    def sensitive(self, v, path):
        def ref(x, p):
            self.obj(x, p, {"namespace": self.string,
                            "name": lambda y, q: self.string(y, q, True),
                            "key": lambda y, q: self.string(y, q, True)}, ["name", "key"])
        if not self.obj(v, path, {"value": lambda x, p: self.string(x, p, True),
                                  "secretRef": ref}):
            return
        if ("value" in v) == ("secretRef" in v):
            self.err(path, "exactly one of value and secretRef")

    def env(self, v, path):
        def names(m, p, each):
            if not isinstance(m, dict):
                self.err(p, "expected a map")
                return
            for k, x in m.items():
                if not isinstance(k, str) or not k:
                    self.err(p, f"bad variable name {k!r}")
                    continue
                if k in ("HOSTNAME", "K8S_POD_ID"):
                    self.err(f"{p}.{k}", "Planton injects this variable itself")
                each(x, f"{p}.{k}")
        self.obj(v, path, {"variables": lambda m, p: names(m, p, self.string_value_or_ref),
                           "secrets": lambda m, p: names(m, p, self.sensitive)})
        both = set((v.get("variables") or {})) & set((v.get("secrets") or {})) \
            if isinstance(v, dict) else set()
        for k in sorted(both):
            self.err(f"{path}", f"{k} is both a variable and a secret")

    def image(self, v, path):
        def repo(x, p):
            if self.string(x, p, True):
                if "@" in x:
                    self.err(p, "a digest in repo is corrupted by the appended :tag")
                if ":" in x.rsplit("/", 1)[-1]:
                    self.err(p, "the tag goes in tag, not in repo")
        self.obj(v, path, {"repo": repo, "tag": lambda x, p: self.string(x, p, True),
                           "pullSecretName": self.string}, ["repo", "tag"])

    def resources(self, v, path):
        def quantity(x, p):
            if self.string(x, p, True) and not QUANTITY.match(x):
                self.err(p, f"{x!r} is not a quantity")
        def cpu_mem(x, p):
            self.obj(x, p, {"cpu": quantity, "memory": quantity}, ["cpu", "memory"])
        # the module reads all four; a missing one crashes it
        self.obj(v, path, {"limits": cpu_mem, "requests": cpu_mem}, ["limits", "requests"])

    def volume_mounts(self, v, path):
        if not isinstance(v, list):
            self.err(path, "expected a list")
            return
        seen = set()
        sources = ("configMap", "secret", "hostPath", "emptyDir", "pvc")
        def mode(x, p):
            if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x <= 511:
                self.err(p, f"defaultMode is 0 to 511 (decimal), found {x!r}")
            elif x == 0:
                self.err(p, "0 is dropped by Planton's module (the files would get mode 0644)")
        def keyed(name_req):
            return lambda x, p: self.obj(x, p, {"name": lambda y, q: self.string(y, q, True),
                                                "key": self.string, "path": self.string,
                                                "defaultMode": mode}, ["name"])
        for i, m in enumerate(v):
            p = f"{path}[{i}]"
            if not self.obj(m, p, {
                    "name": lambda x, q: self.string(x, q, True),
                    "mountPath": lambda x, q: self.string(x, q, True),
                    "readOnly": self.boolean, "subPath": self.string,
                    "configMap": keyed(True), "secret": keyed(True),
                    "hostPath": lambda x, q: self.obj(x, q, {
                        "path": lambda y, r: self.string(y, r, True),
                        "type": lambda y, r: self.enum(y, r, {"", "DirectoryOrCreate", "Directory",
                                                              "FileOrCreate", "File", "Socket",
                                                              "CharDevice", "BlockDevice"})},
                        ["path"]),
                    "emptyDir": lambda x, q: self.obj(x, q, {
                        "medium": lambda y, r: self.enum(y, r, {"", "Memory"}),
                        "sizeLimit": self.string}),
                    "pvc": lambda x, q: self.obj(x, q, {
                        "claimName": lambda y, r: self.string(y, r, True),
                        "readOnly": self.boolean}, ["claimName"]),
            }, ["name", "mountPath"]):
                continue
            n = sum(1 for s in sources if s in m)
            if n != 1:
                self.err(p, f"a volume mount needs exactly one source, found {n}")
            name = m.get("name")
            if isinstance(name, str):
                if name in seen:
                    self.err(p, f"volume name {name!r} is used twice")
                seen.add(name)
                if not DNS_LABEL.match(name):
                    self.err(f"{p}.name", f"{name!r} is not a DNS-1123 label")
            mp = m.get("mountPath")
            if isinstance(mp, str) and not mp.startswith("/"):
                self.err(f"{p}.mountPath", f"{mp!r} is not an absolute path")

    def target_cluster(self, v, path):
        self.obj(v, path, {"clusterKind": lambda x, p: self.enum(x, p, CLUSTER_KINDS),
                           "clusterName": self.string})
        if isinstance(v, dict) and "clusterKind" not in v:
            self.err(path, "clusterKind is required once targetCluster is present")

    # ---- the manifest --------------------------------------------------------
    def metadata(self, v, path, cron=False):
        def label(x, p):
            if self.string(x, p) and not LABEL_VALUE.match(x) or (isinstance(x, str) and len(x) > 63):
                self.err(p, f"{x!r} must be a label value (it becomes a planton.ai/* label)")
        def name(x, p):
            # Planton checks none; the module names the Job or CronJob after
            # it (a DNS subdomain), and it is the planton.ai/name label and
            # the Job's job-name label (at most 63); a CronJob's Jobs add 11
            most = 52 if cron else 63
            if self.string(x, p, True) and (len(x) > most or not DNS_SUBDOMAIN.match(x)):
                self.err(p, f"{x!r} must be a DNS-1123 subdomain of at most {most} characters")
        def relationships(x, p):
            if not isinstance(x, list):
                self.err(p, "expected a list")
                return
            for i, r in enumerate(x):
                self.obj(r, f"{p}[{i}]", {"kind": self.string, "env": self.string,
                                          "name": self.string, "type": self.string},
                         ["kind", "name", "type"])
        self.obj(v, path, {"name": name, "slug": self.string, "id": label, "org": label,
                           "env": label, "labels": self.strmap, "annotations": self.strmap,
                           "tags": self.strlist, "relationships": relationships,
                           "group": self.string}, ["name"])
        prov = (v.get("labels") or {}).get("project-planton.org/provisioner") \
            if isinstance(v, dict) and isinstance(v.get("labels"), dict) else None
        if prov is not None and str(prov).lower() not in ("pulumi", "tofu", "terraform"):
            self.err(f"{path}.labels", f"provisioner {prov!r} is not pulumi, tofu or terraform")

    def common(self):
        return {
            "targetCluster": self.target_cluster,
            "namespace": lambda x, p: self.string_value_or_ref(x, p, True),
            "createNamespace": self.boolean,
            "image": self.image,
            "resources": self.resources,
            "env": self.env,
            "command": self.strlist,
            "args": self.strlist,
            "configMaps": self.strmap,
            "volumeMounts": self.volume_mounts,
            "backoffLimit": self.uint,
            "suspend": self.boolean,
        }

    def job_spec(self, v, path):
        f = self.common()
        f.update({
            "parallelism": lambda x, p: self.uint(x, p, True),
            "completions": lambda x, p: self.uint(x, p, True),
            # Planton's loader default is 0 for these two: "not set"
            "activeDeadlineSeconds": lambda x, p: self.uint(x, p, False, 2**63 - 1),
            "ttlSecondsAfterFinished": self.uint,
            "completionMode": lambda x, p: self.enum(x, p, {"NonIndexed", "Indexed"}),
            "restartPolicy": lambda x, p: self.enum(x, p, {"OnFailure", "Never"}),
        })
        self.obj(v, path, f, ["namespace", "image", "resources"])

    def cron_spec(self, v, path):
        f = self.common()
        f.update({
            "schedule": lambda x, p: self.string(x, p, True),
            "startingDeadlineSeconds": lambda x, p: self.uint(x, p, False, 2**63 - 1),
            "concurrencyPolicy": lambda x, p: self.enum(x, p, {"Allow", "Forbid", "Replace"}),
            "successfulJobsHistoryLimit": self.uint,
            "failedJobsHistoryLimit": self.uint,
            # the proto allows Always; Kubernetes rejects it in a Job's pods
            "restartPolicy": lambda x, p: self.enum(x, p, {"OnFailure", "Never"}),
        })
        self.obj(v, path, f, ["namespace", "image", "resources", "schedule"])

    def manifest(self, doc):
        if not isinstance(doc, dict):
            self.err("", "a manifest is a map")
            return
        kind = doc.get("kind")
        spec = self.job_spec if kind == "KubernetesJob" else self.cron_spec
        self.obj(doc, "", {
            "apiVersion": lambda x, p: x == API or self.err(p, f"must be {API}, found {x!r}"),
            "kind": lambda x, p: self.enum(x, p, {"KubernetesJob", "KubernetesCronJob"}),
            "metadata": lambda x, p: self.metadata(x, p, kind == "KubernetesCronJob"),
            "spec": spec,
        }, ["apiVersion", "kind", "metadata", "spec"])


def check_text(text, where):
    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as e:
        return [f"{where}: not valid YAML: {e}"], 0
    if not docs:
        return [f"{where}: no document"], 0
    errors = []
    for i, d in enumerate(docs):
        c = Checker(f"{where}[{i}]")
        c.manifest(d)
        errors += c.errors
    return errors, len(docs)


def main(argv):
    args = argv[1:]
    expect_invalid = tree = False
    files = []
    for a in args:
        if a == "--expect-invalid":
            expect_invalid = True
        elif a == "--tree":
            tree = True
        else:
            files.append(a)
    if tree:
        roots, files = files, []
        for root in roots:
            for dirpath, _, names in sorted(os.walk(root)):
                for n in sorted(names):
                    if n == "expected.planton.yaml" or (os.path.basename(dirpath) == "planton"
                                                         and n.endswith(".yaml")):
                        files.append(os.path.join(dirpath, n))
    failures, checked = [], 0
    for path in files:
        with open(path) as f:
            errors, n = check_text(f.read(), path)
        checked += n
        if expect_invalid:
            if not errors:
                failures.append(f"{path}: accepted, but it is invalid")
            else:
                print(f"ok (rejected as expected): {errors[0]}")
        else:
            failures += errors
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{checked} Planton document(s) checked in {len(files)} file(s), {len(failures)} problem(s)")
    if not files:
        print("error: nothing to check", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
