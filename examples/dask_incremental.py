"""
=========================================
Out-of-core training and search with Dask
=========================================

:class:`~skoptim.GDRegressor` trains one chunk at a time through
``dask_ml.wrappers.Incremental``, which calls ``partial_fit`` once per chunk
of a Dask array and carries the coefficients and the optimizer state from
chunk to chunk. A grid search runs its fits on the same cluster through
joblib's ``"dask"`` backend.

By default, the example starts a :class:`distributed.LocalCluster` on
127.0.0.1 and connects to it. To run it on a cluster of machines, set
``SCHEDULER_ADDRESS`` below to the scheduler's address, for example
``"tcp://scheduler-host:8786"``. Nothing else changes. Every worker needs
skoptim and the ``dask`` extra installed: ``pip install "skoptim[dask]"``.
"""

# %%
# Connect to a cluster
# --------------------
# Without an address, the example starts two workers with one thread each
# as threads of this process. The tcp protocol still sends every chunk and
# every model between the workers as it would between machines.
import dask
import dask.array as da
import joblib
import numpy as np
from dask_ml.wrappers import Incremental
from distributed import Client, LocalCluster
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skoptim import GDRegressor
from skoptim.optimizers import SGD, Adam
from skoptim.schedules import ExponentialDecay

SCHEDULER_ADDRESS = None  # for example "tcp://scheduler-host:8786"

cluster = None
if SCHEDULER_ADDRESS is None:
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        host="127.0.0.1",
        protocol="tcp://",
        dashboard_address=None,
    )
client = Client(SCHEDULER_ADDRESS or cluster.scheduler_address)
print(client)

# %%
# Describe the data in chunks
# ---------------------------
# Dask arrays are lazy: this one describes 400,000 rows in 40 chunks of
# 10,000 rows, and a worker draws a chunk only when a task needs it.
# Real data would come from storage that every worker can read, for example
# ``dask.dataframe.read_parquet`` or ``dask.array.from_zarr``.
N_SAMPLES, N_FEATURES, CHUNK_ROWS = 400_000, 20, 10_000

rng = np.random.default_rng(0)
true_coef = rng.uniform(1.0, 3.0, N_FEATURES)
dask_rng = da.random.default_rng(1)
X = dask_rng.standard_normal((N_SAMPLES, N_FEATURES), chunks=(CHUNK_ROWS, -1))
y = X @ true_coef + 3.0 + 0.5 * dask_rng.standard_normal(N_SAMPLES, chunks=CHUNK_ROWS)
print(f"X: {X.nbytes / 2**20:.0f} MiB in {X.numblocks[0]} chunks")

# %%
# For comparison, the least-squares coefficients solve the normal
# equations, whose two products Dask sums over the chunks in one pass.
design = da.hstack([X, da.ones((N_SAMPLES, 1), chunks=(CHUNK_ROWS, 1))])
gram, moment = dask.compute(design.T @ design, design.T @ y)
lstsq_coef = np.linalg.solve(gram, moment)[:-1]

# %%
# Train one chunk at a time
# -------------------------
# Each call of ``Incremental.partial_fit`` makes one pass over the data:
# one ``GDRegressor.partial_fit`` per chunk, in an order shuffled with
# ``random_state``, each running one epoch of mini-batches over its chunk.
# The chunks are processed one after another, because every update starts
# from the coefficients of the update before.
# The decaying step lets the stochastic updates settle on the least-squares
# solution instead of circling it.
model = Incremental(
    GDRegressor(
        optimizer=SGD(learning_rate=ExponentialDecay(0.1, decay_rate=0.995)),
        penalty=None,
        batch_size=1000,
        random_state=0,
    ),
    random_state=0,
)
for n_pass in range(1, 4):
    model.partial_fit(X, y)
    distance = np.max(np.abs(model.coef_ - lstsq_coef) / np.abs(lstsq_coef))
    print(f"pass {n_pass}: max relative distance to least squares {distance:.1e}")

# %%
# Predict chunk by chunk
# ----------------------
# ``Incremental.predict`` returns a lazy Dask array. The fitted
# ``GDRegressor`` itself is an ordinary estimator in this process
# (``model.estimator_``), ready to pickle or to predict on NumPy data.
prediction = model.predict(X)
print(prediction)
print("first predictions:", prediction[:3].compute())
X_first, y_first = X.blocks[0].compute(), y.blocks[0].compute()
print(f"R² on the first chunk: {model.estimator_.score(X_first, y_first):.4f}")

# %%
# Search hyperparameters on the cluster
# -------------------------------------
# Under ``joblib.parallel_backend("dask")``, ``GridSearchCV`` sends its
# candidate and fold fits to the workers. Each fit needs its whole training
# split in one worker's memory, so a search suits data that fit on one
# machine. With a fixed ``random_state``, the scores equal those of the same
# search run without Dask.
X_small = X[:2000].compute()
y_small = y[:2000].compute()
search = GridSearchCV(
    make_pipeline(StandardScaler(), GDRegressor(optimizer=Adam(), random_state=0)),
    {
        "gdregressor__optimizer__learning_rate": [0.003, 0.01, 0.03],
        "gdregressor__alpha": [1e-4, 1e-2],
    },
    cv=KFold(5, shuffle=True, random_state=0),
    n_jobs=-1,
)
with joblib.parallel_backend("dask"):
    search.fit(X_small, y_small)
print("best parameters:", search.best_params_)
print(f"best R²: {search.best_score_:.4f}")

# %%
# Shut down
# ---------
# Closing the client leaves a running cluster up. The local cluster, if the
# example started one, stops with it.
client.close()
if cluster is not None:
    cluster.close()
