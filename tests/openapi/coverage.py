#!/usr/bin/env python3
"""Every property of a batch/v1 Job and CronJob can be written in jobc.

The OpenAPI document (compiler/kube/schema/k8s-batch-v1-openapi.json) is
walked from JobSpec and CronJobSpec and their ObjectMeta: every property
path under them (the pod template, containers, init containers, ephemeral
containers, volumes of every source, security contexts, ...), recursion cut
where a type repeats on its own path, status and the metadata the API
server sets left out.  For each path, a minimal manifest the API server
would accept sets it to a sample value (from its type and format, or from
the tables below, each entry citing the rule that wants the value).

`jobc import` turns all of them into .job source in one run: it writes each
property through its jobc name when the field table of the jobc under test
has one, and otherwise through the Kubernetes-spelled block of its level
(job-spec, pod-spec, container-spec, volume-source, metadata, pod-metadata),
so a name another branch adds is picked up with no change here.  `jobc
build` builds that source in one run, and each built object must equal its
manifest as the import round trip compares them (tests/import/run.py: the
API server's defaults applied, server fields stripped) and hold the path.
Each property is counted as written by a jobc name or through a
Kubernetes-spelled block (the key is inside a field whose type is
"Kubernetes object" in `jobc doc fields`).

A path that cannot be written fails the test, by name, unless allow-list.txt
says why (its header says how; an entry that no longer holds fails too).
The unit at the end adds a property to a temporary copy of the document (as
a new Kubernetes snapshot would) and a stale entry to the allow-list, and
checks that the test fails on each.

Usage: coverage.py JOBC SCRATCH_DIR [--schema FILE] [--allow-list FILE] [--only REGEX]
"""
import argparse
import copy
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "import"))
import run as roundtrip  # noqa: E402  (the import round trip's comparison)

SCHEMA = os.path.join(HERE, "..", "..", "compiler", "kube", "schema", "k8s-batch-v1-openapi.json")
REF = "#/components/schemas/"
CORE = "io.k8s.api.core.v1."
META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

# What the API server writes in every ObjectMeta: not the user's to write
# (ObjectMeta's own comments; import drops them with a note).
SERVER_META = {"uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
               "deletionGracePeriodSeconds", "managedFields", "selfLink"}

ALLOW_LIST = os.path.join(HERE, "allow-list.txt")
KINDS = ("gap", "refused", "unchecked")


class Entry:
    """One line of the allow-list: kind, regular expression, reason."""
    def __init__(self, kind, pattern, reason, where):
        self.kind, self.pattern, self.reason, self.where = kind, pattern, reason, where
        self.regex = re.compile(pattern)


def load_allow_list(path):
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) < 3 or parts[0] not in KINDS:
                sys.exit(f"{path}:{n}: want: gap|refused|unchecked REGEX REASON")
            try:
                out.append(Entry(parts[0], parts[1], parts[2], f"{os.path.basename(path)}:{n}"))
            except re.error as e:
                sys.exit(f"{path}:{n}: {e}")
    return out


def entry_of(entries, text):
    return next((e for e in entries if e.regex.search(text)), None)


# Properties the API server writes from another: the built object has the
# other (the comparison, with the API server's defaults, holds both).
ALIASES = [
    (r"\.spec\.serviceAccount$",
     "Convert_core_PodSpec_To_v1_PodSpec writes serviceAccount from serviceAccountName"),
]

# ---- the walk -------------------------------------------------------------------

def ref_of(node):
    if "$ref" in node:
        return node["$ref"][len(REF):]
    if len(node.get("allOf", [])) == 1:
        return ref_of(node["allOf"][0])
    return None


class Step:
    """One property on a path: its name, the type it is a property of, its
    shape (scalar, obj, list, map) and the type of its value or items."""
    def __init__(self, prop, owner, node, defs):
        self.prop, self.owner, self.node = prop, owner, node
        self.shape, self.type = "scalar", ref_of(node)
        if node.get("type") == "array":
            self.shape, self.type = "list", ref_of(node["items"])
            self.item = node["items"]
        elif node.get("type") == "object" and isinstance(node.get("additionalProperties"), dict):
            self.shape, self.type = "map", ref_of(node["additionalProperties"])
            self.item = node["additionalProperties"]
        elif self.type and defs[self.type].get("properties"):
            self.shape = "obj"

    def text(self):
        return self.prop + {"list": "[]", "map": "{}"}.get(self.shape, "")


def walk(defs, cut=lambda text: False):
    """Every property path under Job and CronJob: (kind, [Step]); nothing
    under a path for which cut(its text) is true."""
    out = []

    def go(kind, t, steps, seen):
        for prop, node in sorted(defs[t].get("properties", {}).items()):
            if t == META and prop in SERVER_META:
                continue
            s = Step(prop, t, node, defs)
            path = steps + [s]
            out.append((kind, path))
            if s.type and defs[s.type].get("properties") and s.type not in seen and \
                    not cut(path_text(kind, path)):
                go(kind, s.type, path, seen | {s.type})

    for kind, spec in (("Job", "io.k8s.api.batch.v1.JobSpec"),
                       ("CronJob", "io.k8s.api.batch.v1.CronJobSpec")):
        root = "io.k8s.api.batch.v1." + kind
        for prop in ("metadata", "spec"):
            node = defs[root]["properties"][prop]
            s = Step(prop, root, node, defs)
            out.append((kind, [s]))
            go(kind, s.type, [s], {s.type, root})
    return out


def path_text(kind, steps):
    return kind + ":" + ".".join(s.text() for s in steps)


# ---- sample values ----------------------------------------------------------------

MAIN = "@MAIN@"  # replaced by the main container's name (the job's)

# A property's sample value by type and property, where its type and format
# do not give a valid one; each says the rule that wants it.
SAMPLE = {
    # ValidateNonnegativeField and the like take 1; these need more
    "JobSpec.completionMode": "NonIndexed",  # validateJobSpec: NonIndexed or Indexed
    "JobSpec.completions": 2,
    "JobSpec.parallelism": 2,
    "JobSpec.podReplacementPolicy": "Failed",  # validatePodReplacementPolicy
    "JobSpec.managedBy": "example.com/sample",  # validateJobSpec: a domain-prefixed path
    "PodFailurePolicyRule.action": "FailJob",  # validatePodFailurePolicyRule: supported actions
    "PodFailurePolicyOnExitCodesRequirement.operator": "In",
    "PodFailurePolicyOnExitCodesRequirement.containerName": MAIN,  # must name a container
    "PodFailurePolicyOnPodConditionsPattern.type": "DisruptionTarget",
    "PodFailurePolicyOnPodConditionsPattern.status": "True",  # True, False or Unknown
    "SuccessPolicyRule.succeededIndexes": "0-1",  # validateSuccessPolicyRule: an index range
    "CronJobSpec.schedule": "0 3 * * *",  # validateScheduleFormat
    "CronJobSpec.timeZone": "Etc/UTC",  # validateTimeZone: an IANA name
    "CronJobSpec.concurrencyPolicy": "Forbid",  # validateConcurrencyPolicy
    "ObjectMeta.namespace": "sample",
    "ObjectMeta.finalizers": ["example.com/sample"],  # ValidateFinalizers: qualified names
    "ObjectMeta.labels": {"sample": "sample"},
    "ObjectMeta.annotations": {"example.com/sample": "sample"},
    "OwnerReference.apiVersion": "v1",  # validateOwnerReference: a version and a kind
    "OwnerReference.kind": "ConfigMap",
    "OwnerReference.uid": "6b1c0c9e-0000-4000-8000-000000000001",
    "LabelSelectorRequirement.operator": "In",  # ValidateLabelSelectorRequirement
    "LabelSelector.matchLabels": {"sample": "sample"},
    "PodSpec.restartPolicy": "OnFailure",  # validateJobSpec: Never or OnFailure
    "PodSpec.dnsPolicy": "Default",  # validateDNSPolicy (None would need a dnsConfig)
    "PodSpec.preemptionPolicy": "Never",  # validatePreemptionPolicy
    "PodSpec.hostUsers": False,  # true is the default
    "PodSpec.enableServiceLinks": False,  # true is the default
    "PodSpec.overhead": {"cpu": "100m"},
    "PodSpec.nodeSelector": {"sample": "sample"},
    "PodSpec.terminationGracePeriodSeconds": 10,
    "PodSpec.activeDeadlineSeconds": 10,  # validatePodSpec: at least 1
    "PodSpec.priority": 10,
    "PodSpec.serviceAccount": "sample",
    "PodOS.name": "linux",  # validateOS: linux or windows
    "PodDNSConfig.nameservers": ["10.0.0.10"],  # validatePodDNSConfig: IP addresses
    "PodDNSConfig.searches": ["example.com"],
    "PodDNSConfigOption.name": "ndots",
    "PodDNSConfigOption.value": "2",
    "HostAlias.ip": "10.0.0.1",  # validateHostAliases: an IP address
    "PodReadinessGate.conditionType": "example.com/ready",  # validateReadinessGates: qualified
    "PodSchedulingGate.name": "example.com/gate",  # validateSchedulingGates: qualified
    "Sysctl.name": "kernel.shm_rmid_forced",  # validateSysctls: a sysctl name
    "Sysctl.value": "0",
    "PodSecurityContext.fsGroupChangePolicy": "OnRootMismatch",  # validateFSGroupChangePolicy
    "PodSecurityContext.seLinuxChangePolicy": "Recursive",  # validateSELinuxChangePolicy
    "PodSecurityContext.supplementalGroupsPolicy": "Merge",  # validateSupplementalGroupsPolicy
    "PodSecurityContext.runAsUser": 1000,
    "PodSecurityContext.runAsGroup": 1000,
    "PodSecurityContext.fsGroup": 1000,
    "PodSecurityContext.supplementalGroups": [1000],
    "SecurityContext.runAsUser": 1000,
    "SecurityContext.runAsGroup": 1000,
    "SecurityContext.procMount": "Default",  # validateProcMountType
    "SecurityContext.privileged": False,  # a privileged container could not have some fields
    "SecurityContext.allowPrivilegeEscalation": False,
    "Capabilities.add": ["NET_ADMIN"],
    "Capabilities.drop": ["ALL"],
    "SeccompProfile.type": "RuntimeDefault",  # validateSeccompProfileField
    "AppArmorProfile.type": "RuntimeDefault",  # ValidateAppArmorProfileField
    "WindowsSecurityContextOptions.hostProcess": False,  # true needs hostNetwork
    "Toleration.operator": "Equal",  # validateTolerations: Equal or Exists
    "Toleration.effect": "NoExecute",  # tolerationSeconds needs NoExecute
    "Toleration.tolerationSeconds": 60,
    "TopologySpreadConstraint.maxSkew": 1,  # validateTopologySpreadConstraints: > 0
    "TopologySpreadConstraint.topologyKey": "zone",
    "TopologySpreadConstraint.whenUnsatisfiable": "DoNotSchedule",
    "TopologySpreadConstraint.nodeAffinityPolicy": "Honor",
    "TopologySpreadConstraint.nodeTaintsPolicy": "Honor",
    "TopologySpreadConstraint.minDomains": 2,  # needs DoNotSchedule
    # validateMatchLabelKeysInTopologySpread, validateMatchLabelKeysAndMismatchLabelKeys:
    # a key of matchLabelKeys is not one of the labelSelector's
    "TopologySpreadConstraint.matchLabelKeys": ["example.com/match"],
    "PodAffinityTerm.matchLabelKeys": ["example.com/match"],
    "PodAffinityTerm.mismatchLabelKeys": ["example.com/mismatch"],
    "NodeSelectorRequirement.operator": "In",  # validateNodeSelectorRequirement
    "PreferredSchedulingTerm.weight": 1,  # validatePreferredSchedulingTerms: 1-100
    "WeightedPodAffinityTerm.weight": 1,
    "PodAffinityTerm.topologyKey": "zone",
    "PodResourceClaim.resourceClaimName": "sample",
    "ResourceClaim.name": "sample",  # validateResourceClaimNames: a pod claim's name
    "Container.image": "busybox:1.36",
    "Container.imagePullPolicy": "IfNotPresent",  # validatePullPolicy
    "Container.terminationMessagePolicy": "FallbackToLogsOnError",
    "Container.terminationMessagePath": "/dev/sample",
    "Container.workingDir": "/sample",
    "Container.restartPolicy": "Always",  # validateInitContainers: Always makes a sidecar
    "ContainerResizePolicy.resourceName": "cpu",  # validateResizePolicy
    "ContainerResizePolicy.restartPolicy": "NotRequired",
    "ContainerRestartRule.action": "Restart",  # validateContainerRestartRules
    "ContainerRestartRuleOnExitCodes.operator": "In",
    "ContainerPort.containerPort": 8080,  # validateContainerPorts: 1-65535
    "ContainerPort.hostPort": 8080,
    "ContainerPort.protocol": "UDP",  # TCP, UDP or SCTP; TCP is the default
    "ContainerPort.name": "http",  # an IANA_SVC_NAME
    "ContainerPort.hostIP": "10.0.0.1",
    "EnvVar.name": "SAMPLE",
    "EnvFromSource.prefix": "SAMPLE_",
    "ObjectFieldSelector.fieldPath": "metadata.name",  # validateObjectFieldSelector
    "ObjectFieldSelector.apiVersion": "v1",
    "ResourceFieldSelector.resource": "limits.cpu",  # validateContainerResourceFieldSelector
    "ResourceFieldSelector.divisor": "1m",
    "ResourceFieldSelector.containerName": MAIN,  # must name a container
    "FileKeySelector.volumeName": "sample",  # validateFileKeySelector: an emptyDir volume
    "FileKeySelector.path": "sample.env",
    "FileKeySelector.key": "SAMPLE",
    "ResourceRequirements.limits": {"cpu": "1"},
    "ResourceRequirements.requests": {"cpu": "1"},
    "VolumeResourceRequirements.limits": {"storage": "1Gi"},
    "VolumeResourceRequirements.requests": {"storage": "1Gi"},
    "Probe.successThreshold": 1,  # validateLivenessProbe: 1 for liveness and startup
    "Probe.terminationGracePeriodSeconds": 10,
    "HTTPGetAction.scheme": "HTTPS",  # HTTP is the default
    "HTTPGetAction.path": "/healthz",
    "HTTPGetAction.port": 8080,
    "TCPSocketAction.port": 8080,
    "GRPCAction.port": 8080,
    "HTTPHeader.name": "X-Sample",
    "ExecAction.command": ["true"],
    "Lifecycle.stopSignal": "SIGTERM",  # validateStopSignal: a signal of the pod's os
    "VolumeMount.name": "sample",  # validateVolumeMounts: a volume of the pod
    "VolumeMount.mountPath": "/sample",
    "VolumeMount.mountPropagation": "HostToContainer",  # validateMountPropagation
    "VolumeMount.recursiveReadOnly": "Disabled",  # validateMountRecursiveReadOnly
    "VolumeMount.subPathExpr": "$(SAMPLE)",  # not with subPath
    "VolumeMount.bindMountOptions": ["noexec"],  # its description: noexec, nodev or nosuid
    "VolumeDevice.name": "device",  # validateVolumeDevices: a PVC volume of the pod
    "VolumeDevice.devicePath": "/dev/sample",
    "Volume.name": "sample",
    "EmptyDirVolumeSource.medium": "Memory",  # "" or Memory
    "EmptyDirVolumeSource.sizeLimit": "1Gi",
    "HostPathVolumeSource.path": "/sample",  # validateHostPathVolumeSource: absolute
    "HostPathVolumeSource.type": "Directory",  # validateHostPathType
    "SecretVolumeSource.defaultMode": 0o644,  # validateVolumeSource: 0-0777
    "ConfigMapVolumeSource.defaultMode": 0o644,
    "DownwardAPIVolumeSource.defaultMode": 0o644,
    "ProjectedVolumeSource.defaultMode": 0o644,
    "KeyToPath.mode": 0o644,
    "KeyToPath.path": "sample",  # validateKeyToPath: relative, no '..'
    "DownwardAPIVolumeFile.path": "sample",
    "DownwardAPIVolumeFile.mode": 0o644,
    "ServiceAccountTokenProjection.expirationSeconds": 3600,  # at least 600
    "ServiceAccountTokenProjection.path": "token",
    "ClusterTrustBundleProjection.path": "bundle.pem",
    "ClusterTrustBundleProjection.signerName": "example.com/signer",
    "PodCertificateProjection.signerName": "example.com/signer",  # validatePodCertificateProjection
    "PodCertificateProjection.keyType": "ECDSAP256",
    "PodCertificateProjection.credentialBundlePath": "credentials.pem",
    "PodCertificateProjection.keyPath": "key.pem",
    "PodCertificateProjection.certificateChainPath": "chain.pem",
    "PodCertificateProjection.maxExpirationSeconds": 3600,
    "CSIVolumeSource.driver": "csi.example.com",  # ValidateCSIDriverName
    "NFSVolumeSource.path": "/sample",  # validateNFSVolumeSource: absolute
    "NFSVolumeSource.server": "nfs.example.com",
    "ISCSIVolumeSource.targetPortal": "10.0.0.1:3260",
    "ISCSIVolumeSource.iqn": "iqn.2001-04.com.example:storage",  # validateISCSIVolumeSource
    "ISCSIVolumeSource.portals": ["10.0.0.2:3260"],
    "ISCSIVolumeSource.initiatorName": "iqn.2001-04.com.example:node",
    "ISCSIVolumeSource.iscsiInterface": "default",
    "ISCSIVolumeSource.chapAuthDiscovery": False,  # true needs secretRef
    "ISCSIVolumeSource.chapAuthSession": False,
    "RBDVolumeSource.monitors": ["10.0.0.1:6789"],
    "CephFSVolumeSource.monitors": ["10.0.0.1:6789"],
    "FCVolumeSource.targetWWNs": ["500a0982991b8dc5"],  # validateFCVolumeSource: with lun
    "FCVolumeSource.lun": 0,
    "FCVolumeSource.wwids": [],
    "AzureDiskVolumeSource.cachingMode": "None",  # validateAzureDisk
    "AzureDiskVolumeSource.kind": "Managed",
    "AzureDiskVolumeSource.diskURI": "/subscriptions/sample",
    "GitRepoVolumeSource.directory": "sample",  # validateGitRepoVolumeSource: no '..'
    "ImageVolumeSource.reference": "busybox:1.36",
    "ImageVolumeSource.pullPolicy": "IfNotPresent",
    "GlusterfsVolumeSource.path": "sample",
    "QuobyteVolumeSource.registry": "10.0.0.1:7861",  # validateQuobyteVolumeSource: host:port
    "PersistentVolumeClaimSpec.accessModes": ["ReadWriteOnce"],  # ValidatePersistentVolumeClaimSpec
    "PersistentVolumeClaimSpec.volumeMode": "Filesystem",
    "PersistentVolumeClaimSpec.storageClassName": "standard",
    "TypedLocalObjectReference.kind": "PersistentVolumeClaim",  # validateDataSource
    "TypedObjectReference.kind": "PersistentVolumeClaim",
    "WorkloadPodGroupGangSchedulingPolicy.minCount": 1,
}

# What an object of a type needs beside its required fields to be valid,
# and, where it takes exactly one of several fields, which: the filler is
# left out when the path sets another of the group.
FILL = {
    "Container": {"image": "busybox:1.36"},  # validateContainers: Required value: image
    "Probe": {"exec": {"command": ["true"]}},  # validateHandler: exactly one handler
    "LifecycleHandler": {"exec": {"command": ["true"]}},
    "Volume": {"emptyDir": {}},  # validateVolumeSource: exactly one source
    "VolumeProjection": {"configMap": {"name": "sample"}},  # exactly one projection
    "EnvVarSource": {"fieldRef": {"fieldPath": "metadata.name"}},  # validateEnvVarValueFrom
    "EnvFromSource": {"configMapRef": {"name": "sample"}},  # validateEnvFrom
    "PodFailurePolicyRule": {"onExitCodes": {"operator": "In", "values": [1]}},
    "PodFailurePolicyOnExitCodesRequirement": {"values": [1]},
    "SuccessPolicyRule": {"succeededCount": 1},  # validateSuccessPolicyRule: one of them
    "DownwardAPIVolumeFile": {"fieldRef": {"fieldPath": "metadata.name"}},
    "ResourceFieldSelector": {"containerName": MAIN},  # in a volume: required
    "LabelSelectorRequirement": {"values": ["sample"]},  # In needs values
    "NodeSelectorRequirement": {"values": ["sample"]},
    "NodeSelectorTerm": {"matchExpressions": [{"key": "sample", "operator": "In",
                                               "values": ["sample"]}]},
    "PodAffinityTerm": {"labelSelector": {"matchLabels": {"sample": "sample"}}},
    "PodResourceClaim": {"resourceClaimName": "sample"},  # validatePodResourceClaimSource
    "ClusterTrustBundleProjection": {"signerName": "example.com/signer"},  # name or signerName
    "ContainerRestartRule": {"exitCodes": {"operator": "In", "values": [1]}},
    "HTTPHeader": {"value": "sample"},
    # SetDefaults_Job gives a condition pattern status True, and jobc writes
    # it; a CronJob's template is defaulted only as each Job is made
    "PodFailurePolicyOnPodConditionsPattern": {"status": "True"},
    # validateTolerations: tolerationSeconds goes with NoExecute
    "Toleration": {"key": "sample", "value": "sample", "effect": "NoExecute"},
    # validateLocalObjectReference and the key selectors: a name is required
    "LocalObjectReference": {"name": "sample"},
    "ConfigMapEnvSource": {"name": "sample"},
    "SecretEnvSource": {"name": "sample"},
    "ConfigMapKeySelector": {"name": "sample"},
    "SecretKeySelector": {"name": "sample"},
    "ConfigMapVolumeSource": {"name": "sample"},
    # validateProjectionSources: a projected ConfigMap or Secret needs its name
    "ConfigMapProjection": {"name": "sample"},
    "SecretProjection": {"name": "sample"},
    # ValidatePersistentVolumeClaimSpec (a claim template's too): requests.storage
    "VolumeResourceRequirements": {"requests": {"storage": "1Gi"}},
    "SecretVolumeSource": {"secretName": "sample"},
    # validateImageVolumeSource (KEP-4639): Required value: reference (JOB713)
    "ImageVolumeSource": {"reference": "registry.example.com/data:1.0"},
    "ExecAction": {"command": ["true"]},  # validateExecAction: Required value: command
    "HostAlias": {"hostnames": ["sample"]},
    "PodDNSConfigOption": {"name": "ndots"},  # validatePodDNSConfig: Required value
    "TopologySpreadConstraint": {"labelSelector": {"matchLabels": {"sample": "sample"}}},
    "PersistentVolumeClaimSpec": {"accessModes": ["ReadWriteOnce"],
                                  "resources": {"requests": {"storage": "1Gi"}}},
    "WorkloadPodGroupSchedulingPolicy": {"basic": {}},
    "WorkloadPodGroupDisruptionMode": {"all": {}},
    "WorkloadPodGroupResourceClaim": {"resourceClaimName": "sample"},
}
ONE_OF = {
    "Probe": {"exec", "httpGet", "tcpSocket", "grpc"},
    "LifecycleHandler": {"exec", "httpGet", "tcpSocket", "sleep"},
    "Volume": None,  # every property but name
    "VolumeProjection": None,
    "EnvVarSource": None,
    "EnvFromSource": {"configMapRef", "secretRef"},
    "PodFailurePolicyRule": {"onExitCodes", "onPodConditions"},
    "SuccessPolicyRule": {"succeededCount", "succeededIndexes"},
    "DownwardAPIVolumeFile": {"fieldRef", "resourceFieldRef"},
    "PodResourceClaim": {"resourceClaimName", "resourceClaimTemplateName"},
    "ClusterTrustBundleProjection": {"name", "signerName"},
    "WorkloadPodGroupSchedulingPolicy": None,
    "WorkloadPodGroupDisruptionMode": None,
    "WorkloadPodGroupResourceClaim": {"resourceClaimName", "resourceClaimTemplateName"},
}


def short(t):
    return t.rsplit(".", 1)[-1] if t else None


class Samples:
    def __init__(self, defs):
        self.defs = defs

    def scalar(self, node, owner, prop):
        key = f"{short(owner)}.{prop}"
        if key in SAMPLE:
            return copy.deepcopy(SAMPLE[key])
        t = ref_of(node)
        if t == "io.k8s.apimachinery.pkg.api.resource.Quantity":
            return "1"
        if t == "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
            return 8080
        if t == "io.k8s.apimachinery.pkg.apis.meta.v1.Time":
            return "2024-01-01T00:00:00Z"
        if t:
            return {}  # FieldsV1, RawExtension, an object with no properties
        kind, fmt = node.get("type"), node.get("format")
        if kind == "boolean":
            return True
        if kind in ("integer", "number"):
            return 1
        if fmt == "byte":
            return "c2FtcGxl"
        return "sample"

    def instance(self, t, skip=None):
        """A minimal valid object of type t; skip: the property the path sets."""
        name = short(t)
        obj = {}
        for prop in self.defs[t].get("required", []):
            if prop != skip:
                obj[prop] = self.value(self.defs[t]["properties"][prop], t, prop)
        group = ONE_OF.get(name, set())
        if group is None:
            group = set(self.defs[t].get("properties", {})) - {"name"}
        for prop, v in FILL.get(name, {}).items():
            if prop == skip or prop in obj or (skip in group and prop in group):
                continue
            obj[prop] = copy.deepcopy(v)
        return obj

    def value(self, node, owner, prop):
        """The sample value of property prop of type owner."""
        key = f"{short(owner)}.{prop}"
        if key in SAMPLE:
            return copy.deepcopy(SAMPLE[key])
        s = Step(prop, owner, node, self.defs)
        if s.shape == "obj":
            return self.instance(s.type)
        if s.shape == "list":
            if s.type and self.defs[s.type].get("properties"):
                return [self.instance(s.type)]
            return [self.scalar(s.item, owner, prop)]
        if s.shape == "map":
            if s.type and self.defs[s.type].get("properties"):
                return {"sample": self.instance(s.type)}
            return {"sample": self.scalar(s.item, owner, prop)}
        return self.scalar(node, owner, prop)


# ---- manifests ------------------------------------------------------------------

def pod_of(doc):
    spec = doc["spec"]["jobTemplate"]["spec"] if doc["kind"] == "CronJob" else doc["spec"]
    return spec, spec["template"]["spec"]


def add_volume(pod, vol):
    vols = pod.setdefault("volumes", [])
    if not any(v.get("name") == vol["name"] for v in vols):
        vols.append(vol)


def fix_selector(doc):
    spec, _ = pod_of(doc)
    spec["manualSelector"] = True
    spec["template"].setdefault("metadata", {}).setdefault("labels", {})["sample"] = "sample"
    spec.setdefault("selector", {}).setdefault("matchLabels", {"sample": "sample"})


def fix_indexed(doc):
    spec, _ = pod_of(doc)
    spec["completionMode"] = "Indexed"
    spec["completions"] = 2


def fix_match_fields(doc):
    """ValidateNodeFieldSelectorRequirement: a match field is metadata.name,
    In or NotIn one node name."""
    if isinstance(doc, dict):
        for item in doc.get("matchFields") or []:
            item["key"] = "metadata.name"
            if item.get("operator") not in ("In", "NotIn"):
                item["operator"] = "In"
            item["values"] = (item.get("values") or ["node-1"])[:1]
        for v in doc.values():
            fix_match_fields(v)
    elif isinstance(doc, list):
        for v in doc:
            fix_match_fields(v)


def fix_sibling(key, value):
    def fix(doc, target):
        target[key] = value
    return fix


# What a path needs around it to be valid, by a regular expression on the
# path: fn(doc, the object the path's property is in).  Each says the rule.
FIXUPS = [
    # validateVolumeMounts: a mount names a volume of the pod
    (r"\.volumeMounts\[\]", lambda d, t: add_volume(pod_of(d)[1], {"name": "sample", "emptyDir": {}})),
    # validateVolumeDevices: a device names a persistentVolumeClaim volume
    (r"\.volumeDevices\[\]", lambda d, t: add_volume(
        pod_of(d)[1], {"name": "device", "persistentVolumeClaim": {"claimName": "sample"}})),
    # validateFileKeyRefVolumes: an emptyDir volume of the pod
    (r"\.fileKeyRef(\.|$)", lambda d, t: add_volume(pod_of(d)[1], {"name": "sample", "emptyDir": {}})),
    # validateResourceClaimNames: a container's claim is one of the pod's
    (r"[cC]ontainers\[\]\.resources\.claims\[\]|spec\.resources\.claims\[\]",
     lambda d, t: pod_of(d)[1].setdefault(
         "resourceClaims", [{"name": "sample", "resourceClaimName": "sample"}])),
    # validateSuccessPolicy, validateJobSpec: Indexed jobs only, with completions
    (r"\.(successPolicy|backoffLimitPerIndex|maxFailedIndexes)", lambda d, t: fix_indexed(d)),
    # validateJobSpec: maxFailedIndexes needs backoffLimitPerIndex
    (r"\.maxFailedIndexes$", lambda d, t: pod_of(d)[0].setdefault("backoffLimitPerIndex", 1)),
    # ValidateGeneratedSelector: a selector is the user's only with manualSelector,
    # and must select the pods (ValidateJobSpec)
    (r"^Job:spec\.(selector|manualSelector)", lambda d, t: fix_selector(d)),
    # validateInitContainers: probes, lifecycle and resize policies belong to
    # restartable init containers (sidecars)
    (r"initContainers\[\]\.(livenessProbe|readinessProbe|startupProbe|lifecycle)",
     lambda d, t: pod_of(d)[1]["initContainers"][0].setdefault("restartPolicy", "Always")),
    # validateStopSignal: a stop signal needs the pod's os
    (r"\.lifecycle\.stopSignal$", lambda d, t: pod_of(d)[1].setdefault("os", {"name": "linux"})),
    # serviceAccount is the deprecated name of serviceAccountName: the API
    # server stores both (the round trip keeps the one)
    (r"spec\.serviceAccount$", lambda d, t: t.setdefault("serviceAccountName", t["serviceAccount"])),
    # validateSeccompProfileField, ValidateAppArmorProfileField: a localhost
    # profile is of type Localhost
    (r"(seccompProfile|appArmorProfile)\.localhostProfile$", fix_sibling("type", "Localhost")),
    (r"\.matchFields\[\]", lambda d, t: fix_match_fields(d)),
    # validateTopologySpreadConstraints: matchLabelKeys needs a labelSelector
    (r"topologySpreadConstraints\[\]\.matchLabelKeys",
     fix_sibling("labelSelector", {"matchLabels": {"sample": "sample"}})),
    # validatePodAffinityTerm: matchLabelKeys and mismatchLabelKeys need a labelSelector
    (r"(matchLabelKeys|mismatchLabelKeys)\[\]$",
     fix_sibling("labelSelector", {"matchLabels": {"sample": "sample"}})),
]


def set_main(x, name):
    if isinstance(x, dict):
        return {k: set_main(v, name) for k, v in x.items()}
    if isinstance(x, list):
        return [set_main(v, name) for v in x]
    return name if x == MAIN else x


def base(kind, name):
    pod = {"restartPolicy": "Never", "containers": [{"name": name, "image": "busybox:1.36"}]}
    if kind == "Job":
        return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
                "spec": {"template": {"spec": pod}}}
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": name},
            "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": {"spec": pod}}}}}


def manifest(samples, kind, steps, name):
    """The manifest that sets the path, and the value it sets."""
    doc = base(kind, name)
    cur = doc
    for i, s in enumerate(steps):
        if i == len(steps) - 1:
            v = samples.value(s.node, s.owner, s.prop)
            was = cur.get(s.prop)
            if isinstance(v, dict) and isinstance(was, dict):
                v = {**v, **was}  # the base's own (metadata, the pod) stays
            elif isinstance(v, list) and was and s.shape == "list" and isinstance(v[0], dict):
                v = was  # containers: the main one is there
            cur[s.prop] = v
            break
        nxt = steps[i + 1].prop
        if s.shape == "obj":
            if not isinstance(cur.get(s.prop), dict):
                cur[s.prop] = samples.instance(s.type, nxt)
            cur = cur[s.prop]
        elif s.shape == "list":
            if not cur.get(s.prop):
                cur[s.prop] = [samples.instance(s.type, nxt)]
            cur = cur[s.prop][0]
        else:
            cur[s.prop] = {"sample": samples.instance(s.type, nxt)}
            cur = cur[s.prop]["sample"]
    text = path_text(kind, steps)
    # the Job's own name, or a prefix in its place
    if re.match(r"^\w+:metadata\.name$", text):
        cur["name"] = name
    if re.match(r"^\w+:metadata\.generateName$", text):
        del doc["metadata"]["name"]
        cur["generateName"] = name + "-"
    for pattern, fix in FIXUPS:
        if re.search(pattern, text):
            fix(doc, cur)
    return set_main(doc, name)


def lookup(doc, steps):
    """The value at the path in doc (first items, key "sample"), or KeyError."""
    cur = doc
    for i, s in enumerate(steps):
        cur = cur[s.prop]
        if i < len(steps) - 1 and s.shape == "list":
            cur = cur[0]
        elif i < len(steps) - 1 and s.shape == "map":
            cur = cur["sample"]
    return cur


# ---- running jobc, in batches ------------------------------------------------------

def failing_files(stderr, files):
    """The files of files an error of stderr is in, each with its first error."""
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"^(\S+?):\d+:\d+: error: (.*)", line)
        if m and m.group(1) in files and m.group(1) not in out:
            out[m.group(1)] = m.group(2)
    return out


def batch(cmd, files, timeout=300):
    """Runs cmd + files; while it fails, takes out the files its errors are
    in (or, when no error names one, half of them) and runs it again.
    Returns {file: why} for those taken out."""
    failed = {}
    pending = list(files)
    while pending:
        r = subprocess.run(cmd + pending, capture_output=True, text=True, timeout=timeout)
        if r.returncode == 0:
            break
        bad = failing_files(r.stderr, set(pending))
        if not bad:
            if len(pending) == 1:
                bad = {pending[0]: (r.stderr.strip().splitlines() or ["exit %d" % r.returncode])[-1]}
            else:
                half = pending[: len(pending) // 2]
                sub = batch(cmd, half, timeout)
                rest = [f for f in pending if f not in half]
                sub.update(batch(cmd, rest, timeout))
                failed.update(sub)
                return failed
        failed.update(bad)
        pending = [f for f in pending if f not in bad]
    return failed


def raw_fields(jobc):
    """The fields written as Kubernetes writes them (type "Kubernetes
    object" in jobc doc fields): pod-spec, container-spec, affinity, ..."""
    r = subprocess.run([jobc, "doc", "fields"], capture_output=True, text=True, check=True)
    return set(re.findall(r"^\| `([a-z0-9-]+)` \| Kubernetes object \|", r.stdout, re.M))


TOKEN = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\]|\\.)*"|#[^\n]*|[A-Za-z_][A-Za-z0-9_-]*|[{}\[\]=,;\n]|\S')


def spelled_by_kubernetes(source, key, raw):
    """Whether key is set in source inside a block of a field of raw."""
    toks = [t for t in TOKEN.findall(source) if not t.startswith("#") and t != "\n"]
    stack = [False]
    last = None
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if t in ("{", "["):
            stack.append(stack[-1] or last in raw)
            last = None
        elif t in ("}", "]"):
            if len(stack) > 1:
                stack.pop()
        elif nxt in ("=", "{"):
            last = t.strip('"')
            if last == key and stack[-1]:
                return True
    return False


# ---- the test -------------------------------------------------------------------

def first_difference(a, b, at=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{at}.{k}" if at else k)
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{at}[{i}]")
    return f"{at}: {json.dumps(a)} in the manifest, {json.dumps(b)} built"


def coverage(jobc, scratch, schema, entries, only=None):
    """Runs the paths of schema (those matching only) through jobc.
    Returns {path: ("named" or "kubernetes", defaulted) or ("failed", why)}."""
    defs = json.load(open(schema))["components"]["schemas"]
    samples = Samples(defs)
    # the files of a run before are overwritten, not removed (removing
    # 6,000 files takes longer than the test); only those this run wrote
    # are read
    dirs = {k: os.path.join(scratch, k) for k in ("in", "src", "out")}
    os.makedirs(dirs["in"], exist_ok=True)

    def cut(text):
        e = entry_of(entries, text)
        return e is not None and e.kind != "gap"

    items = {}
    for kind, steps in walk(defs, cut):
        text = path_text(kind, steps)
        if only and not re.search(only, text):
            continue
        name = f"cov-{len(items) + 1}"
        doc = manifest(samples, kind, steps, name)
        f = os.path.join(dirs["in"], name + ".yaml")
        with open(f, "w") as out:
            json.dump(doc, out, indent=1)  # YAML too, and quicker to write than YAML
        items[name] = (text, steps, doc, f)
    results = {}
    by_file = {it[3]: n for n, it in items.items()}
    bad = batch([jobc, "import", "-o", dirs["src"]],
                [it[3] for it in items.values()])
    for f, why in bad.items():
        results[items[by_file[f]][0]] = ("failed", "jobc import: " + why)
    srcs = {os.path.join(dirs["src"], n + ".job"): n for n in items
            if items[n][0] not in results}
    bad = batch([jobc, "build", "-w", "--max-errors", "0", "--emit", "json", "-o", dirs["out"]],
                sorted(srcs))
    for f, why in bad.items():
        results[items[srcs[f]][0]] = ("failed", "jobc build: " + why)
    raw = raw_fields(jobc)
    for src, n in srcs.items():
        text, steps, doc, _ = items[n]
        if text in results:
            continue
        got = json.load(open(os.path.join(dirs["out"], n + ".json")))
        want_n, got_n = (doc, got) if doc == got else \
            (roundtrip.k8s_normal(doc), roundtrip.k8s_normal(got))
        if want_n != got_n:
            results[text] = ("failed", "built otherwise: " + first_difference(want_n, got_n))
            continue
        defaulted = False
        try:
            if roundtrip.prune_empty({"v": lookup(doc, steps)}) and \
                    not any(re.search(p, text) for p, _ in ALIASES):
                lookup(got, steps)  # said, not only defaulted
        except (KeyError, IndexError, TypeError):
            try:
                lookup(got_n, steps)
                defaulted = True  # the API server's default, which jobc leaves out
            except (KeyError, IndexError, TypeError):
                results[text] = ("failed", "the built object does not have it")
                continue
        spelled = spelled_by_kubernetes(open(src).read(), steps[-1].prop, raw)
        results[text] = ("kubernetes" if spelled else "named", defaulted)
    return results


def judge(results, entries, whole=True):
    """The counts, what to print, and the problems that fail the test.
    whole: results cover the whole document (an entry must match a path)."""
    counts = {"named": 0, "kubernetes": 0, "defaulted": 0, "gap": 0, "refused": 0,
              "unchecked": 0}
    lines, problems = [], []
    hit = set()
    for text, (how, what) in sorted(results.items()):
        e = entry_of(entries, text)
        written = how != "failed"
        if e:
            hit.add(e.where)
        if written and (e is None or e.kind == "gap"):
            counts[how] += 1  # total = named + Kubernetes-spelled + gaps
            counts["defaulted"] += bool(what)
        if e is None:
            if not written:
                problems.append(f"cannot be written: {text}: {what}")
        elif e.kind == "gap":
            counts["gap"] += not written
            if written:
                problems.append(f"{e.where}: {text} is written now ({how}): take it off the "
                                f"allow-list (gap {e.pattern})")
            else:
                lines.append(f"gap: {text}: {e.reason}")
        elif e.kind == "refused":
            counts["refused"] += 1
            if written:
                problems.append(f"{e.where}: jobc writes {text}, which Kubernetes refuses or "
                                f"ignores ({e.reason})")
        else:
            counts["unchecked"] += 1
            if written:
                lines.append(f"unchecked: {text}: {e.reason}")
            else:
                problems.append(f"{e.where}: jobc no longer writes {text} ({what}): "
                                f"make the entry refused")
    if whole:
        for e in entries:
            if e.where not in hit:
                problems.append(f"{e.where}: the entry {e.kind} {e.pattern} matches no path")
    return counts, lines, problems


def synthetic_unit(jobc, scratch, entries):
    """A new snapshot of the document with a property nobody can write (in
    the pod spec, and in a container, whose list jobc names) must fail, and
    so must an allow-list entry that names a writable path or no path."""
    doc = json.load(open(SCHEMA))
    schemas = doc["components"]["schemas"]
    for t in ("PodSpec", "Container"):
        schemas[CORE + t]["properties"]["syntheticField"] = {"type": "string"}
    copy_path = os.path.join(scratch, "synthetic-openapi.json")
    os.makedirs(scratch, exist_ok=True)
    with open(copy_path, "w") as f:
        json.dump(doc, f)
    stale = [Entry("gap", r"^Job:spec\.template\.spec\.hostNetwork$", "a stale entry", "stale:1"),
             Entry("gap", r"^Job:spec\.noSuchField$", "an entry for nothing", "stale:2")]
    results = coverage(jobc, os.path.join(scratch, "run"), copy_path, entries,
                       only=r"^Job:spec\.template\.spec\.((init)?[cC]ontainers\[\]\.)?"
                            r"(syntheticField|hostNetwork|image)$")
    _, _, problems = judge(results, stale + entries, whole=False)
    problems.sort()
    _, _, problems2 = judge(results, stale, whole=True)
    want = ["cannot be written: Job:spec.template.spec.containers[].syntheticField: ",
            "cannot be written: Job:spec.template.spec.initContainers[].syntheticField: ",
            "cannot be written: Job:spec.template.spec.syntheticField: ",
            "stale:1: Job:spec.template.spec.hostNetwork is written now"]
    out = []
    if len(problems) != len(want) or not all(p.startswith(w) for p, w in zip(problems, want)):
        out.append(f"with a synthetic property and a stale entry, the problems are {problems}, "
                   f"not {want}")
    if sum(how != "failed" for how, _ in results.values()) < 3:
        out.append("the writable neighbours of the synthetic property failed too")
    if not any(p.startswith("stale:2: ") for p in problems2):
        out.append("an allow-list entry that matches no path is not reported")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jobc")
    ap.add_argument("scratch")
    ap.add_argument("--schema", default=SCHEMA)
    ap.add_argument("--allow-list", default=ALLOW_LIST)
    ap.add_argument("--only", help="only the paths this regular expression finds")
    args = ap.parse_args()
    jobc = os.path.abspath(args.jobc)
    entries = load_allow_list(args.allow_list)
    results = coverage(jobc, os.path.join(args.scratch, "all"), args.schema, entries, args.only)
    counts, lines, problems = judge(results, entries, whole=not args.only)
    total = len(results) - counts["refused"] - counts["unchecked"]
    print(f"{counts['named']} named / {counts['kubernetes']} Kubernetes-spelled / {total} total")
    print(f"({counts['gap']} allow-listed gaps; {counts['defaulted']} written as the API "
          f"server's default, which jobc leaves out; not counted: {counts['refused']} paths "
          f"Kubernetes refuses or ignores, {counts['unchecked']} it refuses that jobc writes)")
    for line in lines:
        print(line)
    if not args.only:
        problems += synthetic_unit(jobc, os.path.join(args.scratch, "synthetic"), entries)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
