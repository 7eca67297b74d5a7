# SPDX-License-Identifier: BSD-3-Clause
"""Compiled epoch of mini-batch updates for the common case, with numba.

``GDRegressor(engine="numba")`` runs each epoch in one compiled call when
this module covers the problem. It covers dense float64 ``X`` with one
target, no sample weights, the squared-error loss and no iterate averaging.
The optimizer must be ``SGD``, ``Momentum``, ``Nesterov`` or ``Adam``, with
a constant learning rate and no weight decay, clipping or AMSGrad.
Everything else runs in the numpy loop. The arithmetic follows the numpy path operation
by operation except for the order of the sums over a batch, so the two
agree to rounding.
"""

import numpy as np

try:
    import numba
except ImportError:  # the optional dependency is missing
    numba = None

from .optimizers import SGD, Adam, Momentum, Nesterov

__all__ = []

_KINDS = {SGD: 0, Momentum: 1, Nesterov: 2, Adam: 3}


def _supported(optimizer, objective, X, Y, sample_weight, averager, params, state):
    """Return True if the compiled epoch covers this fit."""
    kind = _KINDS.get(type(optimizer))
    if numba is None or kind is None:
        return False
    if not isinstance(X, np.ndarray) or X.dtype != np.float64 or not X.flags.c_contiguous:
        return False
    if Y.shape[1] != 1 or sample_weight is not None or averager is not None:
        return False
    if type(objective.loss).__name__ != "_SquaredError":
        return False
    if callable(optimizer.learning_rate) or optimizer.weight_decay:
        return False
    # The kernel updates flat views, so the arrays must be contiguous.
    if not all(
        value.flags.c_contiguous for value in state.values() if isinstance(value, np.ndarray)
    ) or not params.flags.c_contiguous:
        return False
    if optimizer.clip_value is not None or optimizer.clip_norm is not None:
        return False
    return not getattr(optimizer, "amsgrad", False)


def _epoch_arguments(optimizer, state):
    """Return the optimizer's kind, hyperparameters and state buffers."""
    kind = _KINDS[type(optimizer)]
    momentum = getattr(optimizer, "momentum", 0.0)
    beta_1 = getattr(optimizer, "beta_1", 0.0)
    beta_2 = getattr(optimizer, "beta_2", 0.0)
    epsilon = getattr(optimizer, "epsilon", 0.0)
    empty = np.zeros(0)
    if kind in (1, 2):
        first, second = state["momentum_buffer"].ravel(), empty
    elif kind == 3:
        first, second = state["exp_avg"].ravel(), state["exp_avg_sq"].ravel()
    else:
        first, second = empty, empty
    return kind, float(optimizer.learning_rate), momentum, beta_1, beta_2, epsilon, first, second


def _run_epoch(objective, optimizer, X, Y, params, state, order, batch_size, mean_weight):
    """Run one epoch in compiled code; return its objective sum and the
    objective of its first batch, and advance ``params`` and ``state``."""
    kind, lr, momentum, beta_1, beta_2, epsilon, first, second = _epoch_arguments(
        optimizer, state
    )
    fit_intercept = objective.fit_intercept
    x_offset = objective.x_offset if objective.x_offset is not None else np.zeros(X.shape[1])
    epoch_loss, start_loss, step = _compiled_epoch()(
        X,
        Y.ravel(),
        order,
        batch_size,
        params.ravel(),
        x_offset,
        fit_intercept,
        objective.l1,
        objective.l2,
        mean_weight,
        kind,
        lr,
        momentum,
        beta_1,
        beta_2,
        epsilon,
        first,
        second,
        state["step"],
    )
    state["step"] = step
    return epoch_loss, start_loss


_COMPILED = None


def _compiled_epoch():
    """Compile the epoch kernel on first use (a few seconds, once per process)."""
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = numba.njit(cache=False)(_epoch)
    return _COMPILED


def _epoch(
    X, y, order, batch_size, params, x_offset, fit_intercept, l1, l2, mean_weight,
    kind, lr, momentum, beta_1, beta_2, epsilon, first, second, step,
):
    n_samples, n_features = X.shape
    n_params = params.shape[0]
    grad = np.empty(n_params)
    epoch_loss = 0.0
    start_loss = 0.0

    for start in range(0, n_samples, batch_size):
        stop = min(start + batch_size, n_samples)
        n_batch = stop - start
        scale = 1.0 / (n_batch * mean_weight)

        intercept = 0.0
        if fit_intercept:
            shift = 0.0
            for j in range(n_features):
                shift += x_offset[j] * params[j]
            intercept = params[n_features] - shift

        # Residuals, loss and data gradient in one pass over the batch rows.
        grad[:] = 0.0
        loss = 0.0
        derivative_sum = 0.0
        for k in range(start, stop):
            row = order[k]
            residual = 0.0
            for j in range(n_features):
                residual += X[row, j] * params[j]
            residual = residual + intercept - y[row]
            loss += residual * residual
            derivative = residual * scale
            derivative_sum += derivative
            for j in range(n_features):
                grad[j] += derivative * X[row, j]
        if fit_intercept:
            grad[n_features] = derivative_sum
            for j in range(n_features):
                grad[j] -= x_offset[j] * derivative_sum

        penalty = 0.0
        l1_sum = 0.0
        l2_sum = 0.0
        for j in range(n_features):
            coef = params[j]
            if l2 != 0.0:
                grad[j] += l2 * coef
                l2_sum += coef * coef
            if l1 != 0.0:
                grad[j] += l1 * np.sign(coef)
                l1_sum += abs(coef)
        if l1 != 0.0:
            penalty += l1 * l1_sum
        if l2 != 0.0:
            penalty += 0.5 * l2 * l2_sum
        batch_objective = 0.5 * loss + n_batch * penalty
        epoch_loss += batch_objective
        if start == 0:
            start_loss = batch_objective / n_batch

        step += 1
        if kind == 0:
            for j in range(n_params):
                params[j] += -lr * grad[j]
        elif kind == 1 or kind == 2:
            for j in range(n_params):
                first[j] = first[j] * momentum + grad[j]
                if kind == 1:
                    params[j] += -lr * first[j]
                else:
                    params[j] += -lr * (grad[j] + momentum * first[j])
        else:
            weight = 1.0 - beta_1
            bias_correction1 = 1.0 - beta_1 ** float(step)
            bias_correction2_sqrt = np.sqrt(1.0 - beta_2 ** float(step))
            for j in range(n_params):
                g = grad[j]
                if weight < 0.5:
                    first[j] += weight * (g - first[j])
                else:
                    first[j] = g - (g - first[j]) * (1.0 - weight)
                second[j] = second[j] * beta_2 + (1.0 - beta_2) * (g * g)
                denominator = np.sqrt(second[j]) / bias_correction2_sqrt + epsilon
                params[j] += -(lr / bias_correction1) * (first[j] / denominator)

    return epoch_loss, start_loss, step
