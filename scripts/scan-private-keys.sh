#!/usr/bin/env bash
# Scans the committed files of a git repository (default: this one) for private keys; exit 1 when found.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"
source "$here/lib/keyscan.sh"
scan_private_keys "${1:-$here/..}"
