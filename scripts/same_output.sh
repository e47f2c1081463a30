#!/usr/bin/env bash
# Checks that two claimsift binaries write byte-identical tables, for changes that must not
# move the output (speed work, refactors).
#
#   scripts/same_output.sh OLD_BINARY NEW_BINARY
#
# Inputs: the PolNeAR train articles in ../shared/eval and every ../shared/corpus/*.jsonl, run
# with the news-en pipeline, and the first corpus file again with news-de. Each run writes the
# claims, articles and sentences tables with 2 threads; every table must match byte for byte.
# Prints one line per input and exits 1 at the first difference, naming the table.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: scripts/same_output.sh OLD_BINARY NEW_BINARY" >&2
  exit 2
fi
old=$1 new=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shopt -s nullglob
inputs=(../shared/eval/polnear.train.articles.jsonl ../shared/corpus/*.jsonl)
status=0

# compare LABEL INPUT [OPTION...]: both binaries over one input, tables compared.
compare() {
  local label=$1 input=$2
  shift 2
  for side in old new; do
    local bin=$old
    [ "$side" = new ] && bin=$new
    "$bin" extract "$input" "$@" --out "$work/$side" --tables claims,articles,sentences \
      --threads 2 --quiet || true
  done
  for table in claims articles sentences; do
    if ! cmp -s "$work/old/$table.csv" "$work/new/$table.csv"; then
      echo "DIFFERENT $label: $table.csv" >&2
      cmp "$work/old/$table.csv" "$work/new/$table.csv" >&2 || true
      status=1
      return
    fi
  done
  echo "same $label ($(wc -l <"$work/new/claims.csv") lines of claims.csv)"
}

for input in "${inputs[@]}"; do
  [ -f "$input" ] || continue
  compare "$(basename "$input")" "$input"
done
if [ -f "${inputs[1]:-}" ]; then
  compare "$(basename "${inputs[1]}") news-de" "${inputs[1]}" --pipeline news-de
fi
exit $status
