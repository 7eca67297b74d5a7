# SPDX-License-Identifier: BSD-3-Clause
"""Regression losses as functions of the residual, with their derivatives."""

import numpy as np

__all__ = []


class _SquaredError:
    """Half the squared residual, ``0.5 * r**2``."""

    def __init__(self, epsilon):
        self.epsilon = epsilon

    def loss_and_derivative(self, residual):
        return 0.5 * (residual * residual), residual


class _Huber:
    """Squared error within ``epsilon`` of zero, linear beyond.

    ``0.5 * r**2`` for ``|r| <= epsilon``, else ``epsilon * |r| - 0.5 *
    epsilon**2``, as scikit-learn's ``SGDRegressor(loss="huber")`` defines
    it.
    """

    def __init__(self, epsilon):
        self.epsilon = epsilon

    def loss_and_derivative(self, residual):
        eps = self.epsilon
        abs_residual = np.abs(residual)
        loss = np.where(
            abs_residual <= eps,
            0.5 * (residual * residual),
            eps * abs_residual - 0.5 * eps * eps,
        )
        return loss, np.clip(residual, -eps, eps)


class _EpsilonInsensitive:
    """Absolute residual beyond ``epsilon``: ``max(0, |r| - epsilon)``.

    The loss of scikit-learn's ``SGDRegressor(loss="epsilon_insensitive")``
    and of linear support vector regression.
    """

    def __init__(self, epsilon):
        self.epsilon = epsilon

    def loss_and_derivative(self, residual):
        abs_residual = np.abs(residual)
        loss = np.maximum(abs_residual - self.epsilon, 0)
        derivative = np.where(abs_residual > self.epsilon, np.sign(residual), 0)
        return loss, derivative.astype(residual.dtype, copy=False)


_LOSSES = {
    "squared_error": _SquaredError,
    "huber": _Huber,
    "epsilon_insensitive": _EpsilonInsensitive,
}
