# SPDX-License-Identifier: BSD-3-Clause
"""Loader for the Boston housing data bundled with skoptim."""

import csv
from importlib import resources

import numpy as np
from sklearn.utils import Bunch

# NOTE: `validate_params` lives in a private scikit-learn module. scikit-learn's
# own dataset loaders use it, and pyproject.toml bounds scikit-learn to
# >=1.6,<2, the range in which this import path is known to exist.
from sklearn.utils._param_validation import validate_params

__all__ = ["load_boston_housing"]

_DATA_FILENAME = "boston_house_prices.csv"
_DESCR_FILENAME = "boston_housing.rst"
_TARGET_NAME = "MEDV"


def _read_boston_csv(csv_file):
    """Parse the bundled CSV layout into column names and a float64 array.

    The first line contains the sample and feature counts, the second the
    column names (features, then the target), and the remaining lines the
    values.

    Parameters
    ----------
    csv_file : file-like object
        Text stream positioned at the start of the CSV file.

    Returns
    -------
    column_names : list of str
        The 13 feature names followed by the target name.
    values : ndarray of shape (n_samples, n_features + 1)
        The feature values followed by the target in the last column.
    """
    reader = csv.reader(csv_file)
    counts = next(reader)
    n_samples, n_features = int(counts[0]), int(counts[1])
    column_names = next(reader)
    values = np.loadtxt(csv_file, delimiter=",", dtype=np.float64, ndmin=2)

    expected_shape = (n_samples, n_features + 1)
    if values.shape != expected_shape or len(column_names) != n_features + 1:
        raise ValueError(
            f"Invalid Boston housing CSV file. Its header gives {n_samples} "
            f"samples and {n_features} features plus the target, but the file "
            f"has {len(column_names)} column names and values of shape "
            f"{values.shape}. Reinstall skoptim to restore the file."
        )
    return column_names, values


@validate_params(
    {"return_X_y": ["boolean"], "as_frame": ["boolean"]},
    prefer_skip_nested_validation=True,
)
def load_boston_housing(*, return_X_y=False, as_frame=False):
    """Load and return the Boston housing dataset (regression).

    ==============   ==============================
    Samples total    506
    Dimensionality   13
    Features         real, non-negative
    Target           real, 5.0 - 50.0 ($1000s)
    ==============   ==============================

    The data describe 506 census tracts of the Boston area and come from
    Harrison and Rubinfeld, "Hedonic prices and the demand for clean air",
    Journal of Environmental Economics and Management 5, 81-102, 1978, as kept
    by the StatLib library at Carnegie Mellon University. The bundled file is
    the copy that scikit-learn 1.1.3 shipped. The target ``MEDV`` is the
    median value of owner-occupied homes in $1000s.

    .. warning::

        The feature ``B`` is 1000(Bk - 0.63)², where Bk is the proportion of
        Black residents by town. The authors built it on the assumption that
        racial self-segregation affects house prices, and it is widely
        criticized as resting on a racist assumption. scikit-learn removed
        its Boston loader in version 1.2 for this reason. skoptim
        ships the data only as a small, well-known regression problem for
        comparing optimizers. Leave ``B`` out of your models: skoptim's
        examples and demo use ``LSTAT`` alone.

    Parameters
    ----------
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch object.

    as_frame : bool, default=False
        If True, return ``data`` as a pandas DataFrame with one column per
        feature and ``target`` as a pandas Series named ``MEDV``, and fill
        ``frame`` with a DataFrame of all 14 columns.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        Dictionary-like object with the following attributes.

        data : {ndarray, DataFrame} of shape (506, 13)
            The feature matrix, in float64.
        target : {ndarray, Series} of shape (506,)
            The target ``MEDV``, in float64.
        feature_names : ndarray of shape (13,)
            The feature names, in column order.
        frame : DataFrame of shape (506, 14) or None
            The features and the target together, only when ``as_frame``
            is True.
        DESCR : str
            The full description of the dataset, including the meaning of
            each column and the caution about ``B``.
        filename : str
            Name of the CSV file inside the ``skoptim/datasets/data`` folder
            of the installed package.

    (data, target) : tuple if ``return_X_y`` is True
        The feature matrix and the target, as a DataFrame and a Series when
        ``as_frame`` is True, else as ndarrays.

    Examples
    --------
    >>> from skoptim.datasets import load_boston_housing
    >>> housing = load_boston_housing()
    >>> housing.data.shape
    (506, 13)
    >>> X, y = load_boston_housing(return_X_y=True, as_frame=True)
    >>> X[["LSTAT"]].shape
    (506, 1)
    >>> y.name
    'MEDV'
    """
    package = resources.files("skoptim.datasets")
    data_path = package / "data" / _DATA_FILENAME
    with data_path.open("r", encoding="utf-8") as csv_file:
        column_names, values = _read_boston_csv(csv_file)
    descr = (package / "descr" / _DESCR_FILENAME).read_text(encoding="utf-8")

    feature_names = np.asarray(column_names[:-1])
    data = np.ascontiguousarray(values[:, :-1])
    target = np.ascontiguousarray(values[:, -1])

    frame = None
    if as_frame:
        import pandas as pd

        frame = pd.DataFrame(values, columns=column_names)
        data = frame[list(feature_names)]
        target = frame[_TARGET_NAME]

    if return_X_y:
        return data, target

    return Bunch(
        data=data,
        target=target,
        frame=frame,
        feature_names=feature_names,
        DESCR=descr,
        filename=_DATA_FILENAME,
    )
