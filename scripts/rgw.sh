#!/usr/bin/env bash
# A throwaway S3 server with real Object Lock for tests and benchmarks: Ceph RADOS Gateway (Debian's radosgw)
# on a one-node, in-memory Ceph cluster (one monitor, one memstore OSD, the gateway), on 127.0.0.1 only.
#
#   scripts/rgw.sh start   start it (or find it already running); prints the endpoint URL on stdout
#   scripts/rgw.sh env     print `export REASONING_GRAPH_TEST_S3_ENDPOINT=… _ACCESS_KEY=… _SECRET=…` for eval
#   scripts/rgw.sh url     print the endpoint of the running server (exit 1 when none runs)
#   scripts/rgw.sh status  exit 0 when it runs, 1 otherwise
#   scripts/rgw.sh stop    stop it (by PID) and delete its data (a no-op when none runs)
#
# Typical use (what scripts/test.sh does):
#   scripts/rgw.sh start && eval "$(scripts/rgw.sh env)"
#   trap 'scripts/rgw.sh stop' EXIT
#
# Modelled on ../shared/tools/ceph-rgw: auth between the daemons is off (loopback only, data thrown away), the
# monitor and gateway take free ports, the S3 user gets random keys per cluster. It runs as the invoking user
# (root or not: everything lives in a directory that user owns). Install the daemons with
# `apt-get install radosgw ceph-mon ceph-osd` (scripts/lib/deps.sh does). One server per checkout, keyed by this
# repository's path like scripts/postgres.sh; REASONING_GRAPH_RGW_STATE overrides the state directory. start and
# stop are idempotent and serialized with a lock.
#
# Clients need path-style addressing, checksums only "when required" and no `Expect: 100-continue`
# (ReasoningGraph.Archive.S3's S3ArchiveClient sets all three); see docs/ARCHIVE.md.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
key=$(printf '%s' "$repo" | sha256sum | cut -c1-12)
state=${REASONING_GRAPH_RGW_STATE:-${TMPDIR:-/tmp}/reasoning-graph-rgw-$key}
log() { echo "rgw.sh: $*" >&2; }
# shellcheck source=scripts/lib/servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/servers.sh"

# The cluster's daemons, in the order they are stopped.
daemons=(client.rgw.a osd.0 mon.a)

running() {
	[[ -f $state/base && -f $state/port ]] || return 1
	local base pid
	base=$(cat "$state/base")
	pid=$(cat "$base/run/client.rgw.a.pid" 2>/dev/null) || return 1
	kill -0 "$pid" 2>/dev/null && (echo >"/dev/tcp/127.0.0.1/$(cat "$state/port")") 2>/dev/null
}

destroy() {
	local base name pid
	[[ -f $state/base ]] || { rm -f "$state/port" "$state/keys"; return 0; }
	base=$(cat "$state/base")
	for name in "${daemons[@]}"; do
		pid=$(cat "$base/run/$name.pid" 2>/dev/null) || continue
		kill "$pid" 2>/dev/null || continue
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
	done
	case $base in
		*/reasoning-graph-rgw-cluster.*) rm -rf "$base" ;;
	esac
	rm -f "$state/base" "$state/port" "$state/keys"
}

write_conf() {
	local base=$1 fsid=$2 mon_port=$3 rgw_port=$4
	cat >"$base/ceph.conf" <<-C
		[global]
		fsid = $fsid
		mon initial members = a
		mon host = v1:127.0.0.1:$mon_port
		public addr = 127.0.0.1
		cluster addr = 127.0.0.1
		public network = 127.0.0.0/8
		cluster network = 127.0.0.0/8
		mon data avail warn = 1
		mon data avail crit = 0
		mon warn on insecure global id reclaim allowed = false
		mon warn on insecure global id reclaim = false
		ms bind msgr2 = false
		auth cluster required = none
		auth service required = none
		auth client required = none
		run dir = $base/run
		admin socket = $base/run/\$name.asok
		log file = $base/log/\$name.log
		mon cluster log to file = false
		pid file = $base/run/\$name.pid
		keyring = $base/keyring
		mon data = $base/mon/\$cluster-\$id
		osd data = $base/osd/\$cluster-\$id
		osd objectstore = memstore
		memstore device bytes = 1073741824
		osd max object name len = 460
		osd max object namespace len = 64
		osd pool default size = 1
		osd pool default min size = 1
		osd pool default pg num = 8
		osd pool default pgp num = 8
		osd pool default pg autoscale mode = off
		osd crush chooseleaf type = 0
		mon allow pool size one = true
		mon allow pool delete = true
		mon warn on pool no redundancy = false
		mon max pg per osd = 1000
		paxos propose interval = 0.01
		paxos min wait = 0.001
		ms bind port min = 6800
		ms bind port max = 7300
		osd class update on start = false
		osd crush update on start = false
		[client.rgw.a]
		rgw frontends = beast endpoint=127.0.0.1:$rgw_port tcp_nodelay=1
		rgw data = $base/rgw
		rgw enable usage log = false
		rgw dns name = localhost
	C
}

start() {
	if running; then
		echo "http://127.0.0.1:$(cat "$state/port")"
		return 0
	fi
	local bin attempt
	for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool; do
		command -v "$bin" >/dev/null || { log "$bin is missing: apt-get install radosgw ceph-mon ceph-osd"; exit 2; }
	done
	# A fresh cluster occasionally wedges while the monitor settles (a client command then waits forever): each
	# client command has a time limit, and a failed start is retried once with a new cluster.
	for attempt in 1 2; do
		destroy # a stale or failed cluster (daemon died, machine rebooted) is replaced, not reused
		if create_cluster; then
			return 0
		fi
		log "starting the cluster failed (attempt $attempt)"
	done
	destroy
	exit 1
}

create_cluster() {
	local base fsid osd_uuid osd_id mon_port rgw_port access secret conf
	base=$(mktemp -d "${TMPDIR:-/tmp}/reasoning-graph-rgw-cluster.XXXXXX")
	echo "$base" >"$state/base"
	mkdir -p "$base"/{mon,osd/ceph-0,run,log,rgw}
	fsid=$(cat /proc/sys/kernel/random/uuid)
	mon_port=$(free_port)
	rgw_port=$(free_port)
	access=rg$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')
	secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
	conf=$base/ceph.conf
	write_conf "$base" "$fsid" "$mon_port" "$rgw_port"
	{
		# Daemons must not inherit the lock (fd 9) or our stdout, or later calls would wait for them forever.
		ceph-authtool --create-keyring "$base/keyring" --gen-key -n mon. --cap mon 'allow *'
		monmaptool --create --fsid "$fsid" --addv a "[v1:127.0.0.1:$mon_port]" "$base/monmap"
		ceph-mon -c "$conf" --mkfs -i a --monmap "$base/monmap" --keyring "$base/keyring"
		ceph-mon -c "$conf" -i a 9>&-
		osd_uuid=$(cat /proc/sys/kernel/random/uuid)
		osd_id=$(timeout 120 ceph -c "$conf" osd new "$osd_uuid")
		timeout 120 ceph -c "$conf" osd crush add "osd.$osd_id" 1.0 root=default host=localhost
		ceph-osd -c "$conf" -i "$osd_id" --mkfs --osd-uuid "$osd_uuid"
		ceph-osd -c "$conf" -i "$osd_id" 9>&-
		timeout 120 radosgw-admin -c "$conf" user create --uid=test --display-name=test --access-key="$access" --secret="$secret"
		radosgw -c "$conf" -n client.rgw.a 9>&-
	} </dev/null >"$base/log/start.log" 2>&1 || { tail -n 20 "$base/log/start.log" >&2; return 1; }
	for _ in $(seq 1 600); do
		if (echo >"/dev/tcp/127.0.0.1/$rgw_port") 2>/dev/null; then
			echo "$rgw_port" >"$state/port"
			printf '%s\n%s\n' "$access" "$secret" >"$state/keys"
			log "Ceph RGW $(radosgw --version | awk '{print $3}') on 127.0.0.1:$rgw_port, cluster $base"
			echo "http://127.0.0.1:$rgw_port"
			return 0
		fi
		sleep 0.1
	done
	tail -n 20 "$base/log/client.rgw.a.log" >&2 || true
	log "the gateway did not answer on 127.0.0.1:$rgw_port"
	return 1
}

print_env() {
	running || return 1
	local access secret
	{ read -r access; read -r secret; } <"$state/keys"
	echo "export REASONING_GRAPH_TEST_S3_ENDPOINT='http://127.0.0.1:$(cat "$state/port")'"
	echo "export REASONING_GRAPH_TEST_S3_ACCESS_KEY='$access'"
	echo "export REASONING_GRAPH_TEST_S3_SECRET='$secret'"
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
	url) running && echo "http://127.0.0.1:$(cat "$state/port")" ;;
	env) print_env ;;
	status) running ;;
esac
