"""Checkers for the exercises of lecture D2 (neural operators)."""

from __future__ import annotations

from typing import Any, Callable

import torch

from .core import NOT_ATTEMPTED, Feedback, check_number, is_unanswered

SPECTRAL_CHANNELS = 32
SPECTRAL_MODES = 16


def check_spectral_parameter_count(count: Any) -> Feedback:
    """Real parameters of ``SpectralConv1d(32, 32, modes=16)`` (complex weights, no bias).

    Examples
    --------
    >>> check_spectral_parameter_count(16384).passed
    False
    """
    expected = 2 * SPECTRAL_CHANNELS * SPECTRAL_CHANNELS * SPECTRAL_MODES
    if not is_unanswered(count) and count == expected // 2:
        return Feedback("wrong", "close: how many real numbers make up one complex weight?")
    return check_number(count, expected, rtol=0.0, atol=0.5, what="the parameter count",
                        hint="Count the entries of R_k for every kept mode k, in real numbers.")


def _reference_spectral_conv(v: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    modes = weights.shape[-1]
    v_hat = torch.fft.rfft(v)
    out = torch.zeros(v.shape[0], weights.shape[1], v.shape[-1] // 2 + 1, dtype=v_hat.dtype)
    out[..., :modes] = torch.einsum("bik,iok->bok", v_hat[..., :modes], weights)
    return torch.fft.irfft(out, n=v.shape[-1])


def check_spectral_conv(spectral_conv: Callable | None) -> Feedback:
    """``spectral_conv(v, weights)``: v (B, C_in, N) real, weights (C_in, C_out, k) complex → (B, C_out, N).

    Examples
    --------
    >>> check_spectral_conv(_reference_spectral_conv).passed
    True
    """
    if is_unanswered(spectral_conv):
        return NOT_ATTEMPTED
    if not callable(spectral_conv):
        return Feedback("wrong", "spectral_conv should be a function of (v, weights).")
    gen = torch.Generator().manual_seed(7)
    for batch, c_in, c_out, n, modes in ((2, 3, 4, 32, 5), (1, 2, 2, 17, 9)):
        v = torch.randn(batch, c_in, n, generator=gen, dtype=torch.float64)
        weights = torch.randn(c_in, c_out, modes, 2, generator=gen, dtype=torch.float64)
        weights = torch.view_as_complex(weights)
        try:
            got = spectral_conv(v.clone(), weights.clone())
        except Exception as error:  # report the student's error, do not crash
            return Feedback("wrong", f"spectral_conv raised {type(error).__name__}: {error}")
        want = _reference_spectral_conv(v, weights)
        if not isinstance(got, torch.Tensor) or got.shape != want.shape:
            shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__
            return Feedback("wrong", f"expected a real tensor of shape {tuple(want.shape)}, got {shape}.")
        if got.is_complex():
            return Feedback("wrong", "the output should be real: use the inverse *real* FFT with n=N.")
        if not torch.allclose(got.to(want.dtype), want, atol=1e-8, rtol=1e-6):
            return Feedback("wrong", f"the values differ (grid N = {n}, {modes} modes). Keep modes "
                                     "0, ..., k−1, mix channels with the weights, and pass n=N back.")
    return Feedback("correct", "your spectral convolution matches, also on an odd grid.")


def _reference_combine(branch: torch.Tensor, trunk: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    return branch @ trunk.T + bias


def check_deeponet_combine(combine: Callable | None) -> Feedback:
    """``combine(branch, trunk, bias)``: branch (B, p), trunk (P, p), bias scalar → G(u)(y) (B, P).

    Examples
    --------
    >>> check_deeponet_combine(_reference_combine).passed
    True
    """
    if is_unanswered(combine):
        return NOT_ATTEMPTED
    if not callable(combine):
        return Feedback("wrong", "combine should be a function of (branch, trunk, bias).")
    gen = torch.Generator().manual_seed(3)
    branch = torch.randn(4, 6, generator=gen, dtype=torch.float64)
    trunk = torch.randn(9, 6, generator=gen, dtype=torch.float64)
    bias = torch.tensor(0.7, dtype=torch.float64)
    try:
        got = combine(branch.clone(), trunk.clone(), bias.clone())
    except Exception as error:
        return Feedback("wrong", f"combine raised {type(error).__name__}: {error}")
    want = _reference_combine(branch, trunk, bias)
    if not isinstance(got, torch.Tensor) or got.shape != want.shape:
        return Feedback("wrong", "the result should have one row per function and one column per point y.")
    if torch.allclose(got, want - bias):
        return Feedback("wrong", "almost: the bias b_0 is missing.")
    if not torch.allclose(got, want):
        return Feedback("wrong", "the values differ: sum b_k(u) t_k(y) over the p basis functions k.")
    return Feedback("correct", "that is the DeepONet output, a sum of p products plus b_0.")
