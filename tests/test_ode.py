import numpy as np
import pytest
import torch

from sciml_course import ode


def decay(t, y):
    return -y


@pytest.mark.parametrize("method, order", [("euler", 1), ("rk4", 4)])
def test_integrate_converges_at_the_method_order(method, order):
    errors = [abs(ode.integrate(decay, np.array(1.0), 1.0, n, method)[-1] - np.exp(-1)) for n in (20, 40)]
    assert np.isclose(np.log2(errors[0] / errors[1]), order, atol=0.15)


def test_integrate_works_on_torch_batches_and_saves_every_kth_state():
    y0 = torch.ones(3, 2, dtype=torch.float64)
    path = ode.integrate(decay, y0, 2.0, steps=100, save_every=10)
    assert path.shape == (11, 3, 2)
    assert torch.allclose(path[-1], torch.full((3, 2), np.exp(-2.0), dtype=torch.float64), atol=1e-8)


def test_integrate_passes_time_to_the_right_hand_side():
    path = ode.integrate(lambda t, y: np.array(np.cos(t)), np.array(0.0), np.pi / 2, steps=50)
    assert np.isclose(path[-1], 1.0, atol=1e-8)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"f": 1}, TypeError, "f"),
        ({"y0": [1.0]}, TypeError, "y0"),
        ({"t_end": 0.0}, ValueError, "t_end"),
        ({"steps": 0}, ValueError, "steps"),
        ({"method": "rk45"}, ValueError, "method"),
        ({"steps": 10, "save_every": 3}, ValueError, "save_every"),
    ],
)
def test_integrate_rejects_bad_arguments(kwargs, error, name):
    settings = {"f": decay, "y0": np.ones(1), "t_end": 1.0, "steps": 10} | kwargs
    with pytest.raises(error, match=name):
        ode.integrate(**settings)
