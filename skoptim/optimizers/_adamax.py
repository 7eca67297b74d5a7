# SPDX-License-Identifier: BSD-3-Clause
"""AdaMax: Adam with the infinity norm in place of the second moment."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer, _lerp_inplace

__all__ = ["AdaMax"]


class AdaMax(Optimizer):
    r"""AdaMax (Kingma and Ba, 2015, section 7).

    .. math::

        m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad
        u_t = \max(\beta_2 u_{t-1},\ |g_t| + \epsilon), \qquad
        \theta_t = \theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\,
        \frac{m_t}{u_t}

    with :math:`m_0 = u_0 = 0`, as ``torch.optim.Adamax``. The paper has no
    :math:`\epsilon`; torch adds it to :math:`|g_t|` inside the maximum so
    that :math:`u_t` is never zero.

    Parameters
    ----------
    learning_rate : float or callable, default=0.02
        Step size :math:`\eta`. Values must be in the range `(0.0, inf)`.
        The published 0.002 moves a coefficient by about 0.002 per update,
        which is too slow for the Boston problem. Ten times that fits it
        within the default ``max_iter``.

    beta_1 : float, default=0.9
        Decay of the first moment, as published. Values must be in the
        range `[0.0, 1.0)`.

    beta_2 : float, default=0.999
        Decay of the infinity norm, as published. Values must be in the
        range `[0.0, 1.0)`.

    epsilon : float, default=1e-8
        Added to :math:`|g_t|`, torch's default. Values must be in the range
        `[0.0, inf)`.

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient. Values must be in the range
        `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: a method for stochastic
       optimization", ICLR 2015, section 7.1.
       https://arxiv.org/abs/1412.6980

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim.optimizers import AdaMax
    >>> optimizer = AdaMax(learning_rate=0.02)
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(np.array([2.0]), state, params)
    >>> np.round(step, 6)
    array([-0.02])
    """

    _parameter_constraints: dict = {
        **Optimizer._parameter_constraints,
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        learning_rate=0.02,
        *,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _init_buffers(self, params):
        return {"exp_avg": np.zeros_like(params), "exp_inf": np.zeros_like(params)}

    def _compute_step(self, grad, state, params, learning_rate, t):
        exp_avg = _lerp_inplace(state["exp_avg"], grad, 1 - self.beta_1)
        exp_inf = state["exp_inf"]
        exp_inf *= self.beta_2
        np.maximum(exp_inf, np.abs(grad) + self.epsilon, out=exp_inf)
        step_size = learning_rate / (1 - self.beta_1**t)
        return -step_size * (exp_avg / exp_inf)
