#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (tests/integration/console):
# installs it with apt-get when /usr/bin/chromium is missing. Idempotent; prints the path.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO=sudo; else SUDO=; fi
  echo "installing Debian chromium (browser tests)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi
echo "$CHROMIUM"
