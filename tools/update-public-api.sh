#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt.
# Usage: tools/update-public-api.sh src/<Project>
set -euo pipefail
project="${1:?usage: $0 src/<Project>}"
unshipped="$project/PublicAPI.Unshipped.txt"
dotnet build "$project" -p:TreatWarningsAsErrors=false 2>&1 \
  | grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared)" \
  | sort -u >> "$unshipped" || true
{ echo "#nullable enable"; grep -v '^#nullable' "$unshipped" | sort -u; } > "$unshipped.tmp"
mv "$unshipped.tmp" "$unshipped"
echo "$(grep -vc '^#nullable' "$unshipped") symbols in $unshipped"
