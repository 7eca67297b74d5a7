"""
===========================================
Every optimizer on the Boston housing data
===========================================

This example fits :class:`~skoptim.GDRegressor` with each optimizer of
:mod:`skoptim.optimizers`, at its default hyperparameters, to predict the
median house value ``MEDV`` from ``LSTAT`` (the share of the population
with lower status) on an 80/20 split. It plots how fast each optimizer's
training loss approaches the closed-form least-squares solution, and the
fitted lines against the data with the closed form drawn for comparison.
"""

# %%
# Load the data and split it
# --------------------------
# Only ``LSTAT`` is used. The column ``B`` of this data set rests on a
# racist assumption (see :func:`~skoptim.datasets.load_boston_housing`) and
# is never used in these examples.
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skoptim import GDRegressor
from skoptim.datasets import load_boston_housing
from skoptim.optimizers import OPTIMIZERS

X, y = load_boston_housing(return_X_y=True, as_frame=True)
X = X[["LSTAT"]]
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=0
)

# %%
# The closed-form solution
# ------------------------
# Least squares on the standardized feature gives the minimum of the
# training objective, half the mean squared residual, which every
# optimizer should approach. ``penalty=None`` below makes the estimators
# minimize exactly this objective.
scaler = StandardScaler().fit(X_train)
design = np.column_stack([scaler.transform(X_train), np.ones(len(X_train))])
(slope, intercept), *_ = np.linalg.lstsq(design, y_train.to_numpy(), rcond=None)
best_loss = 0.5 * np.mean((design @ [slope, intercept] - y_train.to_numpy()) ** 2)
print(f"closed form: slope {slope:.3f} per standard deviation of LSTAT, "
      f"intercept {intercept:.3f}, training loss {best_loss:.4f}")

# %%
# Fit every optimizer
# -------------------
# Each fit stops when the epoch loss has not improved by ``tol`` for five
# epochs. ``loss_curve_`` contains one value per epoch.
models = {}
for name in OPTIMIZERS:
    model = make_pipeline(
        StandardScaler(),
        GDRegressor(optimizer=name, penalty=None, random_state=0),
    )
    models[name] = model.fit(X_train, y_train)

print(f"{'optimizer':10s} {'epochs':>6s} {'test R²':>8s}")
for name, model in models.items():
    print(f"{name:10s} {model[-1].n_iter_:6d} {model.score(X_test, y_test):8.4f}")

# %%
# Loss history and fitted lines
# -----------------------------
# The left panel shows how far each epoch's loss is above the closed-form
# minimum, on logarithmic axes. Momentum and Nesterov, whose lines nearly
# coincide, get there in the fewest epochs. The adaptive optimizers move
# each parameter by about their learning rate per update, so they need
# more epochs to cover the distance to the slope of about -7. The right
# panel shows that all of them end on the closed-form line.
fig, (ax_loss, ax_fit) = plt.subplots(1, 2, figsize=(12, 5), layout="constrained")
# The first six optimizers solid, the later ones dashed, reusing the colors.
colors = plt.get_cmap("tab10").colors
styles = [(colors[index % 6], "-" if index < 6 else "--") for index in range(len(models))]
for (name, model), (color, style) in zip(models.items(), styles):
    excess = np.asarray(model[-1].loss_curve_) - best_loss
    epochs = np.arange(1, len(excess) + 1)
    ax_loss.plot(epochs, excess, style, color=color, label=name)
ax_loss.set_xscale("log")
ax_loss.set_yscale("log")
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("epoch loss − closed-form minimum")
ax_loss.set_title("Training loss above the least-squares minimum")
ax_loss.legend(ncol=2, fontsize="small")

grid = np.linspace(X["LSTAT"].min(), X["LSTAT"].max(), 100)
grid_frame = pd.DataFrame({"LSTAT": grid})
ax_fit.scatter(X_train["LSTAT"], y_train, s=8, color="0.6", label="training data")
for index, ((name, model), (color, style)) in enumerate(zip(models.items(), styles)):
    label = f"the {len(models)} optimizers" if index == 0 else None
    ax_fit.plot(grid, model.predict(grid_frame), style, color=color, lw=1, label=label)
closed_form = slope * scaler.transform(grid_frame)[:, 0] + intercept
ax_fit.plot(grid, closed_form, "k--", lw=2, label="closed form (least squares)")
ax_fit.set_xlabel("LSTAT (% lower status of the population)")
ax_fit.set_ylabel("MEDV (median value, $1000s)")
ax_fit.set_title("Fitted lines of all optimizers")
ax_fit.legend()
plt.show()
