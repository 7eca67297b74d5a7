"""
==================================
Optimizer paths at a saddle point
==================================

On :math:`f(x, y) = x^2 - y^2`, started just off the stable direction at
:math:`(1, 10^{-3})`, plain gradient descent needs many updates to notice
the escape direction, because the gradient along :math:`y` is tiny. Adaptive
optimizers such as Adam rescale each coordinate and leave the saddle much
sooner. This example records each path with :func:`skoptim.minimize` and
counts the updates until :math:`|y| > 1`.
"""

# %%
# Run each optimizer from the same start with the same learning rate.
import numpy as np

from skoptim import minimize
from skoptim.optimizers import SGD, Adam, Momentum, Nesterov, RMSProp


def saddle(point):
    x, y = point
    return x**2 - y**2, np.array([2 * x, -2 * y])


optimizers = {
    "SGD": SGD(learning_rate=0.01),
    "Momentum": Momentum(learning_rate=0.01),
    "Nesterov": Nesterov(learning_rate=0.01),
    "RMSProp": RMSProp(learning_rate=0.01),
    "Adam": Adam(learning_rate=0.01),
}
paths = {}
for name, optimizer in optimizers.items():
    result = minimize(
        saddle, [1.0, 1e-3], jac=True, optimizer=optimizer, max_iter=400, record_path=True
    )
    paths[name] = result.path
    escaped = np.flatnonzero(np.abs(result.path[:, 1]) > 1)
    count = escaped[0] if escaped.size else "more than 400"
    print(f"{name:9s} leaves the saddle (|y| > 1) after {count} updates")

# %%
# Plot the paths over the contours of f.
import matplotlib.pyplot as plt

grid = np.linspace(-1.5, 1.5, 200)
xx, yy = np.meshgrid(grid, grid)
fig, ax = plt.subplots(figsize=(6, 5))
ax.contour(xx, yy, xx**2 - yy**2, levels=20, cmap="Greys", linewidths=0.8)
for name, path in paths.items():
    inside = np.all(np.abs(path) <= 1.5, axis=1)
    ax.plot(path[inside, 0], path[inside, 1], label=name)
ax.plot(1.0, 1e-3, "ko", label="start (1, 0.001)")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("Paths on f(x, y) = x² − y², learning rate 0.01")
ax.legend(loc="lower left")
plt.show()
