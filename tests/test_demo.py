# SPDX-License-Identifier: BSD-3-Clause
"""Tests for the Boston housing demo and the ``skoptim demo`` command."""

import io
import sys

import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

from skoptim.__main__ import main
from skoptim._demo import (
    CLOSED_FORM_LABEL,
    FITTED_LINES_FILENAME,
    LOSS_HISTORY_FILENAME,
    _format_seconds,
    run_demo,
)
from skoptim.datasets import load_boston_housing
from skoptim.optimizers import OPTIMIZERS

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """Run the demo once into a folder that does not exist yet."""
    output_dir = tmp_path_factory.mktemp("demo") / "nested" / "plots"
    stream = io.StringIO()
    results = run_demo(output_dir, stream=stream)
    return output_dir, results, stream.getvalue()


def _closed_form_row(results):
    return results.set_index("optimizer").loc[CLOSED_FORM_LABEL]


def _optimizer_row(results, name):
    return results.set_index("optimizer").loc[name]


@pytest.mark.parametrize("filename", [LOSS_HISTORY_FILENAME, FITTED_LINES_FILENAME])
def test_run_demo_writes_nonempty_png(demo_run, filename):
    output_dir, _, _ = demo_run
    path = output_dir / filename

    assert path.is_file()
    assert path.stat().st_size > 0
    assert path.read_bytes().startswith(PNG_SIGNATURE)


def test_run_demo_one_row_per_optimizer(demo_run):
    _, results, _ = demo_run

    assert isinstance(results, pd.DataFrame)
    assert results["optimizer"].tolist() == [*OPTIMIZERS, CLOSED_FORM_LABEL]


def test_run_demo_result_columns(demo_run):
    _, results, _ = demo_run

    assert results.columns.tolist() == [
        "optimizer",
        "epochs",
        "train_mse",
        "test_mse",
        "test_r2",
        "fit_time_s",
    ]


def test_run_demo_epochs_from_n_iter(demo_run):
    _, results, _ = demo_run
    epochs = results.set_index("optimizer")["epochs"]

    assert (epochs.drop(CLOSED_FORM_LABEL) >= 1).all()
    assert pd.isna(epochs[CLOSED_FORM_LABEL])


def test_run_demo_fit_times_positive(demo_run):
    _, results, _ = demo_run

    assert (results["fit_time_s"] > 0).all()


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_run_demo_train_mse_near_closed_form(demo_run, name):
    """Each optimizer reaches the least-squares training MSE within 1 %."""
    _, results, _ = demo_run
    closed_form_mse = _closed_form_row(results)["train_mse"]
    train_mse = _optimizer_row(results, name)["train_mse"]

    assert train_mse == pytest.approx(closed_form_mse, rel=0.01)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_run_demo_test_r2_near_closed_form(demo_run, name):
    _, results, _ = demo_run
    closed_form_r2 = _closed_form_row(results)["test_r2"]
    test_r2 = _optimizer_row(results, name)["test_r2"]

    assert test_r2 == pytest.approx(closed_form_r2, abs=0.02)


def test_run_demo_closed_form_matches_linear_regression(demo_run):
    """The lstsq row agrees with scikit-learn's LinearRegression on one split."""
    _, results, _ = demo_run
    closed_form = _closed_form_row(results)
    housing = load_boston_housing(as_frame=True)
    X_train, X_test, y_train, y_test = train_test_split(
        housing.data[["LSTAT"]], housing.target, test_size=0.2, random_state=0
    )
    reference = LinearRegression().fit(X_train, y_train)

    assert closed_form["train_mse"] == pytest.approx(
        mean_squared_error(y_train, reference.predict(X_train)), rel=1e-10
    )
    assert closed_form["test_r2"] == pytest.approx(
        reference.score(X_test, y_test), rel=1e-10
    )


def test_run_demo_prints_table(demo_run):
    _, _, output = demo_run

    assert "train MSE" in output
    assert "test R²" in output
    assert CLOSED_FORM_LABEL in output
    for name in OPTIMIZERS:
        assert name in output


def test_run_demo_prints_absolute_plot_paths(demo_run):
    output_dir, _, output = demo_run

    assert str(output_dir.resolve() / LOSS_HISTORY_FILENAME) in output
    assert str(output_dir.resolve() / FITTED_LINES_FILENAME) in output


def test_run_demo_without_matplotlib_skips_plots(tmp_path, monkeypatch):
    # A None entry in sys.modules makes `import matplotlib` raise ImportError.
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    stream = io.StringIO()

    results = run_demo(tmp_path, stream=stream)

    output = stream.getvalue()
    assert len(results) == len(OPTIMIZERS) + 1
    assert "Plots skipped" in output
    assert 'pip install "skoptim[plot]"' in output
    assert not (tmp_path / LOSS_HISTORY_FILENAME).exists()
    assert not (tmp_path / FITTED_LINES_FILENAME).exists()


def test_main_demo_prints_output_paths(tmp_path, capsys):
    status = main(["demo", "--output-dir", str(tmp_path)])

    output = capsys.readouterr().out
    assert status == 0
    assert str(tmp_path.resolve() / LOSS_HISTORY_FILENAME) in output
    assert str(tmp_path.resolve() / FITTED_LINES_FILENAME) in output


def test_main_without_command_exits_with_usage(capsys):
    with pytest.raises(SystemExit) as exc_info:
        main([])

    assert exc_info.value.code == 2
    assert "required" in capsys.readouterr().err


@pytest.mark.parametrize(
    "seconds, expected",
    [
        (0.000512, "0.512 ms"),
        (0.0123, "12.3 ms"),
        (0.033, "33.0 ms"),
        (0.4567, "457 ms"),
        (0.99997, "1.00 s"),
        (1.234, "1.23 s"),
        (42.0, "42.0 s"),
    ],
)
def test_format_seconds_three_significant_figures(seconds, expected):
    assert _format_seconds(seconds) == expected
