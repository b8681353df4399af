#!/usr/bin/env bash
# Packs every package and the pc-errors tool into artifacts/packages (or the folder given first), for the install path
# that works before the packages are published (README.md, Install): a nuget.config that adds that folder as a package
# source, and `dotnet tool install --add-source` for the tool. Extra arguments go to dotnet pack (the packaging tests
# pass --artifacts-path, to keep the repository's own bin and obj folders untouched).
#   eng/pack.sh                      # into artifacts/packages
#   eng/pack.sh /tmp/feed -warnaserror
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/packages"
if [[ $# -gt 0 && "$1" != -* ]]; then
  out="$(mkdir -p "$1" && cd "$1" && pwd)"
  shift
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "pack: building and packing every package and the pc-errors tool into $out (a few minutes on a cold machine)..."
dotnet pack "$root/PartnerCenter.Observability.sln" -c Release -o "$out" -nologo "$@"
count=$(find "$out" -maxdepth 1 -name '*.nupkg' | wc -l)
echo "pack: $count packages in $out. Next: a nuget.config with that folder as a source (README.md, Install)."
