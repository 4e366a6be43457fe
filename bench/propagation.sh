#!/usr/bin/env bash
# Propagation benchmark: how long a change made on one node takes to show on another, two
# servers on one (embedded) PostgreSQL database, with LISTEN/NOTIFY and with the time bound alone.
# Usage: bench/propagation.sh [CHANGES]   (default 200; prints a Markdown table on stdout)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHANGES=${1:-200}
RESULTS=${RESULTS:-$REPO/bench/results}
mkdir -p "$RESULTS"
CP_FILE=$RESULTS/propagation.classpath

cd "$REPO"
echo "[bench] compiling the server and its tests" >&2
mvn -B -q -o -pl server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
echo "[bench] measuring $CHANGES changes per mode (server logs: $RESULTS/propagation.log)" >&2
java -cp "server/target/test-classes:server/target/classes:$(cat "$CP_FILE")" \
  dev.portcullis.server.multinode.PropagationBenchmark "$CHANGES" \
  2>"$RESULTS/propagation.log" | tee "$RESULTS/propagation.md"
