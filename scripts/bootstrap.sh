#!/usr/bin/env bash
# Shared set-up for a fresh Debian 12 machine: system packages when missing, a virtual
# environment in .venv, and the pinned Python packages. Sourced by run.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# Debian packages Qt needs (offscreen and X11), a virtual screen, fonts with Vietnamese glyphs
# (Liberation 2 is LibreOffice's Times New Roman), objdump for PyInstaller, LibreOffice to look at reports.
# PyInstaller needs Debian's shared libpython (a bare Debian 12 lacks it) and objdump (binutils).
# PostgreSQL: the tests start a throwaway server of their own (tests/support/pg_server.py).
DEB_RUNTIME="libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libx11-6
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libx11-xcb1
 fonts-dejavu-core fonts-noto-core fonts-liberation2 python3-venv"
DEB_TEST="xvfb xauth binutils libpython3.11 libreoffice-calc-nogui poppler-utils postgresql"

install_debian_packages() {
    local wanted="$1" missing=""
    command -v dpkg-query >/dev/null 2>&1 || return 0
    for pkg in $wanted; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Cài các gói hệ thống còn thiếu:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

make_venv() {
    local reqs="$1"
    local py="${PYTHON:-python3}"
    [ -x "$VENV/bin/python" ] || "$py" -m venv "$VENV"
    local stamp="$VENV/.installed-$(basename "$reqs")"
    if [ ! -f "$stamp" ] || [ "$reqs" -nt "$stamp" ] || [ "$ROOT/requirements.txt" -nt "$stamp" ]; then
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$reqs"
        touch "$stamp"
    fi
}
