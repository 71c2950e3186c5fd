"""D2 checkers: a verdict for every hand-written answer, right or wrong."""

import copy

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


# --------------------------------------------------------------------- the hands-on exercise
@pytest.fixture(scope="module")
def burgers_pairs():
    from sciml_course import spectral_burgers

    data = spectral_burgers.burgers_dataset(1000, 0.1, t_final=0.25, n_grid=64, n_solver=128, n_modes=31, use_cache=False,
                                            seed=10, progress=False)
    return torch.as_tensor(data["u0"], dtype=torch.float32), torch.as_tensor(data["u1"], dtype=torch.float32)


def fno(modes, pairs=None, epochs=0):
    """An FNO1d of the lecture's size, trained as the lecture trains its FNO for ``epochs`` epochs."""
    from sciml_course import neural_operators, seeding

    seeding.manual_seed(0)
    model = neural_operators.FNO1d(modes=modes, width=32, n_layers=4)
    if epochs:
        neural_operators.train_operator(model, *pairs, epochs=epochs, batch_size=25, lr=3e-3, progress=False)
    return model


@pytest.fixture(scope="module")
def trained_four(burgers_pairs):
    return fno(4, burgers_pairs, epochs=25)  # what the exercise asks for (about 10 s)


def with_nan(model):
    broken = copy.deepcopy(model)
    with torch.no_grad():
        broken.lift.weight[0, 0, 0] = NAN
    return broken


def in_float64(model):
    double = copy.deepcopy(model).double()  # .double() leaves the complex spectral weights complex64
    for layer in double.layers:
        layer.spectral.weight.data = layer.spectral.weight.data.to(torch.complex128)
    return double


def mixed_modes(model):
    from sciml_course import neural_operators

    mixed = copy.deepcopy(model)
    mixed.layers[0] = neural_operators.FourierLayer(32, 12)
    return mixed


class Unsqueezed(torch.nn.Module):  # returns (batch, 1, N): a channel axis left in
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, u):
        return self.model(u)[:, None]


class Raising(torch.nn.Module):  # a forward that fails on the checker's inputs
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, u):
        return self.model(u.reshape(-1, 2, 32))


FEWER_MODES_TABLE = [
    ("trained", "correct", "4-mode FNO has relative L2 error"),
    ("trained float64", "correct", ""),  # the checker feeds inputs of the model's precision
    ("trained 2 epochs", "wrong", "above what a trained 4-mode FNO reaches"),
    ("untrained", "wrong", "untrained"),  # the typical mistake: built but not trained
    ("twelve modes", "wrong", "keep [12] modes"),  # the lecture's fno passed again
    ("mixed modes", "wrong", "keep [4, 12] modes"),
    ("NaN weight", "wrong", "NaN"),
    ("training log", "wrong", "training log"),
    ("class", "wrong", "class FNO1d"),
    ("grid MLP", "wrong", "no spectral convolution"),
    ("predictions", "wrong", "should be a trained model"),
    ("function", "wrong", "should be a trained model"),
    ("channel axis", "wrong", "shape"),
    ("raising", "wrong", "raised"),
    ("none", "not attempted", ""),
]


@pytest.mark.parametrize("answer, status, fragment", FEWER_MODES_TABLE)
def test_fewer_modes(answer, status, fragment, trained_four, burgers_pairs):
    from sciml_course import neural_operators, training

    answers = {
        "trained": lambda: trained_four,
        "trained float64": lambda: in_float64(trained_four),
        "trained 2 epochs": lambda: fno(4, burgers_pairs, epochs=2),
        "untrained": lambda: fno(4),
        "twelve modes": lambda: fno(12),
        "mixed modes": lambda: mixed_modes(trained_four),
        "NaN weight": lambda: with_nan(trained_four),
        "training log": lambda: training.TrainingLog([0.5, 0.1]),
        "class": lambda: neural_operators.FNO1d,
        "grid MLP": lambda: neural_operators.GridMLP(64, width=16, depth=2),
        "predictions": lambda: trained_four(burgers_pairs[0][:5]).detach(),
        "function": lambda: (lambda u: trained_four(u)),
        "channel axis": lambda: Unsqueezed(trained_four),
        "raising": lambda: Raising(trained_four),
        "none": lambda: None,
    }
    assert_verdict(d2.check_fewer_modes(answers[answer]()), status, fragment)


def test_fewer_modes_compares_with_the_lecture_fno_without_changing_the_verdict(trained_four):
    beside = d2.check_fewer_modes(trained_four, fno(12))
    assert_verdict(beside, "correct", "the 12-mode fno has")
    assert_verdict(d2.check_fewer_modes(trained_four, Raising(fno(12))), "correct", "")
    assert_verdict(d2.check_fewer_modes(fno(4), fno(12)), "wrong", "untrained")
