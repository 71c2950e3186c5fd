"""C1 checkers: a verdict for every hand-written answer, right or wrong."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from exercise_helpers import assert_verdict
from sciml_course import inverse_problems
from sciml_course.exercises import c1

NAN = float("nan")
RIGHT_OUTPUTS = [0.5, 0.0, 1.0, 0.5]


@pytest.mark.parametrize(
    "outputs, status, fragment",
    [
        (RIGHT_OUTPUTS, "correct", ""),
        (tuple(RIGHT_OUTPUTS), "correct", ""),
        (np.array(RIGHT_OUTPUTS, dtype=np.float32), "correct", ""),
        (torch.tensor(RIGHT_OUTPUTS), "correct", ""),
        ([1, 0, 1, 1], "wrong", "H(0)"),  # the typical slip: H(0) = 1
        ([0, 0, 1, 0], "wrong", "H(0)"),
        ([0.5, 0, 0, 0.5], "wrong", "point(s) [3]"),
        ([-0.5, 0, -1, -0.5], "wrong", "point(s) [1, 3, 4]"),  # wrong sign
        ([1, 0, 2, 1], "wrong", "point(s) [1, 3, 4]"),  # factor 2
        ([NAN, 0, 1, 0.5], "wrong", "non-finite"),
        ([0.5, 0], "wrong", "four numbers"),
        ([RIGHT_OUTPUTS], "wrong", "four numbers"),
        ("abc", "wrong", "four numbers"),
        (None, "not attempted", ""),
    ],
)
def test_perceptron_outputs(outputs, status, fragment):
    assert_verdict(c1.check_perceptron_outputs(outputs), status, fragment)


def softsign_derivative(x):
    return 1 / (1 + x.abs()) ** 2


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (softsign_derivative, "correct", ""),
        (lambda x: softsign_derivative(x.float()), "correct", "matches"),  # float32 of the right answer
        (lambda x: softsign_derivative(x).detach(), "correct", ""),
        (lambda x: torch.where(x > 0, 1 / (1 + x) ** 2, 1 / (1 - x) ** 2), "correct", ""),
        (lambda x: -softsign_derivative(x), "wrong", "off by"),
        (lambda x: 2 * softsign_derivative(x), "wrong", "off by"),
        (lambda x: 1 / (1 + x) ** 2, "wrong", "x < 0"),  # the typical mistake: |x| dropped
        (lambda x: 1 / (1 + x**2), "wrong", "off by"),
        (lambda x: x * NAN, "wrong", "non-finite"),
        (lambda x: softsign_derivative(x).tolist(), "wrong", "tensor"),
        (lambda x: softsign_derivative(x).numpy(), "wrong", "tensor"),
        (lambda x: softsign_derivative(x)[:10], "wrong", "shape"),
        (lambda x: 1 / 0, "wrong", "ZeroDivisionError"),
        (3.0, "wrong", "should be a function"),
        (None, "not attempted", ""),
    ],
)
def test_softsign_derivative(answer, status, fragment):
    assert_verdict(c1.check_softsign_derivative(answer), status, fragment)


# ------------------------------------------------------------------------ iterative attack
EPS = 0.05


def fgsm(model, x, label, eps):
    x = x.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(F.cross_entropy(model(x), label), x)
    return (x + eps * g.sign()).clamp(0, 1).detach()


def iterative_fgsm(model, x, label, eps, steps=10):
    x_adv = x.clone()
    for _ in range(steps):
        x_adv = fgsm(model, x_adv, label, eps / 4)
        x_adv = torch.max(torch.min(x_adv, x + eps), x - eps).clamp(0, 1)
    return x_adv


def in_place_iterative(model, x, label, eps):
    start = x.clone()
    for _ in range(10):
        x += fgsm(model, x, label, eps / 4) - x
        x.copy_(torch.max(torch.min(x, start + eps), start - eps).clamp(0, 1))
    return x


@pytest.fixture(scope="module")
def classifier():
    """A strongly nonlinear classifier: several small steps beat one big one clearly."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.Tanh(), torch.nn.Linear(32, 32),
                                torch.nn.Tanh(), torch.nn.Linear(32, 4))
    with torch.no_grad():
        for layer in model[::2]:
            layer.weight *= 10
    x = torch.rand(300, 16)
    labels = model(x).argmax(1)
    baseline = float((model(fgsm(model, x, labels, EPS)).argmax(1) != labels).float().mean())
    return model, x, labels, baseline


@pytest.mark.parametrize(
    "attack, status, fragment",
    [
        (iterative_fgsm, "correct", "flips"),
        (lambda m, x, y, e: iterative_fgsm(m, x, y, e).double(), "correct", ""),  # float64 result
        (lambda m, x, y, e: iterative_fgsm(m, x.double(), y, e), "wrong", "raised"),  # the model is float32
        (in_place_iterative, "correct", ""),
        (fgsm, "wrong", "not clearly stronger"),  # the typical mistake: one step only
        (lambda m, x, y, e: iterative_fgsm(m, x, y, e, steps=1), "wrong", "fewer than one-step FGSM"),
        (lambda m, x, y, e: fgsm(m, x, y, 3 * e), "wrong", "ε-ball"),
        (lambda m, x, y, e: (x - e), "wrong", "[0, 1]"),
        (lambda m, x, y, e: x * NAN, "wrong", "non-finite"),
        (lambda m, x, y, e: (x + e * torch.randn_like(x).sign()).clamp(0, 1), "wrong",
         "fewer than one-step FGSM"),  # random noise
        (lambda m, x, y, e: iterative_fgsm(m, x, y, e).tolist(), "wrong", "tensor"),
        (lambda m, x, y, e: x[:3], "wrong", "shape"),
        (lambda m, x, y, e: 1 / 0, "wrong", "raised"),
        (42, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_iterative_attack(classifier, attack, status, fragment):
    model, x, labels, baseline = classifier
    before = x.clone()
    assert_verdict(c1.check_iterative_attack(attack, model, x, labels, EPS, baseline), status, fragment)
    assert torch.equal(x, before), "the checker must hand the attack a copy of the images"


# ----------------------------------------------------------------------- discrepancy lambda
@pytest.fixture(scope="module")
def blurred():
    rng = np.random.default_rng(0)
    A = inverse_problems.gaussian_blur_matrix(32, 2.0)
    y = A @ np.ones(32) + 0.01 * rng.standard_normal(32)
    return A, y, 0.01


def bisect_lambda(A, y, target):
    """The λ whose Tikhonov residual equals ``target``, by bisection on log λ (as in the lecture)."""
    def residual(lam):
        x = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ y)
        return np.linalg.norm(A @ x - y)

    low, high = math.log(1e-12), math.log(1e2)
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (low, mid) if residual(math.exp(mid)) > target else (mid, high)
    return math.exp(low)


@pytest.mark.parametrize(
    "transform, status, fragment",
    [
        (lambda lam, n: lam, "correct", ""),
        (lambda lam, n: lam * 1.01, "correct", ""),
        (lambda lam, n: np.float32(lam), "correct", ""),
        (lambda lam, n: np.array([lam]), "correct", ""),
        (lambda lam, n: 3 * lam, "wrong", "too large"),
        (lambda lam, n: lam / 3, "wrong", "too small"),
        (lambda lam, n: -lam, "wrong", "wrong sign"),
        (lambda lam, n: NAN, "wrong", "not finite"),
        (lambda lam, n: [lam], "wrong", "single number"),
        (lambda lam, n: str(lam), "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_discrepancy_lambda(blurred, transform, status, fragment):
    A, y, sigma = blurred
    right = bisect_lambda(A, y, math.sqrt(len(y)) * sigma)
    answer = None if transform is None else transform(right, len(y))
    feedback = c1.check_discrepancy_lambda(answer, A, y, sigma)
    assert_verdict(feedback, status, fragment, hidden=(f"{right:.2g}",))


def test_discrepancy_lambda_names_the_forgotten_sqrt_n(blurred):
    A, y, sigma = blurred
    forgot = bisect_lambda(A, y, sigma)
    assert_verdict(c1.check_discrepancy_lambda(forgot, A, y, sigma), "wrong", "sqrt(n)")
