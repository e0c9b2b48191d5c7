#!/usr/bin/env python3
"""Generates the benchmark workloads, for jobc and for the peers it is
compared with (C++ jsonnet, Pkl), in one folder.

  gen.py DIR shared N      N job files each including a shared 40-line
                           library (workloads P and F)
  gen.py DIR loop N        one file whose `for` makes N jobs (workload G)
  gen.py DIR chain N       N templates in a chain, one job (workload deep)
  gen.py DIR map N         one job with an N-key map (deep)
  gen.py DIR string N      one job with an N-byte string (deep)

Each writes DIR/jobc/..., DIR/jsonnet/... and DIR/pkl/... describing the same
jobs (the same Kubernetes Job for each input), so that the tools do the
same work.
"""
import os
import sys

JOBC_LIB = '''# lib/team.job - what every job of the team shares (40 lines)
param tag = "2026.11.1"
let registry = "ghcr.io/acme"
let region = "eu-west-1"
let team_labels = {
  "app.kubernetes.io/part-of" = "acme-platform"
  "app.kubernetes.io/managed-by" = "jobc"
  team = "data"
}

# the team's batch defaults
template base(team) {
  namespace = team
  restart = never
  retries = 3
  deadline = 1h
  ttl = 1d
  resources { cpu = 250m..1; memory = 256Mi..1Gi }
  labels = team_labels
  env {
    LOG_FORMAT = "json"
    REGION = region
  }
}

# an ETL shard set over one table
template etl(table, shards = 4) : base("data") {
  image = "${registry}/etl:${tag}"
  args = ["--table", table, "--shards", shards]
  completions = shards
  parallelism = shards
  indexed = true
  env {
    SOURCE_DB = secret("etl-db", "url")
    TABLE = table
  }
  labels { "acme.io/table" = table }
}
'''

JSONNET_LIB = '''// lib/team.libsonnet - what every job of the team shares
local tag = "2026.11.1";
local registry = "ghcr.io/acme";
local region = "eu-west-1";
local teamLabels = {
  "app.kubernetes.io/part-of": "acme-platform",
  "app.kubernetes.io/managed-by": "jobc",
  team: "data",
};
{
  base(team):: {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { namespace: team, labels: teamLabels },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 3600,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: teamLabels },
        spec: { restartPolicy: "Never", containers: [] },
      },
    },
  },
  etl(name, table, shards=4):: self.base("data") + {
    local labels = teamLabels + { "acme.io/table": table },
    metadata+: { name: name, labels: labels },
    spec+: {
      completions: shards,
      parallelism: shards,
      completionMode: "Indexed",
      template+: {
        metadata+: { labels: labels },
        spec+: {
          containers: [{
            name: name,
            image: registry + "/etl:" + tag,
            args: ["--table", table, "--shards", std.toString(shards)],
            resources: {
              requests: { cpu: "250m", memory: "256Mi" },
              limits: { cpu: "1", memory: "1Gi" },
            },
            env: [
              { name: "LOG_FORMAT", value: "json" },
              { name: "REGION", value: region },
              { name: "SOURCE_DB", valueFrom: { secretKeyRef: { name: "etl-db", key: "url" } } },
              { name: "TABLE", value: table },
            ],
          }],
        },
      },
    },
  },
}
'''

PKL_LIB = '''// lib/team.pkl - what every job of the team shares
module team

tag = "2026.11.1"
registry = "ghcr.io/acme"
region = "eu-west-1"
teamLabels: Mapping<String, String> = new {
  ["app.kubernetes.io/part-of"] = "acme-platform"
  ["app.kubernetes.io/managed-by"] = "jobc"
  ["team"] = "data"
}

function etl(jobName: String, tableName: String, shardCount: Int) = new Dynamic {
  apiVersion = "batch/v1"
  kind = "Job"
  metadata {
    name = jobName
    namespace = "data"
    labels = (teamLabels) { ["acme.io/table"] = tableName }
  }
  spec {
    backoffLimit = 3
    activeDeadlineSeconds = 3600
    ttlSecondsAfterFinished = 86400
    completions = shardCount
    parallelism = shardCount
    completionMode = "Indexed"
    template {
      metadata { labels = (teamLabels) { ["acme.io/table"] = tableName } }
      spec {
        restartPolicy = "Never"
        containers {
          new {
            name = jobName
            image = "\\(registry)/etl:\\(tag)"
            args { "--table"; tableName; "--shards"; shardCount.toString() }
            resources {
              requests { cpu = "250m"; memory = "256Mi" }
              limits { cpu = "1"; memory = "1Gi" }
            }
            env {
              new { name = "LOG_FORMAT"; value = "json" }
              new { name = "REGION"; value = region }
              new { name = "SOURCE_DB"; valueFrom { secretKeyRef { name = "etl-db"; key = "url" } } }
              new { name = "TABLE"; value = tableName }
            }
          }
        }
      }
    }
  }
}
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def shared(d, n):
    write(f"{d}/jobc/lib/team.job", JOBC_LIB)
    write(f"{d}/jsonnet/lib/team.libsonnet", JSONNET_LIB)
    write(f"{d}/pkl/lib/team.pkl", PKL_LIB)
    main = ["{"]
    for i in range(1, n + 1):
        write(f"{d}/jobc/jobs/t{i:05}.job",
              f'include "../lib/team.job"\n\njob etl-t{i:05} : etl("t{i:05}") {{}}\n')
        write(f"{d}/jsonnet/jobs/t{i:05}.jsonnet",
              f'local team = import "../lib/team.libsonnet";\n{{ "etl-t{i:05}.json": team.etl("etl-t{i:05}", "t{i:05}") }}\n')
        write(f"{d}/pkl/jobs/t{i:05}.pkl",
              f'import "../lib/team.pkl"\n\noutput {{\n  files {{\n    ["etl-t{i:05}.yaml"] {{\n      value = team.etl("etl-t{i:05}", "t{i:05}", 4)\n      renderer = new YamlRenderer {{}}\n    }}\n  }}\n}}\n')
        main.append(f'  "etl-t{i:05}.json": (import "jobs/t{i:05}.jsonnet")["etl-t{i:05}.json"],')
    main.append("}")
    # jsonnet evaluates many files in one process through one entry file
    write(f"{d}/jsonnet/all.jsonnet", "\n".join(main) + "\n")


def loop(d, n):
    write(f"{d}/jobc/loop.job", f'''# {n} jobs from one loop
for i in range(0, {n}) {{
  job "gen-${{i}}" {{
    namespace = "batch"
    image = "ghcr.io/acme/worker:2.4.1"
    args = ["--shard", i]
    resources {{ cpu = 100m..1; memory = 128Mi }}
    deadline = 1h
    ttl = 1d
  }}
}}
''')
    write(f"{d}/jsonnet/loop.jsonnet", f'''std.makeArray({n}, function(i) {{
  apiVersion: "batch/v1", kind: "Job",
  metadata: {{ name: "gen-" + i, namespace: "batch" }},
  spec: {{ activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400,
    template: {{ spec: {{ restartPolicy: "Never", containers: [{{
      name: "gen-" + i, image: "ghcr.io/acme/worker:2.4.1", args: ["--shard", std.toString(i)],
      resources: {{ requests: {{ cpu: "100m", memory: "128Mi" }}, limits: {{ cpu: "1", memory: "128Mi" }} }},
    }}] }} }} }},
}})
''')
    write(f"{d}/pkl/loop.pkl", f'''jobs = IntSeq(0, {n - 1}).toList().map((i) -> new Dynamic {{
  apiVersion = "batch/v1"
  kind = "Job"
  metadata {{ name = "gen-\\(i)"; namespace = "batch" }}
  spec {{
    activeDeadlineSeconds = 3600
    ttlSecondsAfterFinished = 86400
    template {{ spec {{ restartPolicy = "Never"; containers {{ new {{
      name = "gen-\\(i)"; image = "ghcr.io/acme/worker:2.4.1"; args {{ "--shard"; i.toString() }}
      resources {{ requests {{ cpu = "100m"; memory = "128Mi" }}; limits {{ cpu = "1"; memory = "128Mi" }} }}
    }} }} }} }}
  }}
}})
output {{ value = jobs; renderer = new YamlRenderer {{ isStream = true }} }}
''')


def chain(d, n):
    lines = ["# a chain of %d templates, each adding to the one before" % n,
             'template t0 {\n  namespace = "batch"\n  image = "busybox:1.36"\n  '
             'resources { cpu = 1; memory = 1Gi }\n  deadline = 1h\n  ttl = 1d\n}']
    for i in range(1, n):
        lines.append(f'template t{i} : t{i - 1} {{\n  env {{ V{i} = "{i}" }}\n}}')
    lines.append(f"job deep : t{n - 1} {{}}")
    write(f"{d}/jobc/chain.job", "\n".join(lines) + "\n")


def bigmap(d, n):
    body = "\n".join(f'    K{i:05} = "value-{i}"' for i in range(n))
    write(f"{d}/jobc/map.job", f'''let big = {{
{body}
}}
job wide {{
  namespace = "batch"
  image = "busybox:1.36"
  resources {{ cpu = 1; memory = 1Gi }}
  deadline = 1h
  ttl = 1d
  env = big
}}
''')


def string(d, n):
    chunk = "abcdefghijklmnopqrstuvwxyz0123456789 "
    s = (chunk * (n // len(chunk) + 1))[:n]
    write(f"{d}/jobc/string.job", f'''job long {{
  namespace = "batch"
  image = "busybox:1.36"
  resources {{ cpu = 1; memory = 1Gi }}
  deadline = 1h
  ttl = 1d
  args = ["{s}"]
}}
''')


if __name__ == "__main__":
    d, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"shared": shared, "loop": loop, "chain": chain, "map": bigmap, "string": string}[kind](d, n)
