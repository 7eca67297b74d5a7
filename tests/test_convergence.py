# SPDX-License-Identifier: BSD-3-Clause
"""Convergence of GDRegressor to closed-form and scikit-learn solutions.

Every test pins the optimizer hyperparameters, ``batch_size``, ``max_iter``,
``tol`` and ``random_state``, so each result is deterministic. The Boston
test is the exception by design: it checks the default settings, with only
``random_state`` set. Coefficient errors are norm-wise,
``||coef_ - coef|| / ||coef||``.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso, Ridge
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skoptim import GDRegressor
from skoptim.datasets import load_boston_housing
from skoptim.optimizers import (
    OPTIMIZERS,
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    RMSProp,
)

N_SAMPLES = 200
TRUE_COEF = np.array([1.5, -2.0, 0.5, 3.0, -1.0])
TRUE_INTERCEPT = 4.0

# Penalty settings shared by the GDRegressor fits and their references.
ALPHA = 0.1
L1_RATIO = 0.5


def _make_linear_data(noise=0.0, seed=0):
    """Return standardized features and a linear target plus Gaussian noise.

    The features are standardized on the sample, so the Hessian of the
    squared error is their correlation matrix (eigenvalues about 0.86 to
    1.12 for seed 0) and plain gradient descent contracts fast.
    """
    rng = np.random.RandomState(seed)
    X = StandardScaler().fit_transform(rng.randn(N_SAMPLES, TRUE_COEF.size))
    y = X @ TRUE_COEF + TRUE_INTERCEPT + noise * rng.randn(N_SAMPLES)
    return X, y


def _lstsq_solution(X, y):
    """Return the least-squares coefficients and intercept of ``y`` on ``X``."""
    design = np.column_stack([X, np.ones(X.shape[0])])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    return solution[:-1], solution[-1]


def _relative_error(estimate, reference):
    return np.linalg.norm(estimate - reference) / np.linalg.norm(reference)


# (optimizer, max_iter, rtol) with full batches. SGD, momentum methods and
# AdaGrad converge linearly to the exact minimum. RMSProp and Adam move each
# parameter by about learning_rate per update, however small its gradient.
# With a constant step they therefore settle into a limit cycle of about
# that size around the minimum, so RMSProp needs a small learning rate and
# many epochs to get within 1e-4.
LSTSQ_CASES = [
    pytest.param(SGD(learning_rate=0.5), 100, 1e-6, id="sgd"),
    pytest.param(Momentum(learning_rate=0.1, momentum=0.5), 150, 1e-6, id="momentum"),
    pytest.param(Nesterov(learning_rate=0.1, momentum=0.5), 150, 1e-6, id="nesterov"),
    pytest.param(AdaGrad(learning_rate=0.5), 400, 1e-6, id="adagrad"),
    pytest.param(RMSProp(learning_rate=1.5e-4), 25_000, 1e-4, id="rmsprop"),
    pytest.param(Adam(learning_rate=0.01), 2_000, 1e-4, id="adam"),
]


@pytest.mark.parametrize("optimizer, max_iter, rtol", LSTSQ_CASES)
def test_fit_converges_to_lstsq_solution(optimizer, max_iter, rtol):
    """Without penalty and noise, the fit reaches the least-squares solution."""
    X, y = _make_linear_data()
    coef, intercept = _lstsq_solution(X, y)

    est = GDRegressor(
        optimizer=optimizer,
        penalty=None,
        batch_size=None,
        max_iter=max_iter,
        tol=None,
        random_state=0,
    ).fit(X, y)

    assert _relative_error(est.coef_, coef) < rtol
    assert est.intercept_ == pytest.approx(intercept, rel=rtol)


def test_fit_mini_batches_reach_lstsq_solution():
    """On noise-free data every mini-batch gradient vanishes at the minimum,
    so shuffled mini-batch SGD converges exactly too."""
    X, y = _make_linear_data()
    coef, intercept = _lstsq_solution(X, y)

    est = GDRegressor(
        optimizer=SGD(learning_rate=0.1),
        penalty=None,
        batch_size=20,
        shuffle=True,
        max_iter=100,
        tol=None,
        random_state=0,
    ).fit(X, y)

    assert _relative_error(est.coef_, coef) < 1e-6
    assert est.intercept_ == pytest.approx(intercept, rel=1e-6)


# (penalty, reference). Ridge minimizes ||y - Xw||^2 + alpha_ridge ||w||^2,
# which is 2 * n_samples times GDRegressor's objective with
# alpha = alpha_ridge / n_samples.
PENALTY_CASES = [
    pytest.param(
        "elasticnet",
        ElasticNet(alpha=ALPHA, l1_ratio=L1_RATIO, tol=1e-12, max_iter=100_000),
        id="elasticnet",
    ),
    pytest.param("l2", Ridge(alpha=N_SAMPLES * ALPHA), id="l2-ridge"),
    pytest.param("l1", Lasso(alpha=ALPHA, tol=1e-12, max_iter=100_000), id="l1-lasso"),
]

PENALTY_OPTIMIZERS = [
    pytest.param(SGD(learning_rate=0.5), 200, id="sgd"),
    pytest.param(Momentum(learning_rate=0.1, momentum=0.5), 200, id="momentum"),
    pytest.param(Nesterov(learning_rate=0.1, momentum=0.5), 200, id="nesterov"),
    pytest.param(AdaGrad(learning_rate=0.5), 600, id="adagrad"),
]


@pytest.mark.parametrize("optimizer, max_iter", PENALTY_OPTIMIZERS)
@pytest.mark.parametrize("penalty, reference", PENALTY_CASES)
def test_fit_penalty_matches_sklearn_solver(penalty, reference, optimizer, max_iter):
    """Full-batch fits reach the exact penalized solution of scikit-learn.

    No coefficient of the reference is zero, so the L1 subgradient is smooth
    near the minimum and a constant step converges.
    """
    X, y = _make_linear_data(noise=0.5)
    reference = clone(reference).fit(X, y)

    est = GDRegressor(
        optimizer=optimizer,
        penalty=penalty,
        alpha=ALPHA,
        l1_ratio=L1_RATIO,
        batch_size=None,
        max_iter=max_iter,
        tol=None,
        random_state=0,
    ).fit(X, y)

    assert np.all(reference.coef_ != 0)
    assert _relative_error(est.coef_, reference.coef_) < 1e-4
    assert est.intercept_ == pytest.approx(reference.intercept_, rel=1e-4)


def _sgd_full_batch(**params):
    """Return a full-batch SGD regressor that stops after a fixed 30 epochs.

    Stopping well before convergence makes the comparisons check the whole
    trajectory, not only the shared minimum.
    """
    return GDRegressor(
        optimizer=SGD(learning_rate=0.05),
        penalty="elasticnet",
        alpha=ALPHA,
        l1_ratio=L1_RATIO,
        batch_size=None,
        max_iter=30,
        tol=None,
        random_state=0,
        **params,
    )


def test_fit_integer_weights_equal_repeated_rows():
    X, y = _make_linear_data(noise=0.5)
    weights = np.random.RandomState(1).randint(1, 4, size=N_SAMPLES)
    X_repeated = np.repeat(X, weights, axis=0)
    y_repeated = np.repeat(y, weights)

    weighted = _sgd_full_batch().fit(X, y, sample_weight=weights)
    repeated = _sgd_full_batch().fit(X_repeated, y_repeated)

    assert _relative_error(weighted.coef_, repeated.coef_) < 1e-8
    assert weighted.intercept_ == pytest.approx(repeated.intercept_, rel=1e-8)
    assert_allclose(weighted.loss_curve_, repeated.loss_curve_, rtol=1e-8)


def test_fit_zero_weights_equal_removed_rows():
    X, y = _make_linear_data(noise=0.5)
    weights = np.ones(N_SAMPLES)
    weights[::4] = 0.0
    kept = weights > 0

    weighted = _sgd_full_batch().fit(X, y, sample_weight=weights)
    removed = _sgd_full_batch().fit(X[kept], y[kept])

    assert _relative_error(weighted.coef_, removed.coef_) < 1e-8
    assert weighted.intercept_ == pytest.approx(removed.intercept_, rel=1e-8)
    assert_allclose(weighted.loss_curve_, removed.loss_curve_, rtol=1e-8)


@pytest.fixture(scope="module")
def boston_lstat_split():
    """Return the 80/20 training split of Boston LSTAT (X) and MEDV (y)."""
    frame = load_boston_housing(as_frame=True).frame
    X_train, _, y_train, _ = train_test_split(
        frame[["LSTAT"]], frame["MEDV"], test_size=0.2, random_state=0
    )
    return X_train, y_train


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_boston_default_settings_reach_lstsq_mse(name, boston_lstat_split):
    """Default settings fit Boston LSTAT -> MEDV to within 1 % of the
    least-squares training MSE, without a ConvergenceWarning."""
    X_train, y_train = boston_lstat_split
    X_scaled = StandardScaler().fit_transform(X_train)
    coef, intercept = _lstsq_solution(X_scaled, y_train.to_numpy())
    lstsq_mse = np.mean((X_scaled @ coef + intercept - y_train) ** 2)
    model = make_pipeline(
        StandardScaler(), GDRegressor(optimizer=name, random_state=0)
    )

    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model.fit(X_train, y_train)
    mse = np.mean((model.predict(X_train) - y_train) ** 2)

    assert mse <= 1.01 * lstsq_mse


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_fit_multi_output_equals_separate_fits(name):
    """Each target of a 2-D y is fitted as if it were alone."""
    X, y = _make_linear_data(noise=0.5)
    rng = np.random.RandomState(2)
    Y = np.column_stack([y, 3.0 * y - 10.0, rng.randn(N_SAMPLES) + X[:, 0]])
    params = dict(
        optimizer=name, batch_size=32, shuffle=False, max_iter=20, tol=None
    )

    multi = GDRegressor(**params).fit(X, Y)

    assert multi.coef_.shape == (3, TRUE_COEF.size)
    assert multi.intercept_.shape == (3,)
    for target in range(3):
        single = GDRegressor(**params).fit(X, Y[:, target])
        assert_allclose(multi.coef_[target], single.coef_, rtol=1e-12)
        assert_allclose(multi.intercept_[target], single.intercept_, rtol=1e-12)


def _adam_mini_batch():
    return GDRegressor(
        optimizer=Adam(learning_rate=0.01),
        batch_size=16,
        shuffle=True,
        max_iter=50,
        tol=None,
        random_state=0,
    )


def test_fit_float32_keeps_dtype():
    X, y = _make_linear_data(noise=0.5)
    X32, y32 = X.astype(np.float32), y.astype(np.float32)

    est = _adam_mini_batch().fit(X32, y32)

    assert est.coef_.dtype == np.float32
    assert np.asarray(est.intercept_).dtype == np.float32
    assert est.predict(X32).dtype == np.float32


def test_fit_float32_matches_float64():
    X, y = _make_linear_data(noise=0.5)

    est64 = _adam_mini_batch().fit(X, y)
    est32 = _adam_mini_batch().fit(X.astype(np.float32), y.astype(np.float32))

    assert _relative_error(est32.coef_, est64.coef_) < 1e-4
    assert est32.intercept_ == pytest.approx(est64.intercept_, rel=1e-4)


@pytest.mark.parametrize(
    "sparse_container", [sp.csr_matrix, sp.csc_matrix, sp.csr_array, sp.csc_array]
)
def test_fit_sparse_matches_dense(sparse_container):
    """Sparse input trains on the same mini-batches as its dense equivalent."""
    rng = np.random.RandomState(0)
    X = rng.randn(N_SAMPLES, TRUE_COEF.size) + 1.0
    X[rng.rand(*X.shape) < 0.7] = 0.0
    y = X @ TRUE_COEF + TRUE_INTERCEPT + 0.5 * rng.randn(N_SAMPLES)

    dense = _adam_mini_batch().fit(X, y)
    sparse = _adam_mini_batch().fit(sparse_container(X), y)

    assert _relative_error(sparse.coef_, dense.coef_) < 1e-10
    assert sparse.intercept_ == pytest.approx(dense.intercept_, rel=1e-10)
    assert_allclose(sparse.predict(sparse_container(X)), dense.predict(X), rtol=1e-10)
