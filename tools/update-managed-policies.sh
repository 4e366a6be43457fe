#!/usr/bin/env bash
# Repackages AWS's managed policies from ../shared/data/aws-managed-policies.json.gz for fast
# loading: an index (one tab-separated line per policy, ordered by name: ARN, policy id, default
# version id, create and update dates, and where its document lies in the documents file) and the documents (gzip), compact
# JSON, one after another. Reading the index costs a few milliseconds where tokenizing 3.5 MB of
# JSON cost a quarter of a second, and the first authorized request needs a managed policy.
# ManagedPolicyCatalogTest checks the copy against the shared catalog.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$here/../shared/data}"
dest="$here/iam/src/main/resources/dev/portcullis/iam"
python3 - "$data/aws-managed-policies.json.gz" "$dest" <<'PY'
import gzip, hashlib, json, sys
ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
def policy_id(arn):  # ManagedPolicyCatalog.policyId: a stable ANPA id derived from the ARN
    digest = hashlib.sha256(arn.encode("utf-8")).digest()
    return "ANPA" + "".join(ID_CHARS[b % len(ID_CHARS)] for b in digest[:17])
catalog = json.load(gzip.open(sys.argv[1]))
policies = sorted(catalog["policies"], key=lambda p: p["Arn"].rsplit("/", 1)[1].lower())
index, documents, offset = [], bytearray(), 0
for p in policies:
    doc = p["Document"]
    text = doc if isinstance(doc, str) else json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    raw = text.encode("utf-8")
    index.append("\t".join([p["Arn"], policy_id(p["Arn"]), p["DefaultVersionId"],
                            p["CreateDate"], p["UpdateDate"], str(offset),
                            str(offset + len(raw))]))
    documents += raw
    offset += len(raw)
open(sys.argv[2] + "/aws-managed-policies.tsv", "w").write("\n".join(index) + "\n")
open(sys.argv[2] + "/aws-managed-policies.documents.gz", "wb").write(gzip.compress(bytes(documents), mtime=0))
print("wrote", len(index), "policies,", len(documents), "document bytes")
PY
