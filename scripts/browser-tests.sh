#!/usr/bin/env bash
# The browser suite alone (it is also part of scripts/test): installs what it
# needs (scripts/install-test-deps.sh), builds the shipped site, then checks
# every page in Debian's Chromium (quick exit, JavaScript off, privacy, WCAG
# 2.2 AA with axe-core, 320 px reflow, print, the 14 KB budget) and prints the
# flyers and wallet cards to PDF.
# BROWSER_TESTS_PAGES=<regex> limits the per-page checks to matching paths.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
# Built as scripts/test builds it (with the test targets, which resolve some
# dependencies' features differently), so running one after the other does
# not compile everything twice.
cargo build --release --all-targets --quiet
target/release/faro build
node --test --test-reporter=dot tests/browser/ tests/opendata/
