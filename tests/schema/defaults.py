#!/usr/bin/env python3
"""--defaults explicit must mean the same Job as the minimal output.

For every golden case that compiles (expected.yaml), and every example,
this builds the minimal and the explicit output, checks both against the
strict schema, applies the API server's defaulting to the minimal one
(written here independently of jobc, from the defaulting functions of
pkg/apis/batch/v1 and pkg/apis/core/v1), and requires the result to equal
the explicit output.

Usage: defaults.py JOBC CASES_DIR EXAMPLES_DIR
"""
import copy
import os
import subprocess
import sys

import yaml

import validate


def setd(m, k, v):
    if k not in m:
        m[k] = v


def image_policy(image):
    if "@" in image:
        return "IfNotPresent"
    last = image.rsplit("/", 1)[-1]
    if ":" not in last or last.endswith(":latest"):
        return "Always"
    return "IfNotPresent"


def default_container(c):
    setd(c, "terminationMessagePath", "/dev/termination-log")
    setd(c, "terminationMessagePolicy", "File")
    if "image" in c:
        setd(c, "imagePullPolicy", image_policy(c["image"]))
    for p in c.get("ports", []):
        setd(p, "protocol", "TCP")
    for e in c.get("env", []):
        if "fieldRef" in e.get("valueFrom", {}):
            setd(e["valueFrom"]["fieldRef"], "apiVersion", "v1")
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        if probe in c:
            p = c[probe]
            for k, v in (("timeoutSeconds", 1), ("periodSeconds", 10),
                         ("successThreshold", 1), ("failureThreshold", 3)):
                if not p.get(k):
                    p[k] = v
            if "httpGet" in p:
                default_http_get(p["httpGet"])
    # SetDefaults_HTTPGetAction gives every HTTPGetAction its defaults, the
    # lifecycle hooks' too (pkg/apis/core/v1/defaults.go)
    for hook in ("postStart", "preStop"):
        h = c.get("lifecycle", {}).get(hook, {})
        if "httpGet" in h:
            default_http_get(h["httpGet"])


def default_http_get(h):
    setd(h, "path", "/")
    setd(h, "scheme", "HTTP")


def default_job_spec(doc, spec, kube):
    """SetDefaults_Job: only for a Job (a CronJob's template gets these when
    each Job is created, not when the CronJob is)."""
    if "completions" not in spec and "parallelism" not in spec:
        spec["completions"] = 1
    setd(spec, "parallelism", 1)
    setd(spec, "backoffLimit", 2147483647 if "backoffLimitPerIndex" in spec else 6)
    setd(spec, "completionMode", "NonIndexed")
    setd(spec, "suspend", False)
    setd(spec, "manualSelector", False)
    if kube >= (1, 29):  # the JobPodReplacementPolicy gate
        setd(spec, "podReplacementPolicy",
             "Failed" if "podFailurePolicy" in spec else "TerminatingOrFailed")
    for r in spec.get("podFailurePolicy", {}).get("rules", []):
        for c in r.get("onPodConditions", []):
            setd(c, "status", "True")
    labels = spec["template"].get("metadata", {}).get("labels")
    if labels and not doc["metadata"].get("labels"):
        doc["metadata"]["labels"] = dict(labels)


def default_downward_files(src):
    """SetDefaults_ObjectFieldSelector: a file's fieldRef is of v1."""
    for f in src.get("items", []):
        if "fieldRef" in f:
            setd(f["fieldRef"], "apiVersion", "v1")


def default_volume(v, kube):
    for src in ("configMap", "secret", "projected", "downwardAPI"):
        if src in v:  # SetDefaults_{Secret,ConfigMap,Projected,DownwardAPI}VolumeSource
            setd(v[src], "defaultMode", 420)
    if "hostPath" in v:  # SetDefaults_HostPathVolumeSource: HostPathUnset
        setd(v["hostPath"], "type", "")
    if "downwardAPI" in v:
        default_downward_files(v["downwardAPI"])
    for s in v.get("projected", {}).get("sources", []):
        if "serviceAccountToken" in s:  # SetDefaults_ServiceAccountTokenProjection
            setd(s["serviceAccountToken"], "expirationSeconds", 3600)
        if "downwardAPI" in s:
            default_downward_files(s["downwardAPI"])
    claim = v.get("ephemeral", {}).get("volumeClaimTemplate")
    if claim is not None:  # SetDefaults_PersistentVolumeClaimSpec
        setd(claim.setdefault("spec", {}), "volumeMode", "Filesystem")
    if "image" in v and kube >= (1, 35):  # SetDefaults_Volume, with the ImageVolume gate on
        setd(v["image"], "pullPolicy", image_policy(v["image"].get("reference", "")))


def default_pod_spec(spec, kube):
    pod = spec["template"]["spec"]
    setd(pod, "dnsPolicy", "ClusterFirst")
    setd(pod, "schedulerName", "default-scheduler")
    setd(pod, "securityContext", {})
    setd(pod, "terminationGracePeriodSeconds", 30)
    for key in ("containers", "initContainers"):
        for c in pod.get(key, []):
            default_container(c)
    for v in pod.get("volumes", []):
        default_volume(v, kube)


def apply_defaults(doc, kube):
    doc = copy.deepcopy(doc)
    if doc["kind"] == "CronJob":
        s = doc["spec"]
        setd(s, "concurrencyPolicy", "Allow")
        setd(s, "suspend", False)
        setd(s, "successfulJobsHistoryLimit", 3)
        setd(s, "failedJobsHistoryLimit", 1)
        default_pod_spec(s["jobTemplate"]["spec"], kube)
    else:
        default_job_spec(doc, doc["spec"], kube)
        default_pod_spec(doc["spec"], kube)
    return doc


def build(jobc, cwd, args):
    r = subprocess.run([jobc] + args, cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr
    return list(yaml.safe_load_all(r.stdout)), None


def main(jobc, cases, examples):
    schemas = validate.load_schema()
    failures, jobs = [], 0
    targets = []
    for dirpath, _, files in sorted(os.walk(cases)):
        if "expected.yaml" not in files:
            continue
        args = ["build", "-w", "input.job"]
        if "options" in files:
            args = ["build", "-w"] + open(os.path.join(dirpath, "options")).read().split() + ["input.job"]
            args = [a for a in args if a not in ("--defaults", "explicit", "minimal")]
        if "args" in files:
            args = open(os.path.join(dirpath, "args")).read().split()
            args = [a for a in args if a not in ("--defaults", "explicit", "minimal")]
        targets.append((dirpath, args))
    names = sorted(f for f in os.listdir(examples) if f.endswith(".job"))
    targets.append((examples, ["build"] + names))
    for cwd, args in targets:
        minimal, err = build(jobc, cwd, args)
        explicit, err2 = build(jobc, cwd, args[:1] + ["--defaults", "explicit"] + args[1:])
        if minimal is None or explicit is None:
            failures.append(f"{cwd}: jobc failed: {err or err2}")
            continue
        kube = (1, 35)
        if "--kube-version" in args:
            kube = tuple(int(x) for x in args[args.index("--kube-version") + 1].split(".")[:2])
        for m, e in zip(minimal, explicit):
            jobs += 1
            for label, doc in (("explicit", e),):
                for problem in validate.check_doc(schemas, doc, f"{cwd} ({label})"):
                    failures.append(problem)
            if apply_defaults(m, kube) != e:
                failures.append(f"{cwd}: job {m['metadata']['name']}: the explicit output is not "
                                f"the minimal one with Kubernetes' defaults applied:\n"
                                f"  defaulted: {apply_defaults(m, kube)}\n  explicit:  {e}")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{jobs} jobs compared, {len(failures)} problem(s)")
    return 1 if failures or jobs == 0 else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
