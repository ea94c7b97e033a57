#!/bin/sh
# The whole test suite: every test in the developer/CI build (-Werror,
# ASan + UBSan), then the golden CLI tests under valgrind memcheck in a
# build without sanitizers (the two do not mix).
set -eu
cd "$(dirname "$0")/.."
scripts/install-packages.sh scripts/debian-packages scripts/debian-packages-test
scripts/install-npm.sh
[ -d build-dev ] || meson setup build-dev --native-file build-dev.ini
ninja -C build-dev
meson test -C build-dev --print-errorlogs "$@"
[ -d build-valgrind ] || meson setup build-valgrind --buildtype=debugoptimized
ninja -C build-valgrind
meson test -C build-valgrind --print-errorlogs --suite valgrind
