# SPDX-License-Identifier: BSD-3-Clause
"""Tests for the bundled Boston housing loader and its data files."""

import hashlib
import io
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.utils import Bunch

from skoptim.datasets import load_boston_housing
from skoptim.datasets._boston import _read_boston_csv

REPO_ROOT = Path(__file__).resolve().parent.parent
FEATURE_NAMES = [
    "CRIM",
    "ZN",
    "INDUS",
    "CHAS",
    "NOX",
    "RM",
    "AGE",
    "DIS",
    "RAD",
    "TAX",
    "PTRATIO",
    "B",
    "LSTAT",
]


def _sha256(content):
    return hashlib.sha256(content).hexdigest()


def test_load_boston_housing_returns_bunch_shapes():
    housing = load_boston_housing()

    assert isinstance(housing, Bunch)
    assert housing.data.shape == (506, 13)
    assert housing.target.shape == (506,)


def test_load_boston_housing_feature_names():
    housing = load_boston_housing()

    assert isinstance(housing.feature_names, np.ndarray)
    assert housing.feature_names.tolist() == FEATURE_NAMES


def test_load_boston_housing_dtype_float64():
    housing = load_boston_housing()

    assert isinstance(housing.data, np.ndarray)
    assert isinstance(housing.target, np.ndarray)
    assert housing.data.dtype == np.float64
    assert housing.target.dtype == np.float64


def test_load_boston_housing_first_row_values():
    """The first tract matches the first data line of the CSV file."""
    housing = load_boston_housing()
    expected_first_row = [
        0.00632, 18.0, 2.31, 0.0, 0.538, 6.575, 65.2, 4.09, 1.0, 296.0, 15.3,
        396.9, 4.98,
    ]  # fmt: skip

    np.testing.assert_allclose(housing.data[0], expected_first_row)
    assert housing.target[0] == 24.0


def test_load_boston_housing_target_range():
    housing = load_boston_housing()

    assert housing.target.min() == 5.0
    assert housing.target.max() == 50.0
    assert not np.isnan(housing.data).any()


def test_load_boston_housing_frame_default_none():
    housing = load_boston_housing()

    assert housing.frame is None


def test_load_boston_housing_filename_in_package():
    housing = load_boston_housing()
    package_file = resources.files("skoptim.datasets") / "data" / housing.filename

    assert housing.filename == "boston_house_prices.csv"
    assert package_file.is_file()


def test_load_boston_housing_as_frame_types():
    housing = load_boston_housing(as_frame=True)

    assert isinstance(housing.data, pd.DataFrame)
    assert isinstance(housing.target, pd.Series)
    assert isinstance(housing.frame, pd.DataFrame)
    assert housing.target.name == "MEDV"
    assert housing.data.columns.tolist() == FEATURE_NAMES
    assert housing.frame.columns.tolist() == FEATURE_NAMES + ["MEDV"]
    assert housing.frame.shape == (506, 14)
    assert (housing.frame.dtypes == np.float64).all()


def test_load_boston_housing_frame_matches_arrays():
    arrays = load_boston_housing()
    frames = load_boston_housing(as_frame=True)

    np.testing.assert_array_equal(frames.data.to_numpy(), arrays.data)
    np.testing.assert_array_equal(frames.target.to_numpy(), arrays.target)


def test_load_boston_housing_return_X_y_arrays():
    X, y = load_boston_housing(return_X_y=True)
    housing = load_boston_housing()

    assert isinstance(X, np.ndarray)
    assert isinstance(y, np.ndarray)
    np.testing.assert_array_equal(X, housing.data)
    np.testing.assert_array_equal(y, housing.target)


def test_load_boston_housing_return_X_y_frames():
    X, y = load_boston_housing(return_X_y=True, as_frame=True)

    assert isinstance(X, pd.DataFrame)
    assert isinstance(y, pd.Series)
    assert X.shape == (506, 13)
    assert y.shape == (506,)
    assert y.name == "MEDV"


def test_load_boston_housing_descr_names_source():
    descr = load_boston_housing().DESCR

    assert "Harrison" in descr
    assert "Rubinfeld" in descr
    assert "Hedonic prices and the demand for clean" in descr
    assert "StatLib" in descr
    assert "scikit-learn 1.1.3" in descr


def test_load_boston_housing_descr_b_caution():
    descr = load_boston_housing().DESCR

    assert "1000(Bk - 0.63)" in descr
    assert "proportion of Black residents" in descr
    assert "racist assumption" in descr
    assert "Leave ``B`` out" in descr


def test_load_boston_housing_docstring_b_caution():
    docstring = load_boston_housing.__doc__

    assert "Harrison and Rubinfeld" in docstring
    assert "StatLib" in docstring
    assert "racist assumption" in docstring
    assert "Leave ``B`` out" in docstring


@pytest.mark.parametrize("parameter", ["return_X_y", "as_frame"])
def test_load_boston_housing_rejects_non_boolean(parameter):
    with pytest.raises(ValueError, match=f"The '{parameter}' parameter"):
        load_boston_housing(**{parameter: "yes"})


def test_load_boston_housing_keyword_only():
    with pytest.raises(TypeError, match="positional"):
        load_boston_housing(True)


def test_load_boston_housing_from_other_directory(tmp_path, monkeypatch):
    """The loader reads package data, not a path relative to the cwd."""
    monkeypatch.chdir(tmp_path)

    housing = load_boston_housing()

    assert housing.data.shape == (506, 13)


def test_boston_csv_copies_match_documented_sha256():
    readme = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"\b[0-9a-f]{64}\b", readme)
    repo_copy = (REPO_ROOT / "data" / "boston_house_prices.csv").read_bytes()
    package_copy = (
        resources.files("skoptim.datasets") / "data" / "boston_house_prices.csv"
    ).read_bytes()

    assert len(documented) == 1
    assert _sha256(repo_copy) == documented[0]
    assert _sha256(package_copy) == documented[0]


def test_read_boston_csv_rejects_short_file():
    truncated = io.StringIO("3,2,\nA,B,MEDV\n1.0,2.0,3.0\n4.0,5.0,6.0\n")

    with pytest.raises(ValueError, match=r"header gives 3 samples.*shape \(2, 3\)"):
        _read_boston_csv(truncated)
