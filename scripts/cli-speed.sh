#!/usr/bin/env bash
# Whole-process speed of `reasoning-graph canonicalize --lines` against the Go Kernel's own canonicalization
# (tools/go-canonical `lines`), both reading the same corpus of one JSON document per line (docs/BENCHMARKS.md,
# "The command line's speed"):
#
#   scripts/cli-speed.sh [MEGABYTES] [RUNS]     default 30 MB, 7 runs of each, interleaved
#   CLI_SPEED_CONFIGURATIONS='shipped jit-pgo'   which builds of the CLI to time (default: all below)
#
# Configurations of the CLI, each published to a directory of its own:
#   shipped     `dotnet publish` of samples/Host as the project sets it up (Host.csproj)
#   jit-pgo     the same with the runtime's default tiering (dynamic PGO on), as before Host.csproj turned it off
#   r2r         shipped, plus ReadyToRun code for this machine's runtime identifier
#
# Generates the corpus with tools/go-canonical `corpus-lines` (documents both canonicalizers accept), checks that
# every configuration writes exactly the bytes Go writes, and prints the median seconds, MB/s and the ratio to Go of
# each. Everything shares the machine's cores: run it on an otherwise idle machine.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
megabytes=${1:-30}
runs=${2:-7}
configurations=${CLI_SPEED_CONFIGURATIONS:-shipped jit-pgo r2r}
work=$(mktemp -d "${TMPDIR:-/tmp}/reasoning-graph-cli-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "cli-speed: building tools/go-canonical and a ${megabytes} MB corpus" >&2
(cd tools/go-canonical && go build -o "$work/go-canonical" .)
"$work/go-canonical" corpus-lines -bytes $((megabytes * 1000000)) -seed 1 >"$work/corpus.jsonl"
bytes=$(wc -c <"$work/corpus.jsonl")
"$work/go-canonical" lines <"$work/corpus.jsonl" >"$work/expected"
expected=$(sha256sum <"$work/expected")

rid=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
for configuration in shipped $configurations; do
	[[ -d $work/$configuration ]] && continue
	case $configuration in
	jit-pgo) continue ;; # the shipped build, run with DOTNET_TieredPGO=1
	shipped) options=() ;;
	r2r) options=(-r "$rid" --self-contained false -p:PublishReadyToRun=true) ;;
	*)
		echo "cli-speed: unknown configuration '$configuration'" >&2
		exit 2
		;;
	esac
	echo "cli-speed: publishing the CLI ($configuration)" >&2
	dotnet publish samples/Host/Host.csproj -c Release -v quiet -nologo "${options[@]}" -o "$work/$configuration" >&2
done

# run NAME COMMAND...: one timed run (seconds, from bash's clock), its output checked against Go's.
run() {
	local name=$1 started ended
	shift
	started=$EPOCHREALTIME
	"$@" <"$work/corpus.jsonl" >"$work/out"
	ended=$EPOCHREALTIME
	if [[ $(sha256sum <"$work/out") != "$expected" ]]; then
		echo "cli-speed: $name wrote different bytes from the Go Kernel's canonicalization" >&2
		exit 1
	fi
	echo "$ended - $started" | bc -l | sed 's/^\./0./' >>"$work/times-$name"
}

cli() {
	local configuration=$1
	if [[ $configuration == jit-pgo ]]; then
		DOTNET_TieredPGO=1 "$work/shipped/reasoning-graph" canonicalize --profile kernel --lines -
	else
		"$work/$configuration/reasoning-graph" canonicalize --profile kernel --lines -
	fi
}

echo "cli-speed: $runs runs each, interleaved; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for _ in $(seq 1 "$runs"); do
	run go "$work/go-canonical" lines
	for configuration in $configurations; do
		run "$configuration" cli "$configuration"
	done
done

median() { sort -n "$work/times-$1" | sed -n "$(((runs + 1) / 2))p"; }
go_median=$(median go)
printf '%-10s %10s %8s %9s\n' command "median s" "MB/s" "× Go"
for name in go $configurations; do
	seconds=$(median "$name")
	printf '%-10s %10.3f %8.1f %9.2f\n' "$name" "$seconds" "$(echo "$bytes / $seconds / 1000000" | bc -l)" "$(echo "$go_median / $seconds" | bc -l)"
done
echo "cli-speed: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; ${bytes} bytes, $(wc -l <"$work/corpus.jsonl") documents; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
