"""GDRegressor's robust losses, early stopping and iterate averaging."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize as scipy_minimize

from skoptim import GDRegressor
from skoptim.optimizers import SGD, Adam


@pytest.fixture
def outlier_data():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(150, 2))
    y = X @ np.array([2.0, -1.0]) + 0.5 + 0.3 * rng.normal(size=150)
    y[:10] += 20.0  # outliers
    return X, y


def _sgd_objective(loss, epsilon, alpha):
    """Objective of SGDRegressor's loss with an L2 penalty, for scipy."""

    def objective(theta, X, y):
        residual = X @ theta[:-1] + theta[-1] - y
        if loss == "huber":
            abs_r = np.abs(residual)
            values = np.where(
                abs_r <= epsilon, 0.5 * residual**2, epsilon * abs_r - 0.5 * epsilon**2
            )
        else:
            values = np.maximum(np.abs(residual) - epsilon, 0)
        return values.mean() + 0.5 * alpha * theta[:-1] @ theta[:-1]

    return objective


@pytest.mark.parametrize(
    "loss, epsilon, learning_rate, tolerance",
    [("huber", 1.0, 0.05, 1e-4), ("epsilon_insensitive", 0.1, 0.01, 2e-2)],
)
def test_robust_loss_matches_scipy_minimum(outlier_data, loss, epsilon, learning_rate, tolerance):
    """Full-batch descent reaches the minimizer that scipy finds for the
    same objective. The epsilon-insensitive loss is not differentiable, so
    constant steps only reach it to about the step size."""
    X, y = outlier_data
    alpha = 0.01
    objective = _sgd_objective(loss, epsilon, alpha)
    reference = scipy_minimize(
        objective, np.zeros(3), args=(X, y), method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000},
    ).x
    estimator = GDRegressor(
        optimizer=SGD(learning_rate=learning_rate),
        loss=loss,
        epsilon=epsilon,
        alpha=alpha,
        batch_size=None,
        max_iter=20000,
        tol=None,
    ).fit(X, y)
    fitted = np.r_[estimator.coef_, estimator.intercept_]
    error = np.linalg.norm(fitted - reference) / np.linalg.norm(reference)
    assert error < tolerance
    assert objective(fitted, X, y) <= objective(reference, X, y) + tolerance


def test_huber_resists_outliers(outlier_data):
    X, y = outlier_data
    squared = GDRegressor(random_state=0).fit(X, y)
    huber = GDRegressor(loss="huber", epsilon=1.0, random_state=0).fit(X, y)
    assert abs(huber.intercept_ - 0.5) < abs(squared.intercept_ - 0.5)
    assert abs(huber.intercept_ - 0.5) < 0.2


def test_loss_curve_uses_chosen_loss(outlier_data):
    X, y = outlier_data
    estimator = GDRegressor(loss="epsilon_insensitive", max_iter=1, tol=None, batch_size=None)
    estimator.fit(X, y)
    # First epoch: one full batch evaluated at the initial point, where
    # coef = 0 and intercept = mean(y).
    expected = np.maximum(np.abs(y.mean() - y) - 0.1, 0).mean() + 0.5 * 0.0001 * 0
    assert_allclose(estimator.loss_curve_[0], expected, rtol=1e-12)


def test_early_stopping_records_validation_scores():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(400, 3))
    y = X @ np.array([1.0, 2.0, 3.0]) + 1.0 + 0.5 * rng.normal(size=400)
    estimator = GDRegressor(early_stopping=True, validation_fraction=0.2, random_state=0)
    estimator.fit(X, y)
    assert len(estimator.validation_scores_) == estimator.n_iter_
    assert estimator.best_validation_score_ == max(estimator.validation_scores_)
    assert estimator.best_validation_score_ > 0.95
    assert estimator.n_iter_ < estimator.max_iter


def test_early_stopping_restores_best_epoch():
    """The stored model scores the best validation score on the held-out
    split, not the last epoch's."""
    rng = np.random.RandomState(1)
    X = rng.normal(size=(60, 20))
    y = X[:, 0] + 2.0 * rng.normal(size=60)  # noisy: validation score peaks early
    estimator = GDRegressor(
        optimizer=Adam(learning_rate=0.05),
        penalty=None,
        early_stopping=True,
        validation_fraction=0.25,
        n_iter_no_change=10,
        random_state=0,
    ).fit(X, y)
    best_epoch = int(np.argmax(estimator.validation_scores_))
    assert best_epoch < len(estimator.validation_scores_) - 1
    # Recreate the validation split: the first 15 entries of the permutation.
    order = np.random.RandomState(0).permutation(60)
    validation = np.sort(order[:15])
    score = estimator.score(X[validation], y[validation])
    assert_allclose(score, estimator.best_validation_score_, rtol=1e-10)


def test_early_stopping_in_partial_fit_raises():
    with pytest.raises(ValueError, match="partial_fit does not support early_stopping"):
        GDRegressor(early_stopping=True).partial_fit(np.ones((5, 2)), np.ones(5))


def test_early_stopping_too_few_samples_raises():
    estimator = GDRegressor(early_stopping=True, validation_fraction=0.1)
    with pytest.raises(ValueError, match="gives 1 validation samples"):
        estimator.fit(np.arange(10.0).reshape(-1, 1), np.arange(10.0))


def test_average_equals_mean_of_iterates():
    """average=True predicts with the mean of the parameters after each
    update, computed here by hand from n partial fits."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30, 2))
    y = X @ np.array([1.0, -1.0]) + 2.0
    averaged = GDRegressor(
        optimizer=SGD(learning_rate=0.1), average=True, batch_size=None, tol=None, max_iter=7
    ).fit(X, y)
    plain = GDRegressor(optimizer=SGD(learning_rate=0.1), batch_size=None)
    iterates = []
    for _ in range(7):
        plain.partial_fit(X, y)
        iterates.append(np.r_[plain.coef_, plain.intercept_])
    assert_allclose(
        np.r_[averaged.coef_, averaged.intercept_], np.mean(iterates, axis=0), rtol=1e-12
    )


def test_average_int_starts_after_samples_seen():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30, 2))
    y = X @ np.array([1.0, -1.0]) + 2.0
    kwargs = dict(optimizer=SGD(learning_rate=0.1), batch_size=None, tol=None, max_iter=5)
    late = GDRegressor(average=10**6, **kwargs).fit(X, y)
    plain = GDRegressor(**kwargs).fit(X, y)
    assert_allclose(late.coef_, plain.coef_, rtol=1e-15)  # never reached the start


def test_average_removes_step_noise():
    """With a large constant step and small batches the last iterate
    fluctuates around the least-squares solution (about 7 % off here);
    averaging after a burn-in of 20 epochs lands within 0.2 %."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(500, 3))
    y = X @ np.array([1.0, 2.0, -1.0]) + rng.normal(size=500)
    expected = np.linalg.lstsq(np.c_[X, np.ones(500)], y, rcond=None)[0]
    settings = dict(
        optimizer=SGD(learning_rate=0.1),
        batch_size=8,
        penalty=None,
        tol=None,
        max_iter=100,
        random_state=0,
    )
    errors = {}
    for average in (False, 20 * 500):
        estimator = GDRegressor(average=average, **settings).fit(X, y)
        fitted = np.r_[estimator.coef_, estimator.intercept_]
        errors[average] = np.linalg.norm(fitted - expected) / np.linalg.norm(expected)
    assert errors[False] > 0.01
    assert errors[20 * 500] < 2e-3
