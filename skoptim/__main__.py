# SPDX-License-Identifier: BSD-3-Clause
"""Command-line entry point: ``python -m skoptim demo`` or ``skoptim demo``."""

import argparse
import sys

from skoptim._demo import run_demo

__all__ = ["main"]


def _build_parser():
    parser = argparse.ArgumentParser(
        prog="skoptim",
        description="Command-line tools of skoptim.",
    )
    subparsers = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND"
    )

    demo = subparsers.add_parser(
        "demo",
        help="compare every optimizer on the Boston housing data",
        description=(
            "Fit GDRegressor with every optimizer in skoptim.optimizers."
            "OPTIMIZERS to predict MEDV from standardized LSTAT on the Boston "
            "housing data (80/20 train/test split), print a table of epochs, "
            "train and test MSE, test R² and fit time next to the closed-form "
            "least-squares solution, and write loss_history.png and "
            "fitted_lines.png."
        ),
    )
    demo.add_argument(
        "--output-dir",
        default="demo-output",
        metavar="DIR",
        help=(
            "folder for the PNG plots, created if missing "
            "(default: %(default)s, relative to the current directory)"
        ),
    )
    demo.add_argument(
        "--random-state",
        type=int,
        default=0,
        metavar="SEED",
        help=(
            "integer seed of the train/test split and of the mini-batch "
            "shuffling (default: %(default)s)"
        ),
    )
    return parser


def main(argv=None):
    """Run the skoptim command line and return its exit status.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments without the program name. None means ``sys.argv[1:]``.

    Returns
    -------
    status : int
        0 on success. Invalid arguments exit through argparse with status 2.
    """
    args = _build_parser().parse_args(argv)

    if args.command == "demo":
        run_demo(args.output_dir, random_state=args.random_state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
