# The commands the test command may call (scripts/lib/commands.list), and the PATH it runs with.
# shellcheck shell=bash

COMMANDS_LIST=${COMMANDS_LIST:-scripts/lib/commands.list}

# system_path: the system directories only, plus the directory of the .NET SDK when it lives elsewhere (the one
# prerequisite the test command does not install). The test command runs with this PATH, so a command that exists
# only on one developer's machine (in /usr/local/bin, ~/bin, an alias) fails on that machine too, not first in CI.
system_path() {
	local path=/usr/sbin:/usr/bin:/sbin:/bin dotnet_dir
	if dotnet_dir=$(dirname "$(command -v dotnet 2>/dev/null)" 2>/dev/null) && [[ $dotnet_dir != . ]]; then
		case :$path: in
		*:"$dotnet_dir":*) ;;
		*) path=$path:$dotnet_dir ;;
		esac
	fi
	printf '%s\n' "$path"
}

# listed_commands: "command package" per line, comments and blank lines left out.
listed_commands() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$COMMANDS_LIST" | awk '{ name = $1; $1 = ""; sub(/^ +/, ""); print name "\t" $0 }'
}

# check_commands: every listed command is on PATH; otherwise names each missing one with its package and fails.
# postgres.sh finds initdb and pg_ctl in /usr/lib/postgresql/<version>/bin as well.
check_commands() {
	local name package missing=0 pg_bin
	pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	while IFS=$'\t' read -r name package; do
		command -v "$name" >/dev/null && continue
		[[ $package == *"(when not root)"* ]] && ((EUID == 0)) && continue
		[[ -n $pg_bin && -x $pg_bin/$name ]] && continue
		log "missing command: $name (install: $package)"
		missing=$((missing + 1))
	done < <(listed_commands)
	((missing == 0)) || {
		log "$missing command(s) the tests call are missing; PATH=$PATH"
		return 1
	}
	log "all $(listed_commands | wc -l) commands the tests call are present"
}
