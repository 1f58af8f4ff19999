#!/usr/bin/env bash
# Time from `git clone` to the first ordered trace, as a newcomer meets it (README, "Set up"): clones this checkout
# into a temporary directory, runs the README's service command there, waits for /health, writes a node and reads
# its trace with the README's curl examples, and prints how long each phase took. NuGet's cache is whatever this
# machine has (warm after one build of the project); the clone's own build starts from nothing.
#
#   scripts/first-trace.sh [PORT]     default 8047 (the service's default); the README's commands use it
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
port=${1:-8047}
work=$(mktemp -d "${TMPDIR:-/tmp}/reasoning-graph-first-trace.XXXXXX")
service=
cleanup() {
	if [[ -n $service ]]; then
		kill -- "-$service" 2>/dev/null || true
		wait "$service" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

now() { echo "$EPOCHREALTIME"; }
elapsed() { echo "$2 - $1" | bc -l | sed 's/^\./0./'; }

started=$(now)
git clone --quiet "$repo" "$work/clone"
cloned=$(now)

# The README's command, in a process group of its own so that stopping it also stops the built service.
cd "$work/clone"
PORT=$port setsid dotnet run --project samples/Host >"$work/service.log" 2>&1 &
service=$!
url=http://127.0.0.1:$port
until curl -fs "$url/health" >/dev/null 2>&1; do
	if ! kill -0 "$service" 2>/dev/null; then
		echo "first-trace: the service exited; its log:" >&2
		cat "$work/service.log" >&2
		exit 1
	fi
	sleep 0.2
done
healthy=$(now)

node=$(curl -sS -X POST "$url/reason/node" -H 'X-Local-Dev-Principal: me' -H 'Content-Type: application/json' \
	-d '{"type":"observation","author":"me","payload":{"text":"hello"}}')
id=$(echo "$node" | sed -n 's/.*"nodeId":"\([^"]*\)".*/\1/p')
[[ -n $id ]] || {
	echo "first-trace: no nodeId in the write's answer: $node" >&2
	exit 1
}
trace=$(curl -sS "$url/reason/traces/$id" -H 'X-Local-Dev-Principal: me')
[[ $trace == *"$id"* ]] || {
	echo "first-trace: the trace does not name the node: $trace" >&2
	exit 1
}
traced=$(now)

echo "clone $(elapsed "$started" "$cloned") s; build and start until /health answers $(elapsed "$cloned" "$healthy") s; write and trace $(elapsed "$healthy" "$traced") s; total $(elapsed "$started" "$traced") s"
echo "first-trace: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
