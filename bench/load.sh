#!/usr/bin/env bash
# Load benchmark: Portcullis vs moto on signed IAM GetUser / ListUsers / CreateUser.
# See bench/README.md. Usage: bench/load.sh [--only moto|portcullis] [--ops GetUser,ListUsers,CreateUser]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=${REPO:-$(cd "$BENCH_DIR/.." && pwd)}
RESULTS=${RESULTS:-$BENCH_DIR/results}

DURATION=${DURATION:-10}            # seconds per measured test
WARMUP=${WARMUP:-15}                # seconds of warm-up load before each measured test (0 = none): on 2 shared cores the JVM needs about that long to compile its hot path
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}               # wrk threads (the machine has 2 cores shared with the server)
CREATE_N=${CREATE_N:-20000}         # minimum pre-signed CreateUser pool (grown from the warm-up rate)
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-60}   # seconds until the first signed 200 (measured launch)
BUILD_TIMEOUT=${BUILD_TIMEOUT:-900}      # the untimed first launch may build the jar
PREWARM=${PREWARM:-1}               # 1: one untimed launch per server first (build, disk cache)
PYTHON=${PYTHON:-python3}
PORTCULLIS_ARGS=${PORTCULLIS_ARGS:-}

ONLY=""
OPS=""
usage() {
  sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF

Environment: DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS
  CREATE_N=$CREATE_N STARTUP_TIMEOUT=$STARTUP_TIMEOUT BUILD_TIMEOUT=$BUILD_TIMEOUT PREWARM=$PREWARM
  PORTCULLIS_ARGS (more serve options, e.g. --no-audit), PORTCULLIS_PORT, MOTO_PORT (default: free ports), MOTO_SERVER (moto_server command),
  REPO (repository root, default: parent of bench/), KEEP_WORK=1 (keep the temp dir)
Output: Markdown table on stdout and in $RESULTS/latest.md (raw numbers: latest.json).
EOF
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) ONLY=${2:-}; shift 2 ;;
    --only=*) ONLY=${1#--only=}; shift ;;
    --ops) OPS=${2:-}; shift 2 ;;
    --ops=*) OPS=${1#--ops=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "load.sh: unknown argument: $1" >&2; usage >&2; exit 64 ;;
  esac
done
case "$ONLY" in
  "") SERVERS=(portcullis moto) ;;
  moto|portcullis) SERVERS=("$ONLY") ;;
  *) echo "load.sh: --only takes 'moto' or 'portcullis', not '$ONLY'" >&2; exit 64 ;;
esac

die() { echo "load.sh: ERROR: $*" >&2; exit 1; }
say() { echo "[bench] $*" >&2; }

# ---------------------------------------------------------------- prerequisites
if ! command -v wrk >/dev/null 2>&1; then
  say "wrk not found; installing the Debian package"
  if [[ $(id -u) -eq 0 ]]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >&2 \
      || die "apt-get install wrk failed"
  elif command -v sudo >/dev/null 2>&1; then
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >&2 \
      || die "sudo apt-get install wrk failed"
  else
    die "wrk is missing and I am not root: apt-get install wrk"
  fi
fi
"$PYTHON" -c 'import botocore' 2>/dev/null || die "$PYTHON cannot import botocore (pip install boto3)"

if [[ " ${SERVERS[*]} " == *" moto "* ]]; then
  if [[ -z "${MOTO_SERVER:-}" ]]; then
    # resolve a pyenv shim to the real script so the shim's own start-up is not timed
    MOTO_SERVER=$(pyenv which moto_server 2>/dev/null || command -v moto_server || true)
  fi
  [[ -n "$MOTO_SERVER" && -x "$MOTO_SERVER" ]] \
    || die "moto_server not found (pip install 'moto[server]') or use --only portcullis"
fi
if [[ " ${SERVERS[*]} " == *" portcullis "* ]]; then
  [[ -x "$REPO/portcullis" ]] \
    || die "Portcullis launcher $REPO/portcullis not found or not executable; until the server exists run: $0 --only moto"
fi

# ---------------------------------------------------------------- cleanup
mkdir -p "$RESULTS/logs"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/portcullis-bench.XXXXXX")

stop_pidfile() {  # stop the process group recorded in $1 (TERM, then KILL after 5 s)
  local pidfile=$1 pid i
  [[ -s "$pidfile" ]] || return 0
  pid=$(<"$pidfile")
  rm -f "$pidfile"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  # the helper starts each server in a new session, so its pgid is its pid
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.05
  done
  say "process group $pid did not stop on TERM; sending KILL"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$? f
  trap - EXIT INT TERM
  if [[ -n "$HELPER_PID" ]]; then  # interrupted: stop the helper (it stops its wrk)
    kill -TERM "$HELPER_PID" 2>/dev/null || true
    wait "$HELPER_PID" 2>/dev/null || true
  fi
  for f in "$WORK"/*.pid; do
    [[ -e "$f" ]] && stop_pidfile "$f"
  done
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then say "work dir kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run the helper in the background and wait for it: a trapped signal interrupts `wait`
# at once (a foreground child would delay the trap until it finished).
HELPER_PID=""
helper() {
  "$PYTHON" "$BENCH_DIR/benchlib.py" "$@" &
  HELPER_PID=$!
  local rc=0
  wait "$HELPER_PID" || rc=$?
  HELPER_PID=""
  return "$rc"
}

# ---------------------------------------------------------------- start servers
# launch NAME PHASE TIMEOUT: starts the server, waits for the first signed 200.
launch() {
  local name=$1 phase=$2 timeout=$3 port endpoint data
  port=$(port_of "$name")
  endpoint="http://127.0.0.1:$port/"
  local common=(--name "$name" --endpoint "$endpoint" --timeout "$timeout" --poll-ms 20
                --log "$RESULTS/logs/$name.log" --pidfile "$WORK/$name-$phase.pid"
                --state "$WORK/$name-$phase.json")
  case "$name" in
    portcullis)
      data="$WORK/portcullis-data-$phase"
      mkdir -p "$data"
      helper launch "${common[@]}" --creds-file "$data/credentials" --profile portcullis \
        -- "$REPO/portcullis" serve --port "$port" --data-dir "$data" $PORTCULLIS_ARGS ;;
    moto)
      helper launch "${common[@]}" -- "$MOTO_SERVER" -H 127.0.0.1 -p "$port" ;;
  esac
}
port_of() {
  case "$1" in
    portcullis) echo "$PORTCULLIS_PORT" ;;
    moto) echo "$MOTO_PORT" ;;
  esac
}
free_port() { "$PYTHON" "$BENCH_DIR/benchlib.py" free-port; }
PORTCULLIS_PORT=${PORTCULLIS_PORT:-$(free_port)}
MOTO_PORT=${MOTO_PORT:-$(free_port)}
[[ "$PORTCULLIS_PORT" != "$MOTO_PORT" ]] || MOTO_PORT=$(free_port)

STATES=()
for name in "${SERVERS[@]}"; do
  : >"$RESULTS/logs/$name.log"
  if [[ "$PREWARM" == 1 ]]; then
    say "$name: untimed first launch (builds if needed, warms the disk cache; timeout ${BUILD_TIMEOUT}s)"
    launch "$name" prewarm "$BUILD_TIMEOUT" || die "$name did not start; see $RESULTS/logs/$name.log"
    stop_pidfile "$WORK/$name-prewarm.pid"
  fi
  say "$name: timed launch on port $(port_of "$name")"
  launch "$name" run "$STARTUP_TIMEOUT" || die "$name did not start; see $RESULTS/logs/$name.log"
  STATES+=(--state "$WORK/$name-run.json")
done

# ---------------------------------------------------------------- load
REVISION=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")
if [[ -n "$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  REVISION="$REVISION+dirty"
fi
set +e
helper bench "${STATES[@]}" --duration "$DURATION" --warmup "$WARMUP" \
  --connections "$CONNECTIONS" --threads "$THREADS" --create-n "$CREATE_N" ${OPS:+--ops "$OPS"} \
  --workdir "$WORK/pools" --out "$RESULTS/latest.md" --json-out "$RESULTS/latest.json" \
  --revision "$REVISION"
rc=$?
set -e
case $rc in
  0) say "report written to $RESULTS/latest.md" ;;
  3) say "report written to $RESULTS/latest.md, but some runs had errors (see the errors column)" ;;
  *) say "benchmark aborted (exit $rc); server logs in $RESULTS/logs/" ;;
esac
exit "$rc"
