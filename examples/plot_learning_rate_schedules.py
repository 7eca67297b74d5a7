"""
=======================
Learning-rate schedules
=======================

With a constant learning rate, mini-batch SGD never settles: each
mini-batch gradient differs from the full gradient, so the parameters keep
moving around the minimum. A schedule from :mod:`skoptim.schedules` lowers
the rate as training goes on. This example plots five schedules over the
updates of a 100-epoch fit and their effect on the loss history of
:class:`~skoptim.GDRegressor` with plain SGD on the Boston housing data.
"""

# %%
# Data and the reference minimum
# ------------------------------
# All features but ``B`` predict ``MEDV``; ``B`` rests on a racist
# assumption (see :func:`~skoptim.datasets.load_boston_housing`) and is
# never used in these examples. The least-squares solution on the
# standardized features gives the minimum of the training objective, half
# the mean squared residual.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.preprocessing import StandardScaler

from skoptim import GDRegressor
from skoptim.datasets import load_boston_housing
from skoptim.optimizers import SGD
from skoptim.schedules import (
    Constant,
    CosineDecay,
    ExponentialDecay,
    InverseScaling,
    StepDecay,
)

X, y = load_boston_housing(return_X_y=True, as_frame=True)
X = StandardScaler().fit_transform(X.drop(columns="B"))
y = y.to_numpy()

design = np.column_stack([X, np.ones(len(X))])
solution, *_ = np.linalg.lstsq(design, y, rcond=None)
best_loss = 0.5 * np.mean((design @ solution - y) ** 2)

# %%
# The schedules
# -------------
# Schedules count updates, not epochs. With ``batch_size=32`` and 506 rows,
# an epoch is 16 updates, so 100 epochs are 1600 updates. Every schedule
# starts at 0.1. The step decay divides the rate by about 3 every 400
# updates, the exponential decay reaches a hundredth of the start at the
# end, and the cosine decay reaches zero after a warm-up of 100 updates.
BATCH_SIZE = 32
N_EPOCHS = 100
n_updates = N_EPOCHS * int(np.ceil(len(X) / BATCH_SIZE))
WARMUP = 100

schedules = {
    "constant": Constant(0.1),
    "inverse scaling": InverseScaling(0.1, power=0.5),
    "step decay": StepDecay(0.1, step_size=n_updates // 4, gamma=0.3),
    "exponential decay": ExponentialDecay(0.1, decay_rate=0.01 ** (1 / n_updates)),
    "cosine decay + warm-up": CosineDecay(
        0.1, decay_steps=n_updates - WARMUP, warmup_steps=WARMUP
    ),
}

# %%
# Fit with each schedule
# ----------------------
# ``tol=None`` runs all 100 epochs, so that the loss histories have the same
# length. ``penalty=None`` makes the objective the one of the closed form.
loss_curves = {}
for name, schedule in schedules.items():
    model = GDRegressor(
        optimizer=SGD(learning_rate=schedule),
        penalty=None,
        batch_size=BATCH_SIZE,
        max_iter=N_EPOCHS,
        tol=None,
        random_state=0,
    )
    model.fit(X, y)
    loss_curves[name] = np.asarray(model.loss_curve_)
    final = 0.5 * np.mean((model.predict(X) - y) ** 2)
    print(f"{name:23s} final training loss {final - best_loss:.2e} above the minimum")

# %%
# Schedules and loss histories
# ----------------------------
# With the constant rate the epoch loss stops improving after about 30
# epochs and keeps jumping up and down. Inverse scaling lowers the rate so
# fast that progress slows down early. The step, exponential and cosine
# schedules keep a large rate while the parameters are far from the minimum
# and a small one near it, so their loss keeps falling. The epoch loss
# averages the mini-batch losses over the epoch, each taken before its
# update, so it lies above the loss at the final parameters that the
# output above prints.
colors = dict(zip(schedules, plt.get_cmap("tab10").colors))
fig, (ax_rate, ax_loss) = plt.subplots(1, 2, figsize=(12, 4.8), layout="constrained")

updates = np.arange(n_updates)
for name, schedule in schedules.items():
    ax_rate.plot(updates, [schedule(k) for k in updates], color=colors[name], label=name)
ax_rate.set_xlabel("update (mini-batch)")
ax_rate.set_ylabel("learning rate")
ax_rate.set_title("Schedules, starting at 0.1")
ax_rate.legend()

epochs = np.arange(1, N_EPOCHS + 1)
for name, curve in loss_curves.items():
    ax_loss.plot(epochs, curve - best_loss, color=colors[name], label=name)
ax_loss.set_yscale("log")
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("epoch loss − least-squares minimum")
ax_loss.set_title("Loss history of SGD with each schedule")
ax_loss.legend()
plt.show()
