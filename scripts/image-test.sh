#!/usr/bin/env bash
# Builds the service image from samples/Host/Dockerfile with podman and checks it running the way
# docs/DEPLOYMENT.md runs it (read-only root filesystem, /tmp tmpfs, a volume for DATA_DIR, the image's own user).
#
#   scripts/image-test.sh            build, run, check; removes its containers, volume and image on exit
#   scripts/image-test.sh --clean    also remove the cached base-image stand-ins and the debootstrap tarball
#
# Base images: the ones the Dockerfile names when present or pullable; otherwise local stand-ins built by
# scripts/lib/image.sh (Debian + the host's .NET), tagged with those names for the build only. The script says which
# it used. Exits non-zero when any check fails; prints how long each phase took.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
source scripts/lib/common.sh
source scripts/lib/deps.sh
source scripts/lib/image.sh

clean=false
case ${1:-} in
--clean) clean=true ;;
"") ;;
*)
	log "usage: scripts/image-test.sh [--clean]"
	exit 2
	;;
esac

run_id=rg-image-test-$$
image=localhost/reasoning-graph:image-test-$$
volume=$run_id-data
containers=()
aliases=()
failures=0
started=$(date +%s.%N)
phase_started=$started

phase() {
	local now
	now=$(date +%s.%N)
	log "$(printf '[%6.1fs total, %6.1fs] %s' "$(echo "$now - $started" | bc)" "$(echo "$now - $phase_started" | bc)" "$1")"
	phase_started=$now
}

check() {
	local name=$1
	shift
	if "$@"; then
		log "  ok    $name"
	else
		log "  FAIL  $name"
		failures=$((failures + 1))
	fi
}

cleanup() {
	local c alias
	for c in "${containers[@]}"; do
		pm rm -f -t 0 "$c" >/dev/null 2>&1 || true
	done
	pm volume rm -f "$volume" >/dev/null 2>&1 || true
	pm rmi -f "$image" >/dev/null 2>&1 || true
	for alias in "${aliases[@]}"; do
		# Both names: `podman untag IMAGE` alone would drop every name, the stand-in's included.
		pm untag "${alias% *}" "${alias#* }" >/dev/null 2>&1 || true
	done
	if $clean; then
		pm rmi -f "$STANDIN_ASPNET" "$STANDIN_SDK" "$STANDIN_DEBIAN" >/dev/null 2>&1 || true
		rm -rf "$IMAGE_CACHE"
	fi
	run_cleanups
	podman_teardown
}
trap cleanup EXIT

# use_base REAL STANDIN: the real image if it is here or can be pulled, else the stand-in under the real name.
use_base() {
	local real=$1 standin=$2
	if pm image exists "$real" && ! is_standin "$real"; then
		log "base: $real (present)"
	elif pm pull --quiet "$real" >/dev/null 2>&1; then
		log "base: $real (pulled)"
	else
		ensure_standins
		pm tag "$standin" "$real"
		aliases+=("$standin $real")
		log "base: $real cannot be pulled here: using the LOCAL STAND-IN $standin under that name"
	fi
}

is_standin() {
	pm image inspect -f '{{index .Labels "org.opencontainers.image.description"}}' "$1" 2>/dev/null | grep -q 'LOCAL STAND-IN'
}

# curl_in CONTAINER ARGS...: curl inside the container, so requests come from loopback (the development principal
# is honoured from loopback only).
curl_in() {
	local c=$1
	shift
	pm exec "$c" curl -sS --max-time 10 "$@"
}

# start NAME PORT SCHEME [RUN OPTIONS...]: run the image as DEPLOYMENT.md does, publishing the container's PORT on
# a free loopback port; wait until /health answers there. Sets url. curl_args: extra curl options (a CA file).
start() {
	local name=$1 inner=$2 scheme=$3 port _
	shift 3
	# --read-only-tmpfs=false: podman otherwise adds tmpfs on /run, /tmp and /var/tmp by itself, which Docker and
	# Kubernetes do not; only the documented /tmp tmpfs and the data volume are writable.
	# slirp4netns: a network namespace and a published port without touching the host's firewall rules.
	# --health-interval disable: no periodic timer (podman needs systemd for it); the checks below run the image's
	# HEALTHCHECK command themselves with `podman healthcheck run`.
	pm run -d --name "$name" --read-only --read-only-tmpfs=false --tmpfs /tmp \
		-v "$volume:/var/lib/reasoning-graph" --network slirp4netns -p "127.0.0.1::$inner" \
		--health-interval disable "$@" "$image" >/dev/null
	containers+=("$name")
	port=$(pm port "$name" "$inner/tcp" | sed 's/.*://')
	url=$scheme://127.0.0.1:$port
	for _ in $(seq 1 120); do
		curl -fsS "${curl_args[@]}" --max-time 2 "$url/health" >/dev/null 2>&1 && return 0
		[[ $(pm inspect -f '{{.State.Running}}' "$name") == true ]] || break
		sleep 0.5
	done
	pm logs "$name" >&2 || true
	log "the container $name did not answer /health on $url"
	return 1
}
curl_args=()

json_get() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

http_status() { curl -s "${curl_args[@]}" -o /dev/null -w '%{http_code}' --max-time 5 "$1"; }

runs_as_app() {
	local pid ids
	pid=$(pm inspect -f '{{.State.Pid}}' "$1")
	ids=$(ps -o uid=,gid= -p "$pid" | xargs)
	log "        service process $pid: uid gid = $ids"
	[[ $ids == "1654 1654" ]]
}

root_read_only() {
	local out
	out=$(pm exec "$1" sh -c 'touch /app/probe 2>&1; touch /probe 2>&1; touch /etc/probe 2>&1' || true)
	[[ $(grep -c 'Read-only file system' <<<"$out") == 3 ]]
}

volumes_writable() {
	# shellcheck disable=SC2016 # expanded by the container's shell
	pm exec "$1" sh -c 'for d in /tmp /var/lib/reasoning-graph; do touch "$d/probe" && rm "$d/probe" || exit 1; done'
}

has_no_capabilities() {
	local pid caps
	pid=$(pm inspect -f '{{.State.Pid}}' "$1")
	caps=$(grep -E '^Cap(Prm|Eff|Bnd)' "/proc/$pid/status" | awk '{print $2}' | sort -u | xargs)
	log "        CapPrm/CapEff/CapBnd: $caps; NoNewPrivs: $(awk '/^NoNewPrivs/ {print $2}' "/proc/$pid/status")"
	[[ $caps == 0000000000000000 ]] && grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$pid/status"
}

# stop_cleanly NAME: SIGTERM is enough (no SIGKILL after 30 s) and the service exits 0.
stop_cleanly() {
	local before after code
	before=$(date +%s)
	pm stop -t 30 "$1" >/dev/null
	after=$(date +%s)
	code=$(pm inspect -f '{{.State.ExitCode}}' "$1")
	log "        stopped in $((after - before)) s, exit code $code"
	((after - before < 30)) && [[ $code == 0 ]]
}

# ---- build ------------------------------------------------------------------------------------------------

ensure_dotnet
ensure_podman
podman_setup
phase "podman ready"

use_base "$REAL_SDK" "$STANDIN_SDK"
use_base "$REAL_ASPNET" "$STANDIN_ASPNET"
phase "base images"

build_args=()
[[ -z ${NUGET_CERT_REVOCATION_MODE:-} ]] ||
	build_args+=(--build-arg "NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
# A host that trusts CAs of its own (an internal NuGet feed, a TLS-inspecting proxy) needs them for NuGet in the build
# too: lend the host's CA bundle to the build's RUN steps (read-only, not stored in any layer).
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
	build_args+=(-v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
	local_cas=(/usr/local/share/ca-certificates/*.crt)
	log "build: lending the host's CA bundle to RUN steps (locally added CAs: ${local_cas[*]##*/})"
fi
# The host's NuGet configuration (its feeds and their credentials) for the restore step, so the image restores from
# wherever this host's builds do; read-only, not stored in any layer. Not when it names a local folder as a source:
# that folder is not inside the build, and restore would fail on it.
nuget_config=${NUGET_CONFIG_FILE:-$HOME/.nuget/NuGet/NuGet.Config}
if [[ -f $nuget_config ]] && ! grep -Eq 'value="(/|[A-Za-z]:)' "$nuget_config"; then
	build_args+=(-v "$nuget_config:/root/.nuget/NuGet/NuGet.Config:ro")
	log "build: NuGet sources from $nuget_config"
fi
# --format docker: the OCI image format has no HEALTHCHECK (podman drops it with a warning); Docker's keeps it.
# --layers=false: no intermediate images are left behind (each run builds from the base images, restore included).
pm build --format docker --layers=false --pull=never --network=host "${build_args[@]}" -t "$image" -f samples/Host/Dockerfile . >&2
phase "image built: $image ($(pm image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1 / 1e6}'))"

# ---- checks -----------------------------------------------------------------------------------------------

log "image configuration"
check "user is 1654:1654" test "$(pm image inspect -f '{{.Config.User}}' "$image")" = 1654:1654
# shellcheck disable=SC2016 # the literal text of the HEALTHCHECK command
check "HEALTHCHECK uses curl on HEALTH_URL" \
	grep -q 'curl -fsSk --max-time 4 "$HEALTH_URL"' <<<"$(pm image inspect -f '{{.Config.Healthcheck.Test}}' "$image")"

log "as documented (no extra configuration)"
# Outside Development the embedded store is a choice made explicitly (a missing DATABASE_URL is refused).
start "$run_id-plain" 8047 http -e STORE=embedded
check "the service runs as UID/GID 1654, not root" runs_as_app "$run_id-plain"
check "GET /health answers 200 through the published port" test "$(http_status "$url/health")" = 200
check "GET /ready answers 200" test "$(http_status "$url/ready")" = 200
check "the root filesystem is read-only (/app, /, /etc)" root_read_only "$run_id-plain"
check "/tmp and the data volume are writable" volumes_writable "$run_id-plain"
check "the image's HEALTHCHECK passes" pm healthcheck run "$run_id-plain"
check "stops cleanly on SIGTERM" stop_cleanly "$run_id-plain"
phase "documented run"

log "writes and traces (Development, development principal from loopback inside the container)"
# A throwaway signing key (readable by group 1654, as a Secret with fsGroup would present it), so that the canary
# check below can verify the snapshot with its public half; the same key in both runs on the volume.
signing=$(mktemp -d "${TMPDIR:-/tmp}/rg-image-signing.XXXXXX")
on_exit "rm -rf '$signing'"
openssl genpkey -algorithm ed25519 -out "$signing/signing-key.pem" 2>/dev/null
openssl pkey -in "$signing/signing-key.pem" -pubout -out "$signing/signing-key.pub" 2>/dev/null
chgrp 1654 "$signing/signing-key.pem" "$signing/signing-key.pub"
chmod 0640 "$signing/signing-key.pem" "$signing/signing-key.pub"
chmod 0755 "$signing"
dev=(-e ASPNETCORE_ENVIRONMENT=Development -e ALLOW_DEV_PRINCIPAL=true -v "$signing:/etc/reasoning-graph/signing:ro"
	-e SIGNING_KEY_PATH=/etc/reasoning-graph/signing/signing-key.pem -e SIGNER_ID=image-test)
start "$run_id-dev" 8047 http "${dev[@]}"
hdr=(-H 'X-Local-Dev-Principal: image-test' -H 'Content-Type: application/json')
a=$(curl_in "$run_id-dev" -X POST "${hdr[@]}" http://127.0.0.1:8047/reason/node \
	-d '{"type":"observation","author":"image-test","payload":{"text":"written in the container"}}' | json_get nodeId)
b=$(curl_in "$run_id-dev" -X POST "${hdr[@]}" http://127.0.0.1:8047/reason/node \
	-d '{"type":"decision","author":"image-test","payload":{"text":"follows"}}' | json_get nodeId)
curl_in "$run_id-dev" -fX POST "${hdr[@]}" http://127.0.0.1:8047/reason/edge -d "{\"from\":\"$a\",\"to\":\"$b\",\"type\":\"causal\"}" >/dev/null
# trace CONTAINER: the node ids of b's ordered causal trace, space-separated.
trace() {
	curl_in "$1" -f "${hdr[@]}" "http://127.0.0.1:8047/reason/traces/$b" |
		python3 -c 'import json,sys; print(" ".join(e["id"] for e in json.load(sys.stdin)["ordered_path"] if e["type"] == "node"))'
}
path=$(trace "$run_id-dev")
log "        trace of $b: $path"
check "POST /reason/node + /reason/edge, GET /reason/traces orders both nodes" \
	test "$path" = "$a $b"
# smoke_in CONTAINER: the rollout's canary check (docs/DEPLOYMENT.md) run by the image's own CLI inside the container,
# from loopback so that the development principal is honoured; its report is logged when a step fails.
smoke_in() {
	local report
	report=$(pm exec "$1" /app/reasoning-graph smoke --url http://127.0.0.1:8047 \
		--header 'X-Local-Dev-Principal: image-test' --public-key /etc/reasoning-graph/signing/signing-key.pub) && return 0
	log "        smoke report: $report"
	return 1
}
check "reasoning-graph smoke: canary chain written, traced, explained, snapshotted, verified offline, audited" \
	smoke_in "$run_id-dev"
# shellcheck disable=SC2016 # expanded by the container's shell
check "the journal is in the data volume" pm exec "$run_id-dev" sh -c 'test -n "$(ls -A /var/lib/reasoning-graph)"'
check "stops cleanly on SIGTERM" stop_cleanly "$run_id-dev"
start "$run_id-again" 8047 http "${dev[@]}"
check "a new container on the same volume has the trace" test "$(trace "$run_id-again")" = "$path"
check "stops cleanly on SIGTERM" stop_cleanly "$run_id-again"
phase "write/trace runs"

log "as the Kubernetes pod runs it (HTTPS on 8443, certificate mounted read-only, all capabilities dropped,"
log "no privilege escalation; a throwaway self-signed certificate)"
tls=$(mktemp -d "${TMPDIR:-/tmp}/rg-image-tls.XXXXXX")
on_exit "rm -rf '$tls'"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
	-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$tls/tls.key" -out "$tls/tls.crt" 2>/dev/null
# As a Secret volume with fsGroup 1654 would present them: readable by group 1654, not by others.
chgrp 1654 "$tls/tls.key" "$tls/tls.crt"
chmod 0640 "$tls/tls.key" "$tls/tls.crt"
chmod 0755 "$tls"
curl_args=(--cacert "$tls/tls.crt")
start "$run_id-tls" 8443 https -v "$tls:/etc/reasoning-graph/tls:ro" --cap-drop ALL --security-opt no-new-privileges \
	-e ASPNETCORE_URLS=https://0.0.0.0:8443 -e TLS_CERT_FILE=/etc/reasoning-graph/tls/tls.crt \
	-e TLS_KEY_FILE=/etc/reasoning-graph/tls/tls.key -e HEALTH_URL=https://127.0.0.1:8443/health -e STORE=embedded
check "GET /health answers 200 over HTTPS (certificate verified)" test "$(http_status "$url/health")" = 200
check "GET /ready answers 200 over HTTPS" test "$(http_status "$url/ready")" = 200
check "no capabilities left to the service" has_no_capabilities "$run_id-tls"
check "the image's HEALTHCHECK passes with HEALTH_URL on HTTPS" pm healthcheck run "$run_id-tls"
check "stops cleanly on SIGTERM" stop_cleanly "$run_id-tls"
curl_args=()
phase "HTTPS run"

if ((failures > 0)); then
	log "image-test: $failures check(s) FAILED"
	exit 1
fi
log "image-test: all checks passed"
