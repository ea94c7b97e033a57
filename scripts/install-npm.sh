#!/bin/sh
# Install the npm packages the tests run (tests/npm/package-lock.json, pinned)
# when they are missing or the lock file changed. Needs node and npm: the
# machine's own, else Debian's (nodejs, npm).
set -eu
cd "$(dirname "$0")/../tests/npm"
if ! command -v npm >/dev/null 2>&1; then
	as_root=""
	[ "$(id -u)" -eq 0 ] || as_root="sudo"
	$as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends nodejs npm
fi
stamp=node_modules/.qms-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
