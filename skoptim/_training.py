# SPDX-License-Identifier: BSD-3-Clause
"""The mini-batch training loop shared by ``fit`` and ``partial_fit``."""

import copy
import math

import numpy as np
from sklearn.utils import gen_batches

from . import _numba_epoch

__all__ = []

# An epoch loss this many times the loss at the start of the call counts as
# divergence, even while it is still finite.
_DIVERGENCE_FACTOR = 1e6


def _check_divergence(epoch, loss, params, reference_loss, loss_floor):
    """Raise ``ValueError`` if the loss or the parameters have diverged.

    ``loss_floor`` keeps a first-epoch loss of (nearly) zero, as on a
    constant target, from turning rounding noise into a false alarm.
    """
    exploded = loss > _DIVERGENCE_FACTOR * max(reference_loss, loss_floor)
    # One reduction tests every parameter: a NaN or infinite entry makes the
    # sum non-finite (so does an overflowing sum, whose entries diverged too).
    if math.isfinite(loss) and math.isfinite(float(params.sum())) and not exploded:
        return
    history = ""
    if np.isfinite(reference_loss) and loss != reference_loss:
        history = f" (at the start of this call: {reference_loss:.6g})"
    raise ValueError(
        f"Gradient descent diverged at epoch {epoch}: the training loss is "
        f"{loss:.6g}{history}. Scale the input features, for example with "
        "sklearn.preprocessing.StandardScaler, or lower the optimizer's "
        "learning_rate."
    )


class _MiniBatches:
    """Mini-batches of one epoch, drawn from a fresh permutation each epoch.

    Dense batches are gathered into buffers allocated once, so an epoch
    allocates no batch-sized arrays. A full batch (``batch_size`` of None or
    at least ``n_samples``) is the data itself, without indexing or
    shuffling, since the order does not change its gradient. Sparse
    batches are row selections of the CSR matrix, at a cost proportional
    to their non-zeros.
    """

    def __init__(self, X, Y, sample_weight, batch_size, shuffle, rng):
        self.X, self.Y, self.sample_weight = X, Y, sample_weight
        self.shuffle = shuffle
        self.rng = rng
        n_samples = X.shape[0]
        self.n_samples = n_samples
        self.full_batch = batch_size is None or batch_size >= n_samples
        if self.full_batch:
            return
        self.slices = list(gen_batches(n_samples, batch_size))
        self.dense = isinstance(X, np.ndarray)
        if shuffle and self.dense:
            self.X_buffer = np.empty((batch_size, X.shape[1]), dtype=X.dtype)
            self.Y_buffer = np.empty((batch_size, Y.shape[1]), dtype=Y.dtype)

    def epoch_order(self):
        """Return the sample order of the next epoch, drawing from the
        random number generator exactly as :meth:`epoch` does."""
        if self.shuffle and not self.full_batch:
            return self.rng.permutation(self.n_samples)
        return np.arange(self.n_samples)

    def epoch(self):
        """Yield ``(X_batch, Y_batch, sample_weight_batch, n_batch)``."""
        if self.full_batch:
            yield self.X, self.Y, self.sample_weight, self.n_samples
            return

        X, Y, sample_weight = self.X, self.Y, self.sample_weight
        if not self.shuffle:
            for rows in self.slices:
                weight = None if sample_weight is None else sample_weight[rows]
                yield X[rows], Y[rows], weight, rows.stop - rows.start
            return

        order = self.rng.permutation(self.n_samples)
        for batch in self.slices:
            rows = order[batch]
            n_batch = batch.stop - batch.start
            weight = None if sample_weight is None else sample_weight[rows]
            if self.dense:
                X_batch = np.take(X, rows, axis=0, out=self.X_buffer[:n_batch])
                Y_batch = np.take(Y, rows, axis=0, out=self.Y_buffer[:n_batch])
            else:
                X_batch, Y_batch = X[rows], Y[rows]
            yield X_batch, Y_batch, weight, n_batch


class _Averager:
    """Running mean of the parameters after each update (averaged SGD).

    Averaging starts once ``start`` samples have been seen, counted over all
    epochs and calls, as ``SGDRegressor(average=...)`` counts them.
    """

    def __init__(self, params, start):
        self.params = np.zeros_like(params)
        self.start = start
        self.n_seen = 0
        self.n_averaged = 0

    def add(self, params, n_batch):
        self.n_seen += n_batch
        if self.n_seen >= self.start:
            self.n_averaged += 1
            self.params += (params - self.params) / self.n_averaged

    def model_params(self, params):
        """Return the parameters that predictions use."""
        return self.params if self.n_averaged else params


class _EarlyStopping:
    """Score on a held-out split after each epoch; keep the best parameters."""

    def __init__(self, X, Y, sample_weight, score):
        self.X = X
        self.Y = Y
        self.sample_weight = sample_weight
        self.score = score
        self.scores = []
        self.best_score = -np.inf
        self.best_params = None
        self.best_state = None

    def evaluate(self, objective, params, state):
        """Score ``params``, keep them if they are the best so far, and
        return the score."""
        score = self.score(self.Y, objective.predict(params, self.X), self.sample_weight)
        self.scores.append(score)
        if score > self.best_score:
            self.best_score = score
            self.best_params = params.copy()
            self.best_state = copy.deepcopy(state)
        return score


def _train(
    objective,
    optimizer,
    X,
    Y,
    sample_weight,
    params,
    state,
    *,
    n_epochs,
    batch_size,
    shuffle,
    rng,
    tol,
    n_iter_no_change,
    decay_mask,
    first_epoch,
    verbose,
    averager=None,
    early_stopping=None,
    engine="numpy",
):
    """Run up to ``n_epochs`` epochs of mini-batch updates.

    ``params``, ``state`` and ``averager`` are updated in place; the caller
    passes copies when the values before training must survive a
    divergence.

    Parameters
    ----------
    first_epoch : int
        Number of the first epoch of this call (1-based), for messages.
    averager : _Averager or None
        Running average of the iterates, updated after each update.
    early_stopping : _EarlyStopping or None
        With a held-out split, ``tol`` applies to its score (higher is
        better) instead of the training loss.
    engine : {"numpy", "numba"}
        With "numba", epochs that :mod:`skoptim._numba_epoch` covers run in
        compiled code; the others run in the numpy loop.

    Returns
    -------
    loss_curve : list of float
        Per-epoch objective: the weight-averaged loss of the epoch's
        mini-batches (each at the parameters before its update) plus the
        penalty, weighted the same way.
    n_updates : int
        Number of optimizer updates.
    converged : bool
        Whether the ``tol`` criterion stopped training.
    """
    n_samples = X.shape[0]
    if sample_weight is None:
        total_weight = float(n_samples)
    else:
        total_weight = float(sample_weight.sum())
    mean_weight = total_weight / n_samples
    eps = np.finfo(Y.dtype).eps
    with np.errstate(over="ignore"):
        loss_floor = eps * (1.0 + float(np.mean(np.square(Y, dtype=np.float64))))

    loss_curve = []
    # Divergence is judged against the smaller of the first epoch's loss and
    # the loss at the starting point (on the first mini-batch), so that a
    # single epoch that explodes from a good start is caught too.
    start_loss = None
    reference_loss = None
    n_updates = 0
    best_loss = np.inf
    n_no_improvement = 0
    converged = False

    full_batch = batch_size is None or batch_size >= n_samples
    if isinstance(X, np.ndarray) and not X.flags.c_contiguous and not full_batch:
        # Gathering rows of a column-major array (what a DataFrame gives)
        # would copy all of X for every mini-batch, so convert it once.
        X = np.ascontiguousarray(X)
    batches = _MiniBatches(X, Y, sample_weight, batch_size, shuffle, rng)
    update_options = {} if decay_mask is None else {"decay_mask": decay_mask}
    compiled = engine == "numba" and _numba_epoch._supported(
        optimizer, objective, X, Y, sample_weight, averager, params, state
    )
    compiled_batch_size = X.shape[0] if batches.full_batch else batch_size

    # Overflow inside an epoch is reported once, by _check_divergence, as a
    # ValueError, rather than as a RuntimeWarning per operation.
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(first_epoch, first_epoch + n_epochs):
            epoch_loss = 0.0
            if compiled:
                epoch_loss, first_batch_loss = _numba_epoch._run_epoch(
                    objective,
                    optimizer,
                    X,
                    Y,
                    params,
                    state,
                    batches.epoch_order(),
                    compiled_batch_size,
                    mean_weight,
                )
                if start_loss is None:
                    start_loss = first_batch_loss
                n_updates += -(-X.shape[0] // compiled_batch_size)
                batches_of_epoch = ()
            else:
                batches_of_epoch = batches.epoch()
            for X_batch, Y_batch, weight, n_batch in batches_of_epoch:
                batch_weight = float(n_batch) if weight is None else float(weight.sum())
                normalizer = n_batch * mean_weight

                weighted_loss, grad = objective.batch_gradient(
                    params, X_batch, Y_batch, weight, normalizer
                )
                batch_objective = weighted_loss + batch_weight * objective.penalty(params)
                epoch_loss += batch_objective
                if start_loss is None:
                    start_loss = batch_objective / batch_weight if batch_weight else np.inf

                step, state = optimizer.update(grad, state, params, **update_options)
                params += step
                n_updates += 1
                if averager is not None:
                    averager.add(params, n_batch)

            epoch_loss /= total_weight
            loss_curve.append(epoch_loss)
            if reference_loss is None:
                reference_loss = min(epoch_loss, start_loss)
            _check_divergence(epoch, epoch_loss, params, reference_loss, loss_floor)

            if early_stopping is not None:
                model_params = params if averager is None else averager.model_params(params)
                score = early_stopping.evaluate(objective, model_params, state)
                # Scores improve upwards, so tol works as on a negated loss.
                criterion = -score
            else:
                criterion = epoch_loss
            if verbose:
                message = f"Epoch {epoch}, loss: {epoch_loss:.8g}"
                if early_stopping is not None:
                    message += f", validation score: {score:.8g}"
                print(message)

            if tol is not None:
                if criterion > best_loss - tol:
                    n_no_improvement += 1
                else:
                    n_no_improvement = 0
                best_loss = min(best_loss, criterion)
                if n_no_improvement >= n_iter_no_change:
                    converged = True
                    break

    return loss_curve, n_updates, converged
