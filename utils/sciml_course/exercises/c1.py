"""Checkers for the exercises of lecture C1."""

from __future__ import annotations

import copy
import math
from typing import Any, Callable

import numpy as np
import torch

from .. import models
from . import _answers as answers
from .core import Feedback, check_function, check_number, checker, call, matches, read_values, reject

__all__ = ["check_perceptron_outputs", "check_softsign_derivative", "check_iterative_attack",
           "check_discrepancy_lambda", "check_tuned_esn"]

#: The iterative attack must raise the mean loss this much (relative) above one-step FGSM.
ATTACK_LOSS_GAIN = 0.02
#: ... and flip at least one-step FGSM's share of labels, less this slack: near ε = 0.06 the two
#: flip rates differ by a few images only, so the flip count alone cannot rank them.
ATTACK_FLIP_SLACK = 0.03

#: The hands-on ESN exercise: the spectral radii to compare (in this order), how many first
#: steps of the training part fit each candidate (the rest validates), the fit's washout and the
#: unscored warm-up steps of a prediction (both as in the lecture).
ESN_RADII = answers.ESN_RADII
ESN_FIT_STEPS = answers.ESN_FIT_STEPS
ESN_WASHOUT = answers.ESN_WASHOUT
ESN_WARMUP = answers.ESN_WARMUP
#: A radius whose validation RMSE is within this factor of the smallest is accepted (for seeds
#: 0-3 the runner-up's is 1.4-1.9 times the smallest).
ESN_TIE = 1.2
#: The final network must predict the test part like its reservoir refitted on the whole training
#: part, to this fraction of its test RMSE (a fit on the fitting steps alone differs by 12-24 %).
ESN_REFIT_TOL = 0.01
#: Relative agreement required of the validation curve (recomputed by the check).
ESN_CURVE_RTOL = 1e-3


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


def _radius_of(network: models.EchoStateNetwork) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(network.W, dtype=float)))))


def _check_validation_curve(validation_rmse: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Read the student's validation curve, compare it with the check's own; return the check's."""
    got = read_values(validation_rmse, name="validation_rmse", shape=(len(ESN_RADII),),
                      expect=f"{len(ESN_RADII)} numbers, one validation RMSE per radius of c1.ESN_RADII")
    fit_part, validation_part = train[:ESN_FIT_STEPS], train[ESN_FIT_STEPS:]
    want = answers.esn_validation_rmse(train)
    if matches(got, torch.from_numpy(want), rtol=ESN_CURVE_RTOL):
        return want
    if matches(got, torch.from_numpy(want**2), rtol=ESN_CURVE_RTOL):
        reject("these are mean squared errors: take the square root (RMSE), as one_step_rmse does.")
    mistakes = (
        (lambda: answers.esn_curve(fit_part, test), "these are errors on the test part. Choose on the "
         "validation part (the last steps of train); the test part must stay unseen until the final estimate."),
        (lambda: answers.esn_curve(train, test), "these are errors on the test part. Choose on the "
         "validation part (the last steps of train); the test part must stay unseen until the final estimate."),
        (lambda: answers.esn_curve(fit_part, fit_part), "these are errors on the steps each network was "
         "fitted on (training errors): they do not show over- or under-fitting. Score the validation part."),
        (lambda: answers.esn_curve(train, validation_part), "each network was fitted on all of train, "
         "validation part included: fit the candidates on the first c1.ESN_FIT_STEPS steps only."),
    )
    for curve, why in mistakes:
        if matches(got, torch.from_numpy(curve()), rtol=ESN_CURVE_RTOL):
            reject(why)
    reject("these are not the validation errors: fit the network at each radius of c1.ESN_RADII on the "
           f"first {ESN_FIT_STEPS} steps of train (washout {ESN_WASHOUT}) and score it with one_step_rmse "
           "on the remaining steps, in the order of c1.ESN_RADII.")


@checker("validation_rmse and tuned_esn", answers=2)
def check_tuned_esn(validation_rmse: Any, esn: Any, train: np.ndarray, test: np.ndarray) -> Feedback:
    """The ESN's spectral radius chosen on a validation split, and the network retrained with it.

    ``validation_rmse`` holds the validation one-step RMSE for each radius of ``ESN_RADII``
    (networks fitted on ``train[:ESN_FIT_STEPS]``, scored on ``train[ESN_FIT_STEPS:]``); the
    check recomputes it. ``esn`` is the lecture's network at the radius with the smallest
    validation error, fitted on all of ``train``: the check reads its radius from its reservoir
    and compares its test predictions with a refit of that reservoir.

    Examples
    --------
    >>> check_tuned_esn(None, None, np.zeros((1600, 1)), np.zeros((600, 1))).status
    'not attempted'
    >>> check_tuned_esn([1.0, 2.0], object(), np.zeros((1600, 1)), np.zeros((600, 1))).status
    'wrong'
    """
    train = np.asarray(train, dtype=float)
    test = np.asarray(test, dtype=float)
    validation = _check_validation_curve(validation_rmse, train, test)
    if not isinstance(esn, models.EchoStateNetwork):
        reject(f"tuned_esn should be a models.EchoStateNetwork, got {type(esn).__name__}.")
    if esn.W_out is None:
        reject("tuned_esn has not been fitted: call its fit method on the whole training part.")
    radius = _radius_of(esn)
    nearest = min(ESN_RADII, key=lambda r: abs(r - radius))
    if abs(nearest - radius) > 1e-6:
        reject(f"tuned_esn's reservoir has spectral radius {radius:.3g}, which is not one of c1.ESN_RADII.")
    reference = answers.esn(nearest)
    if not (np.array_equal(esn.W, reference.W) and np.array_equal(esn.W_in, reference.W_in)
            and esn.ridge == reference.ridge and esn.leak == reference.leak):
        reject("tuned_esn is not the lecture's network at that radius: build it with "
               "models.EchoStateNetwork(1, reservoir_size=300, spectral_radius=..., ridge=1e-7, seed=0).")
    ratio = validation[ESN_RADII.index(nearest)] / validation.min()
    if ratio > ESN_TIE:
        reject(f"tuned_esn's radius {nearest:g} has a validation RMSE {ratio:.1f} times the smallest on "
               "the grid: pick the radius with the smallest validation error.")
    got = read_values(answers.esn_predictions(copy.deepcopy(esn), test), name="tuned_esn's test predictions")
    full = answers.esn_fit(answers.esn(nearest), train)
    error = answers.esn_rmse(full, test)
    distance = lambda prediction: float(np.sqrt(np.mean((got.data.numpy() - prediction) ** 2))) / error
    if distance(answers.esn_predictions(full, test)) <= ESN_REFIT_TOL:
        lecture = answers.esn_rmse(answers.esn_fit(answers.esn(answers.ESN_LECTURE_RADIUS), train), test)
        return Feedback("correct", f"the validation errors are right, ρ = {nearest:g} has the smallest, and "
                                   f"the retrained network's one-step test RMSE is {error:.2e}, "
                                   f"{lecture / error:.1f} times below the lecture's ρ = "
                                   f"{answers.ESN_LECTURE_RADIUS:g}.")
    fit_only = answers.esn_fit(answers.esn(nearest), train[:ESN_FIT_STEPS])
    if distance(answers.esn_predictions(fit_only, test)) <= ESN_REFIT_TOL:
        reject("the radius is right, but tuned_esn was fitted on the fitting steps only: once the radius "
               "is chosen, refit the network on all of train (validation steps included).")
    reject("the radius is right, but tuned_esn's test predictions differ from its reservoir fitted on "
           f"all of train with washout {ESN_WASHOUT}: call fit(train[:-1], train[1:], washout={ESN_WASHOUT}).")
