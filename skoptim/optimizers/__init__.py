# SPDX-License-Identifier: BSD-3-Clause
"""First-order optimizers with explicit state, usable inside
:class:`~skoptim.GDRegressor` and on their own."""

from types import MappingProxyType

from sklearn.base import clone

from ._adadelta import Adadelta
from ._adagrad import AdaGrad
from ._adam import AdamW, Adam, AMSGrad
from ._adamax import AdaMax
from ._base import Optimizer
from ._momentum import Momentum
from ._nadam import Nadam
from ._nesterov import Nesterov
from ._rmsprop import RMSProp
from ._sgd import SGD

#: Read-only mapping from the string names that ``GDRegressor(optimizer=...)``
#: accepts to the optimizer classes, in the order the documentation lists them.
OPTIMIZERS = MappingProxyType(
    {
        "sgd": SGD,
        "momentum": Momentum,
        "nesterov": Nesterov,
        "adagrad": AdaGrad,
        "rmsprop": RMSProp,
        "adam": Adam,
        "adadelta": Adadelta,
        "adamax": AdaMax,
        "nadam": Nadam,
        "amsgrad": AMSGrad,
        "adamw": AdamW,
    }
)



def _resolve_optimizer(optimizer):
    """Return a fresh, validated optimizer for a name, instance or object.

    A name gives the class with its defaults; an object is cloned, so the
    caller's object is never changed.
    """
    if isinstance(optimizer, str):
        optimizer = OPTIMIZERS[optimizer]()
    elif isinstance(optimizer, type):
        raise TypeError(
            f"optimizer={optimizer.__name__} is a class; pass an instance "
            f"such as optimizer={optimizer.__name__}() or a string name."
        )
    else:
        optimizer = clone(optimizer, safe=False)
    if hasattr(optimizer, "_validate_params"):
        optimizer._validate_params()
    return optimizer


__all__ = [
    "OPTIMIZERS",
    "SGD",
    "AdaGrad",
    "AdaMax",
    "Adadelta",
    "Adam",
    "AdamW",
    "AMSGrad",
    "Momentum",
    "Nadam",
    "Nesterov",
    "Optimizer",
    "RMSProp",
]
