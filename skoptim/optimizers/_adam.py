# SPDX-License-Identifier: BSD-3-Clause
"""Adam and its variants AMSGrad and AdamW."""

import math
from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from ._base import Optimizer, _lerp_inplace

__all__ = ["Adam", "AMSGrad", "AdamW"]


class Adam(Optimizer):
    r"""Adam (Kingma and Ba, 2015).

    .. math::

        m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad
        s_t = \beta_2 s_{t-1} + (1 - \beta_2)\, g_t^2, \\
        \hat m_t &= \frac{m_t}{1 - \beta_1^t}, \qquad
        \hat s_t = \frac{s_t}{1 - \beta_2^t}, \qquad
        \theta_t = \theta_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat s_t} +
        \epsilon}

    with :math:`m_0 = s_0 = 0`, as ``torch.optim.Adam``. The bias
    corrections count :math:`t` in updates (mini-batches), not epochs.
    With ``amsgrad=True`` the denominator uses the running maximum of
    :math:`s_t` (torch's form: the maximum is taken over the uncorrected
    :math:`s_t`, then divided by :math:`1 - \beta_2^t`).

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
        Step size :math:`\eta`, or a schedule called with the update index.
        Values must be in the range `(0.0, inf)`. Adam moves each
        coefficient by about :math:`\eta` per update, so the published
        0.001 needs about 7,000 updates to reach the Boston LSTAT
        coefficient (about -6.8 on standardized LSTAT); 0.01 needs a tenth
        of that.

    beta_1 : float, default=0.9
        Decay of the first moment, as published. Values must be in the
        range `[0.0, 1.0)`.

    beta_2 : float, default=0.999
        Decay of the second moment, as published. Values must be in the
        range `[0.0, 1.0)`.

    epsilon : float, default=1e-8
        Added to :math:`\sqrt{\hat s_t}`, as published and as torch adds it.
        The paper's "efficient version" (section 2) adds :math:`\hat\epsilon
        = \epsilon \sqrt{1 - \beta_2^t}` to :math:`\sqrt{s_t}` instead, which
        differs in the first updates. Values must be in the range
        `[0.0, inf)`.

    amsgrad : bool, default=False
        Use the running maximum of the second moment (see :class:`AMSGrad`).

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient (coupled, unlike
        :class:`AdamW`). Values must be in the range `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    See Also
    --------
    AdamW : Adam with decoupled weight decay.
    Nadam : Adam with Nesterov momentum.

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: a method for stochastic
       optimization", ICLR 2015. https://arxiv.org/abs/1412.6980

    Examples
    --------
    The first step has length ``learning_rate`` in every coordinate:

    >>> import numpy as np
    >>> from skoptim.optimizers import Adam
    >>> optimizer = Adam(learning_rate=0.01)
    >>> params = np.array([1.0, -2.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(2 * params, state, params)
    >>> np.round(step, 6)
    array([-0.01,  0.01])
    """

    _parameter_constraints: dict = {
        **Optimizer._parameter_constraints,
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="left")],
        "amsgrad": ["boolean"],
    }

    def __init__(
        self,
        learning_rate=0.01,
        *,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        amsgrad=False,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _uses_max_second_moment(self):
        return self.amsgrad

    def _init_buffers(self, params):
        buffers = {"exp_avg": np.zeros_like(params), "exp_avg_sq": np.zeros_like(params)}
        if self._uses_max_second_moment():
            buffers["max_exp_avg_sq"] = np.zeros_like(params)
        return buffers

    def _compute_step(self, grad, state, params, learning_rate, t):
        exp_avg = _lerp_inplace(state["exp_avg"], grad, 1 - self.beta_1)
        exp_avg_sq = state["exp_avg_sq"]
        exp_avg_sq *= self.beta_2
        exp_avg_sq += (1 - self.beta_2) * (grad * grad)

        bias_correction1 = 1 - self.beta_1**t
        bias_correction2_sqrt = math.sqrt(1 - self.beta_2**t)
        if self._uses_max_second_moment():
            second_moment = state["max_exp_avg_sq"]
            np.maximum(second_moment, exp_avg_sq, out=second_moment)
        else:
            second_moment = exp_avg_sq
        denominator = np.sqrt(second_moment) / bias_correction2_sqrt + self.epsilon
        return -(learning_rate / bias_correction1) * (exp_avg / denominator)


class AMSGrad(Adam):
    r"""AMSGrad (Reddi, Kale and Kumar, 2018): Adam with a non-decreasing
    second moment.

    Equal to ``Adam(amsgrad=True)``: the update of :class:`Adam` with
    :math:`s_t` replaced by :math:`\max_{k \le t} s_k` (maximum over the
    uncorrected moments, then the bias correction, as ``torch.optim.Adam``
    does). The paper's algorithm has no bias correction.

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
        Step size, chosen as for :class:`Adam`. Values must be in the range
        `(0.0, inf)`.

    beta_1 : float, default=0.9
        Decay of the first moment. Values must be in the range `[0.0, 1.0)`.

    beta_2 : float, default=0.999
        Decay of the second moment. Values must be in the range
        `[0.0, 1.0)`.

    epsilon : float, default=1e-8
        Added to the square root of the corrected maximum. Values must be in
        the range `[0.0, inf)`.

    weight_decay : float, default=0.0
        L2 weight decay added to the gradient. Values must be in the range
        `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    References
    ----------
    .. [1] S. J. Reddi, S. Kale and S. Kumar, "On the convergence of Adam
       and beyond", ICLR 2018. https://openreview.net/forum?id=ryQu7f-RZ

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim.optimizers import AMSGrad
    >>> optimizer = AMSGrad(learning_rate=0.01)
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(np.array([2.0]), state, params)
    >>> np.round(step, 6)
    array([-0.01])
    """

    def __init__(
        self,
        learning_rate=0.01,
        *,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        weight_decay=0.0,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    def _uses_max_second_moment(self):
        return True


class AdamW(Adam):
    r"""AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay.

    Before the :class:`Adam` step the parameters shrink by the learning rate
    times the decay, :math:`\theta \leftarrow \theta (1 - \eta \lambda)`, as
    in ``torch.optim.AdamW``. The paper multiplies the decay by a schedule
    multiplier instead of the learning rate. This class follows torch and
    scales it by the learning rate. Inside
    :class:`~skoptim.GDRegressor` the decay acts on the coefficients only,
    never on the intercept.

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
        Step size, chosen as for :class:`Adam`. Values must be in the range
        `(0.0, inf)`.

    beta_1 : float, default=0.9
        Decay of the first moment. Values must be in the range `[0.0, 1.0)`.

    beta_2 : float, default=0.999
        Decay of the second moment. Values must be in the range
        `[0.0, 1.0)`.

    epsilon : float, default=1e-8
        Added to :math:`\sqrt{\hat s_t}`. Values must be in the range
        `[0.0, inf)`.

    amsgrad : bool, default=False
        Use the running maximum of the second moment.

    weight_decay : float, default=0.01
        Decoupled decay rate :math:`\lambda`, torch's default. Values must
        be in the range `[0.0, inf)`.

    clip_value : float or None, default=None
        Clip each gradient entry to ``[-clip_value, clip_value]``.

    clip_norm : float or None, default=None
        Rescale the gradient to Euclidean norm at most ``clip_norm``.

    References
    ----------
    .. [1] I. Loshchilov and F. Hutter, "Decoupled weight decay
       regularization", ICLR 2019. https://arxiv.org/abs/1711.05101

    Examples
    --------
    >>> import numpy as np
    >>> from skoptim.optimizers import AdamW
    >>> optimizer = AdamW(learning_rate=0.01, weight_decay=0.1)
    >>> params = np.array([1.0])
    >>> state = optimizer.init(params)
    >>> step, state = optimizer.update(np.array([2.0]), state, params)
    >>> np.round(step, 6)  # -0.01 * 0.1 * 1.0 - 0.01
    array([-0.011])
    """

    _decoupled_weight_decay = True

    def __init__(
        self,
        learning_rate=0.01,
        *,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        amsgrad=False,
        weight_decay=0.01,
        clip_value=None,
        clip_norm=None,
    ):
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        self.weight_decay = weight_decay
        self.clip_value = clip_value
        self.clip_norm = clip_norm
