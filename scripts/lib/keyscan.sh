# Fails when a committed file holds a private key: a PEM/PKCS#8/OpenSSH/RSA/EC/PGP private key block, or a
# raw Ed25519 key file (*.key, *.ed25519, *.seed, *.priv, *.sk holding 32 or 64 bytes, or their base64 or hex).
# Tests that need keys generate them at run time. The marker is assembled from pieces so that this file
# does not match itself and needs no exclusion.
# shellcheck shell=bash

PEM_PRIVATE_KEY="-----BEGIN ([A-Z0-9]+ )*PRIVATE"" KEY( BLOCK)?-----"

# is_raw_ed25519_key FILE: 32/64 bytes raw, or that many bytes as base64 or hex text.
is_raw_ed25519_key() {
	local size text bytes
	size=$(wc -c <"$1")
	((size == 32 || size == 64)) && return 0
	((size <= 200)) || return 1
	text=$(tr -d ' \t\r\n' <"$1")
	if [[ $text =~ ^[0-9a-fA-F]{64}$ || $text =~ ^[0-9a-fA-F]{128}$ ]]; then
		return 0
	fi
	[[ $text =~ ^[A-Za-z0-9+/_-]+=*$ ]] || return 1
	bytes=$(printf '%s' "$text" | tr '_-' '/+' | base64 -d 2>/dev/null | wc -c) || return 1
	((bytes == 32 || bytes == 64))
}

# scan_private_keys [REPO]: lists offending files on stderr; non-zero when there is any.
scan_private_keys() {
	local repo=${1:-.} file found=0
	while IFS= read -r -d '' file; do
		[[ -f $repo/$file && ! -L $repo/$file ]] || continue
		if LC_ALL=C grep -qaE -- "$PEM_PRIVATE_KEY" "$repo/$file"; then
			log "private key block committed: $file"
			found=1
		elif [[ $file =~ \.(key|ed25519|seed|priv|sk)$ ]] && is_raw_ed25519_key "$repo/$file"; then
			log "raw Ed25519 key committed: $file"
			found=1
		fi
	done < <(git -C "$repo" ls-files -z)
	if ((found == 0)); then
		log "no private keys in $(git -C "$repo" ls-files | wc -l) committed files"
	fi
	return "$found"
}
