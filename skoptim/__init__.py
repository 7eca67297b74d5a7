# SPDX-License-Identifier: BSD-3-Clause
"""skoptim: first-order optimizers and a gradient-descent linear regressor
for scikit-learn."""

from ._gd import GDRegressor
from ._minimize import minimize

__version__ = "0.1.0.dev0"

__all__ = ["GDRegressor", "minimize", "__version__"]
