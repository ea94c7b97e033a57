#!/bin/sh
# Install the Debian packages of the given lists that are missing (with sudo
# when not root). Quiet when everything is there.
set -eu
packages=$(cat "$@" | grep -v '^#' | tr '\n' ' ')
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -n "$missing" ] || exit 0
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
$as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
