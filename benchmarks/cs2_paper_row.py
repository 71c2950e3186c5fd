"""Case study two's like-for-like row: Li et al.'s Burgers experiment with their data, model and recipe.

Usage::

    python -m benchmarks.cs2_paper_row                   # 10 epochs (the paper: 500)
    python -m benchmarks.cs2_paper_row --epochs 500      # the paper's budget (hours on one core)
    python -m benchmarks.cs2_paper_row --epochs 2 --n-train 100 --out /tmp/x.json   # a smoke test

What is matched with Li et al. (2021), Burgers at ν = 1e-3 (the viscosity of
their released data generator):

* the initial values of the authors' released generator, N(0, 49² (−Δ + 49 I)^(−2.5))
  (γ = 2.5, τ = 7, σ = 7² = 49; the paper's text says 625 (−Δ + 25 I)^(−2), which
  the case study itself uses), mean removed;
* the resolution s = 1024 of the paper's headline number; the solutions are
  solved on the same 1024 points (the authors solved on 8192 and subsampled;
  ``refinement`` in the results shows the 1024-point solve within about 1e-7 of
  a 2048-point one for this smooth field);
* 1000 training pairs and the architecture of the paper: 4 Fourier layers, 16
  modes, width 64, the x coordinate as a second input channel, projection
  through 128 channels; no augmentation;
* the optimiser settings: batches of 20, learning rate 1e-3 halved five times
  over the run (every 100 of 500 epochs in the paper), weight decay 1e-4, the
  relative L2 loss.

What differs: the number of epochs (default 10 of the paper's 500: about
1.5 CPU minutes on one core), AdamW in place of Adam with L2 weight decay, and 200
test pairs (the paper: 100). The test error is recorded every 5 epochs (never
used for a choice), with the error of the parity-symmetrised model at the end.
Results go to ``sciml_course/studies/cs2_paper_row.json`` (:mod:`sciml_course.studies`), which the case study renders.
Run with ``OMP_NUM_THREADS=1``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np
import torch

from sciml_course import neural_operators, random_fields, seeding, spectral_burgers, studies

RESULTS = studies.path("cs2_paper_row")  # package data: the case study reads it anywhere, Colab too
AUTHORS_FIELD = dict(sigma=49.0, tau=7.0, alpha=2.5)   # 49² (−Δ + 49 I)^(−2.5)
TEXT_FIELD = dict(sigma=25.0, tau=5.0, alpha=2.0)      # 625 (−Δ + 25 I)^(−2)
S = 1024
N_TEST = 200


def pointwise_std(field: dict, n_modes: int = 511) -> float:
    """Pointwise standard deviation of the zero-mean field, exactly: √(Σ_{k≥1} 2 λ_k)."""
    return float(np.sqrt(2 * random_fields.grf_eigenvalues(n_modes, **field)[1:].sum()))


def refinement(n_check: int = 8) -> float:
    """Mean relative difference at the data points between solves on S and 2 S points."""
    u0 = random_fields.sample_grf(n_check, 2 * S, n_modes=S // 2 - 1, zero_mean=True, seed=98, **AUTHORS_FIELD)
    fine = spectral_burgers.solve_burgers(u0, 1e-3)[:, ::2]
    coarse = spectral_burgers.solve_burgers(u0[:, ::2], 1e-3)
    return float(np.mean(np.linalg.norm(coarse - fine, axis=1) / np.linalg.norm(fine, axis=1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--n-train", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    torch.set_num_threads(1)
    data = spectral_burgers.burgers_dataset(args.n_train + N_TEST, 1e-3, n_grid=S, n_solver=S, seed=21,
                                            **AUTHORS_FIELD)
    u0, u1 = (torch.as_tensor(data[key], dtype=torch.float32) for key in ("u0", "u1"))
    train, test = (u0[: args.n_train], u1[: args.n_train]), (u0[args.n_train:], u1[args.n_train:])
    seeding.manual_seed(args.seed)
    model = neural_operators.FNO1d(modes=16, width=64, n_layers=4, grid_channel=True)
    start = time.process_time()
    log = neural_operators.train_operator(model, *train, epochs=args.epochs, batch_size=20, lr=1e-3,
                                          weight_decay=1e-4, schedule="step", test=test, test_every=5,
                                          seed=args.seed, desc="paper recipe")
    cpu_seconds = time.process_time() - start
    result = dict(
        description=__doc__.splitlines()[0],
        machine=f"{platform.processor() or platform.machine()}, torch {torch.__version__}, 1 thread",
        resolution=S, n_train=args.n_train, n_test=len(test[0]), epochs=args.epochs, paper_epochs=500,
        seed=args.seed, field=AUTHORS_FIELD, pointwise_std=pointwise_std(AUTHORS_FIELD),
        pointwise_std_text_field=pointwise_std(TEXT_FIELD), refinement_1024_vs_2048=refinement(),
        generation_seconds=data["seconds"], cpu_seconds=cpu_seconds,
        train=neural_operators.evaluate_operator(model, *train),
        test=neural_operators.evaluate_operator(model, *test),
        test_parity=neural_operators.evaluate_operator(neural_operators.ParitySymmetrized(model), *test),
        test_history=dict(epochs=[min(5 * (i + 1), args.epochs) for i in range(len(log.validation))], error=log.validation),
    )
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print({k: v for k, v in result.items() if k != "test_history"}, f"written to {args.out}")


if __name__ == "__main__":
    main()
