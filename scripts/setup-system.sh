#!/usr/bin/env bash
# System packages the tests need, from Debian: nothing yet beyond Python itself.
# (Kept as the one place where Debian packages are installed, so `make` stays the only entry point.)
set -euo pipefail
exit 0
