#!/usr/bin/env bash
# Measures each attribution rule's confidence on the PolNeAR train split in ../shared/eval:
# the share of its claims that matched a gold attribution (coverage over 30%, all kinds) with
# an overlapping speaker, or, for rules that give no speaker, that matched at all.
#   scripts/rule_confidence.sh
# Prints `rule claims confidence`; copy the figures into `confidence` in
# src/stages/attribution/rules.rs (rules with fewer than 20 claims keep the 0.7 prior).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=../shared/eval
cargo build --release --quiet
./target/release/claimsift eval --gold "$eval_dir/polnear.train.gold.jsonl" \
  --articles "$eval_dir/polnear.train.articles.jsonl" --thresholds 0.3 |
  awk '/^rule/ { on = 1; next }
       on && NF == 0 { exit }
       on { found = $2; alarms = $3; speaker = $5
            unspoken = ($1 == "quote-unattributed" || $1 == "floating-quote")
            right = unspoken ? found : found * speaker / 100
            printf "%-22s %6d %.2f\n", $1, found + alarms, right / (found + alarms) }'
