#!/usr/bin/env bash
# Writes the Regions of AWS's standard partition ("aws") from the endpoint data of the AWS SDK
# for Java v2 in ~/.m2 (the version the build uses) to the list SigV4Verifier accepts as a
# credential scope's Region. Run it after raising awssdk.version when AWS opens a Region.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:.*<awssdk.version>\(.*\)</awssdk.version>.*:\1:p' "$here/pom.xml")"
jar="$HOME/.m2/repository/software/amazon/awssdk/regions/$version/regions-$version.jar"
dest="$here/protocol/src/main/resources/dev/portcullis/protocol/sigv4/regions.txt"
unzip -p "$jar" software/amazon/awssdk/regions/internal/region/endpoints.json | python3 -c '
import json, sys
version, dest = sys.argv[1], sys.argv[2]
data = json.load(sys.stdin)
aws = next(p for p in data["partitions"] if p["partition"] == "aws")
head = [
  "# The Regions of AWS'"'"'s standard partition (aws), the one whose ARNs Portcullis issues: the",
  "# valid Regions of a SigV4 credential scope. From the AWS SDK for Java v2 " + version + " endpoint data",
  "# (software/amazon/awssdk/regions/internal/region/endpoints.json, partition \"aws\", \"regions\").",
  "# Regenerate with tools/update-regions.sh when AWS opens a Region."]
open(dest, "w").write("\n".join(head + sorted(aws["regions"])) + "\n")
print("wrote", dest)
' "$version" "$dest"
