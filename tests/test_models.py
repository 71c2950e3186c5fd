import numpy as np
import pytest
import torch

from sciml_course import models


@pytest.mark.parametrize("d, m, W, L", [(1, 1, 5, 1), (2, 3, 20, 4)])
def test_mlp_parameter_count_matches_the_formula(d, m, W, L):
    net = models.mlp(d, m, width=W, depth=L)
    expected = (d * W + W) + (L - 1) * (W * W + W) + (W * m + m)
    assert models.count_parameters(net) == expected
    assert net(torch.zeros(7, d)).shape == (7, m)


def test_mlp_respects_dtype():
    net = models.mlp(1, 1, 4, 2, dtype=torch.float64)
    assert net(torch.zeros(1, 1, dtype=torch.float64)).dtype == torch.float64


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"width": 0}, ValueError, "width"),
        ({"depth": 1.5}, TypeError, "depth"),
        ({"activation": "swish"}, ValueError, "activation"),
        ({"dtype": "float64"}, TypeError, "dtype"),
    ],
)
def test_mlp_rejects_bad_arguments(kwargs, error, name):
    settings = {"in_dim": 1, "out_dim": 1, "width": 4, "depth": 2} | kwargs
    with pytest.raises(error, match=name):
        models.mlp(**settings)


def test_count_parameters_needs_a_module():
    with pytest.raises(TypeError, match="model"):
        models.count_parameters([1, 2])


def sine_series(n=1500):
    t = np.linspace(0, 75, n)
    return np.sin(t)[:, None] * np.cos(0.3 * t)[:, None]


def test_esn_one_step_prediction_beats_persistence():
    u = sine_series()
    esn = models.EchoStateNetwork(1, 200, seed=1).fit(u[:1000], u[1:1001], washout=100)
    prediction = esn.predict(u[1000:-1])
    esn_error = np.abs(prediction[50:] - u[1051:]).mean()
    persistence_error = np.abs(u[1050:-1] - u[1051:]).mean()
    assert esn_error < 0.05 * persistence_error


def test_esn_rollout_continues_a_sine_wave():
    u = np.sin(np.linspace(0, 75, 1500))[:, None]
    esn = models.EchoStateNetwork(1, 200, seed=1, ridge=1e-8).fit(u[:1000], u[1:1001], washout=100)
    rolled = esn.rollout(100)
    assert rolled.shape == (100, 1)
    # a hundred free-running steps stay within 0.1 of the truth (amplitude 1)
    assert np.abs(rolled - u[1001:1101]).max() < 0.1


def test_esn_reservoir_has_the_requested_spectral_radius():
    esn = models.EchoStateNetwork(2, 50, spectral_radius=0.7, seed=0)
    assert np.isclose(np.abs(np.linalg.eigvals(esn.W)).max(), 0.7)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"reservoir_size": 0}, ValueError, "reservoir_size"),
        ({"spectral_radius": -1.0}, ValueError, "spectral_radius"),
        ({"leak": 0.0}, ValueError, "leak"),
        ({"leak": 1.5}, ValueError, "leak"),
        ({"density": 0.0}, ValueError, "density"),
        ({"ridge": "big"}, TypeError, "ridge"),
    ],
)
def test_esn_rejects_impossible_parameters(kwargs, error, name):
    with pytest.raises(error, match=name):
        models.EchoStateNetwork(1, **({"reservoir_size": 10} | kwargs))


def test_esn_checks_shapes_and_order_of_calls():
    esn = models.EchoStateNetwork(2, 10)
    with pytest.raises(ValueError, match="inputs"):
        esn.fit(np.zeros((20, 3)), np.zeros((20, 2)))
    with pytest.raises(ValueError, match="targets"):
        esn.fit(np.zeros((20, 2)), np.zeros((19, 2)))
    with pytest.raises(ValueError, match="washout"):
        esn.fit(np.zeros((20, 2)), np.zeros((20, 2)), washout=20)
    with pytest.raises(RuntimeError, match="fit"):
        esn.predict(np.zeros((5, 2)))
    with pytest.raises(RuntimeError, match="fit"):
        esn.rollout(3)
    esn.fit(np.zeros((20, 2)), np.zeros((20, 1)), washout=0)
    with pytest.raises(ValueError, match="next input"):
        esn.rollout(3)
