# SPDX-License-Identifier: BSD-3-Clause
"""Datasets bundled with skoptim, loaded from the installed package."""

from ._boston import load_boston_housing

__all__ = ["load_boston_housing"]
