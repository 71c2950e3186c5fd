"""C2 checkers: a verdict for every hand-written answer, right or wrong."""

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course import approximation as approx
from sciml_course import convergence
from sciml_course.exercises import c2

NAN = float("nan")


# ------------------------------------------------------------------------ sawtooth counts
@pytest.mark.parametrize(
    "pieces, width, status, fragment",
    [
        (64, 63, "correct", ""),
        (np.int64(64), 63.0, "correct", ""),
        (np.float32(64), np.float32(63), "correct", ""),
        (32, 31, "wrong", "teeth"),  # the typical mistake: teeth counted
        (12, 11, "wrong", "faster than linearly"),
        (18, 17, "wrong", "faster than linearly"),
        (64, 64, "wrong", "breakpoints"),
        (64, 18, "wrong", "width bound"),
        (128, 127, "wrong", "not right"),  # factor 2
        (-64, -63, "wrong", "not right"),  # wrong sign
        (65, 64, "wrong", "not right"),
        (64.5, 63, "wrong", "whole number"),
        (NAN, 63, "wrong", "whole number"),
        ("64", 63, "wrong", "whole number"),
        ([64], 63, "wrong", "whole number"),
        (True, 63, "wrong", "whole number"),
        (None, None, "not attempted", ""),
        (64, None, "not attempted", ""),
    ],
)
def test_sawtooth_counts(pieces, width, status, fragment):
    assert_verdict(c2.check_sawtooth_counts(pieces, width), status, fragment, hidden=("64", "63"))


# ----------------------------------------------------------------------- Yarotsky's square
def yarotsky(x, m=4, weight=4):
    return x - sum(approx.sawtooth_network(s).to(x)(x) / weight**s for s in range(1, m + 1))


def bulging(x):
    """Interpolates x² at j/16 but bulges between the knots."""
    knots = torch.linspace(0, 1, 17, dtype=x.dtype)
    values = np.interp(x.squeeze(1).numpy(), knots.numpy(), (knots**2).numpy())
    values = torch.as_tensor(values, dtype=x.dtype)
    return (values + 1e-3 * torch.sin(16 * torch.pi * x.squeeze(1)) ** 2).unsqueeze(1)


@pytest.mark.parametrize(
    "candidate, status, fragment",
    [
        (yarotsky, "correct", ""),
        (lambda x: yarotsky(x.float()), "correct", ""),  # float32 of the right answer
        (lambda x: yarotsky(x.float()).double(), "correct", ""),
        (lambda x: yarotsky(x).detach(), "correct", ""),
        (lambda x: -yarotsky(x), "wrong", "dyadic points"),
        (lambda x: 2 * yarotsky(x), "wrong", "dyadic points"),
        (lambda x: x**2, "wrong", "x² itself"),
        (lambda x: yarotsky(x, 3), "wrong", "3 sawtooth levels"),  # the typical mistake: one level short
        (lambda x: yarotsky(x, 5), "wrong", "5 sawtooth levels"),
        (lambda x: yarotsky(x, weight=2), "wrong", "dyadic points"),
        (bulging, "wrong", "not linear between them"),
        (lambda x: x, "wrong", "dyadic points"),
        (lambda x: x * NAN, "wrong", "non-finite"),
        (lambda x: yarotsky(x).tolist(), "wrong", "tensor"),
        (lambda x: yarotsky(x).squeeze(1), "wrong", "same shape"),
        (lambda x: 1 / 0, "wrong", "ZeroDivisionError"),
        (3.0, "wrong", "should be a function"),
        (None, "not attempted", ""),
    ],
)
def test_square_approximation(candidate, status, fragment):
    assert_verdict(c2.check_square_approximation(candidate), status, fragment)


# ------------------------------------------------------------------------- Bernstein rho
RHO = 0.1 + np.sqrt(1.01)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (RHO, "correct", ""),
        (np.float32(RHO), "correct", ""),
        (torch.tensor(RHO), "correct", ""),
        (np.array([RHO]), "correct", ""),
        (0.2 + np.sqrt(1.04), "wrong", "Runge's function"),  # the typical mistake: Runge's poles
        (np.log(RHO), "wrong", "log ρ"),
        (10 + np.sqrt(101), "wrong", "1 + 100x² = 0"),
        (1 / RHO, "wrong", "exceed 1"),
        (-RHO, "wrong", "exceed 1"),
        (2 * RHO, "wrong", "too large"),
        (1.5, "wrong", "too large"),
        (NAN, "wrong", "not finite"),
        ([RHO], "wrong", "single number"),
        ("1.105", "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_bernstein_rho(answer, status, fragment):
    assert_verdict(c2.check_bernstein_rho(answer), status, fragment, hidden=("1.10", "1.11"))


# ----------------------------------------------------------------------- Fourier slope
def measured_kink_slope():
    kink = lambda x: np.abs(np.sin(np.pi * x))  # noqa: E731
    n = np.array([31, 63, 127, 255])
    return convergence.loglog_slope(n, [approx.rms_error(approx.fourier_series(kink, k), kink) for k in n])


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (measured_kink_slope(), "correct", "absolute tolerance"),
        (-1.5, "correct", ""),
        (np.float32(-1.5), "correct", ""),
        (torch.tensor(-1.5), "correct", ""),
        (1.5, "wrong", "negative"),  # wrong sign
        (-3.0, "wrong", "squared error"),  # factor 2: the mean square instead of its root
        (-1.0, "wrong", "maximum error"),  # the typical mistake: the max error's rate
        (-0.5, "wrong", "too large"),
        (NAN, "wrong", "not finite"),
        ([-1.5], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_fourier_slope_kink(answer, status, fragment):
    assert_verdict(c2.check_fourier_slope_kink(answer), status, fragment, hidden=("1.5", "3/2"))


# ---------------------------------------------------------------- random Fourier features
def features_net(x, y, steps, seed, frequencies, train=True):
    """A Fourier-feature network with the given (1, m) frequencies, trained like the reference."""
    from sciml_course import models

    net = torch.nn.Sequential(RandomFeatures(frequencies), models.mlp(2 * frequencies.shape[1], 1, 64, 2))
    if train:
        approx.fit_jointly([net], x, [y], steps=steps, lr=1e-3, schedule=None, progress=False)
    return net


class RandomFeatures(torch.nn.Module):
    def __init__(self, frequencies):
        super().__init__()
        self.register_buffer("frequencies", frequencies)

    def forward(self, x):
        z = x @ self.frequencies
        return torch.cat([torch.cos(z), torch.sin(z)], dim=1)


def reference(x, y, steps, seed, sigma=10.0):
    torch.manual_seed(seed)
    return features_net(x, y, steps, seed, sigma * torch.randn(1, 32))


def plain(x, y, steps, seed):
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(1, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64), torch.nn.Tanh(),
                              torch.nn.Linear(64, 1))
    approx.fit_jointly([net], x, [y], steps=steps, lr=1e-3, schedule=None, progress=False)
    return net


@pytest.mark.parametrize(
    "candidate, status, fragment",
    [
        (reference, "correct", "below 0.1"),
        (lambda x, y, steps, seed: reference(x, y, steps, seed).double().float(), "correct", ""),
        (lambda x, y, steps, seed: reference(x, y, steps, seed, sigma=1.0), "wrong", "choose σ"),  # the typical mistake: σ too small
        (plain, "wrong", "random Fourier features"),  # no embedding: the spectral bias of the lecture
        (lambda x, y, steps, seed: features_net(x, y, steps, seed, 10 * torch.randn(1, 32), train=False),
         "wrong", "no frequency of the target"),  # built, never trained
        (lambda x, y, steps, seed: reference(x, y, steps, seed)(x), "wrong", "torch.nn.Module"),
        (lambda x, y, steps, seed: None, "wrong", "torch.nn.Module"),
        (lambda x, y, steps, seed: torch.nn.Linear(1, 2), "wrong", "shape (N, 1)"),
        (lambda x, y, steps, seed: torch.nn.Sequential(torch.nn.Linear(1, 1), torch.nn.Softplus(-1e9)),
         "wrong", ""),
        (lambda x, y, steps: None, "wrong", "TypeError"),
        (3.0, "wrong", "should be a function"),
        (None, "not attempted", ""),
    ],
)
def test_fourier_features(candidate, status, fragment):
    assert_verdict(c2.check_fourier_features(candidate), status, fragment)
