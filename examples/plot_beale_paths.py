"""
=====================================
Optimizer paths on the Beale function
=====================================

The Beale function

.. math::

    f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2

has its global minimum :math:`f = 0` at :math:`(3, 0.5)`, at the end of a
long, curved, flat valley, with steep walls elsewhere. This example runs
SGD, Momentum, Nesterov, AdaGrad, Adadelta, RMSProp and Adam from the same
start through :func:`skoptim.minimize`, draws their paths over the
contours, and writes the same picture as an animated GIF.
"""

# %%
# The function and its gradient
# -----------------------------
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import animation
from matplotlib.colors import LogNorm

from skoptim import minimize
from skoptim.optimizers import SGD, AdaGrad, Adadelta, Adam, Momentum, Nesterov, RMSProp


def beale(point):
    """Return the Beale function and its gradient at ``point = (x, y)``."""
    x, y = point
    first = 1.5 - x + x * y
    second = 2.25 - x + x * y**2
    third = 2.625 - x + x * y**3
    value = first**2 + second**2 + third**2
    gradient = np.array(
        [
            2 * first * (y - 1) + 2 * second * (y**2 - 1) + 2 * third * (y**3 - 1),
            2 * x * (first + 2 * second * y + 3 * third * y**2),
        ]
    )
    return value, gradient


MINIMUM = (3.0, 0.5)
START = np.array([1.0, 1.5])
N_UPDATES = 1000

# %%
# Run the optimizers
# ------------------
# One learning rate cannot suit them all. The gradient at the start has a
# norm of about 100. The momentum methods add up their steps over updates,
# so they need a rate ten times smaller than plain SGD. The adaptive
# methods take steps of about their learning rate whatever the gradient.
# Each rate below gives a path that reaches the valley and follows it
# towards the minimum within 1000 updates. Adadelta runs at its default,
# because its learning rate is a multiplier of a step that it scales itself.
optimizers = {
    "SGD": SGD(learning_rate=0.01),
    "Momentum": Momentum(learning_rate=0.001),
    "Nesterov": Nesterov(learning_rate=0.001),
    "AdaGrad": AdaGrad(learning_rate=0.5),
    "Adadelta": Adadelta(learning_rate=1.0),
    "RMSProp": RMSProp(learning_rate=0.01),
    "Adam": Adam(learning_rate=0.05),
}
paths = {}
print(f"{'optimizer':9s} {'learning rate':>13s}   final point        f")
for name, optimizer in optimizers.items():
    result = minimize(
        beale, START, jac=True, optimizer=optimizer, max_iter=N_UPDATES, record_path=True
    )
    paths[name] = result.path
    x, y = result.x
    print(
        f"{name:9s} {optimizer.learning_rate:13g}   ({x:.3f}, {y:.3f})   {result.fun:.2e}"
    )

# %%
# Paths over the contours
# -----------------------
# Momentum and Nesterov build up speed down the first slope and overshoot
# past the valley floor before they turn; Nesterov's look-ahead turns it
# sooner. SGD follows the steepest descent. AdaGrad, RMSProp and Adam move
# each coordinate by about their learning rate at first, whatever its
# gradient, which takes them to the left, away from the minimum, before
# they turn into the valley. Adadelta's first steps are tiny and grow as
# it goes; after 1000 updates it is still short of the minimum.
X_RANGE, Y_RANGE = (-0.5, 4.5), (-1.5, 2.0)
grid_x, grid_y = np.meshgrid(np.linspace(*X_RANGE, 300), np.linspace(*Y_RANGE, 300))
grid_f = beale((grid_x, grid_y))[0]
colors = dict(zip(optimizers, plt.get_cmap("tab10").colors))


def draw_background(ax):
    """Draw the contours, the start and the minimum."""
    ax.contour(
        grid_x,
        grid_y,
        grid_f,
        levels=np.logspace(-1, 4.5, 25),
        norm=LogNorm(),
        cmap="Greys",
        linewidths=0.7,
    )
    ax.plot(*START, "ko", markersize=6, label="start (1, 1.5)")
    ax.plot(*MINIMUM, "*", color="gold", markeredgecolor="k", markersize=16,
            label="minimum (3, 0.5)")
    ax.set_xlim(X_RANGE)
    ax.set_ylim(Y_RANGE)
    ax.set_xlabel("x")
    ax.set_ylabel("y")


fig, ax = plt.subplots(figsize=(8, 6), layout="constrained")
draw_background(ax)
for name, path in paths.items():
    ax.plot(path[:, 0], path[:, 1], color=colors[name], lw=1.8, label=name)
ax.set_title(f"Paths on the Beale function, {N_UPDATES} updates")
ax.legend(loc="upper right", ncol=2, framealpha=0.9)
plt.show()

# %%
# Animation
# ---------
# The same paths, written to ``beale_paths.gif`` with matplotlib's
# ``PillowWriter``. The frames are spaced geometrically in the number of
# updates, so the fast first moves and the slow end both show. The writer
# needs Pillow, which matplotlib installs; the check keeps the example
# running where it is missing.
if animation.writers.is_available("pillow"):
    frame_updates = np.unique(np.geomspace(1, N_UPDATES, 30).astype(int))
    fig, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
    draw_background(ax)
    lines = {
        name: ax.plot([], [], color=colors[name], lw=1.8, label=name)[0]
        for name in paths
    }
    title = ax.set_title("")
    ax.legend(loc="upper right", ncol=2, fontsize="small", framealpha=0.9)

    def draw_frame(n_updates):
        for name, line in lines.items():
            line.set_data(paths[name][: n_updates + 1, 0], paths[name][: n_updates + 1, 1])
        title.set_text(f"Beale function, update {n_updates}")
        return [*lines.values(), title]

    movie = animation.FuncAnimation(fig, draw_frame, frames=frame_updates, blit=False)
    movie.save("beale_paths.gif", writer=animation.PillowWriter(fps=6), dpi=80)
    plt.close(fig)
else:
    print("Pillow is not installed; the animated GIF was not written.")
