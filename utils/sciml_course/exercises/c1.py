"""Checkers for the exercises of lecture C1."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import torch

from . import _answers as answers
from .core import Feedback, check_function, check_number, checker, call, matches, read_values, reject

__all__ = ["check_perceptron_outputs", "check_softsign_derivative", "check_iterative_attack",
           "check_discrepancy_lambda"]

#: The iterative attack must raise the mean loss this much (relative) above one-step FGSM.
ATTACK_LOSS_GAIN = 0.02
#: ... and flip at least one-step FGSM's share of labels, less this slack: near ε = 0.06 the two
#: flip rates differ by a few images only, so the flip count alone cannot rank them.
ATTACK_FLIP_SLACK = 0.03


@checker("perceptron_outputs")
def check_perceptron_outputs(outputs: Any) -> Feedback:
    """Out = H(w·X − C) with w = (2, −1), C = 1 at the four points of the exercise.

    Examples
    --------
    >>> check_perceptron_outputs([0, 0, 0, 0]).status
    'wrong'
    >>> check_perceptron_outputs(None).status
    'not attempted'
    """
    got = read_values(outputs, name="perceptron_outputs", shape=(len(answers.PERCEPTRON_POINTS),),
                      expect="a list of four numbers, one output per point")
    right = torch.tensor(answers.perceptron_outputs(), dtype=torch.float64)
    if matches(got, right, atol=1e-8):
        return Feedback("correct", "all four outputs are right, including the points on the line.")
    for convention in (0.0, 1.0):
        convention_outputs = torch.tensor(answers.perceptron_outputs(convention), dtype=torch.float64)
        if matches(got, convention_outputs, atol=1e-8):
            return Feedback("wrong", "the points off the line are right; "
                                     "check the value of H(0) in the lecture.")
    pairs = zip(got.data.tolist(), right.tolist())
    wrong = [i + 1 for i, (v, r) in enumerate(pairs) if not math.isclose(v, r, abs_tol=1e-8)]
    return Feedback("wrong", f"point(s) {wrong} are wrong: compute w1 X1 + w2 X2 − C first, then apply H.")


@checker("softsign_derivative", function=True)
def check_softsign_derivative(derivative: Callable[[torch.Tensor], torch.Tensor] | None) -> Feedback:
    """The derivative of softsign f(x) = x / (1 + |x|), compared with autograd away from 0.

    Examples
    --------
    >>> check_softsign_derivative(lambda x: 1 / (1 + x**2)).status
    'wrong'
    >>> check_softsign_derivative(None).status
    'not attempted'
    """
    points = torch.linspace(-5, 5, 1001, dtype=torch.float64)
    points = points[points.abs() > 1e-3]
    return check_function(
        derivative, answers.softsign_derivative, points, atol=1e-8, what="softsign_derivative",
        hint="Differentiate x/(1+|x|) separately for x > 0 and x < 0.",
    )


def _loss_and_success(model: torch.nn.Module, images: torch.Tensor,
                      labels: torch.Tensor) -> tuple[float, float]:
    with torch.no_grad():
        logits = model(images)
        loss = float(torch.nn.functional.cross_entropy(logits, labels))
        success = float((logits.argmax(1) != labels).float().mean())
    return loss, success


@checker("iterative_fgsm", function=True)
def check_iterative_attack(
    attack: Callable | None,
    model: torch.nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    eps: float,
    baseline_success: float,
) -> Feedback:
    """An iterative FGSM must stay in the ε-ball and [0, 1] and beat one-step FGSM clearly.

    ``attack(model, images, labels, eps)`` returns the perturbed images;
    ``baseline_success`` is one-step FGSM's success rate at the same ε. The attack must flip
    about as many labels (at most 3 percentage points fewer) and raise the mean cross-entropy
    at least 2 % above one-step FGSM's. The loss is the deciding, continuous measure: the flip
    rates of the two attacks can differ by a few images either way.

    Examples
    --------
    >>> model = torch.nn.Linear(4, 2)
    >>> x, y = torch.rand(8, 4), torch.zeros(8, dtype=torch.long)
    >>> check_iterative_attack(lambda m, x, l, e: x + 2 * e, model, x, y, 0.1, 0.0).status
    'wrong'
    """
    adversarial = call(attack, model, images, labels, eps, name="iterative_fgsm")
    got = read_values(adversarial, name="iterative_fgsm", shape=images.shape, tensor=True,
                      expect="a tensor of perturbed images shaped like the input")
    original = images.detach().cpu().to(torch.float64)
    slack = 1e-6 if images.dtype == torch.float64 and not got.single else 1e-5
    if float((got.data - original).abs().max()) > eps + slack:
        reject("some pixel moved by more than ε: project back onto the ε-ball after each step.")
    if float(got.data.min()) < -slack or float(got.data.max()) > 1 + slack:
        reject("pixels left [0, 1]: clip after each step.")
    adversarial = got.data.to(dtype=images.dtype, device=images.device)
    loss, success = _loss_and_success(model, adversarial, labels)
    one_step_loss, _ = _loss_and_success(model, answers.fgsm(model, images, labels, eps), labels)
    gain = loss / one_step_loss - 1 if one_step_loss > 0 else 0.0
    summary = f"it flips {success:.0%} of the labels (one-step FGSM: {baseline_success:.0%})"
    if success < baseline_success - ATTACK_FLIP_SLACK:
        reject(f"{summary}: clearly fewer than one-step FGSM. "
               "Take several small steps, recomputing the gradient each time.")
    if gain < ATTACK_LOSS_GAIN:
        reject(f"{summary} and raises the mean loss by {gain:+.1%} over one-step FGSM: not clearly stronger. "
               "Take several small steps, recomputing the gradient each time.")
    return Feedback("correct", f"{summary} and raises the mean loss {gain:.0%} above one-step FGSM.")


@checker("lam_identity")
def check_discrepancy_lambda(lam: Any, A: np.ndarray, y: np.ndarray, noise_std: float) -> Feedback:
    """λ for Tikhonov with B = I chosen by the discrepancy principle (5 % tolerance).

    Examples
    --------
    >>> check_discrepancy_lambda(None, np.eye(3), np.ones(3), 0.1).status
    'not attempted'
    """
    mistakes = []
    try:  # the λ whose residual is σ instead of sqrt(n)·σ may not exist
        forgot_sqrt_n = answers.discrepancy_lambda(A, y, noise_std / math.sqrt(len(np.asarray(y))))
        mistakes.append((forgot_sqrt_n, "at that λ the residual norm equals σ: the target is sqrt(n)·σ, "
                                         "the norm of n noise values."))
    except ValueError:
        pass
    return check_number(
        lam, answers.discrepancy_lambda(A, y, noise_std), rtol=0.05, what="your λ",
        hint="At the right λ the residual |A x_λ − y| equals sqrt(n)·σ; the residual grows with λ.",
        mistakes=mistakes,
    )
