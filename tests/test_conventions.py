"""Tests of the conventions page: each difference between skoptim and
torch.optim 2.13, scikit-learn 1.9.1's MLP and river that the page states.

The other libraries' update rules are written out by hand below from their
source (torch/optim/*.py and torch.nn.MSELoss in torch 2.13.0,
sklearn/neural_network/_stochastic_optimizers.py and _base.py in
scikit-learn 1.9.1, river/optim/*.py and river/linear_model/base.py in
online-ml/river), so these tests need none of them installed. Where skoptim
agrees with torch, the golden trajectories in test_optimizers.py are the
test.
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from skoptim import GDRegressor
from skoptim.optimizers import AdaGrad, Adam, Momentum, Nesterov, RMSProp, SGD
from skoptim.schedules import ExponentialDecay

# A quadratic f(x) = x @ H @ x / 2 - b @ x with a non-diagonal Hessian, so
# that the coordinates interact and the paths are not trivially the same.
H = np.array([[3.0, 1.0], [1.0, 2.0]])
B = np.array([1.0, -1.0])
X0 = np.array([2.0, -3.0])
N_UPDATES = 30


def _gradient(x):
    return H @ x - B


def _skoptim_path(optimizer, x0=X0, n_updates=N_UPDATES):
    """Return the iterates of an skoptim optimizer on the quadratic."""
    x = x0.copy()
    state = optimizer.init(x)
    path = []
    for _ in range(n_updates):
        step, state = optimizer.update(_gradient(x), state, x)
        x = x + step
        path.append(x)
    return np.array(path)


def _mlp_sgd_path(learning_rates, momentum, nesterov, x0=X0):
    """Return the iterates of scikit-learn's MLP SGD solver.

    SGDOptimizer._get_updates: ``velocity = momentum * velocity - lr * grad``,
    and the update is ``velocity``, or with Nesterov's momentum
    ``momentum * velocity - lr * grad``; update_params adds the update.
    ``learning_rates`` gives the rate of each update, as the ``invscaling``
    and ``adaptive`` schedules change it between updates.
    """
    x = x0.copy()
    velocity = np.zeros_like(x)
    path = []
    for learning_rate in learning_rates:
        grad = _gradient(x)
        velocity = momentum * velocity - learning_rate * grad
        update = velocity
        if nesterov:
            update = momentum * velocity - learning_rate * grad
        x = x + update
        path.append(x)
    return np.array(path)


def _river_momentum_path(learning_rate, rho, x0=X0):
    """Return the iterates of river's ``optim.Momentum``.

    ``s = rho * s + lr * g``, then ``w -= s``.
    """
    w = x0.copy()
    s = np.zeros_like(w)
    path = []
    for _ in range(N_UPDATES):
        s = rho * s + learning_rate * _gradient(w)
        w = w - s
        path.append(w)
    return np.array(path)


def _river_nesterov_path(learning_rate, rho, x0=X0):
    """Return the weights and velocities of river's ``optim.NesterovMomentum``.

    river's linear models call ``look_ahead`` (``w -= rho * s``), take the
    gradient there, and ``step`` moves ``w`` back (``w += rho * s``) before
    ``s = rho * s + lr * g`` and ``w -= s``.
    """
    w = x0.copy()
    s = np.zeros_like(w)
    weights, velocities = [], []
    for _ in range(N_UPDATES):
        grad = _gradient(w - rho * s)
        s = rho * s + learning_rate * grad
        w = w - s
        weights.append(w)
        velocities.append(s)
    return np.array(weights), np.array(velocities)


def _folded_adam_steps(grads, learning_rate, beta_1, beta_2, epsilon):
    """Return the Adam steps of scikit-learn's MLP and of river for fixed gradients.

    Both fold the bias corrections into the step size,
    ``lr_t = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)``, and add epsilon to
    the root of the uncorrected second moment:
    ``step = -lr_t * m / (sqrt(v) + epsilon)``. The two sources
    (AdamOptimizer._get_updates and river's ``optim.Adam``) compute the same
    expression.
    """
    m = np.zeros_like(grads[0])
    v = np.zeros_like(grads[0])
    steps = []
    for t, grad in enumerate(grads, start=1):
        m = beta_1 * m + (1 - beta_1) * grad
        v = beta_2 * v + (1 - beta_2) * grad**2
        step_size = learning_rate * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
        steps.append(-step_size * m / (np.sqrt(v) + epsilon))
    return np.array(steps)


def _folded_adam_path(learning_rate, beta_1, beta_2, epsilon, x0=X0):
    """Return the iterates of the folded Adam form on the quadratic."""
    x = x0.copy()
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    path = []
    for t in range(1, N_UPDATES + 1):
        grad = _gradient(x)
        m = beta_1 * m + (1 - beta_1) * grad
        v = beta_2 * v + (1 - beta_2) * grad**2
        step_size = learning_rate * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
        x = x - step_size * m / (np.sqrt(v) + epsilon)
        path.append(x)
    return np.array(path)


# Momentum: where the learning rate sits.


def test_momentum_matches_mlp_at_constant_rate():
    ours = _skoptim_path(Momentum(learning_rate=0.05, momentum=0.9))
    mlp = _mlp_sgd_path([0.05] * N_UPDATES, momentum=0.9, nesterov=False)
    assert_allclose(ours, mlp, rtol=1e-12, atol=1e-14)


def test_momentum_matches_river_at_constant_rate():
    ours = _skoptim_path(Momentum(learning_rate=0.05, momentum=0.9))
    river = _river_momentum_path(0.05, rho=0.9)
    assert_allclose(ours, river, rtol=1e-12, atol=1e-14)


def test_momentum_differs_from_mlp_under_schedule():
    """A new rate rescales skoptim's whole velocity, but only MLP's new gradient."""
    schedule = ExponentialDecay(0.05, decay_rate=0.8)
    ours = _skoptim_path(Momentum(learning_rate=schedule, momentum=0.9))
    mlp = _mlp_sgd_path(
        [schedule(k) for k in range(N_UPDATES)], momentum=0.9, nesterov=False
    )

    # The first update has no velocity yet, so it agrees.
    assert_allclose(ours[0], mlp[0], rtol=1e-14)
    assert np.max(np.abs(ours - mlp)) > 0.1


# Nesterov: where the gradient is taken.


def test_nesterov_matches_mlp_at_constant_rate():
    ours = _skoptim_path(Nesterov(learning_rate=0.05, momentum=0.9))
    mlp = _mlp_sgd_path([0.05] * N_UPDATES, momentum=0.9, nesterov=True)
    assert_allclose(ours, mlp, rtol=1e-12, atol=1e-14)


def test_nesterov_iterates_are_river_look_ahead_points():
    """skoptim (like torch) stores the look-ahead point ``w - rho * s`` at
    which river evaluates the next gradient."""
    ours = _skoptim_path(Nesterov(learning_rate=0.05, momentum=0.9))
    weights, velocities = _river_nesterov_path(0.05, rho=0.9)
    assert_allclose(ours, weights - 0.9 * velocities, rtol=1e-12, atol=1e-14)
    assert np.max(np.abs(ours - weights)) > 1e-3


# Epsilon and bias correction in Adam.


def test_adam_matches_mlp_and_river_without_epsilon():
    """With epsilon=0 the folded bias correction is the same algebra."""
    ours = _skoptim_path(Adam(learning_rate=0.05, epsilon=0.0))
    folded = _folded_adam_path(0.05, beta_1=0.9, beta_2=0.999, epsilon=0.0)
    assert_allclose(ours, folded, rtol=1e-12, atol=1e-14)


def test_adam_folded_epsilon_equals_rescaled_epsilon():
    """MLP's and river's epsilon at update t acts as skoptim's (and torch's)
    epsilon divided by sqrt(1 - beta_2**t)."""
    rng = np.random.default_rng(0)
    grads = rng.normal(scale=1e-6, size=(20, 3))
    epsilon, beta_2 = 1e-6, 0.999
    folded = _folded_adam_steps(grads, 0.01, beta_1=0.9, beta_2=beta_2, epsilon=epsilon)

    for t in range(1, len(grads) + 1):
        optimizer = Adam(learning_rate=0.01, epsilon=epsilon / np.sqrt(1 - beta_2**t))
        state = optimizer.init(np.zeros(3))
        for grad in grads[:t]:
            step, state = optimizer.update(grad, state, np.zeros(3))
        assert_allclose(step, folded[t - 1], rtol=1e-12)

    # With the same epsilon, the first steps differ: gradients of the size of
    # epsilon make the difference visible.
    optimizer = Adam(learning_rate=0.01, epsilon=epsilon)
    state = optimizer.init(np.zeros(3))
    step, state = optimizer.update(grads[0], state, np.zeros(3))
    assert np.all(np.abs(step) > 2 * np.abs(folded[0]))


# Epsilon in AdaGrad and RMSProp: outside the root here, inside in river.


def _river_adagrad_step(grad, learning_rate, epsilon):
    """river's ``optim.AdaGrad``, first update: ``lr / (g2 + eps) ** 0.5 * g``."""
    return -learning_rate / np.sqrt(grad**2 + epsilon) * grad


def _river_rmsprop_step(grad, learning_rate, rho, epsilon):
    """river's ``optim.RMSProp``, first update: ``g2 = (1 - rho) * g**2``."""
    return -learning_rate / np.sqrt((1 - rho) * grad**2 + epsilon) * grad


@pytest.mark.parametrize("name", ["adagrad", "rmsprop"])
def test_epsilon_outside_root_unlike_river(name):
    grad = np.array([0.5, -2.0])
    epsilon = 0.25
    if name == "adagrad":
        optimizer = AdaGrad(learning_rate=0.1, epsilon=epsilon)
        square = grad**2
        river = _river_adagrad_step(grad, 0.1, epsilon)
        river_without_epsilon = _river_adagrad_step(grad, 0.1, 0.0)
    else:
        optimizer = RMSProp(learning_rate=0.1, rho=0.9, epsilon=epsilon)
        square = 0.1 * grad**2
        river = _river_rmsprop_step(grad, 0.1, 0.9, epsilon)
        river_without_epsilon = _river_rmsprop_step(grad, 0.1, 0.9, 0.0)

    state = optimizer.init(np.zeros(2))
    step, _ = optimizer.update(grad, state, np.zeros(2))
    assert_allclose(step, -0.1 * grad / (np.sqrt(square) + epsilon), rtol=1e-14)
    assert not np.allclose(step, river, rtol=1e-3)

    optimizer.set_params(epsilon=0.0)
    state = optimizer.init(np.zeros(2))
    step, _ = optimizer.update(grad, state, np.zeros(2))
    assert_allclose(step, river_without_epsilon, rtol=1e-14)


# Scale of the squared error.


def _regression_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + rng.normal(scale=0.1, size=50)
    return X, y


def _gdregressor_path(X, y, learning_rate, n_epochs):
    """Return the coefficients after each full-batch epoch of plain SGD."""
    model = GDRegressor(
        optimizer=SGD(learning_rate=learning_rate),
        penalty=None,
        fit_intercept=False,
        batch_size=None,
        shuffle=False,
    )
    path = []
    for _ in range(n_epochs):
        model.partial_fit(X, y)
        path.append(model.coef_.copy())
    return np.array(path), model


def _doubled_squared_error_path(X, y, learning_rate, n_epochs):
    """Return plain gradient descent on the mean of the full squared residuals.

    torch.nn.MSELoss (reduction="mean") is ``mean((x - y) ** 2)``, and
    river's ``optim.losses.Squared`` is ``(p - y) ** 2`` with gradient
    ``2 * (p - y)``; averaged over a batch both give ``2 / n * X.T @ r``.
    """
    coef = np.zeros(X.shape[1])
    path = []
    for _ in range(n_epochs):
        residual = X @ coef - y
        coef = coef - learning_rate * 2 / len(y) * (X.T @ residual)
        path.append(coef)
    return np.array(path)


def test_sgd_step_equals_doubled_loss_at_half_rate():
    """torch's MSELoss and river's Squared are twice GDRegressor's loss."""
    X, y = _regression_data()
    ours, _ = _gdregressor_path(X, y, learning_rate=0.1, n_epochs=5)
    half_rate = _doubled_squared_error_path(X, y, learning_rate=0.05, n_epochs=5)
    same_rate = _doubled_squared_error_path(X, y, learning_rate=0.1, n_epochs=5)

    assert_allclose(ours, half_rate, rtol=1e-12)
    assert not np.allclose(ours, same_rate, rtol=1e-3)


def test_loss_curve_is_half_mean_squared_error():
    """The first epoch's loss is taken at coef = 0, where the prediction is 0."""
    X, y = _regression_data()
    _, model = _gdregressor_path(X, y, learning_rate=0.1, n_epochs=1)
    assert_allclose(model.loss_curve_[0], 0.5 * np.mean(y**2), rtol=1e-12)


def test_mlp_squared_loss_has_our_scale():
    # NOTE: squared_loss is private; scikit-learn 1.9.1 defines it in
    # sklearn/neural_network/_base.py as half the mean squared error.
    from sklearn.neural_network._base import squared_loss

    X, y = _regression_data()
    _, model = _gdregressor_path(X, y, learning_rate=0.1, n_epochs=1)
    assert_allclose(squared_loss(y, np.zeros_like(y)), model.loss_curve_[0], rtol=1e-12)
