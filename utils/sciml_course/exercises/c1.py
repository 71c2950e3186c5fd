"""Checkers for the exercises of lecture C1."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
import torch

from .. import inverse_problems
from .core import NOT_ATTEMPTED, Feedback, check_function, check_number, is_unanswered

PERCEPTRON_W = (2.0, -1.0)
PERCEPTRON_C = 1.0
PERCEPTRON_POINTS = ((1.0, 1.0), (0.0, 0.0), (1.0, 0.0), (2.0, 3.0))


def _step(s: float, at_zero: float) -> float:
    return 1.0 if s > 0 else (0.0 if s < 0 else at_zero)


def check_perceptron_outputs(outputs: Any) -> Feedback:
    """Out = H(w·X − C) with w = (2, −1), C = 1 at the four ``PERCEPTRON_POINTS``.

    Examples
    --------
    >>> check_perceptron_outputs([0, 0, 0, 0]).status
    'wrong'
    """
    if is_unanswered(outputs):
        return NOT_ATTEMPTED
    try:
        values = [float(v) for v in outputs]
    except (TypeError, ValueError):
        return Feedback("wrong", "give a list of four numbers, one output per point.")
    if len(values) != len(PERCEPTRON_POINTS):
        return Feedback("wrong", f"give {len(PERCEPTRON_POINTS)} outputs, one per point; got {len(values)}.")
    sums = [PERCEPTRON_W[0] * a + PERCEPTRON_W[1] * b - PERCEPTRON_C for a, b in PERCEPTRON_POINTS]
    right = [_step(s, 0.5) for s in sums]
    if np.allclose(values, right):
        return Feedback("correct", "all four outputs are right, including the points on the line.")
    for convention in (0.0, 1.0):
        if np.allclose(values, [_step(s, convention) for s in sums]):
            return Feedback("wrong", "the points off the line are right; check the value of H(0) in the lecture.")
    wrong = [i + 1 for i, (v, r) in enumerate(zip(values, right)) if not np.isclose(v, r)]
    return Feedback("wrong", f"point(s) {wrong} are wrong: compute w1 X1 + w2 X2 − C first, then apply H.")


def _softsign(x: torch.Tensor) -> torch.Tensor:
    return x / (1 + x.abs())


def check_softsign_derivative(derivative: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """The derivative of softsign f(x) = x / (1 + |x|), compared with autograd away from 0.

    Examples
    --------
    >>> check_softsign_derivative(lambda x: 1 / (1 + x.abs()) ** 2).passed
    True
    """
    points = torch.linspace(-5, 5, 1001, dtype=torch.float64)
    points = points[points.abs() > 1e-3]

    def reference(x: torch.Tensor) -> torch.Tensor:
        x = x.clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(_softsign(x).sum(), x)
        return grad

    return check_function(
        derivative, reference, points, atol=1e-8, what="your derivative",
        hint="Differentiate x/(1+|x|) separately for x > 0 and x < 0.",
    )


def check_iterative_attack(
    attack: Callable | None,
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float,
    baseline_success: float,
) -> Feedback:
    """An iterative FGSM must stay in the ε-ball and [0, 1] and beat one-step FGSM.

    ``attack(model, images, labels, eps)`` returns the perturbed images;
    ``baseline_success`` is one-step FGSM's success rate at the same ε.
    """
    if is_unanswered(attack):
        return NOT_ATTEMPTED
    if not callable(attack):
        return Feedback("wrong", "your attack should be a function attack(model, x, label, eps).")
    try:
        adversarial = attack(model, images.clone(), labels.clone(), eps)
    except Exception as error:  # report the student's error instead of crashing
        return Feedback("wrong", f"your attack raised {type(error).__name__}: {error}")
    if not isinstance(adversarial, torch.Tensor) or adversarial.shape != images.shape:
        return Feedback("wrong", "return a tensor of perturbed images shaped like the input.")
    adversarial = adversarial.detach()
    if (adversarial - images).abs().max() > eps + 1e-6:
        return Feedback("wrong", "some pixel moved by more than ε: project back onto the ε-ball after each step.")
    if adversarial.min() < -1e-6 or adversarial.max() > 1 + 1e-6:
        return Feedback("wrong", "pixels left [0, 1]: clip after each step.")
    with torch.no_grad():
        success = float((model(adversarial).argmax(1) != labels).float().mean())
    if success <= baseline_success:
        return Feedback(
            "wrong",
            f"it flips {success:.0%} of the labels, no better than one-step FGSM ({baseline_success:.0%}): "
            "take several small steps, recomputing the gradient each time.",
        )
    return Feedback("correct", f"it flips {success:.0%} of the labels, more than one-step FGSM ({baseline_success:.0%}).")


def check_discrepancy_lambda(lam: Any, A: np.ndarray, y: np.ndarray, noise_std: float) -> Feedback:
    """λ for Tikhonov with B = I chosen by the discrepancy principle (5 % tolerance)."""
    expected = inverse_problems.discrepancy_lambda(A, y, noise_std)
    return check_number(
        lam, expected, rtol=0.05, what="your λ",
        hint="At the right λ the residual |A x_λ − y| equals sqrt(n)·σ; the residual grows with λ.",
    )
