# SPDX-License-Identifier: BSD-3-Clause
"""Plain gradient descent."""

from ._base import Optimizer

__all__ = ["SGD"]


class SGD(Optimizer):
    r"""Plain (stochastic) gradient descent.

    .. math::

        \theta_t = \theta_{t-1} - \eta\, g_t

    with learning rate :math:`\eta` and the mini-batch gradient :math:`g_t`.

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
        Step size :math:`\eta`, or a schedule called with the update index.
        Values must be in the range `(0.0, inf)`. The default is the
        ``eta0`` of scikit-learn's ``SGDRegressor``; it is stable on
        standardized features.

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient. Values must be in the range
        `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    See Also
    --------
    Momentum : Gradient descent with heavy-ball momentum.

    Notes
    -----
    ``torch.optim.SGD`` minimizes whatever loss it is given. With
    ``torch.nn.MSELoss``, which is twice the half squared error that
    :class:`~skoptim.GDRegressor` minimizes, the same step needs half the
    learning rate in torch.

    Examples
    --------
    One step on :math:`f(x) = \|x\|^2`, whose gradient is :math:`2x`:

    >>> import numpy as np
    >>> from skoptim.optimizers import SGD
    >>> optimizer = SGD(learning_rate=0.1)
    >>> params = np.array([1.0, -2.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(2 * params, state, params)
    >>> params + step
    array([ 0.8, -1.6])
    """

    def __init__(
        self, learning_rate=0.01, *, weight_decay=0.0, clip_value=None, clip_norm=None
    ):
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _compute_step(self, grad, state, params, learning_rate, t):
        return -learning_rate * grad
