#!/usr/bin/env bash
# Self-test of the private-key scan: it must pass a clean repository and catch every kind of planted key.
# Key material is generated here at run time; like the scan, this file never holds a whole marker.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/lib/common.sh"
source "$here/lib/keyscan.sh"

repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
failures=0

git_in() { git -C "$repo" -c user.name=keyscan-test -c user.email=keyscan-test@example.invalid "$@" >/dev/null; }

# commit PATH: commits whatever the caller wrote at PATH.
commit() {
	git_in add -- "$1"
	git_in commit -q -m "add $1"
}

expect() {
	local want=$1 name=$2 got=pass
	scan_private_keys "$repo" 2>/dev/null || got=fail
	if [[ $got == "$want" ]]; then
		log "ok: $name"
	else
		log "NOT OK: $name (scan says $got, expected $want)"
		failures=$((failures + 1))
	fi
}

# plant NAME PATH: commit a key at PATH, expect the scan to fail, then remove it again.
plant() {
	commit "$2"
	expect fail "$1"
	git_in rm -q -- "$2"
	git_in commit -q -m "remove $2"
	expect pass "clean again after removing $2"
}

pem() { printf -- '-----%s %sPRIVATE KEY-----\n%s\n-----END %sPRIVATE KEY-----\n' BEGIN "$1" "$(head -c 48 /dev/urandom | base64)" "$1"; }

git_in init -q
printf 'hello\n' >"$repo/README.md"
printf 'short text, not a key\n' >"$repo/notes.key"
printf 'BEGIN PRIVATE KEY is only text here\n' >"$repo/docs.md"
commit README.md
commit notes.key
commit docs.md
expect pass "clean repository (a .key file that is no key, the words without the marker)"

mkdir -p "$repo/config"
pem "" >"$repo/config/signer.pem" && plant "PKCS#8 PEM" config/signer.pem
pem "RSA " >"$repo/id_rsa" && plant "RSA PEM without extension" id_rsa
pem "EC " >"$repo/ec.txt" && plant "EC PEM" ec.txt
pem "OPENSSH " >"$repo/deploy" && plant "OpenSSH key" deploy
printf '{"key": "%s"}\n' "$(pem "" | tr '\n' ' ')" >"$repo/settings.json" && plant "PEM inside JSON" settings.json
head -c 32 /dev/urandom >"$repo/signer.key" && plant "raw 32-byte seed" signer.key
head -c 64 /dev/urandom >"$repo/kernel.ed25519" && plant "raw 64-byte Go key" kernel.ed25519
head -c 32 /dev/urandom | base64 >"$repo/signer.seed" && plant "base64 seed" signer.seed
head -c 64 /dev/urandom | base64 -w0 >"$repo/go.priv" && plant "base64 Go key" go.priv
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$repo/hex.key" && plant "hex seed" hex.key

pem "" >"$repo/untracked.pem"
expect pass "untracked files are not committed files"

if ((failures > 0)); then
	log "$failures key-scan self-test(s) failed"
	exit 1
fi
log "key-scan self-test passed"
