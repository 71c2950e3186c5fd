"""Checkers for the exercises of lecture C3 (physics-informed neural networks)."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import torch

from .core import NOT_ATTEMPTED, Feedback, is_unanswered

__all__ = ["check_oscillator_residual", "check_fd_unknowns", "check_mixed_trial"]


def _call(fn: Callable, *args: Any) -> tuple[Any, Feedback | None]:
    try:
        return fn(*args), None
    except Exception as error:  # the student's code failed: report, do not crash
        return None, Feedback("wrong", f"your function raised {type(error).__name__}: {error}")


def check_oscillator_residual(answer: Any) -> Feedback:
    """Residual u'' + ω² u of the harmonic oscillator, tested on known functions.

    Examples
    --------
    >>> check_oscillator_residual(None).status
    'not attempted'
    >>> check_oscillator_residual(lambda u_fn, t, omega: u_fn(t)).status
    'wrong'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    if not callable(answer):
        return Feedback("wrong", f"oscillator_residual should be a function, got {type(answer).__name__}.")
    t = torch.linspace(0, 3, 40, dtype=torch.float64)[:, None]
    cases = [  # (u, omega, expected residual)
        (lambda s: torch.sin(2 * s), 2.0, lambda s: torch.zeros_like(s)),
        (lambda s: s**3, 1.5, lambda s: 6 * s + 2.25 * s**3),
        (lambda s: torch.cos(s), 3.0, lambda s: 8 * torch.cos(s)),
    ]
    for u_fn, omega, expected in cases:
        got, problem = _call(answer, u_fn, t.clone(), omega)
        if problem:
            return problem
        if not isinstance(got, torch.Tensor) or got.shape != t.shape:
            return Feedback("wrong", "return a tensor of shape (N, 1), like t.")
        if not torch.allclose(got.detach().double(), expected(t), atol=1e-8):
            if torch.allclose(got.detach().double(), expected(t) - omega**2 * u_fn(t) + u_fn(t), atol=1e-8):
                return Feedback("wrong", "the ω² factor is missing from the u term.")
            return Feedback("wrong", "the residual is not u'' + ω²u for a test function; is the second derivative right?")
    return Feedback("correct", "the residual is right for three test functions.")


def check_fd_unknowns(answer: Any) -> Feedback:
    """Smallest power of two n with FD relative L2 error below 1e-6 on C3's BVP.

    Examples
    --------
    >>> check_fd_unknowns(8).status
    'wrong'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer)):
        return Feedback("wrong", f"give an integer number of interior points, got {type(answer).__name__}.")
    expected = _fd_unknowns_reference()
    if answer == expected:
        return Feedback("correct", "that is the smallest power of two below the 1e-6 error level.")
    if answer & (answer - 1) or answer < 8:
        return Feedback("wrong", "the answer should be a power of two of at least 8.")
    if answer > expected:
        return Feedback("wrong", "a smaller n already reaches an error below 1e-6.")
    return Feedback("wrong", "at that n the error is still above 1e-6.")


def _fd_unknowns_reference() -> int:
    from scipy.linalg import solve_banded

    def u(x):
        return np.sin(np.pi * x) + 0.25 * np.sin(4 * np.pi * x)

    def f(x):
        return np.pi**2 * np.sin(np.pi * x) + 4 * np.pi**2 * np.sin(4 * np.pi * x)

    for k in range(3, 15):
        n = 2**k
        x = np.linspace(0, 1, n + 2)[1:-1]
        h = 1 / (n + 1)
        bands = np.zeros((3, n))
        bands[0, 1:], bands[1], bands[2, :-1] = -1 / h**2, 2 / h**2, -1 / h**2
        err = np.linalg.norm(solve_banded((1, 1), bands, f(x)) - u(x)) / np.linalg.norm(u(x))
        if err < 1e-6:
            return n
    raise AssertionError("no n reached 1e-6")  # pragma: no cover


def check_mixed_trial(answer: Any) -> Feedback:
    """Trial function with u(0) = 1 and u'(1) = 0 for every network output.

    Examples
    --------
    >>> check_mixed_trial(lambda n, x: 1 + x * (1 - x) * n).status
    'wrong'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    if not callable(answer):
        return Feedback("wrong", f"mixed_trial should be a function, got {type(answer).__name__}.")
    x = torch.linspace(0, 1, 21, dtype=torch.float64)[:, None].requires_grad_(True)
    networks = [lambda s: torch.ones_like(s), lambda s: torch.sin(3 * s) + s**2, lambda s: torch.exp(-s)]
    varies = False
    for network in networks:
        u, problem = _call(answer, network(x), x)
        if problem:
            return problem
        if not isinstance(u, torch.Tensor) or u.shape != x.shape:
            return Feedback("wrong", "return a tensor of shape (N, 1), like x.")
        du = None
        if u.requires_grad:
            (du,) = torch.autograd.grad(u.sum(), x, allow_unused=True)
        du = torch.zeros_like(x) if du is None else du
        u = u.detach()
        if not math.isclose(float(u[0]), 1.0, abs_tol=1e-10):
            return Feedback("wrong", "u(0) = 1 fails for some network output.")
        if abs(float(du[-1])) > 1e-10:
            return Feedback("wrong", "u'(1) = 0 fails for some network output: N has a derivative too.")
        varies = varies or float((u - 1).abs().max()) > 1e-6
    if not varies:
        return Feedback("wrong", "the trial function ignores the network: it cannot fit any equation.")
    return Feedback("correct", "both conditions hold for every network output tested.")
