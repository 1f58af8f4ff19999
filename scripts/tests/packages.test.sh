#!/usr/bin/env bash
# The packages as a consumer gets them: a root `dotnet pack` into a temporary folder (or FEED, kept), the expected
# packages with their metadata, symbols and SourceLink (check_packages.py), then every ```csharp block of README.md,
# pack/README.md and docs/GRAPH.md built with warnings as errors and run, each in a new console project that
# references the packed ReasoningGraph package. scripts/test.sh runs the same steps into artifacts/packages.
#   bash scripts/tests/packages.test.sh [FEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/common.sh
source scripts/lib/package.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed=${1:-$work/feed}

step "pack" pack_packages "$feed"
if step_failed pack; then
	exit 1
fi
step "package contents" check_packages "$feed"
step "documentation snippets" doc_snippets "$feed" "$work/consumer"
if ((${#FAILED_STEPS[@]} > 0)); then
	log "failed: ${FAILED_STEPS[*]}"
	exit 1
fi
log "packages: packed, checked, and every documentation snippet built and ran"
