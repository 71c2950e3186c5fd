"""D2 checkers: a verdict for every hand-written answer, right or wrong."""

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course.exercises import d2

NAN = float("nan")
COUNT = 2 * 32 * 32 * 16


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (COUNT, "correct", ""),
        (float(COUNT), "correct", ""),
        (np.int64(COUNT), "correct", ""),
        (np.float32(COUNT), "correct", ""),
        (torch.tensor(COUNT), "correct", ""),
        (np.array([COUNT]), "correct", ""),
        (32 * 32 * 16, "wrong", "complex"),  # the typical mistake: complex numbers counted once
        (2 * 32 * 16, "wrong", "mixes the channels"),
        (2 * COUNT, "wrong", "modes 0"),
        (-COUNT, "wrong", "wrong sign"),
        (7, "wrong", "too small"),
        (NAN, "wrong", "not finite"),
        (np.array([COUNT, COUNT]), "wrong", "single number"),
        ([COUNT], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_spectral_parameter_count(answer, status, fragment):
    assert_verdict(d2.check_spectral_parameter_count(answer), status, fragment, hidden=(str(COUNT),))


def spectral_conv(v, weights):
    modes = weights.shape[-1]
    v_hat = torch.fft.rfft(v)
    out = torch.zeros(v.shape[0], weights.shape[1], v.shape[-1] // 2 + 1, dtype=v_hat.dtype)
    out[..., :modes] = torch.einsum("bik,iok->bok", v_hat[..., :modes], weights)
    return torch.fft.irfft(out, n=v.shape[-1])


def without_n(v, weights):  # forgets n=N: wrong on odd grids
    modes = weights.shape[-1]
    v_hat = torch.fft.rfft(v)
    out = torch.zeros(v.shape[0], weights.shape[1], v.shape[-1] // 2 + 1, dtype=v_hat.dtype)
    out[..., :modes] = torch.einsum("bik,iok->bok", v_hat[..., :modes], weights)
    return torch.fft.irfft(out)


def complex_result(v, weights):
    modes = weights.shape[-1]
    v_hat = torch.fft.fft(v)
    out = torch.zeros(v.shape[0], weights.shape[1], v.shape[-1], dtype=v_hat.dtype)
    out[..., :modes] = torch.einsum("bik,iok->bok", v_hat[..., :modes], weights)
    return torch.fft.ifft(out)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (spectral_conv, "correct", "odd grid"),
        (lambda v, w: spectral_conv(v.float(), w.to(torch.complex64)), "correct", ""),  # float32
        (lambda v, w: spectral_conv(v, w).detach(), "correct", ""),
        (without_n, "wrong", "N = 17"),  # the typical mistake
        (lambda v, w: spectral_conv(v, w.conj()), "wrong", "values differ"),
        (lambda v, w: 2 * spectral_conv(v, w), "wrong", "values differ"),
        (lambda v, w: -spectral_conv(v, w), "wrong", "values differ"),
        (complex_result, "wrong", "real"),
        (lambda v, w: spectral_conv(v, w) * NAN, "wrong", "non-finite"),
        (lambda v, w: spectral_conv(v, w).numpy(), "wrong", "tensor"),
        (lambda v, w: v, "wrong", "shape"),
        (lambda v, w: 1 / 0, "wrong", "ZeroDivisionError"),
        ("conv", "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_spectral_conv(answer, status, fragment):
    assert_verdict(d2.check_spectral_conv(answer), status, fragment)


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (lambda b, t, c: b @ t.T + c, "correct", ""),
        (lambda b, t, c: torch.einsum("bp,np->bn", b, t) + c, "correct", ""),
        (lambda b, t, c: b.float() @ t.float().T + c.float(), "correct", ""),  # float32 of the right answer
        (lambda b, t, c: (b @ t.T + c).detach(), "correct", ""),
        (lambda b, t, c: b @ t.T, "wrong", "bias"),  # the typical mistake
        (lambda b, t, c: b @ t.T - c, "wrong", "values differ"),
        (lambda b, t, c: 2 * (b @ t.T) + c, "wrong", "values differ"),
        (lambda b, t, c: t @ b.T + c, "wrong", "one row per function"),
        (lambda b, t, c: b * t + c, "wrong", "raised"),
        (lambda b, t, c: (b @ t.T + c) * NAN, "wrong", "non-finite"),
        (lambda b, t, c: (b @ t.T + c).tolist(), "wrong", "tensor"),
        ("b @ t.T + c", "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_deeponet_combine(answer, status, fragment):
    assert_verdict(d2.check_deeponet_combine(answer), status, fragment)
