"""GDRegressor in scikit-learn workflows, and its handling of bad input."""

import pickle
import warnings

import joblib
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone, is_regressor
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.validation import check_is_fitted

from skoptim import GDRegressor
from skoptim.optimizers import SGD, Adam, AdamW, Momentum


@pytest.fixture
def regression_data():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(120, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 3.0 + 0.1 * rng.normal(size=120)
    return X, y


def test_gdregressor_is_regressor():
    assert is_regressor(GDRegressor())


def test_grid_search_over_optimizer_learning_rate(regression_data):
    X, y = regression_data
    pipeline = make_pipeline(StandardScaler(), GDRegressor(optimizer=SGD(), random_state=0))
    grid = GridSearchCV(
        pipeline,
        {"gdregressor__optimizer__learning_rate": [1e-6, 0.05]},
        cv=3,
    )
    grid.fit(X, y)
    assert grid.best_params_ == {"gdregressor__optimizer__learning_rate": 0.05}
    assert grid.best_estimator_[-1].optimizer_.learning_rate == 0.05
    # The grid's template optimizer is untouched.
    assert pipeline[-1].optimizer.learning_rate == 0.01


def test_grid_search_over_optimizer_objects(regression_data):
    X, y = regression_data
    grid = GridSearchCV(
        GDRegressor(random_state=0, max_iter=5, tol=None),
        {"optimizer": [SGD(learning_rate=1e-5), Momentum(learning_rate=0.01)]},
        cv=3,
    )
    grid.fit(X, y)
    assert isinstance(grid.best_params_["optimizer"], Momentum)
    assert grid.best_estimator_.optimizer_.learning_rate == 0.01


def test_grid_search_over_string_names(regression_data):
    X, y = regression_data
    grid = GridSearchCV(
        GDRegressor(random_state=0),
        {"optimizer": ["sgd", "adam"], "batch_size": [16, None]},
        cv=3,
    )
    grid.fit(X, y)
    assert grid.best_score_ > 0.99


def test_set_params_nested_on_string_optimizer_raises():
    with pytest.raises(ValueError, match=r"optimizer__learning_rate.*string.*Adam\("):
        GDRegressor(optimizer="adam").set_params(optimizer__learning_rate=0.1)


def test_set_params_nested_on_object_sets_value():
    estimator = GDRegressor(optimizer=Adam()).set_params(optimizer__learning_rate=0.1)
    assert estimator.optimizer.learning_rate == 0.1


def test_cross_val_score_on_pipeline(regression_data):
    X, y = regression_data
    pipeline = make_pipeline(StandardScaler(), GDRegressor(random_state=0))
    scores = cross_val_score(pipeline, X, y, cv=4)
    assert scores.shape == (4,)
    assert np.all(scores > 0.99)


def test_clone_gives_independent_optimizer():
    estimator = GDRegressor(optimizer=Adam(learning_rate=0.2))
    cloned = clone(estimator)
    assert cloned.optimizer is not estimator.optimizer
    assert cloned.optimizer.get_params() == estimator.optimizer.get_params()


def test_fit_keeps_optimizer_parameter(regression_data):
    X, y = regression_data
    optimizer = Adam(learning_rate=0.05)
    estimator = GDRegressor(optimizer=optimizer, random_state=0)
    before = joblib.hash(optimizer)
    estimator.fit(X, y)
    assert joblib.hash(estimator.optimizer) == before
    assert estimator.optimizer is optimizer
    assert estimator.optimizer_ is not optimizer


@pytest.mark.parametrize("dump, load", [(pickle.dumps, pickle.loads), (None, None)])
def test_pickle_round_trip_predicts_same(regression_data, dump, load, tmp_path):
    X, y = regression_data
    estimator = GDRegressor(random_state=0).fit(X, y)
    if dump is None:
        path = tmp_path / "model.joblib"
        joblib.dump(estimator, path)
        restored = joblib.load(path)
    else:
        restored = load(dump(estimator))
    assert_array_equal(restored.predict(X), estimator.predict(X))


def test_dataframe_input_records_feature_names(regression_data):
    X, y = regression_data
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    estimator = GDRegressor(random_state=0).fit(frame, pd.Series(y))
    assert_array_equal(estimator.feature_names_in_, ["a", "b", "c"])
    assert estimator.n_features_in_ == 3


def test_sparse_and_dense_predictions_agree(regression_data):
    X, y = regression_data
    estimator = GDRegressor(random_state=0).fit(X, y)
    assert_allclose(estimator.predict(sp.csr_matrix(X)), estimator.predict(X), rtol=1e-12)


def test_batch_size_above_n_samples_trains_one_batch(regression_data):
    X, y = regression_data
    estimator = GDRegressor(batch_size=10_000, max_iter=3, tol=None).fit(X, y)
    full = GDRegressor(batch_size=None, max_iter=3, tol=None).fit(X, y)
    assert estimator.n_updates_ == 3
    assert_array_equal(estimator.coef_, full.coef_)


def test_last_partial_batch_is_used(regression_data):
    X, y = regression_data
    estimator = GDRegressor(batch_size=50, max_iter=2, tol=None).fit(X, y)
    assert estimator.n_updates_ == 2 * 3  # 120 samples: 50 + 50 + 20


def test_convergence_warning_names_max_iter(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=SGD(learning_rate=1e-6), max_iter=3)
    with pytest.warns(ConvergenceWarning, match=r"max_iter=3"):
        estimator.fit(X, y)
    assert estimator.n_iter_ == 3


def test_tol_none_runs_max_iter_without_warning(regression_data):
    X, y = regression_data

    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        estimator = GDRegressor(max_iter=4, tol=None).fit(X, y)
    assert estimator.n_iter_ == 4
    assert len(estimator.loss_curve_) == 4


# Bad input: each error names the value or the parameter.


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nonfinite_X_raises(regression_data, bad):
    X, y = regression_data
    X = X.copy()
    X[3, 1] = bad
    with pytest.raises(ValueError, match="Input X contains (NaN|infinity)"):
        GDRegressor().fit(X, y)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nonfinite_y_raises(regression_data, bad):
    X, y = regression_data
    y = y.copy()
    y[7] = bad
    with pytest.raises(ValueError, match="Input y contains (NaN|infinity)"):
        GDRegressor().fit(X, y)


def test_predict_wrong_feature_count_raises(regression_data):
    X, y = regression_data
    estimator = GDRegressor().fit(X, y)
    with pytest.raises(ValueError, match="X has 2 features, but GDRegressor is expecting 3"):
        estimator.predict(X[:, :2])


def test_partial_fit_wrong_feature_count_raises(regression_data):
    X, y = regression_data
    estimator = GDRegressor().partial_fit(X, y)
    with pytest.raises(ValueError, match="X has 4 features, but GDRegressor is expecting 3"):
        estimator.partial_fit(np.c_[X, X[:, 0]], y)


def test_partial_fit_changed_output_count_raises(regression_data):
    X, y = regression_data
    estimator = GDRegressor().partial_fit(X, y)
    with pytest.raises(ValueError, match=r"y has 2 output\(s\).*fitted on y with 1"):
        estimator.partial_fit(X, np.c_[y, y])


def test_predict_before_fit_raises():
    with pytest.raises(NotFittedError, match="not fitted yet"):
        GDRegressor().predict(np.ones((2, 3)))


def test_negative_learning_rate_raises_in_fit(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=SGD(learning_rate=-0.1))
    with pytest.raises(InvalidParameterError, match=r"'learning_rate' parameter of SGD.*-0.1"):
        estimator.fit(X, y)


@pytest.mark.parametrize("beta", [1.0, -0.1, 1.5])
def test_beta_outside_unit_interval_raises(regression_data, beta):
    X, y = regression_data
    with pytest.raises(InvalidParameterError, match=rf"'beta_1' parameter of Adam.*{beta}"):
        GDRegressor(optimizer=Adam(beta_1=beta)).fit(X, y)


def test_unknown_optimizer_name_raises(regression_data):
    X, y = regression_data
    with pytest.raises(InvalidParameterError, match=r"'optimizer' parameter.*Got 'adamm'"):
        GDRegressor(optimizer="adamm").fit(X, y)


def test_invalid_parameter_kept_until_fit():
    """Construction and set_params store any value; fit validates."""
    estimator = GDRegressor(batch_size=-3, optimizer="nope")
    assert estimator.batch_size == -3
    assert estimator.set_params(max_iter=0).max_iter == 0


def test_sample_weight_wrong_length_raises(regression_data):
    X, y = regression_data
    with pytest.raises(ValueError, match=r"sample_weight.shape == \(5,\), expected \(120,\)"):
        GDRegressor().fit(X, y, sample_weight=np.ones(5))


def test_negative_sample_weight_raises(regression_data):
    X, y = regression_data
    weights = np.ones(len(y))
    weights[0] = -1
    with pytest.raises(ValueError, match="Negative values in data passed to `sample_weight`"):
        GDRegressor().fit(X, y, sample_weight=weights)


def test_all_zero_sample_weight_raises(regression_data):
    X, y = regression_data
    # scikit-learn >= 1.8 rejects the weights itself, with its own wording.
    match = "All sample_weight values are zero|at least one non-zero"
    with pytest.raises(ValueError, match=match):
        GDRegressor().fit(X, y, sample_weight=np.zeros(len(y)))


def test_nan_sample_weight_raises(regression_data):
    X, y = regression_data
    weights = np.ones(len(y))
    weights[2] = np.nan
    with pytest.raises(ValueError, match="(sample_weight contains NaN|Input sample_weight contains NaN)"):
        GDRegressor().fit(X, y, sample_weight=weights)


def _diverging_problem():
    rng = np.random.RandomState(0)
    X = 1e3 * rng.normal(size=(500, 2))
    y = X @ np.array([1.0, 2.0])
    return X, y


def test_divergence_raises_with_epoch_and_advice():
    X, y = _diverging_problem()
    estimator = GDRegressor(optimizer=SGD(learning_rate=10.0), random_state=0)
    with pytest.raises(ValueError, match=r"diverged at epoch [12]:.*StandardScaler.*learning_rate"):
        estimator.fit(X, y)


def test_failed_first_fit_leaves_estimator_unfitted():
    X, y = _diverging_problem()
    estimator = GDRegressor(optimizer=SGD(learning_rate=10.0))
    with pytest.raises(ValueError, match="diverged"):
        estimator.fit(pd.DataFrame(X, columns=["a", "b"]), y)
    with pytest.raises(NotFittedError):
        check_is_fitted(estimator)
    assert not hasattr(estimator, "coef_")
    assert not hasattr(estimator, "n_features_in_")
    assert not hasattr(estimator, "feature_names_in_")


def test_failed_partial_fit_restores_previous_model(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=SGD(learning_rate=0.01), random_state=0)
    estimator.partial_fit(X, y)
    coef, intercept = estimator.coef_.copy(), estimator.intercept_
    state = {k: np.copy(v) for k, v in estimator._optimizer_state.items()}
    n_iter, curve = estimator.n_iter_, list(estimator.loss_curve_)

    X_big, y_big = _diverging_problem()
    estimator.set_params(optimizer__learning_rate=10.0)
    with pytest.raises(ValueError, match="diverged at epoch 2"):
        estimator.partial_fit(np.c_[X_big, X_big[:, :1]], y_big)
    assert_array_equal(estimator.coef_, coef)
    assert estimator.intercept_ == intercept
    assert np.all(np.isfinite(estimator.coef_))
    assert estimator.n_iter_ == n_iter
    assert estimator.loss_curve_ == curve
    for key, value in state.items():
        assert_array_equal(estimator._optimizer_state[key], value)


def test_failed_warm_start_restores_previous_model(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=SGD(learning_rate=0.01), warm_start=True, random_state=0)
    estimator.fit(X, y)
    coef = estimator.coef_.copy()
    with pytest.raises(ValueError, match="diverged"):
        estimator.fit(1e3 * X, 1e3 * y)
    assert_array_equal(estimator.coef_, coef)
    assert np.all(np.isfinite(estimator.predict(X)))


def test_float32_input_gives_float32_model(regression_data):
    X, y = regression_data
    estimator = GDRegressor(random_state=0).fit(X.astype(np.float32), y.astype(np.float32))
    assert estimator.coef_.dtype == np.float32
    assert estimator.intercept_.dtype == np.float32
    assert estimator.predict(X.astype(np.float32)).dtype == np.float32


def test_two_dimensional_y_gives_two_dimensional_coef(regression_data):
    X, y = regression_data
    Y = np.c_[y, -y]
    estimator = GDRegressor(random_state=0).fit(X, Y)
    assert estimator.coef_.shape == (2, 3)
    assert estimator.intercept_.shape == (2,)
    assert estimator.predict(X).shape == (120, 2)
    assert_allclose(estimator.coef_[0], -estimator.coef_[1], rtol=1e-10)


def test_fit_intercept_false_gives_zero_intercept(regression_data):
    X, y = regression_data
    estimator = GDRegressor(fit_intercept=False, random_state=0).fit(X, y - 3.0)
    assert estimator.intercept_ == 0.0
    assert estimator.score(X, y - 3.0) > 0.99


def test_adamw_decay_skips_intercept():
    """With a large decoupled decay the coefficients shrink but the intercept
    keeps the mean of y."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(200, 2))
    y = X @ np.array([1.0, -1.0]) + 10.0
    estimator = GDRegressor(
        optimizer=AdamW(learning_rate=0.01, weight_decay=50.0),
        penalty=None,
        batch_size=None,
        max_iter=500,
        tol=None,
    ).fit(X, y)
    assert np.all(np.abs(estimator.coef_) < 0.1)
    assert abs(estimator.intercept_ - y.mean()) < 0.2


# Regression tests for defects found by adversarial review.


class _PlainSGD:
    """Optimizer protocol without get_params and without decay_mask."""

    def init(self, params):
        return {}

    def update(self, grad, state, params):
        return -0.05 * grad, state


def test_custom_optimizer_without_decay_mask_trains(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=_PlainSGD(), random_state=0).fit(X, y)
    assert estimator.score(X, y) > 0.99


def test_warm_start_continues_custom_optimizer(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=_PlainSGD(), warm_start=True, max_iter=2, tol=None)
    estimator.fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        estimator.fit(X, y)
    assert estimator.n_iter_ == 4


def test_optimizer_class_instead_of_instance_raises(regression_data):
    X, y = regression_data
    with pytest.raises(TypeError, match=r"optimizer=Adam is a class.*Adam\(\)"):
        GDRegressor(optimizer=Adam).fit(X, y)


def test_partial_fit_after_fit_intercept_change_raises(regression_data):
    X, y = regression_data
    estimator = GDRegressor().fit(X, y)
    estimator.set_params(fit_intercept=False)
    with pytest.raises(ValueError, match="fit_intercept=False differs"):
        estimator.partial_fit(X, y)


def test_partial_fit_switching_optimizer_class_raises(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=SGD()).partial_fit(X, y)
    estimator.set_params(optimizer=Adam())
    with pytest.raises(ValueError, match="cannot switch the optimizer from SGD to Adam"):
        estimator.partial_fit(X, y)


def test_partial_fit_uses_changed_learning_rate(regression_data):
    X, y = regression_data
    estimator = GDRegressor(optimizer=SGD(learning_rate=0.01)).partial_fit(X, y)
    estimator.set_params(optimizer__learning_rate=0.001)
    estimator.partial_fit(X, y)
    assert estimator.optimizer_.learning_rate == 0.001


def test_partial_fit_on_new_scale_is_not_divergence(regression_data):
    """A later chunk with a larger loss than the first epoch's is not
    divergence: the reference is the start of each call."""
    X, y = regression_data
    estimator = GDRegressor(random_state=0).partial_fit(X[:60], np.ones(60))
    estimator.partial_fit(X[60:], 1e4 * y[60:])
    assert np.all(np.isfinite(estimator.coef_))


def test_failed_partial_fit_keeps_random_state(regression_data):
    X, y = regression_data
    reference = GDRegressor(random_state=0).partial_fit(X, y)
    estimator = GDRegressor(random_state=0).partial_fit(X, y)
    X_big, y_big = _diverging_problem()
    estimator.set_params(optimizer=Adam(learning_rate=1e6))
    reference.set_params(optimizer=Adam(learning_rate=1e6))
    with pytest.raises(ValueError, match="diverged"):
        estimator.partial_fit(np.c_[X_big, X_big[:, :1]] * 1e150, y_big * 1e150)
    estimator.set_params(optimizer=Adam())
    reference.set_params(optimizer=Adam())
    estimator.partial_fit(X, y)
    reference.partial_fit(X, y)
    assert_array_equal(estimator.coef_, reference.coef_)


def test_sparse_two_dimensional_y_is_accepted(regression_data):
    X, y = regression_data
    Y = sp.csr_matrix(np.c_[y, 2 * y])
    estimator = GDRegressor(random_state=0).fit(X, Y)
    assert estimator.coef_.shape == (2, 3)


def test_column_major_input_matches_row_major(regression_data):
    """A DataFrame gives column-major data, which mini-batching converts."""
    X, y = regression_data
    row_major = GDRegressor(random_state=0, max_iter=5, tol=None).fit(X, y)
    column_major = GDRegressor(random_state=0, max_iter=5, tol=None).fit(
        pd.DataFrame(np.asfortranarray(X)), y
    )
    assert_allclose(column_major.coef_, row_major.coef_, rtol=1e-12)
    assert_allclose(column_major.intercept_, row_major.intercept_, rtol=1e-12)
