import numpy as np
import pytest
import torch

from sciml_course import convergence, neural_ode, ode


def test_odefunc_maps_batches_counts_evaluations_and_takes_time():
    f = neural_ode.ODEFunc(3, width=8, depth=2, dtype=torch.float64)
    assert f(0.0, torch.zeros(4, 3, dtype=torch.float64)).shape == (4, 3)
    g = neural_ode.ODEFunc(2, width=8, time_dependent=True, features=lambda y: y**3)
    y = torch.ones(5, 2)
    assert not torch.allclose(g(0.0, y), g(torch.tensor(1.0), y))
    assert (f.nfe, g.nfe) == (1, 2)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [({"dim": 0}, ValueError, "dim"), ({"time_dependent": 1}, TypeError, "time_dependent"),
     ({"features": 3}, TypeError, "features"), ({"activation": "cos"}, ValueError, "activation")],
)
def test_odefunc_rejects_bad_arguments(kwargs, error, name):
    with pytest.raises(error, match=name):
        neural_ode.ODEFunc(**({"dim": 2} | kwargs))


def test_spiral_rhs_is_a_times_y_cubed_for_arrays_and_tensors():
    y = np.array([[0.5, -1.0], [2.0, 0.3]])
    want = (y**3) @ np.array(neural_ode.SPIRAL_MATRIX).T
    assert np.allclose(neural_ode.spiral_rhs(0.0, y), want)
    assert torch.allclose(neural_ode.spiral_rhs(0.0, torch.tensor(y)), torch.tensor(want))


@pytest.mark.parametrize("rhs", [neural_ode.spiral_rhs, neural_ode.lotka_volterra_rhs, neural_ode.pendulum_rhs])
def test_right_hand_sides_reject_states_of_the_wrong_size(rhs):
    with pytest.raises(ValueError, match="y"):
        rhs(0.0, np.ones(3))
    with pytest.raises(TypeError, match="y"):
        rhs(0.0, [1.0, 2.0])


@pytest.mark.parametrize(
    "rhs, invariant, y0",
    [(neural_ode.lotka_volterra_rhs, neural_ode.lotka_volterra_invariant, np.array([1.0, 1.5])),
     (neural_ode.pendulum_rhs, neural_ode.pendulum_energy, np.array([2.0, 0.0]))],
)
def test_invariants_are_conserved_along_the_exact_flow(rhs, invariant, y0):
    _, path, _ = neural_ode.trajectory(rhs, y0, 10.0, 51)
    values = invariant(path)
    assert np.ptp(values) < 1e-7 and np.ptp(invariant(path + 0.1)) > 1e-3


def test_invariants_accept_tensors_and_reject_bad_states():
    y = torch.tensor([[2.0, 2.0]], dtype=torch.float64)
    assert torch.isclose(neural_ode.lotka_volterra_invariant(y), torch.tensor(2 - 2 * np.log(2.0), dtype=torch.float64))
    assert float(neural_ode.pendulum_energy(torch.tensor([np.pi, 0.0]))) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="y"):
        neural_ode.pendulum_energy(np.ones(4))


def test_trajectory_adds_reproducible_noise_of_the_requested_size():
    y0 = torch.tensor([1.0, 1.0], dtype=torch.float64)
    runs = [neural_ode.trajectory(neural_ode.lotka_volterra_rhs, y0, 5.0, 401, noise=0.1,
                                  generator=torch.Generator().manual_seed(0)) for _ in range(2)]
    t, clean, noisy = runs[0]
    assert t.shape == (401,) and clean.shape == noisy.shape == (401, 2)
    assert torch.equal(noisy, runs[1][2])
    assert 0.09 < float((noisy - clean).std()) < 0.11
    assert torch.equal(clean[0], y0)


def test_trajectory_of_numpy_state_matches_the_integrator():
    t, clean, noisy = neural_ode.trajectory(neural_ode.pendulum_rhs, np.array([1.0, 0.0]), 2.0, 11, substeps=5)
    assert np.allclose(t, np.linspace(0, 2, 11)) and np.array_equal(clean, noisy)
    assert np.allclose(clean, ode.integrate(neural_ode.pendulum_rhs, np.array([1.0, 0.0]), 2.0, 50, save_every=5))


@pytest.mark.parametrize(
    "kwargs, error, name",
    [({"rhs": 1}, TypeError, "rhs"), ({"y0": [1.0, 1.0]}, TypeError, "y0"),
     ({"t_end": 0.0}, ValueError, "t_end"), ({"n_points": 1}, ValueError, "n_points"),
     ({"noise": -1.0}, ValueError, "noise"), ({"generator": torch.Generator()}, TypeError, "generator")],
)
def test_trajectory_rejects_bad_arguments(kwargs, error, name):
    settings = {"rhs": neural_ode.pendulum_rhs, "y0": np.ones(2), "t_end": 1.0, "n_points": 5} | kwargs
    with pytest.raises(error, match=name):
        neural_ode.trajectory(**settings)


def test_spiral_trajectory_starts_at_2_0_and_spirals_inwards():
    t, clean, _ = neural_ode.spiral_trajectory(200)
    assert float(t[-1]) == pytest.approx(25.0)
    radius = clean.norm(dim=1)
    assert float(radius[0]) == 2.0 and float(radius[-1]) < 1.0


def test_euler_converges_with_order_one_in_the_number_of_steps():
    n = np.array([10, 20, 40, 80])
    errors = [abs(ode.integrate(lambda t, y: -y, np.array(1.0), 1.0, k, "euler")[-1] - np.exp(-1)) for k in n]
    assert -convergence.loglog_slope(n, errors) == pytest.approx(1.0, abs=0.05)


def test_sample_segments_returns_consecutive_observations():
    y = torch.arange(60.0).reshape(10, 3, 2)  # 10 times, 3 trajectories
    y0, seg = neural_ode.sample_segments(y, 4, 50, torch.Generator().manual_seed(1))
    assert seg.shape == (4, 50, 2) and torch.equal(seg[0], y0)
    assert torch.all(seg[1:] - seg[:-1] == 6)  # one time step = 6 entries further
    assert len({float(v) for v in y0[:, 0] % 6}) == 3  # all trajectories drawn


@pytest.mark.parametrize(
    "kwargs, error, name",
    [({"y": [1.0]}, TypeError, "y"), ({"y": torch.ones(3)}, ValueError, "y"),
     ({"length": 1}, ValueError, "length"), ({"length": 11}, ValueError, "length"),
     ({"batch_size": 0}, ValueError, "batch_size")],
)
def test_sample_segments_rejects_bad_arguments(kwargs, error, name):
    settings = {"y": torch.ones(10, 2), "length": 3, "batch_size": 2} | kwargs
    with pytest.raises(error, match=name):
        neural_ode.sample_segments(**settings)


def test_fit_trajectory_learns_a_linear_decay():
    t = torch.linspace(0, 2, 21, dtype=torch.float64)
    y = torch.stack([torch.exp(-t), torch.exp(-2 * t)], -1)
    torch.manual_seed(0)
    f = neural_ode.ODEFunc(2, width=16, dtype=torch.float64)
    history = neural_ode.fit_trajectory(f, t, y, segment_length=6, batch_size=10, steps=300, lr=1e-2,
                                        progress=False, generator=torch.Generator().manual_seed(0))
    assert history[-1] < 1e-2 * history[0]
    with torch.no_grad():
        rollout = ode.integrate(f, y[0], 2.0, 20)
    assert convergence.relative_error(rollout, y) < 0.05


@pytest.mark.parametrize(
    "kwargs, error, name",
    [({"func": lambda t, y: y}, TypeError, "func"), ({"t": torch.ones(2, 2)}, ValueError, "t"),
     ({"t": torch.tensor([0.0, 1.0, 3.0])}, ValueError, "t"), ({"y": torch.ones(4, 1)}, ValueError, "y"),
     ({"segment_length": 1}, ValueError, "segment_length"), ({"substeps": 0}, ValueError, "substeps")],
)
def test_fit_trajectory_rejects_bad_arguments(kwargs, error, name):
    settings = {"func": neural_ode.ODEFunc(1, width=4), "t": torch.linspace(0, 1, 3), "y": torch.ones(3, 1)} | kwargs
    with pytest.raises(error, match=name):
        neural_ode.fit_trajectory(steps=1, progress=False, **settings)


def test_saved_tensor_meter_grows_with_backprop_steps_and_frees_the_graph():
    f = neural_ode.ODEFunc(2, width=16, dtype=torch.float64)
    y0 = torch.randn(8, 2, dtype=torch.float64)
    peaks = []
    for n in (10, 20):
        with neural_ode.SavedTensorMeter() as meter:
            ode.integrate(f, y0, 1.0, n)[-1].sum().backward()
        peaks.append(meter.peak)
        assert meter.current == 0
    assert peaks[1] == pytest.approx(2 * peaks[0], rel=0.05)


def test_saved_tensor_meter_ignores_work_without_gradients():
    with neural_ode.SavedTensorMeter() as meter, torch.no_grad():
        torch.sin(torch.ones(10, requires_grad=True) * 2)
    assert meter.peak == 0


