#!/usr/bin/env bash
# Scores claimsift on the PolNeAR train split in ../shared/eval with the shared scorer.
#   scripts/eval_polnear.sh [MIN_F1 MIN_SPEAKER]
# With the two numbers, exits 1 when direct+mixed F1 or speaker accuracy at 0.3 falls below
# them (CI uses this as a regression guard). Needs python3 and ../shared beside the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=../shared/eval
if [ ! -f "$eval_dir/score.py" ]; then
  echo "eval_polnear: $eval_dir not found; skipped" >&2
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --release --quiet
./target/release/claimsift extract "$eval_dir/polnear.train.articles.jsonl" --out "$out" --quiet
echo "direct+mixed (thresholds 0.3, 0.8):"
python3 "$eval_dir/score.py" "$eval_dir/polnear.train.gold.jsonl" "$out/claims.csv" \
  --kinds direct,mixed --articles "$eval_dir/polnear.train.articles.jsonl" | tee "$out/direct.txt"
echo "all attributions:"
python3 "$eval_dir/score.py" "$eval_dir/polnear.train.gold.jsonl" "$out/claims.csv" \
  --articles "$eval_dir/polnear.train.articles.jsonl"
if [ $# -ge 2 ]; then
  python3 - "$out/direct.txt" "$1" "$2" <<'PY'
import json, sys
first = json.loads(open(sys.argv[1]).readline())
f1, speaker = first["F1"], first["source_acc"]
ok = f1 >= float(sys.argv[2]) and speaker >= float(sys.argv[3])
print(f"eval_polnear: F1 {f1} (min {sys.argv[2]}), speaker {speaker} (min {sys.argv[3]}): {'ok' if ok else 'BELOW'}")
sys.exit(0 if ok else 1)
PY
fi
