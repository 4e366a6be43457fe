#!/usr/bin/env bash
# Slow-client benchmark: signed GetUser p50/p99 with and without 500 stalled connections.
# See bench/slow_clients.py. Not part of `mvn verify`. Needs wrk and Python 3 with botocore.
# Environment: STALLED (500) DURATION (10) WARMUP (15) CONNECTIONS (8) ROUNDS (3) PORT (free)
#   KEEP_WORK=1 (keep the temporary directory with the server's log)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v wrk >/dev/null || { echo "slow-clients.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
args=(--repo "${REPO:-$(cd "$here/.." && pwd)}" --stalled "${STALLED:-500}"
      --duration "${DURATION:-10}" --warmup "${WARMUP:-15}" --connections "${CONNECTIONS:-8}" --rounds "${ROUNDS:-3}")
[[ -n "${PORT:-}" ]] && args+=(--port "$PORT")
[[ "${KEEP_WORK:-0}" == 1 ]] && args+=(--keep-work)
exec "${PYTHON:-python3}" "$here/slow_clients.py" "${args[@]}"
