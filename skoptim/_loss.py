# SPDX-License-Identifier: BSD-3-Clause
"""Regression losses as functions of the residual, with their derivatives."""

import numpy as np

__all__ = []


class _Loss:
    """Base of the losses: ``loss_and_derivative`` is elementwise."""

    def __init__(self, epsilon):
        self.epsilon = epsilon

    def weighted_loss_and_derivative(self, residual, sample_weight):
        """Return the weighted sum of the losses and the weighted derivative.

        ``residual`` has shape (n_samples, n_targets) and may be overwritten.
        ``sample_weight`` is None for unit weights.
        """
        loss, derivative = self.loss_and_derivative(residual)
        if sample_weight is None:
            return float(loss.sum()), derivative
        weight = sample_weight[:, np.newaxis]
        return float((loss * weight).sum()), derivative * weight


class _SquaredError(_Loss):
    """Half the squared residual, ``0.5 * r**2``."""

    def loss_and_derivative(self, residual):
        return 0.5 * (residual * residual), residual

    def weighted_loss_and_derivative(self, residual, sample_weight):
        # The derivative is the residual itself, and one dot product gives
        # the loss, so no per-sample loss array is allocated.
        if sample_weight is None:
            flat = residual.ravel()
            return 0.5 * float(flat @ flat), residual
        weighted = residual * sample_weight[:, np.newaxis]
        return 0.5 * float(weighted.ravel() @ residual.ravel()), weighted


class _Huber(_Loss):
    """Squared error within ``epsilon`` of zero, linear beyond.

    ``0.5 * r**2`` for ``|r| <= epsilon``, else ``epsilon * |r| - 0.5 *
    epsilon**2``, as scikit-learn's ``SGDRegressor(loss="huber")`` defines
    it.
    """

    def loss_and_derivative(self, residual):
        eps = self.epsilon
        abs_residual = np.abs(residual)
        loss = np.where(
            abs_residual <= eps,
            0.5 * (residual * residual),
            eps * abs_residual - 0.5 * eps * eps,
        )
        return loss, np.clip(residual, -eps, eps)


class _EpsilonInsensitive(_Loss):
    """Absolute residual beyond ``epsilon``: ``max(0, |r| - epsilon)``.

    The loss of scikit-learn's ``SGDRegressor(loss="epsilon_insensitive")``
    and of linear support vector regression.
    """

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
