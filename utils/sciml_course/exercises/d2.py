"""Checkers for the exercises of lecture D2 (neural operators)."""

from __future__ import annotations

from typing import Any, Callable

import torch

from .. import neural_operators, spectral_burgers, training
from . import _answers as answers
from .core import Feedback, Rejected, call, check_number, checker, matches, read_values, reject

__all__ = ["check_spectral_parameter_count", "check_spectral_conv", "check_deeponet_combine",
           "check_fewer_modes"]


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


def _held_out_burgers_pairs() -> tuple[torch.Tensor, torch.Tensor]:
    """Pairs of the lecture's Burgers map that neither the notebook nor the student has seen."""
    data = spectral_burgers.burgers_dataset(answers.FEW_MODES_CHECK_SAMPLES, **answers.FEW_MODES_BURGERS,
                                            seed=answers.FEW_MODES_CHECK_SEED, use_cache=False, progress=False)
    return torch.as_tensor(data["u0"]), torch.as_tensor(data["u1"])


def _operator_error(model: torch.nn.Module, u0: torch.Tensor, u1: torch.Tensor, name: str) -> float:
    """Mean relative L2 error of ``model`` on the pairs, inputs cast to its first real parameter."""
    real = [p for p in model.parameters() if p.is_floating_point()]
    dtype, device = (real[0].dtype, real[0].device) if real else (torch.float32, torch.device("cpu"))
    with torch.no_grad():
        got = call(model, u0.to(dtype=dtype, device=device), name=name)
    prediction = read_values(got, name=name, shape=u1.shape, tensor=True,
                             expect=f"a tensor of shape {tuple(u1.shape)}, one row per input function")
    return float(neural_operators.relative_l2(prediction.data, u1))


@checker("fno_four_modes")
def check_fewer_modes(model: Any, twelve_mode_fno: torch.nn.Module | None = None) -> Feedback:
    """A trained FNO whose Fourier layers keep 4 modes, judged on held-out pairs of the Burgers map.

    The checker draws its own 100 pairs (ν = 0.1, T = 0.25, 64 points) and measures the model's
    mean relative L2 error there; ``twelve_mode_fno``, the lecture's FNO, is measured beside it
    for the message. Accepted below the error a trained 4-mode FNO reaches at the lecture's budget
    (with a margin of almost three over the seeds measured).

    Examples
    --------
    >>> check_fewer_modes(neural_operators.FNO1d(modes=12, width=8)).message
    'its Fourier layers keep [12] modes; the exercise asks for 4 in every layer.'
    >>> check_fewer_modes(None).status
    'not attempted'
    """
    name, modes = "fno_four_modes", answers.FEW_MODES
    if isinstance(model, training.TrainingLog):
        reject("that is the training log train_operator returns: assign the trained model itself.")
    if isinstance(model, type):
        reject(f"that is the class {model.__name__}: build a model with it, train it, and assign the model.")
    if not isinstance(model, torch.nn.Module):
        reject(f"{name} should be a trained model (a torch.nn.Module such as neural_operators.FNO1d), "
               f"got {type(model).__name__}.")
    kept = sorted({layer.modes for layer in model.modules() if isinstance(layer, neural_operators.SpectralConv1d)})
    if not kept:
        reject("the model has no spectral convolution: build it with neural_operators.FNO1d.")
    if kept != [modes]:
        reject(f"its Fourier layers keep {kept} modes; the exercise asks for {modes} in every layer.")
    if not all(torch.isfinite(p).all() for p in model.parameters()):
        reject("some of its weights are NaN or infinite: the training diverged (check the learning rate "
               "and the data).")
    u0, u1 = _held_out_burgers_pairs()
    error = _operator_error(model, u0, u1, name)
    where = f"on {len(u0)} held-out functions"
    if error > answers.FEW_MODES_UNTRAINED:
        reject(f"its relative L2 error {where} is {error:.2f}, as large as an untrained model's (about 1): "
               "train it with neural_operators.train_operator on u0_train, u1_train.")
    if error > answers.FEW_MODES_TOL:
        reject(f"its relative L2 error {where} is {error:.1e}, above what a trained {modes}-mode FNO reaches at "
               f"the lecture's budget ({answers.FEW_MODES_TOL:.0e}): train it as long as fno, on the same data.")
    message = f"your {modes}-mode FNO has relative L2 error {error:.1e} {where}"
    if isinstance(twelve_mode_fno, torch.nn.Module):
        try:
            reference = _operator_error(twelve_mode_fno, u0, u1, "twelve_mode_fno")
            message += f"; the 12-mode fno has {reference:.1e} on the same functions"
        except Rejected:  # the comparison is a courtesy: it never changes the verdict
            pass
    return Feedback("correct", message + ".")
