"""Checkers for the exercises of lecture D1 (differential operators), and the data of exercise 3."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from . import _answers as answers
from .core import SINGLE_TOL, Feedback, check_number, checker, matches, read_values

__all__ = ["check_fd4_second_weights", "check_dt_max_2d", "heat_data", "check_nu_discovered",
           "check_learned_d1_stencil"]

_TAYLOR_MESSAGES = (
    "the weights must sum to zero (a constant has zero second derivative).",
    "the first moment Σ s w_s must vanish (the stencil must not see u').",
    "Σ s² w_s / 2 must be 1: the stencil must reproduce u'' with weight 1.",
    "the third moment Σ s³ w_s must vanish.",
    "the fourth moment Σ s⁴ w_s must vanish, otherwise the stencil is only second order.",
)


def _first_failing_condition(w: np.ndarray, tol: float) -> int | None:
    """Index q of the first Taylor condition Σ w_s s^q / q! = δ_{q2} that fails, or None."""
    s = np.arange(-2, 3)
    for q in range(5):
        terms = w * s**q / math.factorial(q)
        size = max(float(np.abs(terms).sum()), 1.0 if q == 2 else 0.0)
        if abs(terms.sum() - (1.0 if q == 2 else 0.0)) > tol * size:
            return q
    return None


@checker("fd4_second_weights")
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
    got = read_values(weights, name="fd4_second_weights", shape=(5,), expect="an array of 5 numbers")
    w = got.data.numpy()
    tol = SINGLE_TOL if got.single else 1e-8
    failing = _first_failing_condition(w, tol)
    if failing is None:
        return Feedback("correct", "all five Taylor conditions hold: this is the fourth-order stencil.")
    if failing == 2 and _first_failing_condition(2 * w, tol) is None:
        return Feedback("wrong", "Σ s² w_s / 2 must be 1: the Taylor conditions carry the factor 1/q!.")
    return Feedback("wrong", _TAYLOR_MESSAGES[failing])


@checker("dt_max_2d")
def check_dt_max_2d(answer: Any) -> Feedback:
    """Largest stable forward-Euler step for the 2-D heat equation (h = 1/32, ν = 0.5).

    Examples
    --------
    >>> check_dt_max_2d(1.0).status
    'wrong'
    >>> check_dt_max_2d(None).status
    'not attempted'
    """
    expected = answers.dt_max_2d()
    return check_number(
        answer, expected, rtol=0.02, what="dt_max_2d",
        hint="Bound |1 + Δt ν λ| <= 1 for the most negative eigenvalue of Δ_h.",
        mistakes=[(2 * expected,
                   "that is the one-dimensional limit: in 2-D the spectrum of Δ_h reaches further."),
                  (expected / 2, "that step keeps 1 + Δt ν λ ≥ 0; stability only needs it to stay ≥ −1.")],
    )


def heat_data(n: int = 128, snapshots: int = 101,
              t_final: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
        decay = np.exp(-answers.HEAT_NU * (2 * np.pi * k) ** 2 * t)
        u += amplitude * decay[:, None] * np.sin(2 * np.pi * k * x + phase)[None, :]
    return x, t, u


@checker("nu_discovered")
def check_nu_discovered(answer: Any) -> Feedback:
    """The coefficient of u_xx discovered from :func:`heat_data` (within 3 %).

    Examples
    --------
    >>> check_nu_discovered(-1.0).status
    'wrong'
    >>> check_nu_discovered(None).status
    'not attempted'
    """
    expected = answers.HEAT_NU
    units = "check the units of your derivatives: x runs over [0, 1), not [0, 2π)."
    return check_number(
        answer, expected, rtol=0.03, what="the coefficient of u_xx", hint=units[0].upper() + units[1:],
        mistakes=[(lambda value: value < 0,
                   "a diffusion coefficient must be positive: check the sign of your u_t estimate."),
                  (expected * (2 * np.pi) ** 2, f"that is off by (2π)²: {units}"),
                  (expected / (2 * np.pi) ** 2, f"that is off by (2π)²: {units}")],
    )


@checker("learned_d1_stencil")
def check_learned_d1_stencil(kernel: Any) -> Feedback:
    """The 3 weights (times h) a trained conv1d layer learned for u', within 0.01 of the stencil.

    Examples
    --------
    >>> check_learned_d1_stencil([0.5, 0.0, -0.5]).status
    'wrong'
    >>> check_learned_d1_stencil(None).status
    'not attempted'
    """
    got = read_values(kernel, name="learned_d1_stencil", shape=(3,), expect="an array of 3 numbers")
    want = torch.tensor(answers.D1_STENCIL, dtype=torch.float64)
    atol = answers.D1_STENCIL_ATOL
    if matches(got, want, atol=atol):
        return Feedback("correct", f"the layer learned the central u' stencil (to within {atol:g}).")
    if matches(got, want.flip(0), atol=atol):
        return Feedback("wrong", "the kernel is reversed: conv1d is a cross-correlation, its weights are "
                                 "not flipped. Did you build the targets with a flipped stencil?")
    if any(matches(got, want * factor, rtol=0.05) for factor in (64.0, 1 / 64.0)):
        return Feedback("wrong", "right shape, wrong size: report the weights in stencil units, "
                                 "the layer's weights times h (the layer divides its output by h).")
    if abs(float(got.data.sum())) > atol:
        return Feedback("wrong", "the weights do not sum to zero, so the layer does not annihilate constants: "
                                 "the training data did not pin down the stencil (look at what the "
                                 "Laplacian layer above needed), or the training has not converged.")
    if any(matches(got, torch.tensor(one_sided, dtype=torch.float64), atol=atol)
           for one_sided in ((-1.0, 1.0, 0.0), (0.0, -1.0, 1.0))):
        return Feedback("wrong", "that is a one-sided (first-order) difference: the targets should come "
                                 "from the central three-point stencil.")
    return Feedback("wrong", f"not the central u' stencil to within {atol:g}: check the targets, the "
                             "scaling by h and that the training converged.")
