# Podman plumbing and local base-image stand-ins for scripts/image-test.sh.
# shellcheck shell=bash
#
# Stand-ins: when the two base images samples/Host/Dockerfile names cannot be pulled (no container registry is
# reachable), they are built locally and tagged with those names for the build only:
#   sdk:    Debian (debootstrap minbase of the host's own release, from the Debian mirror the host's apt is
#           configured with) + the host's .NET SDK;
#   aspnet: the same Debian + the dotnet host and the Microsoft.NETCore.App and Microsoft.AspNetCore.App shared
#           runtimes only, the `app` user (UID/GID 1654), ca-certificates, libicu, tzdata, and the environment the
#           real image sets (APP_UID, ASPNETCORE_HTTP_PORTS, DOTNET_RUNNING_IN_CONTAINER).
# The real .NET 10 images are Ubuntu 24.04; the stand-ins are the host's Debian release, since they carry the host's
# own .NET build and that needs the host's libraries (libicu of the same release).

IMAGE_CACHE=${RG_IMAGE_CACHE:-/var/cache/reasoning-graph-image}
STANDIN_PREFIX=localhost/reasoning-graph-standin
# The base images the Dockerfile names, in the order of its FROM lines (build stage, runtime stage).
dockerfile_bases() { sed -n 's/^FROM[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' samples/Host/Dockerfile; }
# shellcheck disable=SC2034 # for scripts/image-test.sh
REAL_SDK=$(dockerfile_bases | sed -n 1p)
# shellcheck disable=SC2034
REAL_ASPNET=$(dockerfile_bases | sed -n 2p)
STANDIN_DEBIAN=$STANDIN_PREFIX/debian:bookworm
STANDIN_SDK=$STANDIN_PREFIX/dotnet-sdk:10.0
STANDIN_ASPNET=$STANDIN_PREFIX/dotnet-aspnet:10.0

PODMAN_NS_PID=""
PODMAN_CONF_DIR=""
PODMAN_CMD=(podman)

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
		# hard limits are lower (e.g. a container host with 20000 files and no CAP_SYS_RESOURCE); ask for what may be granted.
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

# pm ARGS...: podman, inside the prepared namespace when there is one (PODMAN_CMD).
pm() { "${PODMAN_CMD[@]}" "$@"; }

# apt_mirror SUITE: the first archive URI the host's apt sources list for SUITE (deb822 `.sources` files and the
# one-line `sources.list` format), so the stand-in comes from wherever this host's packages come from.
apt_mirror() {
	local suite=$1
	{
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			sed -e 's/#.*//' -e 's/\[[^]]*\]//' | awk -v s="$suite" '$1 == "deb" && $3 == s { print $2 }'
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v s="$suite" '
			function flush() { if (deb && suite && enabled && uris != "") print uris; deb = suite = 0; enabled = 1; uris = "" }
			BEGIN { enabled = 1 }
			/^[[:space:]]*$/ { flush(); next }
			/^#/ { next }
			tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
			tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == s) suite = 1 }
			tolower($1) == "enabled:" { enabled = ($2 != "no") }
			tolower($1) == "uris:" { uris = $2 }
			END { flush() }'
	} | head -n 1 | grep .
}

# The Debian root filesystem, cached as a tarball: debootstrap only runs on the first use.
standin_rootfs() {
	local tarball=$IMAGE_CACHE/debian-bookworm-minbase.tar root mirror
	if [[ ! -s $tarball ]]; then
		mkdir -p "$IMAGE_CACHE"
		root=$(mktemp -d "$IMAGE_CACHE/rootfs.XXXXXX")
		mirror=$(apt_mirror bookworm) || {
			log "stand-in: no Debian mirror for bookworm in the apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d)"
			return 1
		}
		log "stand-in: debootstrap bookworm (minbase) from $mirror (the apt sources)"
		debootstrap --variant=minbase --include=ca-certificates,libicu72,tzdata \
			bookworm "$root" "$mirror" >"$IMAGE_CACHE/debootstrap.log" 2>&1 || {
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
