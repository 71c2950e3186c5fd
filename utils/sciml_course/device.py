"""Pick the compute device and make runs reproducible.

Every notebook starts with ``device = setup(seed=0)``: the GPU when one is
present, otherwise the CPU, with all random generators seeded. The environment
variable ``SCIML_SEED`` shifts every seed of a run (see :mod:`sciml_course.seeding`).
"""

from __future__ import annotations

import os

import torch

from .seeding import seed_everything  # the one seeding routine, re-exported here

__all__ = ["pick_device", "seed_everything", "setup"]


def pick_device(prefer_gpu: bool = True) -> torch.device:
    """Return ``cuda`` when available and wanted, else ``cpu``.

    Examples
    --------
    >>> pick_device(prefer_gpu=False)
    device(type='cpu')
    """
    if not isinstance(prefer_gpu, bool):
        raise TypeError(f"prefer_gpu must be a bool, got {type(prefer_gpu).__name__}")
    if prefer_gpu and torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def setup(seed: int = 0, prefer_gpu: bool = True) -> torch.device:
    """Seed everything, make CPU runs deterministic and return the device.

    Parameters
    ----------
    seed : int
        Seed for Python, NumPy and torch (shifted by ``$SCIML_SEED``).
    prefer_gpu : bool
        Use CUDA when available.

    Returns
    -------
    torch.device
        The device the notebook should put its tensors on.

    Examples
    --------
    >>> setup(seed=1, prefer_gpu=False)
    device(type='cpu')
    """
    seed_everything(seed)
    device = pick_device(prefer_gpu)
    if device.type == "cpu":
        # CPU kernels are deterministic once the algorithms are pinned; on a GPU
        # this would forbid many fast kernels, so GPU runs are seeded only.
        torch.use_deterministic_algorithms(True, warn_only=True)
    else:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    return device
