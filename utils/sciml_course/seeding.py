"""One switch for every random stream: the run seed ``SCIML_SEED``.

Every random number in the course starts from a seed written in a notebook or
in a default argument of this package (``seed=0``, ``manual_seed(3)``). Each of
those seeds passes through :func:`derive` before it reaches a generator, so the
environment variable ``SCIML_SEED`` shifts all of them at once:

- unset, empty or ``0``: a seed ``s`` is used as it is, and the notebooks
  reproduce their saved outputs;
- ``SCIML_SEED=k`` with k ≥ 1: each seed ``s`` becomes a new seed drawn from
  NumPy's ``SeedSequence([k, s])``, so a notebook run under another ``k`` is an
  independent repetition of the whole experiment (data, initial weights,
  mini-batches, noise), and distinct seeds in a notebook stay distinct.

Conventions: notebooks call ``seeding.numpy_rng(s)``,
``seeding.torch_generator(s, device)`` and ``seeding.manual_seed(s)`` where
they would call ``np.random.default_rng(s)``, ``torch.Generator().manual_seed(s)``
and ``torch.manual_seed(s)``; package functions that take ``seed=`` do the
same internally. ``python -m benchmarks.robustness`` sets the variable.
"""

from __future__ import annotations

import os
import random

import numpy as np
import torch

from ._validation import check_int

ENV_VARIABLE = "SCIML_SEED"

__all__ = ["ENV_VARIABLE", "run_seed", "derive", "numpy_rng", "torch_generator", "manual_seed", "seed_everything"]


def run_seed() -> int:
    """The run seed from ``$SCIML_SEED`` (0 when unset or empty).

    Raises
    ------
    ValueError
        If the variable is set to something other than a non-negative integer.

    Examples
    --------
    >>> os.environ.pop(ENV_VARIABLE, None) and None
    >>> run_seed()
    0
    """
    text = os.environ.get(ENV_VARIABLE, "").strip()
    if not text:
        return 0
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{ENV_VARIABLE} must be a non-negative integer, got {text!r}") from None
    if value < 0:
        raise ValueError(f"{ENV_VARIABLE} must be a non-negative integer, got {value}")
    return value


def derive(seed: int) -> int:
    """The seed a generator actually receives for the notebook seed ``seed``.

    The identity when the run seed is 0; otherwise a 63-bit integer drawn
    from ``SeedSequence([run_seed, seed])``.

    Examples
    --------
    >>> os.environ.pop(ENV_VARIABLE, None) and None
    >>> derive(3)
    3
    """
    seed = check_int("seed", seed, minimum=0)
    shift = run_seed()
    if shift == 0:
        return seed
    state = np.random.SeedSequence([shift, seed]).generate_state(2, dtype=np.uint32)
    return int(state[0]) << 31 | int(state[1]) >> 1


def numpy_rng(seed: int) -> np.random.Generator:
    """``np.random.default_rng`` for the derived seed.

    Examples
    --------
    >>> os.environ.pop(ENV_VARIABLE, None) and None
    >>> float(numpy_rng(0).random()) == float(np.random.default_rng(0).random())
    True
    """
    return np.random.default_rng(derive(seed))


def torch_generator(seed: int, device: torch.device | str | None = None) -> torch.Generator:
    """A ``torch.Generator`` on ``device`` (default CPU) seeded with the derived seed.

    Examples
    --------
    >>> torch_generator(0).device
    device(type='cpu')
    """
    generator = torch.Generator(device=device) if device is not None else torch.Generator()
    return generator.manual_seed(derive(seed))


def manual_seed(seed: int) -> None:
    """Seed torch's global generator (every device) with the derived seed.

    Examples
    --------
    >>> manual_seed(0); a = torch.rand(1); manual_seed(0)
    >>> bool(torch.rand(1) == a)
    True
    """
    torch.manual_seed(derive(seed))


def seed_everything(seed: int) -> None:
    """Seed Python's, NumPy's and torch's global generators with the derived seed.

    Examples
    --------
    >>> seed_everything(0); a = torch.rand(1); seed_everything(0)
    >>> bool(torch.rand(1) == a)
    True
    """
    seed = derive(seed)
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
