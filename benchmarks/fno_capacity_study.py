"""Case study two's capacity study: what do more data and more depth buy the FNO at ν = 1e-3?

Usage::

    python -m benchmarks.fno_capacity_study                         # all variants, seeds 0-2
    python -m benchmarks.fno_capacity_study --seeds 1 --epochs 2 --out /tmp/x.json   # a smoke test

Every variant trains our FNO (width 32, 32 modes, translation-equivariant,
random shifts and parity flips, AdamW with a one-cycle schedule, batches of 50,
peak learning rate 5e-3: the recipe of the case study's main model) for the
same number of optimiser steps, from several seeds. Variants:

* ``1000 pairs, 4 layers``: the paper's 1000 accurate pairs only, for three
  times the epochs (equal steps and compute: what the extra data buy);
* ``3000 pairs, 4/8 layers``: those plus 2000 further accurate pairs (what
  depth buys).

All pairs are solved on 512 points and sampled on 256 (the case study's
accurate data). **Every choice uses a validation split**: 200 further pairs
from the extra batch, never trained on. The depth is chosen by the median
validation error of the parity-symmetrised models over the seeds; only the
chosen variant is then evaluated on the case study's 200 test pairs
(``paper[1000:]``), which report its final number. Times are the CPU seconds of
this single-threaded process (``time.process_time``), so that other jobs on
the machine do not inflate them.

The default budget (4 epochs of 3000 pairs, 240 steps) is far below the case
study's main model (20 epochs of 9000 pairs) and its ``FULL`` run (30 epochs of
61 000 pairs): a reduced but complete study that fits a heavily shared two-core
machine (about 3 CPU minutes for 3 seeds, plus about a minute to generate the
extra pairs once). ``--epochs 30`` is the budget of the earlier single-seed
study. Results go to
``sciml_course/studies/cs2_capacity_study.json`` (:mod:`sciml_course.studies`), which the case study renders. Run with
``OMP_NUM_THREADS=1``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np
import torch

from benchmarks import cs2_data
from sciml_course import neural_operators, seeding, studies

RESULTS = studies.path("cs2_capacity_study")  # package data: the case study reads it anywhere, Colab too
N_VALIDATION = 200
VARIANTS = {  # name: (training pairs, Fourier layers)
    "1000 pairs, 4 layers": (1000, 4),
    "3000 pairs, 4 layers": (3000, 4),
    "3000 pairs, 8 layers": (3000, 8),
}
RECIPE = dict(width=32, modes=32, batch_size=50, lr=5e-3, weight_decay=1e-4)

Pairs = tuple[torch.Tensor, torch.Tensor]


def study_data(n_train: int) -> tuple[Pairs, Pairs, Pairs]:
    """Training pairs (the paper pairs first), the validation pairs and the case study's test pairs."""
    n_paper, tensor = cs2_data.N_PAPER, cs2_data.tensor
    paper = cs2_data.pairs(n_paper + cs2_data.N_TEST, progress=True)
    n_extra = max(n_train - n_paper, 0)
    extra = cs2_data.pairs(n_extra + N_VALIDATION, seed=12, progress=True)
    train = tuple(tensor(np.concatenate([paper[key][:n_paper], extra[key][:n_extra]])) for key in ("u0", "u1"))
    validation = (tensor(extra["u0"][n_extra:]), tensor(extra["u1"][n_extra:]))
    test = (tensor(paper["u0"][n_paper:]), tensor(paper["u1"][n_paper:]))
    return train, validation, test


def run_variant(n_pairs: int, layers: int, epochs: int, seed: int, train: Pairs, validation: Pairs):
    """Train one variant from ``seed`` for ``epochs`` epochs; return the model, its errors and CPU time."""
    seeding.manual_seed(seed)
    model = neural_operators.FNO1d(modes=RECIPE["modes"], width=RECIPE["width"], n_layers=layers,
                                   grid_channel=False)
    pairs = (train[0][:n_pairs], train[1][:n_pairs])
    start = time.process_time()
    neural_operators.train_operator(model, *pairs, epochs=epochs, batch_size=RECIPE["batch_size"],
                                    lr=RECIPE["lr"], weight_decay=RECIPE["weight_decay"], seed=seed,
                                    augment=neural_operators.roll_and_flip,
                                    desc=f"{n_pairs} pairs, {layers} layers, seed {seed}")
    cpu_seconds = time.process_time() - start
    symmetric = neural_operators.ParitySymmetrized(model)
    return symmetric, dict(cpu_seconds=cpu_seconds, train=neural_operators.evaluate_operator(symmetric, *pairs),
                           validation=neural_operators.evaluate_operator(symmetric, *validation))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=4, help="epochs of the largest training set")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    torch.set_num_threads(1)
    n_train = max(pairs for pairs, _ in VARIANTS.values())
    train, validation, test = study_data(n_train)
    runs: dict[str, list[dict]] = {name: [] for name in VARIANTS}
    models: dict[str, list[torch.nn.Module]] = {name: [] for name in VARIANTS}
    for seed in range(args.seeds):
        for name, (n_pairs, layers) in VARIANTS.items():
            epochs = args.epochs * n_train // n_pairs  # equal optimiser steps for every variant
            model, result = run_variant(n_pairs, layers, epochs, seed, train, validation)
            runs[name].append(dict(result, seed=seed))
            models[name].append(model)
            print(f"{name}, seed {seed}: {result}", flush=True)
    median = {name: float(np.median([r["validation"] for r in rs])) for name, rs in runs.items()}
    depth_variants = [name for name, (pairs, _) in VARIANTS.items() if pairs == n_train]
    chosen = min(depth_variants, key=median.get)
    test_errors = [neural_operators.evaluate_operator(model, *test) for model in models[chosen]]
    summary = dict(
        description=__doc__.splitlines()[0],
        machine=f"{platform.processor() or platform.machine()}, torch {torch.__version__}, 1 thread",
        epochs=args.epochs, seeds=args.seeds, recipe=RECIPE, n_validation=N_VALIDATION, n_test=len(test[0]),
        variants={name: dict(pairs=pairs, layers=layers, epochs=args.epochs * n_train // pairs, runs=runs[name],
                             median_validation=median[name],
                             median_cpu_seconds=float(np.median([r["cpu_seconds"] for r in runs[name]])))
                  for name, (pairs, layers) in VARIANTS.items()},
        chosen=chosen, chosen_layers=VARIANTS[chosen][1], chosen_test=test_errors,
    )
    args.out.write_text(json.dumps(summary, indent=1) + "\n")
    print(f"chosen on validation: {chosen}; test errors {test_errors}; written to {args.out}")


if __name__ == "__main__":
    main()
