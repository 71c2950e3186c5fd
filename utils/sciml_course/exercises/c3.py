"""Checkers for the exercises of lecture C3 (physics-informed neural networks)."""

from __future__ import annotations

import numbers
from typing import Any, Callable

import numpy as np
import torch

from . import _answers as answers
from .. import pinn
from .core import Feedback, call, checker, matches, read_values, reject

__all__ = ["check_oscillator_residual", "check_fd_unknowns", "check_mixed_trial", "check_soft_boundary_net"]


@checker("oscillator_residual", function=True)
def check_oscillator_residual(answer: Any) -> Feedback:
    """Residual u'' + ω² u of the harmonic oscillator, tested on known functions.

    Examples
    --------
    >>> check_oscillator_residual(None).status
    'not attempted'
    >>> check_oscillator_residual(lambda u_fn, t, omega: u_fn(t)).status
    'wrong'
    """
    t = torch.linspace(0, 3, 40, dtype=torch.float64)[:, None]
    for u_fn, omega, expected in answers.oscillator_cases():
        got = read_values(call(answer, u_fn, t, omega, name="oscillator_residual"),
                          name="oscillator_residual", shape=t.shape, tensor=True,
                          expect="a tensor of shape (N, 1), like t")
        u = u_fn(t)
        want = expected(t)
        second = want - omega**2 * u
        scale = float(second.abs().max() + omega**2 * u.abs().max())  # the terms cancel for sin(2t)
        if matches(got, want, atol=1e-8, scale=scale):
            continue
        if matches(got, second + u, atol=1e-8, scale=scale):
            return Feedback("wrong", "the ω² factor is missing from the u term.")
        if matches(got, second - omega**2 * u, atol=1e-8, scale=scale):
            return Feedback("wrong", "check the sign: the equation is u'' + ω²u = 0.")
        return Feedback("wrong", "the residual is not u'' + ω²u for a test function; "
                                 "is the second derivative right?")
    return Feedback("correct", "the residual is right for three test functions.")


@checker("fd_unknowns_1e6")
def check_fd_unknowns(answer: Any) -> Feedback:
    """Smallest power of two n with FD relative L2 error below 1e-6 on C3's BVP.

    Examples
    --------
    >>> check_fd_unknowns(8).status
    'wrong'
    """
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Integral):
        reject(f"give an integer number of interior points, got {type(answer).__name__}.")
    answer = int(answer)
    expected = answers.fd_unknowns()
    if answer == expected:
        return Feedback("correct", "that is the smallest power of two below the 1e-6 error level.")
    if answer < 8 or answer & (answer - 1):
        return Feedback("wrong", "the answer should be a power of two of at least 8.")
    if answer > expected:
        return Feedback("wrong", "a smaller n already reaches an error below 1e-6.")
    return Feedback("wrong", "at that n the error is still above 1e-6.")


_NETWORKS = (lambda s: torch.sin(3 * s) + s**2, lambda s: torch.exp(-s), lambda s: torch.ones_like(s))


def _trial(answer: Callable, network: Callable, x: torch.Tensor):
    """u = answer(N(x), x) with N built from x, so that autograd sees N' too."""
    u = call(answer, network(x), x, name="mixed_trial")
    values = read_values(u, name="mixed_trial", shape=x.shape, tensor=True,
                         expect="a tensor of shape (N, 1), like x")
    return u, values


@checker("mixed_trial", function=True)
def check_mixed_trial(answer: Any) -> Feedback:
    """Trial function with u(0) = 1 and u'(1) = 0 for every network output.

    u'(1) is measured by autograd, as the PINN does; a u that autograd cannot differentiate
    (detached, rebuilt through NumPy) is wrong, and so is one whose autograd derivative is
    not the derivative of its values (part of it detached).

    Examples
    --------
    >>> check_mixed_trial(lambda n, x: 1 + x * (1 - x) * n).status
    'wrong'
    """
    x = torch.linspace(0, 1, 21, dtype=torch.float64)[:, None].requires_grad_(True)
    step = 1e-3
    results = []
    for network in _NETWORKS:
        u, values = _trial(answer, network, x)
        _, ahead = _trial(answer, network, (x + step).detach())
        _, behind = _trial(answer, network, (x - step).detach())
        results.append((u, values, (ahead.data - behind.data) / (2 * step), values.single or ahead.single))
    for _, values, _, single in results:
        if abs(float(values.data[0]) - 1.0) > (1e-5 if single else 1e-10):
            return Feedback("wrong", "u(0) = 1 fails for some network output.")
    if all(float((values.data - 1).abs().max()) <= 1e-6 for _, values, _, _ in results):
        return Feedback("wrong", "the trial function ignores the network: it cannot fit any equation.")
    for u, _, slope, single in results:
        du = None
        if isinstance(u, torch.Tensor) and u.requires_grad:
            (du,) = torch.autograd.grad(u.sum(), x, allow_unused=True)
        size = max(float(slope.abs().max()), 1.0)
        if du is None:  # autograd sees no dependence on x at all
            return Feedback("wrong", "autograd cannot differentiate your trial function "
                                     "(a .detach(), NumPy or a new tensor breaks the graph): "
                                     "the PINN needs u'(x) from it.")
        du = du.detach()
        if float((du - slope).abs()[1:-1].max()) > 1e-3 * size:
            return Feedback("wrong", "the derivative autograd sees is not the derivative of your u: "
                                     "part of it is detached from x (.detach(), NumPy or a new tensor).")
        if abs(float(du[-1])) > (1e-5 * size if single else 1e-10):
            return Feedback("wrong", "u'(1) = 0 fails for some network output: N has a derivative too.")
    return Feedback("correct", "both conditions hold for every network output tested.")


def _affine_remainder(values: torch.Tensor, x: torch.Tensor) -> float:
    """Norm of what is left of ``values`` after the least-squares fit of a + b x."""
    basis = torch.cat([torch.ones_like(x), x], 1)
    coefficients = torch.linalg.lstsq(basis, values).solution
    return float((values - basis @ coefficients).norm())


def _evaluate(net: torch.nn.Module, x: torch.Tensor, like: torch.Tensor):
    """The network's values at x (in its parameters' dtype and device), read as float64."""
    return read_values(call(net, x.to(like), name="soft_net"), name="soft_net", shape=x.shape, tensor=True,
                       expect="a tensor of shape (N, 1) for x of shape (N, 1)")


@checker("soft_net")
def check_soft_boundary_net(net: Any) -> Feedback:
    """A soft-constraint PINN trained for −u'' = f with u(0) = 1, u(1) = 2, judged by evaluating it.

    The check evaluates the network itself: its relative L2 error against the exact solution
    on 1001 points, its boundary values, and (to tell the causes of a failure apart) the
    shape of its error and its residual by autograd.

    Examples
    --------
    >>> check_soft_boundary_net(torch.nn.Linear(1, 1).double()).status
    'wrong'
    >>> check_soft_boundary_net(None).status
    'not attempted'
    """
    if not isinstance(net, torch.nn.Module):
        reject(f"soft_net should be the trained network (a torch.nn.Module), got {type(net).__name__}.")
    parameters = [p for p in net.parameters() if p.is_floating_point()]
    if not parameters:
        reject("soft_net has no trainable parameters: assign the network you trained.")
    like = parameters[0]  # evaluate in the network's own dtype and on its device
    tol, bc_tol = answers.SOFT_BOUNDARY_TOL, answers.SOFT_BOUNDARY_BC_TOL
    x = torch.linspace(0, 1, 1001, dtype=torch.float64)[:, None]
    with torch.no_grad():
        got = _evaluate(net, x, like).data
    exact = answers.soft_boundary_exact(x)
    lecture = exact - 1 - x  # the lecture's solution, zero at both ends
    error = float((got - exact).norm() / exact.norm())
    left, right = answers.SOFT_BOUNDARY_VALUES
    boundary = max(abs(float(got[0]) - left), abs(float(got[-1]) - right))
    if error <= tol and boundary <= bc_tol:
        return Feedback("correct", f"relative L2 error {error:.1e} (below {tol:g}) and boundary error "
                                   f"{boundary:.1e} (below {bc_tol:g}): the penalty holds u(0) = 1 and u(1) = 2.")
    if float((got - lecture).norm() / lecture.norm()) < 0.05:
        return Feedback("wrong", "your network vanishes at both ends: it solves the lecture's problem. "
                                 "Here the penalty must pull u(0) to 1 and u(1) to 2: (u(0) − 1)² + (u(1) − 2)².")
    difference = got - exact
    if boundary > bc_tol and _affine_remainder(difference, x) < 0.1 * float(difference.norm()):
        return Feedback("wrong", f"u'' is about right but the boundary values are off by up to {boundary:.2g}: "
                                 "the error is a straight line a + bx, which the residual cannot see. "
                                 "The boundary term weighs too little (or is missing), or the run stalled "
                                 "before meeting it (its final loss is then large: keep the lowest-loss run "
                                 "of several).")
    if _affine_remainder(got + lecture, x) < 0.1 * float(lecture.norm()):
        return Feedback("wrong", "the curvature has the wrong sign: your network solves u'' = f. "
                                 "The residual of −u'' = f is −u'' − f.")
    xs = torch.linspace(0, 1, 64, dtype=torch.float64)[:, None].requires_grad_(True)
    raw = call(net, xs.to(like), name="soft_net")
    if not (isinstance(raw, torch.Tensor) and raw.requires_grad):
        reject("soft_net's output does not depend on its input through autograd: assign the network itself.")
    pointwise = -pinn.derivative(raw, xs, 2).double() - answers.soft_boundary_rhs(xs)
    residual = float(pointwise.detach().pow(2).mean())
    if boundary <= bc_tol:
        return Feedback("wrong", f"the boundary values hold but the equation does not: relative L2 error "
                                 f"{error:.1e} (above {tol:g}), mean squared residual {residual:.1e}. Too large "
                                 "a w makes the loss badly conditioned (the optimiser serves the boundary "
                                 "first), or training stalled from this initialisation: keep the lowest-loss "
                                 "run of several.")
    return Feedback("wrong", f"neither the equation nor the boundary values hold: relative L2 error {error:.1e}, "
                             f"boundary error {boundary:.2g}, mean squared residual {residual:.1e}. Is the "
                             "network trained, on this problem? A run from an unlucky initialisation stalls "
                             "with a large final loss: keep the lowest-loss run of several.")
