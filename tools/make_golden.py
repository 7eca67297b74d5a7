"""Generate golden optimizer trajectories and learning-rate schedules with torch.optim.

The test suite compares skoptim's numpy optimizers and schedules against the two
files written here, so the tests never need torch installed. Each optimizer case
stores a start vector, 50 fixed gradients and the parameters after each of the
50 updates. Each schedule case stores the learning rate used at each update.

Run from the repository root, in a separate venv so torch stays out of the
project's environment:

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 numpy
    /tmp/torchenv/bin/python tools/make_golden.py

Outputs: tests/golden/optimizers.json and tests/golden/schedules.json.
The stored files were made with torch 2.13.0 (the 2.13.0+cpu wheel), numpy 2.4.6
and CPython 3.11.7.

All tensors are float64 on the CPU, and every optimizer runs its single-tensor
loop (foreach=False, and fused, capturable and differentiable set to False where
the class takes them). The script asserts that no parameter comes within 0.1 of
zero, so the tests can compare trajectories with rtol=1e-12 and no absolute
tolerance.
"""

import inspect
import json
import math
from pathlib import Path

import numpy as np
import torch

TORCH_VERSION = "2.13.0"
GENERATOR = "tools/make_golden.py"
REPO_ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = REPO_ROOT / "tests" / "golden"

N_STEPS = 50
N_PARAMS = 5
MIN_DISTANCE_FROM_ZERO = 0.1
LARGE_GRAD_SCALE = 100.0
SCHEDULE_BASE_LR = 0.1

# Constructor defaults of skoptim's optimizers. They fill in the torch keyword
# arguments, because several torch defaults differ from ours (for example
# RMSprop's alpha=0.99 against our rho=0.9).
OUR_DEFAULTS = {
    "SGD": {"weight_decay": 0.0},
    "Momentum": {"momentum": 0.9, "weight_decay": 0.0},
    "Nesterov": {"momentum": 0.9, "weight_decay": 0.0},
    "AdaGrad": {
        "epsilon": 1e-10,
        "initial_accumulator_value": 0.0,
        "lr_decay": 0.0,
        "weight_decay": 0.0,
    },
    "RMSProp": {
        "rho": 0.9,
        "epsilon": 1e-8,
        "momentum": 0.0,
        "centered": False,
        "weight_decay": 0.0,
    },
    "Adam": {
        "beta_1": 0.9,
        "beta_2": 0.999,
        "epsilon": 1e-8,
        "amsgrad": False,
        "weight_decay": 0.0,
    },
    # NOTE: AMSGrad is assumed to share Adam's defaults.
    "AMSGrad": {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8, "weight_decay": 0.0},
    "AdamW": {
        "beta_1": 0.9,
        "beta_2": 0.999,
        "epsilon": 1e-8,
        "weight_decay": 0.01,
        "amsgrad": False,
    },
    "Adadelta": {
        "learning_rate": 1.0,
        "rho": 0.9,
        "epsilon": 1e-6,
        "weight_decay": 0.0,
    },
    "AdaMax": {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8, "weight_decay": 0.0},
    "Nadam": {
        "beta_1": 0.9,
        "beta_2": 0.999,
        "epsilon": 1e-8,
        "momentum_decay": 0.004,
        "weight_decay": 0.0,
    },
}


def _adam_family_kwargs(hyperparams):
    return {
        "lr": hyperparams["learning_rate"],
        "betas": [hyperparams["beta_1"], hyperparams["beta_2"]],
        "eps": hyperparams["epsilon"],
        "weight_decay": hyperparams["weight_decay"],
    }


def to_torch(optimizer, params):
    """Map our class name and constructor kwargs to a torch class name and kwargs.

    Unset hyperparameters take our defaults, and every torch hyperparameter is
    written out so that no torch default is relied on.
    """
    hyperparams = {**OUR_DEFAULTS[optimizer], **params}
    hyperparams.pop("clip_value", None)
    hyperparams.pop("clip_norm", None)

    if optimizer == "SGD":
        return "SGD", {
            "lr": hyperparams["learning_rate"],
            "momentum": 0.0,
            "weight_decay": hyperparams["weight_decay"],
        }
    if optimizer in ("Momentum", "Nesterov"):
        return "SGD", {
            "lr": hyperparams["learning_rate"],
            "momentum": hyperparams["momentum"],
            "dampening": 0.0,
            "nesterov": optimizer == "Nesterov",
            "weight_decay": hyperparams["weight_decay"],
        }
    if optimizer == "AdaGrad":
        return "Adagrad", {
            "lr": hyperparams["learning_rate"],
            "eps": hyperparams["epsilon"],
            "initial_accumulator_value": hyperparams["initial_accumulator_value"],
            "lr_decay": hyperparams["lr_decay"],
            "weight_decay": hyperparams["weight_decay"],
        }
    if optimizer == "RMSProp":
        return "RMSprop", {
            "lr": hyperparams["learning_rate"],
            "alpha": hyperparams["rho"],
            "eps": hyperparams["epsilon"],
            "momentum": hyperparams["momentum"],
            "centered": hyperparams["centered"],
            "weight_decay": hyperparams["weight_decay"],
        }
    if optimizer == "Adam":
        return "Adam", {
            **_adam_family_kwargs(hyperparams),
            "amsgrad": hyperparams["amsgrad"],
        }
    if optimizer == "AMSGrad":
        return "Adam", {**_adam_family_kwargs(hyperparams), "amsgrad": True}
    if optimizer == "AdamW":
        return "AdamW", {
            **_adam_family_kwargs(hyperparams),
            "amsgrad": hyperparams["amsgrad"],
        }
    if optimizer == "Adadelta":
        return "Adadelta", {
            "lr": hyperparams["learning_rate"],
            "rho": hyperparams["rho"],
            "eps": hyperparams["epsilon"],
            "weight_decay": hyperparams["weight_decay"],
        }
    if optimizer == "AdaMax":
        return "Adamax", _adam_family_kwargs(hyperparams)
    if optimizer == "Nadam":
        return "NAdam", {
            **_adam_family_kwargs(hyperparams),
            "momentum_decay": hyperparams["momentum_decay"],
            "decoupled_weight_decay": False,
        }
    raise ValueError(
        f"unsupported optimizer {optimizer!r}: expected one of {sorted(OUR_DEFAULTS)}"
    )


# Each row: name, our class, our explicit constructor kwargs, RNG seed,
# gradient scale. Learning rates were chosen so that every trajectory stays at
# least MIN_DISTANCE_FROM_ZERO away from zero; make_optimizer_case asserts it.
OPTIMIZER_CASES = [
    ("sgd_default", "SGD", {"learning_rate": 0.01}, 101, 1.0),
    ("sgd_weight_decay", "SGD", {"learning_rate": 0.01, "weight_decay": 0.1}, 102, 1.0),
    ("sgd_large_grad", "SGD", {"learning_rate": 1e-4}, 103, LARGE_GRAD_SCALE),
    ("momentum_default", "Momentum", {"learning_rate": 0.01}, 201, 1.0),
    ("momentum_half", "Momentum", {"learning_rate": 0.01, "momentum": 0.5}, 202, 1.0),
    (
        "momentum_weight_decay",
        "Momentum",
        {"learning_rate": 0.005, "momentum": 0.9, "weight_decay": 0.05},
        203,
        1.0,
    ),
    (
        "momentum_clip_norm",
        "Momentum",
        {"learning_rate": 0.01, "clip_norm": 1.0},
        204,
        1.0,
    ),
    ("momentum_large_grad", "Momentum", {"learning_rate": 1e-4}, 205, LARGE_GRAD_SCALE),
    ("nesterov_default", "Nesterov", {"learning_rate": 0.01}, 301, 1.0),
    (
        "nesterov_half_wd",
        "Nesterov",
        {"learning_rate": 0.02, "momentum": 0.5, "weight_decay": 0.05},
        302,
        1.0,
    ),
    ("nesterov_large_grad", "Nesterov", {"learning_rate": 1e-4}, 303, LARGE_GRAD_SCALE),
    ("adagrad_default", "AdaGrad", {"learning_rate": 0.01}, 401, 1.0),
    ("adagrad_eps", "AdaGrad", {"learning_rate": 0.05, "epsilon": 1e-3}, 402, 1.0),
    (
        "adagrad_lr_decay_initial_acc",
        "AdaGrad",
        {"learning_rate": 0.05, "lr_decay": 0.01, "initial_accumulator_value": 0.1},
        403,
        1.0,
    ),
    (
        "adagrad_weight_decay",
        "AdaGrad",
        {"learning_rate": 0.05, "weight_decay": 0.1},
        404,
        1.0,
    ),
    ("adagrad_large_grad", "AdaGrad", {"learning_rate": 0.05}, 405, LARGE_GRAD_SCALE),
    ("rmsprop_default", "RMSProp", {"learning_rate": 0.001}, 501, 1.0),
    (
        "rmsprop_rho_eps_wd",
        "RMSProp",
        {"learning_rate": 0.005, "rho": 0.95, "epsilon": 1e-3, "weight_decay": 0.05},
        502,
        1.0,
    ),
    (
        "rmsprop_centered_momentum",
        "RMSProp",
        {"learning_rate": 0.005, "centered": True, "momentum": 0.5},
        503,
        1.0,
    ),
    ("rmsprop_large_grad", "RMSProp", {"learning_rate": 0.005}, 504, LARGE_GRAD_SCALE),
    ("adam_default", "Adam", {"learning_rate": 0.001}, 601, 1.0),
    (
        "adam_betas_eps",
        "Adam",
        {"learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-3},
        602,
        1.0,
    ),
    (
        "adam_weight_decay",
        "Adam",
        {"learning_rate": 0.01, "weight_decay": 0.1},
        603,
        1.0,
    ),
    (
        "adam_amsgrad_wd",
        "Adam",
        {
            "learning_rate": 0.01,
            "beta_1": 0.9,
            "beta_2": 0.999,
            "epsilon": 1e-8,
            "amsgrad": True,
            "weight_decay": 0.1,
        },
        604,
        1.0,
    ),
    ("adam_clip_value", "Adam", {"learning_rate": 0.01, "clip_value": 0.5}, 605, 1.0),
    ("adam_large_grad", "Adam", {"learning_rate": 0.01}, 606, LARGE_GRAD_SCALE),
    ("amsgrad_default", "AMSGrad", {"learning_rate": 0.001}, 701, 1.0),
    (
        "amsgrad_betas_eps_wd",
        "AMSGrad",
        {
            "learning_rate": 0.01,
            "beta_1": 0.8,
            "beta_2": 0.99,
            "epsilon": 1e-3,
            "weight_decay": 0.05,
        },
        702,
        1.0,
    ),
    ("amsgrad_large_grad", "AMSGrad", {"learning_rate": 0.01}, 703, LARGE_GRAD_SCALE),
    ("adamw_default", "AdamW", {"learning_rate": 0.001}, 801, 1.0),
    (
        "adamw_betas_eps_wd",
        "AdamW",
        {
            "learning_rate": 0.01,
            "beta_1": 0.8,
            "beta_2": 0.99,
            "epsilon": 1e-3,
            "weight_decay": 0.1,
        },
        802,
        1.0,
    ),
    ("adamw_amsgrad", "AdamW", {"learning_rate": 0.01, "amsgrad": True}, 803, 1.0),
    ("adamw_large_grad", "AdamW", {"learning_rate": 0.01}, 804, LARGE_GRAD_SCALE),
    ("adadelta_default", "Adadelta", {"learning_rate": 1.0}, 901, 1.0),
    (
        "adadelta_rho_eps_wd",
        "Adadelta",
        {"learning_rate": 0.2, "rho": 0.95, "epsilon": 1e-3, "weight_decay": 0.05},
        902,
        1.0,
    ),
    ("adadelta_large_grad", "Adadelta", {"learning_rate": 1.0}, 903, LARGE_GRAD_SCALE),
    ("adamax_default", "AdaMax", {"learning_rate": 0.002}, 1001, 1.0),
    (
        "adamax_betas_eps_wd",
        "AdaMax",
        {
            "learning_rate": 0.01,
            "beta_1": 0.8,
            "beta_2": 0.99,
            "epsilon": 1e-3,
            "weight_decay": 0.05,
        },
        1002,
        1.0,
    ),
    ("adamax_large_grad", "AdaMax", {"learning_rate": 0.01}, 1003, LARGE_GRAD_SCALE),
    ("nadam_default", "Nadam", {"learning_rate": 0.002}, 1101, 1.0),
    (
        "nadam_nondefault",
        "Nadam",
        {
            "learning_rate": 0.01,
            "beta_1": 0.8,
            "beta_2": 0.99,
            "epsilon": 1e-3,
            "momentum_decay": 0.01,
            "weight_decay": 0.05,
        },
        1102,
        1.0,
    ),
    ("nadam_large_grad", "Nadam", {"learning_rate": 0.01}, 1103, LARGE_GRAD_SCALE),
]


def draw_inputs(seed, grad_scale):
    """Draw x0 (magnitudes in [1, 3], random signs) and N_STEPS scaled gradients."""
    rng = np.random.default_rng(seed)
    x0 = rng.uniform(1.0, 3.0, N_PARAMS) * rng.choice([-1.0, 1.0], N_PARAMS)
    grads = grad_scale * rng.standard_normal((N_STEPS, N_PARAMS))
    return x0, grads


def build_torch_optimizer(torch_class, torch_kwargs, param):
    """Construct the torch optimizer on the single-tensor path."""
    cls = getattr(torch.optim, torch_class)
    kwargs = dict(torch_kwargs)
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])

    accepted = inspect.signature(cls.__init__).parameters
    for flag in ("foreach", "fused", "capturable", "differentiable"):
        if flag in accepted:
            kwargs[flag] = False
    return cls([param], **kwargs)


def run_torch_trajectory(torch_class, torch_kwargs, clip, x0, grads):
    """Apply one update per gradient row and return the parameters after each update."""
    param = torch.nn.Parameter(torch.tensor(x0))
    opt = build_torch_optimizer(torch_class, torch_kwargs, param)

    trajectory = []
    for grad in grads:
        param.grad = torch.tensor(grad)
        if clip is not None and "value" in clip:
            torch.nn.utils.clip_grad_value_(param, clip["value"], foreach=False)
        if clip is not None and "norm" in clip:
            torch.nn.utils.clip_grad_norm_(param, clip["norm"], foreach=False)
        opt.step()
        trajectory.append(param.detach().numpy().copy())
    return np.array(trajectory)


def make_optimizer_case(name, optimizer, params, seed, grad_scale):
    """Run one optimizer case through torch, check it avoids zero, return its JSON."""
    x0, grads = draw_inputs(seed, grad_scale)
    torch_class, torch_kwargs = to_torch(optimizer, params)

    clip = None
    if "clip_value" in params:
        clip = {"value": params["clip_value"]}
    if "clip_norm" in params:
        clip = {"norm": params["clip_norm"]}

    trajectory = run_torch_trajectory(torch_class, torch_kwargs, clip, x0, grads)

    distance = np.abs(trajectory).min()
    assert distance >= MIN_DISTANCE_FROM_ZERO, (
        f"case {name}: a parameter came within {distance:.3g} of zero; "
        f"lower its learning rate or change its seed"
    )
    assert np.all(np.sign(trajectory) == np.sign(x0)), (
        f"case {name}: a parameter changed sign"
    )
    assert np.all(np.isfinite(trajectory)), f"case {name}: non-finite parameter"

    return {
        "name": name,
        "optimizer": optimizer,
        "params": params,
        "torch_class": torch_class,
        "torch_kwargs": torch_kwargs,
        "clip": clip,
        "x0": x0.tolist(),
        "grads": grads.tolist(),
        "trajectory": trajectory.tolist(),
    }


# Each case names our schedule class and kwargs, the torch scheduler standing in
# for it, the number of updates to store and the closed form of lr_k that our
# class implements. make_schedule_case checks torch against "closed_form" at
# rtol=1e-12, and only the "formula" text of it is written to the JSON.
SCHEDULE_CASES = [
    {
        "name": "exponential_decay",
        "schedule": "ExponentialDecay",
        "params": {"initial_learning_rate": SCHEDULE_BASE_LR, "decay_rate": 0.95},
        "torch_scheduler": "ExponentialLR",
        "torch_kwargs": {"gamma": 0.95},
        "n_updates": N_STEPS,
        "formula": "lr_k = initial_learning_rate * decay_rate ** k",
        "closed_form": lambda k: SCHEDULE_BASE_LR * 0.95**k,
    },
    {
        "name": "step_decay",
        "schedule": "StepDecay",
        "params": {
            "initial_learning_rate": SCHEDULE_BASE_LR,
            "step_size": 10,
            "gamma": 0.5,
        },
        "torch_scheduler": "StepLR",
        "torch_kwargs": {"step_size": 10, "gamma": 0.5},
        "n_updates": N_STEPS,
        "formula": "lr_k = initial_learning_rate * gamma ** (k // step_size)",
        "closed_form": lambda k: SCHEDULE_BASE_LR * 0.5 ** (k // 10),
    },
    {
        "name": "step_decay_default_gamma",
        "schedule": "StepDecay",
        "params": {"initial_learning_rate": SCHEDULE_BASE_LR, "step_size": 7},
        "torch_scheduler": "StepLR",
        "torch_kwargs": {"step_size": 7, "gamma": 0.1},
        "n_updates": N_STEPS,
        "formula": "lr_k = initial_learning_rate * gamma ** (k // step_size)",
        "closed_form": lambda k: SCHEDULE_BASE_LR * 0.1 ** (k // 7),
    },
    # Torch's CosineAnnealingLR rises again after T_max while ours stays at the
    # final value, so only k <= decay_steps is stored.
    {
        "name": "cosine_decay",
        "schedule": "CosineDecay",
        "params": {"initial_learning_rate": SCHEDULE_BASE_LR, "decay_steps": 30},
        "torch_scheduler": "CosineAnnealingLR",
        "torch_kwargs": {"T_max": 30, "eta_min": 0.0},
        "n_updates": 31,
        "formula": (
            "lr_k = final_learning_rate + (initial_learning_rate - final_learning_rate)"
            " * (1 + cos(pi * k / decay_steps)) / 2 for k <= decay_steps"
        ),
        "closed_form": lambda k: (
            SCHEDULE_BASE_LR * (1 + math.cos(math.pi * k / 30)) / 2
        ),
    },
    {
        "name": "cosine_decay_final",
        "schedule": "CosineDecay",
        "params": {
            "initial_learning_rate": SCHEDULE_BASE_LR,
            "decay_steps": 40,
            "final_learning_rate": 0.01,
        },
        "torch_scheduler": "CosineAnnealingLR",
        "torch_kwargs": {"T_max": 40, "eta_min": 0.01},
        "n_updates": 41,
        "formula": (
            "lr_k = final_learning_rate + (initial_learning_rate - final_learning_rate)"
            " * (1 + cos(pi * k / decay_steps)) / 2 for k <= decay_steps"
        ),
        "closed_form": lambda k: (
            0.01 + (SCHEDULE_BASE_LR - 0.01) * (1 + math.cos(math.pi * k / 40)) / 2
        ),
    },
    # LambdaLR only multiplies base_lr by the given factor, so it checks our
    # closed form rather than an independent torch implementation.
    {
        "name": "inverse_scaling",
        "schedule": "InverseScaling",
        "params": {"initial_learning_rate": SCHEDULE_BASE_LR},
        "torch_scheduler": "LambdaLR",
        "torch_kwargs": {"lr_lambda": "lambda k: 1 / (k + 1) ** 0.5"},
        "n_updates": N_STEPS,
        "formula": "lr_k = initial_learning_rate / (k + 1) ** power",
        "closed_form": lambda k: SCHEDULE_BASE_LR / (k + 1) ** 0.5,
    },
    {
        "name": "inverse_scaling_power",
        "schedule": "InverseScaling",
        "params": {"initial_learning_rate": SCHEDULE_BASE_LR, "power": 0.25},
        "torch_scheduler": "LambdaLR",
        "torch_kwargs": {"lr_lambda": "lambda k: 1 / (k + 1) ** 0.25"},
        "n_updates": N_STEPS,
        "formula": "lr_k = initial_learning_rate / (k + 1) ** power",
        "closed_form": lambda k: SCHEDULE_BASE_LR / (k + 1) ** 0.25,
    },
    {
        "name": "exponential_decay_warmup",
        "schedule": "ExponentialDecay",
        "params": {
            "initial_learning_rate": SCHEDULE_BASE_LR,
            "decay_rate": 0.9,
            "warmup_steps": 5,
        },
        # LinearLR with start_factor=1/(W+1) and total_iters=W has the factor
        # (k+1)/(W+1), and at the milestone W SequentialLR restarts ExponentialLR
        # at epoch 0, so the decay is re-indexed to start after the warm-up.
        "torch_scheduler": "SequentialLR",
        "torch_kwargs": {
            "schedulers": [
                {
                    "class": "LinearLR",
                    "start_factor": 1.0 / 6,
                    "end_factor": 1.0,
                    "total_iters": 5,
                },
                {"class": "ExponentialLR", "gamma": 0.9},
            ],
            "milestones": [5],
        },
        "n_updates": N_STEPS,
        "formula": (
            "lr_k = initial_learning_rate * (k + 1) / (warmup_steps + 1)"
            " for k < warmup_steps;"
            " lr_k = initial_learning_rate * decay_rate ** (k - warmup_steps)"
            " for k >= warmup_steps"
        ),
        "closed_form": lambda k: (
            SCHEDULE_BASE_LR * (k + 1) / 6
            if k < 5
            else SCHEDULE_BASE_LR * 0.9 ** (k - 5)
        ),
    },
]


def build_torch_scheduler(case, opt):
    """Construct the torch scheduler that a schedule case names."""
    schedulers = torch.optim.lr_scheduler
    kwargs = case["torch_kwargs"]
    name = case["torch_scheduler"]

    if name == "ExponentialLR":
        return schedulers.ExponentialLR(opt, **kwargs)
    if name == "StepLR":
        return schedulers.StepLR(opt, **kwargs)
    if name == "CosineAnnealingLR":
        return schedulers.CosineAnnealingLR(opt, **kwargs)
    if name == "LambdaLR":
        power = case["params"].get("power", 0.5)
        return schedulers.LambdaLR(opt, lambda k: 1 / (k + 1) ** power)
    if name == "SequentialLR":
        children = []
        for child in kwargs["schedulers"]:
            child_kwargs = {
                key: value for key, value in child.items() if key != "class"
            }
            children.append(getattr(schedulers, child["class"])(opt, **child_kwargs))
        return schedulers.SequentialLR(opt, children, milestones=kwargs["milestones"])
    raise ValueError(f"unsupported torch scheduler {name!r} in case {case['name']}")


def make_schedule_case(case):
    """Run one schedule case through torch, check its closed form, return its JSON.

    The lr stored for update k is param_groups[0]["lr"] when the (k+1)-th
    opt.step() runs, and scheduler.step() follows each opt.step().
    """
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=SCHEDULE_BASE_LR, foreach=False)
    scheduler = build_torch_scheduler(case, opt)

    lrs = []
    for _ in range(case["n_updates"]):
        lrs.append(opt.param_groups[0]["lr"])
        param.grad = torch.zeros(1)
        opt.step()
        scheduler.step()

    # ExponentialLR, StepLR, CosineAnnealingLR and LinearLR update lr from its
    # previous value (LambdaLR does not), so torch and the closed form agree
    # only up to rounding.
    expected = [case["closed_form"](k) for k in range(case["n_updates"])]
    np.testing.assert_allclose(lrs, expected, rtol=1e-12, atol=0, err_msg=case["name"])
    rel_error = max(abs(a - b) / abs(b) for a, b in zip(lrs, expected) if b != 0)
    print(
        f"{case['name']}: max relative difference torch vs closed form {rel_error:.2e}"
    )

    stored = {
        key: case[key] for key in ("name", "schedule", "params", "torch_scheduler")
    }
    stored["torch_kwargs"] = case["torch_kwargs"]
    stored["base_lr"] = SCHEDULE_BASE_LR
    stored["formula"] = case["formula"]
    stored["lrs"] = [float(lr) for lr in lrs]
    return stored


def write_golden_json(path, header, cases):
    """Write one case per block and one gradient or trajectory row per line.

    json.dumps writes each float with repr, so the values round-trip exactly.
    """
    case_texts = []
    for case in cases:
        fields = []
        for key, value in case.items():
            if key in ("grads", "trajectory"):
                rows = ",\n".join(f"        {json.dumps(row)}" for row in value)
                fields.append(f"      {json.dumps(key)}: [\n{rows}\n      ]")
            else:
                fields.append(f"      {json.dumps(key)}: {json.dumps(value)}")
        case_texts.append("    {\n" + ",\n".join(fields) + "\n    }")

    header_text = "".join(
        f"  {json.dumps(key)}: {json.dumps(value)},\n" for key, value in header.items()
    )
    text = (
        "{\n" + header_text + '  "cases": [\n' + ",\n".join(case_texts) + "\n  ]\n}\n"
    )

    assert json.loads(text) == {**header, "cases": cases}, (
        f"{path}: JSON round trip changed the data"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"wrote {len(cases)} cases to {path}")


def main():
    assert torch.__version__.split("+")[0] == TORCH_VERSION, (
        f"torch {torch.__version__} is installed but the golden files record "
        f"{TORCH_VERSION}; "
        f"install torch=={TORCH_VERSION} or update TORCH_VERSION and the docstring"
    )
    torch.set_default_dtype(torch.float64)

    names = [row[0] for row in OPTIMIZER_CASES] + [
        case["name"] for case in SCHEDULE_CASES
    ]
    assert len(names) == len(set(names)), "case names must be unique"

    optimizer_cases = [make_optimizer_case(*row) for row in OPTIMIZER_CASES]
    write_golden_json(
        GOLDEN_DIR / "optimizers.json",
        {"torch_version": TORCH_VERSION, "generator": GENERATOR},
        optimizer_cases,
    )

    schedule_cases = [make_schedule_case(case) for case in SCHEDULE_CASES]
    write_golden_json(
        GOLDEN_DIR / "schedules.json",
        {"torch_version": TORCH_VERSION, "generator": GENERATOR},
        schedule_cases,
    )


if __name__ == "__main__":
    main()
