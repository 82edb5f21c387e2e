#!/usr/bin/env bash
# System packages the tests need beyond Python: Debian's chromium for the browser tests
# (tests/test_browser_*.py drive it with Playwright; they skip when it is missing).
# Idempotent: does nothing when /usr/bin/chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
