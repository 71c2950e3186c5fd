"""Checkers for the exercises of case study one (PINNs for Burgers' equation)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from . import _answers as answers
from .core import Feedback, Values, call, check_number, checker, matches, read_values, reject

__all__ = ["check_max_exponent", "check_burgers_residual", "check_rad_probabilities", "check_viscous_pinn"]


@checker("max_exponent")
def check_max_exponent(answer: Any) -> Feedback:
    """Largest |cos(πy)/(2πν)| for ν = 0.001/π.

    Examples
    --------
    >>> check_max_exponent(50).status
    'wrong'
    >>> check_max_exponent(None).status
    'not attempted'
    """
    expected = answers.MAX_EXPONENT
    return check_number(
        answer, expected, rtol=1e-6, what="the largest exponent",
        hint="|cos| is at most one; what multiplies it?",
        mistakes=[(expected / 10,
                   "that is the exponent for the benchmark's ν = 0.01/π; this ν is ten times smaller."),
                  (expected * math.pi, "ν is 0.001/π: keep the π when you substitute it.")],
    )


def _random_fields(seed: int) -> list[torch.Tensor]:
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(30, generator=gen, dtype=torch.float64) for _ in range(4)]


@checker("burgers_residual", function=True)
def check_burgers_residual(answer: Any) -> Feedback:
    """Residual u_t + u u_x − ν u_xx, compared at random inputs.

    Examples
    --------
    >>> check_burgers_residual(lambda u, ux, ut, uxx, nu: ut + u * ux + nu * uxx).status
    'wrong'
    >>> check_burgers_residual(None).status
    'not attempted'
    """
    u, ux, ut, uxx = _random_fields(0)
    for nu in (0.01, 0.3):
        got = read_values(call(answer, u, ux, ut, uxx, nu, name="burgers_residual"), name="burgers_residual",
                          shape=u.shape, tensor=True, expect="a tensor of the same shape as u")
        if matches(got, answers.burgers_residual(u, ux, ut, uxx, nu), atol=1e-10):
            continue
        if matches(got, ut + u * ux + nu * uxx, atol=1e-10):
            return Feedback("wrong", "check the sign of the viscous term when it moves to the left side.")
        if matches(got, ut + ux - nu * uxx, atol=1e-10):
            return Feedback("wrong", "the convection term is nonlinear: it is u times u_x.")
        return Feedback("wrong", "the residual does not match u_t + u u_x − ν u_xx at random inputs.")
    return Feedback("correct", "the residual is right.")


@checker("rad_probabilities", function=True)
def check_rad_probabilities(answer: Any) -> Feedback:
    """RAD probabilities p ∝ |r|^k / mean(|r|^k) + c, normalised.

    Examples
    --------
    >>> check_rad_probabilities(lambda r, k, c: torch.ones_like(r) / len(r)).status
    'wrong'
    """
    r = _random_fields(1)[0]
    for k, c in ((1.0, 1.0), (2.0, 0.0), (0.5, 3.0)):
        got = read_values(call(answer, r, k, c, name="rad_probabilities"), name="rad_probabilities",
                          shape=r.shape, tensor=True,
                          expect="a tensor with one probability per residual value (same shape)")
        if float(got.data.min()) < 0:
            return Feedback("wrong", "probabilities cannot be negative: use the absolute value |r|.")
        if not matches(Values(got.data.sum().reshape(1), got.single), torch.ones(1), atol=1e-8):
            return Feedback("wrong", "the probabilities should sum to one.")
        if not matches(got, answers.rad_probabilities(r, k, c), atol=1e-10):
            return Feedback("wrong", f"the probabilities are off for k = {k}, c = {c}: "
                                     "is |r| used, and the mean taken before adding c?")
    return Feedback("correct", "the density is right for three choices of k and c.")


def _viscous_grid() -> tuple[torch.Tensor, np.ndarray, np.ndarray]:
    x, t = np.linspace(-1, 1, 65), np.linspace(0, 1, 41)
    xt = torch.tensor(np.stack(np.meshgrid(x, t), -1).reshape(-1, 2), dtype=torch.float64)
    return xt, x, t


def _relative_l2(u: np.ndarray, nu: float, x: np.ndarray, t: np.ndarray) -> float:
    exact = answers.burgers_exact(x, t, nu)
    return float(np.linalg.norm(u - exact) / np.linalg.norm(exact))


@checker("u_viscous", function=True)
def check_viscous_pinn(answer: Any) -> Feedback:
    """A PINN retrained at ten times the viscosity, ``u_viscous(xt)`` → u at the points ``xt``.

    The checker evaluates the student's function on its own 65 × 41 grid of [−1, 1] × [0, 1]
    (float64 points on the CPU, one per row) and compares with the exact Cole–Hopf solution at
    ν = 0.1/π.

    Examples
    --------
    >>> check_viscous_pinn(lambda xt: -torch.sin(math.pi * xt[:, 0])).status
    'wrong'
    >>> check_viscous_pinn(None).status
    'not attempted'
    """
    xt, x, t = _viscous_grid()
    got = read_values(call(answer, xt, name="u_viscous"), name="u_viscous", shape=(len(xt),), tensor=True,
                      expect=f"a tensor with one value of u per point, shape ({len(xt)},)")
    u = got.data.numpy().reshape(len(t), len(x))
    if np.abs(u[0] + np.sin(np.pi * x)).max() > 1e-6 or np.abs(u[:, [0, -1]]).max() > 1e-6:
        reject("u does not meet u(x, 0) = −sin(πx) and u(±1, t) = 0: return the trial function's u "
               "(the first output of trial), not the network's output.")
    error = _relative_l2(u, answers.CS1_VISCOUS_NU, x, t)
    tol = answers.CS1_VISCOUS_TOL
    if error <= tol:
        return Feedback("correct", f"relative L2 error {error:.1e} against the exact solution at ν = 0.1/π "
                                   f"(accepted below {tol:g}).")
    for nu, slip in ((answers.CS1_BENCHMARK_NU, "that is the solution at the benchmark's ν = 0.01/π: "
                                                "pass the new ν to the residual in the loss."),
                     (0.1, "that is the solution at ν = 0.1: the exercise's ν is 0.1/π.")):
        if _relative_l2(u, nu, x, t) < error / 3:
            reject(slip)
    reject(f"relative L2 error {error:.1e} against the exact solution at ν = 0.1/π, above {tol:g}: "
           "did BFGS run after Adam, on collocation points covering [0, 1] × [0, 1]?")
