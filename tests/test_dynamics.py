import numpy as np
import pytest
import torch

from sciml_course import dynamics


def test_lorenz63_rhs_matches_the_equations_for_numpy_and_torch():
    y = np.array([[1.0, 2.0, 3.0]])
    expected = [[10.0, 1 * (28 - 3) - 2, 1 * 2 - 8.0]]
    assert np.allclose(dynamics.lorenz63_rhs(0.0, y), expected)
    assert torch.allclose(dynamics.lorenz63_rhs(0.0, torch.tensor(y)), torch.tensor(expected, dtype=torch.float64))


def test_lorenz96_rhs_has_the_forcing_as_fixed_point_and_is_batched():
    assert np.allclose(dynamics.lorenz96_rhs(0.0, np.full((3, 40), 8.0)), 0.0)
    x = np.random.default_rng(0).standard_normal(10)
    k = 4
    want = (x[k + 1] - x[k - 2]) * x[k - 1] - x[k] + 8.0
    assert np.isclose(dynamics.lorenz96_rhs(0.0, x)[k], want)
    assert torch.allclose(dynamics.lorenz96_rhs(0.0, torch.tensor(x)), torch.tensor(dynamics.lorenz96_rhs(0.0, x)))


def test_trajectories_have_the_documented_shapes():
    assert dynamics.lorenz63_trajectory(10, save_every=5, spinup=10).shape == (3, 3)
    assert dynamics.lorenz96_trajectory(10, sites=8, spinup=10).shape == (11, 8)


def test_leading_lyapunov_matches_the_literature_for_lorenz63():
    starts = dynamics.lorenz63_trajectory(2000, save_every=1000)[1:]
    lam = dynamics.leading_lyapunov(dynamics.lorenz63_rhs, starts, 0.01, 4000, transient=400)
    assert abs(lam - 0.906) < 0.15


def test_leading_lyapunov_of_a_linear_system_is_its_largest_eigenvalue():
    lam = dynamics.leading_lyapunov(lambda t, y: y * np.array([0.5, -1.0]), np.ones(2), 0.01, 1000, transient=300)
    assert abs(lam - 0.5) < 1e-3


def test_local_reservoir_learns_lorenz96_one_step():
    series = dynamics.lorenz96_trajectory(1200, dt=0.05, sites=8, spinup=200) / 4
    model = dynamics.LocalReservoir(8, group=2, overlap=2, reservoir_size=100, spectral_radius=0.5,
                                    input_scale=0.2, squares=True).fit(series[:1000])
    history = np.stack([series[c - 50 : c] for c in (1050, 1100)])
    one_step = model.forecast(history, 1)[:, 0]
    truth = series[[1050, 1100]]
    persistence = series[[1049, 1099]]
    assert np.linalg.norm(one_step - truth) < 0.2 * np.linalg.norm(persistence - truth)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: dynamics.lorenz63_rhs(0.0, np.ones(4)), ValueError, "y"),
        (lambda: dynamics.lorenz96_rhs(0.0, [1.0] * 5), TypeError, "x"),
        (lambda: dynamics.lorenz96_rhs(0.0, np.ones(3)), ValueError, "x"),
        (lambda: dynamics.lorenz63_trajectory(0), ValueError, "steps"),
        (lambda: dynamics.lorenz96_trajectory(5, dt=-1.0), ValueError, "dt"),
        (lambda: dynamics.lorenz96_trajectory(5, sites=3), ValueError, "sites"),
        (lambda: dynamics.leading_lyapunov(1, np.ones(3), 0.01, 10), TypeError, "rhs"),
        (lambda: dynamics.leading_lyapunov(dynamics.lorenz63_rhs, np.ones(3), 0.01, 15), ValueError, "steps"),
        (lambda: dynamics.leading_lyapunov(dynamics.lorenz63_rhs, np.ones(3), 0.01, 10, transient=10), ValueError, "transient"),
        (lambda: dynamics.LocalReservoir(10, group=3), ValueError, "group"),
        (lambda: dynamics.LocalReservoir(8).forecast(np.zeros((1, 5, 8)), 2), RuntimeError, "fit"),
        (lambda: dynamics.LocalReservoir(8).fit(np.zeros((50, 7))), ValueError, "series"),
    ],
)
def test_dynamics_rejects_bad_input(call, error, name):
    with pytest.raises(error, match=name):
        call()
