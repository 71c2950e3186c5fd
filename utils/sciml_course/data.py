"""Small data sets generated on the fly or loaded from installed packages (no downloads)."""

from __future__ import annotations

import numpy as np
import torch

from . import seeding
from ._optional import require
from ._validation import check_int, check_real

CAT, DOG = 0, 1


def cats_and_dogs(
    n_per_class: int = 100, noise: float = 1.0, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """Synthetic (size, floppiness) measurements of cats and dogs.

    X1 is the size (shoulder height in cm) and X2 the floppiness of the ears
    (a score from 0, pricked, to 10, drooping). Dogs are bigger and floppier
    on average, with some overlap when ``noise`` is large.

    Parameters
    ----------
    n_per_class : int
        Animals of each kind.
    noise : float
        Scale of the spread within each class. Small values (0.5) leave a gap that
        a line can separate; at 1.0 whether a line separates the classes depends
        on the draw; from about 1.2 on, the clouds overlap (big cats, small dogs).
    seed : int
        Seed of the generator.

    Returns
    -------
    X : torch.Tensor, shape (2 n, 2), float64
        Rows (size, floppiness), cats first.
    labels : torch.Tensor, shape (2 n,), int64
        ``CAT`` (0) or ``DOG`` (1).

    Examples
    --------
    >>> X, labels = cats_and_dogs(5)
    >>> X.shape, int(labels.sum())
    (torch.Size([10, 2]), 5)
    """
    n = check_int("n_per_class", n_per_class, minimum=1)
    noise = check_real("noise", noise, minimum=0.0)
    rng = seeding.numpy_rng(check_int("seed", seed, minimum=0))
    cats = np.column_stack([rng.normal(25, 3 * noise, n), rng.normal(3, 1.2 * noise, n)])
    dogs = np.column_stack([rng.normal(45, 8 * noise, n), rng.normal(6.5, 1.5 * noise, n)])
    X = np.clip(np.vstack([cats, dogs]), [5, 0], [90, 10])
    labels = np.repeat([CAT, DOG], n)
    return torch.tensor(X, dtype=torch.float64), torch.tensor(labels)


def digits(binary: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled 8×8 handwritten digits, scaled to [0, 1].

    Parameters
    ----------
    binary : bool
        Threshold the pixels at 0.5 (black/white images).

    Returns
    -------
    images : numpy.ndarray, shape (1797, 8, 8)
    labels : numpy.ndarray, shape (1797,)

    Examples
    --------
    >>> images, labels = digits()
    >>> images.shape, float(images.max())
    ((1797, 8, 8), 1.0)
    """
    if not isinstance(binary, bool):
        raise TypeError(f"binary must be a bool, got {type(binary).__name__}")
    datasets = require("sklearn.datasets", "scikit-learn", "sciml_course.data.digits")
    bunch = datasets.load_digits()
    images = bunch.images / 16.0
    if binary:
        images = (images > 0.5).astype(float)
    return images, bunch.target.copy()


def mackey_glass(
    n: int, tau: float = 17.0, dt: float = 0.1, sample_every: int = 10, seed: int = 0
) -> np.ndarray:
    """The Mackey–Glass delay equation x' = 0.2 x(t−τ) / (1 + x(t−τ)^10) − 0.1 x(t).

    A classic chaotic test signal for reservoir computing (τ = 17), integrated
    with forward Euler at step ``dt`` and sampled every ``sample_every`` steps,
    after discarding a transient.

    Returns
    -------
    numpy.ndarray, shape (n,)

    Examples
    --------
    >>> x = mackey_glass(500)
    >>> x.shape, bool(0.2 < x.min() and x.max() < 1.5)
    ((500,), True)
    """
    n = check_int("n", n, minimum=1)
    tau = check_real("tau", tau, minimum=0.0, strict=True)
    dt = check_real("dt", dt, minimum=0.0, strict=True)
    sample_every = check_int("sample_every", sample_every, minimum=1)
    rng = seeding.numpy_rng(check_int("seed", seed, minimum=0))
    lag = int(round(tau / dt))
    transient = 1000 * sample_every
    total = lag + transient + n * sample_every
    x = np.empty(total)
    x[: lag + 1] = 1.2 + 0.1 * rng.standard_normal()
    for t in range(lag, total - 1):
        delayed = x[t - lag]
        x[t + 1] = x[t] + dt * (0.2 * delayed / (1 + delayed**10) - 0.1 * x[t])
    return x[lag + transient :: sample_every][:n].copy()
