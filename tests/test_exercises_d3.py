"""D3 checkers: a verdict for every hand-written answer, right or wrong."""

import numpy as np
import pytest
import scipy.linalg
import torch

from exercise_helpers import assert_verdict
from sciml_course import ode
from sciml_course.exercises import d3

NAN = float("nan")


def heun(f, t, y, h):
    k1 = f(t, y)
    return y + h / 2 * (k1 + f(t + h, y + h * k1))


def heun_in_place(f, t, y, h):
    k1 = f(t, y)
    k2 = f(t + h, y + h * k1)
    y += h / 2 * (k1 + k2)
    return y


def heun_batch_only(f, t, y, h):
    assert y.ndim == 2, "expects a batch of states"
    return heun(f, t, y, h)


def midpoint(f, t, y, h):
    return y + h * f(t + h / 2, y + h / 2 * f(t, y))


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (heun, "correct", "order"),
        (heun_in_place, "correct", ""),  # updates y in place: each call gets a fresh copy
        (heun_batch_only, "correct", ""),
        (lambda f, t, y, h: heun(f, t, y.float(), h), "correct", ""),  # float32 of the right answer
        (lambda f, t, y, h: heun(f, t, y, h).detach(), "correct", ""),
        (ode.euler_step, "wrong", "Euler"),  # the typical mistake: one slope only
        (ode.rk4_step, "wrong", "RK4"),
        (midpoint, "wrong", "midpoint"),
        (lambda f, t, y, h: y + h / 2 * (f(t, y) + f(t, y + h * f(t, y))), "wrong", "second slope"),
        (lambda f, t, y, h: y - h / 2 * (f(t, y) + f(t + h, y + h * f(t, y))), "wrong", "differs"),  # sign
        (lambda f, t, y, h: y + h * (f(t, y) + f(t + h, y + h * f(t, y))), "wrong", "differs"),  # factor 2
        (lambda f, t, y, h: heun(f, t, y, h) * NAN, "wrong", "non-finite"),
        (lambda f, t, y, h: heun(f, t, y, h).tolist(), "wrong", "tensor"),
        (lambda f, t, y, h: heun(f, t, y, h)[0], "wrong", "shaped like y"),
        (lambda f, t, y, h: 1 / 0, "wrong", "raised"),
        (3, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_heun_step(answer, status, fragment):
    assert_verdict(d3.check_heun_step(answer), status, fragment)


def test_heun_step_reports_a_step_that_is_right_once_but_not_of_order_two():
    calls = []

    def right_first_then_euler(f, t, y, h):
        calls.append(1)
        return heun(f, t, y, h) if len(calls) == 1 else ode.euler_step(f, t, y, h)

    assert_verdict(d3.check_heun_step(right_first_then_euler), "wrong", "measured order")


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (lambda a, M: -a @ M, "correct", ""),
        (lambda a, M: -(M.T @ a.T).T, "correct", ""),
        (lambda a, M: -a.float() @ M.float(), "correct", ""),  # float32
        (lambda a, M: a @ M, "wrong", "sign"),  # wrong sign
        (lambda a, M: -a @ M.T, "wrong", "transpose"),  # the typical mistake
        (lambda a, M: -2 * a @ M, "wrong", "must vanish"),  # factor 2
        (lambda a, M: a, "wrong", "must vanish"),
        (lambda a, M: a * NAN, "wrong", "non-finite"),
        (lambda a, M: (-a @ M).numpy(), "wrong", "tensor"),
        (lambda a, M: M @ a, "wrong", "raised"),
        ("-a @ M", "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_adjoint_rhs(answer, status, fragment):
    assert_verdict(d3.check_adjoint_rhs(answer), status, fragment)


def energy(y):
    return y[:, 1] ** 2 / 2 + 1.5**2 * (1 - torch.cos(y[:, 0]))


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (energy, "correct", ""),
        (lambda y: torch.exp(energy(y)), "correct", ""),  # any function of H is conserved
        (lambda y: -2 * energy(y), "correct", ""),
        (lambda y: energy(y.float()), "correct", ""),  # float32
        (lambda y: y[:, 1] ** 2 / 2 + 1 - torch.cos(y[:, 0]), "wrong", "ω = 1.5"),  # typical: no ω
        (lambda y: y[:, 1] ** 2 / 2 - 1.5**2 * (1 - torch.cos(y[:, 0])), "wrong", "not zero"),  # wrong sign
        (lambda y: y[:, 1] ** 2 / 2 + 1.5**2 * y[:, 0] ** 2 / 2, "wrong", "not zero"),  # small angles
        (lambda y: energy(y).detach(), "wrong", "differentiated"),
        (lambda y: torch.from_numpy(energy(y).detach().numpy()), "wrong", "differentiated"),
        (lambda y: 0 * y[:, 0] + 1, "wrong", "constant"),
        (lambda y: energy(y) * NAN, "wrong", "non-finite"),
        (lambda y: energy(y).tolist(), "wrong", "tensor"),
        (lambda y: y, "wrong", "shape (N,)"),
        (lambda y: 1 / 0, "wrong", "raised"),
        (1.0, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_pendulum_invariant(answer, status, fragment):
    assert_verdict(d3.check_pendulum_invariant(answer), status, fragment)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (0.1, "correct", ""),
        (2 / 20, "correct", ""),
        (torch.tensor(0.1), "correct", ""),  # float32
        (np.float32(0.1), "correct", ""),
        (1.0, "wrong", "stiffer"),  # the typical mistake: the soft eigenvalue
        (0.05, "wrong", "decays"),
        (0.2, "wrong", "too large"),  # factor 2
        (-0.1, "wrong", "wrong sign"),
        (NAN, "wrong", "not finite"),
        ("0.1", "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_max_stable_step(answer, status, fragment):
    assert_verdict(d3.check_max_stable_step(answer), status, fragment, hidden=("0.1",))


M = torch.tensor([[-0.1, 1.0], [-1.0, -0.1]], dtype=torch.float64)  # written out: the test's own copy
STEP = torch.linalg.matrix_exp(0.1 * M)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (M + 0.003, "correct", "right to within"),
        ((M - 0.003).float(), "correct", "right to within"),
        ((M + 0.003).tolist(), "correct", "right to within"),
        (np.asarray(M), "correct", "right to within"),
        (M.T, "wrong", "Mᵀ"),
        (-M, "wrong", "backwards"),
        (STEP, "wrong", "one sample to the next"),
        ((STEP - torch.eye(2, dtype=torch.float64)) / 0.1, "wrong", "forward difference"),
        (2 * M, "wrong", "not the field's matrix"),
        (torch.zeros(2, 2), "wrong", "not the field's matrix"),
        (M * NAN, "wrong", "non-finite"),
        (M[0], "wrong", "2 × 2"),
        ("M", "wrong", ""),
        (None, "not attempted", ""),
    ],
)
def test_learned_linear_field(answer, status, fragment):
    assert_verdict(d3.check_learned_linear_field(answer), status, fragment)


def test_linear_field_data_is_what_the_checker_judges():
    """Fitting the data by least squares through exact one-step maps recovers the checked matrix."""
    t, observed = d3.linear_field_data(noise=0.0)
    step = torch.linalg.lstsq(observed[:-1].reshape(-1, 2), observed[1:].reshape(-1, 2)).solution.T
    field = torch.from_numpy(np.real(scipy.linalg.logm(step.numpy()))) / float(t[1] - t[0])
    assert d3.check_learned_linear_field(field).passed
