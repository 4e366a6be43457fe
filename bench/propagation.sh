#!/usr/bin/env bash
# Propagation benchmark: how long a change made on one node takes to show on another, two nodes
# on one PostgreSQL database. Modes:
#   in-process  two servers in one JVM on an embedded PostgreSQL, with LISTEN/NOTIFY and with the
#               time bound alone (notifications off) (default)
#   processes   two `serve` processes on a private cluster of Debian's PostgreSQL (package
#               postgresql), with LISTEN/NOTIFY (serve has no option to turn notifications off)
# Usage: bench/propagation.sh [CHANGES] [MODE]   (default 200 in-process; prints a Markdown table)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHANGES=${1:-200}
MODE=${2:-in-process}
RESULTS=${RESULTS:-$REPO/bench/results}
mkdir -p "$RESULTS"
CP_FILE=$RESULTS/propagation.classpath

cd "$REPO"
echo "[bench] compiling the server and its tests" >&2
mvn -B -q -o -pl server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
echo "[bench] measuring $CHANGES changes per row, $MODE (logs: $RESULTS/propagation-$MODE.log)" >&2
java -cp "server/target/test-classes:server/target/classes:$(cat "$CP_FILE")" \
  dev.portcullis.server.multinode.PropagationBenchmark "$CHANGES" "$MODE" \
  2>"$RESULTS/propagation-$MODE.log" | tee "$RESULTS/propagation-$MODE.md"
