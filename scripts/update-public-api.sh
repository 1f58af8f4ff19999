#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the package's
# PublicAPI.Unshipped.txt. Run after adding public API on purpose; review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in src/*/; do
  dotnet build "$project" -p:TreatWarningsAsErrors=false --no-incremental >"$log" 2>&1 || true
  python3 - "$project" "$log" <<'PY'
import re, sys
project, log = sys.argv[1], sys.argv[2]
symbols = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", open(log).read()))
if symbols:
    path = project + "PublicAPI.Unshipped.txt"
    lines = open(path).read().splitlines()
    header = [l for l in lines if l.startswith("#")]
    body = set(l for l in lines if l and not l.startswith("#")) | symbols
    open(path, "w").write("\n".join(header + sorted(body)) + "\n")
    print(f"{path}: +{len(symbols)}")
PY
done
