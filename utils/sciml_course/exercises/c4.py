"""Checkers for the exercises of lecture C4 (Deep Ritz and variational methods)."""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from .. import ritz
from .core import NOT_ATTEMPTED, Feedback, check_number, is_unanswered

MC_SAMPLES = 1000


def check_mc_rms_error(answer: Any) -> Feedback:
    """RMS error of the N = 1000 Monte-Carlo estimate of ∫ u*² on the unit square.

    Examples
    --------
    >>> check_mc_rms_error(0.1).status
    'wrong'
    >>> check_mc_rms_error(None).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    variance = (3 / 8) ** 2 - (1 / 4) ** 2  # ∫ u⁴ − (∫ u²)², sin⁴ and sin² integrate to 3/8, 1/2
    expected = math.sqrt(variance / MC_SAMPLES)
    feedback = check_number(answer, expected, rtol=0.05, what="the RMS error",
                            hint="It is σ/√N, with σ² the variance of u*² under uniform sampling.")
    if feedback.status == "wrong" and feedback.message.startswith("the RMS error is"):
        value = float(answer)
        if math.isclose(value, variance / math.sqrt(MC_SAMPLES), rel_tol=0.05):
            return Feedback("wrong", "the RMS error has the wrong units: "
                                     "use the standard deviation, not the variance.")
        if math.isclose(value, math.sqrt(variance), rel_tol=0.05):
            return Feedback("wrong", "that is the spread of one sample; "
                                     "the mean of N samples is more accurate.")
    return feedback


def check_reaction_energy_density(density: Callable[..., torch.Tensor] | None) -> Feedback:
    """Energy density e(u, ∇u, f, c) of −Δu + c u = f, compared at random inputs.

    Examples
    --------
    >>> check_reaction_energy_density(lambda u, g, f, c: 0.5 * (g ** 2).sum(-1) - f * u).status
    'wrong'
    """
    if is_unanswered(density):
        return NOT_ATTEMPTED
    if not callable(density):
        return Feedback("wrong", "reaction_energy_density should be a function, "
                                 f"got {type(density).__name__}.")
    gen = torch.Generator().manual_seed(0)
    u = torch.randn(50, generator=gen, dtype=torch.float64)
    grad_u = torch.randn(50, 2, generator=gen, dtype=torch.float64)
    f = torch.randn(50, generator=gen, dtype=torch.float64)
    for c in (0.0, 2.5):
        try:
            got = density(u.clone(), grad_u.clone(), f.clone(), c)
        except Exception as error:  # the student's code failed: report, do not crash
            return Feedback("wrong", f"reaction_energy_density raised {type(error).__name__}: {error}")
        if not isinstance(got, torch.Tensor) or got.shape != u.shape:
            return Feedback("wrong", "return a tensor of shape (N,), one density value per point.")
        want = 0.5 * (grad_u**2).sum(-1) + 0.5 * c * u**2 - f * u
        if not torch.allclose(got.double(), want, atol=1e-8):
            if c == 0.0:
                return Feedback("wrong", "with c = 0 this must be the Poisson density ½|∇u|² − f u.")
            return Feedback("wrong", "the c-term is not right: its variation in direction v must be c u v.")
    return Feedback("correct", "the density is right for c = 0 and c > 0.")


def _distance_to_boundary(points: torch.Tensor) -> torch.Tensor:
    vertices = torch.tensor(ritz.VERTICES["lshape"], dtype=points.dtype)
    start, end = vertices, torch.roll(vertices, -1, 0)
    edge = end - start
    t = (((points[:, None] - start) * edge).sum(-1) / (edge**2).sum(-1)).clamp(0, 1)
    nearest = start + t[..., None] * edge
    return (points[:, None] - nearest).norm(dim=-1).min(1).values


def check_lshape_factor(factor: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """φ must vanish on the L-shape's boundary and be positive inside.

    Examples
    --------
    >>> check_lshape_factor(lambda x: x[:, 0] * x[:, 1]).status
    'wrong'
    """
    if is_unanswered(factor):
        return NOT_ATTEMPTED
    if not callable(factor):
        return Feedback("wrong", f"lshape_factor should be a function, got {type(factor).__name__}.")
    gen = torch.Generator().manual_seed(0)
    boundary = ritz.sample_boundary("lshape", 400, gen, torch.float64)
    inside = ritz.sample_interior("lshape", 2000, gen, torch.float64)
    inside = inside[_distance_to_boundary(inside) > 1e-3]
    axes = torch.linspace(0.05, 0.95, 19, dtype=torch.float64)
    on_axes = torch.cat([torch.stack([0 * axes, axes], 1), torch.stack([-axes, 0 * axes], 1)])
    inside = torch.cat([inside, on_axes])  # the axes inside Ω are interior points too
    values = {}
    for name, points in (("boundary", boundary), ("interior", inside)):
        try:
            got = factor(points.clone())
        except Exception as error:  # the student's code failed: report, do not crash
            return Feedback("wrong", f"lshape_factor raised {type(error).__name__}: {error}")
        if not isinstance(got, torch.Tensor) or got.shape != points.shape[:1]:
            return Feedback("wrong", "return a tensor of shape (N,), one value per point.")
        if not torch.isfinite(got).all():
            return Feedback("wrong", "lshape_factor returns non-finite values.")
        values[name] = got.detach().double()
    scale = float(values["interior"].abs().max())
    if scale == 0:
        return Feedback("wrong", "φ is zero inside the domain too.")
    if float(values["boundary"].abs().max()) > 1e-8 * max(scale, 1.0):
        return Feedback("wrong", "φ is not zero everywhere on the boundary (check all six edges).")
    negative = int((values["interior"] <= 0).sum())
    if negative:
        return Feedback("wrong", f"φ is not positive at {negative} of {len(inside)} interior points.")
    return Feedback("correct", "φ vanishes on all six edges and is positive inside.")


def check_slit_rates(exponent: Any, h1_rate: Any) -> Feedback:
    """Corner exponent of the slit domain and the predicted H1 slope against dofs.

    Examples
    --------
    >>> check_slit_rates(2 / 3, -1 / 3).status
    'wrong'
    """
    if is_unanswered(exponent) or is_unanswered(h1_rate):
        return NOT_ATTEMPTED
    first = check_number(exponent, 0.5, rtol=0.01, what="the exponent λ", hint="Use λ = π/ω.")
    if not first.passed:
        return first
    second = check_number(h1_rate, -0.25, rtol=0.02, what="the H1 slope",
                          hint="Convert h^λ into a power of N, with h ~ N^(-1/2) in 2-D.")
    if not second.passed:
        if isinstance(h1_rate, (int, float)) and math.isclose(abs(h1_rate), 0.5, rel_tol=0.02):
            return Feedback("wrong", "that is the power of h; the question asks for the slope against N.")
        return second
    return Feedback("correct", "both the exponent and the slope are right.")
