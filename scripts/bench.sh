#!/usr/bin/env bash
# Runs one benchmark command the way docs/BENCHMARKS.md records its figures:
#
#   scripts/bench.sh dotnet run -c Release --no-build --project benchmarks/ReasoningGraph.Benchmarks -- --filter '*X*'
#
# The command is pinned to CPU 0 with taskset, so a PostgreSQL server confined to another core
# (`REASONING_GRAPH_PG_CPUS=1 bash scripts/postgres.sh start`) never shares the benchmark's core, as on a
# deployment where the database has its own host. The date, the machine and the load average are printed before and
# after, so a recording says how quiet the machine was. BENCH_CPUS overrides the CPU list (a taskset list, e.g. 0-1).
# Exits with the command's status.
set -euo pipefail

(($# > 0)) || {
	echo "usage: scripts/bench.sh COMMAND [ARGS...]" >&2
	exit 2
}
cpus=${BENCH_CPUS:-0}

describe() {
	local model
	model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	echo "bench: $1 $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $(nproc) CPUs (${model:-unknown}); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

describe start
echo "bench: taskset -c $cpus $*" >&2
status=0
taskset -c "$cpus" "$@" || status=$?
describe end
exit "$status"
