#!/usr/bin/env bash
# Install everything ChiBo needs on Debian 12 and start it on the default database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
install_debian_packages "$DEB_RUNTIME"
make_venv "$ROOT/requirements.txt"
exec "$VENV/bin/python" "$ROOT/main.py" "$@"
