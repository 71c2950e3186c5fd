"""CS2 checkers: a verdict for every hand-written answer, right or wrong."""

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course.exercises import cs2

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
