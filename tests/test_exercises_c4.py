"""C4 checkers: a verdict for every hand-written answer, right or wrong."""

import math

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course.exercises import c4

NAN = float("nan")
RMS = math.sqrt(5 / 64 / 1000)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (RMS, "correct", "relative tolerance of 0.05"),
        (np.float64(RMS * 1.02), "correct", ""),
        (np.float32(RMS), "correct", ""),
        (torch.tensor(RMS), "correct", ""),
        (5 / 64 / math.sqrt(1000), "wrong", "units"),
        (math.sqrt(5 / 64), "wrong", "one sample"),
        (5 / 64 / 1000, "wrong", "square root"),
        (math.sqrt(9 / 64 / 1000), "wrong", "subtract"),  # the typical mistake: mean not subtracted
        (2 * RMS, "wrong", "too large"),
        (-RMS, "wrong", "wrong sign"),
        (0.05, "wrong", "too large"),
        (NAN, "wrong", "not finite"),
        ([RMS], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_mc_rms_error(answer, status, fragment):
    assert_verdict(c4.check_mc_rms_error(answer), status, fragment, hidden=(f"{RMS:.3g}", f"{RMS:.2g}"))


def density(u, g, f, c):
    return 0.5 * (g**2).sum(-1) + 0.5 * c * u**2 - f * u


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (density, "correct", ""),
        (lambda u, g, f, c: density(u.float(), g.float(), f.float(), c), "correct", ""),
        (lambda u, g, f, c: density(u, g, f, c).detach(), "correct", ""),
        (lambda u, g, f, c: density(u, g, f, c) + 0.5 * c * u**2, "wrong", "c-term"),  # typical: c u²
        (lambda u, g, f, c: density(u, g, f, c) - c * u**2, "wrong", "c-term"),  # wrong sign of the c-term
        (lambda u, g, f, c: (g**2).sum(-1) - f * u, "wrong", "Poisson"),
        (lambda u, g, f, c: 2 * density(u, g, f, c), "wrong", "Poisson"),  # factor 2
        (lambda u, g, f, c: density(u, g, f, c) * NAN, "wrong", "non-finite"),
        (lambda u, g, f, c: density(u, g, f, c).tolist(), "wrong", "tensor"),
        (lambda u, g, f, c: 1.0, "wrong", "shape (N,)"),
        (lambda u, g, f, c: density(u, g, f, c)[:, None], "wrong", "shape (N,)"),
        (lambda u, g, f, c: u.missing, "wrong", "raised AttributeError"),
        (3, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_reaction_energy_density(answer, status, fragment):
    assert_verdict(c4.check_reaction_energy_density(answer), status, fragment)


def outer(x):
    return (1 - x[:, 0] ** 2) * (1 - x[:, 1] ** 2)


def lshape_factor(x):
    return outer(x) * torch.maximum(-x[:, 0], x[:, 1])


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (lshape_factor, "correct", ""),
        (lambda x: 3 * outer(x) * torch.maximum(-x[:, 0], x[:, 1]) ** 2, "correct", ""),
        (lambda x: 1e-9 * lshape_factor(x), "correct", ""),  # a factor may be scaled
        (lambda x: lshape_factor(x.float()), "correct", ""),
        (lambda x: lshape_factor(x).detach(), "correct", ""),
        (lambda x: -lshape_factor(x), "wrong", "positive"),
        (lambda x: 2 * lshape_factor(x), "correct", ""),
        (outer, "wrong", "boundary"),  # the typical mistake: the outer edges only
        (lambda x: 1e-9 * outer(x), "wrong", "boundary"),
        (lambda x: outer(x) * (x[:, 0] * x[:, 1]) ** 2, "wrong", "positive"),
        (lambda x: outer(x) * x[:, 0] * x[:, 1], "wrong", "positive"),
        (lambda x: 0 * x[:, 0], "wrong", "zero inside"),
        (lambda x: x[:, 0] / 0, "wrong", "non-finite"),
        (lambda x: lshape_factor(x).tolist(), "wrong", "tensor"),
        (lambda x: x, "wrong", "shape"),
        (lambda x: 1 / 0, "wrong", "ZeroDivisionError"),
        ("phi", "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_lshape_factor(answer, status, fragment):
    assert_verdict(c4.check_lshape_factor(answer), status, fragment)


@pytest.mark.parametrize(
    "exponent, rate, status, fragment",
    [
        (0.5, -0.25, "correct", ""),
        (np.float64(0.5), np.float32(-0.25), "correct", ""),
        (torch.tensor(0.5), -0.25, "correct", ""),
        (2 / 3, -1 / 3, "wrong", "L-shape's exponent"),  # the typical mistake: the L-shape's values
        (2.0, -0.25, "wrong", "not ω/π"),
        (-0.5, -0.25, "wrong", "wrong sign"),
        (0.5, 0.5, "wrong", "power of h"),
        (0.5, -0.5, "wrong", "power of h"),
        (0.5, -1 / 3, "wrong", "L-shape's measured slope"),
        (0.5, 0.25, "wrong", "wrong sign"),
        (0.5, -0.1, "wrong", "H1 slope"),
        (NAN, -0.25, "wrong", "not finite"),
        (0.5, [-0.25], "wrong", "single number"),
        (None, None, "not attempted", ""),
        (0.5, None, "not attempted", ""),
    ],
)
def test_slit_rates(exponent, rate, status, fragment):
    assert_verdict(c4.check_slit_rates(exponent, rate), status, fragment, hidden=("0.25", "1/4"))
