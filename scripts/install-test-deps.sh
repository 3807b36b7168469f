#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, and nothing when it
# is already there: Debian's iso-codes (the independent list of ISO 3166-2
# codes the region data is checked against).
set -euo pipefail

need=()
[ -f /usr/share/iso-codes/json/iso_3166-2.json ] || need+=(iso-codes)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
