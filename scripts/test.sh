#!/usr/bin/env bash
# The one command to build and check everything, for a newcomer and for CI (`bash .ci/run`):
# installs missing test tools (and checks that every command it calls is there: scripts/lib/commands.sh), starts a throwaway PostgreSQL, a throwaway Patroni pair (scripts/ha.sh) and a throwaway S3 server (Ceph RGW) on loopback, builds in Release, runs every test project, packs the NuGet packages,
# checks their contents and builds and runs the documentation's C# blocks against them (scripts/lib/package.sh, as
# scripts/tests/packages.test.sh does on its own), scans committed files for private keys, and builds and checks the
# container image with podman (scripts/image-test.sh).
#
# It keeps going after a failed step so one run reports everything, exits non-zero when anything failed,
# and ends with one plain line `N passed, N failed`: the dotnet test totals, where the failed count also
# includes one per failed non-test step, so that line never reads "0 failed" for a broken run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/deps.sh
source scripts/lib/dotnet.sh
source scripts/lib/package.sh
source scripts/lib/keyscan.sh
source scripts/lib/commands.sh

# Only the system directories (and the .NET SDK's): what a fresh machine has. A command found only on this machine's
# PATH must fail here as it would in CI (scripts/lib/commands.sh).
PATH=$(system_path)
export PATH

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d)
on_exit "rm -rf '$work'"
trap run_cleanups EXIT

# A throwaway PostgreSQL cluster on a free loopback port for the Postgres store's tests; stopped on exit.
start_postgres() {
	local url
	url=$(bash scripts/postgres.sh start)
	echo "$url" >"$work/postgres-url"
}

# A throwaway S3 server with Object Lock (scripts/rgw.sh) for the S3 archive's tests; stopped on exit.
start_rgw() {
	bash scripts/rgw.sh start >/dev/null
	bash scripts/rgw.sh env >"$work/rgw-env"
}

# A throwaway Patroni cluster (two members, synchronous, scripts/ha.sh) for the failover drills; stopped on exit.
start_ha() {
	bash scripts/ha.sh start >/dev/null
	bash scripts/ha.sh env >"$work/ha-env"
}

main() {
	step "install test dependencies" ensure_test_dependencies
	step "check commands" check_commands
	step "scripts call only listed commands" bash scripts/tests/commands.test.sh
	on_exit "bash scripts/postgres.sh stop >/dev/null 2>&1 || true"
	step "start PostgreSQL" start_postgres
	on_exit "bash scripts/rgw.sh stop >/dev/null 2>&1 || true"
	step "start S3 server" start_rgw
	on_exit "bash scripts/ha.sh stop >/dev/null 2>&1 || true"
	step "start HA PostgreSQL" start_ha
	step "build" build_solution
	if [[ -s $work/postgres-url ]]; then
		REASONING_GRAPH_TEST_DATABASE_URL=$(cat "$work/postgres-url")
		export REASONING_GRAPH_TEST_DATABASE_URL
	fi
	if [[ -s $work/rgw-env ]]; then
		# shellcheck disable=SC1091 # written by start_rgw: export lines for REASONING_GRAPH_TEST_S3_*
		source "$work/rgw-env"
	fi
	if [[ -s $work/ha-env ]]; then
		# shellcheck disable=SC1091 # written by start_ha: export lines for REASONING_GRAPH_TEST_HA_*
		source "$work/ha-env"
	fi
	if step_failed "build"; then
		log "skipping tests and packaging: the build failed"
	else
		step "test" run_dotnet_tests "$work/dotnet-test.log"
		step "pack" pack_packages artifacts/packages
		if ! step_failed "pack"; then
			step "package contents" check_packages artifacts/packages
			step "documentation snippets" doc_snippets artifacts/packages "$work/consumer"
		fi
	fi
	step "private-key scan" scan_private_keys .
	step "private-key scan self-test" bash scripts/tests/keyscan.test.sh
	step "container image" bash scripts/image-test.sh
	summarize "$work/dotnet-test.log"
}

summarize() {
	local passed failed skipped assemblies projects other_failures=0 name
	read -r passed failed skipped assemblies < <(test_counts "$1")
	projects=$(test_project_count)
	if ((assemblies < projects)) && ! step_failed build; then
		log "only $assemblies of $projects test projects reported results"
		failed=$((failed + projects - assemblies))
	fi
	for name in "${FAILED_STEPS[@]}"; do
		# A failed test step is already counted by its failed tests, unless it failed without any (a crash).
		[[ $name == test ]] && ((failed > 0)) && continue
		other_failures=$((other_failures + 1))
	done
	log ""
	log "dotnet tests: $passed passed, $failed failed, $skipped skipped ($assemblies test assemblies)"
	if ((${#FAILED_STEPS[@]} > 0)); then
		log "failed steps: ${FAILED_STEPS[*]}"
	fi
	echo "$passed passed, $((failed + other_failures)) failed"
	((${#FAILED_STEPS[@]} == 0 && failed == 0))
}

main "$@"
