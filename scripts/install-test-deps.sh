#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, and nothing that is
# already there:
# - Debian's iso-codes (the independent list of ISO 3166-2 codes the region
#   data is checked against) and libxml2-utils (xmllint, which validates
#   the sitemap against its schema);
# - poppler-utils (pdfinfo, pdftotext, pdftoppm) and zbar-tools (zbarimg),
#   which read the flyers and wallet cards Chromium prints to PDF;
# - Debian's Chromium, and Node.js 20+ with npm, for the browser suite;
# - the npm packages pinned in package-lock.json (playwright-core drives the
#   Debian Chromium; axe-core checks WCAG), with `npm ci` whenever the lock
#   file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

need=()
[ -f /usr/share/iso-codes/json/iso_3166-2.json ] || need+=(iso-codes)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then need+=(nodejs npm); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "test dependencies: installing ${need[*]} with apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "test dependencies: Node.js 20 or later is needed (found $(node --version))" >&2
  exit 2
fi

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.package-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "test dependencies: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi
