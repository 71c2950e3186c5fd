import numpy as np
import pytest
import torch

from sciml_course import inverse_problems
from sciml_course.exercises import c1


def test_perceptron_checker_accepts_h0_half_and_spots_the_convention_slip():
    assert c1.check_perceptron_outputs([0.5, 0, 1, 0.5]).passed
    slip = c1.check_perceptron_outputs([1, 0, 1, 1])
    assert slip.status == "wrong" and "H(0)" in slip.message
    assert "point(s) [3]" in c1.check_perceptron_outputs([0.5, 0, 0, 0.5]).message
    assert c1.check_perceptron_outputs([0.5, 0]).status == "wrong"
    assert c1.check_perceptron_outputs("abc").status == "wrong"
    assert c1.check_perceptron_outputs(None).status == "not attempted"


def test_softsign_checker():
    assert c1.check_softsign_derivative(lambda x: 1 / (1 + x.abs()) ** 2).passed
    assert not c1.check_softsign_derivative(lambda x: 1 / (1 + x**2)).passed
    assert not c1.check_softsign_derivative(lambda x: 1 / (1 + x) ** 2).passed
    assert c1.check_softsign_derivative(None).status == "not attempted"


@pytest.fixture(scope="module")
def linear_classifier():
    torch.manual_seed(0)
    x = torch.rand(200, 4)
    model = torch.nn.Linear(4, 2)
    with torch.no_grad():
        model.weight[:] = torch.tensor([[1.0, 1, -1, -1], [-1.0, -1, 1, 1]])
        model.bias.zero_()
    labels = model(x).argmax(1)
    return model, x, labels


def _fgsm(model, x, label, eps):
    x = x.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(torch.nn.functional.cross_entropy(model(x), label), x)
    return (x + eps * g.sign()).clamp(0, 1).detach()


def test_iterative_attack_checker(linear_classifier):
    model, x, labels = linear_classifier
    eps = 0.1
    one_step = _fgsm(model, x, labels, eps)
    with torch.no_grad():
        baseline = float((model(one_step).argmax(1) != labels).float().mean())
    check = lambda attack, base=baseline: c1.check_iterative_attack(attack, model, x, labels, eps, base)
    assert check(_fgsm, base=baseline - 0.05).passed
    assert "no better" in check(_fgsm).message  # one step is not an improvement
    assert "ε-ball" in check(lambda m, x, l, e: _fgsm(m, x, l, 3 * e)).message
    assert "[0, 1]" in check(lambda m, x, l, e: x - e).message
    assert "raised" in check(lambda m, x, l, e: 1 / 0).message
    assert "shaped" in check(lambda m, x, l, e: x[:3]).message
    assert check(None).status == "not attempted"
    assert check(42).status == "wrong"


def test_discrepancy_checker():
    rng = np.random.default_rng(0)
    A = inverse_problems.gaussian_blur_matrix(32, 2.0)
    y = A @ np.ones(32) + 0.01 * rng.standard_normal(32)
    right = inverse_problems.discrepancy_lambda(A, y, 0.01)
    assert c1.check_discrepancy_lambda(right * 1.01, A, y, 0.01).passed
    assert "too large" in c1.check_discrepancy_lambda(right * 3, A, y, 0.01).message
    assert c1.check_discrepancy_lambda(None, A, y, 0.01).status == "not attempted"
