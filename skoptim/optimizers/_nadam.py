# SPDX-License-Identifier: BSD-3-Clause
"""Nadam: Adam with Nesterov momentum."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer, _lerp_inplace

__all__ = ["Nadam"]


class Nadam(Optimizer):
    r"""Nadam (Dozat, 2016): Adam with Nesterov momentum.

    With the momentum schedule :math:`\mu_t = \beta_1 (1 - \tfrac12
    \cdot 0.96^{t\psi})` (:math:`\psi` = ``momentum_decay``) and
    :math:`m_t`, :math:`s_t` the moments of :class:`Adam`:

    .. math::

        \theta_t = \theta_{t-1} - \eta \left(
        \frac{1 - \mu_t}{1 - \prod_{k \le t} \mu_k}\, g_t +
        \frac{\mu_{t+1}}{1 - \prod_{k \le t+1} \mu_k}\, m_t \right)
        \Big/ \left(\sqrt{s_t / (1 - \beta_2^t)} + \epsilon\right)

    as ``torch.optim.NAdam`` 2.13 computes it.

    Parameters
    ----------
    learning_rate : float or callable, default=0.02
        Step size :math:`\eta`. Values must be in the range `(0.0, inf)`.
        Chosen as for :class:`AdaMax`, ten times torch's 0.002.

    beta_1 : float, default=0.9
        Base momentum :math:`\beta_1`. Values must be in the range
        `[0.0, 1.0)`.

    beta_2 : float, default=0.999
        Decay of the second moment. Values must be in the range
        `[0.0, 1.0)`.

    epsilon : float, default=1e-8
        Added to the corrected root mean square. Values must be in the range
        `[0.0, inf)`.

    momentum_decay : float, default=0.004
        Momentum schedule parameter :math:`\psi`, torch's and Dozat's value.
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
    .. [1] T. Dozat, "Incorporating Nesterov momentum into Adam", ICLR 2016
       workshop. https://openreview.net/forum?id=OM0jvwB8jIp57ZJjtNEZ

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim.optimizers import Nadam
    >>> optimizer = Nadam(learning_rate=0.02)
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(np.array([2.0]), state, params)
    >>> bool(step[0] < 0)
    True
    """

    _parameter_constraints: dict = {
        **Optimizer._parameter_constraints,
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="left")],
        "momentum_decay": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        learning_rate=0.02,
        *,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        momentum_decay=0.004,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.momentum_decay = momentum_decay
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _init_buffers(self, params):
        return {
            "exp_avg": np.zeros_like(params),
            "exp_avg_sq": np.zeros_like(params),
            "mu_product": 1.0,
        }

    def _compute_step(self, grad, state, params, learning_rate, t):
        mu = self.beta_1 * (1.0 - 0.5 * 0.96 ** (t * self.momentum_decay))
        mu_next = self.beta_1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * self.momentum_decay))
        mu_product = state["mu_product"] * mu
        mu_product_next = mu_product * mu_next
        state["mu_product"] = mu_product

        exp_avg = _lerp_inplace(state["exp_avg"], grad, 1 - self.beta_1)
        exp_avg_sq = state["exp_avg_sq"]
        exp_avg_sq *= self.beta_2
        exp_avg_sq += (1 - self.beta_2) * (grad * grad)

        denominator = np.sqrt(exp_avg_sq / (1 - self.beta_2**t)) + self.epsilon
        grad_weight = -learning_rate * (1.0 - mu) / (1.0 - mu_product)
        momentum_weight = -learning_rate * mu_next / (1.0 - mu_product_next)
        return grad_weight * (grad / denominator) + momentum_weight * (
            exp_avg / denominator
        )
