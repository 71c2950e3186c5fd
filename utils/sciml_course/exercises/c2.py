"""Checkers for the exercises of lecture C2 (machine learning for function approximation)."""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable

import numpy as np
import torch

from .. import approximation
from .core import NOT_ATTEMPTED, Feedback, check_number, is_unanswered

SAWTOOTH_DEPTH = 6
YAROTSKY_LEVELS = 4
RUNGE10_POLE = 0.1j


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Integral):
        return True
    return isinstance(value, numbers.Real) and float(value).is_integer()


def check_sawtooth_counts(pieces: Any, min_width: Any) -> Feedback:
    """Linear pieces of g_6 on [0, 1] and the width bound for a shallow ReLU network.

    Examples
    --------
    >>> check_sawtooth_counts(12, 11).status
    'wrong'
    >>> check_sawtooth_counts(None, None).status
    'not attempted'
    """
    if is_unanswered(pieces) or is_unanswered(min_width):
        return NOT_ATTEMPTED
    if not (_is_integer(pieces) and _is_integer(min_width)):
        return Feedback("wrong", "both answers are counts: give whole numbers.")
    pieces, min_width = int(pieces), int(min_width)
    expected = 2**SAWTOOTH_DEPTH
    if pieces == 2 * SAWTOOTH_DEPTH or pieces == 3 * SAWTOOTH_DEPTH:
        return Feedback("wrong", "the number of pieces grows faster than linearly in the depth: "
                                 "what does one more composition do to each piece?")
    if pieces == expected // 2:
        return Feedback("wrong", "that is the number of teeth, not of linear pieces (each tooth has two).")
    if pieces != expected:
        return Feedback("wrong", "the number of pieces is not right: count them for L = 1, 2, 3 first.")
    if min_width == pieces - 1:
        return Feedback("correct",
                        "pieces and width bound are right: depth L buys 2^L pieces for 3L neurons.")
    if min_width == pieces:
        return Feedback("wrong",
                        "the pieces are right; the bound counts breakpoints between pieces, not pieces.")
    return Feedback("wrong", "the pieces are right but the width bound is not: one neuron, one breakpoint.")


def _yarotsky_reference(x: torch.Tensor, levels: int = YAROTSKY_LEVELS) -> torch.Tensor:
    result = x.clone()
    saw = x.clone()
    for s in range(1, levels + 1):
        saw = approximation.hat(saw)
        result = result - saw / 4**s
    return result


def check_square_approximation(candidate: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """Yarotsky's f_4(x) = x − Σ_{s≤4} g_s(x)/4^s, compared on points of [0, 1].

    Examples
    --------
    >>> check_square_approximation(lambda x: x ** 2).status
    'wrong'
    >>> check_square_approximation(None).status
    'not attempted'
    """
    if is_unanswered(candidate):
        return NOT_ATTEMPTED
    if not callable(candidate):
        kind = type(candidate).__name__
        return Feedback("wrong", f"square_approximation should be a function, got {kind}.")
    gen = torch.Generator().manual_seed(0)
    x = torch.cat([torch.linspace(0, 1, 257, dtype=torch.float64),
                   torch.rand(200, dtype=torch.float64, generator=gen)]).unsqueeze(1)
    try:
        with torch.no_grad():
            got = candidate(x.clone())
    except Exception as error:  # the student's code failed: report, do not crash
        return Feedback("wrong", f"square_approximation raised {type(error).__name__}: {error}")
    if not isinstance(got, torch.Tensor) or got.shape != x.shape:
        return Feedback("wrong", "return a tensor of the same shape (N, 1) as the input.")
    got = got.detach().double()
    if not torch.isfinite(got).all():
        return Feedback("wrong", "square_approximation returns non-finite values.")
    if torch.allclose(got, x**2, atol=1e-12):
        return Feedback("wrong",
                        "that is x² itself; build the piecewise-linear network f_4 from sawtooth functions.")
    if torch.allclose(got, _yarotsky_reference(x), atol=1e-10):
        return Feedback("correct", "this is f_4: it interpolates x² at the dyadic points j/16.")
    for levels in range(1, 9):
        if levels != YAROTSKY_LEVELS and torch.allclose(got, _yarotsky_reference(x, levels), atol=1e-10):
            return Feedback("wrong", f"this is Yarotsky's construction with {levels} sawtooth levels; "
                                     f"use {YAROTSKY_LEVELS}.")
    knots = torch.linspace(0, 1, 17, dtype=torch.float64).unsqueeze(1)
    with torch.no_grad():
        at_knots = candidate(knots.clone()).detach().double()
    if not torch.allclose(at_knots, knots**2, atol=1e-10):
        return Feedback("wrong", "f_4 must equal x² at the dyadic points j/16; yours does not.")
    return Feedback("wrong",
                    "right at the dyadic points, but not linear between them: check the weights 1/4^s.")


def check_bernstein_rho(answer: Any) -> Feedback:
    """ρ of the Bernstein ellipse of 1/(1 + 100x²) (poles ±i/10).

    Examples
    --------
    >>> check_bernstein_rho(1.2198).status
    'wrong'
    >>> check_bernstein_rho(None).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    expected = approximation.bernstein_rho(RUNGE10_POLE)
    feedback = check_number(answer, expected, rtol=2e-3, what="ρ",
                            hint="ρ is the sum of the semi-axes of the ellipse with foci ±1 "
                                 "through the poles.")
    if feedback.passed or not isinstance(answer, numbers.Real):
        return feedback
    value = float(answer)
    if math.isclose(value, approximation.bernstein_rho(0.2j), rel_tol=2e-3):
        return Feedback("wrong",
                        "that is ρ for Runge's function 1/(1 + 25x²); the poles here are elsewhere.")
    if math.isclose(value, math.log(expected), rel_tol=2e-3):
        return Feedback("wrong", "that is log ρ, the rate α; the question asks for ρ itself.")
    if value <= 1:
        return Feedback("wrong", "ρ must exceed 1: the ellipse encloses the interval [-1, 1].")
    return feedback


def check_fourier_slope_kink(answer: Any) -> Feedback:
    """Measured algebraic rate of the Fourier series of |sin(πx)| (theory −3/2).

    Examples
    --------
    >>> check_fourier_slope_kink(-0.5).status
    'wrong'
    >>> check_fourier_slope_kink(None).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    feedback = check_number(answer, -1.5, atol=0.1, rtol=0.0, what="the slope",
                            hint="Fit log(error) against log(n) over n = 31 ... 255.")
    if not feedback.passed and isinstance(answer, numbers.Real) and float(answer) > 0:
        return Feedback("wrong", "the slope should be negative: the error decreases as n grows.")
    return feedback
