import numpy as np
import pytest
import torch

from sciml_course import approximation as approx
from sciml_course import convergence


# ----------------------------------------------------------------------------- targets
@pytest.mark.parametrize("name", list(approx.TARGETS))
def test_targets_agree_on_numpy_and_torch(name):
    f = approx.TARGETS[name]
    x = np.linspace(-1, 1, 41)
    assert np.allclose(f(x), f(torch.tensor(x)).numpy(), atol=1e-14)


def test_jump_is_heaviside_with_half_at_zero():
    assert approx.jump(np.array([-0.1, 0.0, 0.1])).tolist() == [0.0, 0.5, 1.0]
    assert approx.jump(torch.tensor([0.0])).item() == 0.5


def test_targets_reject_lists():
    with pytest.raises(TypeError, match="x"):
        approx.smooth([0.0, 1.0])


# -------------------------------------------------------------- classical approximants
def test_chebyshev_interpolant_is_exact_on_polynomials_of_lower_degree():
    p = approx.chebyshev_interpolant(lambda x: 3 * x**4 - x, 5)
    x = np.linspace(-1, 1, 11)
    assert np.allclose(p(x), 3 * x**4 - x, atol=1e-13)
    assert len(p.coef) == 5


def test_chebyshev_rate_on_runge_matches_the_bernstein_ellipse():
    n = np.array([20, 40, 60, 80])
    errors = [approx.rms_error(approx.chebyshev_interpolant(approx.runge, k), approx.runge) for k in n]
    rate = convergence.geometric_rate(n, errors)
    assert rate == pytest.approx(np.log(approx.bernstein_rho(0.2j)), rel=0.05)


def test_piecewise_linear_interpolant_is_second_order_on_a_smooth_function():
    n = np.array([17, 33, 65, 129])
    errors = [approx.rms_error(approx.piecewise_linear_interpolant(np.sin, k), np.sin) for k in n]
    assert convergence.loglog_slope(n, errors) == pytest.approx(-2.0, abs=0.1)


def test_cubic_spline_reproduces_cubics_and_is_fourth_order():
    s = approx.cubic_spline_interpolant(lambda x: x**3 - x, 6)
    x = np.linspace(-1, 1, 21)
    assert np.allclose(s(x), x**3 - x, atol=1e-13)
    n = np.array([33, 65, 129])
    fine = np.linspace(-1, 1, 4001)
    sup = [np.abs(approx.cubic_spline_interpolant(np.sin, k)(fine) - np.sin(fine)).max() for k in n]
    assert convergence.loglog_slope(n, sup) == pytest.approx(-4.0, abs=0.1)
    rms = [approx.rms_error(approx.cubic_spline_interpolant(np.sin, k), np.sin) for k in n]
    assert convergence.loglog_slope(n, rms) < -3.9  # the largest errors sit in the end cells


def test_fourier_series_is_exact_for_trigonometric_polynomials_and_gibbs_limited_for_a_jump():
    f = lambda x: 1 + np.cos(np.pi * x) - 2 * np.sin(3 * np.pi * x)  # noqa: E731
    assert approx.rms_error(approx.fourier_series(f, 7), f) < 1e-12
    n = np.array([31, 63, 127])
    errors = [approx.rms_error(approx.fourier_series(approx.jump, k), approx.jump) for k in n]
    assert convergence.loglog_slope(n, errors) == pytest.approx(-0.5, abs=0.1)


@pytest.mark.parametrize(
    "builder, kwargs, error, name",
    [
        (approx.chebyshev_interpolant, {"f": 1, "n": 3}, TypeError, "f"),
        (approx.chebyshev_interpolant, {"f": np.sin, "n": 0}, ValueError, "n"),
        (approx.piecewise_linear_interpolant, {"f": np.sin, "n": 1}, ValueError, "n"),
        (approx.piecewise_linear_interpolant, {"f": np.sin, "n": 2.5}, TypeError, "n"),
        (approx.cubic_spline_interpolant, {"f": np.sin, "n": 3}, ValueError, "n"),
        (approx.fourier_series, {"f": np.sin, "n": 4}, ValueError, "odd"),
        (approx.fourier_series, {"f": np.sin, "n": 5, "samples": 6}, ValueError, "samples"),
    ],
)
def test_approximants_reject_bad_arguments(builder, kwargs, error, name):
    with pytest.raises(error, match=name):
        builder(**kwargs)


def test_approximants_dictionary_builds_callables():
    for method, build in approx.APPROXIMANTS.items():
        assert callable(build(np.cos, 9)), method


# ------------------------------------------------------------------- errors and rates
def test_rms_error_of_a_constant_offset():
    assert approx.rms_error(lambda x: x + 0.5, lambda x: x) == pytest.approx(0.5)
    with pytest.raises(TypeError, match="approximant"):
        approx.rms_error(None, np.sin)
    with pytest.raises(ValueError, match="points"):
        approx.rms_error(np.sin, np.sin, points=1)


def test_rate_fits_recover_known_rates():
    n = np.array([4.0, 8.0, 16.0, 32.0])
    assert convergence.loglog_slope(n, 3 * n**-1.5) == pytest.approx(-1.5)
    assert convergence.geometric_rate(n, 2 * np.exp(-0.3 * n)) == pytest.approx(0.3)


@pytest.mark.parametrize(
    "n, errors, error, name",
    [
        ([1, 2], [1.0], ValueError, "same length"),
        ([1, 2], [1.0, 0.0], ValueError, "positive"),
        ("ab", [1.0, 2.0], TypeError, "n"),
        ([1, 2], [[1.0, 2.0]], ValueError, "errors"),
    ],
)
def test_rate_fits_reject_bad_inputs(n, errors, error, name):
    for fit in (convergence.geometric_rate, convergence.local_rates):
        with pytest.raises(error, match=name):
            fit(n, errors)


def test_bernstein_rho_for_real_and_complex_poles():
    assert approx.bernstein_rho(0.2j) == pytest.approx(0.2 + np.sqrt(1.04))
    assert approx.bernstein_rho(2.0) == pytest.approx(2 + np.sqrt(3))
    assert approx.bernstein_rho(-2.0) == pytest.approx(2 + np.sqrt(3))
    with pytest.raises(ValueError, match="pole"):
        approx.bernstein_rho(0.5)
    with pytest.raises(TypeError, match="pole"):
        approx.bernstein_rho("i")


def test_rms_error_split_parts_add_up_in_squares():
    f, p = approx.runge, approx.piecewise_linear_interpolant(approx.runge, 10)
    inside, outside = approx.rms_error_split(p, f, lambda x: np.abs(x) < 0.3, points=4001)
    assert inside**2 + outside**2 == pytest.approx(approx.rms_error(p, f, points=4001) ** 2)
    assert inside > outside > 0  # the interpolant misses the peak at 0 most
    assert approx.rms_error_split(p, f, lambda x: np.abs(x) <= 1, points=101)[1] == 0.0
    with pytest.raises(ValueError, match="boolean"):
        approx.rms_error_split(p, f, lambda x: x, points=11)
    with pytest.raises(TypeError, match="region"):
        approx.rms_error_split(p, f, None)


def test_local_rates_and_asymptotic_onset_find_where_a_rate_sets_in():
    n = np.array([8.0, 16.0, 32.0, 64.0, 128.0])
    errors = n**-2 * (1 + 40 / n**2)  # pre-asymptotic at small n, slope -2 later
    rates = convergence.local_rates(n, errors)
    assert rates[0] < -2.4 and rates[-1] == pytest.approx(-2.0, abs=0.02)
    assert np.all(np.diff(rates) > 0)
    assert convergence.asymptotic_onset(n, errors, -2.0, tol=0.1) == 32.0
    assert convergence.asymptotic_onset(n, errors, -2.0, tol=0.001) is None
    assert convergence.asymptotic_onset(n, n**-3.0, -3.0) == 8.0
    with pytest.raises(ValueError, match="tol"):
        convergence.asymptotic_onset(n, errors, -2.0, tol=-1)


def test_cubic_spline_rms_on_the_smooth_target_is_steeper_than_n4_because_of_the_end_cells():
    n = np.array([64, 128, 256])
    parts = np.array([approx.rms_error_split(approx.cubic_spline_interpolant(approx.smooth, k), approx.smooth,
                                             lambda x, h=2 / (k - 1): np.abs(x) > 1 - 6 * h) for k in n]).T
    assert convergence.loglog_slope(n, parts[0]) == pytest.approx(-4.5, abs=0.1)
    assert convergence.loglog_slope(n, parts[1]) == pytest.approx(-4.0, abs=0.2)
    assert np.all(parts[0] > parts[1])  # the end cells dominate: the RMS slope is below -4
    assert convergence.loglog_slope(n, np.hypot(*parts)) < -4.3


def test_equispaced_interpolation_is_exact_on_polynomials_and_diverges_on_runge():
    p = approx.equispaced_polynomial_interpolant(lambda x: x**3 - 2 * x, 4)
    x = np.linspace(-1, 1, 21)
    assert np.allclose(p(x), x**3 - 2 * x, atol=1e-13)
    fine = np.linspace(-1, 1, 4001)
    sup = [np.abs(approx.equispaced_polynomial_interpolant(approx.runge, n)(fine) - approx.runge(fine)).max()
           for n in (10, 20, 30)]
    assert sup[0] < sup[1] < sup[2] and sup[2] > 100
    with pytest.raises(ValueError, match="n"):
        approx.equispaced_polynomial_interpolant(np.sin, 1)
    with pytest.raises(TypeError, match="f"):
        approx.equispaced_polynomial_interpolant(3, 5)


def test_equispaced_potential_matches_quadrature_and_the_runge_critical_point():
    t = np.linspace(-1, 1, 200001)
    for z in (0.3 + 0.4j, 2.0, 0.2j):
        quadrature = -0.5 * np.trapezoid(np.log(np.abs(z - t)), t)
        assert approx.equispaced_potential(z) == pytest.approx(quadrature, abs=1e-6)
    assert approx.equispaced_potential(1.0) == pytest.approx(1 - np.log(2))
    assert approx.equispaced_potential(0.0) == pytest.approx(1.0)
    assert approx.equispaced_potential(-0.4) == pytest.approx(approx.equispaced_potential(0.4))
    # equispaced interpolation of 1/(1 + 25x^2) diverges exactly for |x| > 0.7266... (Runge's classical value)
    u_pole = approx.equispaced_potential(0.2j)
    assert approx.equispaced_potential(0.7266) > u_pole > approx.equispaced_potential(0.7267)
    with pytest.raises(TypeError, match="z"):
        approx.equispaced_potential("1")
    with pytest.raises(ValueError, match="z"):
        approx.equispaced_potential(np.inf)


def test_tensor_chebyshev_interpolant_is_exact_on_tensor_polynomials_and_converges():
    f = lambda x: x[..., 0] ** 2 * x[..., 1] - 3 * x[..., 2] ** 3  # noqa: E731
    p = approx.tensor_chebyshev_interpolant(f, 4, 3)
    x = np.random.default_rng(0).uniform(-1, 1, (50, 3))
    assert np.allclose(p(x), f(x), atol=1e-13)
    g = lambda x: 1 / (1 + (x**2).sum(-1))  # noqa: E731
    y = np.random.default_rng(1).uniform(-1, 1, (2000, 2))
    errors = [np.abs(approx.tensor_chebyshev_interpolant(g, m, 2)(y) - g(y)).max() for m in (4, 8, 16)]
    assert errors[0] > 30 * errors[1] > 900 * errors[2]
    with pytest.raises(ValueError, match="shape"):
        p(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="shape"):
        approx.tensor_chebyshev_interpolant(lambda x: x, 3, 2)
    with pytest.raises(ValueError, match="d"):
        approx.tensor_chebyshev_interpolant(f, 3, 0)


# ------------------------------------------------------------------ ReLU constructions
def test_hat_network_equals_the_hat_to_machine_precision():
    x = torch.linspace(-1, 2, 3001, dtype=torch.float64).unsqueeze(1)
    with torch.no_grad():
        assert torch.equal(approx.hat_network()(x), approx.hat(x))
    assert np.array_equal(approx.hat(x.numpy()), approx.hat(x).numpy())


@pytest.mark.parametrize("depth", [1, 3, 6])
def test_sawtooth_has_two_to_the_depth_pieces(depth):
    x = torch.linspace(0, 1, 2**9 + 1, dtype=torch.float64).unsqueeze(1)
    with torch.no_grad():
        y = approx.sawtooth_network(depth)(x).squeeze(1).numpy()
    assert approx.count_linear_pieces(x.squeeze(1).numpy(), y) == 2**depth
    assert len(approx.sawtooth_network(depth)) == depth


def test_sawtooth_rejects_zero_depth():
    with pytest.raises(ValueError, match="depth"):
        approx.sawtooth_network(0)


def test_shallow_relu_network_with_fitted_readout_reproduces_a_piecewise_linear_function():
    knots = np.array([-1.0, -0.3, 0.2, 0.6])
    x = torch.linspace(-1, 1, 401, dtype=torch.float64).unsqueeze(1)
    target = torch.as_tensor(np.interp(x.numpy(), [-1, -0.3, 0.2, 0.6, 1], [0, 1, -1, 0.5, 0.2]))
    net = approx.fit_readout(approx.shallow_relu_network(knots, dtype=torch.float64), x, target)
    with torch.no_grad():
        assert torch.allclose(net(x), target, atol=1e-12)


def test_shallow_relu_network_and_fit_readout_reject_bad_inputs():
    with pytest.raises(ValueError, match="knots"):
        approx.shallow_relu_network([])
    with pytest.raises(TypeError, match="net"):
        approx.fit_readout(torch.nn.ReLU(), torch.ones(3, 1), torch.ones(3, 1))
    net = approx.shallow_relu_network([0.0])
    with pytest.raises(ValueError, match="same length"):
        approx.fit_readout(net, torch.ones(3, 1), torch.ones(2, 1))


def test_count_linear_pieces_merges_a_breakpoint_inside_a_cell():
    x = np.linspace(-1, 1, 10)  # 0.1 is strictly inside a cell
    assert approx.count_linear_pieces(x, np.abs(x - 0.1)) == 2
    assert approx.count_linear_pieces(x, 2 * x + 1) == 1


@pytest.mark.parametrize(
    "x, y, error, name",
    [
        ([0.0, 1.0], [0.0], ValueError, "same length"),
        ([1.0, 0.0, 2.0], [0.0, 1.0, 2.0], ValueError, "increasing"),
        ([0.0, 1.0], [0.0, 1.0, 2.0], ValueError, "same length"),
        (3.0, [0.0], TypeError, "x"),
    ],
)
def test_count_linear_pieces_rejects_bad_inputs(x, y, error, name):
    with pytest.raises(error, match=name):
        approx.count_linear_pieces(x, y)


# --------------------------------------------------------------- training and spectra
def test_fit_jointly_trains_each_network_on_its_own_target():
    torch.manual_seed(0)
    x = torch.linspace(-1, 1, 32).unsqueeze(1)
    nets = [torch.nn.Linear(1, 1), torch.nn.Linear(1, 1)]
    history = approx.fit_jointly(nets, x, [3 * x + 1, -x], steps=500, lr=0.05, schedule=None, progress=False)
    assert history[-1] < 1e-6
    assert nets[0].weight.item() == pytest.approx(3.0, abs=1e-3)
    assert nets[1].weight.item() == pytest.approx(-1.0, abs=1e-3)


def test_fit_jointly_rejects_bad_inputs():
    x = torch.ones(4, 1)
    with pytest.raises(TypeError, match="nets"):
        approx.fit_jointly([], x, [])
    with pytest.raises(ValueError, match="one tensor per network"):
        approx.fit_jointly([torch.nn.Linear(1, 1)], x, [x, x])
    with pytest.raises(ValueError, match="rows"):
        approx.fit_jointly([torch.nn.Linear(1, 1)], x, [torch.ones(3, 1)])


def test_fourier_amplitudes_of_a_trigonometric_sum():
    x = approx.periodic_grid(128)
    values = 0.5 + 2 * np.cos(3 * np.pi * x + 0.4) + 0.7 * np.sin(10 * np.pi * x)
    assert np.allclose(approx.fourier_amplitudes(values, [0, 1, 3, 10]), [0.5, 0.0, 2.0, 0.7], atol=1e-12)


def test_periodic_grid_and_fourier_amplitudes_reject_bad_inputs():
    with pytest.raises(ValueError, match="samples"):
        approx.periodic_grid(1)
    with pytest.raises(ValueError, match="frequencies"):
        approx.fourier_amplitudes(np.zeros(8), [4])
    with pytest.raises(TypeError, match="frequencies"):
        approx.fourier_amplitudes(np.zeros(8), [1.5])
