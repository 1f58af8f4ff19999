# Helpers shared by the throwaway servers' scripts (scripts/postgres.sh, scripts/ha.sh, scripts/rgw.sh), which run
# standalone as well as from the test command.
# shellcheck shell=bash

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
		return
	fi
	local port
	while :; do # no python: a random high port nobody answers on
		port=$((20000 + RANDOM % 40000))
		(echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || {
			echo "$port"
			return
		}
	done
}

# Runs a command as a PostgreSQL cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# The newest of Debian's PostgreSQL bin directories (/usr/lib/postgresql/<version>/bin) with pg_ctl and initdb.
debian_pg_bin() {
	local dir
	for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[[ -x $dir/pg_ctl && -x $dir/initdb ]] && {
			echo "$dir"
			return 0
		}
	done
	return 1
}
