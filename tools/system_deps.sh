#!/usr/bin/env bash
# Installs the Debian packages chainkg needs beyond Python, when they are missing:
#   demo: a CJK font, so plots show Chinese names (fonts-noto-cjk)
#   test: the same, plus chromium (browser and PDF tests) and unicode-data
#         (tests/test_normalize.py checks kg's radical table against Unicode's own file)
# Run by `make demo` / `make test`. Without apt-get, or without root and sudo, it says what to
# install and leaves the rest to the commands that need it (they fail with a one-line error).
set -euo pipefail
what="${1:-demo}"
need=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ "$what" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  [ -f /usr/share/unicode/EquivalentUnifiedIdeograph.txt ] || need+=(unicode-data)
fi
[ "${#need[@]}" -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system_deps: no apt-get here; install these with your package manager: ${need[*]}" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "system_deps: not root; install these first: sudo apt-get install ${need[*]}" >&2
    exit 0
  fi
fi
echo "installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# the downloaded .deb files are not needed once installed (CI machines can be short of disk)
$SUDO apt-get clean
# matplotlib caches the fonts it found: a new font is seen only after the cache goes
rm -rf "${HOME:-/root}/.cache/matplotlib"
