#!/bin/sh
# Install what qms needs on Debian 12 (skipped when already there) and
# build it into build/. Uses sudo when not run as root.
set -eu
cd "$(dirname "$0")/.."
scripts/install-packages.sh scripts/debian-packages
[ -d build ] || meson setup build --buildtype=release -Dtests=false
ninja -C build
