"""Checkers for the exercises of lecture D3 (Neural ODEs)."""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from .. import convergence, neural_ode, ode, seeding
from . import _answers as answers
from .core import SINGLE_TOL, Feedback, call, check_number, checker, matches, read_values, reject

__all__ = ["check_heun_step", "check_adjoint_rhs", "check_pendulum_invariant", "check_max_stable_step",
           "check_learned_linear_field", "linear_field_data"]


def _forced_pendulum(t: float, y: torch.Tensor) -> torch.Tensor:
    return torch.stack([y[..., 1], -torch.sin(y[..., 0]) + math.cos(t)], -1)


def _oscillator(t: float, y: torch.Tensor) -> torch.Tensor:
    return torch.stack([y[..., 1], -y[..., 0]], -1)


def _step(heun_step: Callable, f: Callable, t: float, y: torch.Tensor, h: float):
    return read_values(call(heun_step, f, t, y, h, name="heun_step"), name="heun_step", shape=y.shape,
                       tensor=True, expect=f"a tensor shaped like y, {tuple(y.shape)} (a batch of states)")


@checker("heun_step", function=True)
def check_heun_step(heun_step: Callable[..., torch.Tensor] | None) -> Feedback:
    """A Heun step ``heun_step(f, t, y, h)``: one step compared, then the order measured.

    Every call gets a fresh copy of y, so a step that updates y in place is judged by its
    result alone.

    Examples
    --------
    >>> check_heun_step(ode.euler_step).status
    'wrong'
    >>> check_heun_step(None).status
    'not attempted'
    """
    y = torch.tensor([[0.3, -0.2], [1.0, 0.5]], dtype=torch.float64)
    got = _step(heun_step, _forced_pendulum, 0.4, y, 0.1)
    if not matches(got, answers.heun_step(_forced_pendulum, 0.4, y, 0.1), atol=1e-12):
        for method, name in ((ode.euler_step, "a forward-Euler step: average the two slopes."),
                             (ode.rk4_step, "an RK4 step, not Heun's method."),
                             (answers.midpoint_step,
                              "the midpoint method: Heun averages the slopes at both ends.")):
            if matches(got, method(_forced_pendulum, 0.4, y, 0.1), atol=1e-12):
                reject(f"that is {name}")
        reject("one step differs from Heun's method: check where the second slope is evaluated.")
    y0 = torch.tensor([[1.0, 0.0]], dtype=torch.float64)
    exact = torch.tensor([[math.cos(1.0), -math.sin(1.0)]], dtype=torch.float64)
    steps, errors = [10, 20, 40], []
    for n in steps:
        state, h = y0, 1.0 / n
        for k in range(n):
            state = _step(heun_step, _oscillator, k * h, state, h).data
        errors.append(float((state - exact).norm()))
    order = -convergence.loglog_slope(steps, errors)  # errors ∝ N^(−order)
    if abs(order - 2) > 0.2:
        return Feedback("wrong", f"one step is right, but the measured order is {order:.2f}, not 2.")
    return Feedback("correct", f"Heun's step is right and its measured order is {order:.2f}.")


@checker("adjoint_rhs", function=True)
def check_adjoint_rhs(adjoint_rhs: Callable[..., torch.Tensor] | None) -> Feedback:
    """The adjoint right-hand side ``adjoint_rhs(a, M)`` of y' = M y, rows of ``a`` being aᵀ.

    Examples
    --------
    >>> check_adjoint_rhs(lambda a, M: a @ M.T).status
    'wrong'
    >>> check_adjoint_rhs(None).status
    'not attempted'
    """
    gen = torch.Generator().manual_seed(3)
    a = torch.randn(5, 3, generator=gen, dtype=torch.float64)
    M = torch.randn(3, 3, generator=gen, dtype=torch.float64)
    got = read_values(call(adjoint_rhs, a, M, name="adjoint_rhs"), name="adjoint_rhs", shape=a.shape,
                      tensor=True, expect="a tensor shaped like a, (B, d)")
    want = answers.adjoint_rhs(a, M)
    if matches(got, want, atol=1e-10):
        return Feedback("correct", "the adjoint right-hand side is right: aᵀy stays constant along the flow.")
    if matches(got, -want, atol=1e-10):
        return Feedback("wrong", "the sign is off: the adjoint runs backwards, a' = −aᵀ ∂f/∂y.")
    if matches(got, -a @ M.T, atol=1e-10) or matches(got, a @ M.T, atol=1e-10):
        return Feedback("wrong", "check the transpose: the rows of a are the row vectors aᵀ.")
    return Feedback("wrong", "d/dt (aᵀ y) must vanish for every solution y of y' = M y; yours does not.")


@checker("pendulum_invariant", function=True)
def check_pendulum_invariant(invariant: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """A conserved quantity H(q, p) of q' = p, p' = −ω² sin q with ω = 1.5.

    Tests ∇H · f = 0 at random states (by autograd) and that H is not constant.

    Examples
    --------
    >>> check_pendulum_invariant(lambda y: y[:, 1] ** 2 / 2 + 1 - torch.cos(y[:, 0])).status
    'wrong'
    >>> check_pendulum_invariant(None).status
    'not attempted'
    """
    gen = torch.Generator().manual_seed(4)
    y = ((torch.rand(200, 2, generator=gen, dtype=torch.float64) * 2 - 1) * 3.0).requires_grad_(True)
    values = call(invariant, y, name="pendulum_invariant")
    read = read_values(values, name="pendulum_invariant", shape=(len(y),), tensor=True,
                       expect="a tensor of shape (N,), one value per state")
    if not values.requires_grad:
        return Feedback("wrong", "write H with torch operations on y, so that it can be differentiated.")
    (grad,) = torch.autograd.grad(values.sum(), y, allow_unused=True)
    if grad is None:
        return Feedback("wrong", "H does not depend on y through autograd: "
                                 "write it with torch operations on y.")
    grad = grad.detach().to(torch.float64)
    if not torch.isfinite(grad).all():
        return Feedback("wrong", "pendulum_invariant has non-finite gradients.")
    f = neural_ode.pendulum_rhs(0.0, y.detach(), omega=answers.PENDULUM_OMEGA)
    rate = (grad * f).sum(-1)
    size = grad.norm(dim=-1) * f.norm(dim=-1)
    if float(grad.norm(dim=-1).max()) < 1e-8:
        return Feedback("wrong", "a constant is trivially conserved: "
                                 "find a quantity that varies between orbits.")
    if float(rate.abs().max()) > (SINGLE_TOL if read.single else 1e-6) * max(1.0, float(size.max())):
        return Feedback("wrong", "dH/dt = ∇H · f is not zero along the pendulum's flow (mind ω = 1.5).")
    return Feedback("correct", "H is conserved along the flow and not constant.")


@checker("max_stable_step")
def check_max_stable_step(answer: Any) -> Feedback:
    """Largest Euler step h with |1 + hλ| ≤ 1 for the eigenvalues of −diag(20, 2).

    Examples
    --------
    >>> check_max_stable_step(1.0).status
    'wrong'
    >>> check_max_stable_step(None).status
    'not attempted'
    """
    stiff, soft = max(answers.STIFFNESS), min(answers.STIFFNESS)
    return check_number(
        answer, answers.max_stable_step(), rtol=1e-6, what="the largest stable step",
        hint="Both eigenvalues must satisfy |1 + hλ| ≤ 1.",
        mistakes=[(2.0 / soft, "that step is stable for one eigenvalue only: the stiffer one decides."),
                  (1.0 / stiff,
                   "at that step the hidden state still decays; the limit is where |1 + hλ| = 1.")],
    )


def linear_field_data(noise: float = 0.01, seed: int = 7) -> tuple[torch.Tensor, torch.Tensor]:
    """Noisy samples of three trajectories of an unknown y' = M y (the hands-on exercise's data).

    Returns ``(t, observed)``: 101 times 0, 0.1, …, 10 and the observations, shape (101, 3, 2),
    float64, with Gaussian noise of standard deviation ``noise`` (its stream follows the run seed).

    Examples
    --------
    >>> t, observed = linear_field_data()
    >>> tuple(observed.shape), float(t[1])
    ((101, 3, 2), 0.1)
    """
    field = torch.tensor(answers.LINEAR_FIELD, dtype=torch.float64)
    starts = torch.tensor([[2.0, 0.0], [0.0, 1.0], [-1.0, -1.5]], dtype=torch.float64)
    t, _, observed = neural_ode.trajectory(lambda _, y: y @ field.T, starts, 10.0, 101, noise=noise,
                                           generator=seeding.torch_generator(seed))
    return t, observed


@checker("learned_matrix")
def check_learned_linear_field(matrix: Any) -> Feedback:
    """The matrix M of y' = M y that a linear vector field learned from noisy trajectories.

    Accepted within 0.02 of the truth in every entry (the fit reaches about 0.003).

    Examples
    --------
    >>> check_learned_linear_field(torch.eye(2)).status
    'wrong'
    >>> check_learned_linear_field(None).status
    'not attempted'
    """
    got = read_values(matrix, name="learned_matrix", shape=(2, 2), expect="a 2 × 2 matrix")
    want = torch.tensor(answers.LINEAR_FIELD, dtype=torch.float64)
    atol = answers.LINEAR_FIELD_ATOL
    if matches(got, want, atol=atol):
        return Feedback("correct", f"the learned field is y' = M y with M right to within {atol:g}.")
    step = torch.linalg.matrix_exp(answers.LINEAR_FIELD_SPACING * want)
    if matches(got, want.T, atol=atol):
        return Feedback("wrong", "that is Mᵀ: torch.nn.Linear computes y Wᵀ for a row of states, "
                                 "so its weight W is M itself.")
    if matches(got, -want, atol=atol):
        return Feedback("wrong", "the sign is flipped: that field runs the trajectories backwards in time.")
    if matches(got, step, atol=atol):
        return Feedback("wrong", "that is the map from one sample to the next, exp(M Δt), "
                                 "not the vector field: fit y' = f(y) through the ODE solver.")
    if matches(got, (step - torch.eye(2, dtype=torch.float64)) / answers.LINEAR_FIELD_SPACING, atol=atol / 4):
        return Feedback("wrong", "that is a forward difference of the samples, (exp(M Δt) − I)/Δt, "
                                 "which is M only to first order in Δt: fit through the ODE solver.")
    return Feedback("wrong", f"not the field's matrix to within {atol:g}: check that the layer has no bias, "
                             "acts on the state's last axis and that the training converged (loss ~1e-4).")
