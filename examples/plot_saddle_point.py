"""
==================================
Optimizer paths at a saddle point
==================================

On :math:`f(x, y) = x^2 - y^2`, started just off the stable direction at
:math:`(1, 10^{-3})`, plain gradient descent needs many updates to notice
the escape direction, because the gradient along :math:`y` is tiny. Momentum
builds up speed along :math:`y`, and RMSProp and Adam rescale each
coordinate, so they leave the saddle much sooner. This example records each
path with :func:`skoptim.minimize` and counts the updates until
:math:`|y| > 1`.
"""

# %%
# Run each optimizer from the same start
# --------------------------------------
# All optimizers but Adadelta run with learning rate 0.01. Adadelta's
# learning rate multiplies a step that it scales itself, so it runs at its
# default 1.0.
import matplotlib.pyplot as plt
import numpy as np

from skoptim import minimize
from skoptim.optimizers import SGD, AdaGrad, Adadelta, Adam, Momentum, Nesterov, RMSProp


def saddle(point):
    """Return f(x, y) = x² - y² and its gradient."""
    x, y = point
    return x**2 - y**2, np.array([2 * x, -2 * y])


N_UPDATES = 400
optimizers = {
    "SGD": SGD(learning_rate=0.01),
    "Momentum": Momentum(learning_rate=0.01),
    "Nesterov": Nesterov(learning_rate=0.01),
    "AdaGrad": AdaGrad(learning_rate=0.01),
    "Adadelta": Adadelta(learning_rate=1.0),
    "RMSProp": RMSProp(learning_rate=0.01),
    "Adam": Adam(learning_rate=0.01),
}
paths = {}
for name, optimizer in optimizers.items():
    result = minimize(
        saddle, [1.0, 1e-3], jac=True, optimizer=optimizer, max_iter=N_UPDATES,
        record_path=True,
    )
    paths[name] = result.path
    escaped = np.flatnonzero(np.abs(result.path[:, 1]) > 1)
    count = escaped[0] if escaped.size else f"more than {N_UPDATES}"
    print(f"{name:9s} leaves the saddle (|y| > 1) after {count} updates")

# %%
# Paths and distance from the stable direction
# --------------------------------------------
# The left panel draws the paths over the contours of f. The right panel
# shows :math:`|y|` after each update on a logarithmic scale. There the
# escape of plain gradient descent is a straight line, because each update
# multiplies :math:`y` by :math:`1 + 2 \cdot 0.01`. AdaGrad's steps shrink
# as its sum of squared gradients grows, so at this learning rate it does
# not leave the saddle within 400 updates. Adadelta's steps grow with the
# running size of its past steps, and it leaves first.
colors = dict(zip(optimizers, plt.get_cmap("tab10").colors))
grid = np.linspace(-1.5, 1.5, 200)
xx, yy = np.meshgrid(grid, grid)

fig, (ax_path, ax_escape) = plt.subplots(1, 2, figsize=(12, 5), layout="constrained")
ax_path.contour(xx, yy, xx**2 - yy**2, levels=20, cmap="Greys", linewidths=0.8)
for name, path in paths.items():
    inside = np.all(np.abs(path) <= 1.5, axis=1)
    ax_path.plot(path[inside, 0], path[inside, 1], color=colors[name], label=name)
ax_path.plot(1.0, 1e-3, "ko", label="start (1, 0.001)")
ax_path.plot(0.0, 0.0, "kx", markersize=9, label="saddle point (0, 0)")
ax_path.set_xlim(-1.5, 1.5)
ax_path.set_ylim(-1.5, 1.5)
ax_path.set_xlabel("x")
ax_path.set_ylabel("y")
ax_path.set_title("Paths on f(x, y) = x² − y²")
ax_path.legend(loc="lower left", fontsize="small", framealpha=0.9)

updates = np.arange(N_UPDATES + 1)
for name, path in paths.items():
    ax_escape.plot(updates, np.abs(path[:, 1]), color=colors[name], label=name)
ax_escape.axhline(1.0, color="k", linestyle=":", label="|y| = 1")
ax_escape.set_yscale("log")
ax_escape.set_ylim(1e-4, 1e3)
ax_escape.set_xlabel("update")
ax_escape.set_ylabel("|y|, distance from the stable direction")
ax_escape.set_title("Escape from the saddle")
ax_escape.legend(loc="lower right", fontsize="small")
plt.show()
