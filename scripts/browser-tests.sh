#!/usr/bin/env bash
# Browser tests of the shipped site: builds it, then checks every page in
# Debian's Chromium (quick exit, JavaScript off, privacy, WCAG 2.2 AA with
# axe-core, 320 px reflow, the 14 KB budget). Installs what it needs first:
# Chromium from apt, playwright-core and axe-core from package-lock.json.
set -euo pipefail

cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    as_root apt-get update
    apt_updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "browser-tests: installing Debian's chromium" >&2
  apt_install chromium
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "browser-tests: installing Node.js and npm" >&2
  apt_install nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "browser-tests: Node.js 20 or later is needed (found $(node --version))" >&2
  exit 2
fi

# npm ci when node_modules is missing or was installed from another lock file.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.package-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "browser-tests: npm ci" >&2
  npm ci --no-audit --no-fund
  echo "$lock_sum" >"$stamp"
fi

cargo run --release --quiet -- build

node --test tests/browser/
