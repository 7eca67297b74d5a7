"""Tests of the learning-rate schedules: torch golden sequences, warm-up by
hand, scikit-learn parameter handling and use inside the optimizers."""

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import parametrize_with_checks

from skoptim import GDRegressor, schedules
from skoptim.optimizers import SGD, Adam
from skoptim.schedules import (
    Constant,
    CosineDecay,
    ExponentialDecay,
    InverseScaling,
    Schedule,
    StepDecay,
)

GOLDEN = json.loads((Path(__file__).parent / "golden" / "schedules.json").read_text())


def _golden_cases():
    return [pytest.param(case, id=case["name"]) for case in GOLDEN["cases"]]


@pytest.mark.parametrize("case", _golden_cases())
def test_schedule_matches_torch_golden(case):
    """The closed form equals torch 2.13's scheduler, stepped once per update."""
    schedule = getattr(schedules, case["schedule"])(**case["params"])
    expected = np.array(case["lrs"])
    rates = np.array([schedule(k) for k in range(len(expected))])
    assert_allclose(rates, expected, rtol=1e-12, atol=0)


def test_golden_cases_cover_every_decay_schedule():
    covered = {case["schedule"] for case in GOLDEN["cases"]}
    assert covered == {"InverseScaling", "StepDecay", "ExponentialDecay", "CosineDecay"}


def test_golden_schedule_file_records_torch_version():
    assert GOLDEN["torch_version"] == "2.13.0"


@pytest.mark.parametrize("case", _golden_cases())
def test_golden_parameters_pass_validation(case):
    getattr(schedules, case["schedule"])(**case["params"])._validate_params()


def test_cosine_decay_holds_final_rate():
    """Unlike torch's CosineAnnealingLR, the rate stays at its final value."""
    schedule = CosineDecay(0.1, decay_steps=10, final_learning_rate=0.01)
    assert schedule(9) > 0.01
    for k in range(10, 200):
        assert schedule(k) == 0.01


def test_cosine_decay_holds_final_rate_after_warmup():
    schedule = CosineDecay(0.1, decay_steps=10, warmup_steps=5)
    assert schedule(14) > 0.0
    for k in range(15, 100):
        assert schedule(k) == 0.0


def test_cosine_decay_midpoint_is_mean_rate():
    schedule = CosineDecay(0.1, decay_steps=10, final_learning_rate=0.02)
    assert schedule(5) == pytest.approx(0.06, rel=1e-15)


# Expected rates for k = 0, 1, ..., written out from the docstring formulas:
# warm-up k < W gives initial * (k + 1) / (W + 1), then the decay at k - W.
WARMUP_CASES = {
    "constant": (Constant(0.2, warmup_steps=1), [0.1, 0.2, 0.2, 0.2]),
    "inverse_scaling": (
        InverseScaling(0.1, power=1.0, warmup_steps=1),
        [0.05, 0.1, 0.05, 0.1 / 3],
    ),
    "step_decay": (
        StepDecay(0.1, step_size=2, gamma=0.5, warmup_steps=1),
        [0.05, 0.1, 0.1, 0.05, 0.05, 0.025],
    ),
    "exponential_decay": (
        ExponentialDecay(0.1, decay_rate=0.5, warmup_steps=3),
        [0.025, 0.05, 0.075, 0.1, 0.05, 0.025],
    ),
    "cosine_decay": (
        CosineDecay(0.1, decay_steps=2, warmup_steps=1),
        [0.05, 0.1, 0.05, 0.0, 0.0],
    ),
}


@pytest.mark.parametrize("name", WARMUP_CASES)
def test_warmup_rates_by_hand(name):
    schedule, expected = WARMUP_CASES[name]
    rates = [schedule(k) for k in range(len(expected))]
    assert_allclose(rates, expected, rtol=1e-15, atol=1e-18)


def test_warmup_reaches_initial_rate_at_warmup_steps():
    schedule = ExponentialDecay(0.3, decay_rate=0.9, warmup_steps=7)
    rates = [schedule(k) for k in range(8)]
    assert np.all(np.diff(rates) > 0)
    assert schedule(7) == 0.3


def test_zero_warmup_starts_at_initial_rate():
    assert StepDecay(0.1, step_size=3)(0) == 0.1


def test_constant_returns_learning_rate():
    schedule = Constant(0.05)
    assert [schedule(k) for k in (0, 1, 1000)] == [0.05, 0.05, 0.05]


def test_schedule_accepts_numpy_integer_step():
    assert ExponentialDecay(0.1, decay_rate=0.5)(np.int64(2)) == pytest.approx(0.025)


def test_negative_step_raises():
    with pytest.raises(ValueError, match=r"step must be a non-negative .* got -1"):
        InverseScaling(0.1)(-1)


def test_schedules_derive_from_schedule():
    for name in schedules.__all__:
        assert issubclass(getattr(schedules, name), Schedule)


def test_arguments_after_first_are_keyword_only():
    with pytest.raises(TypeError, match="positional argument"):
        ExponentialDecay(0.1, 0.5)


def test_get_params_returns_constructor_arguments():
    schedule = CosineDecay(0.1, decay_steps=50, final_learning_rate=0.001)
    assert schedule.get_params() == {
        "initial_learning_rate": 0.1,
        "decay_steps": 50,
        "final_learning_rate": 0.001,
        "warmup_steps": 0,
    }


def test_clone_copies_parameters():
    schedule = StepDecay(0.1, step_size=4, gamma=0.5, warmup_steps=2)
    copy = clone(schedule)
    assert copy is not schedule
    assert copy.get_params() == schedule.get_params()


def test_set_params_through_optimizer():
    optimizer = Adam(learning_rate=CosineDecay(0.1, decay_steps=100))
    assert optimizer.get_params()["learning_rate__decay_steps"] == 100
    optimizer.set_params(learning_rate__decay_steps=7)
    assert optimizer.learning_rate.decay_steps == 7


def test_clone_of_optimizer_copies_schedule():
    optimizer = SGD(learning_rate=InverseScaling(0.1, power=0.25))
    copy = clone(optimizer)
    assert copy.learning_rate is not optimizer.learning_rate
    assert copy.learning_rate.get_params() == optimizer.learning_rate.get_params()


INVALID_SCHEDULES = [
    (Constant(-0.1), "learning_rate", "-0.1"),
    (Constant(0.0), "learning_rate", "0.0"),
    (InverseScaling(-1.0), "initial_learning_rate", "-1.0"),
    (InverseScaling(0.1, power=-0.5), "power", "-0.5"),
    (StepDecay(0.1, step_size=0), "step_size", "0"),
    (StepDecay(0.1, step_size=2.5), "step_size", "2.5"),
    (StepDecay(0.1, step_size=2, gamma=1.5), "gamma", "1.5"),
    (StepDecay(0.1, step_size=2, gamma=0.0), "gamma", "0.0"),
    (ExponentialDecay(-0.1, decay_rate=0.5), "initial_learning_rate", "-0.1"),
    (ExponentialDecay(0.1, decay_rate=0.0), "decay_rate", "0.0"),
    (ExponentialDecay(0.1, decay_rate=1.01), "decay_rate", "1.01"),
    (CosineDecay(0.1, decay_steps=0), "decay_steps", "0"),
    (
        CosineDecay(0.1, decay_steps=5, final_learning_rate=-0.01),
        "final_learning_rate",
        "-0.01",
    ),
    (ExponentialDecay(0.1, decay_rate=0.5, warmup_steps=-1), "warmup_steps", "-1"),
]


@pytest.mark.parametrize(
    "schedule, parameter, value",
    INVALID_SCHEDULES,
    ids=[f"{type(s).__name__}-{p}-{v}" for s, p, v in INVALID_SCHEDULES],
)
def test_invalid_parameter_raises(schedule, parameter, value):
    message = (
        rf"The '{parameter}' parameter of {type(schedule).__name__} must be .*"
        rf"Got {value} instead"
    )
    with pytest.raises(InvalidParameterError, match=message):
        schedule._validate_params()


def test_decay_rate_one_is_valid():
    ExponentialDecay(0.1, decay_rate=1.0)._validate_params()


def test_sgd_steps_follow_exponential_decay():
    """Three SGD updates take steps of 0.1 g, 0.05 g and 0.025 g."""
    optimizer = SGD(learning_rate=ExponentialDecay(0.1, decay_rate=0.5))
    params = np.array([1.0, -2.0])
    grad = np.array([0.5, 3.0])
    state = optimizer.init(params)
    for rate in (0.1, 0.05, 0.025):
        step, state = optimizer.update(grad, state, params)
        assert_allclose(step, -rate * grad, rtol=1e-15, atol=0)
        params = params + step


def test_constant_schedule_equals_float_rate():
    params = np.array([1.0, -2.0])
    grads = [np.array([0.5, 3.0]), np.array([-1.0, 0.25]), np.array([2.0, 2.0])]
    steps = {}
    for rate in (0.05, Constant(0.05)):
        optimizer = Adam(learning_rate=rate)
        state = optimizer.init(params)
        steps[type(rate).__name__] = [
            optimizer.update(g, state, params)[0] for g in grads
        ]
    assert_allclose(steps["Constant"], steps["float"], rtol=0, atol=0)


@pytest.fixture
def regression_data():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(90, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 1.0 + 0.1 * rng.normal(size=90)
    return X, y


def test_grid_search_over_schedule_parameter(regression_data):
    X, y = regression_data
    schedule = CosineDecay(0.1, decay_steps=100)
    estimator = GDRegressor(
        optimizer=Adam(learning_rate=schedule), max_iter=20, random_state=0
    )
    grid = GridSearchCV(
        estimator, {"optimizer__learning_rate__decay_steps": [10, 1000]}, cv=3
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        grid.fit(X, y)
    assert grid.best_params_["optimizer__learning_rate__decay_steps"] in (10, 1000)
    assert grid.best_estimator_.optimizer.learning_rate.decay_steps in (10, 1000)
    assert schedule.decay_steps == 100


def test_fit_leaves_schedule_unchanged(regression_data):
    X, y = regression_data
    schedule = StepDecay(0.05, step_size=10, gamma=0.5)
    before = schedule.get_params()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        GDRegressor(optimizer=SGD(learning_rate=schedule), max_iter=5).fit(X, y)
    assert schedule.get_params() == before


def test_fit_validates_schedule_parameters(regression_data):
    X, y = regression_data
    estimator = GDRegressor(
        optimizer=SGD(learning_rate=ExponentialDecay(0.1, decay_rate=1.5))
    )
    with pytest.raises(InvalidParameterError, match=r"'decay_rate' .* Got 1.5 instead"):
        estimator.fit(X, y)


# The intercept starts at the weighted mean of y, where its gradient is zero
# up to rounding, and Adam divides that gradient by its own running scale.
# Measured with scikit-learn 1.9.1: the weighted and the repeated fits end
# with coefficients 6e-16 apart but intercepts 2.3e-6 apart, and with
# fit_intercept=False their predictions agree to 4e-16.
_INTERCEPT_ROUNDING = (
    "Adam normalizes the intercept's rounding-level gradient at the "
    "weighted-mean start, so the weighted and repeated fits end with "
    "intercepts about 2e-6 apart, above the check's rtol of 1e-7."
)


def _expected_failed_checks(estimator):
    if isinstance(estimator.optimizer, Adam):
        return {
            "check_sample_weight_equivalence_on_dense_data": _INTERCEPT_ROUNDING,
            "check_sample_weight_equivalence_on_sparse_data": _INTERCEPT_ROUNDING,
        }
    return {}


@parametrize_with_checks(
    [
        GDRegressor(
            optimizer=Adam(
                learning_rate=CosineDecay(0.05, decay_steps=2000, warmup_steps=10)
            )
        ),
        GDRegressor(optimizer=SGD(learning_rate=InverseScaling(0.05, power=0.25))),
        GDRegressor(
            optimizer=SGD(learning_rate=StepDecay(0.05, step_size=500, gamma=0.5))
        ),
    ],
    expected_failed_checks=_expected_failed_checks,
)
def test_estimator_checks_with_schedule(estimator, check):
    check(estimator)
