#!/usr/bin/env bash
# Brings each package's PublicAPI.Unshipped.txt in line with its code: adds every public symbol the PublicApiAnalyzers
# report as undeclared (RS0016) and removes every declared one they no longer find (RS0017: removed, renamed or moved).
# Run after changing public API on purpose; review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in src/*/; do
  dotnet build "$project" -p:TreatWarningsAsErrors=false --no-incremental >"$log" 2>&1 || true
  python3 - "$project" "$log" <<'PY'
import re, sys
project, log = sys.argv[1], sys.argv[2]
# Only the project's own diagnostics: a build of a package also builds (and reports) the packages it references.
here = "/" + project.rstrip("/") + "/"
text = "\n".join(line for line in open(log) if here in line)
added = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", text))
removed = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found", text))
if added or removed:
    path = project + "PublicAPI.Unshipped.txt"
    lines = open(path).read().splitlines()
    header = [l for l in lines if l.startswith("#")]
    body = (set(l for l in lines if l and not l.startswith("#")) - removed) | added
    open(path, "w").write("\n".join(header + sorted(body)) + "\n")
    print(f"{path}: +{len(added)} -{len(removed)}")
PY
done
