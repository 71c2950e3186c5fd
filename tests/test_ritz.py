import numpy as np
import pytest
import torch

from sciml_course import ritz, training


def gen(seed=0):
    return torch.Generator().manual_seed(seed)


def test_area_and_perimeter_of_both_domains():
    assert ritz.area("square") == 1.0 and ritz.perimeter("square") == 4.0
    assert ritz.area("lshape") == 3.0 and ritz.perimeter("lshape") == 8.0


def test_interior_samples_are_uniform_in_the_lshape_and_avoid_the_cut_out():
    x = ritz.sample_interior("lshape", 30_000, gen(), torch.float64)
    assert x.shape == (30_000, 2) and x.dtype == torch.float64
    assert (x.abs() <= 1).all()
    assert not ((x[:, 0] > 0) & (x[:, 1] < 0)).any()
    quadrant_counts = [((x[:, 0] < 0) & (x[:, 1] < 0)).sum(), ((x[:, 0] < 0) & (x[:, 1] > 0)).sum(),
                       ((x[:, 0] > 0) & (x[:, 1] > 0)).sum()]
    assert np.allclose(np.array(quadrant_counts, dtype=float) / 30_000, 1 / 3, atol=0.01)


def test_boundary_samples_lie_on_the_edges_in_proportion_to_their_length():
    x = ritz.sample_boundary("lshape", 40_000, gen(), torch.float64)
    top = (x[:, 1] == 1).double().mean()  # the top edge is 2 of the 8 length units
    assert abs(float(top) - 0.25) < 0.01
    on_lines = (x.abs() == 1).any(1) | (x[:, 0] == 0) & (x[:, 1] <= 0) | (x[:, 1] == 0) & (x[:, 0] >= 0)
    assert on_lines.all()


def test_samplers_are_reproducible_with_a_seeded_generator():
    assert torch.equal(ritz.sample_interior("square", 5, gen(3)), ritz.sample_interior("square", 5, gen(3)))


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: ritz.sample_interior("disk", 5), ValueError, "domain"),
        (lambda: ritz.sample_interior("square", 0), ValueError, "n"),
        (lambda: ritz.sample_boundary("square", 2.5), TypeError, "n"),
        (lambda: ritz.sample_boundary("square", 5, generator=1), TypeError, "generator"),
        (lambda: ritz.sample_interior("square", 5, dtype="float"), TypeError, "dtype"),
        (lambda: ritz.gauss_points("square", 0), ValueError, "n"),
        (lambda: ritz.area("circle"), ValueError, "domain"),
        (lambda: ritz.monte_carlo(3, "square", 10), TypeError, "fn"),
    ],
)
def test_bad_inputs_name_the_argument(call, error, name):
    with pytest.raises(error, match=name):
        call()


def test_monte_carlo_error_estimate_is_honest():
    errors, estimates = [], []
    for seed in range(40):
        est, se = ritz.monte_carlo(lambda x: ritz.sine_solution(x) ** 2, "square", 400, gen(seed))
        errors.append(est - 0.25)
        estimates.append(se)
    assert 0.7 < np.sqrt(np.mean(np.square(errors))) / np.mean(estimates) < 1.4


def test_gauss_points_integrate_the_exact_energy():
    x, w = ritz.gauss_points("square", 12)
    density = 0.5 * (ritz.sine_gradient(x) ** 2).sum(1) - ritz.sine_source(x) * ritz.sine_solution(x)
    energy = (w * density).sum()
    assert abs(float(energy) + np.pi**2 / 4) < 1e-10
    x, w = ritz.gauss_points("lshape", 3, dtype=torch.float32)
    assert x.dtype == torch.float32 and len(x) == 27 and abs(float(w.sum()) - 3) < 1e-6


def test_gradient_matches_the_analytic_gradient():
    x = ritz.sample_interior("square", 50, gen(), torch.float64)
    values, grad = ritz.gradient(ritz.sine_solution, x)
    assert torch.allclose(values, ritz.sine_solution(x)) and torch.allclose(grad, ritz.sine_gradient(x))
    with pytest.raises(ValueError, match="x"):
        ritz.gradient(ritz.sine_solution, torch.zeros(3, 3))
    with pytest.raises(ValueError, match="one value per point"):
        ritz.gradient(lambda p: p, x)


def test_singular_solution_is_harmonic_and_zero_on_the_reentrant_edges():
    x = torch.tensor([[-0.3, 0.4], [-0.5, -0.2], [0.6, 0.7]], dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(ritz.singular_solution(x).sum(), x, create_graph=True)
    assert torch.allclose(grad, ritz.singular_gradient(x.detach()))
    laplacian = sum(torch.autograd.grad(grad[:, i].sum(), x, retain_graph=True)[0][:, i] for i in range(2))
    assert laplacian.abs().max() < 1e-10
    edges = np.array([[0.5, 0.0], [0.0, -0.5]])
    assert np.abs(ritz.singular_solution(edges)).max() < 1e-12
    with pytest.raises(TypeError, match="x"):
        ritz.singular_solution([0.5, 0.5])


def test_ritz_energy_and_penalty_values():
    x, _ = ritz.gauss_points("square", 2)
    zero = lambda p: 0 * p[:, 0]
    energy = ritz.ritz_energy(lambda p: p[:, 0] + 2 * p[:, 1], x, zero, 2.0)
    assert float(energy.detach()) == pytest.approx(5.0)
    assert float(ritz.boundary_penalty(lambda p: 0 * p[:, 0] + 2, x, zero, 1.0, 3.0)) == pytest.approx(12.0)
    with pytest.raises(ValueError, match="size"):
        ritz.ritz_energy(zero, x, zero, 0.0)
    with pytest.raises(TypeError, match="source"):
        ritz.ritz_energy(zero, x, 1.0, 1.0)
    with pytest.raises(ValueError, match="beta"):
        ritz.boundary_penalty(zero, x, zero, 1.0, -1.0)
    with pytest.raises(TypeError, match="callable"):
        ritz.boundary_penalty(zero, x, 0.0, 1.0, 1.0)


def test_exact_boundary_trial_vanishes_on_the_boundary_and_adds_the_lifting():
    torch.manual_seed(0)
    trial = ritz.ExactBoundaryTrial(torch.nn.Linear(2, 1), ritz.square_bubble, lifting=lambda p: p[:, 0])
    xb = ritz.sample_boundary("square", 100, gen())
    assert torch.allclose(trial(xb), xb[:, 0])
    with pytest.raises(TypeError, match="network"):
        ritz.ExactBoundaryTrial(lambda p: p, ritz.square_bubble)
    with pytest.raises(TypeError, match="distance"):
        ritz.ExactBoundaryTrial(torch.nn.Linear(2, 1), 1.0)
    with pytest.raises(TypeError, match="lifting"):
        ritz.ExactBoundaryTrial(torch.nn.Linear(2, 1), ritz.square_bubble, lifting=2.0)


def test_deep_ritz_lowers_the_error_of_a_small_network():
    torch.manual_seed(0)
    trial = ritz.ExactBoundaryTrial(torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(),
                                                        torch.nn.Linear(16, 1)), ritz.square_bubble)
    loss = ritz.deep_ritz_loss(trial, "square", ritz.sine_source, n_interior=200, generator=gen())
    x, w = ritz.gauss_points("square", 10, dtype=torch.float32)
    log = ritz.ErrorLog(trial, ritz.sine_solution, ritz.sine_gradient, x, w, every=100)
    history = training.minimise(loss, trial.parameters(), steps=300, lr=1e-2, callback=log, progress=False)
    assert history[-1] < history[0]
    assert log.steps == [1, 101, 201] and log.l2[-1] < 0.1 < log.l2[0]
    assert all(b >= a for a, b in zip(log.seconds, log.seconds[1:]))


def test_deep_ritz_loss_with_penalty_and_its_validation():
    zero = lambda p: 0 * p[:, 0]
    loss = ritz.deep_ritz_loss(lambda p: 0 * p[:, 0] + 1, "lshape", zero, n_interior=10, generator=gen(),
                               boundary_data=zero, beta=2.0, n_boundary=10)
    assert float(loss().detach()) == pytest.approx(2.0 * 8.0)
    with pytest.raises(ValueError, match="n_boundary"):
        ritz.deep_ritz_loss(zero, "square", zero, n_interior=10, generator=gen(), boundary_data=zero)
    with pytest.raises(TypeError, match="generator"):
        ritz.deep_ritz_loss(zero, "square", zero, n_interior=10, generator=None)


def test_relative_errors_of_a_scaled_solution_and_input_checks():
    x, w = ritz.gauss_points("lshape", 8)
    l2, h1 = ritz.relative_errors(lambda p: 0.9 * ritz.singular_solution(p), ritz.singular_solution,
                                  ritz.singular_gradient, x, w)
    assert l2 == pytest.approx(0.1) and h1 == pytest.approx(0.1)
    with pytest.raises(ValueError, match="weights"):
        ritz.relative_errors(ritz.sine_solution, ritz.sine_solution, ritz.sine_gradient, x, w[:-1])
    with pytest.raises(ValueError, match="every"):
        ritz.ErrorLog(ritz.sine_solution, ritz.sine_solution, ritz.sine_gradient, x, w, every=0)


def test_gradient_for_evaluation_is_detached():
    net = torch.nn.Linear(2, 1)
    values, grad = ritz.gradient(net, torch.rand(4, 2), create_graph=False)
    assert not values.requires_grad and not grad.requires_grad
    values, grad = ritz.gradient(net, torch.rand(4, 2))
    assert values.requires_grad and grad.requires_grad


def test_lshape_factor_vanishes_on_all_six_edges_and_is_positive_inside():
    boundary = ritz.sample_boundary("lshape", 2000, gen(), torch.float64)
    inside = ritz.sample_interior("lshape", 2000, gen(1), torch.float64)
    assert ritz.lshape_factor(boundary).abs().max() < 1e-12
    assert (ritz.lshape_factor(inside) > 0).all()


def test_lshape_lifting_matches_the_data_on_the_boundary_and_is_not_the_solution():
    lifting = ritz.lshape_lifting(ritz.singular_solution)
    boundary = ritz.sample_boundary("lshape", 2000, gen(), torch.float64)
    assert torch.allclose(lifting(boundary), ritz.singular_solution(boundary), atol=1e-12)
    x, w = ritz.gauss_points("lshape", 16)
    l2, h1 = ritz.relative_errors(lifting, ritz.singular_solution, ritz.singular_gradient, x, w)
    assert 0.05 < l2 < 0.3 and h1 < 0.5  # a lifting, not the answer, and of bounded gradient
    t = torch.tensor([0.5, 0.0], dtype=torch.float64)
    assert float(lifting(2 * t)) == pytest.approx(2 * float(lifting(t)))  # 1-homogeneous along rays
    with pytest.raises(TypeError, match="data"):
        ritz.lshape_lifting(1.0)


def test_exact_boundary_trial_on_the_lshape_meets_the_data_for_any_network():
    trial = ritz.ExactBoundaryTrial(torch.nn.Linear(2, 1).double(), ritz.lshape_factor,
                                    lifting=ritz.lshape_lifting(ritz.singular_solution))
    boundary = ritz.sample_boundary("lshape", 500, gen(), torch.float64)
    assert torch.allclose(trial(boundary), ritz.singular_solution(boundary), atol=1e-12)


def test_laplacian_of_the_sine_solution_is_minus_the_source():
    x, _ = ritz.gauss_points("square", 6)
    lap = ritz.laplacian(ritz.sine_solution, x, create_graph=False)
    assert not lap.requires_grad
    assert torch.allclose(lap, -ritz.sine_source(x), atol=1e-10)
    net = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    ritz.laplacian(net, x.float()).sum().backward()  # differentiable in the parameters
    assert net[0].weight.grad is not None
    with pytest.raises(TypeError, match="u must be callable"):
        ritz.laplacian(1.0, x)
