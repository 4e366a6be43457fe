#!/usr/bin/env bash
# What recording the audit trail costs: signed GetUser and CreateUser req/s with recording on
# and off, in one run, alternating on/off rounds so that drift of the shared machine hits both.
# Usage: bench/audit-cost.sh [ROUNDS]   (default 3; each round runs bench/load.sh twice)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROUNDS=${1:-3}
OFF_ARGS=${OFF_ARGS:---no-audit}
# Steady state, not warm-up: with the 15 s default the JIT was still compiling hot methods of
# both modes in the measured window (perf: C2 threads 15 % of the CPU with recording on, 6 %
# off), which weighed on the mode with more code. 45 s lets it finish on 2 shared cores.
export WARMUP=${WARMUP:-45}
OUT=${RESULTS:-$BENCH_DIR/results}/audit-cost
mkdir -p "$OUT"
for round in $(seq 1 "$ROUNDS"); do
  for mode in on off; do
    args=""
    [[ $mode == off ]] && args=$OFF_ARGS
    echo "[audit-cost] round $round, recording $mode" >&2
    RESULTS="$OUT/$mode-$round" PORTCULLIS_ARGS="$args" PREWARM=$([[ $round == 1 && $mode == on ]] && echo 1 || echo 0) \
      "$BENCH_DIR/load.sh" --only portcullis --ops GetUser,CreateUser >/dev/null
  done
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rates = {}
for mode in ("on", "off"):
    for r in range(1, rounds + 1):
        for res in json.load(open(f"{out}/{mode}-{r}/latest.json"))["results"]:
            rates.setdefault((res["op"], mode), []).append(res["rps"])
print("| operation | recording on req/s (rounds) | off req/s (rounds) | on/off (medians) |")
print("|---|---|---|---|")
for op in ("GetUser", "CreateUser"):
    on, off = rates[(op, "on")], rates[(op, "off")]
    fmt = lambda xs: " / ".join(f"{x:,.0f}" for x in xs)
    ratio = statistics.median(on) / statistics.median(off)
    print(f"| {op} | {fmt(on)} | {fmt(off)} | {ratio:.3f} ({(1 - ratio) * 100:+.1f} % cost) |")
PY
