#!/bin/sh
# valgrind.sh JOBC: the examples (and the commands around them) under
# valgrind's memcheck: no invalid access, no uninitialised read, and no
# leak of any kind (definite, indirect, possible or still reachable).
# Exits non-zero at the first command with a finding.  Run from anywhere.
set -eu
jobc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
scratch=${TMPDIR:-/tmp}/jobc-valgrind.$$
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"
cd "$here/examples"
n=0
run() {
  want=$1; shift
  n=$((n + 1))
  set +e
  valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
    --errors-for-leak-kinds=all --track-origins=yes "$jobc" "$@" >"$scratch/out" 2>"$scratch/err"
  rc=$?
  set -e
  if [ "$rc" != "$want" ]; then
    echo "valgrind: jobc $* exited $rc (expected $want):" >&2
    cat "$scratch/err" >&2
    exit 1
  fi
}
run 0 build *.job
run 0 build --emit json *.job
run 0 build --emit planton data-migration.job billing-team.job
run 0 build -j2 -o "$scratch/o" -MD -MP --prune *.job
run 0 build -j2 -o "$scratch/o" -MD -MP --prune *.job
run 0 build --defaults explicit *.job
run 0 check *.job
run 0 ast --json --resolved data-team.job
run 0 fmt *.job lib/acme.job
run 0 import "$here/tests/import/kubectl-job-indexed/input.yaml" "$here/tests/import/planton-every-field/input.yaml"
run 1 check --diagnostics json "$here/tests/cases/errors/all-errors-at-once/input.job"
run 1 build "$here/tests/cases/syntax/three-errors/input.job"
run 1 import "$here/tests/import/refuse-dns-config/input.yaml"
run 0 explain JOB101
# jobc simulate: a Job failing an index, a seeded scenario as JSON, a
# CronJob across the Europe/Rome daylight-saving change
run 3 simulate render-frames.job --pod 'index=2: exit=42'
run 0 simulate --json render-frames.job --scenario flaky
run 0 simulate platform-team.job postgres-backup --from 2026-03-28T00:00:00Z --runs 3
# JOB124: a rebuild whose outputs change is compared with the last ones,
# and a cluster's copy with --against
run 0 build -j2 -o "$scratch/o" -D tag=2099.1.0 billing-team.job data-team.job
run 0 check --against "$here/tests/cases/reapply/live-copy/previous.yaml" \
  "$here/tests/cases/reapply/live-copy/input.job"
echo "valgrind: $n commands over the examples, no errors and no leaks"
