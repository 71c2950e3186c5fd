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
