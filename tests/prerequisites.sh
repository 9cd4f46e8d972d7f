#!/usr/bin/env bash
# What the test suites need from the operating system and not from npm: socat (PTY pairs for the serial
# drivers), Chromium's headless shell (the screens end to end: the same Blink and V8 as the browser,
# loading a screen in less than half the time) and CJK fonts (screens and ticket previews). Installed with
# apt-get when missing and possible (root on Debian/Ubuntu); otherwise says exactly what to install.
set -euo pipefail
packages=(socat chromium-headless-shell fonts-droid-fallback fonts-dejavu-core)

missing=()
for p in "${packages[@]}"; do
  # A Chromium given by path (CHROMIUM_PATH, as tests/browser.ts reads it) stands in for the package.
  if [ "$p" = chromium-headless-shell ] && [ -x "${CHROMIUM_PATH:-}" ]; then continue; fi
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
The tests need these system packages, which are not installed: ${missing[*]}
Install them, then run the tests again:
  sudo apt-get install -y ${missing[*]}
(Chromium may also be given by path: CHROMIUM_PATH=/path/to/chromium npm test.)
MSG
if ! command -v dpkg >/dev/null 2>&1; then
  echo "This is not a Debian-based system: install socat, Chromium and CJK fonts with its own package manager." >&2
fi
exit 1
