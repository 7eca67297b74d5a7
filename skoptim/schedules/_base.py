# SPDX-License-Identifier: BSD-3-Clause
"""Base class of the learning-rate schedules."""

from numbers import Integral

from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import Interval

__all__ = ["Schedule"]


class Schedule(BaseEstimator):
    r"""Base class of the learning-rate schedules.

    A schedule stores hyperparameters only. Calling it with the update index
    ``step`` (0 at the first update, as the optimizers in
    :mod:`skoptim.optimizers` pass it) returns the learning rate of that
    update. Because it derives from :class:`~sklearn.base.BaseEstimator`, a
    schedule supports ``get_params``, ``set_params`` and ``clone``, and grid
    search reaches its parameters through the optimizer, for example
    ``optimizer__learning_rate__decay_steps``.

    **Warm-up.** Every schedule takes ``warmup_steps``, :math:`W`. The first
    :math:`W` updates raise the rate linearly towards the initial rate
    :math:`\eta_0`, and the decay then starts from :math:`\eta_0` with its
    index shifted by :math:`W`:

    .. math::

        \eta_k = \begin{cases}
            \eta_0 \, \dfrac{k + 1}{W + 1} & k < W, \\
            \operatorname{decay}(k - W) & k \ge W.
        \end{cases}

    This equals ``torch.optim.lr_scheduler.SequentialLR`` over a
    ``LinearLR(start_factor=1 / (W + 1), total_iters=W)`` and the decay
    scheduler, with ``milestones=[W]`` (torch 2.13).

    **Validation.** ``__call__`` runs on every update, so it does not check
    the parameters. Call ``_validate_params()`` once before the first
    update; :func:`skoptim.minimize` does so. It raises
    :class:`~sklearn.utils._param_validation.InvalidParameterError`, which
    names the parameter and the value received.

    Subclasses set ``_parameter_constraints`` and implement
    ``_initial_rate()`` (the rate that warm-up reaches) and
    ``_decayed_rate(k)`` (the rate ``k`` updates after warm-up).

    Examples
    --------
    A schedule that halves the rate at every update, after two warm-up
    updates that climb towards 0.1:

    >>> from skoptim.schedules import Schedule
    >>> class Halving(Schedule):
    ...     def __init__(self, *, warmup_steps=0):
    ...         self.warmup_steps = warmup_steps
    ...
    ...     def _initial_rate(self):
    ...         return 0.1
    ...
    ...     def _decayed_rate(self, k):
    ...         return 0.1 * 0.5**k
    >>> [round(Halving(warmup_steps=2)(k), 4) for k in range(5)]
    [0.0333, 0.0667, 0.1, 0.05, 0.025]
    """

    _parameter_constraints: dict = {
        "warmup_steps": [Interval(Integral, 0, None, closed="left")],
    }

    def __call__(self, step):
        """Compute the learning rate of one update.

        Parameters
        ----------
        step : int
            Update index, 0 at the first update. Values must be in the range
            `[0, inf)`.

        Returns
        -------
        learning_rate : float
            The learning rate of update ``step``.
        """
        if step < 0:
            raise ValueError(
                f"step must be a non-negative update index (0 at the first "
                f"update); got {step}."
            )
        if step < self.warmup_steps:
            return self._initial_rate() * (step + 1) / (self.warmup_steps + 1)
        return self._decayed_rate(step - self.warmup_steps)

    def _initial_rate(self):
        raise NotImplementedError

    def _decayed_rate(self, k):
        raise NotImplementedError
