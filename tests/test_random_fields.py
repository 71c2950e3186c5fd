import numpy as np
import pytest

from sciml_course import random_fields as rf


def test_eigenvalues_follow_the_covariance_formula():
    lam = rf.grf_eigenvalues(3, sigma=2.0, tau=1.0, alpha=1.5)
    k = np.arange(4)
    assert np.allclose(lam, 4.0 * ((2 * np.pi * k) ** 2 + 1.0) ** -1.5)


def test_sample_variance_matches_the_spectrum():
    u = rf.sample_grf(4000, 64, seed=0)
    lam = rf.grf_eigenvalues(31)
    assert abs(u.var(axis=0).mean() / (lam[0] + 2 * lam[1:].sum()) - 1) < 0.05


def test_grid_sampling_agrees_with_the_series_and_across_grids():
    c = rf.sample_grf_coefficients(3, 7, seed=4)
    x = np.arange(32) / 32
    assert np.allclose(rf.sample_grf(3, 32, n_modes=7, seed=4), rf.evaluate_series(c, x))
    assert np.allclose(rf.sample_grf(3, 64, n_modes=7, seed=4)[:, ::2], rf.sample_grf(3, 32, n_modes=7, seed=4))


def test_zero_mean_removes_the_constant_mode():
    u = rf.sample_grf(5, 32, zero_mean=True, seed=1)
    assert np.allclose(u.mean(axis=1), 0.0)


def test_antiderivative_is_exact():
    c = rf.sample_grf_coefficients(2, 5, seed=2)
    y = np.linspace(0, 1, 7)
    fine = np.linspace(0, 1, 20001)
    u = rf.evaluate_series(c, fine)
    cumulative = np.concatenate([np.zeros((2, 1)), np.cumsum((u[:, 1:] + u[:, :-1]) / 2 * np.diff(fine), axis=1)], 1)
    want = np.array([np.interp(y, fine, row) for row in cumulative])
    assert np.allclose(rf.antiderivative_series(c, y), want, atol=1e-7)


def test_antiderivative_data_shapes_and_consistency():
    u, y, s = rf.antiderivative_data(4, 16, 3, seed=0)
    assert u.shape == (4, 16) and y.shape == (4, 3) and s.shape == (4, 3)
    assert ((0 <= y) & (y < 1)).all()
    u2, _, _ = rf.antiderivative_data(4, 16, 3, seed=0)
    assert np.array_equal(u, u2)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: rf.grf_eigenvalues(-1), ValueError, "n_modes"),
        (lambda: rf.grf_eigenvalues(2, sigma=0), ValueError, "sigma"),
        (lambda: rf.sample_grf_coefficients(2, 3, tau=0.0), ValueError, "tau"),
        (lambda: rf.sample_grf_coefficients(2, 3, zero_mean=1), TypeError, "zero_mean"),
        (lambda: rf.sample_grf(2, 16, n_modes=8), ValueError, "n_modes"),
        (lambda: rf.sample_grf(2.0, 16), TypeError, "n_samples"),
        (lambda: rf.evaluate_series("c", np.zeros(3)), TypeError, "coefficients"),
        (lambda: rf.evaluate_series(rf.sample_grf_coefficients(2, 3), np.zeros((3, 3))), ValueError, "x"),
        (lambda: rf.antiderivative_data(2, 2), ValueError, "n_sensors"),
        (lambda: rf.sample_grf(2, 16, seed=-1), ValueError, "seed"),
    ],
)
def test_bad_inputs_are_rejected(call, error, name):
    with pytest.raises(error, match=name):
        call()
