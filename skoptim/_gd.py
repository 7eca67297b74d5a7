# SPDX-License-Identifier: BSD-3-Clause
"""Linear regression fitted by mini-batch gradient descent with a pluggable
optimizer."""

import copy
import warnings
from numbers import Integral, Real

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, RegressorMixin, _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.validation import (
    _check_sample_weight,
    check_is_fitted,
    validate_data,
)

from ._loss import _LOSSES
from . import _numba_epoch
from ._objective import _LinearObjective
from ._training import _Averager, _EarlyStopping, _train
from .optimizers import OPTIMIZERS, Optimizer, _resolve_optimizer

__all__ = ["GDRegressor"]

# Fitted attributes that a failed first fit must not leave behind.
_FITTED_ATTRIBUTES = (
    "coef_",
    "intercept_",
    "n_iter_",
    "n_updates_",
    "loss_curve_",
    "optimizer_",
    "validation_scores_",
    "best_validation_score_",
    "n_features_in_",
    "feature_names_in_",
)


class GDRegressor(RegressorMixin, BaseEstimator):
    r"""Linear model fitted by mini-batch gradient descent.

    ``GDRegressor`` minimizes the objective of
    :class:`~sklearn.linear_model.ElasticNet` (and of
    :class:`~sklearn.linear_model.SGDRegressor` with the same ``alpha`` and
    ``l1_ratio``),

    .. math::

        \frac{1}{\sum_i w_i} \sum_i w_i\, \ell(x_i^\top \beta + b - y_i)
        + \alpha \left(\rho \|\beta\|_1 + \frac{1 - \rho}{2} \|\beta\|_2^2
        \right),

    where :math:`\ell(r) = r^2/2` for ``loss="squared_error"``, :math:`w_i`
    are the sample weights, :math:`\rho` is ``l1_ratio`` and the intercept
    :math:`b` is not penalized. Each mini-batch gradient goes to an
    optimizer object (:mod:`skoptim.optimizers`) that returns the step.
    ``torch.nn.MSELoss`` is twice this loss, so plain gradient descent here
    with learning rate :math:`\eta` takes the step that torch takes with
    :math:`\eta / 2`.

    Parameters
    ----------
    optimizer : str or optimizer object, default="adam"
        The optimizer: one of ``"sgd"``, ``"momentum"``, ``"nesterov"``,
        ``"adagrad"``, ``"rmsprop"``, ``"adam"``, ``"adadelta"``,
        ``"adamax"``, ``"nadam"``, ``"amsgrad"``, ``"adamw"`` for the class
        of that name with default hyperparameters, or an object with
        ``init`` and ``update`` methods such as ``Adam(learning_rate=0.05)``.
        ``fit`` trains a copy (``optimizer_``) and never changes this
        object. To search over an optimizer's hyperparameters
        (``optimizer__learning_rate``), pass an object, not a string.

    loss : {"squared_error", "huber", "epsilon_insensitive"}, default="squared_error"
        Loss :math:`\ell` of the residual. ``"squared_error"`` is half the
        squared residual; ``"huber"`` and ``"epsilon_insensitive"`` are
        defined as in :class:`~sklearn.linear_model.SGDRegressor`, with
        ``epsilon`` as their threshold.

    epsilon : float, default=0.1
        Threshold of the ``"huber"`` and ``"epsilon_insensitive"`` losses,
        in units of the target. Ignored by ``"squared_error"``. Values must
        be in the range `[0.0, inf)`.

    penalty : {"l2", "l1", "elasticnet"} or None, default="l2"
        Penalty on the coefficients: ``"l2"`` sets ``l1_ratio`` to 0,
        ``"l1"`` to 1, ``"elasticnet"`` uses ``l1_ratio``, and ``None``
        disables it. The L1 part enters through its subgradient, so
        coefficients that the exact solution sets to zero only come close to
        zero.

    alpha : float, default=0.0001
        Strength :math:`\alpha` of the penalty. Values must be in the range
        `[0.0, inf)`.

    l1_ratio : float, default=0.15
        Share :math:`\rho` of the L1 part in the elastic-net penalty. Used
        only with ``penalty="elasticnet"``. Values must be in the range
        `[0.0, 1.0]`.

    fit_intercept : bool, default=True
        Whether to fit an intercept. If False, the data are assumed to be
        centered.

    batch_size : int or None, default=32
        Number of samples per mini-batch; ``None`` uses all samples in one
        batch (full-batch gradient descent). A value larger than the number
        of samples also gives one batch. The last batch of an epoch may be
        smaller; it is used, not dropped. Values must be in the range
        `[1, inf)`.

    max_iter : int, default=1000
        Maximum number of epochs (passes over the training data) in one
        call of ``fit``. Values must be in the range `[1, inf)`.

    tol : float or None, default=1e-4
        Training stops when the epoch loss (``loss_curve_``) has not
        improved by at least ``tol`` on the best loss so far for
        ``n_iter_no_change`` consecutive epochs. ``None`` runs ``max_iter``
        epochs. Values must be in the range `[0.0, inf)`.

    n_iter_no_change : int, default=5
        Number of epochs without improvement before training stops. Values
        must be in the range `[1, inf)`.

    shuffle : bool, default=True
        Whether to shuffle the samples before each epoch. Full batches are
        never shuffled, since the order does not change their gradient.

    random_state : int, RandomState instance or None, default=None
        Seed of the shuffling. Pass an int for reproducible results.

    warm_start : bool, default=False
        Continue from the coefficients and optimizer state of the previous
        fit, if the optimizer (class and hyperparameters), ``fit_intercept``
        and the shapes of the data are unchanged; otherwise ``fit`` warns
        and starts afresh. ``max_iter`` counts the epochs of this call.

    verbose : int, default=0
        Print the loss of each epoch if positive.

    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data, score the
        model on it (:math:`R^2`, weighted by the sample weights) after each
        epoch, stop when the score has not improved by ``tol`` for
        ``n_iter_no_change`` epochs, and keep the parameters of the best
        epoch. Not available in ``partial_fit``.

    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping. Values must
        be in the range `(0.0, 1.0)`.

    average : bool or int, default=False
        Predict with the running mean of the parameters after each update
        (averaged SGD) instead of the last iterate. ``True`` averages from
        the first update; an int starts once that many samples have been
        seen, as in :class:`~sklearn.linear_model.SGDRegressor`. Values must
        be in the range `[0, inf)`.

    engine : {"numpy", "numba"}, default="numpy"
        How each epoch runs. ``"numba"`` compiles the epoch (needs the
        ``numba`` extra) for dense float64 data with one target, no sample
        weights, ``loss="squared_error"``, no averaging and an ``SGD``,
        ``Momentum``, ``Nesterov`` or ``Adam`` optimizer with a constant
        learning rate and no weight decay, clipping or AMSGrad; other fits
        run in numpy. Both give the same results to rounding. The first fit
        in a process spends a few seconds compiling.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients; 2-D when ``y`` is 2-D.

    intercept_ : float or ndarray of shape (n_targets,)
        Intercept (0.0 when ``fit_intercept=False``), in the dtype of ``X``.

    n_iter_ : int
        Number of epochs run, summed over ``partial_fit`` calls and warm
        starts.

    n_updates_ : int
        Number of optimizer updates (mini-batches), summed the same way.
        (scikit-learn's ``t_`` counts samples, so this is a new name.)

    loss_curve_ : list of float
        Objective of each epoch, penalty included: the weight-averaged
        objective of the epoch's mini-batches, each taken at the parameters
        before its update, as :class:`~sklearn.neural_network.MLPRegressor`
        reports it. ``tol`` compares these values.

    optimizer_ : optimizer object
        The copy of ``optimizer`` that training updated.

    validation_scores_ : list of float
        Score on the held-out split after each epoch. Only with
        ``early_stopping=True``.

    best_validation_score_ : float
        Best of ``validation_scores_``; the model keeps that epoch's
        parameters. Only with ``early_stopping=True``.

    n_features_in_ : int
        Number of features seen during ``fit``.

    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Names of features seen during ``fit``. Defined only when ``X`` has
        feature names that are all strings.

    See Also
    --------
    sklearn.linear_model.SGDRegressor : Per-sample SGD with learning-rate
        schedules.
    sklearn.linear_model.ElasticNet : Exact solution of the same objective
        by coordinate descent.

    Notes
    -----
    The coefficients start at zero and the intercept at the weighted mean
    of ``y``, unless ``coef_init`` or ``intercept_init`` are passed to
    ``fit``. Adaptive optimizers move each parameter by about the learning
    rate per update, so starting the intercept at zero would make them walk
    the whole offset of the target step by step.

    Each mini-batch gradient is divided by the batch's expected weight,
    ``batch_size * sum(sample_weight) / n_samples``, rather than by the
    batch's own total weight, so that for every batch size the expected
    step follows the gradient of the full weighted objective; a batch whose
    weights are all zero adds nothing to the data term.

    The intercept is trained on centered features: the optimizer sees
    ``b + mean(X) @ coef`` in place of the intercept ``b``, and ``fit``
    converts back when it stores ``intercept_``. The model and the objective
    are unchanged, but coefficients and intercept no longer interact, so
    plain gradient descent also converges on features far from zero (values
    near 100, as in some of scikit-learn's estimator checks), where the
    uncentered problem diverges at any learning rate that fits standardized
    data. ``X`` is not copied for this, and sparse ``X`` stays sparse.

    Training stops with a ``ValueError`` when the loss or the coefficients
    stop being finite, or when an epoch loss exceeds 1e6 times the loss at
    the start of the call (the smaller of the first epoch's loss and the
    first mini-batch's). The estimator keeps the model it had before the
    failed call, including the state of its random number generator.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from skoptim import GDRegressor
    >>> from skoptim.optimizers import Adam
    >>> X, y = make_regression(n_samples=200, n_features=3, noise=1.0,
    ...                        random_state=0)
    >>> model = make_pipeline(
    ...     StandardScaler(),
    ...     GDRegressor(optimizer=Adam(learning_rate=0.05), random_state=0),
    ... )
    >>> model.fit(X, y).score(X, y) > 0.99
    True
    """

    _parameter_constraints: dict = {
        "optimizer": [StrOptions(set(OPTIMIZERS)), HasMethods(["init", "update"])],
        "loss": [StrOptions(set(_LOSSES))],
        "epsilon": [Interval(Real, 0, None, closed="left")],
        "penalty": [StrOptions({"l2", "l1", "elasticnet"}), None],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "l1_ratio": [Interval(Real, 0, 1, closed="both")],
        "fit_intercept": ["boolean"],
        "batch_size": [Interval(Integral, 1, None, closed="left"), None],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left"), None],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "warm_start": ["boolean"],
        "verbose": ["verbose"],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
        "average": [Interval(Integral, 0, None, closed="left"), "boolean"],
        "engine": [StrOptions({"numpy", "numba"})],
    }

    def __init__(
        self,
        *,
        optimizer="adam",
        loss="squared_error",
        epsilon=0.1,
        penalty="l2",
        alpha=0.0001,
        l1_ratio=0.15,
        fit_intercept=True,
        batch_size=32,
        max_iter=1000,
        tol=1e-4,
        n_iter_no_change=5,
        shuffle=True,
        random_state=None,
        warm_start=False,
        verbose=0,
        early_stopping=False,
        validation_fraction=0.1,
        average=False,
        engine="numpy",
    ):
        self.optimizer = optimizer
        self.loss = loss
        self.epsilon = epsilon
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.shuffle = shuffle
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.average = average
        self.engine = engine

    def set_params(self, **params):
        """Set the parameters of this estimator.

        Nested parameters of the optimizer (``optimizer__learning_rate``)
        need an optimizer object: a string name has no parameters to set.

        Parameters
        ----------
        **params : dict
            Estimator parameters.

        Returns
        -------
        self : GDRegressor
            This estimator.
        """
        optimizer = params.get("optimizer", self.optimizer)
        nested = sorted(key for key in params if key.startswith("optimizer__"))
        if nested and isinstance(optimizer, str):
            example = OPTIMIZERS.get(optimizer, OPTIMIZERS["adam"]).__name__
            raise ValueError(
                f"Cannot set {nested[0]!r} while optimizer={optimizer!r} is a "
                "string. Pass an optimizer object instead, for example "
                f"optimizer={example}(learning_rate=0.01) from "
                "skoptim.optimizers, or include such "
                "objects as values of 'optimizer' in the parameter grid."
            )
        return super().set_params(**params)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.target_tags.multi_output = True
        return tags

    def __sklearn_is_fitted__(self):
        return hasattr(self, "coef_")

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, coef_init=None, intercept_init=None):
        """Fit the linear model with mini-batch gradient descent.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data. CSR and CSC matrices are used without densifying;
            float32 data are trained in float32.

        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Target values.

        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights, not all zero. ``None`` gives every sample
            weight 1.

        coef_init : array-like of shape (n_features,) or \
                (n_targets, n_features), default=None
            Initial coefficients. Overrides ``warm_start``.

        intercept_init : float or array-like of shape (n_targets,), \
                default=None
            Initial intercept. Overrides ``warm_start``.

        Returns
        -------
        self : GDRegressor
            The fitted estimator.
        """
        return self._fit(
            X,
            y,
            sample_weight,
            n_epochs=self.max_iter,
            use_tol=True,
            continue_training=self.warm_start,
            coef_init=coef_init,
            intercept_init=intercept_init,
        )

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, sample_weight=None):
        """Run one epoch over the given data, continuing the previous fit.

        The first call starts as ``fit`` does; later calls continue the
        coefficients and optimizer state and need the same number of
        features and targets and the same ``fit_intercept``. Changed
        hyperparameters of the optimizer, such as a learning rate lowered by
        hand, apply from the next call on; switching to another optimizer
        class raises a ``ValueError`` (call ``fit`` instead). ``tol`` and
        ``max_iter`` are not used.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.

        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Target values.

        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights, not all zero.

        Returns
        -------
        self : GDRegressor
            The updated estimator.
        """
        if self.early_stopping:
            raise ValueError(
                "partial_fit does not support early_stopping=True, because one "
                "epoch per call leaves nothing to stop. Set early_stopping=False, "
                "or call fit."
            )
        return self._fit(
            X, y, sample_weight, n_epochs=1, use_tol=False, continue_training=True
        )

    def predict(self, X):
        """Predict with the fitted linear model.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Predicted values.
        """
        check_is_fitted(self)
        X = validate_data(
            self, X, reset=False, accept_sparse="csr", dtype=[np.float64, np.float32]
        )
        return X @ self.coef_.T + self.intercept_

    def _fit(
        self,
        X,
        y,
        sample_weight,
        *,
        n_epochs,
        use_tol,
        continue_training,
        coef_init=None,
        intercept_init=None,
    ):
        """Validate the input, run the training loop and store the result.

        Fitted attributes are assigned only after training succeeded, so a
        failed call leaves the model as it was before it.
        """
        fitted = self.__sklearn_is_fitted__()
        saved = {
            name: getattr(self, name) for name in _FITTED_ATTRIBUTES if hasattr(self, name)
        }
        try:
            self._fit_validated(
                X,
                y,
                sample_weight,
                n_epochs=n_epochs,
                use_tol=use_tol,
                continue_training=continue_training and fitted,
                partial=not use_tol,
                coef_init=coef_init,
                intercept_init=intercept_init,
            )
        except BaseException:
            for name in _FITTED_ATTRIBUTES:
                if name in saved:
                    setattr(self, name, saved[name])
                elif hasattr(self, name):
                    delattr(self, name)
            raise
        return self

    def _fit_validated(
        self,
        X,
        y,
        sample_weight,
        *,
        n_epochs,
        use_tol,
        continue_training,
        partial,
        coef_init,
        intercept_init,
    ):
        # A partial_fit after the first keeps the feature count and names.
        reset = not (partial and continue_training)
        X, y = validate_data(
            self,
            X,
            y,
            reset=reset,
            accept_sparse="csr",
            dtype=[np.float64, np.float32],
            multi_output=True,
            y_numeric=True,
        )
        if sp.issparse(y):
            y = y.toarray()
        y = np.asarray(y, dtype=X.dtype)
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        sample_weight = self._validate_sample_weight(sample_weight, X)

        optimizer = _resolve_optimizer(self.optimizer)
        if self.engine == "numba" and _numba_epoch.numba is None:
            raise ImportError(
                "engine='numba' needs the numba package. Install it with "
                "pip install 'skoptim[numba]', or use engine='numpy'."
            )
        continue_training = continue_training and self._can_continue(
            X, Y, y.ndim, optimizer, partial
        )
        if coef_init is not None or intercept_init is not None:
            continue_training = False

        if continue_training:
            rng = copy.deepcopy(self._rng)
        else:
            rng = check_random_state(self.random_state)

        early_stopping = None
        if self.early_stopping and not partial:
            X, Y, sample_weight, early_stopping = self._split_validation(
                X, Y, sample_weight, rng
            )

        averager = None
        if continue_training:
            params, state, x_offset = self._stored_training_state(X.dtype, optimizer)
            loss_curve = list(self.loss_curve_)
            n_iter, n_updates = self.n_iter_, self.n_updates_
            if self.average and self._averager is not None:
                averager = copy.deepcopy(self._averager)
        else:
            x_offset = None
            if self.fit_intercept:
                x_offset = _weighted_column_mean(X, sample_weight)
            params = self._initial_params(
                X, Y, sample_weight, coef_init, intercept_init, x_offset
            )
            state = optimizer.init(params)
            loss_curve, n_iter, n_updates = [], 0, 0
        if self.average and averager is None:
            averager = _Averager(params, start=int(self.average))

        objective = self._objective(x_offset)
        decay_mask = None
        if self.fit_intercept and isinstance(optimizer, Optimizer):
            decay_mask = np.ones((params.shape[0], 1), dtype=params.dtype)
            decay_mask[-1] = 0
        epoch_losses, epoch_updates, converged = _train(
            objective,
            optimizer,
            X,
            Y,
            sample_weight,
            params,
            state,
            n_epochs=n_epochs,
            batch_size=self.batch_size,
            shuffle=self.shuffle,
            rng=rng,
            tol=self.tol if use_tol else None,
            n_iter_no_change=self.n_iter_no_change,
            decay_mask=decay_mask,
            first_epoch=n_iter + 1,
            verbose=self.verbose,
            averager=averager,
            early_stopping=early_stopping,
            engine=self.engine,
        )
        if use_tol and self.tol is not None and not converged:
            warnings.warn(
                f"Maximum number of epochs (max_iter={self.max_iter}) reached "
                f"before the loss stopped improving by tol={self.tol}. Increase "
                "max_iter, raise the optimizer's learning_rate, or scale the "
                "input features.",
                ConvergenceWarning,
            )

        model_params = params if averager is None else averager.model_params(params)
        if early_stopping is not None:
            model_params = early_stopping.best_params
            if averager is None:
                params, state = early_stopping.best_params, early_stopping.best_state
            self.validation_scores_ = early_stopping.scores
            self.best_validation_score_ = early_stopping.best_score
        else:
            for name in ("validation_scores_", "best_validation_score_"):
                if hasattr(self, name):
                    delattr(self, name)
        self._standard_params = params
        self._averager = averager
        self._store_params(model_params, y.ndim, x_offset)
        self.n_iter_ = n_iter + len(epoch_losses)
        self.n_updates_ = n_updates + epoch_updates
        self.loss_curve_ = loss_curve + epoch_losses
        self.optimizer_ = optimizer
        self._optimizer_state = state
        self._rng = rng

    def _split_validation(self, X, Y, sample_weight, rng):
        """Hold out ``validation_fraction`` of the samples for early stopping."""
        n_samples = X.shape[0]
        n_validation = int(np.ceil(self.validation_fraction * n_samples))
        if n_validation < 2 or n_samples - n_validation < 1:
            raise ValueError(
                f"early_stopping needs at least 2 validation samples and 1 "
                f"training sample, but validation_fraction={self.validation_fraction} "
                f"of {n_samples} samples gives {n_validation} validation samples. "
                "Raise validation_fraction, pass more samples, or set "
                "early_stopping=False."
            )
        # NOTE: the two splits are copies of X; training on index views would
        # avoid the copy but needs the batch loop to index twice.
        order = rng.permutation(n_samples)
        validation, train = np.sort(order[:n_validation]), np.sort(order[n_validation:])
        weight_train = weight_validation = None
        if sample_weight is not None:
            weight_train = sample_weight[train]
            weight_validation = sample_weight[validation]
            if weight_train.sum() <= 0 or weight_validation.sum() <= 0:
                raise ValueError(
                    "The sample weights of the training or the validation split "
                    "of early stopping sum to zero. Give more samples a positive "
                    "weight, or set early_stopping=False."
                )
        early_stopping = _EarlyStopping(
            X[validation], Y[validation], weight_validation, _weighted_r2
        )
        return X[train], Y[train], weight_train, early_stopping

    def _objective(self, x_offset):
        l1_ratio = {"l2": 0.0, "l1": 1.0, "elasticnet": self.l1_ratio, None: 0.0}
        alpha = 0.0 if self.penalty is None else self.alpha
        return _LinearObjective(
            self.loss,
            self.epsilon,
            alpha,
            l1_ratio[self.penalty],
            self.fit_intercept,
            x_offset,
        )

    def _validate_sample_weight(self, sample_weight, X):
        if sample_weight is None:
            return None
        sample_weight = _check_sample_weight(
            sample_weight, X, dtype=X.dtype, ensure_non_negative=True
        )
        if not np.all(np.isfinite(sample_weight)):
            raise ValueError(
                "sample_weight contains NaN or infinity; pass finite, "
                "non-negative weights."
            )
        if sample_weight.sum() <= 0:
            raise ValueError(
                "All sample_weight values are zero; at least one sample needs "
                "a positive weight."
            )
        return sample_weight

    def _can_continue(self, X, Y, y_ndim, optimizer, partial):
        """Tell whether the stored state fits this call; warn if not."""
        n_outputs = 1 if self.coef_.ndim == 1 else self.coef_.shape[0]
        if partial:
            if Y.shape[1] != n_outputs or y_ndim != self.coef_.ndim:
                raise ValueError(
                    f"y has {Y.shape[1]} output(s) with ndim={y_ndim}, but this "
                    f"GDRegressor was fitted on y with {n_outputs} output(s) and "
                    f"ndim={self.coef_.ndim}. Pass y of the same shape, or call "
                    "fit to start afresh."
                )
            if self._optimizer_state_has_intercept != self.fit_intercept:
                raise ValueError(
                    f"fit_intercept={self.fit_intercept} differs from the "
                    "value this GDRegressor was fitted with. Restore it, or "
                    "call fit to start afresh."
                )
            if type(optimizer) is not type(self.optimizer_):
                raise ValueError(
                    "partial_fit cannot switch the optimizer from "
                    f"{type(self.optimizer_).__name__} to "
                    f"{type(optimizer).__name__} in the middle of training. "
                    "Call fit to start afresh with the new optimizer."
                )
            return True

        reasons = []
        if type(optimizer) is not type(self.optimizer_) or not _same_params(
            optimizer, self.optimizer_
        ):
            reasons.append("the optimizer or its hyperparameters changed")
        if X.shape[1] != self.coef_.shape[-1]:
            reasons.append("the number of features changed")
        if Y.shape[1] != n_outputs or y_ndim != self.coef_.ndim:
            reasons.append("the number of targets changed")
        fitted_with_intercept = self._optimizer_state_has_intercept
        if fitted_with_intercept != self.fit_intercept:
            reasons.append("fit_intercept changed")
        if reasons:
            warnings.warn(
                "warm_start=True cannot continue the previous fit because "
                + " and ".join(reasons)
                + "; fitting starts from the initial point.",
                UserWarning,
            )
            return False
        return True

    def _initial_params(self, X, Y, sample_weight, coef_init, intercept_init, x_offset):
        """Return the starting parameters in the layout of ``_LinearObjective``.

        The intercept starts at the weighted mean of ``y`` minus the mean
        prediction of ``coef_init``, so that the mean prediction equals the
        mean target, unless ``intercept_init`` is given.
        """
        n_features, n_targets = X.shape[1], Y.shape[1]
        params = np.zeros((n_features + self.fit_intercept, n_targets), dtype=X.dtype)
        if coef_init is not None:
            coef_init = np.asarray(coef_init, dtype=X.dtype)
            expected = (n_features,) if n_targets == 1 else (n_targets, n_features)
            if coef_init.shape not in (expected, (n_targets, n_features)):
                raise ValueError(
                    f"coef_init has shape {coef_init.shape}, but X and y need "
                    f"shape {expected}."
                )
            params[:n_features] = coef_init.reshape(n_targets, n_features).T
        if self.fit_intercept:
            if intercept_init is not None:
                intercept_init = np.asarray(intercept_init, dtype=X.dtype)
                if intercept_init.size != n_targets:
                    raise ValueError(
                        f"intercept_init has {intercept_init.size} value(s), but "
                        f"y has {n_targets} target(s)."
                    )
                # The last row is the intercept of the centered features.
                params[-1] = intercept_init.ravel() + x_offset @ params[:-1]
            else:
                params[-1] = np.average(Y, axis=0, weights=sample_weight)
        elif intercept_init is not None:
            raise ValueError(
                "intercept_init was given but fit_intercept=False; drop "
                "intercept_init or set fit_intercept=True."
            )
        if not np.all(np.isfinite(params)):
            raise ValueError(
                "The initial coefficients or intercept are not finite. Check "
                "that coef_init and intercept_init are finite, and that y and "
                "sample_weight fit in the dtype of X (float32 overflows above "
                "about 3.4e38)."
            )
        return params

    def _stored_training_state(self, dtype, optimizer):
        """Return the parameters, optimizer state and feature offset that a
        continued fit starts from."""
        x_offset = self._x_offset
        if x_offset is not None:
            x_offset = x_offset.astype(dtype, copy=False)
        if self.average and self._averager is not None:
            # coef_ contains the averaged parameters; training continues from
            # the last iterate.
            params = self._standard_params.astype(dtype, copy=True)
        else:
            params = self._params_from_attributes(dtype, x_offset)

        state = _cast_state(copy.deepcopy(self._optimizer_state), dtype)
        if optimizer.init(params).keys() != state.keys():
            raise ValueError(
                f"The new hyperparameters of {type(optimizer).__name__} "
                "need other buffers than the stored optimizer state (for "
                "example after toggling amsgrad, centered or momentum). "
                "Call fit to start afresh."
            )
        return params, state, x_offset

    def _params_from_attributes(self, dtype, x_offset):
        coef = np.atleast_2d(self.coef_)
        n_targets, n_features = coef.shape
        params = np.zeros((n_features + self.fit_intercept, n_targets), dtype=dtype)
        params[:n_features] = coef.T
        if self.fit_intercept:
            params[-1] = self.intercept_ + x_offset @ params[:-1]
        return params

    def _store_params(self, params, y_ndim, x_offset):
        n_features = params.shape[0] - self.fit_intercept
        coef = np.ascontiguousarray(params[:n_features].T)
        if self.fit_intercept:
            intercept = params[-1] - x_offset @ params[:-1]
        else:
            intercept = np.zeros(params.shape[1], dtype=params.dtype)
        if y_ndim == 1:
            self.coef_ = coef[0]
            self.intercept_ = intercept[0]
        else:
            self.coef_ = coef
            self.intercept_ = intercept
        self._optimizer_state_has_intercept = self.fit_intercept
        self._x_offset = x_offset


def _same_params(first, second):
    """Return True if two optimizers have the same class and hyperparameters.

    Optimizers hold hyperparameters only, so equal hashes mean equal
    settings; this also covers objects without ``get_params``.
    """
    return type(first) is type(second) and joblib.hash(first) == joblib.hash(second)


def _weighted_r2(Y, prediction, sample_weight):
    return r2_score(Y, prediction, sample_weight=sample_weight)


def _weighted_column_mean(X, sample_weight):
    """Return the (weighted) mean of each column of dense or sparse ``X``."""
    if sample_weight is None:
        # scipy's sparse mean scales a copy of the data; a sum does not.
        mean = X.sum(axis=0) / X.shape[0] if sp.issparse(X) else X.mean(axis=0)
    else:
        mean = (X.T @ sample_weight) / sample_weight.sum()
    return np.asarray(mean, dtype=X.dtype).ravel()


def _cast_state(state, dtype):
    """Cast the array buffers of an optimizer state to ``dtype``."""
    return {
        key: value.astype(dtype, copy=False) if isinstance(value, np.ndarray) else value
        for key, value in state.items()
    }
