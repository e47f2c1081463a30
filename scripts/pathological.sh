#!/usr/bin/env bash
# Times the release binary on pathological one-article inputs at 1x, 2x and 4x size, one
# thread, so quadratic stages show: linear time doubles from column to column.
# Usage: scripts/pathological.sh [CASE...]   (default: every case)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/claimsift"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, sys
cases = {
    'quotes': lambda n: '"' * (100000 * n),
    'curly': lambda n: '“' * (50000 * n) + '”' * (50000 * n),
    'nospace': lambda n: 'a' * (2500000 * n),
    'brackets': lambda n: '(' * (50000 * n) + '[' * (50000 * n),
    'nul': lambda n: 'He said\u0000 "x\u0000y" ' * (20000 * n),
    'crlf': lambda n: '"Yes," she said.\r\n' * (20000 * n),
    'cr': lambda n: '"Yes," she said.\r' * (20000 * n),
    'mixed-quotes': lambda n: '“a "b ‘c ' * (20000 * n),
    'words': lambda n: 'Word ' * (200000 * n),
    'said': lambda n: 'said ' * (20000 * n),
    'dots': lambda n: '. ' * (200000 * n),
    'clauses': lambda n: 'Kell said the plan ' * (20000 * n),
}
for name, make in cases.items():
    for n in (1, 2, 4):
        with open(f'{sys.argv[1]}/{name}-{n}.jsonl', 'w') as f:
            f.write(json.dumps({'id': name, 'text': make(n)}) + '\n')
PY
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(quotes curly nospace brackets nul crlf cr mixed-quotes words said dots clauses)
printf '%-14s %8s %8s %8s\n' case 1x 2x 4x
for c in "${cases[@]}"; do
  row=()
  for n in 1 2 4; do
    start=$(date +%s.%N)
    timeout 300 "$bin" extract "$work/$c-$n.jsonl" --out "$work/out" --quiet --threads 1 || true
    row+=("$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}s')" "$start" "$(date +%s.%N)")")
  done
  printf '%-14s %8s %8s %8s\n' "$c" "${row[@]}"
done
