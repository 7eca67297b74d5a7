"""scikit-learn's estimator checks on GDRegressor with every optimizer."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skoptim import GDRegressor, _numba_epoch
from skoptim.optimizers import OPTIMIZERS

# The compiled engine is an optional extra; check it whenever it is there.
_NUMBA_ESTIMATORS = []
if _numba_epoch.numba is not None:
    _NUMBA_ESTIMATORS = [
        GDRegressor(optimizer=OPTIMIZERS["sgd"](), engine="numba"),
        GDRegressor(optimizer=OPTIMIZERS["adam"](), engine="numba"),
    ]

# The intercept starts at the weighted mean of y, where its gradient is zero
# up to rounding, and the Adam-type optimizers divide each gradient entry by
# its own running scale, so that rounding noise still moves the intercept by
# about learning_rate per update. The weighted and the repeated fits round
# differently: measured with scikit-learn 1.9.1 and default Adam, their
# coefficients end 4e-16 apart but their predictions 5e-6 apart, and with
# fit_intercept=False the predictions agree to 2e-16.
_ROUNDING_AMPLIFIED = (
    "Adam-type steps amplify the rounding-level gradient of the intercept at "
    "its weighted-mean start, so the weighted and repeated fits predict about "
    "5e-6 apart, above the check's rtol of 1e-7."
)
_SAMPLE_WEIGHT_XFAILS = {
    "check_sample_weight_equivalence_on_dense_data": _ROUNDING_AMPLIFIED,
    "check_sample_weight_equivalence_on_sparse_data": _ROUNDING_AMPLIFIED,
}
_NORMALIZED_STEP_OPTIMIZERS = {"rmsprop", "adam", "adamax", "nadam", "amsgrad", "adamw"}


def _expected_failed_checks(estimator):
    optimizer = estimator.optimizer
    name = optimizer if isinstance(optimizer, str) else type(optimizer).__name__.lower()
    # With the huber and epsilon_insensitive losses these checks passed
    # (measured with scikit-learn 1.9.1), so only squared_error is marked.
    if name in _NORMALIZED_STEP_OPTIMIZERS and estimator.loss == "squared_error":
        return _SAMPLE_WEIGHT_XFAILS
    return {}


@parametrize_with_checks(
    [GDRegressor(optimizer=cls()) for cls in OPTIMIZERS.values()]
    + [
        GDRegressor(),
        GDRegressor(loss="huber"),
        GDRegressor(loss="epsilon_insensitive"),
    ]
    + _NUMBA_ESTIMATORS,
    expected_failed_checks=_expected_failed_checks,
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
