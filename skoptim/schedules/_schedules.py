# SPDX-License-Identifier: BSD-3-Clause
"""Learning-rate schedules: constant, inverse scaling, step, exponential and cosine."""

import math
from numbers import Integral, Real

from sklearn.utils._param_validation import Interval

from ._base import Schedule

__all__ = [
    "Constant",
    "CosineDecay",
    "ExponentialDecay",
    "InverseScaling",
    "StepDecay",
]


class Constant(Schedule):
    r"""Constant learning rate, after an optional linear warm-up.

    .. math::

        \eta_k = \eta

    for every update index :math:`k \ge W`. The warm-up over the first
    :math:`W` updates is described in :class:`Schedule`. Without warm-up,
    ``Constant(eta)`` gives the same steps as passing the float ``eta``.

    Parameters
    ----------
    learning_rate : float
        Learning rate :math:`\eta`. Values must be in the range
        `(0.0, inf)`.

    warmup_steps : int, default=0
        Number of warm-up updates :math:`W`. Values must be in the range
        `[0, inf)`.

    See Also
    --------
    InverseScaling : Learning rate decaying as a power of the update index.

    Examples
    --------
    >>> from skoptim.schedules import Constant
    >>> schedule = Constant(0.1, warmup_steps=1)
    >>> [schedule(k) for k in range(3)]
    [0.05, 0.1, 0.1]
    """

    _parameter_constraints: dict = {
        **Schedule._parameter_constraints,
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
    }

    def __init__(self, learning_rate, *, warmup_steps=0):
        self.learning_rate = learning_rate
        self.warmup_steps = warmup_steps

    def _initial_rate(self):
        return self.learning_rate

    def _decayed_rate(self, k):
        return self.learning_rate


class InverseScaling(Schedule):
    r"""Learning rate decaying as an inverse power of the update count.

    .. math::

        \eta_k = \frac{\eta_0}{(k + 1)^p}

    for update index :math:`k \ge 0` (0 at the first update), shifted by
    the warm-up described in :class:`Schedule`. scikit-learn 1.9.1's
    ``SGDRegressor(learning_rate="invscaling")`` uses the same formula,
    ``eta0 / t ** power_t`` with :math:`t = k + 1`, but its :math:`t`
    counts samples rather than updates.

    Parameters
    ----------
    initial_learning_rate : float
        Learning rate :math:`\eta_0` of the first update after warm-up.
        Values must be in the range `(0.0, inf)`.

    power : float, default=0.5
        Exponent :math:`p`. Values must be in the range `[0.0, inf)`.

    warmup_steps : int, default=0
        Number of warm-up updates :math:`W`. Values must be in the range
        `[0, inf)`.

    See Also
    --------
    ExponentialDecay : Learning rate decaying geometrically.

    Examples
    --------
    >>> from skoptim.schedules import InverseScaling
    >>> schedule = InverseScaling(0.1, power=1.0)
    >>> [schedule(k) for k in range(4)]
    [0.1, 0.05, 0.03333333333333333, 0.025]
    """

    _parameter_constraints: dict = {
        **Schedule._parameter_constraints,
        "initial_learning_rate": [Interval(Real, 0, None, closed="neither")],
        "power": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(self, initial_learning_rate, *, power=0.5, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.power = power
        self.warmup_steps = warmup_steps

    def _initial_rate(self):
        return self.initial_learning_rate

    def _decayed_rate(self, k):
        return self.initial_learning_rate / (k + 1) ** self.power


class StepDecay(Schedule):
    r"""Learning rate multiplied by ``gamma`` every ``step_size`` updates.

    .. math::

        \eta_k = \eta_0 \, \gamma^{\lfloor k / s \rfloor}

    for update index :math:`k \ge 0` and step size :math:`s`, shifted by
    the warm-up described in :class:`Schedule`. This is
    ``torch.optim.lr_scheduler.StepLR`` stepped once per update, not once
    per epoch.

    Parameters
    ----------
    initial_learning_rate : float
        Learning rate :math:`\eta_0` of the first update after warm-up.
        Values must be in the range `(0.0, inf)`.

    step_size : int
        Number of updates :math:`s` between two decays. Values must be in
        the range `[1, inf)`.

    gamma : float, default=0.1
        Factor :math:`\gamma` applied at each decay, torch's default.
        Values must be in the range `(0.0, 1.0]`.

    warmup_steps : int, default=0
        Number of warm-up updates :math:`W`. Values must be in the range
        `[0, inf)`.

    See Also
    --------
    ExponentialDecay : The same decay spread evenly over every update.

    Examples
    --------
    >>> from skoptim.schedules import StepDecay
    >>> schedule = StepDecay(0.1, step_size=2, gamma=0.5)
    >>> [schedule(k) for k in range(5)]
    [0.1, 0.1, 0.05, 0.05, 0.025]
    """

    _parameter_constraints: dict = {
        **Schedule._parameter_constraints,
        "initial_learning_rate": [Interval(Real, 0, None, closed="neither")],
        "step_size": [Interval(Integral, 1, None, closed="left")],
        "gamma": [Interval(Real, 0, 1, closed="right")],
    }

    def __init__(self, initial_learning_rate, *, step_size, gamma=0.1, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.step_size = step_size
        self.gamma = gamma
        self.warmup_steps = warmup_steps

    def _initial_rate(self):
        return self.initial_learning_rate

    def _decayed_rate(self, k):
        return self.initial_learning_rate * self.gamma ** (k // self.step_size)


class ExponentialDecay(Schedule):
    r"""Learning rate multiplied by ``decay_rate`` at every update.

    .. math::

        \eta_k = \eta_0 \, r^k

    for update index :math:`k \ge 0` and decay rate :math:`r`, shifted by
    the warm-up described in :class:`Schedule`. This is
    ``torch.optim.lr_scheduler.ExponentialLR`` stepped once per update.

    Parameters
    ----------
    initial_learning_rate : float
        Learning rate :math:`\eta_0` of the first update after warm-up.
        Values must be in the range `(0.0, inf)`.

    decay_rate : float
        Factor :math:`r` applied at each update. Values must be in the
        range `(0.0, 1.0]`.

    warmup_steps : int, default=0
        Number of warm-up updates :math:`W`. Values must be in the range
        `[0, inf)`.

    See Also
    --------
    StepDecay : The same kind of decay applied in steps.

    Examples
    --------
    >>> from skoptim.schedules import ExponentialDecay
    >>> schedule = ExponentialDecay(0.1, decay_rate=0.5)
    >>> [schedule(k) for k in range(3)]
    [0.1, 0.05, 0.025]
    """

    _parameter_constraints: dict = {
        **Schedule._parameter_constraints,
        "initial_learning_rate": [Interval(Real, 0, None, closed="neither")],
        "decay_rate": [Interval(Real, 0, 1, closed="right")],
    }

    def __init__(self, initial_learning_rate, *, decay_rate, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_rate = decay_rate
        self.warmup_steps = warmup_steps

    def _initial_rate(self):
        return self.initial_learning_rate

    def _decayed_rate(self, k):
        return self.initial_learning_rate * self.decay_rate**k


class CosineDecay(Schedule):
    r"""Learning rate following half a cosine wave, then kept at its final value.

    .. math::

        \eta_k = \begin{cases}
            \eta_{\min} + (\eta_0 - \eta_{\min})
            \dfrac{1 + \cos(\pi k / T)}{2} & k \le T, \\
            \eta_{\min} & k > T,
        \end{cases}

    for update index :math:`k \ge 0`, decay length :math:`T` and final rate
    :math:`\eta_{\min}`, shifted by the warm-up described in
    :class:`Schedule`. Up to :math:`k = T` this equals
    ``torch.optim.lr_scheduler.CosineAnnealingLR(T_max=T, eta_min=eta_min)``
    stepped once per update. After :math:`T` torch's rate climbs back
    towards :math:`\eta_0` along the cosine, whereas this schedule stays at
    :math:`\eta_{\min}`.

    Parameters
    ----------
    initial_learning_rate : float
        Learning rate :math:`\eta_0` of the first update after warm-up.
        Values must be in the range `(0.0, inf)`.

    decay_steps : int
        Number of updates :math:`T` over which the rate falls to
        ``final_learning_rate``. Values must be in the range `[1, inf)`.

    final_learning_rate : float, default=0.0
        Learning rate :math:`\eta_{\min}` reached at update :math:`T` and
        kept afterwards. With the default 0.0 the optimizer stops moving
        after :math:`T` updates. Values must be in the range `[0.0, inf)`.

    warmup_steps : int, default=0
        Number of warm-up updates :math:`W`. Values must be in the range
        `[0, inf)`.

    See Also
    --------
    ExponentialDecay : Learning rate decaying geometrically.

    Examples
    --------
    >>> from skoptim.schedules import CosineDecay
    >>> schedule = CosineDecay(0.1, decay_steps=2, final_learning_rate=0.01)
    >>> [round(schedule(k), 6) for k in range(4)]
    [0.1, 0.055, 0.01, 0.01]
    """

    _parameter_constraints: dict = {
        **Schedule._parameter_constraints,
        "initial_learning_rate": [Interval(Real, 0, None, closed="neither")],
        "decay_steps": [Interval(Integral, 1, None, closed="left")],
        "final_learning_rate": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        initial_learning_rate,
        *,
        decay_steps,
        final_learning_rate=0.0,
        warmup_steps=0,
    ):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.final_learning_rate = final_learning_rate
        self.warmup_steps = warmup_steps

    def _initial_rate(self):
        return self.initial_learning_rate

    def _decayed_rate(self, k):
        if k >= self.decay_steps:
            return self.final_learning_rate
        cosine = math.cos(math.pi * k / self.decay_steps)
        span = self.initial_learning_rate - self.final_learning_rate
        return self.final_learning_rate + span * (1 + cosine) / 2
