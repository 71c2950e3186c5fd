"""Checkers for the exercises of case study two (FNO for Burgers' equation)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import torch

from . import _answers as answers
from .core import Feedback, call, check_number, checker, matches, read_values

__all__ = ["check_break_even", "check_parity", "check_heat_prediction"]


@checker("break_even_count")
def check_break_even(count: Any) -> Feedback:
    """Number of predictions after which training + data generation pay off (values in the exercise).

    Examples
    --------
    >>> check_break_even(1).status
    'wrong'
    >>> check_break_even(None).status
    'not attempted'
    """
    costs = answers.BREAK_EVEN
    return check_number(
        count, answers.break_even_count(), rtol=2e-3, what="the break-even count",
        hint="Equate the total cost of both routes for n predictions.",
        mistakes=[
            (answers.break_even_count(fno_seconds=0.0),
             "the FNO's own time per prediction counts too: each prediction saves only the difference."),
            (answers.break_even_count(data_seconds=0.0),
             "generating the training data is part of the up-front cost."),
            (answers.break_even_count(fno_seconds=-costs["fno_seconds"]),
             "each FNO prediction saves the solver's time minus the FNO's, not their sum."),
        ],
    )


def _read(result: Any, name: str, shape: tuple) -> Any:
    return read_values(result, name=name, shape=shape, complex_ok=True, expect=f"an array of shape {shape}")


@checker("parity", function=True)
def check_parity(parity: Callable | None) -> Feedback:
    """``parity(u)``: the grid values of −u(−x) for u of shape (B, N) on x_j = j / N.

    Examples
    --------
    >>> check_parity(lambda u: -u).status
    'wrong'
    >>> check_parity(None).status
    'not attempted'
    """
    rng = np.random.default_rng(0)
    for n in (16, 15):
        u = rng.standard_normal((3, n))
        got = _read(call(parity, u, name="parity"), "parity", u.shape)
        if matches(got, torch.from_numpy(answers.parity(u)), atol=1e-10, rtol=1e-8):
            continue
        if matches(got, torch.from_numpy(-u[:, ::-1].copy()), atol=1e-10, rtol=1e-8):
            return Feedback("wrong", "off by one grid point: x_0 = 0 must map to itself.")
        if matches(got, torch.from_numpy(-answers.parity(u)), atol=1e-10, rtol=1e-8):
            return Feedback("wrong", "the values are mirrored correctly, but the sign is off: −u(−x).")
        return Feedback("wrong", "parity gives different values. "
                                 "Which grid index does the point −x_j = 1 − x_j have?")
    return Feedback("correct", "parity is right, on even and odd grids.")


@checker("heat_prediction", function=True)
def check_heat_prediction(heat_prediction: Callable | None) -> Feedback:
    """``heat_prediction(u0, nu, t)``: the exact solution of u_t = ν u_xx on [0, 1) (periodic).

    A complex result is accepted only if its imaginary parts are rounding noise.

    Examples
    --------
    >>> check_heat_prediction(lambda u0, nu, t: u0 * np.exp(-nu * t)).status
    'wrong'
    >>> check_heat_prediction(None).status
    'not attempted'
    """
    u0 = np.random.default_rng(1).standard_normal((2, 32))
    nu, t = 0.01, 0.5
    got = _read(call(heat_prediction, u0, nu, t, name="heat_prediction"), "heat_prediction", u0.shape)
    if matches(got, torch.from_numpy(answers.heat_prediction(u0, nu, t)), atol=1e-10, rtol=1e-8):
        return Feedback("correct", "heat_prediction is right.")
    without_two_pi = torch.from_numpy(answers.heat_prediction(u0, nu / (2 * np.pi) ** 2, t))
    if matches(got, without_two_pi, atol=1e-10, rtol=1e-8):
        return Feedback("wrong", "the wave numbers are off by 2π: mode k of [0, 1) is e^{2πikx}.")
    return Feedback("wrong", "heat_prediction gives different values. "
                             "Damp mode k by exp(−ν (2πk)² t) in Fourier space.")
