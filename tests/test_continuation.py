# SPDX-License-Identifier: BSD-3-Clause
"""Continued training of GDRegressor: partial_fit, warm_start, pickling,
initial coefficients, and isolation of the optimizer object."""

import pickle

import joblib
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone

from skoptim import GDRegressor
from skoptim.optimizers import OPTIMIZERS, SGD, AdaGrad, Adam, Momentum

N_SAMPLES = 200
N_FEATURES = 5


def _make_data(n_targets=None, seed=0):
    """Return features with nonzero means and a noisy linear target.

    The feature means make the centering inside GDRegressor (and its round
    trip through ``intercept_``) matter. ``n_targets=None`` gives a 1-D y.
    """
    rng = np.random.RandomState(seed)
    X = rng.randn(N_SAMPLES, N_FEATURES) * [1.0, 2.0, 0.5, 1.0, 1.5]
    X += [1.0, -2.0, 3.0, 0.0, 0.5]
    coef = rng.randn(N_FEATURES, n_targets or 1)
    Y = X @ coef + 4.0 + 0.5 * rng.randn(N_SAMPLES, n_targets or 1)
    y = Y[:, 0] if n_targets is None else Y
    return X, y


def _assert_close(actual, expected, rtol=1e-12):
    """Assert closeness relative to the largest entry of ``expected``.

    Entries near zero, such as the intercept component of a momentum buffer
    on centered features, carry only rounding noise, so an elementwise
    relative test would compare noise with noise.
    """
    expected = np.asarray(expected)
    atol = rtol * float(np.max(np.abs(expected), initial=0.0))
    assert_allclose(actual, expected, rtol=rtol, atol=atol)


def _assert_states_close(state, expected):
    assert state.keys() == expected.keys()
    for key in expected:
        _assert_close(state[key], expected[key])


CONTINUATION_OPTIMIZERS = [
    pytest.param(Adam(learning_rate=0.05), id="adam"),
    pytest.param(Momentum(learning_rate=0.01, momentum=0.9), id="momentum"),
    pytest.param(AdaGrad(learning_rate=0.5), id="adagrad"),
    pytest.param(SGD(learning_rate=0.02), id="sgd"),
]


@pytest.mark.parametrize("optimizer", CONTINUATION_OPTIMIZERS)
def test_partial_fit_equals_fit(optimizer):
    """k full-batch partial_fit calls equal one fit of k epochs."""
    X, y = _make_data()
    params = dict(optimizer=optimizer, batch_size=None, tol=None, random_state=0)
    n_epochs = 7

    fitted = GDRegressor(max_iter=n_epochs, **params).fit(X, y)
    partial = GDRegressor(**params)
    for _ in range(n_epochs):
        partial.partial_fit(X, y)

    _assert_close(partial.coef_, fitted.coef_)
    _assert_close(partial.intercept_, fitted.intercept_)
    assert partial.n_iter_ == fitted.n_iter_
    assert partial.n_updates_ == fitted.n_updates_
    _assert_close(partial.loss_curve_, fitted.loss_curve_)
    _assert_states_close(partial._optimizer_state, fitted._optimizer_state)


@pytest.mark.parametrize("batch_size", [None, 32])
@pytest.mark.parametrize("optimizer", CONTINUATION_OPTIMIZERS)
def test_warm_start_equals_single_fit(optimizer, batch_size):
    """fit(max_iter=a) then fit(max_iter=b) equals fit(max_iter=a + b)."""
    X, y = _make_data()
    params = dict(optimizer=optimizer, batch_size=batch_size, tol=None, random_state=0)

    warm = GDRegressor(warm_start=True, max_iter=4, **params).fit(X, y)
    warm.set_params(max_iter=6).fit(X, y)
    single = GDRegressor(max_iter=10, **params).fit(X, y)

    assert warm.n_iter_ == 10
    assert warm.n_updates_ == single.n_updates_
    _assert_close(warm.coef_, single.coef_)
    _assert_close(warm.intercept_, single.intercept_)
    _assert_close(warm.loss_curve_, single.loss_curve_)
    _assert_states_close(warm._optimizer_state, single._optimizer_state)


def _change_learning_rate(est, X, y):
    est.set_params(optimizer__learning_rate=0.01)
    return X, y


def _change_optimizer_class(est, X, y):
    est.set_params(optimizer=SGD(learning_rate=0.05))
    return X, y


def _drop_feature(est, X, y):
    return X[:, :-1], y


def _disable_intercept(est, X, y):
    est.set_params(fit_intercept=False)
    return X, y


def _add_target(est, X, y):
    return X, np.column_stack([y, 2.0 * y])


# (change applied before the second fit, expected reason in the warning)
WARM_START_CHANGES = [
    pytest.param(
        _change_learning_rate,
        "the optimizer or its hyperparameters changed",
        id="learning-rate",
    ),
    pytest.param(
        _change_optimizer_class,
        "the optimizer or its hyperparameters changed",
        id="optimizer-class",
    ),
    pytest.param(_drop_feature, "the number of features changed", id="n-features"),
    pytest.param(_disable_intercept, "fit_intercept changed", id="fit-intercept"),
    pytest.param(_add_target, "the number of targets changed", id="n-targets"),
]


@pytest.mark.parametrize("change, reason", WARM_START_CHANGES)
def test_warm_start_change_restarts_with_warning(change, reason):
    X, y = _make_data()
    est = GDRegressor(
        optimizer=Adam(learning_rate=0.05),
        warm_start=True,
        batch_size=None,
        max_iter=5,
        tol=None,
        random_state=0,
    ).fit(X, y)
    X_new, y_new = change(est, X, y)
    est.set_params(max_iter=3)

    with pytest.warns(UserWarning, match=f"warm_start=True cannot continue.*{reason}"):
        est.fit(X_new, y_new)
    cold = clone(est).set_params(warm_start=False).fit(X_new, y_new)

    assert est.n_iter_ == 3
    assert est.n_updates_ == 3
    assert len(est.loss_curve_) == 3
    assert est._optimizer_state["step"] == 3
    assert_array_equal(est.coef_, cold.coef_)
    assert_array_equal(est.intercept_, cold.intercept_)


def _shuffled_mini_batch_model():
    return GDRegressor(
        optimizer=Adam(learning_rate=0.05),
        batch_size=16,
        shuffle=True,
        random_state=0,
    )


def test_pickled_model_continues_identically():
    """Pickling after partial_fit keeps the coefficients, the optimizer state
    and the shuffling random state."""
    X, y = _make_data()
    est = _shuffled_mini_batch_model()
    for _ in range(3):
        est.partial_fit(X, y)

    loaded = pickle.loads(pickle.dumps(est))
    for _ in range(3):
        est.partial_fit(X, y)
        loaded.partial_fit(X, y)

    assert_array_equal(loaded.coef_, est.coef_)
    assert_array_equal(loaded.intercept_, est.intercept_)
    assert loaded.n_updates_ == est.n_updates_
    assert_array_equal(loaded.loss_curve_, est.loss_curve_)


def test_pickled_model_differs_without_shuffle_state():
    """Control for the pickle test: a fresh random state changes the result,
    so equal coefficients there show that the random state was restored."""
    X, y = _make_data()
    est = _shuffled_mini_batch_model()
    for _ in range(3):
        est.partial_fit(X, y)

    reseeded = pickle.loads(pickle.dumps(est))
    reseeded._rng = np.random.RandomState(1)
    for _ in range(3):
        est.partial_fit(X, y)
        reseeded.partial_fit(X, y)

    assert not np.array_equal(reseeded.coef_, est.coef_)


def _tiny_step_model():
    """Return a model whose single epoch barely moves the parameters."""
    return GDRegressor(
        optimizer=SGD(learning_rate=1e-10),
        batch_size=None,
        max_iter=1,
        tol=None,
        random_state=0,
    )


def test_fit_starts_from_coef_init():
    X, y = _make_data()
    coef_init = np.array([0.5, -1.0, 2.0, 0.0, 3.0])
    intercept_init = -7.0

    est = _tiny_step_model().fit(
        X, y, coef_init=coef_init, intercept_init=intercept_init
    )

    assert_allclose(est.coef_, coef_init, atol=1e-6)
    assert est.intercept_ == pytest.approx(intercept_init, abs=1e-6)


def test_fit_starts_from_2d_coef_init():
    X, Y = _make_data(n_targets=3)
    coef_init = np.arange(3 * N_FEATURES, dtype=float).reshape(3, N_FEATURES) / 10
    intercept_init = np.array([1.0, -2.0, 3.0])

    est = _tiny_step_model().fit(
        X, Y, coef_init=coef_init, intercept_init=intercept_init
    )

    assert est.coef_.shape == (3, N_FEATURES)
    assert est.intercept_.shape == (3,)
    assert_allclose(est.coef_, coef_init, atol=1e-6)
    assert_allclose(est.intercept_, intercept_init, atol=1e-6)


def test_fit_coef_init_overrides_warm_start():
    X, y = _make_data()
    est = _tiny_step_model().set_params(warm_start=True).fit(X, y)
    coef_init = np.full(N_FEATURES, 10.0)

    est.fit(X, y, coef_init=coef_init)

    assert_allclose(est.coef_, coef_init, atol=1e-6)
    assert est.n_iter_ == 1


# (n_targets, keyword arguments of fit, pattern of the error message)
WRONG_INIT_SHAPES = [
    pytest.param(
        None,
        {"coef_init": np.zeros(N_FEATURES - 1)},
        r"coef_init has shape \(4,\), but X and y need shape \(5,\)",
        id="coef-1d-short",
    ),
    pytest.param(
        None,
        {"coef_init": np.zeros((2, N_FEATURES))},
        r"coef_init has shape \(2, 5\), but X and y need shape \(5,\)",
        id="coef-2d-for-1d-y",
    ),
    pytest.param(
        3,
        {"coef_init": np.zeros((N_FEATURES, 3))},
        r"coef_init has shape \(5, 3\), but X and y need shape \(3, 5\)",
        id="coef-transposed",
    ),
    pytest.param(
        3,
        {"coef_init": np.zeros(N_FEATURES)},
        r"coef_init has shape \(5,\), but X and y need shape \(3, 5\)",
        id="coef-1d-for-2d-y",
    ),
    pytest.param(
        3,
        {"intercept_init": np.zeros(2)},
        r"intercept_init has 2 value\(s\), but y has 3 target\(s\)",
        id="intercept-short",
    ),
]


@pytest.mark.parametrize("n_targets, init, message", WRONG_INIT_SHAPES)
def test_fit_wrong_init_shape_raises(n_targets, init, message):
    X, y = _make_data(n_targets=n_targets)

    with pytest.raises(ValueError, match=message):
        _tiny_step_model().fit(X, y, **init)


def test_fit_wrong_init_shape_keeps_model_unfitted():
    X, y = _make_data()
    est = _tiny_step_model()

    with pytest.raises(ValueError, match="coef_init has shape"):
        est.fit(X, y, coef_init=np.zeros(N_FEATURES + 1))

    assert not hasattr(est, "coef_")


def test_partial_fit_state_step_counts_updates():
    """The optimizer's update count continues across partial_fit calls."""
    X, y = _make_data()
    est = GDRegressor(optimizer=Adam(), batch_size=32, random_state=0)
    updates_per_epoch = 7  # ceil(200 / 32): the last, partial batch is used.

    for n_calls in range(1, 4):
        est.partial_fit(X, y)
        assert est.n_updates_ == updates_per_epoch * n_calls
        assert est._optimizer_state["step"] == est.n_updates_


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_fit_leaves_optimizer_parameter_unchanged(name):
    X, y = _make_data()
    optimizer = OPTIMIZERS[name]()
    est = GDRegressor(optimizer=optimizer, max_iter=5, tol=None, random_state=0)
    optimizer_hash = joblib.hash(optimizer)

    est.fit(X, y)
    est.partial_fit(X, y)

    assert est.optimizer is optimizer
    assert joblib.hash(est.optimizer) == optimizer_hash
    assert est.optimizer_ is not optimizer


def test_shared_optimizer_does_not_leak_state():
    """Two estimators that share one optimizer object train independently."""
    X_a, y_a = _make_data(seed=0)
    X_b, y_b = _make_data(seed=1)
    optimizer = Adam(learning_rate=0.05)
    params = dict(
        optimizer=optimizer, batch_size=16, max_iter=10, tol=None, random_state=0
    )
    est_a = GDRegressor(**params)
    est_b = GDRegressor(**params)

    first_coef = est_a.fit(X_a, y_a).coef_.copy()
    est_b.fit(X_b, y_b)
    second_coef = est_a.fit(X_a, y_a).coef_

    assert_array_equal(second_coef, first_coef)
    assert est_a.optimizer_ is not est_b.optimizer_


def test_clone_copies_optimizer_object():
    X, y = _make_data()
    est = GDRegressor(
        optimizer=Adam(learning_rate=0.05, beta_1=0.8), max_iter=5, tol=None
    )
    est.fit(X, y)

    cloned = clone(est)

    assert cloned.optimizer is not est.optimizer
    assert cloned.optimizer is not est.optimizer_
    assert type(cloned.optimizer) is type(est.optimizer)
    assert cloned.optimizer.get_params() == est.optimizer.get_params()
    assert not hasattr(cloned, "optimizer_")
