# SPDX-License-Identifier: BSD-3-Clause
"""Import-time behavior of skoptim: the optional extras stay unimported."""

import subprocess
import sys

# Modules of the dask extra. Importing them takes seconds and starts
# threads, so a plain `import skoptim` must never pull them in.
DASK_MODULES = ("dask", "distributed", "dask_ml")

CHECK_SCRIPT = f"""
import sys
import skoptim
import skoptim.datasets
import skoptim.optimizers
import skoptim.schedules
loaded = sorted(
    name for name in sys.modules
    if name.split(".")[0] in {DASK_MODULES!r}
)
print(",".join(loaded))
"""


def test_import_skoptim_does_not_import_dask():
    # A fresh interpreter, because this test process may already have
    # imported Dask for other tests.
    result = subprocess.run(
        [sys.executable, "-c", CHECK_SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == ""
