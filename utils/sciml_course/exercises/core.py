"""Generic building blocks for exercise checkers."""

from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import torch

STATUSES = ("correct", "wrong", "not attempted")
_ICONS = {"correct": "✅", "wrong": "❌", "not attempted": "✏️"}
_COLOURS = {"correct": "#1a7f37", "wrong": "#cf222e", "not attempted": "#6e7781"}


@dataclass(frozen=True)
class Feedback:
    """The verdict of a checker.

    Attributes
    ----------
    status : {"correct", "wrong", "not attempted"}
    message : str
        Why, phrased so that it does not give the answer away.

    Examples
    --------
    >>> Feedback("correct", "Well done.").passed
    True
    """

    status: str
    message: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")

    @property
    def passed(self) -> bool:
        """True only for a correct answer."""
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{_ICONS[self.status]} {self.status}: {self.message}"

    def _repr_html_(self) -> str:
        return (
            f'<div style="border-left:4px solid {_COLOURS[self.status]};padding:4px 8px">'
            f"<b>{_ICONS[self.status]} {self.status}</b>: {html.escape(self.message)}</div>"
        )


NOT_ATTEMPTED = Feedback("not attempted", "not attempted yet: replace None with your answer.")


def is_unanswered(answer: Any) -> bool:
    """True for the student version's placeholders ``None`` and ``...``."""
    return answer is None or answer is Ellipsis


def _as_float(answer: Any) -> float | None:
    if isinstance(answer, torch.Tensor) and answer.numel() == 1:
        return float(answer.item())
    if isinstance(answer, np.ndarray) and answer.size == 1:
        return float(answer.item())
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool):
        return float(answer)
    return None


def check_number(
    answer: Any,
    expected: float,
    *,
    rtol: float = 1e-2,
    atol: float = 0.0,
    what: str = "your answer",
    hint: str = "",
) -> Feedback:
    """Compare a number with the expected one; say whether it is too large or small.

    Examples
    --------
    >>> check_number(0.5, 0.5).passed
    True
    >>> check_number(0.7, 0.5).status
    'wrong'
    >>> check_number(None, 0.5).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    value = _as_float(answer)
    if value is None:
        return Feedback("wrong", f"{what} should be a single number, got {type(answer).__name__}.")
    if not math.isfinite(value):
        return Feedback("wrong", f"{what} is not finite ({value}).")
    if math.isclose(value, expected, rel_tol=rtol, abs_tol=atol):
        return Feedback("correct", f"{what} is right (to relative tolerance {rtol:g}).")
    direction = "too large" if value > expected else "too small"
    if expected != 0 and value != 0 and np.sign(value) != np.sign(expected):
        direction = "of the wrong sign"
    return Feedback("wrong", f"{what} is {direction}. {hint}".strip())


def check_function(
    candidate: Any,
    reference: Callable[[torch.Tensor], torch.Tensor],
    points: torch.Tensor,
    *,
    atol: float = 1e-6,
    what: str = "your function",
    hint: str = "",
) -> Feedback:
    """Compare a callable with a reference at the given points.

    The message names where the largest mismatch occurs, not the right values.

    Examples
    --------
    >>> x = torch.linspace(-1, 1, 5, dtype=torch.float64)
    >>> check_function(torch.sin, torch.sin, x).passed
    True
    >>> check_function(torch.cos, torch.sin, x).passed
    False
    """
    if is_unanswered(candidate):
        return NOT_ATTEMPTED
    if not callable(candidate):
        return Feedback("wrong", f"{what} should be a function, got {type(candidate).__name__}.")
    try:
        got = candidate(points.clone())
    except Exception as error:  # the student's code failed: report, do not crash
        return Feedback("wrong", f"{what} raised {type(error).__name__}: {error}")
    if not isinstance(got, torch.Tensor) or got.shape != points.shape:
        return Feedback("wrong", f"{what} should return a tensor shaped like its input.")
    want = reference(points.clone())
    error = (got.detach().to(want.dtype) - want.detach()).abs()
    if not torch.isfinite(error).all():
        return Feedback("wrong", f"{what} returns non-finite values.")
    worst = int(error.argmax())
    if float(error[worst]) <= atol:
        return Feedback("correct", f"{what} matches at all {points.numel()} test points.")
    return Feedback(
        "wrong",
        f"{what} is off by {float(error[worst]):.2e} at x = {float(points.flatten()[worst]):.3g}. {hint}".strip(),
    )
