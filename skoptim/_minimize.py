# SPDX-License-Identifier: BSD-3-Clause
"""Minimization of a differentiable function with a skoptim optimizer."""

from numbers import Integral, Real

import numpy as np
from scipy.optimize import OptimizeResult
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    StrOptions,
    validate_parameter_constraints,
)

from .optimizers import OPTIMIZERS, _resolve_optimizer

__all__ = ["minimize"]

_PARAMETER_CONSTRAINTS = {
    "fun": [callable],
    "optimizer": [StrOptions(set(OPTIMIZERS)), HasMethods(["init", "update"])],
    "max_iter": [Interval(Integral, 1, None, closed="left")],
    "tol": [Interval(Real, 0, None, closed="left"), None],
    "callback": [callable, None],
    "record_path": ["boolean"],
}


def minimize(
    fun,
    x0,
    *,
    jac,
    optimizer="adam",
    max_iter=1000,
    tol=None,
    callback=None,
    record_path=False,
):
    r"""Minimize a differentiable function with a first-order optimizer.

    Starting from ``x0``, each iteration evaluates the gradient :math:`g_t`
    at the current point, computes the optimizer's step from it and adds it:
    :math:`x_{t+1} = x_t + \mathrm{step}(g_t)`. The loop stops at the first
    of these events, checked in this order after every gradient
    evaluation:

    - ``x``, the gradient or (when ``jac=True``) the function value is not
      finite: ``status=3``, ``success=False``.
    - ``tol`` is not None and :math:`\|g_t\|_2 \le` ``tol``: ``status=0``,
      ``success=True``.
    - ``callback`` requested a stop: ``status=2``, ``success=False``.
    - ``max_iter`` updates were made: ``status=1`` and ``success=False``
      when ``tol`` was set but not met, as in :func:`scipy.optimize.minimize`.
      With ``tol=None`` no criterion was requested, so the run reports
      ``status=0`` and ``success=True``.

    With a callable ``jac``, ``fun`` runs only once, at the final point. A
    non-finite value there also gives ``status=3``.

    Parameters
    ----------
    fun : callable
        Objective ``fun(x) -> float``, where ``x`` is a 1-D array shaped
        like ``x0``. With ``jac=True``, ``fun(x)`` returns
        ``(value, gradient)`` instead.

    x0 : array-like of shape (n,)
        Starting point. It must be 1-D, real and finite. float32 input is
        optimized in float32, any other dtype in float64. ``x0`` itself is
        not changed.

    jac : callable or True
        Gradient ``jac(x) -> ndarray`` of shape ``(n,)``, or ``True`` when
        ``fun`` returns the value and the gradient together.
        Finite-difference gradients are not supported.

    optimizer : str or optimizer object, default="adam"
        A name from :data:`skoptim.optimizers.OPTIMIZERS` (the class with
        its default hyperparameters) or an optimizer object, such as
        ``Adam(learning_rate=0.05)``. An object is copied with
        ``sklearn.base.clone(optimizer, safe=False)`` and never changed.

    max_iter : int, default=1000
        Maximum number of updates. Values must be in the range `[1, inf)`.

    tol : float or None, default=None
        Stop when the Euclidean norm of the gradient is at most ``tol``.
        ``None`` runs all ``max_iter`` updates unless the run diverges or
        ``callback`` stops it. Values must be in the range `[0.0, inf)`.

    callback : callable or None, default=None
        Called as ``callback(x)`` after each update, with a copy of the new
        iterate. Returning a true value or raising ``StopIteration`` stops
        the run.

    record_path : bool, default=False
        Store every iterate in the result's ``path``.

    Returns
    -------
    result : scipy.optimize.OptimizeResult
        With the fields:

        - ``x`` : ndarray of shape (n,), the last iterate;
        - ``fun`` : float, ``fun`` at ``x``;
        - ``jac`` : ndarray of shape (n,), the gradient at ``x``;
        - ``nit`` : int, the number of updates made;
        - ``nfev``, ``njev`` : int, the numbers of calls to ``fun`` and to
          ``jac`` (with ``jac=True`` both count the calls to ``fun``);
        - ``success`` : bool, ``status`` : int and ``message`` : str, as
          listed above;
        - ``path`` : ndarray of shape (nit + 1, n), ``x0`` followed by every
          iterate, only when ``record_path=True``.

    Raises
    ------
    TypeError
        If ``jac`` is neither callable nor ``True``, if ``x0`` is not real,
        or if ``fun`` does not return a pair when ``jac=True``.
    ValueError
        If ``x0`` is not 1-D, empty or not finite, if the gradient's shape
        differs from ``x0``'s, or if ``fun`` returns more than one value.
    sklearn.utils._param_validation.InvalidParameterError
        If ``fun``, ``optimizer``, ``max_iter``, ``tol``, ``callback`` or
        ``record_path`` is invalid, or the optimizer's or its schedule's
        hyperparameters are out of range.

    See Also
    --------
    scipy.optimize.minimize : Second-order and quasi-Newton methods.

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim import minimize
    >>> from skoptim.optimizers import SGD
    >>> result = minimize(
    ...     lambda x: np.sum((x - 3.0) ** 2),
    ...     np.zeros(2),
    ...     jac=lambda x: 2 * (x - 3.0),
    ...     optimizer=SGD(learning_rate=0.1),
    ...     tol=1e-8,
    ... )
    >>> result.success, result.nit
    (True, 93)
    >>> np.round(result.x, 6)
    array([3., 3.])
    """
    validate_parameter_constraints(
        _PARAMETER_CONSTRAINTS,
        {
            "fun": fun,
            "optimizer": optimizer,
            "max_iter": max_iter,
            "tol": tol,
            "callback": callback,
            "record_path": record_path,
        },
        caller_name="minimize",
    )
    if not (jac is True or callable(jac)):
        raise TypeError(
            "jac must be a callable that returns the gradient, or True when fun "
            f"returns (value, gradient), got {jac!r}. Finite-difference gradients "
            "are not supported."
        )
    x = _check_x0(x0)
    optimizer = _resolve_optimizer(optimizer)

    def evaluate(point):
        """Return (value or None, gradient) at ``point`` and count the calls."""
        nonlocal nfev, njev
        if jac is True:
            value, grad = _split_value_and_gradient(fun(point))
            value = _check_value(value)
            nfev += 1
        else:
            value, grad = None, jac(point)
        njev += 1
        return value, _check_gradient(grad, point)

    nfev = njev = nit = 0
    state = optimizer.init(x)
    path = [x.copy()] if record_path else None
    stop_requested = False

    value, grad = evaluate(x)
    while True:
        failure = _non_finite_message(x, grad, value, nit)
        if failure is not None:
            status, message = 3, failure
            break
        if tol is not None and np.linalg.norm(grad) <= tol:
            status = 0
            message = f"The gradient norm is at most tol={tol}."
            break
        if stop_requested:
            status, message = 2, "Stopped by callback."
            break
        if nit == max_iter:
            if tol is None:
                status, message = 0, "Maximum number of iterations reached."
            else:
                status = 1
                message = (
                    f"Maximum number of iterations reached before the gradient "
                    f"norm fell to tol={tol}. Increase max_iter or tol, or "
                    "change the learning rate."
                )
            break

        step, state = optimizer.update(grad, state, x)
        x = (x + step).astype(x.dtype, copy=False)
        nit += 1
        if record_path:
            path.append(x.copy())
        value, grad = evaluate(x)
        if callback is not None:
            stop_requested = _run_callback(callback, x)

    # With a separate jac the loop never needs fun, so it runs once here.
    if value is None:
        value = _check_value(fun(x))
        nfev += 1
        if status != 3 and not np.isfinite(value):
            status = 3
            message = (
                f"fun is not finite at the final point after {nit} updates. "
                "The optimizer probably diverged. Try a smaller learning rate."
            )

    result = OptimizeResult(
        x=x,
        fun=value,
        jac=grad,
        nit=nit,
        nfev=nfev,
        njev=njev,
        success=status == 0,
        status=status,
        message=message,
    )
    if record_path:
        result.path = np.array(path)
    return result


def _check_x0(x0):
    """Return a 1-D float copy of ``x0``, raising if it is not real and finite."""
    x = np.asarray(x0)
    if x.dtype.kind not in "iuf":
        raise TypeError(
            f"x0 must contain real numbers, got an array of dtype {x.dtype}."
        )
    if x.ndim != 1:
        raise ValueError(
            f"x0 must be a 1-D array, got shape {x.shape}. Flatten it with "
            "np.ravel and reshape inside fun and jac."
        )
    if x.size == 0:
        raise ValueError("x0 must contain at least one value, got shape (0,).")
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        raise ValueError(f"x0 must be finite, got {x[bad[0]]} at index {bad[0]}.")
    dtype = np.float32 if x.dtype == np.float32 else np.float64
    return np.array(x, dtype=dtype)


def _split_value_and_gradient(output):
    """Return ``fun``'s ``(value, gradient)`` output, raising if it is not a pair."""
    if not isinstance(output, tuple | list) or len(output) != 2:
        raise TypeError(
            "With jac=True, fun must return a (value, gradient) pair, got "
            f"{type(output).__name__}. Pass the gradient function as jac instead "
            "if fun returns only the value."
        )
    return output


def _check_value(value):
    """Return ``fun``'s output as a float, raising unless it is one number."""
    array = np.asarray(value)
    if array.size != 1:
        raise ValueError(
            f"fun must return a single number, got an array of shape {array.shape}."
        )
    return float(array.reshape(()))


def _check_gradient(grad, x):
    """Return ``grad`` as an array of ``x``'s dtype, raising if shapes differ."""
    grad = np.asarray(grad)
    if grad.shape != x.shape:
        raise ValueError(
            f"The gradient has shape {grad.shape}, but x0 has shape {x.shape}. "
            "jac must return one partial derivative per entry of x."
        )
    return grad.astype(x.dtype, copy=False)


def _non_finite_message(x, grad, value, nit):
    """Return a failure message if the iterate, gradient or value is not finite."""
    value_is_finite = value is None or np.isfinite(value)
    if value_is_finite and np.all(np.isfinite(x)) and np.all(np.isfinite(grad)):
        return None
    if nit == 0:
        return "The gradient or the value of fun at x0 is not finite."
    return (
        f"The iterate, its gradient or its value became non-finite at update "
        f"{nit}. The optimizer probably diverged. Try a smaller learning rate."
    )


def _run_callback(callback, x):
    """Call ``callback`` with a copy of ``x`` and return whether to stop."""
    try:
        return bool(callback(x.copy()))
    except StopIteration:
        return True
