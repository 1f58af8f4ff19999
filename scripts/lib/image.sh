# Podman plumbing and local base-image stand-ins for scripts/image-test.sh.
# shellcheck shell=bash
#
# Stand-ins: when mcr.microsoft.com cannot be pulled (the development sandbox has no registry access), the two
# base images samples/Host/Dockerfile names are built locally and tagged with those names for the build only:
#   sdk:    Debian bookworm (debootstrap minbase from deb.debian.org) + this machine's .NET SDK;
#   aspnet: the same Debian + the dotnet host and the Microsoft.NETCore.App and Microsoft.AspNetCore.App shared
#           runtimes only, the `app` user (UID/GID 1654), ca-certificates, libicu, tzdata, and the environment the
#           real image sets (APP_UID, ASPNETCORE_HTTP_PORTS, DOTNET_RUNNING_IN_CONTAINER).
# The real .NET 10 images are Ubuntu 24.04; these are Debian 12, which is what can be fetched here.

IMAGE_CACHE=${RG_IMAGE_CACHE:-/var/cache/reasoning-graph-image}
STANDIN_PREFIX=localhost/reasoning-graph-standin
# shellcheck disable=SC2034 # the names the Dockerfile uses, for scripts/image-test.sh
REAL_SDK=mcr.microsoft.com/dotnet/sdk:10.0
# shellcheck disable=SC2034
REAL_ASPNET=mcr.microsoft.com/dotnet/aspnet:10.0
STANDIN_DEBIAN=$STANDIN_PREFIX/debian:bookworm
STANDIN_SDK=$STANDIN_PREFIX/dotnet-sdk:10.0
STANDIN_ASPNET=$STANDIN_PREFIX/dotnet-aspnet:10.0

PODMAN_NS_PID=""
PODMAN_CONF_DIR=""
PODMAN_CMD=(podman)

ensure_podman() {
	local missing=() bin
	for bin in podman crun slirp4netns curl python3 openssl bc; do
		command -v "$bin" >/dev/null || missing+=("$bin")
	done
	[[ -x /usr/sbin/debootstrap || -x /usr/bin/debootstrap ]] || missing+=(debootstrap)
	((${#missing[@]} == 0)) || apt_install podman crun slirp4netns fuse-overlayfs debootstrap curl python3 openssl bc
	log "podman: $(podman --version)"
}

# True when cgroup v1 is mounted with a cgroup2 hierarchy beside it that has controllers ("hybrid"): crun
# refuses to run there at all ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2").
cgroup_hybrid() {
	local controllers=/sys/fs/cgroup/unified/cgroup.controllers
	[[ -f $controllers && -n $(<"$controllers") ]]
}

# podman_setup: a containers.conf for this run only (CONTAINERS_CONF: the machine's own files are not read or
# changed) that copes with what this host lacks, and, on a hybrid cgroup host, a private mount namespace in
# which the cgroup2 hierarchy is unmounted so crun accepts to start containers. Containers then run with
# cgroups disabled: they stay in this shell's cgroups instead of podman creating new ones.
podman_setup() {
	local nofile nproc
	PODMAN_CONF_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rg-image-podman.XXXXXX")
	nofile=$(ulimit -Hn)
	nproc=$(ulimit -Hu)
	{
		echo "[containers]"
		# Podman raises RLIMIT_NOFILE/NPROC to 1048576/4194304 by default, which needs CAP_SYS_RESOURCE when the
		# hard limits are lower (this sandbox: 20000 files, no CAP_SYS_RESOURCE); ask for what may be granted.
		# NPROC: the runtime is started with at most 32768 (seen in conmon's limits), so no more than that.
		if [[ $nofile != unlimited && $nofile -lt 1048576 ]] || [[ $nproc != unlimited && $nproc -lt 4194304 ]]; then
			[[ $nofile == unlimited ]] && nofile=1048576
			[[ $nproc == unlimited || $nproc -gt 32768 ]] && nproc=32768
			echo "default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]"
		fi
		if cgroup_hybrid; then
			echo 'cgroups = "disabled"'
		fi
		echo "[engine]"
		echo 'runtime = "crun"'
		echo 'cgroup_manager = "cgroupfs"'
		echo 'events_logger = "file"'
	} >"$PODMAN_CONF_DIR/containers.conf"
	export CONTAINERS_CONF=$PODMAN_CONF_DIR/containers.conf

	if cgroup_hybrid; then
		log "podman: hybrid cgroup host; running podman in a private mount namespace without cgroup2, cgroups disabled"
		unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified && exec sleep infinity' &
		PODMAN_NS_PID=$!
		PODMAN_CMD=(nsenter -t "$PODMAN_NS_PID" -m --wd="$PWD" -- podman) # entering the namespace resets the cwd
		local _
		for _ in $(seq 1 50); do
			if nsenter -t "$PODMAN_NS_PID" -m test ! -e /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null; then
				return 0
			fi
			sleep 0.1
		done
		log "podman: could not prepare the mount namespace"
		return 1
	fi
}

podman_teardown() {
	if [[ -n $PODMAN_NS_PID ]]; then
		kill "$PODMAN_NS_PID" 2>/dev/null || true
		wait "$PODMAN_NS_PID" 2>/dev/null || true
		PODMAN_NS_PID=""
		PODMAN_CMD=(podman)
	fi
	[[ -z $PODMAN_CONF_DIR ]] || rm -rf "$PODMAN_CONF_DIR"
}

# pm ARGS...: podman, inside the prepared namespace when there is one (PODMAN_CMD, for `heavy "${PODMAN_CMD[@]}"`).
pm() { "${PODMAN_CMD[@]}" "$@"; }

# The Debian root filesystem, cached as a tarball: debootstrap only runs on the first use.
standin_rootfs() {
	local tarball=$IMAGE_CACHE/debian-bookworm-minbase.tar root
	if [[ ! -s $tarball ]]; then
		mkdir -p "$IMAGE_CACHE"
		root=$(mktemp -d "$IMAGE_CACHE/rootfs.XXXXXX")
		log "stand-in: debootstrap bookworm (minbase) from deb.debian.org"
		heavy debootstrap --variant=minbase --include=ca-certificates,libicu72,tzdata \
			bookworm "$root" http://deb.debian.org/debian >"$IMAGE_CACHE/debootstrap.log" 2>&1 || {
			tail -n 20 "$IMAGE_CACHE/debootstrap.log" >&2
			rm -rf "$root"
			return 1
		}
		rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
		tar -C "$root" --numeric-owner -cf "$tarball.part" .
		mv "$tarball.part" "$tarball"
		rm -rf "$root"
	fi
	printf '%s\n' "$tarball"
}

# ensure_standins: build the three stand-in images unless present (kept between runs; --clean removes them).
ensure_standins() {
	local dotnet_root tarball
	dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
	if ! pm image exists "$STANDIN_DEBIAN"; then
		tarball=$(standin_rootfs)
		pm import --quiet --change 'CMD ["bash"]' "$tarball" "$STANDIN_DEBIAN" >/dev/null
	fi
	if ! pm image exists "$STANDIN_SDK"; then
		log "stand-in: $STANDIN_SDK from $dotnet_root"
		pm build --quiet --layers=false --pull=never --network=host -t "$STANDIN_SDK" \
			--build-arg "BASE=$STANDIN_DEBIAN" -f "$PWD/scripts/image/sdk-standin.Containerfile" "$dotnet_root" >/dev/null
	fi
	if ! pm image exists "$STANDIN_ASPNET"; then
		log "stand-in: $STANDIN_ASPNET from $dotnet_root (host and shared runtimes only)"
		pm build --quiet --layers=false --pull=never --network=host -t "$STANDIN_ASPNET" \
			--build-arg "BASE=$STANDIN_DEBIAN" -f "$PWD/scripts/image/aspnet-standin.Containerfile" "$dotnet_root" >/dev/null
	fi
}
