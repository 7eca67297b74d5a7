#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install skoptim with its test and dask extras into .venv and run the test
# suite plus the docstring examples. Extra arguments are passed on to pytest.
# Set PYTHON to choose the interpreter that creates .venv (default python3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/_venv.sh

.venv/bin/python -m pip install --quiet -e ".[test,dask,numba]"
.venv/bin/python -m pytest --doctest-modules skoptim tests "$@"
