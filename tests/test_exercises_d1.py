"""D1 checkers: a verdict for every hand-written answer, right or wrong."""

import math

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course import operators
from sciml_course.exercises import d1

NAN = float("nan")
RIGHT_WEIGHTS = np.array([-1, 16, -30, 16, -1]) / 12
SECRETS = ("30", "12", "16", "2.5", "1.33")


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (RIGHT_WEIGHTS, "correct", ""),
        (list(RIGHT_WEIGHTS), "correct", ""),
        (torch.tensor(RIGHT_WEIGHTS), "correct", ""),
        (RIGHT_WEIGHTS.astype(np.float32), "correct", ""),  # float32 of the right answer
        (torch.tensor(RIGHT_WEIGHTS, dtype=torch.float32), "correct", ""),
        (RIGHT_WEIGHTS / 2, "wrong", "1/q!"),  # the typical mistake: Σ s^q w = δ without 1/q!
        (2 * RIGHT_WEIGHTS, "wrong", "reproduce u''"),
        (-RIGHT_WEIGHTS, "wrong", "reproduce u''"),
        (RIGHT_WEIGHTS + 0.1, "wrong", "sum to zero"),
        ([1, -2, 1, 0, 0], "wrong", "third moment"),
        ([0, 0, -1, 1, 0], "wrong", "first moment"),
        ([0, 1, -2, 1, 0], "wrong", "fourth moment"),
        ([NAN] * 5, "wrong", "non-finite"),
        ([1, 2, 3], "wrong", "shape"),
        (RIGHT_WEIGHTS[:, None], "wrong", "shape"),
        ("abc", "wrong", "array"),
        (None, "not attempted", ""),
    ],
)
def test_fd4_second_weights(answer, status, fragment):
    assert_verdict(d1.check_fd4_second_weights(answer), status, fragment, hidden=SECRETS)


DT = (1 / 32) ** 2 / 2


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (DT, "correct", ""),
        (np.float64(DT), "correct", ""),
        (np.float32(DT), "correct", ""),
        (torch.tensor(DT), "correct", ""),
        (2 * DT, "wrong", "one-dimensional"),  # the typical mistake: the 1-D limit
        (DT / 2, "wrong", "≥ −1"),
        (-DT, "wrong", "wrong sign"),
        (10 * DT, "wrong", "too large"),
        (NAN, "wrong", "not finite"),
        ("0.0005", "wrong", "single number"),
        ([DT], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_dt_max_2d(answer, status, fragment):
    assert_verdict(d1.check_dt_max_2d(answer), status, fragment, hidden=(f"{DT:.3g}", f"{DT:.2e}"))


def test_heat_data_solves_the_heat_equation_with_the_hidden_diffusivity():
    x, t, u = d1.heat_data()
    assert u.shape == (len(t), len(x))
    w = operators.central_weights(1, 4)
    u_t = sum(c * u[2 + s : len(u) - 2 + s] for s, c in zip(range(-2, 3), w)) / (t[1] - t[0])
    u_xx = operators.spectral_derivative(u[2:-2], 1.0, 2)
    nu = float(np.sum(u_t * u_xx) / np.sum(u_xx**2))
    assert d1.check_nu_discovered(nu).passed


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (0.02, "correct", ""),
        (0.0203, "correct", ""),
        (np.float32(0.02), "correct", ""),
        (-0.02, "wrong", "positive"),  # wrong sign
        (0.02 * (2 * math.pi) ** 2, "wrong", "(2π)²"),  # the typical mistake: wave numbers of [0, 2π)
        (0.02 / (2 * math.pi) ** 2, "wrong", "(2π)²"),
        (0.04, "wrong", "too large"),  # factor 2
        (0.5, "wrong", "Check the units"),
        (NAN, "wrong", "not finite"),
        ([0.02], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_nu_discovered(answer, status, fragment):
    assert_verdict(d1.check_nu_discovered(answer), status, fragment, hidden=("0.02",))


STENCIL = np.array([-0.5, 0.0, 0.5])


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (STENCIL, "correct", ""),
        (STENCIL + [0.004, -0.003, 0.002], "correct", ""),  # a trained kernel carries the noise
        (STENCIL.astype(np.float32), "correct", ""),
        (torch.tensor(STENCIL).reshape(3), "correct", ""),
        (list(STENCIL), "correct", ""),
        (-STENCIL, "wrong", "reversed"),  # the typical mistake: a flipped (convolution) kernel
        (64 * STENCIL, "wrong", "times h"),  # the weights of a layer that does not divide by h
        (STENCIL / 64, "wrong", "times h"),
        (2 * STENCIL, "wrong", "to within 0.01"),  # factor 2
        (STENCIL + [0.0, 0.1, 0.0], "wrong", "sum to zero"),  # not converged / no constant-annihilation
        ([-1.0, 1.0, 0.0], "wrong", "one-sided"),  # targets from a backward difference
        ([0.0, -1.0, 1.0], "wrong", "one-sided"),  # ... or a forward one
        ([NAN] * 3, "wrong", "non-finite"),
        (STENCIL[:, None], "wrong", "shape"),
        (torch.zeros(1, 1, 3), "wrong", "shape"),  # the raw conv weight, not flattened
        ("abc", "wrong", "array"),
        (None, "not attempted", ""),
    ],
)
def test_learned_d1_stencil(answer, status, fragment):
    assert_verdict(d1.check_learned_d1_stencil(answer), status, fragment, hidden=("0.5",))
