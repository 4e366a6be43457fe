#!/usr/bin/env bash
# Copies the IAM, STS and CloudTrail parts of AWS's Service Authorization Reference from
# ../shared/data/aws-service-authorization.json.gz into the iam module: per action its required
# resource types and condition keys, per resource type its ARN template and condition keys.
# ActionCatalog reads it to authorize every call; ActionCatalogTest checks it stays faithful.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$here/../shared/data}"
dest="$here/iam/src/main/resources/dev/portcullis/iam/authz"
mkdir -p "$dest"
python3 - "$data/aws-service-authorization.json.gz" "$dest/service-authorization.json" <<'PY'
import gzip, json, sys
full = json.load(gzip.open(sys.argv[1]))
out = {"source": full.get("source"), "services": {}}
for name in ["iam", "sts", "cloudtrail"]:
    svc = full["services"][name]
    out["services"][name] = {
        "actions": {a: {"resourceTypes": v["resourceTypes"], "conditionKeys": v["conditionKeys"]}
                    for a, v in sorted(svc["actions"].items())},
        "resourceTypes": svc["resourceTypes"],
    }
open(sys.argv[2], "w").write(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n")
print("wrote", sys.argv[2])
PY
cp "$data/aws-service-authorization.LICENSE" "$dest/service-authorization.LICENSE"
