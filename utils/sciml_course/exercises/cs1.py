"""Checkers for the exercises of case study one (PINNs for Burgers' equation)."""

from __future__ import annotations

from typing import Any

import torch

from .core import NOT_ATTEMPTED, Feedback, check_number, is_unanswered

__all__ = ["check_max_exponent", "check_burgers_residual", "check_rad_probabilities"]


def check_max_exponent(answer: Any) -> Feedback:
    """Largest |cos(πy)/(2πν)| for ν = 0.001/π.

    Examples
    --------
    >>> check_max_exponent(50).status
    'wrong'
    >>> check_max_exponent(None).status
    'not attempted'
    """
    return check_number(answer, 500.0, rtol=1e-6, what="the largest exponent",
                        hint="|cos| is at most one; what multiplies it?")


def _random_fields(seed: int) -> list[torch.Tensor]:
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(30, generator=gen, dtype=torch.float64) for _ in range(4)]


def check_burgers_residual(answer: Any) -> Feedback:
    """Residual u_t + u u_x − ν u_xx, compared at random inputs.

    Examples
    --------
    >>> check_burgers_residual(lambda u, ux, ut, uxx, nu: ut + u * ux - nu * uxx).passed
    True
    >>> check_burgers_residual(lambda u, ux, ut, uxx, nu: ut + u * ux + nu * uxx).status
    'wrong'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    if not callable(answer):
        return Feedback("wrong", f"burgers_residual should be a function, got {type(answer).__name__}.")
    u, ux, ut, uxx = _random_fields(0)
    for nu in (0.01, 0.3):
        try:
            got = answer(u.clone(), ux.clone(), ut.clone(), uxx.clone(), nu)
        except Exception as error:  # the student's code failed: report, do not crash
            return Feedback("wrong", f"burgers_residual raised {type(error).__name__}: {error}")
        if not isinstance(got, torch.Tensor) or got.shape != u.shape:
            return Feedback("wrong", "return a tensor of the same shape as u.")
        want = ut + u * ux - nu * uxx
        if not torch.allclose(got.double(), want, atol=1e-10):
            if torch.allclose(got.double(), ut + u * ux + nu * uxx, atol=1e-10):
                return Feedback("wrong", "check the sign of the viscous term when it moves to the left side.")
            if torch.allclose(got.double(), ut + ux - nu * uxx, atol=1e-10):
                return Feedback("wrong", "the convection term is nonlinear: it is u times u_x.")
            return Feedback("wrong", "the residual does not match u_t + u u_x − ν u_xx at random inputs.")
    return Feedback("correct", "the residual is right.")


def check_rad_probabilities(answer: Any) -> Feedback:
    """RAD probabilities p ∝ |r|^k / mean(|r|^k) + c, normalised.

    Examples
    --------
    >>> check_rad_probabilities(lambda r, k, c: torch.ones_like(r) / len(r)).status
    'wrong'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    if not callable(answer):
        return Feedback("wrong", f"rad_probabilities should be a function, got {type(answer).__name__}.")
    r = _random_fields(1)[0]
    for k, c in ((1.0, 1.0), (2.0, 0.0), (0.5, 3.0)):
        try:
            got = answer(r.clone(), k, c)
        except Exception as error:  # the student's code failed: report, do not crash
            return Feedback("wrong", f"rad_probabilities raised {type(error).__name__}: {error}")
        if not isinstance(got, torch.Tensor) or got.shape != r.shape:
            return Feedback("wrong", "return one probability per residual value (same shape).")
        got = got.double()
        if abs(float(got.sum()) - 1) > 1e-8:
            return Feedback("wrong", "the probabilities should sum to one.")
        density = r.abs() ** k / (r.abs() ** k).mean() + c
        if not torch.allclose(got, density / density.sum(), atol=1e-10):
            return Feedback("wrong", f"the probabilities are off for k = {k}, c = {c}: is |r| used, and the mean taken before adding c?")
    return Feedback("correct", "the density is right for three choices of k and c.")
