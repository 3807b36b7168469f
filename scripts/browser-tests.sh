#!/usr/bin/env bash
# The browser suite alone (it is also part of scripts/test): installs what it
# needs (scripts/install-test-deps.sh), builds the shipped site, then checks
# every page in Debian's Chromium (quick exit, JavaScript off, privacy, WCAG
# 2.2 AA with axe-core, 320 px reflow, print, the 14 KB budget).
# BROWSER_TESTS_PAGES=<regex> limits the per-page checks to matching paths.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
cargo run --release --quiet -- build
node --test --test-reporter=dot tests/browser/ tests/opendata/
