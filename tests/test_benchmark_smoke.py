# SPDX-License-Identifier: BSD-3-Clause
"""Smoke test of benchmarks/bench_training.py in quick mode.

It checks that every row of every workload runs and yields a finite,
positive ratio to the limit. It asserts nothing about speed, because the
test machines are shared and their timings are noisy.
"""

import importlib.util
import math
from pathlib import Path

import pytest

from skoptim.optimizers import OPTIMIZERS

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_training.py"

ALL_OPTIMIZERS = tuple(OPTIMIZERS)
SUBSET_OPTIMIZERS = ("sgd", "momentum", "adam")

# Workload name: (batch sizes with None for the full batch, optimizers, dense).
EXPECTED_WORKLOADS = {
    "W1": ((32,), ALL_OPTIMIZERS, True),
    "S1": ((None,), ALL_OPTIMIZERS, True),
    "W2": ((32, 256, None), ALL_OPTIMIZERS, True),
    "W3": ((256, None), SUBSET_OPTIMIZERS, True),
    "W4": ((256,), SUBSET_OPTIMIZERS, False),
    "W2-float32": ((32, 256, None), ALL_OPTIMIZERS, True),
}


def load_benchmark():
    spec = importlib.util.spec_from_file_location("bench_training", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_keys(with_torch, with_numba=False, numba_optimizers=()):
    """Return the (workload, method, optimizer, batch_size) of every row."""
    keys = []
    for name, (batch_sizes, optimizers, dense) in EXPECTED_WORKLOADS.items():
        keys.append((name, "limit", None, None))
        keys.append((name, "closed_form", None, None))
        keys.append((name, "sgdregressor", None, 1))
        for batch_size in batch_sizes:
            keys.extend(
                (name, "skoptim", optimizer, batch_size) for optimizer in optimizers
            )
            keys.append((name, "mlp", "adam", batch_size))
            keys.append((name, "mlp", "sgd", batch_size))
            if with_torch and dense:
                keys.append((name, "torch", "sgd", batch_size))
                keys.append((name, "torch", "adam", batch_size))
            if with_numba and dense and name != "W2-float32":
                keys.extend(
                    (name, "skoptim-numba", optimizer, batch_size)
                    for optimizer in numba_optimizers
                )
    return keys


@pytest.fixture(scope="module")
def bench_module():
    return load_benchmark()


@pytest.fixture(scope="module")
def quick_rows(bench_module):
    return bench_module.run(quick=True, threads=1)


def test_quick_run_has_every_row(bench_module, quick_rows):
    found = [
        (row["workload"], row["method"], row["optimizer"], row["batch_size"])
        for row in quick_rows
    ]
    expected = expected_keys(
        with_torch=bench_module.torch is not None,
        with_numba=bench_module._numba_epoch.numba is not None,
        numba_optimizers=bench_module.NUMBA_OPTIMIZERS,
    )
    assert len(found) == len(set(found)), "a row appears twice"
    assert set(found) - set(expected) == set(), "unexpected rows"
    assert set(expected) - set(found) == set(), "missing rows"


def test_quick_run_ratios_finite_positive(quick_rows):
    for row in quick_rows:
        ratio = row["ratio_to_limit"]
        assert ratio is not None, row["row"]
        assert math.isfinite(ratio), (row["workload"], row["row"], ratio)
        assert ratio > 0, (row["workload"], row["row"], ratio)


def test_quick_run_limit_ratio_is_one(quick_rows):
    limits = [row for row in quick_rows if row["method"] == "limit"]
    assert len(limits) == len(EXPECTED_WORKLOADS)
    for row in limits:
        assert row["ratio_to_limit"] == 1.0, row["workload"]
