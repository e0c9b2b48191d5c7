#!/usr/bin/env python3
"""One jobc import case: tests/import/<case>/ holds input.yaml and either
expected.job (what jobc import prints) or expected.err (what it reports).

For a case that imports, the round trip must hold: `jobc build` of the
imported source gives back the input object, once both have the defaults
the API server would fill in (and the input is stripped of what the server
filled in: status, uid, generated labels and selector).  Planton inputs are
built with --emit planton and compared with Planton's defaults applied.

Usage: run.py JOBC CASE_DIR SCRATCH_DIR   (JOBC_UPDATE_GOLDEN=1 rewrites)
"""
import copy
import os
import re
import shutil
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "schema"))
import defaults  # noqa: E402  (the API server's defaulting, from tests/schema)
import validate  # noqa: E402  (the strict schema check)

GENERATED = {"controller-uid", "job-name", "batch.kubernetes.io/controller-uid",
             "batch.kubernetes.io/job-name"}
SERVER_META = {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
               "selfLink"}
SERVER_ANN = {"kubectl.kubernetes.io/last-applied-configuration", "batch.kubernetes.io/job-tracking",
              "batch.kubernetes.io/cronjob-scheduled-timestamp"}


# the kinds jobc import reads (import.c, importable)
IMPORTED = {("batch/v1", "Job"), ("batch/v1", "CronJob"),
            ("kubernetes.project-planton.org/v1", "KubernetesJob"),
            ("kubernetes.project-planton.org/v1", "KubernetesCronJob")}

def strip_server(doc):
    doc = copy.deepcopy(doc)
    doc.pop("status", None)
    metas = [doc.get("metadata", {})]
    spec = doc.get("spec", {})
    job_spec = spec
    if doc.get("kind") == "CronJob":
        jt = spec.get("jobTemplate", {})
        metas.append(jt.setdefault("metadata", {}))
        job_spec = jt.get("spec", {})
    metas.append(job_spec.get("template", {}).setdefault("metadata", {}))
    metas[-1].pop("name", None)  # a pod template's name: the Job controller names the pods
    # a generateName beside a name: Kubernetes names the object by the name
    if doc.get("metadata", {}).get("name"):
        doc["metadata"].pop("generateName", None)
    # a job template's metadata but its labels and annotations: the CronJob
    # controller gives each Job only those (getJobFromTemplate2)
    if doc.get("kind") == "CronJob":
        for k in list(metas[1]):
            if k not in ("labels", "annotations"):
                del metas[1][k]
    for m in metas:
        for k in SERVER_META:
            m.pop(k, None)
        for k in GENERATED:
            m.get("labels", {}).pop(k, None)
        for k in SERVER_ANN:
            m.get("annotations", {}).pop(k, None)
        for k in ("labels", "annotations"):
            if k in m and not m[k]:
                del m[k]
    if not job_spec.get("manualSelector"):
        job_spec.pop("selector", None)
    pod = job_spec.get("template", {}).get("spec", {})
    # serviceAccount: the deprecated alias the server copies from serviceAccountName
    if "serviceAccount" in pod and pod.get("serviceAccount") == pod.get("serviceAccountName"):
        del pod["serviceAccount"]
    return doc


def same_values(doc):
    """Spellings that mean the same: a quantity as a number or a string
    (2 and "2"); a resourceFieldRef divisor of "0" (how the server shows
    none), "1" or none."""
    def walk(x, key=None):
        if isinstance(x, dict):
            if key in ("requests", "limits"):
                for k, v in x.items():
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        x[k] = str(v)
            if key == "resourceFieldRef" and str(x.get("divisor", "0")) in ("0", "1"):
                x.pop("divisor", None)
            if key == "env" and x.get("value") == "":
                x.pop("value")  # omitempty: an empty value is stored as none
            for k, v in x.items():
                walk(v, k)
        elif isinstance(x, list):
            for v in x:
                walk(v, key)
    walk(doc)
    return doc


def prune_empty(x):
    """Empty maps and lists say nothing: drop them (resources: {})."""
    if isinstance(x, dict):
        return {k: prune_empty(v) for k, v in x.items()
                if not (isinstance(v, (dict, list)) and not v) and v is not None}
    if isinstance(x, list):
        return [prune_empty(v) for v in x]
    return x


def last_env(doc):
    """Two env entries of one name: the later one is the variable's value
    (the API server keeps both, with a warning); jobc's env keeps the last."""
    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "env" and isinstance(v, list):
                    names = [e.get("name") for e in v]
                    x[k] = [e for i, e in enumerate(v) if e.get("name") not in names[i + 1:]]
                walk(x[k])
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(doc)
    return doc


def sort_mounts(doc):
    """A container's mounts are a set keyed by path: compare them sorted."""
    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "volumeMounts" and isinstance(v, list):
                    v.sort(key=lambda m: (m.get("mountPath", ""), m.get("name", "")))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(doc)
    return doc


def k8s_normal(doc, kube=(1, 35)):
    """The object as the API server stores it: without what the server
    writes, with its defaults (so that a default written or left out is the
    same), empty lists and maps dropped (omitempty)."""
    doc = strip_server(doc)
    doc = defaults.apply_defaults(doc, kube)
    if doc["kind"] == "CronJob":
        # the job template's labels are the CronJob's (jobc writes both)
        pass
    return same_values(sort_mounts(last_env(prune_empty(doc))))


PLANTON_DEFAULTS_JOB = {"parallelism": 1, "completions": 1, "backoffLimit": 6,
                        "completionMode": "NonIndexed", "restartPolicy": "Never", "suspend": False,
                        "createNamespace": False}
PLANTON_DEFAULTS_CRON = {"concurrencyPolicy": "Forbid", "suspend": False,
                         "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1,
                         "backoffLimit": 6, "restartPolicy": "Never", "createNamespace": False}


def planton_normal(doc):
    doc = copy.deepcopy(doc)
    spec = doc.setdefault("spec", {})
    dflt = PLANTON_DEFAULTS_CRON if doc.get("kind") == "KubernetesCronJob" else PLANTON_DEFAULTS_JOB
    for k, v in dflt.items():
        spec.setdefault(k, v)
    # Planton leaves a 0 out: it is the same as no value
    for k in ("parallelism", "completions", "activeDeadlineSeconds", "ttlSecondsAfterFinished",
              "startingDeadlineSeconds"):
        if spec.get(k) == 0:
            del spec[k]
    # and a volume's defaultMode of 0 (buildVolumeMountsAndVolumes writes it if > 0)
    for m in spec.get("volumeMounts") or []:
        for src in ("configMap", "secret"):
            if isinstance(m.get(src), dict) and m[src].get("defaultMode") == 0:
                del m[src]["defaultMode"]
    if spec.get("parallelism") is None and doc.get("kind") == "KubernetesJob":
        spec["parallelism"] = 1
    spec.get("image", {}).pop("pullSecretName", None)
    return same_values(sort_mounts(prune_empty(doc)))


SCHEMAS = None


def main(jobc, case, scratch):
    global SCHEMAS
    os.makedirs(scratch, exist_ok=True)
    case = os.path.abspath(case)
    SCHEMAS = validate.load_schema()
    inp = os.path.join(case, "input.yaml")
    r = subprocess.run([jobc, "import", inp], capture_output=True, text=True, cwd=case)
    exp_job = os.path.join(case, "expected.job")
    exp_err = os.path.join(case, "expected.err")
    update = os.environ.get("JOBC_UPDATE_GOLDEN") == "1"
    # notes about what was dropped are shown but are not errors
    stderr = r.stderr.replace(inp, "input.yaml")
    if os.path.exists(exp_err):
        if update:
            open(exp_err, "w").write(stderr)
            return 0
        ok = r.returncode == 1 and stderr == open(exp_err).read()
        if not ok:
            print(f"{case}: jobc import exited {r.returncode}; stderr:\n{stderr}", file=sys.stderr)
        return 0 if ok else 1
    if update:
        open(exp_job, "w").write(r.stdout)
    failures = []
    if r.returncode != 0:
        print(f"{case}: jobc import failed:\n{stderr}", file=sys.stderr)
        return 1
    # what is said beside a good import is notes, each about what was dropped,
    # and the warnings of expected.stderr (the API server's, such as a
    # duplicate env name)
    exp_stderr = os.path.join(case, "expected.stderr")
    if os.path.exists(exp_stderr):
        if update:
            open(exp_stderr, "w").write(stderr)
        elif stderr != open(exp_stderr).read():
            failures.append("jobc import's stderr differs from expected.stderr:\n" + stderr)
    else:
        for line in stderr.splitlines():
            if not line.startswith("input.yaml:") or ": note: dropped what " not in line:
                failures.append(f"a successful import said more than notes: {line}")
    if r.stdout != open(exp_job).read():
        failures.append("the imported source differs from expected.job:\n" + r.stdout)
    # with -o DIR, each job is DIR/<its name>.job, as it prints
    out_dir = os.path.join(scratch, "out")
    shutil.rmtree(out_dir, ignore_errors=True)
    o = subprocess.run([jobc, "import", "-o", out_dir, inp], capture_output=True, text=True,
                       cwd=case)
    names = [n.strip('"') for n in re.findall(r"^job (\S+) ", r.stdout, re.M)]
    files = sorted(os.listdir(out_dir)) if os.path.isdir(out_dir) else []
    if o.returncode != 0 or files != sorted(n + ".job" for n in names):
        failures.append(f"jobc import -o wrote {files} for the jobs {names}:\n{o.stderr}")
    elif "\n".join(open(os.path.join(out_dir, n + ".job")).read() for n in names) != r.stdout:
        failures.append("jobc import -o wrote other source than it prints")
    # the imported source is formatted: jobc fmt leaves it alone
    job = os.path.join(scratch, "imported.job")
    open(job, "w").write(r.stdout)
    f = subprocess.run([jobc, "fmt", "--check", job], capture_output=True, text=True)
    if f.returncode != 0:
        failures.append("the imported source is not what jobc fmt prints")
    # the round trip
    docs = [d for d in yaml.safe_load_all(open(inp)) if d is not None]
    items = []
    for d in docs:
        if d.get("kind") == "List":
            items += d["items"]
        else:
            items.append(d)
    # what import leaves out (a Service beside its Job) is not built back
    items = [d for d in items if (d.get("apiVersion"), d.get("kind")) in IMPORTED]
    planton = items and items[0].get("apiVersion", "").startswith("kubernetes.project-planton.org")
    cmd = [jobc, "build", "-w"] + (["--emit", "planton"] if planton else []) + [job]
    b = subprocess.run(cmd, capture_output=True, text=True)
    if b.returncode != 0:
        failures.append(f"jobc build of the imported source failed:\n{b.stderr}")
    else:
        built = [d for d in yaml.safe_load_all(b.stdout) if d is not None]
        if len(built) != len(items):
            failures.append(f"{len(items)} documents in, {len(built)} built")
        for got in built:
            if not planton:
                failures += validate.check_doc(SCHEMAS, got, "the built manifest")
        for want, got in zip(items, built):
            if planton:
                w, g = planton_normal(want), planton_normal(got)
            else:
                w, g = k8s_normal(want), k8s_normal(got)
            if w != g:
                failures.append("the round trip differs:\n  input (normalized): "
                                f"{w}\n  built (normalized): {g}")
    for x in failures:
        print(f"{case}: {x}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]))
