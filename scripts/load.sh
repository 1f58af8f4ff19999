#!/usr/bin/env bash
# Load test of the reference host on PostgreSQL (docs/BENCHMARKS.md, "Reference host under load").
#
#   scripts/load.sh [harness options…]     e.g. scripts/load.sh --duration 30 --traces-rate 200 --writes-rate 1000
#   LOAD_SIGNER=proxy scripts/load.sh …    the host signs through a signing proxy on loopback (tools/go-signing
#                                          serve-proxy, REQUIRE_KMS=true), as in production, instead of a local key
#   LOAD_DATABASE_URL=… scripts/load.sh …  the host runs on that database (e.g. the Patroni pair of scripts/ha.sh)
#                                          instead of the throwaway one; DATABASE_READ_URL, TRACE_CACHE_MAX_BYTES and
#                                          the host's other settings pass through from the environment
#
# Builds the host and the load harness in Release, starts a throwaway PostgreSQL (scripts/postgres.sh) unless one
# already runs for this checkout, starts the host on it (Development, development principal from loopback), seeds a
# 1,000-node closure through the batch endpoints, runs GET /reason/traces/{id} and POST /reason/node open-loop at
# fixed rates, prints the table (and writes it as JSON to $LOAD_JSON, default ./load-results.json), then stops what
# it started. Everything shares the machine's cores: run it on an otherwise idle machine.
# The rate limit is raised to 100,000/s (RATE_LIMIT_PER_SECOND overrides): the harness measures capacity, and
# sends everything as one principal. Each run writes into a schema of its own, so runs do not measure each other.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
json=${LOAD_JSON:-$repo/load-results.json}
work=$(mktemp -d "${TMPDIR:-/tmp}/reasoning-graph-load.XXXXXX")
host_pid=
proxy_pid=
started_postgres=false

cleanup() {
	if [[ -n $host_pid ]]; then
		kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
	fi
	if [[ -n $proxy_pid ]]; then
		kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null || true
	fi
	if $started_postgres; then
		bash scripts/postgres.sh stop || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "load.sh: building the host and the harness (Release)" >&2
dotnet build -c Release -v quiet -nologo samples/Host/Host.csproj >&2
dotnet build -c Release -v quiet -nologo benchmarks/ReasoningGraph.LoadHarness/ReasoningGraph.LoadHarness.csproj >&2

if [[ -n ${LOAD_DATABASE_URL:-} ]]; then
	database_url=$LOAD_DATABASE_URL
else
	bash scripts/postgres.sh status || started_postgres=true
	database_url=$(bash scripts/postgres.sh start)
fi

# The signer: the generated development key (default), or a signing proxy on loopback as production runs it.
signing=()
case ${LOAD_SIGNER:-local} in
local) ;;
proxy)
	(cd tools/go-signing && go build -o "$work/go-signing" .)
	mkdir -p "$work/proxy-key"
	"$work/go-signing" keygen "$work/proxy-key" >/dev/null
	"$work/go-signing" serve-proxy "$work/proxy-key/private.pem" 127.0.0.1:0 load-proxy >"$work/proxy.url" 2>"$work/proxy.log" &
	proxy_pid=$!
	for _ in $(seq 1 50); do
		[[ -s $work/proxy.url ]] && break
		sleep 0.1
	done
	signing=(SIGNING_PROXY_URL="$(head -n 1 "$work/proxy.url")" SIGNING_PROXY_KEY_ID=load-proxy REQUIRE_KMS=true)
	echo "load.sh: signing through the proxy at ${signing[0]#*=}" >&2
	;;
*)
	echo "load.sh: LOAD_SIGNER must be local or proxy" >&2
	exit 2
	;;
esac

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
url=http://127.0.0.1:$port
env ASPNETCORE_ENVIRONMENT=Development ALLOW_DEV_PRINCIPAL=true DATABASE_URL="$database_url" MIGRATE_ON_START=true \
	RATE_LIMIT_PER_SECOND="${RATE_LIMIT_PER_SECOND:-100000}" DATABASE_SCHEMA="load_$(date +%s)_$$" \
	DATA_DIR="$work/data" "${signing[@]}" \
	dotnet samples/Host/bin/Release/net10.0/reasoning-graph.dll serve --urls="$url" >"$work/host.log" 2>&1 &
host_pid=$!

for _ in $(seq 1 120); do
	curl -fsS "$url/ready" >/dev/null 2>&1 && break
	kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; echo "load.sh: the host exited" >&2; exit 1; }
	sleep 0.5
done
curl -fsS "$url/ready" >/dev/null || { cat "$work/host.log" >&2; echo "load.sh: the host is not ready" >&2; exit 1; }
echo "load.sh: host on $url (PostgreSQL), harness starting" >&2

status=0
dotnet benchmarks/ReasoningGraph.LoadHarness/bin/Release/net10.0/reasoning-graph-load.dll --url "$url" --json "$json" "$@" || status=$?
echo "load.sh: results also in $json" >&2
# LOAD_METRICS=FILE keeps the host's /metrics after the run: its server-side histograms (write, signing, HTTP).
if [[ -n ${LOAD_METRICS:-} ]]; then
	sleep 1 # the exporter caches a scrape for a moment
	curl -fsS "$url/metrics" >"$LOAD_METRICS" || echo "load.sh: could not read /metrics" >&2
fi
exit "$status"
