"""Checkers for the exercises of lecture C4 (Deep Ritz and variational methods)."""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from .. import ritz
from . import _answers as answers
from .core import SINGLE_TOL, Feedback, call, check_number, checker, matches, read_values, reject

__all__ = ["check_mc_rms_error", "check_reaction_energy_density", "check_slit_factor", "check_slit_rates",
           "check_neumann_ritz"]


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


def _distance_to_segments(points: torch.Tensor, starts: torch.Tensor, ends: torch.Tensor) -> torch.Tensor:
    edge = ends - starts
    t = (((points[:, None] - starts) * edge).sum(-1) / (edge**2).sum(-1)).clamp(0, 1)
    nearest = starts + t[..., None] * edge
    return (points[:, None] - nearest).norm(dim=-1).min(1).values


def _slit_square_points() -> tuple[torch.Tensor, torch.Tensor]:
    """Boundary points (outer edges and crack) and interior points of (−1, 1)² minus [0, 1) × {0}."""
    gen = torch.Generator().manual_seed(0)
    outer = 2 * ritz.sample_boundary("square", 400, gen, torch.float64) - 1
    crack = torch.stack([torch.rand(100, generator=gen, dtype=torch.float64),
                         torch.zeros(100, dtype=torch.float64)], 1)
    corners = torch.tensor([[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [0.0, 0.0], [1.0, 0.0]],
                           dtype=torch.float64)
    starts = torch.cat([corners[:4], corners[4:5]])
    ends = torch.cat([torch.roll(corners[:4], -1, 0), corners[5:6]])
    inside = 2 * ritz.sample_interior("square", 2000, gen, torch.float64) - 1
    inside = inside[_distance_to_segments(inside, starts, ends) > 1e-3]
    axes = torch.linspace(0.05, 0.95, 19, dtype=torch.float64)
    zeros = 0 * axes
    # the negative x-axis and the y-axis lie inside Ω, and so do points just above and below the crack
    lines = [torch.stack(pair, 1) for pair in ((-axes, zeros), (zeros, axes), (zeros, -axes),
                                               (axes, zeros + 1e-2), (axes, zeros - 1e-2))]
    return torch.cat([outer, crack]), torch.cat([inside, *lines])


@checker("slit_factor", function=True)
def check_slit_factor(factor: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """φ must vanish on the slit square's outer edges and on both sides of the crack, and be positive inside.

    "Vanish" is relative to φ's size inside: a factor can be scaled by any positive number.

    Examples
    --------
    >>> check_slit_factor(lambda x: (1 - x[:, 0] ** 2) * (1 - x[:, 1] ** 2)).status
    'wrong'
    >>> check_slit_factor(ritz.lshape_factor).status  # the L-shape's factor
    'wrong'
    """
    boundary, inside = _slit_square_points()
    values = {}
    for where, points in (("boundary", boundary), ("interior", inside)):
        values[where] = read_values(call(factor, points, name="slit_factor"), name="slit_factor",
                                    shape=points.shape[:1], tensor=True,
                                    expect="a tensor of shape (N,), one value per point")
    scale = float(values["interior"].data.abs().max())
    if scale == 0:
        reject("φ is zero inside the domain too.")
    single = values["boundary"].single or values["interior"].single
    off = values["boundary"].data.abs()
    worst = int(off.argmax())
    if float(off[worst]) > (SINGLE_TOL if single else 1e-8) * scale:
        part = "the crack" if worst >= len(boundary) - 100 else "an outer edge"
        reject(f"φ is not zero everywhere on the boundary: on {part}, e.g. at {_point(boundary[worst])}.")
    negative = values["interior"].data <= 0
    if negative.any():
        first = int(negative.nonzero()[0, 0])
        reject(f"φ is not positive at {int(negative.sum())} of {len(inside)} interior points, "
               f"e.g. at {_point(inside[first])}.")
    return Feedback("correct", "φ vanishes on the outer edges and on the crack, and is positive inside.")


def _point(x: torch.Tensor) -> str:
    return f"(x, y) = ({float(x[0]):.2f}, {float(x[1]):.2f})"


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


def _values_and_gradient(network: Any, points: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, bool]:
    """u and ∇u (float64, CPU) of the student's network at ``points``, and whether u was float32.

    The points take the dtype and device of a module's parameters (float32 on the CPU otherwise).
    """
    parameter = next(network.parameters(), None) if isinstance(network, torch.nn.Module) else None
    dtype, device = (parameter.dtype, parameter.device) if parameter is not None else (torch.float32, "cpu")
    x = points.to(device=device, dtype=dtype).detach().clone().requires_grad_(True)
    out = call(network, x, name="neumann_net")
    if isinstance(out, torch.Tensor) and out.ndim == 2 and out.shape[1] == 1:
        out = out[:, 0]
    got = read_values(out, name="neumann_net", shape=points.shape[:1], tensor=True,
                      expect="a tensor of shape (N,) or (N, 1), one value per point")
    if not out.requires_grad:
        reject("the values of neumann_net are detached from the points, so the check cannot take ∇u: "
               "return a torch expression of x (no .detach(), NumPy or torch.no_grad inside).")
    (grad,) = torch.autograd.grad(out.sum(), x, allow_unused=True)
    if grad is None:
        reject("the values of neumann_net do not depend on the points, so the check cannot take ∇u.")
    grad = read_values(grad, name="∇neumann_net", shape=points.shape, tensor=True).data
    return got.data, grad, got.single


@checker("neumann_net", function=True)
def check_neumann_ritz(network: Any) -> Feedback:
    """Deep Ritz with a natural (Neumann) condition, judged by the trained network's own errors.

    The check evaluates the network and its gradient at Gauss points of the unit square (in
    the precision of its parameters), computes the relative L2 and H1 errors against the exact
    solution itself, and checks that u = 0 holds exactly on the three Dirichlet edges.

    Examples
    --------
    >>> check_neumann_ritz(lambda x: 0 * x[:, 0]).message[:28]
    'neumann_net is close to zero'
    >>> check_neumann_ritz(None).status
    'not attempted'
    """
    x, w = ritz.gauss_points("square", answers.NEUMANN_GAUSS, dtype=torch.float64)
    u, grad, single = _values_and_gradient(network, x)
    edge = torch.linspace(0, 1, 41, dtype=torch.float64)
    size = max(1.0, float(u.abs().max()))
    tol = SINGLE_TOL if single else 1e-8
    dirichlet = {"x = 0": torch.stack([0 * edge, edge], 1), "y = 0": torch.stack([edge, 0 * edge], 1),
                 "y = 1": torch.stack([edge, 1 + 0 * edge], 1)}
    for name, points in dirichlet.items():
        off = float(_values_and_gradient(network, points)[0].abs().max())
        if off > tol * size:
            reject(f"neumann_net is not zero on the Dirichlet edge {name} (|u| up to {off:.1e}): impose "
                   "u = 0 there exactly, with a factor φ that vanishes on the three Dirichlet edges.")
    u_edge, grad_edge, _ = _values_and_gradient(network, torch.stack([1 + 0 * edge, edge], 1))
    if float(u_edge.abs().max()) <= tol * size < float(u.abs().max()):
        reject("neumann_net vanishes on the edge x = 1, where only ∂u/∂n is prescribed: its factor φ "
               "must vanish on the three Dirichlet edges only, not on x = 1 as well.")
    exact, exact_grad = answers.neumann_solution(x), answers.neumann_gradient(x)
    norm2, seminorm2 = float((w * exact**2).sum()), float((w * (exact_grad**2).sum(1)).sum())
    error2 = float((w * (u - exact) ** 2).sum())
    l2 = math.sqrt(error2 / norm2)
    h1 = math.sqrt((error2 + float((w * ((grad - exact_grad) ** 2).sum(1)).sum())) / (norm2 + seminorm2))
    errors = f"relative L2 error {l2:.1%}, H1 error {h1:.1%}"
    if l2 <= answers.NEUMANN_L2_TOL and h1 <= answers.NEUMANN_H1_TOL:
        h = answers.neumann_data(edge)
        neumann = float((grad_edge[:, 0] - h).norm() / h.norm())
        return Feedback("correct", f"{errors}. No term imposes ∂u/∂x = h on x = 1, yet the trained "
                                   f"network meets it to {neumann:.1%} (relative RMS): the condition "
                                   "is natural.")
    ratio = float((w * u * exact).sum()) / norm2  # u's projection onto the solution, in multiples of it
    if abs(ratio) < 0.2:
        reject(f"neumann_net is close to zero (about {ratio:.2f} times the solution): with f = 0 and zero "
               "Dirichlet data only the boundary term over x = 1 drives the solution: is it in your "
               "loss, on fresh samples of that edge, and did the training run?")
    if ratio < 0:
        reject(f"neumann_net has the wrong sign (about {ratio:.2f} times the solution): redo the variation "
               "of E: the boundary term must cancel the ∫ ∂u/∂n v over x = 1 that the divergence "
               "theorem leaves, and its sign decides which way the solution bends.")
    if abs(ratio - 1) > 0.2:
        reject(f"neumann_net is about {ratio:.2f} times the solution ({errors}): check the weights of the "
               "two terms: ½ in front of |∇u|² only, and ∫ h u over the edge estimated as its length "
               "times the mean over samples on it.")
    reject(f"close to the solution but not accurate enough: {errors}, the check asks for at most "
           f"{answers.NEUMANN_L2_TOL:.0%} and {answers.NEUMANN_H1_TOL:.0%}: train longer (fresh samples "
           "at every step, a learning rate that decays to zero).")
