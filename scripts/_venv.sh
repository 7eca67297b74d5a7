# SPDX-License-Identifier: BSD-3-Clause
# Shared by scripts/demo.sh and scripts/test.sh, which source this file from
# the repository root. It creates the virtual environment .venv with $PYTHON
# (default python3) unless .venv exists, then upgrades pip inside it.

PYTHON="${PYTHON:-python3}"
VENV_DIR=".venv"

if [ ! -x "$VENV_DIR/bin/python" ]; then
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "skoptim needs Python 3.11 or newer, but $PYTHON is" \
            "$("$PYTHON" --version 2>&1). Set PYTHON to a newer interpreter," \
            "for example PYTHON=python3.12." >&2
        exit 1
    fi
    echo "Creating virtual environment $VENV_DIR with $PYTHON"
    if ! "$PYTHON" -m venv "$VENV_DIR"; then
        # A failed run can leave a .venv without pip, which the next run
        # would reuse, so remove it.
        rm -rf "$VENV_DIR"
        echo "Failed to create $VENV_DIR with $PYTHON -m venv. On Debian and" \
            "Ubuntu, install the venv module first, for example with" \
            "apt-get install python3-venv." >&2
        exit 1
    fi
fi
"$VENV_DIR/bin/python" -m pip install --quiet --upgrade pip
