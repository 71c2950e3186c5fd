"""Input checks shared by the public functions (private to the package).

Every check raises ``TypeError`` for a wrong type and ``ValueError`` for an
impossible value, and names the offending argument in the message.
"""

from __future__ import annotations

import numbers
from typing import Any, Iterable

import numpy as np
import torch


def check_int(name: str, value: Any, minimum: int | None = None) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def check_real(
    name: str,
    value: Any,
    minimum: float | None = None,
    maximum: float | None = None,
    strict: bool = False,
) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real in range.

    With ``strict=True`` the bounds are exclusive.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and (value <= minimum if strict else value < minimum):
        relation = ">" if strict else ">="
        raise ValueError(f"{name} must be {relation} {minimum}, got {value}")
    if maximum is not None and (value >= maximum if strict else value > maximum):
        relation = "<" if strict else "<="
        raise ValueError(f"{name} must be {relation} {maximum}, got {value}")
    return value


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Raise unless ``value`` is one of ``choices``."""
    choices = tuple(choices)
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")
    return value


def check_tensor(
    name: str,
    value: Any,
    ndim: int | None = None,
    last_dim: int | None = None,
) -> torch.Tensor:
    """Raise unless ``value`` is a tensor with the given rank and trailing size."""
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(value).__name__}")
    if ndim is not None and value.ndim != ndim:
        raise ValueError(
            f"{name} must have {ndim} dimensions, got shape {tuple(value.shape)}"
        )
    if last_dim is not None and (value.ndim == 0 or value.shape[-1] != last_dim):
        raise ValueError(
            f"{name} must have last dimension {last_dim}, got shape {tuple(value.shape)}"
        )
    return value


def check_array(name: str, value: Any, ndim: int | None = None) -> np.ndarray:
    """Return ``value`` as a float numpy array, raising if it has the wrong rank."""
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().numpy()
    # anything NumPy can read as an array counts (a pandas Series has __array__)
    if not isinstance(value, (np.ndarray, list, tuple)) and not hasattr(value, "__array__"):
        raise TypeError(f"{name} must be an array, got {type(value).__name__}")
    array = np.asarray(value, dtype=float)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimensions, got shape {array.shape}")
    return array


def check_state(name: str, y: Any, size: int | None = None) -> None:
    """Raise unless ``y`` is a NumPy array or torch tensor whose last axis has ``size`` entries.

    The state of an ODE right-hand side f(t, y) that acts on the last axis (so a
    batch of states is one array); ``size=None`` accepts any non-empty last axis.
    """
    if not isinstance(y, (np.ndarray, torch.Tensor)):
        raise TypeError(f"{name} must be a numpy array or torch tensor, got {type(y).__name__}")
    if y.ndim == 0 or (size is not None and y.shape[-1] != size):
        want = size if size is not None else "≥ 1"
        raise ValueError(f"{name} must have last dimension {want}, got shape {tuple(y.shape)}")
