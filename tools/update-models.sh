#!/usr/bin/env bash
# Copies the AWS service models from ../shared/specs into the protocol module, without their
# "documentation" members (four fifths of the bytes, never read at run time), so that the
# server parses them faster at start-up. BundledModelsTest checks the copies stay faithful.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
specs="${1:-$here/../shared/specs}"
dest="$here/protocol/src/main/resources/dev/portcullis/protocol/specs"
python3 - "$specs" "$dest" <<'PY'
import json, sys, pathlib
src, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k != "documentation"}
    if isinstance(o, list):
        return [strip(x) for x in o]
    return o
for name in ["iam-service-2.json", "sts-service-2.json", "cloudtrail-service-2.json",
             "iam-paginators-1.json", "sts-paginators-1.json", "cloudtrail-paginators-1.json"]:
    model = json.loads((src / name).read_text())
    (dest / name).write_text(json.dumps(strip(model), separators=(",", ":")) + "\n")
    print("wrote", dest / name)
PY
