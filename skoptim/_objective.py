# SPDX-License-Identifier: BSD-3-Clause
"""Penalized objective of a linear model and its mini-batch gradient."""

import numpy as np

from ._loss import _LOSSES

__all__ = []


class _LinearObjective:
    """Loss plus elastic-net penalty of ``y = X @ coef + intercept``.

    The parameters are one array ``params`` of shape ``(n_features +
    fit_intercept, n_targets)``: the coefficients in the first
    ``n_features`` rows and, with ``fit_intercept``, the intercept in the
    last row. The penalty

        alpha * (l1_ratio * ||coef||_1 + (1 - l1_ratio) / 2 * ||coef||_2^2)

    covers the coefficients only. Multi-output losses and penalties are sums
    over the targets, so each target's gradient equals the gradient of a
    single-output fit on that target.

    With ``x_offset`` (the feature means), the intercept row contains the
    intercept of the centered features, ``b' = b + x_offset @ coef``, and
    predictions are ``(X - x_offset) @ coef + b'``. The model and the
    objective are the same, but the coefficients and the intercept are
    decoupled: on features far from zero (values near 100, say) the
    uncentered problem is so ill-conditioned that plain gradient descent
    diverges at any learning rate that also fits standardized data. The
    centering is applied inside the products, so ``X`` is never copied and
    sparse ``X`` stays sparse.
    """

    def __init__(self, loss, epsilon, alpha, l1_ratio, fit_intercept, x_offset=None):
        self.loss = _LOSSES[loss](epsilon)
        self.l1 = alpha * l1_ratio
        self.l2 = alpha * (1.0 - l1_ratio)
        self.fit_intercept = fit_intercept
        self.x_offset = x_offset

    def penalty(self, params):
        """Return the penalty at ``params``."""
        coef = params[:-1] if self.fit_intercept else params
        value = 0.0
        if self.l1:
            value += self.l1 * float(np.abs(coef).sum())
        if self.l2:
            value += 0.5 * self.l2 * float(np.vdot(coef, coef))
        return value

    def predict(self, params, X):
        """Return the predictions, an array of shape (n_samples, n_targets)."""
        if not self.fit_intercept:
            return X @ params
        coef = params[:-1]
        intercept = params[-1]
        if self.x_offset is not None:
            intercept = intercept - self.x_offset @ coef
        prediction = X @ coef
        prediction += intercept
        return prediction

    def batch_gradient(self, params, X, Y, sample_weight, normalizer):
        """Evaluate one mini-batch.

        Parameters
        ----------
        params : ndarray of shape (n_params, n_targets)
        X : ndarray or sparse matrix of shape (n_batch, n_features)
        Y : ndarray of shape (n_batch, n_targets)
        sample_weight : ndarray of shape (n_batch,) or None
            ``None`` means unit weights.
        normalizer : float
            Divisor of the data gradient: the batch's expected weight,
            ``n_batch * sum(sample_weight) / n_samples``.

        Returns
        -------
        weighted_loss : float
            Sum over the batch of weight times loss (summed over targets).
        grad : ndarray of shape (n_params, n_targets)
            Gradient of the data term divided by ``normalizer``, plus the
            gradient of the penalty (a subgradient with ``sign(0) = 0`` for
            the L1 part).
        """
        residual = self.predict(params, X)
        residual -= Y
        weighted_loss, derivative = self.loss.weighted_loss_and_derivative(
            residual, sample_weight
        )
        derivative *= 1.0 / normalizer

        grad = np.empty_like(params)
        coef_grad = grad[:-1] if self.fit_intercept else grad
        if isinstance(X, np.ndarray):
            np.matmul(X.T, derivative, out=coef_grad)
        else:
            coef_grad[...] = X.T @ derivative
        if self.fit_intercept:
            derivative.sum(axis=0, out=grad[-1])
            if self.x_offset is not None:
                coef_grad -= self.x_offset[:, np.newaxis] * grad[-1]

        coef = params[:-1] if self.fit_intercept else params
        if self.l2:
            coef_grad += self.l2 * coef
        if self.l1:
            coef_grad += self.l1 * np.sign(coef)
        return weighted_loss, grad
