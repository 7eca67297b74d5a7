#!/usr/bin/env python
# SPDX-License-Identifier: BSD-3-Clause
"""Time skoptim's training loop against the memory-bandwidth limit, against
scikit-learn, and against closed-form least squares, in one process.

Usage::

    python benchmarks/bench_training.py [--quick] [--threads N] [--output FILE.md]

For every workload the script prints one table with these rows:

- ``limit``: one full pass ``r = X @ w + b - y``, ``g = X.T @ r`` in the
  data's dtype, with preallocated buffers for dense ``X``. No full-batch
  epoch that makes these two matrix-vector products can be cheaper.
- ``skoptim``: ``GDRegressor`` with each optimizer at its default
  hyperparameters, for each batch size of the workload.
- ``SGDRegressor``: scikit-learn's per-sample SGD with a constant step.
- ``MLPRegressor``: ``hidden_layer_sizes=()``, a linear model trained by
  mini-batch Adam or SGD.
- ``torch.optim``: SGD and Adam on a ``torch.nn.Linear``, only when torch
  can be imported.
- ``closed form``: least squares solved directly, the time to the exact
  solution.

The columns are the median over the repeats of fit time / epochs, its ratio
to the limit and the time per optimizer update. Then come the first epoch
whose training MSE is within 1 % of the closed-form MSE, that epoch count
times the median epoch time, and the tracemalloc peak during one fit.
``run`` returns the same numbers as a list of dicts.
"""

import argparse
import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy
import scipy.linalg
import scipy.sparse as sp
import sklearn
from scipy.sparse.linalg import lsqr
from sklearn.datasets import make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDRegressor
from sklearn.neural_network import MLPRegressor
from sklearn.utils.sparsefuncs import mean_variance_axis
from threadpoolctl import threadpool_info, threadpool_limits

import skoptim
from skoptim import GDRegressor, _numba_epoch
from skoptim.optimizers import OPTIMIZERS

try:
    import torch
except ImportError as error:
    torch = None
    TORCH_SKIP_REASON = f"torch rows skipped: `import torch` failed ({error})"
else:
    TORCH_SKIP_REASON = None

ALL_OPTIMIZERS = tuple(OPTIMIZERS)
# The large workloads run a representative subset to keep the full run
# near 15 minutes on 2 cores: plain SGD, heavy-ball momentum and Adam.
SUBSET_OPTIMIZERS = ("sgd", "momentum", "adam")

TIMED_REPEATS = 3
# The relative excess over the closed-form training MSE that counts as
# converged: MSE <= (1 + TARGET_EXCESS) * closed-form MSE.
TARGET_EXCESS = 0.01
# The learning rate of the MLPRegressor and torch rows: skoptim's default
# for SGD, Momentum and Adam, so that those rows train with the same step.
LEARNING_RATE = 0.01
# SGDRegressor's constant step is SGD_STEP_SCALE / mean(||x_i||^2). The
# per-sample update is stable below 2 / ||x_i||^2. The usual constant-step
# analysis estimates its excess MSE at rest at half this scale, 0.5 % of the
# optimal MSE, inside the 1 % target.
SGD_STEP_SCALE = 0.01

MIB = 2.0**20


@dataclass(frozen=True)
class Workload:
    """A synthetic regression problem and the batch sizes trained on it."""

    name: str
    n_samples: int
    n_features: int
    batch_sizes: tuple  # ints, and None for the full batch
    epochs: int
    dtype: type = np.float64
    density: float | None = None  # None for dense X, else sparse CSR
    noise: float = 100.0
    seed: int = 0
    optimizers: tuple = ALL_OPTIMIZERS

    def describe(self):
        layout = "dense" if self.density is None else f"CSR, density {self.density:g}"
        batches = ", ".join("full" if b is None else str(b) for b in self.batch_sizes)
        return (
            f"{self.name}: {self.n_samples:,} x {self.n_features:,} "
            f"{np.dtype(self.dtype).name} {layout}, batch {batches}, "
            f"{self.epochs} epochs"
        )


def workloads(quick):
    """Return the workloads, shrunk for a smoke run if ``quick``."""
    if quick:
        sizes = {
            "W1": (506, 1, 10),
            "S1": (16, 6, 200),
            "W2": (10_000, 50, 2),
            "W3": (50_000, 100, 2),
            "W4": (10_000, 1_000, 2),
        }
        sparse_density = 0.01  # keeps about 10 non-zeros a row, as in W4
    else:
        sizes = {
            "W1": (506, 1, 100),
            "S1": (16, 6, 5_000),
            "W2": (200_000, 50, 10),
            "W3": (1_000_000, 100, 3),
            "W4": (200_000, 10_000, 5),
        }
        sparse_density = 0.001

    def shape(name):
        n_samples, n_features, epochs = sizes[name]
        return {"n_samples": n_samples, "n_features": n_features, "epochs": epochs}

    return [
        # The size of the Boston problem (MEDV from LSTAT), with a similar R^2.
        Workload("W1", batch_sizes=(32,), noise=90.0, seed=1, **shape("W1")),
        # A tiny full-batch problem, where per-update overhead is everything.
        Workload("S1", batch_sizes=(None,), noise=20.0, seed=3, **shape("S1")),
        Workload("W2", batch_sizes=(32, 256, None), seed=2, **shape("W2")),
        Workload(
            "W3",
            batch_sizes=(256, None),
            seed=4,
            optimizers=SUBSET_OPTIMIZERS,
            **shape("W3"),
        ),
        Workload(
            "W4",
            batch_sizes=(256,),
            density=sparse_density,
            noise=50.0,
            seed=5,
            optimizers=SUBSET_OPTIMIZERS,
            **shape("W4"),
        ),
        Workload(
            "W2-float32",
            batch_sizes=(32, 256, None),
            dtype=np.float32,
            seed=2,
            **shape("W2"),
        ),
    ]


def make_data(workload):
    """Generate ``X`` and ``y`` with standardized features and target.

    Dense data come from ``make_regression`` with 10 informative features
    (all of them when there are fewer). Sparse data have standard-normal
    non-zeros at random positions and a standard-normal coefficient vector.
    Their columns are scaled to unit variance but not centered, because
    centering would make them dense.
    """
    n, p = workload.n_samples, workload.n_features
    if workload.density is None:
        X, y = make_regression(
            n,
            p,
            n_informative=min(10, p),
            noise=workload.noise,
            shuffle=False,
            random_state=workload.seed,
        )
        X -= X.mean(axis=0)
        X /= X.std(axis=0)
    else:
        rng = np.random.default_rng(workload.seed)
        X = sp.csr_matrix(
            sp.random_array(
                (n, p),
                density=workload.density,
                format="csr",
                rng=rng,
                data_sampler=rng.standard_normal,
            )
        )
        _, variance = mean_variance_axis(X, axis=0)
        scale = np.sqrt(variance)
        scale[scale == 0] = 1.0
        X.data /= scale[X.indices]
        y = X @ rng.standard_normal(p) + workload.noise * rng.standard_normal(n)
    y = (y - y.mean()) / y.std()
    if workload.dtype != np.float64:
        X = X.astype(workload.dtype)
        y = y.astype(workload.dtype)
    return X, y


def nbytes(X):
    if sp.issparse(X):
        return X.data.nbytes + X.indices.nbytes + X.indptr.nbytes
    return X.nbytes


def training_mse(prediction, y):
    residual = np.asarray(prediction, dtype=np.float64).reshape(-1) - y
    return float(np.mean(np.square(residual)))


def timed(function, *args):
    """Call ``function(*args)`` once after a garbage collection and return
    ``(seconds, return value)``."""
    gc.collect()
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def traced_peak_mib(function, *args):
    """Return the tracemalloc peak, in MiB, of the allocations that
    ``function(*args)`` makes.

    Memory allocated before the call, such as the input data, is not
    counted. tracemalloc counts Python objects and NumPy array buffers, so
    scratch memory that C code allocates itself (OpenBLAS and LAPACK work
    buffers, Cython mallocs, torch tensors) is missing from the number.
    """
    gc.collect()
    tracemalloc.start()
    try:
        function(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / MIB


# Rows that train iteratively. Each offers ``fit`` (a whole run of
# ``epochs`` epochs, the timed path) and ``epoch_predictions`` (one epoch
# at a time, yielding the training-set prediction after each epoch).


class EstimatorRow:
    """A scikit-learn style estimator; epochs one by one via ``partial_fit``."""

    def __init__(self, label, method, optimizer, batch_size, make_estimator):
        self.label = label
        self.method = method
        self.optimizer = optimizer
        self.batch_size = batch_size
        self.make_estimator = make_estimator  # called with max_iter

    def updates_per_epoch(self, n_samples):
        if self.method == "sgdregressor":
            return n_samples
        if self.batch_size is None:
            return 1
        return math.ceil(n_samples / self.batch_size)

    def fit(self, X, y, epochs):
        """Fit ``epochs`` epochs and return the coefficients."""
        estimator = self.make_estimator(epochs)
        estimator.fit(X, y)
        if estimator.n_iter_ != epochs:
            raise RuntimeError(
                f"{self.label} ran {estimator.n_iter_} epochs instead of {epochs}, "
                "so its epoch time would be wrong. Check the stopping settings."
            )
        return coefficients(estimator)

    def epoch_predictions(self, X, y, epochs):
        """Yield the prediction after each ``partial_fit`` epoch, and keep
        the final coefficients in ``per_epoch_coefficients``."""
        estimator = self.make_estimator(epochs)
        for _ in range(epochs):
            estimator.partial_fit(X, y)
            yield estimator.predict(X)
        self.per_epoch_coefficients = coefficients(estimator)


def coefficients(estimator):
    if isinstance(estimator, MLPRegressor):
        return np.ravel(estimator.coefs_[0])
    return np.ravel(estimator.coef_)


class TorchRow:
    """``torch.optim`` SGD or Adam on a ``torch.nn.Linear`` with one output.

    The loss is half the mean squared error, as in ``GDRegressor``, so the
    same learning rate takes the same step. The weights start at zero and
    the bias at the mean of ``y``, as ``GDRegressor`` starts.
    """

    method = "torch"

    def __init__(self, optimizer, batch_size):
        self.optimizer = optimizer
        self.batch_size = batch_size
        batch = "full batch" if batch_size is None else f"batch {batch_size}"
        name = {"sgd": "SGD", "adam": "Adam"}[optimizer]
        self.label = f"torch.optim.{name} on nn.Linear, {batch}"

    def updates_per_epoch(self, n_samples):
        if self.batch_size is None:
            return 1
        return math.ceil(n_samples / self.batch_size)

    def _train(self, X, y, epochs):
        X_tensor = torch.from_numpy(X)
        y_tensor = torch.from_numpy(y)
        n_samples, n_features = X.shape
        model = torch.nn.Linear(n_features, 1, dtype=X_tensor.dtype)
        with torch.no_grad():
            model.weight.zero_()
            model.bias.fill_(float(y.mean()))
        if self.optimizer == "sgd":
            optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
        else:
            optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
        generator = torch.Generator().manual_seed(0)
        for _ in range(epochs):
            if self.batch_size is None:
                batches = [None]
            else:
                order = torch.randperm(n_samples, generator=generator)
                batches = order.split(self.batch_size)
            for rows in batches:
                X_batch = X_tensor if rows is None else X_tensor[rows]
                y_batch = y_tensor if rows is None else y_tensor[rows]
                optimizer.zero_grad(set_to_none=True)
                residual = model(X_batch).squeeze(1) - y_batch
                loss = 0.5 * residual.square().mean()
                loss.backward()
                optimizer.step()
            yield model

    def fit(self, X, y, epochs):
        """Train ``epochs`` epochs. The per-epoch run repeats this loop with
        the same seed, so nothing is returned to compare."""
        for _ in self._train(X, y, epochs):
            pass

    def epoch_predictions(self, X, y, epochs):
        X_tensor = torch.from_numpy(X)
        for model in self._train(X, y, epochs):
            with torch.no_grad():
                yield model(X_tensor).squeeze(1).numpy()


# Optimizers that GDRegressor(engine="numba") compiles; with numba
# installed, each dense float64 workload gets a row for each of them.
NUMBA_OPTIMIZERS = ("sgd", "adam")


def compile_numba_engine():
    """Compile the numba epoch once, so no timed fit includes compilation."""
    if _numba_epoch.numba is None:
        return
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((64, 2)), rng.standard_normal(64)
    GDRegressor(engine="numba", max_iter=1, tol=None).fit(X, y)


def iterative_rows(workload, X):
    """Build the iterative rows of ``workload`` in table order."""
    rows = []
    for batch_size in workload.batch_sizes:
        batch = "full batch" if batch_size is None else f"batch {batch_size}"
        for name in workload.optimizers:

            def make_gd(max_iter, name=name, batch_size=batch_size):
                return GDRegressor(
                    optimizer=name,
                    penalty=None,
                    batch_size=batch_size,
                    max_iter=max_iter,
                    tol=None,
                    shuffle=True,
                    random_state=0,
                )

            label = f"skoptim {OPTIMIZERS[name].__name__}, {batch}"
            rows.append(EstimatorRow(label, "skoptim", name, batch_size, make_gd))

    if _numba_epoch.numba is not None and workload.density is None and (
        workload.dtype == np.float64
    ):
        for batch_size in workload.batch_sizes:
            batch = "full batch" if batch_size is None else f"batch {batch_size}"
            for name in NUMBA_OPTIMIZERS:

                def make_compiled(max_iter, name=name, batch_size=batch_size):
                    return GDRegressor(
                        optimizer=name,
                        penalty=None,
                        batch_size=batch_size,
                        max_iter=max_iter,
                        tol=None,
                        shuffle=True,
                        random_state=0,
                        engine="numba",
                    )

                label = f"skoptim {OPTIMIZERS[name].__name__}, {batch}, engine=numba"
                rows.append(
                    EstimatorRow(label, "skoptim-numba", name, batch_size, make_compiled)
                )

    eta0 = SGD_STEP_SCALE / mean_squared_row_norm(X)

    def make_sgd(max_iter):
        return SGDRegressor(
            penalty=None,
            learning_rate="constant",
            eta0=eta0,
            max_iter=max_iter,
            tol=None,
            shuffle=True,
            random_state=0,
        )

    rows.append(
        EstimatorRow(
            f"sklearn SGDRegressor, per sample, eta0={eta0:.3g}",
            "sgdregressor",
            None,
            1,
            make_sgd,
        )
    )

    for solver in ("adam", "sgd"):
        for batch_size in workload.batch_sizes:

            def make_mlp(max_iter, solver=solver, batch_size=batch_size):
                return MLPRegressor(
                    hidden_layer_sizes=(),
                    solver=solver,
                    alpha=0.0,
                    batch_size=workload.n_samples if batch_size is None else batch_size,
                    learning_rate="constant",
                    learning_rate_init=LEARNING_RATE,
                    momentum=0.9,
                    nesterovs_momentum=False,
                    max_iter=max_iter,
                    shuffle=True,
                    random_state=0,
                    tol=0.0,
                    # More than max_iter, so no epoch stops training early.
                    n_iter_no_change=max_iter + 1,
                    early_stopping=False,
                )

            batch = "full batch" if batch_size is None else f"batch {batch_size}"
            label = f"sklearn MLPRegressor {solver}, {batch}"
            rows.append(EstimatorRow(label, "mlp", solver, batch_size, make_mlp))

    if torch is not None and workload.density is None:
        for optimizer in ("sgd", "adam"):
            for batch_size in workload.batch_sizes:
                rows.append(TorchRow(optimizer, batch_size))
    return rows


def mean_squared_row_norm(X):
    if sp.issparse(X):
        return float(X.multiply(X).sum()) / X.shape[0]
    return float(np.einsum("ij,ij->", X, X, dtype=np.float64)) / X.shape[0]


def limit_pass(X, y, w, b, residual, gradient):
    """Compute ``r = X @ w + b - y`` and ``g = X.T @ r``, in place when dense."""
    if sp.issparse(X):
        residual = X @ w
        residual += b
        residual -= y
        return X.T @ residual
    np.matmul(X, w, out=residual)
    residual += b
    residual -= y
    np.matmul(X.T, residual, out=gradient)
    return gradient


def measure_limit(X, y, repeats):
    """Return the median seconds of one limit pass and its traced peak."""
    dtype = X.dtype
    n_samples, n_features = X.shape
    w = np.full(n_features, 0.1, dtype=dtype)
    b = dtype.type(0.1)
    residual = np.empty(n_samples, dtype=dtype)
    gradient = np.empty(n_features, dtype=dtype)

    def repeat_pass(loops):
        for _ in range(loops):
            limit_pass(X, y, w, b, residual, gradient)

    # Small problems take microseconds, so each sample loops for >= 20 ms.
    loops = 1
    while timed(repeat_pass, loops)[0] < 0.02:
        loops *= 4
    samples = [timed(repeat_pass, loops)[0] / loops for _ in range(max(repeats, 5))]

    def pass_with_new_buffers():
        new_residual = np.empty(n_samples, dtype=dtype)
        new_gradient = np.empty(n_features, dtype=dtype)
        limit_pass(X, y, w, b, new_residual, new_gradient)

    return statistics.median(samples), traced_peak_mib(pass_with_new_buffers)


def solve_closed_form(X, y):
    """Return ``(coef, intercept)`` of least squares with an intercept.

    Dense: ``scipy.linalg.lstsq`` (LAPACK gelsd) on ``[X, 1]``. Sparse:
    ``scipy.sparse.linalg.lsqr`` on ``[X, 1]`` to a relative tolerance of
    1e-10.
    """
    # NOTE: scipy 1.17.1 copies A inside lstsq even with overwrite_a=True
    # and Fortran order, so the dense solve keeps two copies of X at its peak.
    n_samples, n_features = X.shape
    if sp.issparse(X):
        A = sp.hstack([X, np.ones((n_samples, 1), dtype=X.dtype)], format="csr")
        solution = lsqr(A, y, atol=1e-10, btol=1e-10, iter_lim=10 * (n_features + 1))[0]
    else:
        A = np.empty((n_samples, n_features + 1), dtype=X.dtype, order="F")
        A[:, :n_features] = X
        A[:, n_features] = 1
        solution = scipy.linalg.lstsq(A, y, overwrite_a=True, check_finite=False)[0]
    return solution[:n_features], solution[n_features]


def first_epoch_within(row, X, y, epochs, target_mse):
    """Return the first epoch (1-based) whose MSE is <= ``target_mse``, or None.

    All ``epochs`` run, so that the final coefficients can be compared with
    those of the timed fits.
    """
    first = None
    for epoch, prediction in enumerate(row.epoch_predictions(X, y, epochs), start=1):
        if first is None and training_mse(prediction, y) <= target_mse:
            first = epoch
    return first


def result(workload, label, method, optimizer, batch_size, **numbers):
    row = {
        "workload": workload.name,
        "row": label,
        "method": method,
        "optimizer": optimizer,
        "batch_size": batch_size,
        "epochs": workload.epochs,
        "epoch_seconds": None,
        "ratio_to_limit": None,
        "us_per_update": None,
        "epochs_to_1pct": None,
        "seconds_to_1pct": None,
        "peak_mib": None,
        "peak_percent_of_x": None,
        # Whether the per-epoch run ended at the coefficients of a timed fit.
        "per_epoch_path_equals_fit": None,
        # The error message of a fit that raised, as when training diverged.
        "failure": None,
    }
    row.update(numbers)
    return row


def measure_iterative(row, workload, X, y, target_mse):
    """Return the epoch time, the epochs and time to ``target_mse``, the
    traced peak and whether the per-epoch run took the timed path.

    A fit that raises ``ValueError``, as ``GDRegressor`` and
    ``SGDRegressor`` do when training diverges, gives only ``failure``,
    the first sentence of the message.
    """
    epochs = workload.epochs
    try:
        fits = [timed(row.fit, X, y, epochs) for _ in range(TIMED_REPEATS)]
    except ValueError as error:
        return {"failure": str(error).split(". ")[0]}
    epoch_seconds = statistics.median(seconds for seconds, _ in fits) / epochs
    reached = first_epoch_within(row, X, y, epochs, target_mse)

    fitted_coefficients = fits[-1][1]
    same_path = None
    if fitted_coefficients is not None:
        same_path = bool(
            np.allclose(
                row.per_epoch_coefficients, fitted_coefficients, rtol=1e-9, atol=1e-12
            )
        )
    peak = None
    if row.method != "torch":
        peak = traced_peak_mib(row.fit, X, y, epochs)
    return {
        "epoch_seconds": epoch_seconds,
        "us_per_update": 1e6
        * epoch_seconds
        / row.updates_per_epoch(workload.n_samples),
        "epochs_to_1pct": reached,
        "seconds_to_1pct": None if reached is None else reached * epoch_seconds,
        "peak_mib": peak,
        "per_epoch_path_equals_fit": same_path,
    }


def measure_workload(workload, progress=False):
    """Generate the data of ``workload`` and measure every row on it.

    With ``progress``, print each row's epoch time to stderr as it is done.
    """
    X, y = make_data(workload)
    x_mib = nbytes(X) / MIB
    repeats = TIMED_REPEATS

    def percent_of_x(peak_mib):
        return None if peak_mib is None else 100.0 * peak_mib / x_mib

    limit_seconds, limit_peak = measure_limit(X, y, repeats)
    results = [
        result(
            workload,
            "limit: r = X @ w + b - y, g = X.T @ r",
            "limit",
            None,
            None,
            epoch_seconds=limit_seconds,
            ratio_to_limit=1.0,
            peak_mib=limit_peak,
            peak_percent_of_x=percent_of_x(limit_peak),
        )
    ]

    solves = [timed(solve_closed_form, X, y) for _ in range(repeats)]
    coef, intercept = solves[-1][1]
    closed_mse = training_mse(X @ coef + intercept, y)
    solve_seconds = statistics.median(seconds for seconds, _ in solves)
    solve_peak = traced_peak_mib(solve_closed_form, X, y)
    solver = "scipy.sparse.linalg.lsqr" if sp.issparse(X) else "scipy.linalg.lstsq"
    results.append(
        result(
            workload,
            f"closed form: {solver}",
            "closed_form",
            None,
            None,
            epoch_seconds=solve_seconds,
            ratio_to_limit=solve_seconds / limit_seconds,
            seconds_to_1pct=solve_seconds,
            peak_mib=solve_peak,
            peak_percent_of_x=percent_of_x(solve_peak),
        )
    )
    target_mse = (1.0 + TARGET_EXCESS) * closed_mse

    for row in iterative_rows(workload, X):
        numbers = measure_iterative(row, workload, X, y, target_mse)
        if "failure" in numbers:
            results.append(
                result(
                    workload,
                    row.label,
                    row.method,
                    row.optimizer,
                    row.batch_size,
                    **numbers,
                )
            )
            outcome = f"failed, {numbers['failure']}"
        else:
            epoch_seconds = numbers["epoch_seconds"]
            results.append(
                result(
                    workload,
                    row.label,
                    row.method,
                    row.optimizer,
                    row.batch_size,
                    ratio_to_limit=epoch_seconds / limit_seconds,
                    peak_percent_of_x=percent_of_x(numbers["peak_mib"]),
                    **numbers,
                )
            )
            outcome = f"{epoch_seconds:.4g} s/epoch"
        if progress:
            print(f"  {workload.name} {row.label}: {outcome}", file=sys.stderr)

    summary = {
        "x_mib": x_mib,
        "closed_form_mse": closed_mse,
        "closed_form_r2": 1.0 - closed_mse / float(np.var(y, dtype=np.float64)),
    }
    for row in results:
        row.update(summary)
    return results


def describe_machine():
    """Return Markdown lines about the CPU, BLAS, threads and versions."""
    lines = []
    cpu_model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "unknown"
    )
    lines.append(
        f"- CPU: {cpu_model or platform.processor() or 'unknown'}; "
        f"os.cpu_count() = {os.cpu_count()}, usable by this process = {usable}"
    )
    for pool in threadpool_info():
        lines.append(
            f"- {pool['user_api']}: {pool['internal_api']} {pool.get('version')}"
            f" ({pool.get('architecture', 'n/a')}), {pool['num_threads']} threads,"
            f" {Path(pool['filepath']).name}"
        )
    for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        value = os.environ.get(variable)
        state = "not set" if value is None else f"set to {value!r}"
        lines.append(f"- {variable}: {state}")
    versions = [
        f"Python {platform.python_version()}",
        f"numpy {np.__version__}",
        f"scipy {scipy.__version__}",
        f"scikit-learn {sklearn.__version__}",
        f"skoptim {skoptim.__version__} ({git_revision()})",
        f"torch {torch.__version__}" if torch is not None else "torch not installed",
    ]
    lines.append("- Versions: " + ", ".join(versions))
    return lines


def git_revision():
    """Return 'commit <id>' for the skoptim source tree, or 'commit unknown'."""
    source = Path(skoptim.__file__).resolve().parent
    try:
        output = subprocess.run(
            ["git", "-C", str(source), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "commit unknown"
    return "commit " + output.stdout.strip()


def run(quick: bool, threads: int, *, echo=None) -> list[dict]:
    """Measure every row of every workload with BLAS and OpenMP pinned to
    ``threads`` threads, and return one dict per row.

    ``echo``, if given, is called with each workload's Markdown table as
    soon as the workload is done, and progress goes to stderr.
    """
    results = []
    with threadpool_limits(limits=threads), warnings.catch_warnings():
        # MLPRegressor warns when max_iter ends training; that is intended.
        warnings.simplefilter("ignore", ConvergenceWarning)
        if torch is not None:
            torch.set_num_threads(threads)
        compile_numba_engine()
        # Move the objects of the imported modules out of the collector's
        # reach, so that the gc.collect() before each timed call takes
        # microseconds instead of tens of milliseconds.
        gc.collect()
        gc.freeze()
        try:
            for workload in workloads(quick):
                if echo is not None:
                    print(f"measuring {workload.describe()}", file=sys.stderr)
                workload_results = measure_workload(workload, progress=echo is not None)
                results.extend(workload_results)
                if echo is not None:
                    echo("\n".join(format_table(workload, workload_results)) + "\n")
        finally:
            gc.unfreeze()
    return results


def format_number(value, digits=3):
    if value is None:
        return "n/a"
    return f"{value:.{digits}g}"


def format_table(workload, rows):
    """Return Markdown lines: a heading, the data summary and the table."""
    first = rows[0]
    summary = (
        f"X is {first['x_mib']:.1f} MiB. Closed-form training MSE "
        f"{first['closed_form_mse']:.4g} (R^2 {first['closed_form_r2']:.3f}). "
        f"'1 %' means a training MSE <= {1 + TARGET_EXCESS:g} x that."
    )
    columns = (
        "| row | epoch s (median) | ratio to limit | us/update | epochs to 1 % "
        "| time to 1 % (s) | peak MiB above input | peak % of X |"
    )
    lines = [
        f"### {workload.describe()}",
        "",
        summary,
        "",
        columns,
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row["failure"] is not None:
            lines.append(f"| {row['row']}: failed, {row['failure']} |" + " n/a |" * 7)
            continue
        if row["method"] in ("limit", "closed_form"):
            reached = "n/a"
        elif row["epochs_to_1pct"] is None:
            reached = "not reached"
        else:
            reached = str(row["epochs_to_1pct"])
        to_target = format_number(row["seconds_to_1pct"])
        if reached == "not reached":
            to_target = "not reached"
        lines.append(
            f"| {row['row']} | {format_number(row['epoch_seconds'])} "
            f"| {format_number(row['ratio_to_limit'])} "
            f"| {format_number(row['us_per_update'])} | {reached} | {to_target} "
            f"| {format_number(row['peak_mib'])} "
            f"| {format_number(row['peak_percent_of_x'], 2)} |"
        )
    return lines


def path_note(results):
    """Describe, per method, whether the per-epoch runs ended where the timed
    fits did (to 1e-9 relative)."""
    parts = []
    for method in ("skoptim", "sgdregressor", "mlp"):
        checked = [
            row
            for row in results
            if row["method"] == method and row["per_epoch_path_equals_fit"] is not None
        ]
        equal = sum(row["per_epoch_path_equals_fit"] for row in checked)
        parts.append(f"{method} {equal} of {len(checked)} rows")
    return (
        "Rows whose per-epoch run ended at the coefficients of the timed fit, "
        "that is, followed the same path: " + ", ".join(parts) + ". The others "
        "shuffle with other seeds in `partial_fit` than in `fit`, so they "
        "follow a path of the same method, not the timed one."
    )


def method_notes(quick, results):
    """Return Markdown lines that describe how each column was measured."""
    subset = ", ".join(OPTIMIZERS[name].__name__ for name in SUBSET_OPTIMIZERS)
    timing = (
        f"- Each fit is timed {TIMED_REPEATS} times. 'epoch s' is the median of "
        "fit time / epochs, so it includes the per-fit input validation. The limit "
        "is the median of at least 5 samples, each looping for >= 20 ms. "
        "'us/update' is the epoch time over the updates in an epoch: "
        "ceil(n_samples / batch), 1 for the full batch, n_samples for "
        "SGDRegressor."
    )

    convergence = (
        "- 'epochs to 1 %' comes from a separate run fitted one epoch per call "
        "(`partial_fit`, or one epoch of the torch loop), with the training MSE "
        "checked after each epoch. 'time to 1 %' is that epoch count times the "
        "median epoch time, so it has the resolution of one epoch. "
        + path_note(results)
    )

    memory = (
        "- 'peak MiB above input' is the tracemalloc peak during one more fit "
        "of all epochs. It counts Python objects and NumPy array buffers made "
        "during the fit, not the input allocated before it, and misses memory "
        "that C code allocates itself: OpenBLAS and LAPACK work buffers, "
        "Cython mallocs and torch tensors (torch rows show n/a)."
    )

    skoptim_rows = (
        "- skoptim rows: `GDRegressor(optimizer=<name>, penalty=None, tol=None, "
        "shuffle=True, random_state=0)` with each optimizer's default "
        f"hyperparameters. W3 and W4 run only {subset}, to keep the full run "
        "near 15 minutes on 2 cores. Rows marked `engine=numba` use the "
        "compiled epoch (dense float64 only, when numba is installed); it is "
        "compiled before any timing."
    )

    sgd_regressor = (
        "- SGDRegressor: `penalty=None, tol=None, learning_rate='constant', "
        f"shuffle=True`, eta0 = {SGD_STEP_SCALE:g} / mean(||x_i||^2) (shown in "
        "the row label). That step is stable, and its excess MSE at rest is "
        "estimated at 0.5 %."
    )

    mlp = (
        "- MLPRegressor: `hidden_layer_sizes=()` works in scikit-learn "
        f"{sklearn.__version__} and gives a linear model with an identity output. "
        f"Settings: `alpha=0, learning_rate_init={LEARNING_RATE:g}` (skoptim's "
        "default for SGD, Momentum and Adam, where MLP's own default is 0.001), "
        "`momentum=0.9, nesterovs_momentum=False` for sgd, and `tol=0, "
        "n_iter_no_change=max_iter + 1, early_stopping=False`, so every fit runs "
        "all epochs. The full batch is `batch_size=n_samples`."
    )

    closed_form = (
        "- Closed form: `scipy.linalg.lstsq` (LAPACK gelsd) on a copy `[X, 1]`, "
        "which lstsq copies once more, and for sparse X "
        "`scipy.sparse.linalg.lsqr` on `[X, 1]` with atol = btol = 1e-10. Its "
        "'epoch s' is one whole solve."
    )

    data = (
        "- Data: `make_regression(noise=...)` for dense workloads, and for W4 "
        "standard-normal non-zeros at random positions. Features are "
        "standardized (W4: scaled to unit variance, not centered), and so is "
        "the target. S1 (16 x 6, full batch) measures per-update overhead on a "
        "tiny problem."
    )
    notes = [
        timing,
        convergence,
        memory,
        skoptim_rows,
        sgd_regressor,
        mlp,
        closed_form,
        data,
    ]
    if TORCH_SKIP_REASON is not None:
        notes.append(f"- {TORCH_SKIP_REASON}.")
    else:
        notes.append(
            "- torch rows: dense workloads only. The loss is half the mean squared "
            f"error and lr is {LEARNING_RATE:g}, so the step matches skoptim's SGD "
            "and Adam."
        )
    if quick:
        notes.append(
            "- Quick mode: the workloads are shrunk, and the numbers are only a "
            "smoke test."
        )
    return notes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="shrink every workload for a smoke run of under a minute on 2 cores",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="number of BLAS and OpenMP threads for the whole run (default 1)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="also write the machine, the tables and the notes to this Markdown file",
    )
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error(f"--threads must be at least 1, got {args.threads}")

    start = time.perf_counter()
    with threadpool_limits(limits=args.threads):
        machine = describe_machine()
    header = [
        "## Training benchmark" + (" (quick mode)" if args.quick else ""),
        "",
        f"Threads pinned with threadpoolctl: {args.threads}.",
        "",
        *machine,
        "",
    ]
    print("\n".join(header))
    if TORCH_SKIP_REASON is not None:
        print(TORCH_SKIP_REASON + "\n")

    tables = []

    def echo(table):
        tables.append(table)
        print(table, flush=True)

    results = run(args.quick, args.threads, echo=echo)
    wall = time.perf_counter() - start
    footer = [
        "### How the numbers were taken",
        "",
        *method_notes(args.quick, results),
        "",
        f"Wall time of the whole run: {wall:.0f} s.",
    ]
    print("\n".join(footer))
    if args.output is not None:
        args.output.write_text("\n".join(header + tables + footer) + "\n")
        print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
