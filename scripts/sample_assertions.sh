#!/usr/bin/env bash
# Draws a reproducible random sample of assertion rows from a run over ../shared/corpus, for
# checking their precision by hand (there is no gold set for assertions).
#   scripts/sample_assertions.sh [N] [SEED]     (default 50 rows, seed 8)
# Prints article id, rule, confidence and the sentence, one block per row. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
seed=${2:-8}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --release --quiet
./target/release/claimsift extract ../shared/corpus/*.jsonl --out "$out" --quiet
python3 - "$out/claims.csv" "$n" "$seed" <<'PY'
import csv, random, sys
path, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, newline="", encoding="utf-8") as f:
    rows = [r for r in csv.DictReader(f) if r["kind"] == "assertion"]
print(f"{len(rows)} assertions; {n} drawn with seed {seed}\n")
for k, r in enumerate(random.Random(seed).sample(rows, n), 1):
    print(f"{k:2}. {r['article_id']} [{r['rule']} {r['confidence']}]\n    {r['text']}\n")
PY
