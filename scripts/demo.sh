#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install skoptim with its plotting extra into .venv and run the Boston
# housing demo, which prints a table and writes PNG plots to demo-output/.
# Set PYTHON to choose the interpreter that creates .venv (default python3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/_venv.sh

.venv/bin/python -m pip install --quiet -e ".[plot]"
.venv/bin/python -m skoptim demo --output-dir demo-output
