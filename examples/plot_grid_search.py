"""
==============================================
Grid search over optimizers and learning rates
==============================================

An optimizer is a parameter of :class:`~skoptim.GDRegressor`, so
:class:`~sklearn.model_selection.GridSearchCV` can swap it as a grid value
and tune its learning rate through the nested name
``gdregressor__optimizer__learning_rate``. This example searches seven
optimizers and seven learning rates on the Boston housing data and shows
the cross-validated :math:`R^2` as a heat map: which rates each optimizer
tolerates, and where it diverges.
"""

# %%
# Data and model
# --------------
# All features but ``B`` predict ``MEDV``; ``B`` rests on a racist
# assumption (see :func:`~skoptim.datasets.load_boston_housing`) and is
# never used in these examples. With twelve features of different spread,
# the problem is less well conditioned than ``LSTAT`` alone, which
# separates the optimizers more clearly. ``max_iter=200`` bounds the run
# time of the 245 fits.
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning, FitFailedWarning
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skoptim import GDRegressor
from skoptim.datasets import load_boston_housing
from skoptim.optimizers import SGD, AdaGrad, Adadelta, Adam, Momentum, Nesterov, RMSProp

X, y = load_boston_housing(return_X_y=True, as_frame=True)
X = X.drop(columns="B")
model = make_pipeline(StandardScaler(), GDRegressor(max_iter=200, random_state=0))

# %%
# The grid
# --------
# Each grid value is an optimizer object; the learning rate is then set on
# GridSearchCV's copy of it. A fit that diverges raises a ``ValueError``,
# which ``error_score=np.nan`` records as a missing score. Small learning
# rates stop at ``max_iter`` with a ``ConvergenceWarning``. The heat map
# shows both outcomes, so their warnings, and GridSearchCV's warning about
# the missing scores, are silenced here.
optimizers = [SGD(), Momentum(), Nesterov(), AdaGrad(), RMSProp(), Adam(), Adadelta()]
learning_rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
search = GridSearchCV(
    model,
    {
        "gdregressor__optimizer": optimizers,
        "gdregressor__optimizer__learning_rate": learning_rates,
    },
    # The rows of the data file are ordered, so the folds are shuffled.
    cv=KFold(5, shuffle=True, random_state=0),
    error_score=np.nan,
    n_jobs=2,
)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    warnings.simplefilter("ignore", FitFailedWarning)
    warnings.filterwarnings("ignore", "One or more of the test scores are non-finite")
    search.fit(X, y)

best = search.best_params_
print(
    f"best: {type(best['gdregressor__optimizer']).__name__} with learning rate "
    f"{best['gdregressor__optimizer__learning_rate']}, "
    f"mean R² {search.best_score_:.4f}"
)

# %%
# Heat map of the mean cross-validated R²
# ---------------------------------------
# ``cv_results_`` lists the grid in the order of its keys, sorted by name:
# the optimizer varies slowest. Cells with a missing score diverged in at
# least one fold. Scores below 0 are drawn with the color of 0.
names = [type(optimizer).__name__ for optimizer in optimizers]
scores = search.cv_results_["mean_test_score"].reshape(len(names), len(learning_rates))

fig, ax = plt.subplots(figsize=(8, 5.5), layout="constrained")
image = ax.imshow(np.ma.masked_invalid(scores), cmap="viridis", vmin=0.0, vmax=0.75)
ax.set_facecolor("0.85")
for row in range(len(names)):
    for column in range(len(learning_rates)):
        score = scores[row, column]
        text = "diverged" if np.isnan(score) else f"{score:.2f}"
        color = "black" if np.isnan(score) or score > 0.5 else "white"
        ax.text(column, row, text, ha="center", va="center", color=color, fontsize=9)
ax.set_xticks(range(len(learning_rates)), [f"{rate:g}" for rate in learning_rates])
ax.set_yticks(range(len(names)), names)
ax.set_xlabel("learning_rate")
ax.set_ylabel("optimizer")
ax.set_title("Mean R² over 5 folds, Boston housing without B")
fig.colorbar(image, ax=ax, label="mean cross-validated R²")
plt.show()

# %%
# SGD, Momentum and Nesterov reach the best scores over a range of
# learning rates but diverge beyond it, and the momentum methods diverge at
# a smaller rate than SGD, because their velocity adds up successive
# gradients. RMSProp and Adam move each coordinate by about the learning
# rate whatever the gradient, so they do not diverge anywhere on this grid.
# Too large a rate only leaves them wandering around the minimum. AdaGrad
# and Adadelta need large rates: AdaGrad's steps shrink as it goes, and
# Adadelta's rate multiplies a step that is tiny at first.
