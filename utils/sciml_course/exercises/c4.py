"""Checkers for the exercises of lecture C4 (Deep Ritz and variational methods)."""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from .. import ritz
from . import _answers as answers
from .core import SINGLE_TOL, Feedback, call, check_number, checker, matches, read_values

__all__ = ["check_mc_rms_error", "check_reaction_energy_density", "check_lshape_factor", "check_slit_rates"]


@checker("mc_rms_error")
def check_mc_rms_error(answer: Any) -> Feedback:
    """RMS error of the N = 1000 Monte-Carlo estimate of ∫ u*² on the unit square.

    Examples
    --------
    >>> check_mc_rms_error(0.1).status
    'wrong'
    >>> check_mc_rms_error(None).status
    'not attempted'
    """
    n = answers.MC_SAMPLES
    variance = answers.MC_VARIANCE
    return check_number(
        answer, answers.mc_rms_error(), rtol=0.05, what="the RMS error",
        hint="It is σ/√N, with σ² the variance of u*² under uniform sampling.",
        mistakes=[
            (variance / math.sqrt(n),
             "the RMS error has the wrong units: use the standard deviation, not the variance."),
            (math.sqrt(variance),
             "that is the spread of one sample; the mean of N samples is more accurate."),
            (variance / n, "that is the variance of the mean; the RMS error is its square root."),
            (math.sqrt(answers.MC_SECOND_MOMENT / n),
             "σ² is the variance of u*²: subtract the square of its mean from its mean square."),
        ],
    )


@checker("reaction_energy_density", function=True)
def check_reaction_energy_density(density: Callable[..., torch.Tensor] | None) -> Feedback:
    """Energy density e(u, ∇u, f, c) of −Δu + c u = f, compared at random inputs.

    Examples
    --------
    >>> check_reaction_energy_density(lambda u, g, f, c: 0.5 * (g ** 2).sum(-1) - f * u).status
    'wrong'
    """
    gen = torch.Generator().manual_seed(0)
    u = torch.randn(50, generator=gen, dtype=torch.float64)
    grad_u = torch.randn(50, 2, generator=gen, dtype=torch.float64)
    f = torch.randn(50, generator=gen, dtype=torch.float64)
    for c in (0.0, 2.5):
        got = read_values(call(density, u, grad_u, f, c, name="reaction_energy_density"),
                          name="reaction_energy_density", shape=u.shape, tensor=True,
                          expect="a tensor of shape (N,), one density value per point")
        if not matches(got, answers.reaction_energy_density(u, grad_u, f, c), atol=1e-8):
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


@checker("lshape_factor", function=True)
def check_lshape_factor(factor: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """φ must vanish on the L-shape's boundary and be positive inside.

    "Vanish" is relative to φ's size inside: a factor can be scaled by any positive number.

    Examples
    --------
    >>> check_lshape_factor(lambda x: x[:, 0] * x[:, 1]).status
    'wrong'
    """
    gen = torch.Generator().manual_seed(0)
    boundary = ritz.sample_boundary("lshape", 400, gen, torch.float64)
    inside = ritz.sample_interior("lshape", 2000, gen, torch.float64)
    inside = inside[_distance_to_boundary(inside) > 1e-3]
    axes = torch.linspace(0.05, 0.95, 19, dtype=torch.float64)
    on_axes = torch.cat([torch.stack([0 * axes, axes], 1), torch.stack([-axes, 0 * axes], 1)])
    inside = torch.cat([inside, on_axes])  # the axes inside Ω are interior points too
    values = {}
    for where, points in (("boundary", boundary), ("interior", inside)):
        values[where] = read_values(call(factor, points, name="lshape_factor"), name="lshape_factor",
                                    shape=points.shape[:1], tensor=True,
                                    expect="a tensor of shape (N,), one value per point")
    scale = float(values["interior"].data.abs().max())
    if scale == 0:
        return Feedback("wrong", "φ is zero inside the domain too.")
    single = values["boundary"].single or values["interior"].single
    if float(values["boundary"].data.abs().max()) > (SINGLE_TOL if single else 1e-8) * scale:
        return Feedback("wrong", "φ is not zero everywhere on the boundary (check all six edges).")
    negative = int((values["interior"].data <= 0).sum())
    if negative:
        return Feedback("wrong", f"φ is not positive at {negative} of {len(inside)} interior points.")
    return Feedback("correct", "φ vanishes on all six edges and is positive inside.")


@checker("slit_exponent and slit_h1_rate", answers=2)
def check_slit_rates(exponent: Any, h1_rate: Any) -> Feedback:
    """Corner exponent of the slit domain and the predicted H1 slope against dofs.

    Examples
    --------
    >>> check_slit_rates(2 / 3, -1 / 3).status
    'wrong'
    >>> check_slit_rates(0.5, None).status
    'not attempted'
    """
    first = check_number(
        exponent, answers.SLIT_EXPONENT, rtol=0.01, what="the exponent λ", hint="Use λ = π/ω.",
        mistakes=[(answers.LSHAPE_EXPONENT, "that is the L-shape's exponent; a crack has the angle ω = 2π."),
                  (1 / answers.SLIT_EXPONENT, "λ = π/ω, not ω/π.")],
    )
    if not first.passed:
        return first
    power_of_h = "that is the power of h; the question asks for the slope against N."
    second = check_number(
        h1_rate, answers.SLIT_H1_RATE, rtol=0.02, what="the H1 slope",
        hint="Convert h^λ into a power of N, with h ~ N^(-1/2) in 2-D.",
        mistakes=[(answers.SLIT_EXPONENT, power_of_h), (-answers.SLIT_EXPONENT, power_of_h),
                  (answers.LSHAPE_H1_RATE,
                   "that is the L-shape's measured slope; redo it with the slit's λ.")],
    )
    if not second.passed:
        return second
    return Feedback("correct", "both the exponent and the slope are right.")
