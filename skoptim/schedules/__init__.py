# SPDX-License-Identifier: BSD-3-Clause
"""Learning-rate schedules, accepted wherever an optimizer takes a ``learning_rate``."""

from ._base import Schedule
from ._schedules import (
    Constant,
    CosineDecay,
    ExponentialDecay,
    InverseScaling,
    StepDecay,
)

__all__ = [
    "Constant",
    "CosineDecay",
    "ExponentialDecay",
    "InverseScaling",
    "Schedule",
    "StepDecay",
]
