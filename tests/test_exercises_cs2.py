"""CS2 checkers: a verdict for every hand-written answer, right or wrong."""

import functools

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course import neural_operators
from sciml_course.exercises import _answers, cs2

NAN = float("nan")
BREAK_EVEN = 150 / 4.9e-3  # 30 612.2


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (BREAK_EVEN, "correct", ""),
        (30612, "correct", ""),
        (30613, "correct", ""),
        (np.float32(BREAK_EVEN), "correct", ""),
        (torch.tensor(BREAK_EVEN), "correct", ""),
        (150 / 5e-3, "wrong", "FNO's own time"),  # the typical mistake: 30 000
        (30100, "wrong", "too small"),
        (120 / 4.9e-3, "wrong", "training data"),
        (150 / 5.1e-3, "wrong", "not their sum"),
        (2 * BREAK_EVEN, "wrong", "too large"),
        (-BREAK_EVEN, "wrong", "wrong sign"),
        (NAN, "wrong", "not finite"),
        ([BREAK_EVEN], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_break_even(answer, status, fragment):
    assert_verdict(cs2.check_break_even(answer), status, fragment, hidden=("30612", "30 612", "3.06"))


def parity(u):
    return -np.roll(u[:, ::-1], 1, axis=1)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (parity, "correct", "odd"),
        (lambda u: parity(u).astype(np.float32), "correct", ""),
        (lambda u: torch.from_numpy(parity(u)), "correct", ""),
        (lambda u: parity(u).tolist(), "correct", ""),
        (lambda u: -u[:, ::-1], "wrong", "off by one"),  # the typical mistake
        (lambda u: -parity(u), "wrong", "sign"),
        (lambda u: 2 * parity(u), "wrong", "different values"),
        (lambda u: parity(u) if u.shape[1] == 16 else -u[:, ::-1], "wrong", "off by one"),  # odd grid
        (lambda u: parity(u) * NAN, "wrong", "non-finite"),
        (lambda u: parity(u) + 1j, "wrong", "complex"),
        (lambda u: parity(u)[0], "wrong", "shape"),
        (lambda u: 1 / 0, "wrong", "ZeroDivisionError"),
        ("parity", "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_parity(answer, status, fragment):
    assert_verdict(cs2.check_parity(answer), status, fragment)


def heat_prediction(u0, nu, t):
    n = u0.shape[-1]
    k = 2 * np.pi * np.fft.rfftfreq(n, d=1 / n)
    return np.fft.irfft(np.fft.rfft(u0) * np.exp(-nu * k**2 * t), n=n)


def heat_by_complex_fft(u0, nu, t):
    n = u0.shape[-1]
    k = 2 * np.pi * np.fft.fftfreq(n, d=1 / n)
    return np.fft.ifft(np.fft.fft(u0) * np.exp(-nu * k**2 * t))


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (heat_prediction, "correct", ""),
        (heat_by_complex_fft, "correct", ""),  # complex, with rounding-noise imaginary parts
        (lambda u0, nu, t: heat_prediction(u0, nu, t).astype(np.float32), "correct", ""),
        (lambda u0, nu, t: heat_by_complex_fft(u0, nu, t) + 0.3j, "wrong", "complex"),  # garbage imag.
        (lambda u0, nu, t: heat_prediction(u0, nu / (2 * np.pi) ** 2, t), "wrong", "2π"),  # typical
        (lambda u0, nu, t: heat_prediction(u0, -nu, t), "wrong", "different values"),
        (lambda u0, nu, t: heat_prediction(u0, 2 * nu, t), "wrong", "different values"),
        (lambda u0, nu, t: u0 * np.exp(-nu * t), "wrong", "different values"),
        (lambda u0, nu, t: heat_prediction(u0, nu, t) * NAN, "wrong", "non-finite"),
        (lambda u0, nu, t: heat_prediction(u0, nu, t).ravel(), "wrong", "shape"),
        (lambda u0, nu, t: 1 / 0, "wrong", "ZeroDivisionError"),
        (1.0, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_heat_prediction(answer, status, fragment):
    assert_verdict(cs2.check_heat_prediction(answer), status, fragment)


# ------------------------------------------------------------------ the hands-on exercise
@functools.lru_cache(maxsize=None)
def trained(modes):
    """An FNO trained as the exercise asks, with `modes` Fourier modes (each trained once per session)."""
    return _answers.trained_fno(modes=modes)


class GridBound(torch.nn.Module):
    """Right on 64 points, the identity elsewhere: a model that depends on the grid size."""

    def forward(self, u):
        return trained(8)(u) if u.shape[-1] == 64 else u


class Memoriser(torch.nn.Module):
    """Returns the training target of every training input, zero for anything else: pure over-fitting."""

    def forward(self, u):
        u0, u1 = cs2.fno_exercise_data()
        if u.shape == u0.shape and torch.equal(u, u0):
            return u1.clone()
        return torch.zeros_like(u) + 1e-3


def untrained_fno():
    torch.manual_seed(0)
    return neural_operators.FNO1d(modes=8, width=16, n_layers=2, grid_channel=False)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (lambda: trained(8), "correct", "generalises"),
        (lambda: trained(12), "correct", "generalises"),
        (lambda: trained(2), "wrong", "wave numbers below 2"),  # the typical mistake: the modes left as they were
        (untrained_fno, "wrong", "not learned"),
        (lambda: torch.nn.Identity(), "wrong", "not learned"),
        (lambda: neural_operators.GridMLP(64, width=32, depth=2), "wrong", "finer grid"),  # grid-bound
        (lambda: GridBound(), "wrong", "not on the finer one"),
        (lambda: Memoriser(), "wrong", "over-fits"),
        (lambda: trained(8)(cs2.fno_exercise_data()[0]).detach(), "wrong", "model itself"),  # predictions
        (lambda: (lambda u: u), "wrong", "torch.nn.Module"),
        (lambda: torch.nn.Flatten(0), "wrong", "shape"),
        (lambda: _NaNModel(), "wrong", "non-finite"),
        (lambda: None, "not attempted", ""),
    ],
)
def test_trained_fno(answer, status, fragment):
    assert_verdict(cs2.check_trained_fno(answer()), status, fragment)


class _NaNModel(torch.nn.Module):
    def forward(self, u):
        return u * NAN


def test_trained_fno_restores_training_mode():
    model = untrained_fno().train()
    cs2.check_trained_fno(model)
    assert model.training
