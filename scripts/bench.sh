#!/usr/bin/env bash
# Throughput and memory of the release binary against the floor, measured in the same run.
#
#   scripts/bench.sh [REPEATS]
#
# Inputs: ../shared/corpus/*.jsonl as they are ("small"), and the same files repeated until
# they reach BENCH_BIG_MB (default 1024) megabytes ("big"), written to a temporary file that
# is removed at the end (never stored in the repo). Each input is run with 1 and 2 threads,
# REPEATS times (default 1); each line prints MB/s (10^6 bytes of article text per second of
# wall time, start-up included), articles/s and peak RSS (/usr/bin/time -f %M), and the ratio
# to the floor: a bare unicode_word_indices pass over the same texts, one thread
# (examples/floor.rs, reading and JSON parsing left out of its time). The 2-thread lines also
# give the speedup over the 1-thread run before them. The machine's other load moves every
# figure, so compare ratios within one run. Set BENCH_BIG_MB=0 to skip the big input.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-1}
big_mb=${BENCH_BIG_MB:-1024}
corpus=../shared/corpus
shopt -s nullglob
files=("$corpus"/*.jsonl)
if [ ${#files[@]} -eq 0 ]; then
  echo "bench: no $corpus/*.jsonl; nothing measured" >&2
  exit 0
fi
cargo build --release --quiet --bin claimsift --example floor
bin=./target/release/claimsift
floor_bin=./target/release/examples/floor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# floor FILE...: the floor's MB/s over the files.
floor() {
  cat "$@" | "$floor_bin" | awk '$1 == "mb_per_s" { print $2 }'
}

# measure LABEL THREADS FLOOR FILE...: one run, one line.
measure() {
  local label=$1 threads=$2 floor_mbs=$3
  shift 3
  rm -rf "$work/out"
  /usr/bin/time -f "%e %M" -o "$work/time" \
    "$bin" extract "$@" --out "$work/out" --threads "$threads" --quiet
  read -r seconds rss_kb < "$work/time"
  python3 - "$work/out/run.json" "$label" "$threads" "$seconds" "$rss_kb" "$floor_mbs" \
    "${single_mbs:-}" <<'PY'
import json, sys
path, label, threads, seconds, rss_kb, floor_mbs, single = sys.argv[1:]
counts = json.load(open(path))["counts"]
seconds = max(float(seconds), 1e-3)
mbs = counts["bytes"] / 1e6 / seconds
line = (f"{label:5} threads={threads} {counts['bytes'] / 1e6:8.1f} MB {seconds:7.2f} s "
        f"{mbs:7.2f} MB/s {counts['articles'] / seconds:8.0f} articles/s "
        f"rss {int(rss_kb) / 1024:6.1f} MB  floor {float(floor_mbs):6.1f} MB/s "
        f"ratio {mbs / float(floor_mbs):6.1%}")
if threads != "1" and single:
    line += f"  speedup {mbs / float(single):.2f}x"
print(line)
with open(sys.argv[1] + ".mbs", "w") as out:
    out.write(f"{mbs}\n")
PY
  last_mbs=$(cat "$work/out/run.json.mbs")
}

# suite LABEL FILE...: the floor, then 1 and 2 threads, REPEATS times.
suite() {
  local label=$1
  shift
  for _ in $(seq "$repeats"); do
    local floor_mbs
    floor_mbs=$(floor "$@")
    single_mbs=
    measure "$label" 1 "$floor_mbs" "$@"
    single_mbs=$last_mbs
    measure "$label" 2 "$floor_mbs" "$@"
  done
}

suite small "${files[@]}"

if [ "$big_mb" -gt 0 ]; then
  big="$work/big.jsonl"
  : > "$big"
  while [ "$(stat -c %s "$big")" -lt $((big_mb * 1000 * 1000)) ]; do
    cat "${files[@]}" >> "$big"
  done
  suite big "$big"
fi
