"""Checkers for the exercises of lecture D1 (differential operators)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from .core import NOT_ATTEMPTED, Feedback, check_number, is_unanswered

H_2D = 1 / 32
NU_2D = 0.5
_HEAT_NU = 0.02  # the diffusivity hidden in heat_data()


def _as_number(answer: Any) -> float | None:
    try:
        return float(answer)
    except (TypeError, ValueError):
        return None


def check_fd4_second_weights(weights: Any) -> Feedback:
    """Five weights (h = 1) of the fourth-order central stencil for u''.

    The message names the first Taylor condition that fails, never the weights.

    Examples
    --------
    >>> check_fd4_second_weights([1, -2, 1, 0, 0]).status
    'wrong'
    >>> check_fd4_second_weights(None).status
    'not attempted'
    """
    if is_unanswered(weights):
        return NOT_ATTEMPTED
    if isinstance(weights, torch.Tensor):
        weights = weights.detach().cpu().numpy()
    try:
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        return Feedback("wrong", "fd4_second_weights should be an array of 5 numbers.")
    if w.shape != (5,):
        return Feedback("wrong", f"fd4_second_weights should have shape (5,), got {w.shape}.")
    if not np.all(np.isfinite(w)):
        return Feedback("wrong", "fd4_second_weights contains non-finite values.")
    s = np.arange(-2, 3)
    checks = [
        (w.sum(), 0.0, "the weights must sum to zero (a constant has zero second derivative)."),
        ((s * w).sum(), 0.0, "the first moment Σ s w_s must vanish (the stencil must not see u')."),
        ((s**2 * w).sum() / 2, 1.0, "Σ s² w_s / 2 must be 1: the stencil must reproduce u'' with weight 1."),
        ((s**3 * w).sum(), 0.0, "the third moment Σ s³ w_s must vanish."),
        ((s**4 * w).sum(), 0.0, "the fourth moment Σ s⁴ w_s must vanish, otherwise the stencil is only second order."),
    ]
    for value, want, message in checks:
        if not math.isclose(value, want, abs_tol=1e-8):
            return Feedback("wrong", message)
    return Feedback("correct", "all five Taylor conditions hold: this is the fourth-order stencil.")


def check_dt_max_2d(answer: Any) -> Feedback:
    """Largest stable forward-Euler step for the 2-D heat equation (h = 1/32, ν = 0.5).

    Examples
    --------
    >>> check_dt_max_2d(1.0).status
    'wrong'
    >>> check_dt_max_2d(None).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    expected = H_2D**2 / (4 * NU_2D)
    feedback = check_number(answer, expected, rtol=0.02, what="dt_max_2d",
                            hint="Bound |1 + Δt ν λ| <= 1 for the most negative eigenvalue of Δ_h.")
    if feedback.status == "wrong" and _as_number(answer) is not None:
        if math.isclose(_as_number(answer), 2 * expected, rel_tol=0.02):
            return Feedback("wrong", "that is the one-dimensional limit: in 2-D the spectrum of Δ_h reaches further.")
    return feedback


def heat_data(n: int = 128, snapshots: int = 101, t_final: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Samples of an unknown linear PDE's solution on [0, 1) (periodic) for the discovery exercise.

    Returns
    -------
    (x, t, u) : x of shape (n,), t of shape (snapshots,), u of shape (snapshots, n)

    Examples
    --------
    >>> x, t, u = heat_data()
    >>> u.shape
    (101, 128)
    """
    x = np.arange(n) / n
    t = np.linspace(0.0, t_final, snapshots)
    rng = np.random.default_rng(11)
    u = np.zeros((snapshots, n))
    for k in range(1, 5):
        amplitude, phase = rng.uniform(0.5, 1.0) / k, rng.uniform(0, 2 * np.pi)
        decay = np.exp(-_HEAT_NU * (2 * np.pi * k) ** 2 * t)
        u += amplitude * decay[:, None] * np.sin(2 * np.pi * k * x + phase)[None, :]
    return x, t, u


def check_nu_discovered(answer: Any) -> Feedback:
    """The coefficient of u_xx discovered from :func:`heat_data` (within 3 %).

    Examples
    --------
    >>> check_nu_discovered(-1.0).status
    'wrong'
    >>> check_nu_discovered(None).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    feedback = check_number(answer, _HEAT_NU, rtol=0.03, what="the coefficient of u_xx",
                            hint="Check the units of your derivatives: x runs over [0, 1), not [0, 2π).")
    if feedback.status == "wrong" and "wrong sign" in feedback.message:
        return Feedback("wrong", "a diffusion coefficient must be positive: check the sign of your u_t estimate.")
    return feedback
