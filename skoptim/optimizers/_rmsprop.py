# SPDX-License-Identifier: BSD-3-Clause
"""RMSProp: steps scaled by a running average of squared gradients."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer, _lerp_inplace

__all__ = ["RMSProp"]


class RMSProp(Optimizer):
    r"""RMSProp (Hinton, 2012).

    .. math::

        s_t = \rho\, s_{t-1} + (1 - \rho)\, g_t^2, \qquad
        \theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{s_t} + \epsilon}

    with :math:`s_0 = 0`, as ``torch.optim.RMSprop``. With
    ``centered=True`` the denominator is :math:`\sqrt{s_t - a_t^2} +
    \epsilon`, where :math:`a_t = \rho a_{t-1} + (1 - \rho) g_t` is the
    running mean of the gradient. With ``momentum`` :math:`\mu > 0` the
    scaled gradient goes through a velocity: :math:`b_t = \mu b_{t-1} + g_t
    / (\sqrt{s_t} + \epsilon)` and :math:`\theta_t = \theta_{t-1} - \eta
    b_t`.

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
        Step size :math:`\eta`, or a schedule called with the update index.
        Values must be in the range `(0.0, inf)`. torch's default.

    rho : float, default=0.9
        Decay :math:`\rho` of the squared-gradient average, the value of
        Hinton's lecture (torch calls it ``alpha`` and uses 0.99). Values
        must be in the range `[0.0, 1.0)`.

    epsilon : float, default=1e-8
        Added to the square root, outside it as in torch. Values must be in
        the range `[0.0, inf)`.

    momentum : float, default=0.0
        Momentum :math:`\mu` of the scaled step. Values must be in the range
        `[0.0, 1.0)`.

    centered : bool, default=False
        Divide by the running variance instead of the running second moment
        of the gradient.

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient. Values must be in the range
        `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    References
    ----------
    .. [1] G. Hinton, N. Srivastava and K. Swersky, "Neural networks for
       machine learning", lecture 6e, 2012.
       https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf
    .. [2] A. Graves, "Generating sequences with recurrent neural networks",
       2013 (the centered form). https://arxiv.org/abs/1308.0850

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim.optimizers import RMSProp
    >>> optimizer = RMSProp(learning_rate=0.01, rho=0.9)
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(np.array([2.0]), state, params)
    >>> np.round(step, 6)  # -0.01 * 2 / sqrt(0.1 * 4)
    array([-0.031623])
    """

    _parameter_constraints: dict = {
        **Optimizer._parameter_constraints,
        "rho": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="left")],
        "momentum": [Interval(Real, 0, 1, closed="left")],
        "centered": ["boolean"],
    }

    def __init__(
        self,
        learning_rate=0.01,
        *,
        rho=0.9,
        epsilon=1e-8,
        momentum=0.0,
        centered=False,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.rho = rho
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _init_buffers(self, params):
        buffers = {"square_avg": np.zeros_like(params)}
        if self.centered:
            buffers["grad_avg"] = np.zeros_like(params)
        if self.momentum > 0:
            buffers["momentum_buffer"] = np.zeros_like(params)
        return buffers

    def _compute_step(self, grad, state, params, learning_rate, t):
        square_avg = state["square_avg"]
        square_avg *= self.rho
        square_avg += (1 - self.rho) * (grad * grad)

        if self.centered:
            grad_avg = _lerp_inplace(state["grad_avg"], grad, 1 - self.rho)
            denominator = np.sqrt(square_avg - grad_avg * grad_avg) + self.epsilon
        else:
            denominator = np.sqrt(square_avg) + self.epsilon

        if self.momentum > 0:
            buffer = state["momentum_buffer"]
            buffer *= self.momentum
            buffer += grad / denominator
            return -learning_rate * buffer
        return -learning_rate * (grad / denominator)
