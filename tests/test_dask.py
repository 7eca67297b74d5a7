# SPDX-License-Identifier: BSD-3-Clause
"""GDRegressor on Dask: out-of-core training with dask_ml's Incremental and
a grid search on a distributed cluster through joblib.

These tests need the ``dask`` extra (``pip install -e ".[test,dask]"``) and
are skipped without it. They start their own LocalCluster on 127.0.0.1."""

import joblib
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

SKIP_REASON = 'needs the dask extra: pip install -e ".[test,dask]"'
da = pytest.importorskip("dask.array", reason=SKIP_REASON)
dd = pytest.importorskip("dask.dataframe", reason=SKIP_REASON)
distributed = pytest.importorskip("distributed", reason=SKIP_REASON)
dask_ml_wrappers = pytest.importorskip("dask_ml.wrappers", reason=SKIP_REASON)

from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skoptim import GDRegressor
from skoptim.optimizers import SGD, Adam
from skoptim.schedules import ExponentialDecay

N_SAMPLES = 200_000
N_FEATURES = 20
N_CHUNKS = 20
N_PASSES = 3
BATCH_SIZE = 1000


@pytest.fixture(scope="module")
def client():
    """Start a two-worker cluster in this process, reachable on loopback only."""
    # processes=False keeps the workers in this process, so the cluster
    # starts in about a second. A host needs protocol="tcp://" in that mode,
    # and the tcp comm serializes each object sent between workers, as on a
    # cluster of machines. The scheduler serves its health and metrics
    # routes over HTTP even without a dashboard, by default on port 8787.
    # A random loopback port lets two test runs overlap.
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            host="127.0.0.1",
            protocol="tcp://",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def chunked_data(client):
    """Return a noisy linear problem as dask arrays of N_CHUNKS row chunks.

    Dask generates the chunks on the workers, so the task graph stays
    small, and keeps them there (persist), so that each pass reads them
    instead of drawing them again. Coefficients between 1 and 3 in absolute
    value make a relative tolerance meaningful for each of them.
    """
    rng = np.random.default_rng(0)
    coef = rng.uniform(1.0, 3.0, N_FEATURES) * rng.choice([-1.0, 1.0], N_FEATURES)
    chunk_rows = N_SAMPLES // N_CHUNKS
    dask_rng = da.random.default_rng(1)
    X = dask_rng.standard_normal((N_SAMPLES, N_FEATURES), chunks=(chunk_rows, -1))
    noise = dask_rng.standard_normal(N_SAMPLES, chunks=chunk_rows)
    y = X @ coef + 3.0 + 0.5 * noise
    return client.persist([X, y])


def _least_squares(X, y):
    """Return the coefficients and intercept that np.linalg.lstsq finds."""
    design = np.column_stack([X, np.ones(X.shape[0])])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    return solution[:-1], solution[-1]


def _sgd_regressor():
    # With a constant step, mini-batch SGD keeps circling the solution at a
    # distance set by the step and the gradient noise (about 3e-3 relative
    # here). Decaying the step by 1% per update (200 updates per pass) lets
    # the iterates settle, and penalty=None makes the lstsq solution the
    # exact minimizer.
    return GDRegressor(
        optimizer=SGD(learning_rate=ExponentialDecay(0.1, decay_rate=0.99)),
        penalty=None,
        batch_size=BATCH_SIZE,
        random_state=0,
    )


def test_incremental_dask_array_reaches_least_squares(client, chunked_data):
    X, y = chunked_data
    assert X.numblocks == (N_CHUNKS, 1)
    model = dask_ml_wrappers.Incremental(_sgd_regressor(), random_state=0)
    for _ in range(N_PASSES):
        model.partial_fit(X, y)

    estimator = model.estimator_
    assert estimator.n_iter_ == N_PASSES * N_CHUNKS
    assert estimator.n_updates_ == N_PASSES * N_SAMPLES // BATCH_SIZE

    X_local, y_local = X.compute(), y.compute()
    coef, intercept = _least_squares(X_local, y_local)
    assert_allclose(estimator.coef_, coef, rtol=1e-3)
    assert_allclose(estimator.intercept_, intercept, rtol=1e-3)

    prediction = model.predict(X)
    assert isinstance(prediction, da.Array)
    assert_allclose(prediction.compute(), estimator.predict(X_local), rtol=1e-12)


def test_incremental_dask_dataframe_reaches_least_squares(client, chunked_data):
    X, y = chunked_data
    columns = [f"x{i}" for i in range(N_FEATURES)]
    frame = dd.from_dask_array(X, columns=columns)
    target = dd.from_dask_array(y)
    assert frame.npartitions == N_CHUNKS
    model = dask_ml_wrappers.Incremental(_sgd_regressor(), random_state=0)
    for _ in range(N_PASSES):
        model.partial_fit(frame, target)

    estimator = model.estimator_
    assert_array_equal(estimator.feature_names_in_, columns)
    frame_local = frame.compute()
    coef, intercept = _least_squares(
        frame_local.to_numpy(), target.compute().to_numpy()
    )
    assert_allclose(estimator.coef_, coef, rtol=1e-3)
    assert_allclose(estimator.intercept_, intercept, rtol=1e-3)

    prediction = model.predict(frame).compute()
    assert_allclose(np.asarray(prediction), estimator.predict(frame_local), rtol=1e-12)


def _grid_search():
    grid = {
        "gdregressor__optimizer__learning_rate": [0.003, 0.01, 0.03],
        "gdregressor__alpha": [1e-4, 1e-2],
    }
    model = make_pipeline(
        StandardScaler(),
        GDRegressor(optimizer=Adam(), max_iter=20, tol=None, random_state=0),
    )
    return GridSearchCV(
        model, grid, cv=KFold(3, shuffle=True, random_state=0), n_jobs=-1
    )


def test_grid_search_on_cluster_matches_local(client):
    rng = np.random.default_rng(2)
    X = rng.standard_normal((300, 5)) * [1.0, 10.0, 0.1, 2.0, 5.0]
    y = X @ [1.0, -0.2, 5.0, 0.5, 0.0] + 0.5 * rng.standard_normal(300)

    local = _grid_search().fit(X, y)
    with (
        distributed.get_task_stream(client) as task_stream,
        joblib.parallel_backend("dask"),
    ):
        on_cluster = _grid_search().fit(X, y)

    # joblib sends the 18 fits in batches, so count only that tasks ran.
    assert len(task_stream.data) > 0

    assert on_cluster.best_params_ == local.best_params_
    for key in local.cv_results_:
        if key.startswith(("split", "mean_test", "std_test", "rank_test")):
            assert_allclose(
                on_cluster.cv_results_[key], local.cv_results_[key], rtol=1e-12
            )
