#!/bin/sh
# bench/reapply.sh JOBC [N] - what comparing with the last outputs (JOB124)
# costs a rebuild in which every output changes: N jobs (default 2000), one
# a file, built to out/ with tag 1.0, then rebuilt with tag 2.0 (a new
# image in every pod template, so every Job is compared and warned about),
# with the comparison and with it turned off (-Wno-immutable-change).
set -eu
JOBC=$(realpath "$1")
N=${2:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
i=0
while [ "$i" -lt "$N" ]; do
	cat > "j$i.job" <<JOB
param tag = "1.0"
job j$i {
  namespace = "batch"
  image = "registry.example/app:\${tag}"
  command = ["run", "--shard", "$i"]
  resources { cpu = 500m; memory = 256Mi }
  env { SHARD = $i; MODE = "full" }
  deadline = 1h
  ttl = 1d
}
JOB
	i=$((i + 1))
done
"$JOBC" build -w -o out j*.job
hyperfine -N -w 1 -r 10 -p "$JOBC build -w -o out -D tag=1.0 $(echo j*.job)" \
	-n compared "$JOBC build -o out -D tag=2.0 $(echo j*.job)" \
	-n "not compared" "$JOBC build -Wno-immutable-change -o out -D tag=2.0 $(echo j*.job)"
