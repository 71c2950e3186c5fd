"""Case study two, Section 4: how much do the short viscosity-sweep runs move with the seed and the threads?

The notebook trains one recipe (our FNO with the symmetries, 1000 pairs, 12 epochs) at ν = 0.1, 0.01
and 10⁻³ and asserts that ν = 10⁻³ is clearly the hardest. This script repeats those three runs, with
the notebook's data and training function, for run seeds (``SCIML_SEED``) and torch thread counts, and
prints each run's held-out error after every epoch, so that the asserted ratios can rest on the
measured spread::

    python -m benchmarks.cs2_sweep_spread --seeds 0 1 2 3 --threads 1 2

Each (seed, thread count) runs in its own process (torch reads ``OMP_NUM_THREADS`` when it
starts); about 40 CPU s per process. The results are in ``benchmarks/cs2_speed.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from benchmarks import cs2_data
from sciml_course import neural_operators, seeding

VISCOSITIES = (0.1, 0.01, 0.001)
EPOCHS_SHORT = 12


def sweep_errors() -> dict[str, dict]:
    """Train the notebook's sweep recipe at each viscosity; final test error and test error per epoch."""
    found = {}
    for nu in VISCOSITIES:
        train, test = cs2_data.paper_split(nu)
        seeding.manual_seed(0)
        model = neural_operators.FNO1d(modes=16, width=32, n_layers=4, projection=128, grid_channel=False)
        log = neural_operators.train_operator(model, *train, epochs=EPOCHS_SHORT, batch_size=20, lr=3e-3,
                                              weight_decay=1e-4, augment=neural_operators.roll_and_flip,
                                              test=test, progress=False)
        found[f"{nu:g}"] = dict(test=neural_operators.evaluate_operator(model, *test),
                                by_epoch=[float(v) for v in log.validation])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--one", action="store_true", help="this process's seed and threads only")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(sweep_errors()))
        return
    for seed in args.seeds:
        for threads in args.threads:
            env = dict(os.environ, SCIML_SEED=str(seed), OMP_NUM_THREADS=str(threads))
            command = [sys.executable, "-m", "benchmarks.cs2_sweep_spread", "--one"]
            output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
            found = json.loads(output.splitlines()[-1])
            errors = {nu: run["test"] for nu, run in found.items()}
            print(f"seed {seed}, {threads} thread(s): "
                  + ", ".join(f"nu={nu}: {e:.2e}" for nu, e in errors.items())
                  + f" | ratio to 0.01: {errors['0.001'] / errors['0.01']:.2f},"
                  + f" to 0.1: {errors['0.001'] / errors['0.1']:.2f}"
                  + " | nu=0.1 by epoch: " + " ".join(f"{v:.1e}" for v in found["0.1"]["by_epoch"]),
                  flush=True)


if __name__ == "__main__":
    main()
