#!/usr/bin/env bash
# Install everything the tests need on Debian 12 and run the whole suite headless.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
install_debian_packages "$DEB_RUNTIME $DEB_TEST"
make_venv "$ROOT/requirements-dev.txt"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/mypy"
exec "$VENV/bin/python" -m pytest "$@"
