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
