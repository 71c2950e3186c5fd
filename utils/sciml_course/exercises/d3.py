"""Checkers for the exercises of lecture D3 (Neural ODEs)."""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from .. import neural_ode, ode
from .core import NOT_ATTEMPTED, Feedback, _as_float, check_number, is_unanswered

PENDULUM_OMEGA = 1.5
STIFFNESS = (20.0, 2.0)


def _heun_reference(f: Callable, t: float, y: torch.Tensor, h: float) -> torch.Tensor:
    k1 = f(t, y)
    return y + h / 2 * (k1 + f(t + h, y + h * k1))


def check_heun_step(heun_step: Callable[..., torch.Tensor] | None) -> Feedback:
    """A Heun step ``heun_step(f, t, y, h)``: one step compared, then the order measured.

    Examples
    --------
    >>> check_heun_step(ode.euler_step).status
    'wrong'
    >>> check_heun_step(None).status
    'not attempted'
    """
    if is_unanswered(heun_step):
        return NOT_ATTEMPTED
    if not callable(heun_step):
        return Feedback("wrong", f"heun_step should be a function, got {type(heun_step).__name__}.")
    f = lambda t, y: torch.stack([y[..., 1], -torch.sin(y[..., 0]) + math.cos(t)], -1)  # noqa: E731
    y = torch.tensor([[0.3, -0.2], [1.0, 0.5]], dtype=torch.float64)
    try:
        got = heun_step(f, 0.4, y.clone(), 0.1)
    except Exception as error:  # the student's code failed: report, do not crash
        return Feedback("wrong", f"heun_step raised {type(error).__name__}: {error}")
    if not isinstance(got, torch.Tensor) or got.shape != y.shape:
        return Feedback("wrong", "heun_step should return a tensor shaped like y (a batch of states).")
    want = _heun_reference(f, 0.4, y, 0.1)
    if not torch.allclose(got.double(), want, atol=1e-12):
        if torch.allclose(got.double(), ode.euler_step(f, 0.4, y, 0.1), atol=1e-12):
            return Feedback("wrong", "that is a forward-Euler step: average the two slopes.")
        if torch.allclose(got.double(), ode.rk4_step(f, 0.4, y, 0.1), atol=1e-12):
            return Feedback("wrong", "that is an RK4 step, not Heun's method.")
        return Feedback("wrong", "one step differs from Heun's method: check where the second slope is evaluated.")
    y0 = torch.tensor([1.0, 0.0], dtype=torch.float64)
    exact = torch.tensor([math.cos(1.0), -math.sin(1.0)], dtype=torch.float64)
    osc = lambda t, y: torch.stack([y[..., 1], -y[..., 0]], -1)  # noqa: E731
    steps = [20, 40, 80]
    errors = []
    for n in steps:
        state, h = y0, 1.0 / n
        for k in range(n):
            state = heun_step(osc, k * h, state, h)
        errors.append(float((state - exact).norm()))
    order = neural_ode.convergence_order(steps, errors)
    if abs(order - 2) > 0.2:
        return Feedback("wrong", f"one step is right, but the measured order is {order:.2f}, not 2.")
    return Feedback("correct", f"Heun's step is right and its measured order is {order:.2f}.")


def check_adjoint_rhs(adjoint_rhs: Callable[..., torch.Tensor] | None) -> Feedback:
    """The adjoint right-hand side ``adjoint_rhs(a, M)`` of y' = M y, rows of ``a`` being aᵀ.

    Examples
    --------
    >>> check_adjoint_rhs(lambda a, M: a @ M.T).status
    'wrong'
    >>> check_adjoint_rhs(None).status
    'not attempted'
    """
    if is_unanswered(adjoint_rhs):
        return NOT_ATTEMPTED
    if not callable(adjoint_rhs):
        return Feedback("wrong", f"adjoint_rhs should be a function, got {type(adjoint_rhs).__name__}.")
    gen = torch.Generator().manual_seed(3)
    a = torch.randn(5, 3, generator=gen, dtype=torch.float64)
    M = torch.randn(3, 3, generator=gen, dtype=torch.float64)
    try:
        got = adjoint_rhs(a.clone(), M.clone())
    except Exception as error:  # the student's code failed: report, do not crash
        return Feedback("wrong", f"adjoint_rhs raised {type(error).__name__}: {error}")
    if not isinstance(got, torch.Tensor) or got.shape != a.shape:
        return Feedback("wrong", "adjoint_rhs should return a tensor shaped like a, (B, d).")
    got = got.double()
    want = -a @ M
    if torch.allclose(got, want, atol=1e-10):
        return Feedback("correct", "the adjoint right-hand side is right: aᵀy stays constant along the flow.")
    if torch.allclose(got, -want, atol=1e-10):
        return Feedback("wrong", "the sign is off: the adjoint runs backwards, a' = −aᵀ ∂f/∂y.")
    if torch.allclose(got, -a @ M.T, atol=1e-10) or torch.allclose(got, a @ M.T, atol=1e-10):
        return Feedback("wrong", "check the transpose: the rows of a are the row vectors aᵀ.")
    return Feedback("wrong", "d/dt (aᵀ y) must vanish for every solution y of y' = M y; yours does not.")


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
    if is_unanswered(invariant):
        return NOT_ATTEMPTED
    if not callable(invariant):
        return Feedback("wrong", f"pendulum_invariant should be a function, got {type(invariant).__name__}.")
    gen = torch.Generator().manual_seed(4)
    y = (torch.rand(200, 2, generator=gen, dtype=torch.float64) * 2 - 1) * torch.tensor([3.0, 3.0], dtype=torch.float64)
    y.requires_grad_(True)
    try:
        values = invariant(y)
    except Exception as error:  # the student's code failed: report, do not crash
        return Feedback("wrong", f"pendulum_invariant raised {type(error).__name__}: {error}")
    if not isinstance(values, torch.Tensor) or values.shape != (len(y),):
        return Feedback("wrong", "pendulum_invariant should return a tensor of shape (N,), one value per state.")
    if not values.requires_grad:
        return Feedback("wrong", "write H with torch operations on y, so that it can be differentiated.")
    grad = torch.autograd.grad(values.sum(), y)[0].double()
    if not torch.isfinite(grad).all() or not torch.isfinite(values).all():
        return Feedback("wrong", "pendulum_invariant returns non-finite values or gradients.")
    f = neural_ode.pendulum_rhs(0.0, y.detach(), omega=PENDULUM_OMEGA)
    rate = (grad * f).sum(-1)
    size = grad.norm(dim=-1) * f.norm(dim=-1)
    if float(grad.norm(dim=-1).max()) < 1e-8:
        return Feedback("wrong", "a constant is trivially conserved: find a quantity that varies between orbits.")
    if float(rate.abs().max()) > 1e-6 * max(1.0, float(size.max())):
        return Feedback("wrong", "dH/dt = ∇H · f is not zero along the pendulum's flow (mind ω = 1.5).")
    return Feedback("correct", "H is conserved along the flow and not constant.")


def check_max_stable_step(answer: Any) -> Feedback:
    """Largest Euler step h with |1 + hλ| ≤ 1 for the eigenvalues of −diag(20, 2).

    Examples
    --------
    >>> check_max_stable_step(1.0).status
    'wrong'
    >>> check_max_stable_step(None).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    expected = 2.0 / max(STIFFNESS)
    feedback = check_number(answer, expected, rtol=1e-6, what="the largest stable step",
                            hint="Both eigenvalues must satisfy |1 + hλ| ≤ 1.")
    value = _as_float(answer)
    if feedback.status == "wrong" and value is not None:
        if math.isclose(value, 2.0 / min(STIFFNESS), rel_tol=1e-6):
            return Feedback("wrong", "that step is stable for one eigenvalue only: the stiffer one decides.")
        if math.isclose(value, 1.0 / max(STIFFNESS), rel_tol=1e-6):
            return Feedback("wrong", "at that step the hidden state still decays; the limit is where |1 + hλ| = 1.")
    return feedback
