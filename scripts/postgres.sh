#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks.
#
#   scripts/postgres.sh start   start it (or find it already running); prints the connection string on stdout
#   scripts/postgres.sh url     print the connection string of the running server (exit 1 when none runs)
#   scripts/postgres.sh env     print `export REASONING_GRAPH_TEST_DATABASE_URL=…` for eval
#   scripts/postgres.sh status  exit 0 when it runs, 1 otherwise
#   scripts/postgres.sh stop    stop it and delete the cluster (a no-op when none runs)
#
# Typical use (what scripts/test.sh does):
#   export REASONING_GRAPH_TEST_DATABASE_URL=$(scripts/postgres.sh start)
#   trap 'scripts/postgres.sh stop' EXIT
#
# The cluster lives in a fresh temporary directory (initdb, trust authentication, listening on 127.0.0.1 only,
# on a free port, durability switched off because it is thrown away). It is owned by the non-root `postgres`
# user when run as root, since PostgreSQL refuses to run as root. PostgreSQL is installed with apt when
# initdb/pg_ctl are missing. One server per checkout: the state is keyed by this repository's path, so
# worktrees do not share a server; REASONING_GRAPH_PG_STATE overrides the state directory. start and stop are
# idempotent and serialized with a lock, so running either twice (or concurrently) is safe.
# REASONING_GRAPH_PG_SETTINGS adds server settings at creation ("name=value name=value", e.g. a larger
# shared_buffers for the 1M-node benchmark import). REASONING_GRAPH_PG_CPUS (a taskset CPU list, e.g. "1") confines
# the server to those CPUs, so a benchmark client pinned elsewhere (scripts/bench.sh: core 0) does not share a core with
# it, as on a deployment where PostgreSQL has its own host.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
key=$(printf '%s' "$repo" | sha256sum | cut -c1-12)
state=${REASONING_GRAPH_PG_STATE:-${TMPDIR:-/tmp}/reasoning-graph-pg-$key}
database=${REASONING_GRAPH_PG_DATABASE:-rg_test}
log() { echo "postgres.sh: $*" >&2; }
# shellcheck source=scripts/lib/servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/servers.sh"

find_bin() {
	if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
		dirname "$(readlink -f "$(command -v pg_ctl)")"
		return 0
	fi
	debian_pg_bin
}

ensure_bin() {
	if bin=$(find_bin); then
		return 0
	fi
	if [[ $(id -u) -ne 0 ]]; then
		log "PostgreSQL is not installed and installing it needs root: apt-get install postgresql"
		exit 2
	fi
	log "installing PostgreSQL with apt"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends postgresql >&2
	bin=$(find_bin) || { log "PostgreSQL installed, but initdb/pg_ctl were not found"; exit 2; }
}


url_of() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=$database"; }

running() {
	[[ -f $state/cluster && -f $state/port ]] || return 1
	local cluster
	cluster=$(cat "$state/cluster")
	bin=$(find_bin) || return 1
	as_owner "$bin/pg_ctl" status -D "$cluster/data" >/dev/null 2>&1
}

# Deletes a cluster recorded in the state directory, stopping its server first.
destroy() {
	local cluster
	[[ -f $state/cluster ]] || { rm -rf "$state/port"; return 0; }
	cluster=$(cat "$state/cluster")
	if [[ -d $cluster/data ]] && bin=$(find_bin); then
		as_owner "$bin/pg_ctl" stop -D "$cluster/data" -m fast -w -t 30 >/dev/null 2>&1 ||
			as_owner "$bin/pg_ctl" stop -D "$cluster/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
	fi
	case $cluster in
		*/reasoning-graph-pg-cluster.*) rm -rf "$cluster" ;;
	esac
	rm -f "$state/cluster" "$state/port"
}

start() {
	if running; then
		url_of "$(cat "$state/port")"
		return 0
	fi
	destroy # a stale cluster (server died, machine rebooted) is replaced, not reused
	ensure_bin
	local cluster port attempt
	cluster=$(mktemp -d "${TMPDIR:-/tmp}/reasoning-graph-pg-cluster.XXXXXX")
	echo "$cluster" >"$state/cluster"
	chmod 755 "$cluster"
	mkdir -p "$cluster/socket"
	[[ $(id -u) -eq 0 ]] && chown -R postgres: "$cluster"
	as_owner "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 ||
		{ cat "$cluster/initdb.log" >&2; log "initdb failed"; destroy; exit 1; }
	cat >>"$cluster/data/postgresql.conf" <<-EOF
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$cluster/socket'
		max_connections = 300
		shared_buffers = 128MB
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		log_min_messages = warning
		# Tables here are minutes old; a production database's have statistics. Analyze new data within a second
		# (the default is a minute), so plans are made on statistics as they would be there.
		autovacuum_naptime = 1
	EOF
	# Extra settings for one-off bulk loads and benchmarks, e.g. "shared_buffers=6GB max_wal_size=8GB".
	local setting
	for setting in ${REASONING_GRAPH_PG_SETTINGS:-}; do
		echo "${setting%%=*} = '${setting#*=}'" >>"$cluster/data/postgresql.conf"
	done
	for attempt in 1 2 3 4 5; do
		port=$(free_port)
		# The server must not inherit the lock (fd 9) or our stdout, or later calls would wait for it forever.
		local pin=()
		[[ -n ${REASONING_GRAPH_PG_CPUS:-} ]] && pin=(taskset -c "$REASONING_GRAPH_PG_CPUS")
		if as_owner "${pin[@]}" "$bin/pg_ctl" start -D "$cluster/data" -l "$cluster/server.log" -w -t 60 -o "-p $port" </dev/null >/dev/null 2>&1 9>&-; then
			echo "$port" >"$state/port"
			as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
				-c "CREATE DATABASE $database" >/dev/null
			log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, cluster $cluster"
			url_of "$port"
			return 0
		fi
		log "start on port $port failed (attempt $attempt)"
	done
	tail -n 20 "$cluster/server.log" >&2 || true
	destroy
	exit 1
}

command=${1:-}
case $command in
	start | stop | url | env | status) ;;
	*) echo "usage: $0 start|stop|url|env|status" >&2; exit 2 ;;
esac

mkdir -p "$state"
exec 9>"$state/lock"
flock 9
case $command in
	start) start ;;
	stop) destroy ;;
	url) running && url_of "$(cat "$state/port")" ;;
	env) running && echo "export REASONING_GRAPH_TEST_DATABASE_URL='$(url_of "$(cat "$state/port")")'" ;;
	status) running ;;
esac
