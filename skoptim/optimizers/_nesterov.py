# SPDX-License-Identifier: BSD-3-Clause
"""Gradient descent with Nesterov momentum."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer

__all__ = ["Nesterov"]


class Nesterov(Optimizer):
    r"""Gradient descent with Nesterov's accelerated momentum (1983).

    Nesterov's method takes the gradient at the look-ahead point
    :math:`\theta + \beta v`, where momentum is carrying the parameters.
    Like ``torch.optim.SGD(nesterov=True)``, this class uses the
    reformulation of Sutskever et al. (2013) that needs only the gradient at
    the current parameters:

    .. math::

        m_t = \beta\, m_{t-1} + g_t, \qquad
        \theta_t = \theta_{t-1} - \eta\, (g_t + \beta\, m_t)

    with :math:`m_0 = 0`. The iterates are the look-ahead points of the
    original formulation.

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
        Step size :math:`\eta`, or a schedule called with the update index.
        Values must be in the range `(0.0, inf)`. Chosen as for
        :class:`Momentum`.

    momentum : float, default=0.9
        Decay :math:`\beta` of the velocity, the usual published value.
        Values must be in the range `[0.0, 1.0)`.

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient. Values must be in the range
        `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    See Also
    --------
    Momentum : Heavy-ball momentum, gradient at the current point.

    Notes
    -----
    scikit-learn's MLP (``nesterovs_momentum=True``) writes the same update
    with the learning rate inside the velocity, :math:`v_t = \beta v_{t-1} -
    \eta g_t` and :math:`\theta_t = \theta_{t-1} + \beta v_t - \eta g_t`; the
    iterates agree while the learning rate is constant.

    References
    ----------
    .. [1] Y. Nesterov, "A method of solving a convex programming problem
       with convergence rate O(1/k^2)", Soviet Mathematics Doklady 27,
       372-376, 1983.
    .. [2] I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the
       importance of initialization and momentum in deep learning", ICML
       2013. https://proceedings.mlr.press/v28/sutskever13.html

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim.optimizers import Nesterov
    >>> optimizer = Nesterov(learning_rate=0.1, momentum=0.5)
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(2 * params, state, params)
    >>> params + step  # 1 - 0.1 * (2 + 0.5 * 2)
    array([0.7])
    """

    _parameter_constraints: dict = {
        **Optimizer._parameter_constraints,
        "momentum": [Interval(Real, 0, 1, closed="left")],
    }

    def __init__(
        self,
        learning_rate=0.01,
        *,
        momentum=0.9,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _init_buffers(self, params):
        return {"momentum_buffer": np.zeros_like(params)}

    def _compute_step(self, grad, state, params, learning_rate, t):
        buffer = state["momentum_buffer"]
        buffer *= self.momentum
        buffer += grad
        return -learning_rate * (grad + self.momentum * buffer)
