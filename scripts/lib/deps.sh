# Installs what the tests need when it is missing, and nothing when it is present (idempotent).
# Add new dependencies (PostgreSQL, ...) as one ensure_* function each, called from ensure_test_dependencies.
# shellcheck shell=bash

APT_UPDATED=""

apt_install() {
	if [[ -z $APT_UPDATED ]]; then
		as_root apt-get update -qq
		APT_UPDATED=1
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_dotnet() {
	command -v dotnet >/dev/null || {
		log "dotnet is not on PATH: install the .NET SDK named in global.json"
		return 1
	}
}

# The Go reference for the kernel profile (tools/go-canonical); Debian 12's golang-go is Go 1.19.
ensure_go() {
	command -v go >/dev/null || apt_install golang-go
	log "go: $(go version)"
}

# Go's own sumdb/note and sumdb/tlog (Debian's golang-golang-x-mod-dev, GOPATH sources) build tools/go-tlog, the
# independent verifier of checkpoints and proofs in VerifiableLogTests.
ensure_go_x_mod() {
	[[ -f /usr/share/gocode/src/golang.org/x/mod/sumdb/note/note.go ]] || apt_install golang-golang-x-mod-dev
}

ensure_node() {
	command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
	log "node: $(node --version)"
}

# The npm tools of the tests, each pinned by its package-lock.json: the RFC 8785 reference (tools/node-canonical, npm
# canonicalize) and the OpenAPI client check (tools/node-openapi: Redocly's linter, openapi-typescript, openapi-fetch, tsc).
ensure_node_modules() {
	local dir
	for dir in tools/node-canonical tools/node-openapi; do
		if [[ -f $dir/node_modules/.package-lock.json && $dir/node_modules/.package-lock.json -nt $dir/package-lock.json ]]; then
			continue
		fi
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	done
}

# Ceph RADOS Gateway: the S3 server with real Object Lock that scripts/rgw.sh runs for the S3 archive's tests.
ensure_rgw() {
	local bin missing=""
	for bin in radosgw radosgw-admin ceph-mon ceph-osd ceph ceph-authtool monmaptool python3; do
		command -v "$bin" >/dev/null || missing=1
	done
	[[ -z $missing ]] || apt_install radosgw ceph-mon ceph-osd python3
	log "radosgw: $(radosgw --version | awk '{print $3}')"
}

# shfmt parses the scripts for scripts/tests/commands.test.sh (which commands they call).
ensure_shfmt() {
	command -v shfmt >/dev/null || apt_install shfmt
}

# PostgreSQL for scripts/postgres.sh (it finds initdb and pg_ctl in /usr/lib/postgresql/<version>/bin).
ensure_postgres() {
	compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || command -v pg_ctl >/dev/null || apt_install postgresql
}

# Patroni and etcd for scripts/ha.sh, the two-member synchronous PostgreSQL cluster of the failover drills
# (tests/ReasoningGraph.Host.Tests/Ha). Debian's patroni runs Debian's PostgreSQL; etcd-server's v3 API is its store.
ensure_ha() {
	command -v patroni >/dev/null && command -v etcd >/dev/null || apt_install patroni etcd-server
	log "patroni: $(patroni --version), etcd: $(etcd --version | head -n 1)"
}

# Podman and debootstrap build and run the container image (scripts/image-test.sh, scripts/lib/image.sh).
ensure_podman() {
	local missing=() bin
	for bin in podman crun slirp4netns curl python3 openssl bc; do
		command -v "$bin" >/dev/null || missing+=("$bin")
	done
	command -v debootstrap >/dev/null || missing+=(debootstrap)
	((${#missing[@]} == 0)) || apt_install podman crun slirp4netns fuse-overlayfs debootstrap curl python3 openssl bc
	log "podman: $(podman --version)"
}

# Headless Chromium renders the host's human export page in ExportHumanTests (screenshot and DOM after render).
ensure_chromium() {
	command -v chromium >/dev/null || apt_install chromium
	log "chromium: $(chromium --version 2>/dev/null | head -n 1)"
}

# kubectl renders deploy/k8s (`kubectl kustomize`) for tests/ReasoningGraph.Deploy.Tests, which checks every object
# against the Kubernetes API models. Debian's kubernetes-client provides it; a kubectl already installed is used.
ensure_kubectl() {
	command -v kubectl >/dev/null || apt_install kubernetes-client
	log "kubectl: $(kubectl version --client 2>/dev/null | head -n 1)"
}

# Prometheus and promtool check and unit-test deploy/monitoring/alerts.yml and evaluate the rules and the dashboard
# against a real scrape of the host (tests/ReasoningGraph.Host.Tests/Monitoring). Debian's prometheus ships both.
ensure_prometheus() {
	command -v prometheus >/dev/null && command -v promtool >/dev/null || apt_install prometheus
	log "prometheus: $(prometheus --version 2>&1 | head -n 1)"
}

# The Pushgateway receives the batch commands' outcome (PROM_PUSH_GATEWAY) in BatchPushTests. Debian installs the
# binary as prometheus-pushgateway.
ensure_pushgateway() {
	command -v prometheus-pushgateway >/dev/null || apt_install prometheus-pushgateway
	log "pushgateway: $(prometheus-pushgateway --version 2>&1 | head -n 1)"
}

ensure_test_dependencies() {
	ensure_dotnet
	ensure_shfmt
	ensure_postgres
	ensure_ha
	ensure_podman
	ensure_go
	ensure_node
	ensure_node_modules
	ensure_rgw
	ensure_chromium
	ensure_prometheus
	ensure_kubectl
	ensure_pushgateway
	ensure_go_x_mod
	if [[ ! -d ../shared/vectors && -z ${RG_SHARED_VECTORS:-} ]]; then
		log "warning: ../shared/vectors is missing; the shared-corpus tests will fail (set RG_SHARED_VECTORS)"
	fi
}
