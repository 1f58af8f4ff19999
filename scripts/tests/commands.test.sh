#!/usr/bin/env bash
# Fails when a script of the test command calls a command that is not in scripts/lib/commands.list: every external
# command must be part of the base system or installed by the test command (scripts/lib/deps.sh), never a helper that
# exists on one machine only. The scripts are parsed with shfmt (its syntax tree, not a grep); the command words are
# picked out by command_words.py. Also checks itself: a script calling an unlisted command must be reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/common.sh
source scripts/lib/commands.sh

# unlisted SCRIPT...: "command<TAB>script:line" for each call of a command that is neither a bash builtin or
# keyword, a function of the scripts, nor listed.
unlisted() {
	local tmp script json args=()
	tmp=$(mktemp -d)
	for script in "$@"; do
		json=$tmp/$(printf '%s' "$script" | tr '/' '_').json
		shfmt -ln bash --to-json <"$script" >"$json" || {
			log "shfmt cannot parse $script"
			rm -rf "$tmp"
			return 2
		}
		args+=("$json:$script")
	done
	{ compgen -b; compgen -k; listed_commands | cut -f1; } | sort -u >"$tmp/known"
	python3 scripts/tests/command_words.py "${args[@]}" | awk -F'\t' 'NR == FNR { known[$1] = 1; next } !($1 in known)' "$tmp/known" -
	rm -rf "$tmp"
}

scripts=(.ci/run scripts/*.sh scripts/lib/*.sh scripts/tests/*.sh)
found=$(unlisted "${scripts[@]}")
if [[ -n $found ]]; then
	log "scripts call commands that are not in $COMMANDS_LIST (add each with the package that provides it,"
	log "and install that package in scripts/lib/deps.sh unless the base system has it):"
	log "$found"
	exit 1
fi
log "commands: every command the ${#scripts[@]} scripts call is listed"

# Self-check: a command that exists on one machine only must be caught, behind a wrapper too.
probe=$(mktemp --suffix=.sh)
trap 'rm -f "$probe"' EXIT
printf '%s\n' 'f() { only-on-one-machine debootstrap x; }' 'as_root only-here --flag' 'timeout 5 ls' >"$probe"
found=$(unlisted "$probe" scripts/lib/common.sh | cut -f1 | sort | tr '\n' ' ')
[[ $found == "only-here only-on-one-machine " ]] || {
	log "commands self-check: expected 'only-here only-on-one-machine', got '$found'"
	exit 1
}
log "commands self-check: an unlisted command is reported"
