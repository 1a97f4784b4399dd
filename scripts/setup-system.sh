#!/usr/bin/env bash
# System packages the test suite needs, from Debian (the demo needs none): the dashboard's browser tests
# (tests/dashboard) drive Debian's chromium through Playwright; Playwright's own browser download is never used.
# Kept as the one place where Debian packages are installed, so `make` stays the only entry point.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing: install Debian's chromium package (as root) for the dashboard tests" >&2
  exit 1
fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
