# SPDX-License-Identifier: BSD-3-Clause
"""Base class of the first-order optimizers: hyperparameters on the object,
running buffers in an explicit state."""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import HasMethods, Interval

__all__ = ["Optimizer"]


class Optimizer(BaseEstimator):
    """Base class of the first-order optimizers.

    An optimizer object stores hyperparameters only. Everything that changes
    during training (moment buffers, the update count ``t``) lives in a
    ``state`` dictionary that :meth:`init` creates and :meth:`update`
    advances, so one optimizer object can drive any number of independent
    runs, and ``clone``, ``get_params`` and ``set_params`` behave as on
    scikit-learn estimators.

    **Sign convention.** :meth:`update` returns the *step*, which the caller
    adds to the parameters: ``params += step``. For plain gradient descent
    the step is ``-learning_rate * grad``.

    **In-place state.** :meth:`update` updates the arrays of ``state`` in place
    and returns the same dictionary. Take a ``copy.deepcopy(state)`` first if
    the state before the update is still needed.

    The update count ``t`` counts calls to :meth:`update` (mini-batches), not
    epochs. Before the optimizer's own rule runs, :meth:`update` applies, in
    this order and as ``torch.optim`` 2.13 with ``torch.nn.utils`` clipping
    does: clipping by value (``clip_value``), clipping by global norm
    (``clip_norm``), then L2 weight decay ``grad + weight_decay * params``
    (:class:`AdamW` decays the parameters directly instead).

    Subclasses implement ``_init_buffers(params)`` and
    ``_compute_step(grad, state, params, learning_rate, t)``.

    Parameters
    ----------
    learning_rate : float or callable
        Step size. A callable (a schedule from :mod:`skoptim.schedules`) is
        called with the update index ``t - 1`` (0 at the first update) and
        returns the step size for that update. Values must be in the range
        `(0.0, inf)`.

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient. Values must be in the range
        `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``. Values
        must be in the range `(0.0, inf)`.

    clip_norm : float or None, default=None
        Rescale the gradient so that its Euclidean norm (over all entries)
        is at most ``clip_norm``. Values must be in the range `(0.0, inf)`.

    Examples
    --------
    A new optimizer stores its hyperparameters and implements one step;
    here, sign descent:

    >>> import numpy as np
    >>> from skoptim.optimizers import Optimizer
    >>> class SignDescent(Optimizer):
    ...     def __init__(self, learning_rate=0.1, *, weight_decay=0.0,
    ...                  clip_value=None, clip_norm=None):
    ...         self.learning_rate = learning_rate
    ...         self.weight_decay = weight_decay
    ...         self.clip_value = clip_value
    ...         self.clip_norm = clip_norm
    ...     def _compute_step(self, grad, state, params, learning_rate, t):
    ...         return -learning_rate * np.sign(grad)
    >>> optimizer = SignDescent()
    >>> params = np.array([1.0, -2.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(np.array([0.5, -3.0]), state, params)
    >>> step
    array([-0.1,  0.1])
    """

    _parameter_constraints: dict = {
        "learning_rate": [
            Interval(Real, 0, None, closed="neither"),
            HasMethods(["__call__"]),
        ],
        "weight_decay": [Interval(Real, 0, None, closed="left")],
        "clip_value": [Interval(Real, 0, None, closed="neither"), None],
        "clip_norm": [Interval(Real, 0, None, closed="neither"), None],
    }

    # AdamW sets this: the decay multiplies the parameters instead of being
    # added to the gradient.
    _decoupled_weight_decay = False

    def _validate_params(self):
        """Validate the hyperparameters, and those of a schedule given as
        ``learning_rate``."""
        super()._validate_params()
        if hasattr(self.learning_rate, "_validate_params"):
            self.learning_rate._validate_params()

    def init(self, params):
        """Create the optimizer state for parameters shaped like ``params``.

        Parameters
        ----------
        params : ndarray
            Initial parameters. Only their shape and dtype are used.

        Returns
        -------
        state : dict
            The update count ``"step"`` (0) and zero-initialized buffers.
        """
        params = np.asarray(params)
        state = {"step": 0}
        state.update(self._init_buffers(params))
        return state

    def update(self, grad, state, params, *, decay_mask=None):
        """Compute the step for one update from a gradient.

        Parameters
        ----------
        grad : ndarray
            Gradient of the objective at ``params``, same shape as
            ``params``.

        state : dict
            State returned by :meth:`init` or by the previous call. Its
            arrays are updated in place.

        params : ndarray
            Current parameters. They are read (weight decay) but not changed.

        decay_mask : ndarray or None, default=None
            Array broadcastable to ``params`` with 1 where weight decay
            applies and 0 where it does not (an intercept, for example).
            ``None`` applies weight decay to every entry.

        Returns
        -------
        step : ndarray
            The step to add to the parameters.

        state : dict
            The updated state (the same object as ``state``).
        """
        t = state["step"] + 1
        learning_rate = self._learning_rate_at(t - 1)
        grad = self._clip(np.asarray(grad))

        decayed = None
        if self.weight_decay:
            decayed = self.weight_decay * params
            if decay_mask is not None:
                decayed = decayed * decay_mask
            if not self._decoupled_weight_decay:
                grad = grad + decayed

        step = self._compute_step(grad, state, params, learning_rate, t)
        if decayed is not None and self._decoupled_weight_decay:
            step -= learning_rate * decayed
        state["step"] = t
        return step, state

    def _learning_rate_at(self, index):
        """Return the step size of update number ``index`` (from 0)."""
        if callable(self.learning_rate):
            return float(self.learning_rate(index))
        return self.learning_rate

    def _clip(self, grad):
        if self.clip_value is not None:
            grad = np.clip(grad, -self.clip_value, self.clip_value)
        if self.clip_norm is not None:
            norm = np.linalg.norm(grad)
            # The 1e-6 guard mirrors torch.nn.utils.clip_grad_norm_ (2.13),
            # which scales by clip_norm / (norm + 1e-6) whenever that is < 1.
            scale = self.clip_norm / (norm + 1e-6)
            if scale < 1.0:
                grad = grad * scale
        return grad

    def _init_buffers(self, params):
        return {}

    def _compute_step(self, grad, state, params, learning_rate, t):
        raise NotImplementedError


def _lerp_inplace(start, end, weight):
    """Move ``start`` towards ``end`` by ``weight``, in place, as ``torch.lerp``.

    torch 2.13 evaluates ``start + weight * (end - start)`` when
    ``weight < 0.5`` and ``end - (end - start) * (1 - weight)`` otherwise;
    matching the branch keeps the moment estimates equal to torch's bit for
    bit rather than only to rounding.
    """
    if weight < 0.5:
        start += weight * (end - start)
    else:
        start[...] = end - (end - start) * (1.0 - weight)
    return start
