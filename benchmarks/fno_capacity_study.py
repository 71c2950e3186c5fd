"""Case study two's capacity study: which extra compute lowers the FNO's error at ν = 1e-3?

Usage::

    python -m benchmarks.fno_capacity_study            # all variants, one after another
    python -m benchmarks.fno_capacity_study layers8    # only variants whose name contains "layers8"

Every variant trains our FNO (width 32, translation-equivariant, random shifts and
parity flips, AdamW with a one-cycle schedule, batches of 50, peak learning rate
5e-3) on the same 10 000 accurate pairs (the case study's 1000 paper pairs and
the first 9000 of its ``FULL`` extra pairs, solved on 512 points) and reports
training and test error (200 test pairs) and the error of the parity-symmetrised
model, with the wall time of training. Data come from the case study's cache
(generated on first use). One run takes 7 to 13 minutes on one core; run it with
``OMP_NUM_THREADS=1`` to compare with the numbers quoted in the case study.
"""

from __future__ import annotations

import argparse

import numpy as np
import torch

from sciml_course import neural_operators, spectral_burgers

VARIANTS = {  # name: (Fourier layers, modes, epochs)
    "layers4": (4, 32, 30),
    "layers4_modes64": (4, 64, 30),
    "layers4_epochs60": (4, 32, 60),
    "layers6": (6, 32, 30),
    "layers8": (8, 32, 30),
}


Pairs = tuple[torch.Tensor, torch.Tensor]


def study_data(n_train: int = 10_000) -> tuple[Pairs, Pairs]:
    """The training pairs (paper pairs first, then extra pairs) and the 200 test pairs."""
    paper = spectral_burgers.burgers_dataset(1200, 1e-3, n_grid=256, n_solver=512, seed=1)
    extra = spectral_burgers.burgers_dataset(20_000, 1e-3, n_grid=256, n_solver=512, seed=4)

    def tensor(array: np.ndarray) -> torch.Tensor:
        return torch.as_tensor(array, dtype=torch.float32)

    train = tuple(tensor(np.concatenate([paper[key][:1000], extra[key]])[:n_train]) for key in ("u0", "u1"))
    test = (tensor(paper["u0"][1000:]), tensor(paper["u1"][1000:]))
    return train, test


def run_variant(layers: int, modes: int, epochs: int, train: Pairs, test: Pairs) -> dict[str, float]:
    """Train one variant from seed 0; return its errors and training time."""
    torch.manual_seed(0)
    model = neural_operators.FNO1d(modes=modes, width=32, n_layers=layers, grid_channel=False)
    log = neural_operators.train_operator(model, *train, epochs=epochs, batch_size=50, lr=5e-3,
                                          weight_decay=1e-4, augment=neural_operators.roll_and_flip,
                                          desc=f"{layers} layers, {modes} modes")
    return dict(seconds=log.seconds, train=neural_operators.evaluate_operator(model, *train),
                test=neural_operators.evaluate_operator(model, *test),
                parity=neural_operators.evaluate_operator(neural_operators.ParitySymmetrized(model), *test))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="run variants whose name contains one of these")
    args = parser.parse_args()
    train, test = study_data()
    print("| variant | layers | modes | epochs | training s | train error | test error | parity-symmetrised |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (layers, modes, epochs) in VARIANTS.items():
        if args.only and not any(key in name for key in args.only):
            continue
        r = run_variant(layers, modes, epochs, train, test)
        print(f"| {name} | {layers} | {modes} | {epochs} | {r['seconds']:.0f} | {r['train']:.2e} | "
              f"{r['test']:.2e} | {r['parity']:.2e} |", flush=True)


if __name__ == "__main__":
    main()
