# SPDX-License-Identifier: BSD-3-Clause
"""AdaGrad: per-coordinate step sizes from the sum of squared gradients."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer

__all__ = ["AdaGrad"]


class AdaGrad(Optimizer):
    r"""AdaGrad (Duchi, Hazan and Singer, 2011).

    .. math::

        s_t = s_{t-1} + g_t^2, \qquad
        \eta_t = \frac{\eta}{1 + (t - 1)\,\lambda}, \qquad
        \theta_t = \theta_{t-1} - \eta_t\, \frac{g_t}{\sqrt{s_t} + \epsilon}

    with :math:`s_0` = ``initial_accumulator_value`` and :math:`\lambda` =
    ``lr_decay``, as in ``torch.optim.Adagrad``.

    Parameters
    ----------
    learning_rate : float or callable, default=0.1
        Step size :math:`\eta`, or a schedule called with the update index.
        Values must be in the range `(0.0, inf)`. torch's default, 0.01,
        needs thousands of epochs to move a coefficient by a few units;
        0.1 fits the standardized Boston problem in a few hundred epochs.

    epsilon : float, default=1e-10
        Added to :math:`\sqrt{s_t}`, outside the square root as in torch,
        whose default this is. Values must be in the range `[0.0, inf)`.

    initial_accumulator_value : float, default=0.0
        Starting value of every entry of :math:`s`. Values must be in the
        range `[0.0, inf)`.

    lr_decay : float, default=0.0
        Decay :math:`\lambda` of the step size with the update count.
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
    .. [1] J. Duchi, E. Hazan and Y. Singer, "Adaptive subgradient methods
       for online learning and stochastic optimization", Journal of Machine
       Learning Research 12, 2121-2159, 2011.
       https://jmlr.org/papers/v12/duchi11a.html

    Examples
    --------
    The first step moves every coordinate by about the learning rate:

    >>> import numpy as np
    >>> from skoptim.optimizers import AdaGrad
    >>> optimizer = AdaGrad(learning_rate=0.1)
    >>> params = np.array([1.0, -2.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(2 * params, state, params)
    >>> np.round(params + step, 6)
    array([ 0.9, -1.9])
    """

    _parameter_constraints: dict = {
        **Optimizer._parameter_constraints,
        "epsilon": [Interval(Real, 0, None, closed="left")],
        "initial_accumulator_value": [Interval(Real, 0, None, closed="left")],
        "lr_decay": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        learning_rate=0.1,
        *,
        epsilon=1e-10,
        initial_accumulator_value=0.0,
        lr_decay=0.0,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.epsilon = epsilon
        self.initial_accumulator_value = initial_accumulator_value
        self.lr_decay = lr_decay
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _init_buffers(self, params):
        return {"sum": np.full_like(params, self.initial_accumulator_value)}

    def _compute_step(self, grad, state, params, learning_rate, t):
        accumulator = state["sum"]
        accumulator += grad * grad
        decayed_rate = learning_rate / (1 + (t - 1) * self.lr_decay)
        return -decayed_rate * (grad / (np.sqrt(accumulator) + self.epsilon))
