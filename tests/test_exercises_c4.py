import math

import numpy as np
import pytest
import torch

from sciml_course.exercises import c4


@pytest.mark.parametrize(
    "checker, args",
    [
        (c4.check_mc_rms_error, (None,)),
        (c4.check_reaction_energy_density, (None,)),
        (c4.check_lshape_factor, (None,)),
        (c4.check_slit_rates, (None, None)),
        (c4.check_slit_rates, (0.5, None)),
    ],
)
def test_placeholders_are_not_attempted(checker, args):
    assert checker(*args).status == "not attempted"


def test_mc_rms_error_accepts_the_prediction_and_diagnoses_common_slips():
    right = math.sqrt(5 / 64 / 1000)
    assert c4.check_mc_rms_error(right).passed
    assert c4.check_mc_rms_error(np.float64(right * 1.02)).passed
    assert "variance" in c4.check_mc_rms_error(5 / 64 / math.sqrt(1000)).message
    assert "one sample" in c4.check_mc_rms_error(math.sqrt(5 / 64)).message
    wrong = c4.check_mc_rms_error(0.05)
    assert wrong.status == "wrong" and f"{right:.3g}" not in wrong.message


def test_reaction_energy_density():
    right = lambda u, g, f, c: 0.5 * (g**2).sum(-1) + 0.5 * c * u**2 - f * u
    assert c4.check_reaction_energy_density(right).passed
    doubled = lambda u, g, f, c: right(u, g, f, c) + 0.5 * c * u**2
    assert "c-term" in c4.check_reaction_energy_density(doubled).message
    assert "Poisson" in c4.check_reaction_energy_density(lambda u, g, f, c: (g**2).sum(-1) - f * u).message
    assert "shape" in c4.check_reaction_energy_density(lambda u, g, f, c: 1.0).message
    assert "raised" in c4.check_reaction_energy_density(lambda u, g, f, c: u.missing).message
    assert "function" in c4.check_reaction_energy_density(3).message


def test_lshape_factor_accepts_any_valid_factor_and_rejects_invalid_ones():
    outer = lambda x: (1 - x[:, 0] ** 2) * (1 - x[:, 1] ** 2)
    assert c4.check_lshape_factor(lambda x: outer(x) * torch.maximum(-x[:, 0], x[:, 1])).passed
    assert c4.check_lshape_factor(lambda x: 3 * outer(x) * torch.maximum(-x[:, 0], x[:, 1]) ** 2).passed
    assert "boundary" in c4.check_lshape_factor(outer).message
    assert "positive" in c4.check_lshape_factor(lambda x: outer(x) * (x[:, 0] * x[:, 1]) ** 2).message
    assert "zero inside" in c4.check_lshape_factor(lambda x: 0 * x[:, 0]).message
    assert "non-finite" in c4.check_lshape_factor(lambda x: x[:, 0] / 0).message
    assert "shape" in c4.check_lshape_factor(lambda x: x).message


def test_slit_rates():
    assert c4.check_slit_rates(0.5, -0.25).passed
    assert c4.check_slit_rates(np.float64(0.5), -0.25).passed
    assert c4.check_slit_rates(2 / 3, -1 / 3).status == "wrong"
    assert "power of h" in c4.check_slit_rates(0.5, 0.5).message
    assert "H1 slope" in c4.check_slit_rates(0.5, -0.1).message
    assert "-0.25" not in c4.check_slit_rates(0.5, -0.1).message
