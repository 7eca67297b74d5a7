# SPDX-License-Identifier: BSD-3-Clause
# Shortcuts for scripts/demo.sh and scripts/test.sh, which do the work so that
# a machine without make can run them directly with bash.

PYTHON ?= python3

.PHONY: demo test

demo:
	PYTHON="$(PYTHON)" bash scripts/demo.sh

test:
	PYTHON="$(PYTHON)" bash scripts/test.sh
