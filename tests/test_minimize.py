"""Tests of skoptim.minimize: convergence of every optimizer on test
functions, the result fields, stopping rules and input validation.

Every run pins its start point, learning rate and number of updates, and
the errors quoted in comments were measured with these settings."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.optimize import OptimizeResult
from sklearn.utils._param_validation import InvalidParameterError

from skoptim import minimize
from skoptim.optimizers import (
    OPTIMIZERS,
    SGD,
    Adadelta,
    AdaGrad,
    Adam,
    AdaMax,
    AdamW,
    AMSGrad,
    Momentum,
    Nadam,
    Nesterov,
    RMSProp,
)
from skoptim.schedules import CosineDecay, ExponentialDecay

# A symmetric positive definite matrix with eigenvalues 1.15, 2.12 and 3.23.
A = np.array([[3.0, 0.5, 0.0], [0.5, 2.0, 0.5], [0.0, 0.5, 1.5]])
B = np.array([1.0, -2.0, 0.5])
QUADRATIC_MINIMIZER = np.linalg.solve(A, B)
QUADRATIC_X0 = np.array([2.0, 1.0, -1.0])


def quadratic(x):
    return 0.5 * x @ A @ x - B @ x


def quadratic_grad(x):
    return A @ x - B


def rosenbrock(point):
    """Return the Rosenbrock function and its gradient; the minimum is (1, 1)."""
    x, y = point
    value = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    grad = np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])
    return value, grad


def beale(point):
    """Return the Beale function and its gradient; the minimum is (3, 0.5)."""
    x, y = point
    powers = np.arange(1, 4)
    residuals = np.array([1.5, 2.25, 2.625]) - x + x * y**powers
    value = np.sum(residuals**2)
    grad = np.array(
        [
            np.sum(2 * residuals * (y**powers - 1)),
            np.sum(2 * residuals * x * powers * y ** (powers - 1)),
        ]
    )
    return value, grad


def saddle(point):
    """Return f(x, y) = x^2 - y^2, which has a saddle point at the origin."""
    x, y = point
    return x**2 - y**2, np.array([2 * x, -2 * y])


# Optimizer and number of updates for each name in OPTIMIZERS, started at
# QUADRATIC_X0. The last column is the final error measured with these
# settings. RMSProp with a constant rate keeps oscillating about 0.87 times
# its learning rate away from the minimizer, so it gets a decaying rate.
# AdamW's weight decay would move the minimizer, so it is switched off.
QUADRATIC_SETTINGS = {
    "sgd": (SGD(learning_rate=0.1), 500),  # 7.5e-16
    "momentum": (Momentum(learning_rate=0.01), 500),  # 1.0e-11
    "nesterov": (Nesterov(learning_rate=0.01), 500),  # 4.3e-13
    "adagrad": (AdaGrad(learning_rate=1.0), 500),  # 2.5e-16
    "rmsprop": (
        RMSProp(learning_rate=ExponentialDecay(0.1, decay_rate=0.99)),
        2000,
    ),  # 2.5e-16
    "adam": (Adam(learning_rate=0.1), 500),  # 2.3e-12
    "adadelta": (Adadelta(learning_rate=0.5), 2000),  # 2.5e-16 from update 1200 on
    "adamax": (AdaMax(learning_rate=0.1), 500),  # 2.4e-12
    "nadam": (Nadam(learning_rate=0.1), 500),  # 2.5e-16
    "amsgrad": (AMSGrad(learning_rate=0.1), 500),  # 1.0e-11
    "adamw": (AdamW(learning_rate=0.1, weight_decay=0.0), 500),  # 2.3e-12
}


def test_quadratic_settings_cover_every_optimizer():
    assert set(QUADRATIC_SETTINGS) == set(OPTIMIZERS)
    for name, (optimizer, _) in QUADRATIC_SETTINGS.items():
        assert type(optimizer) is OPTIMIZERS[name]


@pytest.mark.parametrize("name", QUADRATIC_SETTINGS)
def test_optimizer_reaches_quadratic_minimizer(name):
    optimizer, max_iter = QUADRATIC_SETTINGS[name]
    result = minimize(
        quadratic,
        QUADRATIC_X0,
        jac=quadratic_grad,
        optimizer=optimizer,
        max_iter=max_iter,
    )
    assert result.nit == max_iter
    assert np.linalg.norm(result.x - QUADRATIC_MINIMIZER) < 1e-4


@pytest.mark.parametrize(
    "optimizer, max_iter",
    [
        # Final error 8.6e-13; a constant rate of 0.05 ends 2.8e-3 away
        # after 10,000 updates because Adam oscillates near the minimum.
        (Adam(learning_rate=ExponentialDecay(0.1, decay_rate=0.9995)), 5000),
        # Final error 1.3e-9; a rate of 1.5e-3 does not converge.
        (Nesterov(learning_rate=5e-4), 10000),
    ],
    ids=["adam", "nesterov"],
)
def test_optimizer_reaches_rosenbrock_minimum(optimizer, max_iter):
    result = minimize(
        rosenbrock, [-1.2, 1.0], jac=True, optimizer=optimizer, max_iter=max_iter
    )
    assert np.linalg.norm(result.x - [1.0, 1.0]) < 1e-4


def test_adam_reaches_beale_minimum():
    # The rate is 0 from update 5000 on, so the iterate stays where it is
    # (final error 2.8e-14).
    optimizer = Adam(learning_rate=CosineDecay(0.05, decay_steps=5000))
    result = minimize(beale, [1.0, 1.5], jac=True, optimizer=optimizer, max_iter=5000)
    assert np.linalg.norm(result.x - [3.0, 0.5]) < 1e-6
    assert result.fun < 1e-12


def _updates_to_leave_saddle(optimizer):
    """Count the updates from (1, 1e-3) until |y| > 1, stopping there."""
    result = minimize(
        saddle,
        [1.0, 1e-3],
        jac=True,
        optimizer=optimizer,
        max_iter=2000,
        callback=lambda x: abs(x[1]) > 1,
    )
    assert result.status == 2
    return result.nit


def test_adam_leaves_saddle_before_sgd():
    # SGD multiplies y by 1 + 2 * 0.01 per update, so it needs
    # ceil(log(1000) / log(1.02)) = 349 updates. Adam's first steps move y by
    # about the learning rate whatever the gradient's size (77 updates).
    adam_updates = _updates_to_leave_saddle(Adam(learning_rate=0.01))
    sgd_updates = _updates_to_leave_saddle(SGD(learning_rate=0.01))
    assert sgd_updates == 349
    assert adam_updates < 100
    assert adam_updates < sgd_updates


def test_saddle_path_counts_match_callback():
    result = minimize(
        saddle,
        [1.0, 1e-3],
        jac=True,
        optimizer=Adam(learning_rate=0.01),
        max_iter=200,
        record_path=True,
    )
    first_outside = np.argmax(np.abs(result.path[:, 1]) > 1)
    assert first_outside == _updates_to_leave_saddle(Adam(learning_rate=0.01))


def test_result_fields():
    result = minimize(
        quadratic,
        QUADRATIC_X0,
        jac=quadratic_grad,
        optimizer=SGD(learning_rate=0.1),
        max_iter=50,
    )
    assert isinstance(result, OptimizeResult)
    assert result.nit == 50
    assert result.success
    assert result.status == 0
    assert result.message == "Maximum number of iterations reached."
    assert result.fun == pytest.approx(quadratic(result.x), rel=1e-15)
    assert_allclose(result.jac, quadratic_grad(result.x), rtol=1e-15)
    assert result.njev == 51
    assert result.nfev == 1
    assert "path" not in result


def test_record_path_shape_and_ends():
    result = minimize(
        quadratic,
        QUADRATIC_X0,
        jac=quadratic_grad,
        optimizer=SGD(learning_rate=0.1),
        max_iter=20,
        record_path=True,
    )
    assert result.path.shape == (21, 3)
    assert_array_equal(result.path[0], QUADRATIC_X0)
    assert_array_equal(result.path[-1], result.x)


def test_record_path_follows_sgd_updates():
    result = minimize(
        quadratic,
        QUADRATIC_X0,
        jac=quadratic_grad,
        optimizer=SGD(learning_rate=0.1),
        max_iter=3,
        record_path=True,
    )
    for k in range(3):
        expected = result.path[k] - 0.1 * quadratic_grad(result.path[k])
        assert_allclose(result.path[k + 1], expected, rtol=1e-15)


def test_jac_true_matches_separate_jac():
    def fun_and_grad(x):
        return quadratic(x), quadratic_grad(x)

    separate = minimize(
        quadratic, QUADRATIC_X0, jac=quadratic_grad, optimizer="adam", max_iter=30
    )
    combined = minimize(
        fun_and_grad, QUADRATIC_X0, jac=True, optimizer="adam", max_iter=30
    )
    assert_array_equal(combined.x, separate.x)
    assert combined.fun == separate.fun
    assert combined.nfev == 31
    assert combined.njev == 31


def test_tol_stops_with_success():
    result = minimize(
        quadratic,
        QUADRATIC_X0,
        jac=quadratic_grad,
        optimizer=SGD(learning_rate=0.1),
        max_iter=1000,
        tol=1e-6,
    )
    assert result.success
    assert result.status == 0
    assert result.nit < 1000
    assert np.linalg.norm(result.jac) <= 1e-6
    assert "tol=1e-06" in result.message


def test_tol_met_at_start_makes_no_update():
    result = minimize(quadratic, QUADRATIC_MINIMIZER, jac=quadratic_grad, tol=1e-8)
    assert result.nit == 0
    assert result.success


def test_max_iter_before_tol_reports_failure():
    result = minimize(
        quadratic,
        QUADRATIC_X0,
        jac=quadratic_grad,
        optimizer=SGD(learning_rate=0.01),
        max_iter=5,
        tol=1e-6,
    )
    assert not result.success
    assert result.status == 1
    assert result.nit == 5
    assert "Increase max_iter" in result.message


def test_callback_returning_true_stops():
    seen = []

    def callback(x):
        seen.append(x)
        return len(seen) == 3

    result = minimize(
        quadratic, QUADRATIC_X0, jac=quadratic_grad, max_iter=100, callback=callback
    )
    assert result.nit == 3
    assert not result.success
    assert result.status == 2
    assert result.message == "Stopped by callback."
    assert_array_equal(seen[-1], result.x)


def test_callback_raising_stop_iteration_stops():
    def callback(x):
        raise StopIteration

    result = minimize(
        quadratic, QUADRATIC_X0, jac=quadratic_grad, max_iter=100, callback=callback
    )
    assert result.nit == 1
    assert result.status == 2


def test_callback_receives_copy():
    def callback(x):
        x[:] = 1e6

    result = minimize(
        quadratic,
        QUADRATIC_X0,
        jac=quadratic_grad,
        max_iter=5,
        callback=callback,
        record_path=True,
    )
    assert np.all(np.abs(result.path) < 10)


def test_divergence_returns_failure():
    with np.errstate(over="ignore", invalid="ignore"):
        result = minimize(
            quadratic,
            QUADRATIC_X0,
            jac=quadratic_grad,
            optimizer=SGD(learning_rate=10.0),
            max_iter=1000,
        )
    assert not result.success
    assert result.status == 3
    assert result.nit < 1000
    assert f"update {result.nit}" in result.message
    assert "smaller learning rate" in result.message


def test_non_finite_value_at_start_returns_failure():
    def fun_and_grad(x):
        return np.inf, np.zeros_like(x)

    result = minimize(fun_and_grad, [1.0, 2.0], jac=True)
    assert result.status == 3
    assert result.nit == 0
    assert "x0" in result.message


def test_non_finite_final_value_with_separate_jac():
    def fun(x):
        return np.nan

    result = minimize(fun, [1.0, 2.0], jac=lambda x: x, max_iter=3)
    assert result.status == 3
    assert not result.success
    assert "fun is not finite" in result.message


def test_float32_x0_stays_float32():
    x0 = QUADRATIC_X0.astype(np.float32)
    result = minimize(quadratic, x0, jac=quadratic_grad, max_iter=10, record_path=True)
    assert result.x.dtype == np.float32
    assert result.path.dtype == np.float32


def test_integer_x0_becomes_float64():
    result = minimize(quadratic, [2, 1, -1], jac=quadratic_grad, max_iter=10)
    assert result.x.dtype == np.float64


def test_x0_is_not_modified():
    x0 = QUADRATIC_X0.copy()
    minimize(quadratic, x0, jac=quadratic_grad, max_iter=10)
    assert_array_equal(x0, QUADRATIC_X0)


def test_optimizer_object_is_not_modified():
    optimizer = Adam(learning_rate=ExponentialDecay(0.1, decay_rate=0.99))
    before = optimizer.get_params()
    minimize(
        quadratic, QUADRATIC_X0, jac=quadratic_grad, optimizer=optimizer, max_iter=10
    )
    assert optimizer.get_params() == before
    assert not hasattr(optimizer, "state")


def test_string_optimizer_uses_default_hyperparameters():
    by_name = minimize(
        quadratic, QUADRATIC_X0, jac=quadratic_grad, optimizer="nadam", max_iter=20
    )
    by_object = minimize(
        quadratic, QUADRATIC_X0, jac=quadratic_grad, optimizer=Nadam(), max_iter=20
    )
    assert_array_equal(by_name.x, by_object.x)


@pytest.mark.parametrize(
    "x0, error, match",
    [
        (
            [[1.0, 2.0], [3.0, 4.0]],
            ValueError,
            r"x0 must be a 1-D array, got shape \(2, 2\)",
        ),
        (3.0, ValueError, r"x0 must be a 1-D array, got shape \(\)"),
        ([], ValueError, r"at least one value, got shape \(0,\)"),
        ([1.0, np.nan, 3.0], ValueError, r"x0 must be finite, got nan at index 1"),
        ([1.0, 2.0, np.inf], ValueError, r"x0 must be finite, got inf at index 2"),
        (
            ["a", "b", "c"],
            TypeError,
            r"x0 must contain real numbers, got an array of dtype <U1",
        ),
        (
            [1 + 2j, 0, 0],
            TypeError,
            r"x0 must contain real numbers, got an array of dtype complex128",
        ),
    ],
    ids=["2d", "scalar", "empty", "nan", "inf", "strings", "complex"],
)
def test_invalid_x0_raises(x0, error, match):
    with pytest.raises(error, match=match):
        minimize(quadratic, x0, jac=quadratic_grad)


@pytest.mark.parametrize("jac", [None, False, "2-point"])
def test_invalid_jac_raises(jac):
    with pytest.raises(TypeError, match=r"jac must be a callable .* or True .*, got"):
        minimize(quadratic, QUADRATIC_X0, jac=jac)


def test_gradient_shape_mismatch_raises():
    with pytest.raises(
        ValueError, match=r"gradient has shape \(2,\), but x0 has shape \(3,\)"
    ):
        minimize(quadratic, QUADRATIC_X0, jac=lambda x: x[:2])


def test_vector_value_raises():
    def fun_and_grad(x):
        return x, x

    with pytest.raises(
        ValueError, match=r"fun must return a single number, .* shape \(3,\)"
    ):
        minimize(fun_and_grad, QUADRATIC_X0, jac=True)


def test_jac_true_without_pair_raises():
    with pytest.raises(
        TypeError, match=r"jac=True, fun must return a \(value, gradient\) pair"
    ):
        minimize(quadratic, QUADRATIC_X0, jac=True)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"max_iter": 0}, r"'max_iter' parameter of minimize must be .* Got 0 instead"),
        (
            {"max_iter": 2.5},
            r"'max_iter' parameter of minimize must be .* Got 2.5 instead",
        ),
        ({"tol": -1.0}, r"'tol' parameter of minimize must be .* Got -1.0 instead"),
        ({"callback": 3}, r"'callback' parameter of minimize must be .* Got 3 instead"),
        ({"record_path": "yes"}, r"'record_path' parameter of minimize must be"),
        (
            {"optimizer": "lbfgs"},
            r"'optimizer' parameter of minimize must be .* Got 'lbfgs'",
        ),
        ({"optimizer": object()}, r"'optimizer' parameter of minimize must be"),
    ],
    ids=[
        "max_iter_zero",
        "max_iter_float",
        "tol",
        "callback",
        "record_path",
        "optimizer_name",
        "optimizer_object",
    ],
)
def test_invalid_parameter_raises(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        minimize(quadratic, QUADRATIC_X0, jac=quadratic_grad, **kwargs)


def test_invalid_optimizer_hyperparameter_raises():
    with pytest.raises(
        InvalidParameterError, match=r"'learning_rate' parameter of Adam"
    ):
        minimize(
            quadratic,
            QUADRATIC_X0,
            jac=quadratic_grad,
            optimizer=Adam(learning_rate=-0.1),
        )


def test_invalid_schedule_parameter_raises():
    optimizer = SGD(learning_rate=ExponentialDecay(0.1, decay_rate=1.5))
    with pytest.raises(
        InvalidParameterError,
        match=r"'decay_rate' parameter of ExponentialDecay must be .* Got 1.5 instead",
    ):
        minimize(quadratic, QUADRATIC_X0, jac=quadratic_grad, optimizer=optimizer)
