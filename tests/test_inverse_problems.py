import numpy as np
import pytest

from sciml_course import inverse_problems as ip


def test_blur_matrix_is_symmetric_stochastic_and_ill_conditioned():
    A = ip.gaussian_blur_matrix(64, 2.0)
    assert np.allclose(A.sum(1), 1)
    assert np.linalg.cond(A) > 1e6
    assert np.allclose(ip.gaussian_blur_matrix(10, 1.0)[0, :3], ip.gaussian_blur_matrix(10, 1.0)[0, :3])


def test_difference_matrix_differences_neighbours():
    D = ip.difference_matrix(5)
    assert D.shape == (4, 5)
    assert np.allclose(D @ np.arange(5.0), 1)


def test_piecewise_constant_signals_have_at_most_the_requested_jumps():
    x = ip.piecewise_constant_signals(10, 50, jumps=3, seed=4)
    assert x.shape == (10, 50) and np.abs(x).max() <= 1
    assert all((np.diff(row) != 0).sum() <= 3 for row in x)


def test_tikhonov_solves_the_normal_equations_for_several_right_hand_sides():
    rng = np.random.default_rng(0)
    A, Y, B = rng.standard_normal((6, 4)), rng.standard_normal((3, 6)), rng.standard_normal((2, 4))
    X = ip.tikhonov_solve(A, Y, 0.3, B)
    gradient = A.T @ (A @ X.T - Y.T) + 0.3 * B.T @ B @ X.T
    assert np.allclose(gradient, 0, atol=1e-10)


def test_discrepancy_lambda_matches_the_noise_level():
    rng = np.random.default_rng(1)
    A = ip.gaussian_blur_matrix(40, 2.0)
    y = A @ np.sin(np.linspace(0, 3, 40)) + 0.01 * rng.standard_normal(40)
    lam = ip.discrepancy_lambda(A, y, 0.01)
    residual = np.linalg.norm(A @ ip.tikhonov_solve(A, y, lam) - y)
    assert np.isclose(residual, np.sqrt(40) * 0.01, rtol=1e-3)


def test_total_variation_recovers_a_blurred_step_better_than_tikhonov():
    rng = np.random.default_rng(2)
    A = ip.gaussian_blur_matrix(64, 2.0)
    x = ip.piecewise_constant_signals(1, 64, jumps=2, seed=5)[0]
    y = A @ x + 0.01 * rng.standard_normal(64)
    D = ip.difference_matrix(64)
    tv = ip.total_variation_solve(A, y, 2e-3)
    tik = ip.tikhonov_solve(A, y, ip.discrepancy_lambda(A, y, 0.01, D), D)
    assert np.linalg.norm(tv - x) < 0.7 * np.linalg.norm(tik - x)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: ip.gaussian_blur_matrix(1, 1.0), ValueError, "n"),
        (lambda: ip.gaussian_blur_matrix(5, 0.0), ValueError, "width"),
        (lambda: ip.difference_matrix(1.5), TypeError, "n"),
        (lambda: ip.piecewise_constant_signals(1, 5, jumps=5), ValueError, "jumps"),
        (lambda: ip.tikhonov_solve(np.eye(3), np.ones(4), 1.0), ValueError, "y"),
        (lambda: ip.tikhonov_solve(np.eye(3), np.ones(3), -1.0), ValueError, "lam"),
        (lambda: ip.tikhonov_solve(np.eye(3), np.ones(3), 1.0, np.eye(2)), ValueError, "B"),
        (lambda: ip.tikhonov_solve("A", np.ones(3), 1.0), TypeError, "A"),
        (lambda: ip.discrepancy_lambda(np.eye(3), np.ones((2, 3)), 0.1), ValueError, "y"),
        (lambda: ip.discrepancy_lambda(np.eye(3), np.ones(3), 0.0), ValueError, "noise_std"),
        (lambda: ip.discrepancy_lambda(np.eye(3), np.ones(3), 10.0), ValueError, "noise_std"),
        (lambda: ip.total_variation_solve(np.eye(3), np.ones(3), 1.0, smoothing=0.0), ValueError, "smoothing"),
    ],
)
def test_inverse_problem_functions_reject_bad_inputs(call, error, name):
    with pytest.raises(error, match=name):
        call()
