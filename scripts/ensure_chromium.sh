#!/usr/bin/env bash
# Make sure the browser test (tests/test_book.py) has a headless Chromium.
# tools/browser.py says which one it uses; when it finds none, this installs:
#   - on Debian, where apt's chromium is the real browser: apt-get install chromium
#     (as root);
#   - elsewhere, notably Ubuntu (GitHub's runners), where apt's chromium is a stub
#     for the snap, which does not run headless in CI: Playwright's own build,
#     python -m playwright install --with-deps chromium (system libraries via sudo).
# --choose only prints which of the two (apt or playwright) this system gets.
set -euo pipefail
cd "$(dirname "$0")/.."
OS_RELEASE=${OS_RELEASE:-/etc/os-release}

install_method() {
  local id=""
  if [ -r "$OS_RELEASE" ]; then
    id=$(. "$OS_RELEASE" && echo "${ID:-}")
  fi
  if [ "$id" = debian ]; then
    echo apt
  else
    echo playwright
  fi
}

if [ "${1:-}" = --choose ]; then
  install_method
  exit 0
fi
bash scripts/setup_env.sh
if .venv/bin/python -m tools.browser >/dev/null 2>&1; then exit 0; fi
case $(install_method) in
  apt)
    if [ "$(id -u)" -ne 0 ]; then
      echo "chromium is missing; install it with: sudo apt-get install -y chromium" >&2
      echo "(or Playwright's build: .venv/bin/python -m playwright install --with-deps chromium)" >&2
      exit 1
    fi
    echo "Installing chromium (Debian package) for the browser test"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    ;;
  playwright)
    echo "Installing Playwright's Chromium for the browser test"
    .venv/bin/python -m playwright install --with-deps chromium
    ;;
esac
.venv/bin/python -m tools.browser
