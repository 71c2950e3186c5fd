"""Checkers for the exercises of case study two (FNO for Burgers' equation)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .core import NOT_ATTEMPTED, Feedback, check_number, is_unanswered

BREAK_EVEN = dict(train_seconds=120.0, data_seconds=30.0, solver_seconds=5e-3, fno_seconds=1e-4)


def check_break_even(count: Any) -> Feedback:
    """Number of predictions after which training + data generation pay off (values in the exercise).

    Examples
    --------
    >>> check_break_even(1).status
    'wrong'
    """
    b = BREAK_EVEN
    expected = (b["train_seconds"] + b["data_seconds"]) / (b["solver_seconds"] - b["fno_seconds"])
    return check_number(count, expected, rtol=0.02, what="the break-even count",
                        hint="Equate the total cost of both routes for n predictions.")


def _reference_parity(u: np.ndarray) -> np.ndarray:
    return -np.roll(u[..., ::-1], 1, axis=-1)


def _check_array_function(candidate: Any, reference: Callable, args: tuple, what: str, hint: str) -> Feedback:
    if is_unanswered(candidate):
        return NOT_ATTEMPTED
    if not callable(candidate):
        return Feedback("wrong", f"{what} should be a function.")
    try:
        got = np.asarray(candidate(*[a.copy() if isinstance(a, np.ndarray) else a for a in args]), dtype=float)
    except Exception as error:  # report the student's error, do not crash
        return Feedback("wrong", f"{what} raised {type(error).__name__}: {error}")
    want = reference(*args)
    if got.shape != want.shape:
        return Feedback("wrong", f"{what} should return an array of shape {want.shape}, got {got.shape}.")
    if not np.allclose(got, want, atol=1e-10, rtol=1e-8):
        return Feedback("wrong", f"{what} gives different values. {hint}")
    return Feedback("correct", f"{what} is right.")


def check_parity(parity: Callable | None) -> Feedback:
    """``parity(u)``: the grid values of −u(−x) for u of shape (B, N) on x_j = j / N.

    Examples
    --------
    >>> check_parity(_reference_parity).passed
    True
    """
    u = np.random.default_rng(0).standard_normal((3, 16))
    feedback = _check_array_function(parity, _reference_parity, (u,), "parity",
                                     "Which grid index does the point −x_j = 1 − x_j have?")
    if feedback.status == "wrong" and callable(parity):
        try:
            if np.allclose(parity(u.copy()), -u[:, ::-1]):
                return Feedback("wrong", "off by one grid point: x_0 = 0 must map to itself.")
        except Exception:
            pass
    return feedback


def _reference_heat(u0: np.ndarray, nu: float, t: float) -> np.ndarray:
    n = u0.shape[-1]
    k = 2 * np.pi * np.fft.rfftfreq(n, d=1.0 / n)
    return np.fft.irfft(np.fft.rfft(u0) * np.exp(-nu * k**2 * t), n=n)


def check_heat_prediction(heat_prediction: Callable | None) -> Feedback:
    """``heat_prediction(u0, nu, t)``: the exact solution of u_t = ν u_xx on [0, 1) (periodic).

    Examples
    --------
    >>> check_heat_prediction(_reference_heat).passed
    True
    """
    u0 = np.random.default_rng(1).standard_normal((2, 32))
    return _check_array_function(heat_prediction, _reference_heat, (u0, 0.01, 0.5), "heat_prediction",
                                 "Damp mode k by exp(−ν (2πk)² t) in Fourier space.")
