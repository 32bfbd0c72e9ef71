#!/bin/sh
# The Debian packages the tests need beyond requirements*.txt, installed when
# missing (make test and .ci/run call this first). It installs through apt as
# root, or with sudo when sudo needs no password; otherwise it stops, before any
# test runs, with one line naming the packages and the command to run.
#   chromium                  Chromium, driven by Playwright (never a downloaded build)
#   firefox-esr               the Firefox ESR audit
#   webkit2gtk-driver         WebKit (iPhone browsers, WeChat on iOS): WebKitGTK's
#                             WebDriver, which runs the library's MiniBrowser
#   xvfb                      a screen for MiniBrowser, which has no headless mode
#   matchbox-window-manager   makes the window fill that phone-sized screen
#   fonts-noto-cjk            Chinese text in screenshots and layout tests
#   npm                       axe-core for the accessibility tests
set -eu

need=""
add() { need="$need $1"; }
[ -x /usr/bin/chromium ] || add chromium
[ -x /usr/bin/firefox-esr ] || add firefox-esr
{ [ -x /usr/bin/WebKitWebDriver ] && ls /usr/lib/*/webkit2gtk-4.*/MiniBrowser >/dev/null 2>&1; } || add webkit2gtk-driver
command -v Xvfb >/dev/null 2>&1 || add xvfb
command -v matchbox-window-manager >/dev/null 2>&1 || add matchbox-window-manager
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || add fonts-noto-cjk
command -v npm >/dev/null 2>&1 || add npm
[ -z "$need" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root="sudo -n"
else
  echo "The tests need these Debian packages:$need. Install them with: sudo apt-get install -y$need" >&2
  exit 1
fi
echo "Installing Debian packages the tests need:$need"
$as_root apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $need >/dev/null
