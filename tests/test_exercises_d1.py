import math

import numpy as np
import pytest
import torch

from sciml_course import operators
from sciml_course.exercises import d1

RIGHT_WEIGHTS = np.array([-1, 16, -30, 16, -1]) / 12


@pytest.mark.parametrize("checker", [d1.check_fd4_second_weights, d1.check_dt_max_2d, d1.check_nu_discovered])
def test_checkers_say_not_attempted_for_the_placeholder(checker):
    assert checker(None).status == "not attempted"


@pytest.mark.parametrize("answer", [RIGHT_WEIGHTS, list(RIGHT_WEIGHTS), torch.tensor(RIGHT_WEIGHTS)])
def test_fd4_weights_accepts_the_stencil_in_any_array_type(answer):
    assert d1.check_fd4_second_weights(answer).passed


@pytest.mark.parametrize(
    "answer, phrase",
    [
        ([1, -2, 1, 0, 0], "third moment"),
        ([0, 0, -1, 1, 0], "first moment"),
        ([0, 1, -2, 1, 0], "fourth moment"),
        (2 * RIGHT_WEIGHTS, "reproduce u''"),
        (RIGHT_WEIGHTS + 0.1, "sum to zero"),
        ([1, 2, 3], "shape"),
        ("abc", "array"),
        ([np.nan] * 5, "non-finite"),
    ],
)
def test_fd4_weights_rejects_wrong_stencils_without_revealing(answer, phrase):
    feedback = d1.check_fd4_second_weights(answer)
    assert feedback.status == "wrong" and phrase in feedback.message
    assert "30" not in feedback.message and "12" not in feedback.message


def test_dt_max_2d_accepts_the_limit_and_names_the_1d_mistake():
    right = (1 / 32) ** 2 / 2
    assert d1.check_dt_max_2d(right).passed
    assert d1.check_dt_max_2d(np.float64(right)).passed
    assert "one-dimensional" in d1.check_dt_max_2d(2 * right).message
    assert d1.check_dt_max_2d(10 * right).status == "wrong"
    assert d1.check_dt_max_2d("0.0005").status == "wrong"


def test_heat_data_solves_the_heat_equation_with_the_hidden_diffusivity():
    x, t, u = d1.heat_data()
    assert u.shape == (len(t), len(x))
    w = operators.central_weights(1, 4)
    u_t = sum(c * u[2 + s : len(u) - 2 + s] for s, c in zip(range(-2, 3), w)) / (t[1] - t[0])
    u_xx = operators.spectral_derivative(u[2:-2], 1.0, 2)
    nu = float(np.sum(u_t * u_xx) / np.sum(u_xx**2))
    assert d1.check_nu_discovered(nu).passed


def test_nu_discovered_rejects_wrong_values():
    assert d1.check_nu_discovered(0.5).status == "wrong"
    assert "positive" in d1.check_nu_discovered(-0.02).message
    # a 2π confusion in the wave numbers gives a value off by (2π)²
    assert d1.check_nu_discovered(0.02 * (2 * math.pi) ** 2).status == "wrong"
