# Shared helpers for scripts/test.sh: logging, steps that keep going after a failure, cleanup.
# shellcheck shell=bash

FAILED_STEPS=()
CLEANUPS=()

log() { printf '%s\n' "$*" >&2; }

# on_exit CMD: run CMD when the script exits, however it exits. Register from the main shell only:
# a step runs in a subshell, so a step that starts something sets its own `trap ... EXIT` there.
on_exit() { CLEANUPS+=("$1"); }

run_cleanups() {
	local cleanup
	for cleanup in "${CLEANUPS[@]}"; do
		eval "$cleanup" || true
	done
}

# step NAME CMD...: run CMD in a subshell with errexit on, record a failure and carry on, so one broken
# step does not hide the results of the others. (Calling CMD inside `if` would silently disable errexit
# within it, hence the explicit subshell and status.)
step() {
	local name=$1 status
	shift
	log ""
	log "==> $name"
	set +e
	(
		set -euo pipefail
		"$@"
	)
	status=$?
	set -e
	if ((status != 0)); then
		log "FAILED: $name (exit $status)"
		FAILED_STEPS+=("$name")
	fi
	return 0
}

step_failed() {
	local failed
	for failed in "${FAILED_STEPS[@]}"; do
		[[ $failed == "$1" ]] && return 0
	done
	return 1
}

# as_root CMD...: run CMD as root, through sudo when not root already.
as_root() {
	if ((EUID == 0)); then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		log "need root to run: $*"
		return 1
	fi
}
