#!/usr/bin/env bash
# System packages the tests need, from Debian.
# (Kept as the one place where Debian packages are installed, so `make` stays the only entry point.)
set -euo pipefail

# The dashboard's browser tests (tests/dashboard) drive Debian's chromium through Playwright; Playwright's
# own browser download is never used.
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update && apt-get install -y chromium
fi
exit 0
