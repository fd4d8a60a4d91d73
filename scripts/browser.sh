#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the end-to-end tests of the web pages
# (tests/e2e, driven by Playwright with executable_path=/usr/bin/chromium).
#   scripts/browser.sh install   install the packages if /usr/bin/chromium is missing
#   scripts/browser.sh check     exit 0 when a headless Chromium starts
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${TALENTMATCH_CHROMIUM:-/usr/bin/chromium}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "browser.sh: need root (or passwordless sudo) to install $*" >&2; exit 1; fi
}

case "${1:-install}" in
  install)
    if [ -x "$CHROMIUM" ] && command -v chromedriver >/dev/null; then
      echo "browser.sh: $("$CHROMIUM" --version 2>/dev/null || echo chromium) already installed"
      exit 0
    fi
    echo "browser.sh: installing Debian's chromium and chromium-driver..."
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
    "$CHROMIUM" --version
    ;;
  check)
    "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --dump-dom about:blank >/dev/null 2>&1
    echo "browser.sh: headless $("$CHROMIUM" --version) works"
    ;;
  *) echo "usage: $0 {install|check}" >&2; exit 2 ;;
esac
