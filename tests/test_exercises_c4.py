"""C4 checkers: a verdict for every hand-written answer, right or wrong."""

import math

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course import ritz
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


def slit_factor(x):
    return outer(x) * (x.norm(dim=1) - x[:, 0])


def angle(x):  # θ in (−π, π]: the crack sits at θ = 0, the negative x-axis at θ = π
    return torch.atan2(x[:, 1], x[:, 0])


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (slit_factor, "correct", ""),
        (lambda x: outer(x) * (x.norm(dim=1) - x[:, 0]).sqrt(), "correct", ""),  # vanishes like the distance
        (lambda x: outer(x) * (1 - torch.cos(angle(x))), "correct", ""),
        (lambda x: outer(x) * torch.where(x[:, 0] >= 0, x[:, 1].abs(), x.norm(dim=1)), "correct", ""),
        (lambda x: 1e-9 * slit_factor(x), "correct", ""),  # a factor may be scaled
        (lambda x: 2 * slit_factor(x), "correct", ""),
        (lambda x: slit_factor(x.float()), "correct", ""),
        (lambda x: slit_factor(x).float(), "correct", ""),
        (lambda x: slit_factor(x).detach(), "correct", ""),
        (ritz.lshape_factor, "wrong", "not positive"),  # the package's L-shape factor is no answer
        (lambda x: -slit_factor(x), "wrong", "not positive at 20"),
        (outer, "wrong", "on the crack"),  # the typical mistake: the outer edges only
        (lambda x: 1e-9 * outer(x), "wrong", "on the crack"),
        (lambda x: outer(x) * (x.norm(dim=1) + x[:, 0]), "wrong", "on the crack"),  # the other half-axis
        (lambda x: outer(x) * x[:, 1] ** 2, "wrong", "(-0.05, 0.00)"),  # zero on the whole x-axis
        (lambda x: outer(x) * x[:, 1].abs(), "wrong", "(-0.05, 0.00)"),
        (lambda x: outer(x) * torch.sin(angle(x) / 2), "wrong", "not positive"),  # θ not taken in [0, 2π)
        (lambda x: (1 - x[:, 0] ** 2) * (x.norm(dim=1) - x[:, 0]), "wrong", "on an outer edge"),  # y = ±1
        (lambda x: 0 * x[:, 0], "wrong", "zero inside"),
        (lambda x: slit_factor(x) * float("nan"), "wrong", "non-finite"),
        (lambda x: slit_factor(x).tolist(), "wrong", "tensor"),
        (lambda x: x, "wrong", "shape"),
        (lambda x: 1 / 0, "wrong", "ZeroDivisionError"),
        ("phi", "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_slit_factor(answer, status, fragment):
    assert_verdict(c4.check_slit_factor(answer), status, fragment)


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


def neumann(x):  # the exact solution of the hands-on exercise, written by hand
    return torch.sinh(math.pi * x[:, 0]) * torch.sin(math.pi * x[:, 1]) / math.sinh(math.pi)


def dirichlet_factor(x):  # zero on x = 0, y = 0 and y = 1, not on x = 1
    return x[:, 0] * x[:, 1] * (1 - x[:, 1])


class Trained(torch.nn.Module):
    """A module standing in for a trained network: float32 parameters, output (N, 1)."""

    def __init__(self, field):
        super().__init__()
        self.scale = torch.nn.Parameter(torch.ones(1))
        self.field = field

    def forward(self, x):
        return (self.scale * self.field(x))[:, None]


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (neumann, "correct", "natural"),
        (Trained(neumann), "correct", "relative L2 error 0.0%"),
        (lambda x: neumann(x).float(), "correct", ""),
        (lambda x: neumann(x) + 0.02 * dirichlet_factor(x), "correct", ""),  # a trained network's error
        (lambda x: neumann(x) + 0.2 * dirichlet_factor(x), "wrong", "train longer"),
        (lambda x: neumann(x) + 0.05 * torch.sin(15 * x[:, 0]) * dirichlet_factor(x), "wrong", "H1 error 4"),
        (lambda x: 0 * x[:, 0], "wrong", "close to zero"),  # the typical mistake: no boundary term
        (lambda x: 1e-3 * dirichlet_factor(x), "wrong", "boundary term"),
        (lambda x: -neumann(x), "wrong", "wrong sign"),
        (lambda x: 0.5 * neumann(x), "wrong", "about 0.50 times"),  # ½ ∫ h u
        (lambda x: 2 * neumann(x), "wrong", "about 2.00 times"),
        (lambda x: neumann(x) * 16 * (1 - x[:, 0]), "wrong", "vanishes on the edge x = 1"),  # the bubble
        (lambda x: neumann(x) + 0.01, "wrong", "Dirichlet edge x = 0"),  # a penalty's small boundary error
        (lambda x: neumann(x) + 1e-3 * x[:, 0] * x[:, 1], "wrong", "Dirichlet edge y = 1"),
        (lambda x: neumann(x).detach(), "wrong", "detached"),
        (lambda x: torch.from_numpy(np.sinh(np.pi * x[:, 0].detach().numpy())), "wrong", "detached"),
        (lambda x: neumann(x) * float("nan"), "wrong", "non-finite"),
        (lambda x: neumann(x).tolist(), "wrong", "tensor"),
        (lambda x: torch.stack([neumann(x)] * 2, 1), "wrong", "shape"),
        (lambda x: neumann(x.double()), "correct", ""),
        (torch.nn.Linear(2, 1).double(), "wrong", "Dirichlet edge"),
        (lambda: 1.0, "wrong", "raised TypeError"),
        (0.01, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_neumann_ritz(answer, status, fragment):
    assert_verdict(c4.check_neumann_ritz(answer), status, fragment)


def test_neumann_check_reads_the_network_in_its_own_precision():
    net = Trained(neumann).double()
    assert c4.check_neumann_ritz(net).passed
