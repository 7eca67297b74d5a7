#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install skoptim with its docs extra into .venv and build the HTML
# documentation, example gallery included, into docs/_build/html. Warnings
# fail the build. Extra arguments are passed on to sphinx-build.
# Set PYTHON to choose the interpreter that creates .venv (default python3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/_venv.sh

.venv/bin/python -m pip install --quiet -e ".[docs]"
.venv/bin/sphinx-build -W --keep-going -b html docs docs/_build/html "$@"
