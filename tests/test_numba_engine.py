"""GDRegressor(engine="numba") against the numpy loop it replaces."""

import numpy as np
import pytest
import scipy.sparse as sp
from numpy.testing import assert_array_equal

from skoptim import GDRegressor, _numba_epoch
from skoptim.optimizers import SGD, Adam, AdaGrad, Momentum, Nesterov
from skoptim.schedules import ExponentialDecay

pytest.importorskip("numba", reason="the numba extra is not installed")


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 5)) + 3.0
    y = X @ rng.standard_normal(5) + 2.0 + 0.1 * rng.standard_normal(300)
    return X, y


def _fit_both(X, y, **params):
    numpy_fit = GDRegressor(engine="numpy", **params).fit(X, y)
    numba_fit = GDRegressor(engine="numba", **params).fit(X, y)
    return numpy_fit, numba_fit


def _assert_close(actual, expected):
    """Equal to 1e-12 of the largest entry: only the sum order differs."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    scale = np.max(np.abs(expected))
    assert np.max(np.abs(actual - expected)) <= 1e-12 * scale


OPTIMIZERS = [SGD(), Momentum(), Nesterov(), Adam(), Adam(beta_1=0.3)]


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=repr)
@pytest.mark.parametrize("batch_size, shuffle", [(32, True), (50, False), (None, True)])
def test_numba_epoch_matches_numpy(data, optimizer, batch_size, shuffle):
    X, y = data
    # Full-batch Adam normalizes the intercept's rounding-level gradient, so
    # the two sum orders part visibly there; without an intercept they agree.
    fit_intercept = not (batch_size is None and isinstance(optimizer, Adam))
    numpy_fit, numba_fit = _fit_both(
        X,
        y,
        optimizer=optimizer,
        batch_size=batch_size,
        shuffle=shuffle,
        fit_intercept=fit_intercept,
        penalty="elasticnet",
        alpha=0.01,
        max_iter=15,
        tol=None,
        random_state=0,
    )
    _assert_close(numba_fit.coef_, numpy_fit.coef_)
    _assert_close(numba_fit.intercept_, numpy_fit.intercept_)
    _assert_close(numba_fit.loss_curve_, numpy_fit.loss_curve_)
    assert numba_fit.n_updates_ == numpy_fit.n_updates_
    for key, value in numpy_fit._optimizer_state.items():
        _assert_close(numba_fit._optimizer_state[key], value)


def test_numba_partial_fit_continues_state(data):
    X, y = data
    numpy_fit = GDRegressor(optimizer=Adam(), random_state=0)
    numba_fit = GDRegressor(optimizer=Adam(), random_state=0, engine="numba")
    for _ in range(3):
        numpy_fit.partial_fit(X, y)
        numba_fit.partial_fit(X, y)
    _assert_close(numba_fit.coef_, numpy_fit.coef_)
    assert numba_fit._optimizer_state["step"] == numpy_fit._optimizer_state["step"]


@pytest.mark.parametrize(
    "params, transform",
    [
        ({"optimizer": AdaGrad()}, None),
        ({"optimizer": SGD(learning_rate=ExponentialDecay(0.01, decay_rate=0.9))}, None),
        ({"optimizer": Adam(amsgrad=True)}, None),
        ({"optimizer": SGD(weight_decay=0.1)}, None),
        ({"loss": "huber"}, None),
        ({"average": True}, None),
        ({}, np.float32),
        ({}, sp.csr_matrix),
    ],
)
def test_uncovered_fit_runs_numpy_loop(data, params, transform):
    """Fits the kernel does not cover give the numpy loop's exact result."""
    X, y = data
    if transform is np.float32:
        X, y = X.astype(np.float32), y.astype(np.float32)
    elif transform is not None:
        X = transform(X)
    numpy_fit, numba_fit = _fit_both(X, y, max_iter=5, tol=None, random_state=0, **params)
    assert_array_equal(numba_fit.coef_, numpy_fit.coef_)


def test_uncovered_multi_output_runs_numpy_loop(data):
    X, y = data
    Y = np.c_[y, -y]
    numpy_fit, numba_fit = _fit_both(X, Y, max_iter=5, tol=None, random_state=0)
    assert_array_equal(numba_fit.coef_, numpy_fit.coef_)


def test_uncovered_sample_weight_runs_numpy_loop(data):
    X, y = data
    weights = np.linspace(0.5, 2.0, len(y))
    kwargs = dict(max_iter=5, tol=None, random_state=0)
    numpy_fit = GDRegressor(engine="numpy", **kwargs).fit(X, y, sample_weight=weights)
    numba_fit = GDRegressor(engine="numba", **kwargs).fit(X, y, sample_weight=weights)
    assert_array_equal(numba_fit.coef_, numpy_fit.coef_)


def test_numba_divergence_raises(data):
    X, y = data
    estimator = GDRegressor(optimizer=SGD(learning_rate=10.0), engine="numba")
    with pytest.raises(ValueError, match="diverged at epoch"):
        estimator.fit(1e3 * X, y)
    assert not hasattr(estimator, "coef_")


def test_numba_engine_without_numba_raises(data, monkeypatch):
    X, y = data
    monkeypatch.setattr(_numba_epoch, "numba", None)
    with pytest.raises(ImportError, match=r"engine='numba' needs the numba package"):
        GDRegressor(engine="numba").fit(X, y)
