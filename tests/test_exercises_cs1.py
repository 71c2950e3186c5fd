"""CS1 checkers: a verdict for every hand-written answer, right or wrong."""

import math

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course.exercises import cs1

NAN = float("nan")


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (500.0, "correct", ""),
        (1 / (2 * math.pi * (0.001 / math.pi)), "correct", ""),
        (np.float32(500), "correct", ""),
        (torch.tensor(500.0), "correct", ""),
        (50.0, "wrong", "benchmark"),  # the typical mistake: the benchmark's ν
        (500 * math.pi, "wrong", "keep the π"),
        (-500.0, "wrong", "wrong sign"),
        (1000.0, "wrong", "too large"),  # factor 2
        (NAN, "wrong", "not finite"),
        ([500.0], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_max_exponent(answer, status, fragment):
    assert_verdict(cs1.check_max_exponent(answer), status, fragment, hidden=("500",))


def burgers_residual(u, u_x, u_t, u_xx, nu):
    return u_t + u * u_x - nu * u_xx


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (burgers_residual, "correct", ""),
        (lambda *a: burgers_residual(*(v.float() for v in a[:4]), a[4]), "correct", ""),  # float32
        (lambda *a: burgers_residual(*a).detach(), "correct", ""),
        (lambda u, ux, ut, uxx, nu: ut + u * ux + nu * uxx, "wrong", "sign of the viscous term"),
        (lambda u, ux, ut, uxx, nu: ut + ux - nu * uxx, "wrong", "nonlinear"),  # the typical mistake
        (lambda *a: 2 * burgers_residual(*a), "wrong", "does not match"),
        (lambda *a: -burgers_residual(*a), "wrong", "does not match"),
        (lambda *a: burgers_residual(*a) * NAN, "wrong", "non-finite"),
        (lambda *a: burgers_residual(*a).numpy(), "wrong", "tensor"),
        (lambda *a: burgers_residual(*a)[:5], "wrong", "shape"),
        (lambda *a: 1 / 0, "wrong", "ZeroDivisionError"),
        (0.0, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_burgers_residual(answer, status, fragment):
    assert_verdict(cs1.check_burgers_residual(answer), status, fragment)


def rad(r, k, c):
    d = r.abs() ** k / (r.abs() ** k).mean() + c
    return d / d.sum()


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (rad, "correct", ""),
        (lambda r, k, c: rad(r.float(), k, c), "correct", ""),
        (lambda r, k, c: rad(r, k, c).detach(), "correct", ""),
        (lambda r, k, c: rad(r, k, 0.0), "wrong", "off for k"),
        (lambda r, k, c: r.abs() ** k + c, "wrong", "sum to one"),
        (lambda r, k, c: 2 * rad(r, k, c), "wrong", "sum to one"),
        (lambda r, k, c: -rad(r, k, c), "wrong", "negative"),
        (lambda r, k, c: (r**k / (r**k).mean() + c) / (r**k / (r**k).mean() + c).sum(), "wrong", ""),
        (lambda r, k, c: (r.abs() ** k + c) / (r.abs() ** k + c).sum(), "wrong", "mean taken"),  # typical
        (lambda r, k, c: rad(r, k, c) * NAN, "wrong", "non-finite"),
        (lambda r, k, c: rad(r, k, c).tolist(), "wrong", "tensor"),
        (lambda r, k, c: rad(r, k, c)[None], "wrong", "shape"),
        (lambda r, k, c: 1 / 0, "wrong", "ZeroDivisionError"),
        ("p", "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_rad_probabilities(answer, status, fragment):
    assert_verdict(cs1.check_rad_probabilities(answer), status, fragment)


def exact_burgers(nu):
    """The exact Cole–Hopf solution at viscosity nu, as a function of points (N, 2): a perfect PINN."""
    from sciml_course import burgers_reference as ref

    def u(xt):
        return torch.from_numpy(np.asarray(ref.cole_hopf(xt[:, 0].numpy(), xt[:, 1].numpy(), nu=nu)))
    return u


VISCOUS = exact_burgers(0.1 / math.pi)


def perturbed(size):
    """The exact solution plus a smooth error of relative size about ``size``, zero at t = 0 and x = ±1."""
    return lambda xt: VISCOUS(xt) + size * 0.45 * xt[:, 1] * (1 - xt[:, 0] ** 2) * torch.sin(math.pi * xt[:, 0])


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (VISCOUS, "correct", ""),
        (lambda xt: VISCOUS(xt).float(), "correct", ""),  # float32
        (lambda xt: VISCOUS(xt).requires_grad_(), "correct", ""),  # attached to a graph
        (perturbed(1e-3), "correct", ""),  # a trained PINN's size of error
        (perturbed(2e-2), "wrong", "did BFGS run"),  # under-trained
        (exact_burgers(0.01 / math.pi), "wrong", "benchmark"),  # the typical mistake: ν left unchanged
        (exact_burgers(0.1), "wrong", "0.1/π"),  # ν without the π
        (lambda xt: VISCOUS(xt) + 0.1, "wrong", "trial function"),  # the network's output, not u
        (lambda xt: -torch.sin(math.pi * xt[:, 0]), "wrong", "above"),  # the initial condition frozen in time
        (lambda xt: -VISCOUS(xt), "wrong", "trial function"),
        (lambda xt: VISCOUS(xt) * NAN, "wrong", "non-finite"),
        (lambda xt: VISCOUS(xt)[:, None], "wrong", "shape"),
        (lambda xt: VISCOUS(xt).numpy(), "wrong", "tensor"),
        (lambda xt: VISCOUS(xt[:, ::-1]), "wrong", "u_viscous raised"),  # torch has no negative strides
        (VISCOUS(torch.zeros(3, 2, dtype=torch.float64)), "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_viscous_pinn(answer, status, fragment):
    assert_verdict(cs1.check_viscous_pinn(answer), status, fragment)
