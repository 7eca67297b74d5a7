"""Tests of the optimizers on their own: torch golden trajectories, one
hand-derived step each, explicit state and parameter validation."""

import copy
import json
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.utils._param_validation import InvalidParameterError

from skoptim import optimizers
from skoptim.optimizers import OPTIMIZERS

GOLDEN = json.loads((Path(__file__).parent / "golden" / "optimizers.json").read_text())


def _golden_cases():
    return [pytest.param(case, id=case["name"]) for case in GOLDEN["cases"]]


@pytest.mark.parametrize("case", _golden_cases())
def test_trajectory_matches_torch_golden(case):
    """50 updates on stored gradients equal torch.optim 2.13's in float64."""
    optimizer = getattr(optimizers, case["optimizer"])(**case["params"])
    params = np.array(case["x0"], dtype=np.float64)
    state = optimizer.init(params)
    trajectory = []
    for grad in case["grads"]:
        step, state = optimizer.update(np.array(grad), state, params)
        params = params + step
        trajectory.append(params)
    assert_allclose(np.array(trajectory), np.array(case["trajectory"]), rtol=1e-12, atol=0)


def test_golden_cases_cover_every_optimizer():
    covered = {case["optimizer"] for case in GOLDEN["cases"]}
    assert covered == {cls.__name__ for cls in OPTIMIZERS.values()}


def test_golden_file_records_torch_version():
    assert GOLDEN["torch_version"] == "2.13.0"


# One update by hand from params p = [1, -2] with gradient g = [0.5, 3]:
# each expected value below is written out from the class's formula.
P0 = np.array([1.0, -2.0])
G1 = np.array([0.5, 3.0])
HAND_STEPS = {
    "sgd": (optimizers.SGD(learning_rate=0.1), -0.1 * G1),
    "momentum": (optimizers.Momentum(learning_rate=0.1, momentum=0.9), -0.1 * G1),
    # m = g, step = -lr * (g + beta * m) = -lr * 1.9 g
    "nesterov": (optimizers.Nesterov(learning_rate=0.1, momentum=0.9), -0.1 * 1.9 * G1),
    # s = g^2, step = -lr * g / (|g| + eps)
    "adagrad": (
        optimizers.AdaGrad(learning_rate=0.1, epsilon=0.0),
        -0.1 * np.sign(G1),
    ),
    # s = (1 - rho) g^2, step = -lr g / (sqrt(1 - rho) |g| + eps)
    "rmsprop": (
        optimizers.RMSProp(learning_rate=0.1, rho=0.9, epsilon=0.0),
        -0.1 * np.sign(G1) / np.sqrt(0.1),
    ),
    # Bias correction makes the first Adam step exactly -lr * sign(g) when eps=0.
    "adam": (optimizers.Adam(learning_rate=0.1, epsilon=0.0), -0.1 * np.sign(G1)),
    "amsgrad": (optimizers.AMSGrad(learning_rate=0.1, epsilon=0.0), -0.1 * np.sign(G1)),
    # Decoupled decay: -lr * wd * p, then the Adam step.
    "adamw": (
        optimizers.AdamW(learning_rate=0.1, epsilon=0.0, weight_decay=0.5),
        -0.1 * 0.5 * P0 - 0.1 * np.sign(G1),
    ),
    # u = |g| + eps, m = (1 - beta1) g, step = -lr / (1 - beta1) * m / u
    "adamax": (optimizers.AdaMax(learning_rate=0.1, epsilon=0.0), -0.1 * np.sign(G1)),
    # s = (1 - rho) g^2, delta = sqrt(eps) / sqrt(s + eps) * g
    "adadelta": (
        optimizers.Adadelta(learning_rate=1.0, rho=0.9, epsilon=1e-6),
        -np.sqrt(1e-6) / np.sqrt(0.1 * G1**2 + 1e-6) * G1,
    ),
}


def _nadam_first_step(lr, beta_1, psi):
    mu = beta_1 * (1 - 0.5 * 0.96**psi)
    mu_next = beta_1 * (1 - 0.5 * 0.96 ** (2 * psi))
    # m = (1 - beta_1) g and sqrt(s / (1 - beta_2)) = |g| with eps = 0.
    grad_part = lr * (1 - mu) / (1 - mu)
    momentum_part = lr * mu_next / (1 - mu * mu_next) * (1 - beta_1)
    return -(grad_part + momentum_part) * np.sign(G1)


HAND_STEPS["nadam"] = (
    optimizers.Nadam(learning_rate=0.1, epsilon=0.0),
    _nadam_first_step(0.1, 0.9, 0.004),
)


@pytest.mark.parametrize("name", sorted(HAND_STEPS))
def test_first_step_matches_formula(name):
    optimizer, expected = HAND_STEPS[name]
    state = optimizer.init(P0)
    step, state = optimizer.update(G1, state, P0)
    assert_allclose(step, expected, rtol=1e-14)
    assert state["step"] == 1


def test_hand_steps_cover_every_optimizer():
    assert set(HAND_STEPS) == set(OPTIMIZERS)


def test_momentum_second_step_matches_formula():
    optimizer = optimizers.Momentum(learning_rate=0.1, momentum=0.5)
    state = optimizer.init(P0)
    _, state = optimizer.update(G1, state, P0)
    step, state = optimizer.update(2 * G1, state, P0)
    # m2 = 0.5 * g + 2 g = 2.5 g
    assert_allclose(step, -0.1 * 2.5 * G1, rtol=1e-15)


def test_adam_second_step_matches_formula():
    beta_1, beta_2, lr = 0.9, 0.999, 0.1
    optimizer = optimizers.Adam(learning_rate=lr, epsilon=0.0)
    state = optimizer.init(P0)
    _, state = optimizer.update(G1, state, P0)
    g2 = np.array([-1.0, 1.0])
    step, _ = optimizer.update(g2, state, P0)
    m = beta_1 * (1 - beta_1) * G1 + (1 - beta_1) * g2
    s = beta_2 * (1 - beta_2) * G1**2 + (1 - beta_2) * g2**2
    expected = -lr * (m / (1 - beta_1**2)) / np.sqrt(s / (1 - beta_2**2))
    assert_allclose(step, expected, rtol=1e-13)


def test_adagrad_lr_decay_scales_second_step():
    optimizer = optimizers.AdaGrad(learning_rate=0.1, epsilon=0.0, lr_decay=0.5)
    state = optimizer.init(P0)
    _, state = optimizer.update(G1, state, P0)
    step, _ = optimizer.update(G1, state, P0)
    # s = 2 g^2 and lr_2 = lr / (1 + 0.5)
    assert_allclose(step, -(0.1 / 1.5) * np.sign(G1) / np.sqrt(2), rtol=1e-14)


def test_weight_decay_skips_masked_entries():
    optimizer = optimizers.SGD(learning_rate=0.1, weight_decay=1.0)
    state = optimizer.init(P0)
    step, _ = optimizer.update(np.zeros(2), state, P0, decay_mask=np.array([1.0, 0.0]))
    assert_allclose(step, [-0.1, 0.0])


def test_clip_value_bounds_each_entry():
    optimizer = optimizers.SGD(learning_rate=1.0, clip_value=1.0)
    step, _ = optimizer.update(G1, optimizer.init(P0), P0)
    assert_allclose(step, [-0.5, -1.0])


def test_clip_norm_bounds_gradient_norm():
    optimizer = optimizers.SGD(learning_rate=1.0, clip_norm=1.0)
    step, _ = optimizer.update(np.array([3.0, 4.0]), optimizer.init(P0), P0)
    assert_allclose(step, -np.array([3.0, 4.0]) / (5.0 + 1e-6), rtol=1e-15)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_update_leaves_optimizer_object_unchanged(name):
    optimizer = OPTIMIZERS[name]()
    before = copy.deepcopy(optimizer.__dict__)
    state = optimizer.init(P0)
    for _ in range(3):
        _, state = optimizer.update(G1, state, P0)
    assert optimizer.__dict__.keys() == before.keys()
    assert optimizer.get_params() == OPTIMIZERS[name]().get_params()


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_two_states_are_independent(name):
    """One optimizer object drives two runs without mixing their buffers."""
    optimizer = OPTIMIZERS[name]()
    state_a, state_b = optimizer.init(P0), optimizer.init(P0)
    step_a1, state_a = optimizer.update(G1, state_a, P0)
    _, state_a = optimizer.update(-G1, state_a, P0)
    step_b1, state_b = optimizer.update(G1, state_b, P0)
    assert_allclose(step_b1, step_a1)
    assert state_b["step"] == 1
    assert state_a["step"] == 2


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_float32_params_keep_float32(name):
    optimizer = OPTIMIZERS[name]()
    params = P0.astype(np.float32)
    state = optimizer.init(params)
    step, state = optimizer.update(G1.astype(np.float32), state, params)
    assert step.dtype == np.float32


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_clone_copies_hyperparameters(name):
    optimizer = OPTIMIZERS[name](learning_rate=0.123)
    cloned = clone(optimizer)
    assert cloned is not optimizer
    assert cloned.get_params() == optimizer.get_params()


def test_set_params_changes_hyperparameter():
    optimizer = optimizers.Adam().set_params(beta_1=0.5)
    assert optimizer.beta_1 == 0.5


def test_repr_shows_changed_hyperparameters():
    assert repr(optimizers.Adam(learning_rate=0.5)) == "Adam(learning_rate=0.5)"


@pytest.mark.parametrize(
    "optimizer, match",
    [
        (optimizers.SGD(learning_rate=-0.1), r"'learning_rate' parameter of SGD .* Got -0.1"),
        (optimizers.Adam(beta_1=1.0), r"'beta_1' parameter of Adam .* Got 1.0"),
        (optimizers.Adam(beta_2=-0.5), r"'beta_2' parameter of Adam .* Got -0.5"),
        (optimizers.RMSProp(rho=1.5), r"'rho' parameter of RMSProp .* Got 1.5"),
        (optimizers.Momentum(momentum=1.0), r"'momentum' parameter of Momentum"),
        (optimizers.AdaGrad(epsilon=-1.0), r"'epsilon' parameter of AdaGrad"),
        (optimizers.SGD(clip_norm=0.0), r"'clip_norm' parameter of SGD"),
        (optimizers.SGD(learning_rate="fast"), r"'learning_rate' parameter of SGD"),
    ],
)
def test_invalid_hyperparameter_raises_at_validation(optimizer, match):
    """Construction accepts anything; validation names the value."""
    with pytest.raises(InvalidParameterError, match=match):
        optimizer._validate_params()


def test_callable_learning_rate_gets_update_index():
    seen = []

    def schedule(index):
        seen.append(index)
        return 0.1

    optimizer = optimizers.SGD(learning_rate=schedule)
    state = optimizer.init(P0)
    for _ in range(3):
        _, state = optimizer.update(G1, state, P0)
    assert seen == [0, 1, 2]
