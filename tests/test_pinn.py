"""Tests of the PINN building blocks."""

import math

import numpy as np

import pytest
import torch

from sciml_course import models, pinn


def _x(n=7, d=1):
    return torch.rand(n, d, dtype=torch.float64, generator=torch.Generator().manual_seed(0)).requires_grad_(True)


def test_derivative_of_polynomials_and_columns():
    x = _x(6, 2)
    u = x[:, 0] ** 3 * x[:, 1] ** 2
    torch.testing.assert_close(pinn.derivative(u, x, 1, dim=0), 3 * x[:, 0] ** 2 * x[:, 1] ** 2)
    torch.testing.assert_close(pinn.derivative(u, x, 2, dim=1), 2 * x[:, 0] ** 3)


def test_derivative_rejects_bad_inputs():
    x = torch.ones(3, 1)
    with pytest.raises(ValueError, match="requires_grad"):
        pinn.derivative(x * 2, x)
    x = _x()
    with pytest.raises(ValueError, match="order"):
        pinn.derivative(x ** 2, x, order=0)
    with pytest.raises(ValueError, match="dim"):
        pinn.derivative(x ** 2, x, dim=3)
    with pytest.raises(TypeError, match="u"):
        pinn.derivative([1.0], x)


def test_mlp_derivatives_match_autograd():
    torch.manual_seed(0)
    net = models.mlp(2, 1, 10, 3, dtype=torch.float64)
    x = _x(9, 2)
    u, du, d2u = pinn.mlp_derivatives(net, x)
    ref = net(x)[:, 0]
    torch.testing.assert_close(u, ref)
    for i in range(2):
        torch.testing.assert_close(du[:, i], pinn.derivative(ref, x, 1, dim=i))
        torch.testing.assert_close(d2u[:, i], pinn.derivative(ref, x, 2, dim=i))


def test_mlp_derivatives_rejects_other_networks():
    with pytest.raises(TypeError, match="net"):
        pinn.mlp_derivatives(torch.nn.Linear(2, 1), _x(3, 2))
    with pytest.raises(ValueError, match="Tanh"):
        pinn.mlp_derivatives(models.mlp(2, 1, 4, 1, activation="relu"), _x(3, 2).float())
    with pytest.raises(ValueError, match="x"):
        pinn.mlp_derivatives(models.mlp(2, 1, 4, 1), torch.ones(3))


def test_uniform_points_in_box_and_reproducible():
    a = pinn.uniform_points(50, [-1, 0], [1, 2], generator=torch.Generator().manual_seed(3))
    b = pinn.uniform_points(50, [-1, 0], [1, 2], generator=torch.Generator().manual_seed(3))
    assert a.shape == (50, 2) and a.dtype == torch.float64 and torch.equal(a, b)
    assert bool((a[:, 0] >= -1).all() and (a[:, 1] <= 2).all())
    with pytest.raises(ValueError, match="upper"):
        pinn.uniform_points(5, [0, 0], [1, 0])
    with pytest.raises(ValueError, match="same length"):
        pinn.uniform_points(5, [0], [1, 1])
    with pytest.raises(ValueError, match="n"):
        pinn.uniform_points(0, [0], [1])


def test_resample_by_residual_concentrates_points():
    cand = torch.linspace(-1, 1, 2001, dtype=torch.float64)[:, None]
    gen = torch.Generator().manual_seed(0)
    chosen = pinn.resample_by_residual(lambda p: 1 / (1e-3 + p[:, 0] ** 2), cand, 200, k=1, c=0.1, generator=gen)
    assert chosen.shape == (200, 1)
    assert float((chosen.abs() < 0.1).double().mean()) > 0.5  # 5 % of the interval, most points
    uniform = pinn.resample_by_residual(lambda p: 1 / (1e-3 + p[:, 0] ** 2), cand, 200, k=1, c=1e6, generator=gen)
    assert float((uniform.abs() < 0.1).double().mean()) < 0.2


def test_resample_by_residual_rejects_bad_inputs():
    cand = torch.zeros(10, 1)
    with pytest.raises(ValueError, match="n must be"):
        pinn.resample_by_residual(lambda p: p[:, 0], cand, 11)
    with pytest.raises(TypeError, match="residual"):
        pinn.resample_by_residual(3, cand, 2)
    with pytest.raises(ValueError, match="k"):
        pinn.resample_by_residual(lambda p: p[:, 0], cand, 2, k=0.0)
    with pytest.raises(ValueError, match="one finite value"):
        pinn.resample_by_residual(lambda p: torch.zeros(3), cand, 2)


def test_hard_trial_meets_constraints_for_any_network():
    net = models.mlp(1, 1, 5, 1, dtype=torch.float64)
    u = pinn.hard_trial(net, lambda x: 2 + 0 * x[:, 0], lambda x: x[:, 0] * (1 - x[:, 0]))
    ends = torch.tensor([[0.0], [1.0]], dtype=torch.float64)
    torch.testing.assert_close(u(ends), torch.full((2,), 2.0, dtype=torch.float64))
    with pytest.raises(TypeError, match="distance"):
        pinn.hard_trial(net, lambda x: x, None)


def test_adam_then_lbfgs_solves_a_tiny_pinn():
    """u' = -u, u(0) = 1 on [0, 1] with u = 1 + t N(t)."""
    torch.manual_seed(0)
    net = models.mlp(1, 1, 10, 1, dtype=torch.float64)
    t = torch.linspace(0, 1, 20, dtype=torch.float64)[:, None].requires_grad_(True)

    def loss():
        u = 1 + t * net(t)
        return (pinn.derivative(u, t) + u).pow(2).mean()

    history = pinn.adam_then_lbfgs(loss, net.parameters(), adam_steps=100, lbfgs_steps=100,
                                   lr=1e-2, progress=False)
    assert set(history.phases) == {"adam", "lbfgs"} and len(history.phase("adam")) == 100
    assert history.phase("lbfgs")[-1] < 1e-6 < history.phase("adam")[0]
    with torch.no_grad():
        assert float((1 + t * net(t) - torch.exp(-t)).abs().max()) < 1e-4
    with pytest.raises(ValueError, match="lr"):
        pinn.adam_then_lbfgs(loss, net.parameters(), lr=0.0)


def test_minimise_bfgs_on_rosenbrock():
    w = torch.nn.Parameter(torch.tensor([-1.2, 1.0], dtype=torch.float64))
    calls = []
    history = pinn.minimise_bfgs(lambda: (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2, [w],
                                 steps=200, callback=calls.append, progress=False)
    assert history[-1] < 1e-12 and len(calls) == len(history)
    torch.testing.assert_close(w.detach(), torch.ones(2, dtype=torch.float64), atol=1e-6, rtol=0)
    with pytest.raises(ValueError, match="params"):
        pinn.minimise_bfgs(lambda: w.sum(), [])
    with pytest.raises(TypeError, match="loss_fn"):
        pinn.minimise_bfgs(None, [w])
    with pytest.raises(ValueError, match="steps"):
        pinn.minimise_bfgs(lambda: w.sum(), [w], steps=0)
    with pytest.raises(ValueError, match="inverse_hessian"):
        pinn.minimise_bfgs(lambda: w.sum(), [w], inverse_hessian=np.eye(3))


def test_minimise_bfgs_estimate_meets_the_secant_equation():
    """After a step s with gradient change y the BFGS estimate satisfies H y = s, and stays symmetric."""
    a = torch.tensor([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 1.0]], dtype=torch.float64)
    w = torch.nn.Parameter(torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64))
    points = [w.detach().clone().numpy()]
    log = pinn.minimise_bfgs(lambda: 0.5 * w @ a @ w, [w], steps=2, progress=False,
                             callback=lambda _: points.append(w.detach().clone().numpy()))
    H, step = log.state["inverse_hessian"], points[-1] - points[-2]
    assert np.allclose(H @ (a.numpy() @ step), step, atol=1e-12)  # on a quadratic y = A s
    assert np.allclose(H, H.T, atol=1e-12) and np.all(np.linalg.eigvalsh(H) > 0)


def test_minimise_bfgs_continues_from_a_given_estimate_and_stops_on_request():
    w = torch.nn.Parameter(torch.tensor([-1.2, 1.0], dtype=torch.float64))
    rosenbrock = lambda: (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2  # noqa: E731
    first = pinn.minimise_bfgs(rosenbrock, [w], steps=15, progress=False)
    given = first.state["inverse_hessian"].copy()
    warm = pinn.minimise_bfgs(rosenbrock, [w], steps=1, inverse_hessian=given, progress=False)
    assert np.array_equal(given, first.state["inverse_hessian"])  # copied, not changed
    assert warm[0] < first[-1]  # a quasi-Newton step from the carried curvature, not a gradient step

    def stop_after_two(iteration):
        if iteration == 1:
            raise StopIteration

    assert len(pinn.minimise_bfgs(rosenbrock, [w], steps=50, callback=stop_after_two, progress=False)) == 2
