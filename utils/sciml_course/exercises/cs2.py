"""Checkers for the exercises of case study two (FNO for Burgers' equation)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import torch

from .. import neural_operators, spectral_burgers
from . import _answers as answers
from .core import Feedback, Rejected, call, check_number, checker, matches, read_values, reject

__all__ = ["check_break_even", "check_parity", "check_heat_prediction", "check_trained_fno", "fno_exercise_data"]


@checker("break_even_count")
def check_break_even(count: Any) -> Feedback:
    """Number of predictions after which training + data generation pay off (values in the exercise).

    Examples
    --------
    >>> check_break_even(1).status
    'wrong'
    >>> check_break_even(None).status
    'not attempted'
    """
    costs = answers.BREAK_EVEN
    return check_number(
        count, answers.break_even_count(), rtol=2e-3, what="the break-even count",
        hint="Equate the total cost of both routes for n predictions.",
        mistakes=[
            (answers.break_even_count(fno_seconds=0.0),
             "the FNO's own time per prediction counts too: each prediction saves only the difference."),
            (answers.break_even_count(data_seconds=0.0),
             "generating the training data is part of the up-front cost."),
            (answers.break_even_count(fno_seconds=-costs["fno_seconds"]),
             "each FNO prediction saves the solver's time minus the FNO's, not their sum."),
        ],
    )


def _read(result: Any, name: str, shape: tuple) -> Any:
    return read_values(result, name=name, shape=shape, complex_ok=True, expect=f"an array of shape {shape}")


@checker("parity", function=True)
def check_parity(parity: Callable | None) -> Feedback:
    """``parity(u)``: the grid values of −u(−x) for u of shape (B, N) on x_j = j / N.

    Examples
    --------
    >>> check_parity(lambda u: -u).status
    'wrong'
    >>> check_parity(None).status
    'not attempted'
    """
    rng = np.random.default_rng(0)
    for n in (16, 15):
        u = rng.standard_normal((3, n))
        got = _read(call(parity, u, name="parity"), "parity", u.shape)
        if matches(got, torch.from_numpy(answers.parity(u)), atol=1e-10, rtol=1e-8):
            continue
        if matches(got, torch.from_numpy(-u[:, ::-1].copy()), atol=1e-10, rtol=1e-8):
            return Feedback("wrong", "off by one grid point: x_0 = 0 must map to itself.")
        if matches(got, torch.from_numpy(-answers.parity(u)), atol=1e-10, rtol=1e-8):
            return Feedback("wrong", "the values are mirrored correctly, but the sign is off: −u(−x).")
        return Feedback("wrong", "parity gives different values. "
                                 "Which grid index does the point −x_j = 1 − x_j have?")
    return Feedback("correct", "parity is right, on even and odd grids.")


@checker("heat_prediction", function=True)
def check_heat_prediction(heat_prediction: Callable | None) -> Feedback:
    """``heat_prediction(u0, nu, t)``: the exact solution of u_t = ν u_xx on [0, 1) (periodic).

    A complex result is accepted only if its imaginary parts are rounding noise.

    Examples
    --------
    >>> check_heat_prediction(lambda u0, nu, t: u0 * np.exp(-nu * t)).status
    'wrong'
    >>> check_heat_prediction(None).status
    'not attempted'
    """
    u0 = np.random.default_rng(1).standard_normal((2, 32))
    nu, t = 0.01, 0.5
    got = _read(call(heat_prediction, u0, nu, t, name="heat_prediction"), "heat_prediction", u0.shape)
    if matches(got, torch.from_numpy(answers.heat_prediction(u0, nu, t)), atol=1e-10, rtol=1e-8):
        return Feedback("correct", "heat_prediction is right.")
    without_two_pi = torch.from_numpy(answers.heat_prediction(u0, nu / (2 * np.pi) ** 2, t))
    if matches(got, without_two_pi, atol=1e-10, rtol=1e-8):
        return Feedback("wrong", "the wave numbers are off by 2π: mode k of [0, 1) is e^{2πikx}.")
    return Feedback("wrong", "heat_prediction gives different values. "
                             "Damp mode k by exp(−ν (2πk)² t) in Fourier space.")


def _exercise_pairs(n_samples: int, n_grid: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Burgers pairs of the hands-on exercise: ν = 0.01, 31 initial modes, solved on 256 points."""
    data = spectral_burgers.burgers_dataset(n_samples, answers.FNO_EXERCISE["nu"], n_grid=n_grid, n_solver=256,
                                            n_modes=31, seed=seed, use_cache=False, progress=False)
    return (torch.as_tensor(data["u0"], dtype=torch.float32), torch.as_tensor(data["u1"], dtype=torch.float32))


def fno_exercise_data() -> tuple[torch.Tensor, torch.Tensor]:
    """The hands-on exercise's training pairs: (u0, u1), 200 pairs of Burgers' equation at ν = 0.01.

    Float32 tensors of shape (200, 64) on the grid x_j = j / 64: initial values u(·, 0) (Gaussian
    random fields with 31 Fourier modes) and the solutions u(·, 1). The stream follows the run seed.

    Examples
    --------
    >>> u0, u1 = fno_exercise_data()
    >>> tuple(u0.shape), tuple(u1.shape), u0.dtype
    ((200, 64), (200, 64), torch.float32)
    """
    setting = answers.FNO_EXERCISE
    return _exercise_pairs(setting["n_train"], setting["n_grid"], setting["train_seed"])


def _kept_modes(model: torch.nn.Module) -> list[int]:
    return [m.modes for m in model.modules() if isinstance(m, neural_operators.SpectralConv1d)]


def _predict(model: torch.nn.Module, u0: torch.Tensor, grid: str) -> torch.Tensor:
    with torch.no_grad():
        out = call(model, u0, name=f"trained_fno (on {grid})")
    shape = tuple(u0.shape)
    return read_values(out, name=f"trained_fno (on {grid})", shape=shape,
                       expect=f"a tensor of shape {shape}, one output per input function").data


@checker("trained_fno")
def check_trained_fno(model: Any) -> Feedback:
    """A trained operator for the exercise's data, judged on held-out pairs the checker holds.

    The model must map u0 of shape (B, N) to u(·, 1) of shape (B, N), on the training grid
    (64 points) and, unchanged, on a 128-point grid of the same functions; accepted when its
    mean relative L2 error on 100 held-out pairs is at most ``FNO_EXERCISE["tolerance"]`` on both.

    Examples
    --------
    >>> check_trained_fno(torch.nn.Identity()).status
    'wrong'
    >>> check_trained_fno(None).status
    'not attempted'
    """
    setting = answers.FNO_EXERCISE
    if isinstance(model, (torch.Tensor, np.ndarray)):
        reject("that is an array of values; pass the trained model itself (a torch.nn.Module), "
               "so that the check can apply it to pairs it has kept back.")
    if not isinstance(model, torch.nn.Module):
        reject(f"trained_fno should be a trained torch.nn.Module, got {type(model).__name__}.")
    was_training = model.training
    model.eval()
    try:
        u0, u1 = _exercise_pairs(setting["n_test"], setting["n_grid"], setting["test_seed"])
        error = float(neural_operators.relative_l2(_predict(model, u0, "the 64-point grid"), u1.double()))
        u0_fine, u1_fine = _exercise_pairs(setting["n_test"], 2 * setting["n_grid"], setting["test_seed"])
        try:
            fine = _predict(model, u0_fine, "a 128-point grid")
        except Rejected as failure:
            reject(f"on the training grid the held-out error is {error:.1e}, but the model does not apply "
                   f"to a finer grid ({failure.message}): an FNO's weights act on Fourier "
                   "modes and pointwise values, so it should.")
        error_fine = float(neural_operators.relative_l2(fine, u1_fine.double()))
        train_u0, train_u1 = fno_exercise_data()
        train_error = float(neural_operators.relative_l2(_predict(model, train_u0, "the training pairs"),
                                                         train_u1.double()))
    finally:
        model.train(was_training)
    tolerance, modes = setting["tolerance"], _kept_modes(model)
    errors = f"held-out error {error:.1e} on 64 points, {error_fine:.1e} on 128"
    if max(error, error_fine) <= tolerance:
        return Feedback("correct", f"{errors}, training error {train_error:.1e}: "
                                   f"the model generalises, on both grids.")
    if train_error > 0.5:
        return Feedback("wrong", f"{errors}: the model has not learned the map (training error "
                                 f"{train_error:.1e}). Was it trained, and on fno_exercise_data()?")
    if error <= tolerance < error_fine:
        return Feedback("wrong", f"{errors}: right on the training grid, but not on the finer one. "
                                 "Does the model use the grid size anywhere?")
    if modes and max(modes) <= setting["too_few_modes"]:
        return Feedback("wrong", f"{errors}, above {tolerance:g}: the Fourier layers keep only wave numbers "
                                 f"below {max(modes)}. Look at the spectrum of the targets: which wave numbers "
                                 "still carry energy?")
    if train_error < 0.5 * error:
        return Feedback("wrong", f"{errors}, above {tolerance:g}, against a training error of {train_error:.1e}: "
                                 "the model over-fits the 200 pairs (fewer parameters, or the symmetry "
                                 "augmentation, help).")
    return Feedback("wrong", f"{errors}, above {tolerance:g} (training error {train_error:.1e}): train "
                             "longer or give the model the modes the targets need.")
