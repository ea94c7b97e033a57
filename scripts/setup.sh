#!/bin/sh
# Install what qms needs on Debian 12 (skipped when already there) and
# build it into build/. Uses sudo when not run as root.
set -eu
cd "$(dirname "$0")/.."
packages=$(grep -v '^#' scripts/debian-packages | tr '\n' ' ')
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	as_root=""
	[ "$(id -u)" -eq 0 ] || as_root="sudo"
	$as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
fi
[ -d build ] || meson setup build --buildtype=release -Dtests=false
ninja -C build
