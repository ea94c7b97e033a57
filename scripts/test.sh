#!/bin/sh
# The whole test suite, in the developer/CI build: -Werror, ASan + UBSan.
set -eu
cd "$(dirname "$0")/.."
command -v meson >/dev/null || { echo "meson is missing: run scripts/setup.sh first" >&2; exit 2; }
[ -d build-dev ] || meson setup build-dev --native-file build-dev.ini
ninja -C build-dev
meson test -C build-dev --print-errorlogs "$@"
