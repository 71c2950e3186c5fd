"""Checkers for the exercises of lecture C2 (machine learning for function approximation)."""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from .. import approximation
from . import _answers as answers
from .core import Feedback, call, check_number, checker, matches, read_count, read_values, reject

__all__ = ["check_sawtooth_counts", "check_square_approximation", "check_bernstein_rho",
           "check_fourier_slope_kink", "check_fourier_features"]


@checker("pieces_g6 and min_width_g6", answers=2)
def check_sawtooth_counts(pieces: Any, min_width: Any) -> Feedback:
    """Linear pieces of g_6 on [0, 1] and the width bound for a shallow ReLU network.

    Examples
    --------
    >>> check_sawtooth_counts(12, 11).status
    'wrong'
    >>> check_sawtooth_counts(None, None).status
    'not attempted'
    """
    pieces = read_count(pieces, what="pieces_g6 (a count)")
    min_width = read_count(min_width, what="min_width_g6 (a count)")
    depth, expected = answers.SAWTOOTH_DEPTH, answers.SAWTOOTH_PIECES
    if pieces in (2 * depth, 3 * depth):
        return Feedback("wrong", "the number of pieces grows faster than linearly in the depth: "
                                 "what does one more composition do to each piece?")
    if pieces == expected // 2:
        return Feedback("wrong", "that is the number of teeth, not of linear pieces (each tooth has two).")
    if pieces != expected:
        return Feedback("wrong", "the number of pieces is not right: count them for L = 1, 2, 3 first.")
    if min_width == pieces - 1:
        return Feedback("correct", "pieces and width bound are right: "
                                   "depth L buys 2^L pieces for 3L neurons.")
    if min_width == pieces:
        return Feedback("wrong", "the pieces are right; "
                                 "the bound counts breakpoints between pieces, not pieces.")
    return Feedback("wrong", "the pieces are right but the width bound is not: one neuron, one breakpoint.")


def _evaluate(candidate: Callable, x: torch.Tensor):
    return read_values(call(candidate, x, name="square_approximation"), name="square_approximation",
                       shape=x.shape, tensor=True, expect="a tensor of the same shape (N, 1) as the input")


@checker("square_approximation", function=True)
def check_square_approximation(candidate: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """Yarotsky's f_4 of the exercise, compared on points of [0, 1].

    Examples
    --------
    >>> check_square_approximation(lambda x: x ** 2).status
    'wrong'
    >>> check_square_approximation(None).status
    'not attempted'
    """
    gen = torch.Generator().manual_seed(0)
    x = torch.cat([torch.linspace(0, 1, 257, dtype=torch.float64),
                   torch.rand(200, dtype=torch.float64, generator=gen)]).unsqueeze(1)
    got = _evaluate(candidate, x)
    tol = dict(atol=1e-6)  # values lie in [0, 1]; the wrong variants differ by at least 1e-3
    if matches(got, x**2, **tol):
        return Feedback("wrong", "that is x² itself; "
                                 "build the piecewise-linear network f_4 from sawtooth functions.")
    if matches(got, answers.yarotsky(x), **tol):
        return Feedback("correct", "this is f_4: it interpolates x² at the dyadic points j/16.")
    for levels in range(1, 9):
        if levels != answers.YAROTSKY_LEVELS and matches(got, answers.yarotsky(x, levels), **tol):
            return Feedback("wrong", f"this is Yarotsky's construction with {levels} sawtooth levels; "
                                     f"use {answers.YAROTSKY_LEVELS}.")
    knots = torch.linspace(0, 1, 17, dtype=torch.float64).unsqueeze(1)
    if not matches(_evaluate(candidate, knots), knots**2, **tol):
        return Feedback("wrong", "f_4 must equal x² at the dyadic points j/16; yours does not.")
    return Feedback("wrong", "right at the dyadic points, but not linear between them: "
                             "check the weights 1/4^s.")


@checker("rho_runge10")
def check_bernstein_rho(answer: Any) -> Feedback:
    """ρ of the Bernstein ellipse of 1/(1 + 100x²).

    Examples
    --------
    >>> check_bernstein_rho(1.2198).status
    'wrong'
    >>> check_bernstein_rho(None).status
    'not attempted'
    """
    expected = answers.bernstein_rho()
    return check_number(
        answer, expected, rtol=2e-3, what="ρ",
        hint="ρ is the sum of the semi-axes of the ellipse with foci ±1 through the poles.",
        mistakes=[
            (answers.bernstein_rho(0.2j),
             "that is ρ for Runge's function 1/(1 + 25x²); the poles here are elsewhere."),
            (math.log(expected), "that is log ρ, the rate α; the question asks for ρ itself."),
            (answers.bernstein_rho(10j),
             "the poles are the roots of 1 + 100x² = 0: how far from the real axis?"),
            (lambda value: value <= 1, "ρ must exceed 1: the ellipse encloses the interval [-1, 1]."),
        ],
    )


@checker("fourier_slope_kink")
def check_fourier_slope_kink(answer: Any) -> Feedback:
    """Measured algebraic rate of the RMS error of the Fourier series of |sin(πx)|.

    Examples
    --------
    >>> check_fourier_slope_kink(-0.5).status
    'wrong'
    >>> check_fourier_slope_kink(None).status
    'not attempted'
    """
    expected = answers.FOURIER_KINK_SLOPE
    return check_number(
        answer, expected, atol=0.1, rtol=0.0, what="the slope",
        hint="Fit log(error) against log(n) over n = 31 ... 255.",
        mistakes=[
            (lambda value: value > 0, "the slope should be negative: the error decreases as n grows."),
            (2 * expected, "that is the slope of the squared error: take the root of the mean square."),
            (expected + 0.5, "that is the rate of the maximum error; the question asks for the RMS error."),
        ],
    )


def _residual_amplitudes(candidate: Callable, x: torch.Tensor, y: torch.Tensor, seed: int) -> list[float]:
    name = "train_with_fourier_features"
    net = call(candidate, x, y, answers.FEATURE_STEPS, seed, name=name)
    if not isinstance(net, torch.nn.Module):
        reject(f"{name} should return the trained network (a torch.nn.Module), got {type(net).__name__}.")
    with torch.no_grad():
        out = call(net, x, name="the returned network")
    got = read_values(out, name="the returned network", shape=x.shape, tensor=True,
                      expect="a tensor of shape (N, 1) for inputs of shape (N, 1)")
    residual = (y.double() - got.data).squeeze(1).numpy()
    return approximation.fourier_amplitudes(residual, answers.FEATURE_FREQUENCIES).tolist()


@checker("train_with_fourier_features", function=True)
def check_fourier_features(candidate: Callable[..., torch.nn.Module] | None) -> Feedback:
    """Train the student's network for 300 steps on a sum of three sines, for two seeds.

    The target has other frequencies than the lecture's (the method must work
    for any target of this kind); every residual amplitude must fall below 0.1
    for both seeds.

    Examples
    --------
    >>> check_fourier_features(lambda x, y, steps, seed: None).status
    'wrong'
    >>> check_fourier_features(None).status
    'not attempted'
    """
    x = torch.as_tensor(approximation.periodic_grid(256), dtype=torch.float32).unsqueeze(1)
    y = sum(torch.sin(k * torch.pi * x) for k in answers.FEATURE_FREQUENCIES)
    worst = 0.0
    for seed in answers.FEATURE_SEEDS:
        amplitudes = _residual_amplitudes(candidate, x, y, seed)
        missed = [k for k, a in zip(answers.FEATURE_FREQUENCIES, amplitudes) if a >= answers.FEATURE_THRESHOLD]
        if len(missed) == len(amplitudes):
            return Feedback("wrong", f"after {answers.FEATURE_STEPS} steps no frequency of the target is learnt "
                                     f"(seed {seed}): is the returned network trained for `steps` steps, and does "
                                     "its first layer embed x in random Fourier features?")
        if missed:
            return Feedback("wrong", f"after {answers.FEATURE_STEPS} steps (seed {seed}) the residual still holds "
                                     f"the frequencies k = {missed} of sin(kπx) (amplitude 0.1 or more): "
                                     "the embedding's random frequencies are too low for the target's "
                                     "angular frequencies kπ: choose σ.")
        worst = max(worst, *amplitudes)
    return Feedback("correct", f"every residual amplitude is below {answers.FEATURE_THRESHOLD} after "
                               f"{answers.FEATURE_STEPS} steps for both seeds (largest {worst:.0e}): the random "
                               "features turn a high-frequency fit into a low-frequency one.")
