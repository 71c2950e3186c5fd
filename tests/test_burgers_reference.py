"""Tests of the Burgers reference solutions (Cole–Hopf and classical solvers)."""

import numpy as np
import pytest

from sciml_course import burgers_reference as br


def test_burgers_reference_matches_basdevant_slope():
    slope = float(br.cole_hopf_slope(0.0, br.BASDEVANT_TIME))
    assert slope == pytest.approx(br.BASDEVANT_SLOPE, abs=5e-6)  # 8 significant digits


def test_cole_hopf_meets_initial_and_boundary_conditions():
    x = np.linspace(-1, 1, 41)
    np.testing.assert_allclose(br.cole_hopf(x, 0.0), -np.sin(np.pi * x), atol=1e-12)
    np.testing.assert_allclose(br.cole_hopf(np.array([-1.0, 1.0]), 0.6), 0.0, atol=1e-12)


def test_cole_hopf_is_converged_in_the_node_count():
    x, t = np.linspace(-1, 1, 33)[None, :], np.array([[0.3], [0.9]])
    np.testing.assert_allclose(br.cole_hopf(x, t, nodes=128), br.cole_hopf(x, t, nodes=400), atol=1e-13)


def test_cole_hopf_slope_agrees_with_a_finite_difference():
    h = 1e-6
    fd = (br.cole_hopf(0.3 + h, 0.5) - br.cole_hopf(0.3 - h, 0.5)) / (2 * h)
    assert float(br.cole_hopf_slope(0.3, 0.5)) == pytest.approx(float(fd), rel=1e-6)


def test_reference_grid_shape_and_odd_symmetry():
    x, t, u = br.reference_grid(32, 6)
    assert u.shape == (6, 32) and t[-1] == pytest.approx(0.99)
    np.testing.assert_allclose(u, -u[:, ::-1], atol=1e-12)


@pytest.mark.parametrize("solver, n, tol", [(br.solve_fd, 512, 3e-3), (br.solve_spectral, 512, 1e-3)])
def test_classical_solvers_converge_to_cole_hopf(solver, n, tol):
    times = np.array([0.0, 0.5, 0.9])
    x, u = solver(n, times)
    exact = br.cole_hopf(x[None, :], times[:, None])
    assert u.shape == (3, len(x))
    assert br.relative_l2(u, exact) < tol
    np.testing.assert_allclose(u[:, [0, -1]], 0.0, atol=1e-10)


def test_fd_error_falls_at_second_order():
    times = np.array([0.3])
    errors = []
    for n in (256, 512):
        x, u = br.solve_fd(n, times)
        errors.append(br.relative_l2(u, br.cole_hopf(x[None, :], times[:, None])))
    assert 3.0 < errors[0] / errors[1] < 5.0


def test_relative_l2():
    assert br.relative_l2(np.array([3.0, 4.0]), np.array([3.0, 4.0])) == 0.0
    with pytest.raises(ValueError, match="same shape"):
        br.relative_l2(np.zeros(2), np.ones(3))
    with pytest.raises(ValueError, match="exact"):
        br.relative_l2(np.zeros(2), np.zeros(2))


def test_bad_inputs_are_rejected():
    with pytest.raises(ValueError, match="t must be"):
        br.cole_hopf(0.0, -0.1)
    with pytest.raises(ValueError, match="nu"):
        br.cole_hopf(0.0, 0.1, nu=0.0)
    with pytest.raises(TypeError, match="nodes"):
        br.cole_hopf(0.0, 0.1, nodes=2.5)
    with pytest.raises(TypeError, match="x"):
        br.cole_hopf("a", 0.1)
    with pytest.raises(ValueError, match="n must be even"):
        br.solve_spectral(63, [0.1])
    with pytest.raises(ValueError, match="times"):
        br.solve_fd(64, [0.5, 0.1])
    with pytest.raises(ValueError, match="nx"):
        br.reference_grid(1, 5)


def test_cole_hopf_trapezoid_agrees_with_gauss_hermite_at_the_benchmark_viscosity():
    x = np.linspace(-0.2, 0.2, 21)
    for t in (0.05, 0.5, 0.99):
        np.testing.assert_allclose(br.cole_hopf_trapezoid(x, t), br.cole_hopf(x, t), atol=1e-12)
    np.testing.assert_allclose(br.cole_hopf_trapezoid(x, 0.0), -np.sin(np.pi * x), atol=1e-15)


def test_gauss_hermite_plateau_at_small_viscosity_is_exposed_by_the_trapezoid():
    nu, x, t = 1e-4 / np.pi, 0.02, 0.9
    coarse, fine = (float(br.cole_hopf_trapezoid(x, t, nu=nu, points=m)) for m in (20001, 80001))
    assert abs(coarse - fine) < 1e-10
    # away from the shock the solution is close to the inviscid one along the characteristic
    from scipy.optimize import brentq
    y0 = brentq(lambda y: y - t * np.sin(np.pi * y) - x, 0.5, 1.0)
    assert abs(fine + np.sin(np.pi * y0)) < 1e-3
    hermite = [float(br.cole_hopf(x, t, nu=nu, nodes=n)) for n in (1024, 2048)]
    assert abs(hermite[0] - hermite[1]) < 0.01 and abs(hermite[1] - fine) > 0.01  # a false plateau


def test_fourier_interpolate_is_exact_for_trigonometric_polynomials():
    n = 16
    grid = -1 + 2 * np.arange(n) / n
    f = lambda x: 0.3 + np.sin(3 * np.pi * x) - 0.5 * np.cos(7 * np.pi * x) + 0.2 * np.cos(8 * np.pi * x)  # noqa: E731
    x = np.array([-0.93, -0.1, 0.0, 0.37, 0.999])
    np.testing.assert_allclose(br.fourier_interpolate(f(grid), x), f(x), atol=1e-13)
    both = br.fourier_interpolate(np.stack([f(grid), 2 * f(grid)]), x)
    assert both.shape == (2, 5)
    np.testing.assert_allclose(both[1], 2 * f(x), atol=1e-13)
    with pytest.raises(ValueError, match="even"):
        br.fourier_interpolate(np.zeros(15), x)
    with pytest.raises(ValueError, match="one-dimensional"):
        br.fourier_interpolate(np.zeros(16), np.zeros((2, 2)))


def test_solve_spectral_without_convection_is_the_heat_equation():
    times = np.array([0.0, 0.5, 1.0])
    x, u = br.solve_spectral(64, times, nu=0.05, convection=0.0)
    exact = -np.sin(np.pi * x)[None, :] * np.exp(-0.05 * np.pi**2 * times)[:, None]
    np.testing.assert_allclose(u, exact, atol=1e-12)


def test_solve_spectral_convection_coefficient_changes_the_solution_smoothly():
    times = np.array([0.5])
    u1 = br.solve_spectral(512, times, convection=1.0)[1]
    assert br.relative_l2(u1, br.cole_hopf(np.linspace(-1, 1, 513)[None, :], times[:, None])) < 1e-3
    u2 = br.solve_spectral(512, times, convection=1.01)[1]
    assert 1e-4 < np.abs(u2 - u1).max() < 0.05
