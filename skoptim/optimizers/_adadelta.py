# SPDX-License-Identifier: BSD-3-Clause
"""Adadelta: steps scaled by the ratio of running update and gradient sizes."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer

__all__ = ["Adadelta"]


class Adadelta(Optimizer):
    r"""Adadelta (Zeiler, 2012).

    .. math::

        s_t &= \rho\, s_{t-1} + (1 - \rho)\, g_t^2, \qquad
        \Delta_t = \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{s_t + \epsilon}}\, g_t, \\
        u_t &= \rho\, u_{t-1} + (1 - \rho)\, \Delta_t^2, \qquad
        \theta_t = \theta_{t-1} - \eta\, \Delta_t

    with :math:`s_0 = u_0 = 0` and :math:`\epsilon` inside both square
    roots, as in the paper and ``torch.optim.Adadelta``. The paper has no
    learning rate (:math:`\eta = 1`); torch added it as a multiplier.

    Parameters
    ----------
    learning_rate : float or callable, default=1.0
        Multiplier :math:`\eta` of the step, torch's default (the paper's
        method). Values must be in the range `(0.0, inf)`.

    rho : float, default=0.9
        Decay of both running averages, torch's default (the paper used
        0.95). Values must be in the range `[0.0, 1.0)`.

    epsilon : float, default=1e-6
        Added inside both square roots, as in the paper. It also sets the
        size of the first steps, about :math:`\sqrt{\epsilon / (1 - \rho)}`.
        Values must be in the range `[0.0, inf)`.

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient. Values must be in the range
        `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    References
    ----------
    .. [1] M. D. Zeiler, "ADADELTA: an adaptive learning rate method", 2012.
       https://arxiv.org/abs/1212.5701

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim.optimizers import Adadelta
    >>> optimizer = Adadelta()
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(np.array([2.0]), state, params)
    >>> np.round(step, 6)  # -sqrt(1e-6) / sqrt(0.1 * 4 + 1e-6) * 2
    array([-0.003162])
    """

    _parameter_constraints: dict = {
        **Optimizer._parameter_constraints,
        "rho": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        learning_rate=1.0,
        *,
        rho=0.9,
        epsilon=1e-6,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.rho = rho
        self.epsilon = epsilon
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _init_buffers(self, params):
        return {"square_avg": np.zeros_like(params), "acc_delta": np.zeros_like(params)}

    def _compute_step(self, grad, state, params, learning_rate, t):
        square_avg = state["square_avg"]
        acc_delta = state["acc_delta"]
        square_avg *= self.rho
        square_avg += (1 - self.rho) * (grad * grad)
        delta = np.sqrt(acc_delta + self.epsilon) / np.sqrt(square_avg + self.epsilon)
        delta *= grad
        acc_delta *= self.rho
        acc_delta += (1 - self.rho) * (delta * delta)
        return -learning_rate * delta
