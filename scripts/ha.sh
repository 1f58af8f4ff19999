#!/usr/bin/env bash
# A throwaway high-availability PostgreSQL cluster for the failover drills: one etcd and two Patroni members running
# PostgreSQL in synchronous mode, everything on free 127.0.0.1 ports.
#
#   scripts/ha.sh start   start it (or restart the members that died); waits for a leader and a streaming synchronous
#                         standby, then prints the multi-host connection string on stdout
#   scripts/ha.sh env     print export lines for the tests (REASONING_GRAPH_TEST_HA_*)
#   scripts/ha.sh status  exit 0 when a leader and a streaming synchronous standby exist, 1 otherwise
#   scripts/ha.sh stop    stop everything it started and delete the cluster (a no-op when none runs)
#
# Typical use (what scripts/test.sh does):
#   scripts/ha.sh start >/dev/null && eval "$(scripts/ha.sh env)"
#   trap 'scripts/ha.sh stop' EXIT
#
# Debian's packages: patroni, etcd-server (its v3 API, Patroni's `etcd3`), postgresql (scripts/lib/deps.sh installs
# them). Timings are short (ttl 10 s, loop_wait 1 s, retry_timeout 2 s: Patroni wants loop_wait + 2 × retry_timeout
# ≤ ttl) so a drill sees a failover within seconds: Patroni retries a query to its own PostgreSQL for half of
# retry_timeout before it looks at the postmaster, and primary_start_timeout 0 makes a crashed primary fail over to
# the synchronous standby at once instead of first recovering in place (docs/runbooks/postgres-failover.md). fsync is
# off because the data is thrown away (a killed postmaster does not lose the kernel's page cache). Members run as
# the non-root `postgres` user when run as root. Everything, logs included, lives in one temporary directory. One
# cluster per checkout, keyed by this repository's path like scripts/postgres.sh; REASONING_GRAPH_HA_STATE overrides
# the state directory. Serialized with a lock.
set -euo pipefail

# Daemons started here inherit our descriptors: close what the caller left open (a build lock held by a test runner,
# say), or the cluster would hold it until stopped. 255 is bash's own handle on this script.
for fd in /proc/$$/fd/*; do
	fd=${fd##*/}
	((fd > 2 && fd != 255)) && eval "exec $fd>&-" 2>/dev/null
done
true

repo=$(cd "$(dirname "$0")/.." && pwd -P)
key=$(printf '%s' "$repo" | sha256sum | cut -c1-12)
state=${REASONING_GRAPH_HA_STATE:-${TMPDIR:-/tmp}/reasoning-graph-ha-$key}
members=(m1 m2)
log() { echo "ha.sh: $*" >&2; }
# shellcheck source=scripts/lib/servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/servers.sh"

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# spawn PIDFILE LOGFILE CMD...: starts CMD in its own session, detached from our stdout and lock (fd 9), so that
# callers reading our output do not wait for it.
spawn() {
	local pidfile=$1 logfile=$2
	shift 2
	as_owner setsid bash -c 'echo $$ >"$0"; log=$1; shift; exec "$@" >>"$log" 2>&1' "$pidfile" "$logfile" "$@" </dev/null >/dev/null 2>&1 9>&- &
	for _ in $(seq 1 50); do [[ -s $pidfile ]] && return 0; sleep 0.1; done
	log "$* did not start"
	return 1
}

port_of() { cat "$base/$1.port"; }

url() {
	echo "Host=127.0.0.1:$(port_of m1),127.0.0.1:$(port_of m2);Username=postgres;Database=postgres;Target Session Attributes=read-write"
}

sql() {
	as_owner "$bin/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -qAtX -c "$2" 2>/dev/null
}

# roles: what Patroni says of the members ("leader running sync_standby running"), from the first API that answers.
roles() {
	local member
	for member in "${members[@]}"; do
		python3 -c 'import json, sys, urllib.request
members = json.load(urllib.request.urlopen(sys.argv[1], timeout=2))["members"]
print(" ".join(sorted(m["role"] + " " + m["state"] for m in members)))' "http://127.0.0.1:$(cat "$base/$member.api")/cluster" 2>/dev/null && return 0
	done
	return 1
}

# healthy: Patroni names a leader and a synchronous standby, and the primary streams to it synchronously.
healthy() {
	local member
	[[ $(roles) == "leader running sync_standby running" ]] || return 1
	for member in "${members[@]}"; do
		[[ $(sql "$(port_of "$member")" "SELECT pg_is_in_recovery()") == f ]] || continue
		[[ $(sql "$(port_of "$member")" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND sync_state = 'sync'") == 1 ]] && return 0
	done
	return 1
}

write_member() {
	local member=$1 dir=$base/$1
	mkdir -p "$dir"
	cat >"$dir/patroni.yml" <<-EOF
		scope: reasoning-graph-ha
		name: $member
		log: {level: WARNING}
		restapi: {listen: '127.0.0.1:$(cat "$base/$member.api")', connect_address: '127.0.0.1:$(cat "$base/$member.api")'}
		etcd3: {host: '127.0.0.1:$(cat "$base/etcd.port")'}
		bootstrap:
		  dcs:
		    ttl: 10
		    loop_wait: 1
		    retry_timeout: 2
		    primary_start_timeout: 0
		    maximum_lag_on_failover: 1048576
		    synchronous_mode: true
		    postgresql:
		      use_pg_rewind: true
		      parameters: {wal_log_hints: 'on', max_wal_senders: 10, max_replication_slots: 10, max_connections: 300, fsync: 'off'}
		  initdb: [{encoding: UTF8}, {locale: C.UTF-8}, {auth: trust}]
		postgresql:
		  listen: '127.0.0.1:$(port_of "$member")'
		  connect_address: '127.0.0.1:$(port_of "$member")'
		  data_dir: $dir/data
		  bin_dir: $bin
		  pgpass: $dir/pgpass
		  pg_hba: ['local all all trust', 'host all all 127.0.0.1/32 trust', 'host replication all 127.0.0.1/32 trust']
		  authentication: {superuser: {username: postgres}, replication: {username: postgres}, rewind: {username: postgres}}
		  parameters: {unix_socket_directories: '$dir'}
	EOF
}

# Kills a member's Patroni, then its postmaster if Patroni left one behind.
kill_member() {
	local dir=$base/$1 pid
	if alive "$dir/patroni.pid"; then
		pid=$(cat "$dir/patroni.pid")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	fi
	if [[ -f $dir/data/postmaster.pid ]]; then
		pid=$(head -n 1 "$dir/data/postmaster.pid")
		kill -9 "$pid" 2>/dev/null || true
	fi
}

destroy() {
	[[ -f $state/base ]] || return 0
	base=$(cat "$state/base")
	local member pid
	for member in "${members[@]}"; do kill_member "$member"; done
	if alive "$base/etcd.pid"; then
		pid=$(cat "$base/etcd.pid")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	fi
	case $base in
		*/reasoning-graph-ha-cluster.*) rm -rf "$base" ;;
	esac
	rm -f "$state/base"
}

create() {
	base=$(mktemp -d "${TMPDIR:-/tmp}/reasoning-graph-ha-cluster.XXXXXX")
	echo "$base" >"$state/base"
	chmod 755 "$base"
	local name
	for name in etcd etcd.peer m1 m1.api m2 m2.api; do free_port >"$base/$name.port"; done
	mv "$base/m1.api.port" "$base/m1.api"
	mv "$base/m2.api.port" "$base/m2.api"
	for name in "${members[@]}"; do write_member "$name"; done
	printf '%s\n' "scope: reasoning-graph-ha" "etcd3: {host: '127.0.0.1:$(cat "$base/etcd.port")'}" >"$base/patronictl.yml"
	[[ $(id -u) -eq 0 ]] && chown -R postgres: "$base"
	spawn "$base/etcd.pid" "$base/etcd.log" etcd --name ha --data-dir "$base/etcd" \
		--listen-client-urls "http://127.0.0.1:$(cat "$base/etcd.port")" --advertise-client-urls "http://127.0.0.1:$(cat "$base/etcd.port")" \
		--listen-peer-urls "http://127.0.0.1:$(cat "$base/etcd.peer.port")" --initial-advertise-peer-urls "http://127.0.0.1:$(cat "$base/etcd.peer.port")" \
		--initial-cluster "ha=http://127.0.0.1:$(cat "$base/etcd.peer.port")" --log-level warn
}

start() {
	bin=$(debian_pg_bin) || { log "PostgreSQL is not installed: apt-get install postgresql"; exit 2; }
	if [[ -f $state/base && -d $(cat "$state/base") ]] && alive "$(cat "$state/base")/etcd.pid"; then
		base=$(cat "$state/base")
	else
		destroy
		create
	fi
	local member started=$SECONDS
	for member in "${members[@]}"; do
		alive "$base/$member/patroni.pid" && continue
		# The first member bootstraps the cluster; the second clones it once there is a leader.
		spawn "$base/$member/patroni.pid" "$base/$member/patroni.log" patroni "$base/$member/patroni.yml"
	done
	until healthy; do
		if ((SECONDS - started > 120)); then
			log "no leader with a streaming synchronous standby after 120 s; logs in $base"
			tail -n 20 "$base"/m?/patroni.log "$base/etcd.log" >&2 || true
			exit 1
		fi
		sleep 0.5
	done
	log "leader and synchronous standby after $((SECONDS - started)) s; cluster $base"
	url
}

command=${1:-}
case $command in
	start | stop | env | status) ;;
	*) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac

mkdir -p "$state"
exec 9>"$state/lock"
flock 9
case $command in
	start) start ;;
	stop) destroy ;;
	env | status)
		[[ -f $state/base ]] || exit 1
		base=$(cat "$state/base")
		bin=$(debian_pg_bin) || exit 1
		healthy || exit 1
		if [[ $command == env ]]; then
			echo "export REASONING_GRAPH_TEST_HA_URL='$(url)'"
			echo "export REASONING_GRAPH_TEST_HA_DIR='$base'"
			echo "export REASONING_GRAPH_TEST_HA_MEMBERS='m1=$(port_of m1):$(cat "$base/m1.api"),m2=$(port_of m2):$(cat "$base/m2.api")'"
			echo "export REASONING_GRAPH_TEST_HA_PATRONICTL_CONFIG='$base/patronictl.yml'"
		fi
		;;
esac
