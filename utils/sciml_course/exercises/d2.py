"""Checkers for the exercises of lecture D2 (neural operators)."""

from __future__ import annotations

from typing import Any, Callable

import torch

from . import _answers as answers
from .core import Feedback, call, check_number, checker, matches, read_values, reject

__all__ = ["check_spectral_parameter_count", "check_spectral_conv", "check_deeponet_combine"]


@checker("spectral_parameters")
def check_spectral_parameter_count(count: Any) -> Feedback:
    """Real parameters of ``SpectralConv1d(32, 32, modes=16)`` (complex weights, no bias).

    Examples
    --------
    >>> check_spectral_parameter_count(16384).passed
    False
    >>> check_spectral_parameter_count(None).status
    'not attempted'
    """
    expected = answers.SPECTRAL_PARAMETERS
    return check_number(
        count, expected, rtol=0.0, atol=0.5, what="the parameter count",
        hint="Count the entries of R_k for every kept mode k, in real numbers.",
        mistakes=[(expected // 2, "close: how many real numbers make up one complex weight?"),
                  (expected // answers.SPECTRAL_CHANNELS,
                   "R_k mixes the channels: it is a full C_in × C_out matrix for each mode, not a diagonal."),
                  (2 * expected,
                   "only the modes 0, ..., k−1 of the real FFT are kept, each with one matrix R_k.")],
    )


def _real_output(got: Any, shape: tuple) -> Any:
    if isinstance(got, torch.Tensor) and got.is_complex():
        reject("the output should be real: use the inverse *real* FFT with n=N.")
    if isinstance(got, torch.Tensor) and tuple(got.shape) == (*shape[:-1], shape[-1] - 1):
        reject(f"on an odd grid (N = {shape[-1]}) the inverse real FFT gives N − 1 points "
               "unless you pass n=N.")
    return read_values(got, name="spectral_conv", shape=shape, tensor=True,
                       expect=f"a real tensor of shape {shape}")


@checker("spectral_conv", function=True)
def check_spectral_conv(spectral_conv: Callable | None) -> Feedback:
    """``spectral_conv(v, weights)``: v (B, C_in, N) real, weights (C_in, C_out, k) complex → (B, C_out, N).

    Examples
    --------
    >>> check_spectral_conv(lambda v, w: v).status
    'wrong'
    >>> check_spectral_conv(None).status
    'not attempted'
    """
    gen = torch.Generator().manual_seed(7)
    for batch, c_in, c_out, n, modes in ((2, 3, 4, 32, 5), (1, 2, 2, 17, 9)):
        v = torch.randn(batch, c_in, n, generator=gen, dtype=torch.float64)
        pairs = torch.randn(c_in, c_out, modes, 2, generator=gen, dtype=torch.float64)
        weights = torch.view_as_complex(pairs)
        want = answers.spectral_conv(v, weights)
        got = _real_output(call(spectral_conv, v, weights, name="spectral_conv"), tuple(want.shape))
        if not matches(got, want, atol=1e-8, rtol=1e-6):
            return Feedback("wrong", f"the values differ (grid N = {n}, {modes} modes). Keep modes "
                                     "0, ..., k−1, mix channels with the weights, and pass n=N back.")
    return Feedback("correct", "your spectral convolution matches, also on an odd grid.")


@checker("combine", function=True)
def check_deeponet_combine(combine: Callable | None) -> Feedback:
    """``combine(branch, trunk, bias)``: branch (B, p), trunk (P, p), bias scalar → G(u)(y) (B, P).

    Examples
    --------
    >>> check_deeponet_combine(lambda b, t, c: b @ t.T).status
    'wrong'
    >>> check_deeponet_combine(None).status
    'not attempted'
    """
    gen = torch.Generator().manual_seed(3)
    branch = torch.randn(4, 6, generator=gen, dtype=torch.float64)
    trunk = torch.randn(9, 6, generator=gen, dtype=torch.float64)
    bias = torch.tensor(0.7, dtype=torch.float64)
    want = answers.deeponet_combine(branch, trunk, bias)
    got = read_values(call(combine, branch, trunk, bias, name="combine"), name="combine", shape=want.shape,
                      tensor=True,
                      expect="a tensor with one row per function and one column per point y, (B, P)")
    if matches(got, want, atol=1e-10, rtol=1e-8):
        return Feedback("correct", "that is the DeepONet output, a sum of p products plus b_0.")
    if matches(got, want - bias, atol=1e-10, rtol=1e-8):
        return Feedback("wrong", "almost: the bias b_0 is missing.")
    return Feedback("wrong", "the values differ: sum b_k(u) t_k(y) over the p basis functions k.")
