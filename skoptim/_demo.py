# SPDX-License-Identifier: BSD-3-Clause
"""Demo that fits every optimizer on the Boston housing data and plots the fits."""

import math
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skoptim import GDRegressor
from skoptim.datasets import load_boston_housing
from skoptim.optimizers import OPTIMIZERS

__all__ = ["run_demo"]

FEATURE = "LSTAT"
TARGET = "MEDV"
CLOSED_FORM_LABEL = "closed form (lstsq)"
LOSS_HISTORY_FILENAME = "loss_history.png"
FITTED_LINES_FILENAME = "fitted_lines.png"

_TABLE_HEADERS = {
    "optimizer": "optimizer",
    "epochs": "epochs",
    "train_mse": "train MSE",
    "test_mse": "test MSE",
    "test_r2": "test R²",
    "fit_time_s": "fit time",
}


def run_demo(output_dir, *, random_state=0, stream=None):
    """Fit every optimizer on the Boston housing data and compare them.

    The problem is to predict ``MEDV`` (median home value in $1000s) from
    ``LSTAT`` (percentage of the population with lower status) alone, on an
    80/20 train/test split. Each optimizer in
    :data:`skoptim.optimizers.OPTIMIZERS` fits
    ``make_pipeline(StandardScaler(), GDRegressor(optimizer=name))`` with
    default settings, and ``numpy.linalg.lstsq`` on the standardized feature
    gives the closed-form least-squares reference. The feature ``B`` is never
    used, and :func:`skoptim.datasets.load_boston_housing` explains why.

    The function prints the results table to ``stream`` and writes
    ``loss_history.png`` and ``fitted_lines.png`` to ``output_dir``. Without
    matplotlib, it prints the table and a note that the plots were skipped.

    Parameters
    ----------
    output_dir : str or path-like
        Folder for the two PNG files. It is created if missing.

    random_state : int, default=0
        Seed of the train/test split and of each `GDRegressor`'s mini-batch
        shuffling.

    stream : file-like object, default=None
        Text stream for the table and messages. None means ``sys.stdout``.

    Returns
    -------
    results : pandas.DataFrame
        One row per optimizer, in the order of ``OPTIMIZERS``, then the
        closed-form row. Columns: ``optimizer`` (name), ``epochs``
        (``n_iter_``, missing for the closed form), ``train_mse``,
        ``test_mse``, ``test_r2`` and ``fit_time_s`` (wall-clock seconds of
        the fit, from ``time.perf_counter``).
    """
    if stream is None:
        stream = sys.stdout

    housing = load_boston_housing(as_frame=True)
    X = housing.data[[FEATURE]]
    y = housing.target
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, random_state=random_state
    )

    rows, models = _fit_optimizers(X_train, X_test, y_train, y_test, random_state)
    closed_form_row, closed_form = _fit_closed_form(
        X_train, X_test, y_train, y_test
    )
    rows.append(closed_form_row)
    results = pd.DataFrame(rows)
    results["epochs"] = results["epochs"].astype("Int64")

    print(
        f"Boston housing: predict {TARGET} from standardized {FEATURE} "
        f"({len(X_train)} training and {len(X_test)} test samples).",
        file=stream,
    )
    print(_format_table(results), file=stream)

    try:
        import matplotlib
    except ImportError:
        print(
            'Plots skipped because matplotlib is not installed. Run pip install '
            '"skoptim[plot]" to add them.',
            file=stream,
        )
        return results

    # NOTE: this switches matplotlib's backend for the whole process, so an
    # interactive session that calls run_demo stops showing figures on screen.
    matplotlib.use("Agg")
    output_dir = Path(output_dir).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    loss_path = _plot_loss_history(
        models, closed_form_row["train_mse"], output_dir / LOSS_HISTORY_FILENAME
    )
    lines_path = _plot_fitted_lines(
        models, closed_form, X_test, y_test, output_dir / FITTED_LINES_FILENAME
    )
    print(f"Loss history plot written to {loss_path}", file=stream)
    print(f"Fitted lines plot written to {lines_path}", file=stream)
    return results


def _fit_optimizers(X_train, X_test, y_train, y_test, random_state):
    """Fit one pipeline per optimizer and return result rows and pipelines."""
    rows = []
    models = {}
    for name in OPTIMIZERS:
        model = make_pipeline(
            StandardScaler(), GDRegressor(optimizer=name, random_state=random_state)
        )
        start = time.perf_counter()
        model.fit(X_train, y_train)
        fit_time = time.perf_counter() - start

        regressor = model[-1]
        rows.append(
            {
                "optimizer": name,
                "epochs": regressor.n_iter_,
                "train_mse": mean_squared_error(y_train, model.predict(X_train)),
                "test_mse": mean_squared_error(y_test, model.predict(X_test)),
                "test_r2": r2_score(y_test, model.predict(X_test)),
                "fit_time_s": fit_time,
            }
        )
        models[name] = model
    return rows, models


def _fit_closed_form(X_train, X_test, y_train, y_test):
    """Solve ordinary least squares on the standardized feature.

    Returns the result row and the fitted ``(scaler, weights)`` pair, where
    ``weights`` contains the intercept first. The solution is unpenalized, while
    `GDRegressor` adds its default L2 penalty, so the two differ slightly.
    """
    start = time.perf_counter()
    scaler = StandardScaler().fit(X_train)
    design = _add_ones_column(scaler.transform(X_train))
    weights, *_ = np.linalg.lstsq(design, y_train.to_numpy(), rcond=None)
    fit_time = time.perf_counter() - start

    closed_form = (scaler, weights)
    test_prediction = _predict_closed_form(closed_form, X_test)
    row = {
        "optimizer": CLOSED_FORM_LABEL,
        "epochs": pd.NA,
        "train_mse": mean_squared_error(
            y_train, _predict_closed_form(closed_form, X_train)
        ),
        "test_mse": mean_squared_error(y_test, test_prediction),
        "test_r2": r2_score(y_test, test_prediction),
        "fit_time_s": fit_time,
    }
    return row, closed_form


def _predict_closed_form(closed_form, X):
    """Predict the target from raw feature values with the lstsq weights."""
    scaler, weights = closed_form
    return _add_ones_column(scaler.transform(X)) @ weights


def _add_ones_column(X):
    """Prepend a column of ones so that the first weight is the intercept."""
    return np.column_stack([np.ones(X.shape[0]), X])


def _format_seconds(seconds):
    """Format a duration to 3 significant figures, in ms below one second."""
    if float(f"{seconds:.3g}") < 1:
        return f"{_format_significant(seconds * 1e3)} ms"
    return f"{_format_significant(seconds)} s"


def _format_significant(value, digits=3):
    """Format a non-negative number to ``digits`` significant figures.

    Unlike the ``g`` format, trailing zeros stay (``33.0``, not ``33``) and
    large values never switch to exponent notation.
    """
    rounded = float(f"{value:.{digits}g}")
    if rounded == 0:
        return f"{rounded:.{digits - 1}f}"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(rounded))))
    return f"{rounded:.{decimals}f}"


def _format_table(results):
    """Render the results as an aligned plain-text table.

    The optimizer names are left-aligned and the numbers right-aligned. The
    closed-form row has no epochs, shown as ``-``.
    """
    columns = {
        "optimizer": results["optimizer"].tolist(),
        "epochs": [
            "-" if pd.isna(epochs) else str(epochs) for epochs in results["epochs"]
        ],
        "train_mse": [f"{mse:.4f}" for mse in results["train_mse"]],
        "test_mse": [f"{mse:.4f}" for mse in results["test_mse"]],
        "test_r2": [f"{r2:.4f}" for r2 in results["test_r2"]],
        "fit_time_s": [
            _format_seconds(seconds) for seconds in results["fit_time_s"]
        ],
    }
    widths = {
        key: max(len(_TABLE_HEADERS[key]), *(len(cell) for cell in cells))
        for key, cells in columns.items()
    }

    def format_line(cells_by_key):
        cells = [cells_by_key["optimizer"].ljust(widths["optimizer"])]
        for key in list(columns)[1:]:
            cells.append(cells_by_key[key].rjust(widths[key]))
        return "  ".join(cells)

    lines = [format_line(_TABLE_HEADERS)]
    for row_index in range(len(results)):
        lines.append(
            format_line({key: cells[row_index] for key, cells in columns.items()})
        )
    return "\n".join(lines)


def _line_style(index):
    """Return a color and line style that stay distinct past ten lines."""
    line_styles = ["-", "-.", ":"]
    return {
        "color": f"C{index % 10}",
        "linestyle": line_styles[(index // 10) % len(line_styles)],
    }


def _plot_loss_history(models, closed_form_train_mse, path):
    """Plot each optimizer's ``loss_curve_`` against the epoch and save a PNG."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    for index, (name, model) in enumerate(models.items()):
        loss_curve = model[-1].loss_curve_
        epochs = np.arange(1, len(loss_curve) + 1)
        ax.plot(epochs, loss_curve, label=name, **_line_style(index))

    # loss_curve_ reports half the mean squared error (plus the small L2
    # penalty), so the least-squares optimum sits at half its training MSE.
    ax.axhline(
        closed_form_train_mse / 2,
        color="black",
        linestyle="--",
        label=f"{CLOSED_FORM_LABEL} optimum",
    )
    # The x axis is logarithmic too, because with default settings the
    # optimizers need from about ten to several hundred epochs here.
    ax.set_xscale("log")
    ax.set_yscale("log")
    # Plain numbers (20, 30) on the y axis instead of 2 x 10^1, because the
    # objective spans less than one decade here.
    ax.yaxis.set_major_formatter("{x:g}")
    ax.yaxis.set_minor_formatter("{x:g}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training objective (½ MSE + penalty)")
    ax.set_title(f"Loss history: {TARGET} from standardized {FEATURE}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))

    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _plot_fitted_lines(models, closed_form, X_test, y_test, path):
    """Plot the test data and every fitted line against ``LSTAT`` and save a PNG."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    ax.scatter(
        X_test[FEATURE], y_test, s=14, color="0.6", label="test data", zorder=1
    )

    grid = pd.DataFrame(
        {FEATURE: np.linspace(X_test[FEATURE].min(), X_test[FEATURE].max(), 50)}
    )
    for index, (name, model) in enumerate(models.items()):
        ax.plot(
            grid[FEATURE],
            model.predict(grid),
            linewidth=1.2,
            label=name,
            **_line_style(index),
        )
    ax.plot(
        grid[FEATURE],
        _predict_closed_form(closed_form, grid),
        color="black",
        linestyle="--",
        linewidth=1.5,
        label=CLOSED_FORM_LABEL,
    )

    # The models see the standardized feature, so a secondary axis shows that
    # scale above the real LSTAT values. Every scaler in the demo is fitted on
    # the same training split, so the closed form's gives the same mapping.
    scaler = closed_form[0]
    mean, scale = scaler.mean_[0], scaler.scale_[0]
    top_axis = ax.secondary_xaxis(
        "top",
        functions=(lambda x: (x - mean) / scale, lambda z: z * scale + mean),
    )
    top_axis.set_xlabel(f"standardized {FEATURE}")

    ax.set_xlabel(f"{FEATURE}: population with lower status (%)")
    ax.set_ylabel(f"{TARGET}: median home value ($1000s)")
    ax.set_title(f"Fitted lines on the test data: {TARGET} against {FEATURE}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))

    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
