"""C3 checkers: a verdict for every hand-written answer, right or wrong."""

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course.exercises import c3

NAN = float("nan")


def second_derivative(u, t):
    (du,) = torch.autograd.grad(u.sum(), t, create_graph=True)
    (d2u,) = torch.autograd.grad(du.sum(), t, create_graph=True)
    return du, d2u


def residual(u_fn, t, omega):
    t = t.detach().clone().requires_grad_(True)
    u = u_fn(t)
    return second_derivative(u, t)[1] + omega**2 * u


def residual_float32(u_fn, t, omega):
    return residual(u_fn, t.float(), omega)


def first_derivative_residual(u_fn, t, omega):
    t = t.detach().clone().requires_grad_(True)
    u = u_fn(t)
    return second_derivative(u, t)[0] + omega**2 * u


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (residual, "correct", ""),
        (residual_float32, "correct", ""),
        (lambda u, t, w: residual(u, t, w).detach(), "correct", ""),
        (lambda u, t, w: residual(u, t, w) - w**2 * u(t) + u(t), "wrong", "ω² factor"),  # the typical mistake
        (lambda u, t, w: residual(u, t, w) - 2 * w**2 * u(t), "wrong", "sign"),  # wrong sign of ω² u
        (lambda u, t, w: 2 * residual(u, t, w), "wrong", "second derivative"),  # factor 2
        (first_derivative_residual, "wrong", "second derivative"),
        (lambda u, t, w: residual(u, t, w) * NAN, "wrong", "non-finite"),
        (lambda u, t, w: residual(u, t, w).tolist(), "wrong", "tensor"),
        (lambda u, t, w: residual(u, t, w).squeeze(1), "wrong", "shape"),
        (lambda u, t, w: 1 / 0, "wrong", "ZeroDivisionError"),
        ("u'' + w² u", "wrong", "should be a function"),
        (None, "not attempted", ""),
    ],
)
def test_oscillator_residual(answer, status, fragment):
    assert_verdict(c3.check_oscillator_residual(answer), status, fragment)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (2048, "correct", ""),
        (np.int64(2048), "correct", ""),
        (1024, "wrong", "still above"),  # the typical mistake: stopped one doubling early
        (4096, "wrong", "smaller n"),  # factor 2
        (1000, "wrong", "power of two"),
        (4, "wrong", "at least 8"),
        (-2048, "wrong", "power of two"),  # wrong sign
        (2048.0, "wrong", "integer"),
        (np.float32(2048), "wrong", "integer"),
        ([2048], "wrong", "integer"),
        (True, "wrong", "integer"),
        (None, "not attempted", ""),
    ],
)
def test_fd_unknowns(answer, status, fragment):
    assert_verdict(c3.check_fd_unknowns(answer), status, fragment, hidden=("2048",))


def mixed_trial(network_out, x):
    return 1.0 + x * (1 - x) ** 2 * network_out


def through_numpy(network_out, x):
    return torch.from_numpy(mixed_trial(network_out.detach().numpy(), x.detach().numpy()))


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (mixed_trial, "correct", ""),
        (lambda n, x: 1 + x * (1 - x) ** 2 * torch.tanh(n), "correct", ""),
        (lambda n, x: mixed_trial(n.float(), x.float()), "correct", ""),  # float32 of the right answer
        (lambda n, x: 1 + x * (1 - x) * n, "wrong", "N has a derivative"),  # the typical mistake
        (lambda n, x: (1 + x * (1 - x) * n).detach(), "wrong", "autograd cannot differentiate"),
        (lambda n, x: mixed_trial(n, x).detach(), "wrong", "autograd cannot differentiate"),  # detached
        (lambda n, x: (1 + x * n).detach(), "wrong", "autograd cannot differentiate"),
        (through_numpy, "wrong", "autograd cannot differentiate"),
        (lambda n, x: 1 + x.detach() * (1 - x.detach()) ** 2 * n, "wrong", "part of it"),
        (lambda n, x: 1 + x * n, "wrong", "u'(1) = 0 fails"),
        (lambda n, x: 1 - x * (1 - x) ** 2 * n + x * (x - 2) * 0, "correct", ""),  # sign of d is free
        (lambda n, x: 2 * mixed_trial(n, x), "wrong", "u(0) = 1"),  # factor 2
        (lambda n, x: -mixed_trial(n, x), "wrong", "u(0) = 1"),  # wrong sign
        (lambda n, x: n, "wrong", "u(0) = 1"),
        (lambda n, x: torch.ones_like(x), "wrong", "ignores the network"),
        (lambda n, x: mixed_trial(n, x) * NAN, "wrong", "non-finite"),
        (lambda n, x: mixed_trial(n, x).tolist(), "wrong", "tensor"),
        (lambda n, x: mixed_trial(n, x).squeeze(1), "wrong", "shape"),
        (lambda n, x: 1 / 0, "wrong", "ZeroDivisionError"),
        (1.0, "wrong", "should be a function"),
        (None, "not attempted", ""),
    ],
)
def test_mixed_trial(answer, status, fragment):
    assert_verdict(c3.check_mixed_trial(answer), status, fragment)


class Formula(torch.nn.Module):
    """A hand-written 'network': a formula in x with one parameter (scale 1), float64 or float32."""

    def __init__(self, formula, dtype=torch.float64):
        super().__init__()
        self.scale = torch.nn.Parameter(torch.ones((), dtype=dtype))
        self.formula = formula

    def forward(self, x):
        return self.scale * self.formula(x)


def lecture_solution(x):
    return torch.sin(np.pi * x) + 0.25 * torch.sin(4 * np.pi * x)


def soft_exact(x):
    return lecture_solution(x) + 1 + x


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (Formula(soft_exact), "correct", ""),
        (Formula(lambda x: soft_exact(x) + 1e-4 * torch.sin(7 * x)), "correct", ""),  # a small training error
        (Formula(soft_exact, dtype=torch.float32), "correct", ""),  # float32 of the right answer
        (Formula(lecture_solution), "wrong", "vanishes at both ends"),  # the typical mistake: u(0)² + u(1)² copied
        (Formula(lambda x: soft_exact(x) - 0.3 + 0.2 * x), "wrong", "weighs too little"),  # w too small
        (Formula(lambda x: -lecture_solution(x) + 1 + x), "wrong", "wrong sign"),  # −u'' − f with the sign flipped
        (Formula(lambda x: 2 * soft_exact(x)), "wrong", "neither the equation"),  # factor 2
        (Formula(lambda x: soft_exact(x) + 0.05 * torch.sin(2 * np.pi * x)), "wrong", "boundary values hold"),
        (Formula(lambda x: soft_exact(x) * NAN), "wrong", "non-finite"),
        (Formula(lambda x: soft_exact(x).tolist()), "wrong", "tensor"),
        (Formula(lambda x: soft_exact(x).squeeze(1)), "wrong", "shape"),
        (Formula(lambda x: soft_exact(x).detach() * 0 + soft_exact(x.detach())), "correct", ""),
        (soft_exact, "wrong", "torch.nn.Module"),  # the formula, not a network
        (torch.nn.ReLU(), "wrong", "no trainable parameters"),
        ([1.0, 2.0], "wrong", "torch.nn.Module"),
        (None, "not attempted", ""),
    ],
)
def test_soft_boundary_net(answer, status, fragment):
    assert_verdict(c3.check_soft_boundary_net(answer), status, fragment)


def test_soft_boundary_net_untrained_network_is_wrong():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(1, 20), torch.nn.Tanh(), torch.nn.Linear(20, 1)).double()
    assert_verdict(c3.check_soft_boundary_net(net), "wrong", "neither the equation")


def test_soft_boundary_net_trained_reference_passes():
    from sciml_course.exercises import _answers

    assert_verdict(c3.check_soft_boundary_net(_answers.soft_boundary_net()), "correct", "below")
