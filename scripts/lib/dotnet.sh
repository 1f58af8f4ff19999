# Build and test with the dotnet CLI; test counts come from the per-assembly console summaries.
# (TRX files are named by the second they are written, so parallel test projects can overwrite each other.)
# shellcheck shell=bash

build_solution() {
	dotnet restore ReasoningGraph.slnx
	dotnet build ReasoningGraph.slnx -c Release --no-restore
}

# run_dotnet_tests LOG: every test project of the solution; the console output is kept in LOG.
run_dotnet_tests() {
	local log_file=$1
	mkdir -p "$(dirname "$log_file")"
	dotnet test ReasoningGraph.slnx -c Release --no-build 2>&1 | tee "$log_file"
}

# test_counts LOG: prints "passed failed skipped assemblies" summed over the summary lines of LOG, e.g.
# "Passed!  - Failed:     0, Passed:    18, Skipped:     0, Total:    18, Duration: 5 s - X.Tests.dll (net10.0)".
test_counts() {
	local passed=0 failed=0 skipped=0 assemblies=0 line
	local summary='^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:[[:space:]]+([0-9]+),[[:space:]]+Passed:[[:space:]]+([0-9]+),[[:space:]]+Skipped:[[:space:]]+([0-9]+),'
	if [[ -f $1 ]]; then
		while IFS= read -r line; do
			if [[ $line =~ $summary ]]; then
				failed=$((failed + BASH_REMATCH[2]))
				passed=$((passed + BASH_REMATCH[3]))
				skipped=$((skipped + BASH_REMATCH[4]))
				assemblies=$((assemblies + 1))
			fi
		done <"$1"
	fi
	echo "$passed $failed $skipped $assemblies"
}

# The number of test projects in the solution: each must report a summary.
test_project_count() {
	grep -c 'Path="tests/[^"]*\.csproj"' ReasoningGraph.slnx
}
