# SPDX-License-Identifier: BSD-3-Clause
"""Gradient descent with heavy-ball (Polyak) momentum."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer

__all__ = ["Momentum"]


class Momentum(Optimizer):
    r"""Gradient descent with heavy-ball momentum (Polyak, 1964).

    .. math::

        m_t = \beta\, m_{t-1} + g_t, \qquad
        \theta_t = \theta_{t-1} - \eta\, m_t

    with :math:`m_0 = 0`. This is the form of ``torch.optim.SGD`` with
    ``momentum=beta`` and ``dampening=0``, and of optax's ``trace``.

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
        Step size :math:`\eta`, or a schedule called with the update index.
        Values must be in the range `(0.0, inf)`. Momentum multiplies the
        effective step by about :math:`1/(1-\beta)`, ten times at the
        default ``momentum``, so this rate is as large as plain SGD's can be
        on standardized features while staying stable.

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
    Nesterov : Momentum with the gradient taken at the look-ahead point.

    Notes
    -----
    The textbook form keeps a velocity with the learning rate inside,
    :math:`v_t = \beta v_{t-1} + \eta g_t` and :math:`\theta_t = \theta_{t-1}
    - v_t` (river's ``Momentum``), and scikit-learn's MLP stores its negative,
    :math:`v_t = \beta v_{t-1} - \eta g_t`. All three give the same
    iterates while the learning rate is constant. With a schedule they
    differ, because here a new learning rate rescales the whole velocity.

    References
    ----------
    .. [1] B. T. Polyak, "Some methods of speeding up the convergence of
       iteration methods", USSR Computational Mathematics and Mathematical
       Physics 4(5), 1-17, 1964. https://doi.org/10.1016/0041-5553(64)90137-5

    Examples
    --------
    Two steps on :math:`f(x) = \|x\|^2`:

    >>> import numpy as np
    >>> from skoptim.optimizers import Momentum
    >>> optimizer = Momentum(learning_rate=0.1, momentum=0.5)
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> for _ in range(2):
    ...     step, state = optimizer.update(2 * params, state, params)
    ...     params = params + step
    >>> params  # 1 - 0.1*2 = 0.8, then 0.8 - 0.1*(0.5*2 + 1.6) = 0.54
    array([0.54])
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
        return -learning_rate * buffer
