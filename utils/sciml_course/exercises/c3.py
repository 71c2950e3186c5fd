"""Checkers for the exercises of lecture C3 (physics-informed neural networks)."""

from __future__ import annotations

import numbers
from typing import Any, Callable

import numpy as np
import torch

from . import _answers as answers
from .core import Feedback, call, checker, matches, read_values, reject

__all__ = ["check_oscillator_residual", "check_fd_unknowns", "check_mixed_trial"]


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
