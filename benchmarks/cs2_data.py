"""Case study two's data settings, in one place for the benchmark scripts that rebuild its runs.

The notebook ``case_studies/CS2_fno_burgers.ipynb`` generates its pairs with
:func:`sciml_course.spectral_burgers.burgers_dataset`: ``N_PAPER + N_TEST`` pairs per viscosity
with seed ``DATA_SEED`` on ``N_GRID`` points, solved on :func:`solver_points` points; the first
``N_PAPER`` train, the last ``N_TEST`` test. ``cs2_full_budget``, ``cs2_sweep_spread`` and
``fno_capacity_study`` take these settings from here, and ``tests/test_tools.py`` checks that the
notebook still spells out the same ones (the notebook keeps them visible for the reader).
Generated data is cached on disk, so a script reads the notebook's own pairs.
"""

from __future__ import annotations

import numpy as np
import torch

from sciml_course import spectral_burgers

N_GRID, N_PAPER, N_TEST, DATA_SEED = 256, 1000, 200, 1
HARD_NU = 1e-3  # the viscosity of the main model


def solver_points(nu: float) -> int:
    """The grid the pairs at viscosity ``nu`` are solved on: finer for the steep fronts of ν = 10⁻³."""
    return 512 if nu == HARD_NU else 256


def pairs(n_pairs: int, nu: float = HARD_NU, seed: int = DATA_SEED, progress: bool = False) -> dict:
    """``n_pairs`` pairs (u0, u1) at viscosity ``nu`` from data seed ``seed``, made as in the notebook."""
    return spectral_burgers.burgers_dataset(n_pairs, nu, n_grid=N_GRID, n_solver=solver_points(nu), seed=seed,
                                            progress=progress)


def tensor(array: np.ndarray) -> torch.Tensor:
    return torch.as_tensor(np.asarray(array), dtype=torch.float32)


Pairs = tuple[torch.Tensor, torch.Tensor]


def paper_split(nu: float = HARD_NU, progress: bool = False) -> tuple[Pairs, Pairs]:
    """The notebook's training and test pairs at viscosity ``nu``: ((u0, u1) train, (u0, u1) test)."""
    data = pairs(N_PAPER + N_TEST, nu, progress=progress)
    u0, u1 = tensor(data["u0"]), tensor(data["u1"])
    return (u0[:N_PAPER], u1[:N_PAPER]), (u0[N_PAPER:], u1[N_PAPER:])
