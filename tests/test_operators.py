import math

import numpy as np
import pytest
import scipy.sparse as sp
import torch

from sciml_course import operators


def test_fd_weights_reproduce_the_classical_stencils():
    assert np.allclose(operators.fd_weights([-1, 0, 1], 1), [-0.5, 0.0, 0.5])
    assert np.allclose(operators.fd_weights([0, 1, 2], 1), [-1.5, 2.0, -0.5])  # one-sided
    assert np.allclose(operators.central_weights(2, 4) * 12, [-1, 16, -30, 16, -1])
    assert np.allclose(operators.central_weights(3, 2), [-0.5, 1, 0, -1, 0.5])


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: operators.fd_weights([0, 0, 1], 1), ValueError),
        (lambda: operators.fd_weights([-1, 0, 1], 3), ValueError),
        (lambda: operators.fd_weights("abc", 1), TypeError),
        (lambda: operators.central_weights(1, 3), ValueError),
        (lambda: operators.central_weights(0, 2), ValueError),
        (lambda: operators.central_weights(1.0, 2), TypeError),
    ],
)
def test_fd_weights_reject_bad_input(call, error):
    with pytest.raises(error):
        call()


@pytest.mark.parametrize("derivative, order", [(1, 2), (1, 4), (2, 2), (2, 4)])
def test_periodic_fd_matrix_converges_at_its_order(derivative, order):
    errors = []
    for n in (32, 64):
        x = 2 * np.pi * np.arange(n) / n
        D = operators.fd_matrix(n, 2 * np.pi / n, derivative, order)
        exact = np.cos(x) if derivative == 1 else -np.sin(x)
        errors.append(np.abs(D @ np.sin(x) - exact).max())
    assert sp.issparse(D)
    assert abs(math.log2(errors[0] / errors[1]) - order) < 0.1


def test_dirichlet_fd_matrix_is_the_tridiagonal_laplacian():
    D = operators.fd_matrix(5, 0.5, derivative=2, boundary="dirichlet").toarray()
    assert np.allclose(np.diag(D), -8.0) and np.allclose(np.diag(D, 1), 4.0) and D[0, -1] == 0.0


@pytest.mark.parametrize(
    "kwargs, error",
    [
        (dict(n=2, h=0.1), ValueError),
        (dict(n=8, h=0.0), ValueError),
        (dict(n=8, h="0.1"), TypeError),
        (dict(n=8, h=0.1, boundary="neumann"), ValueError),
        (dict(n=8, h=0.1, order=4, boundary="dirichlet"), ValueError),
        (dict(n=4, h=0.1, order=4), ValueError),
    ],
)
def test_fd_matrix_rejects_bad_input(kwargs, error):
    with pytest.raises(error):
        operators.fd_matrix(**kwargs)


@pytest.mark.parametrize(
    "boundary, derivative, order",
    [("periodic", 1, 2), ("periodic", 2, 2), ("periodic", 1, 4), ("periodic", 2, 4),
     ("dirichlet", 1, 2), ("dirichlet", 2, 2)],
)
def test_fd_conv1d_equals_the_sparse_matrix(boundary, derivative, order):
    u = torch.randn(3, 10, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    D = operators.fd_matrix(10, 0.3, derivative, order, boundary)
    got = operators.fd_conv1d(u, 0.3, derivative, order, boundary)
    assert got.shape == u.shape
    assert np.allclose(got.numpy(), (D @ u.numpy().T).T, atol=1e-10)


def test_fd_conv1d_rejects_bad_input():
    with pytest.raises(TypeError, match="u"):
        operators.fd_conv1d(np.zeros(5), 0.1)
    with pytest.raises(ValueError, match="u"):
        operators.fd_conv1d(torch.tensor(1.0), 0.1)
    with pytest.raises(ValueError, match="dirichlet"):
        operators.fd_conv1d(torch.zeros(8), 0.1, order=4, boundary="dirichlet")


@pytest.mark.parametrize("boundary", operators.BOUNDARIES)
def test_laplacian_conv2d_equals_the_kronecker_sum(boundary):
    u = torch.randn(2, 6, 6, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    A = operators.laplacian_2d(6, 0.2, boundary)
    got = operators.laplacian_conv2d(u, 0.2, boundary)
    want = np.stack([(A @ field.reshape(-1)).reshape(6, 6) for field in u.numpy()])
    assert np.allclose(got.numpy(), want, atol=1e-9)


def test_laplacian_kernel_and_conv2d_reject_bad_input():
    assert operators.laplacian_kernel_2d(0.5).sum().item() == 0.0
    with pytest.raises(ValueError, match="h"):
        operators.laplacian_kernel_2d(-1.0)
    with pytest.raises(ValueError, match="u"):
        operators.laplacian_conv2d(torch.zeros(5), 0.1)
    with pytest.raises(ValueError, match="boundary"):
        operators.laplacian_conv2d(torch.zeros(5, 5), 0.1, boundary="open")


def test_spectral_derivative_is_exact_for_trigonometric_polynomials():
    x = np.arange(32) / 32
    u = np.sin(2 * np.pi * 3 * x)
    assert np.allclose(operators.spectral_derivative(u, 1.0, 2), -((6 * np.pi) ** 2) * u)
    batch = operators.spectral_derivative(np.stack([u, 2 * u]), 1.0)
    assert batch.shape == (2, 32) and np.allclose(batch[1], 2 * batch[0])
    nyquist = np.cos(np.pi * np.arange(8))  # the highest mode of an 8-point grid
    assert np.allclose(operators.spectral_derivative(nyquist), 0.0)


def test_spectral_derivative_rejects_bad_input():
    with pytest.raises(ValueError, match="u"):
        operators.spectral_derivative(np.zeros(1))
    with pytest.raises(ValueError, match="length"):
        operators.spectral_derivative(np.zeros(8), length=0.0)
    with pytest.raises(ValueError, match="derivative"):
        operators.spectral_derivative(np.zeros(8), derivative=0)


def test_dirichlet_eigenvalues_match_the_matrix_and_the_continuum():
    discrete, continuous = operators.dirichlet_laplacian_eigenvalues(20, length=2.0)
    D = operators.fd_matrix(20, 2.0 / 21, derivative=2, boundary="dirichlet").toarray()
    assert np.allclose(np.sort(np.linalg.eigvalsh(D)), np.sort(discrete))
    assert abs(discrete[0] / continuous[0] - 1) < 1e-2
    with pytest.raises(ValueError, match="length"):
        operators.dirichlet_laplacian_eigenvalues(5, length=-1.0)


def test_diffusion_limit_and_heat_explicit_stability():
    n, h = 31, 1 / 32
    D = operators.fd_matrix(n, h, derivative=2, boundary="dirichlet")
    u0 = 1 - np.abs(2 * np.arange(1, n + 1) * h - 1)
    limit = operators.diffusion_limit(h, 1.0)
    assert limit == pytest.approx(h**2 / 2)
    assert operators.diffusion_limit(h, 1.0, dim=2) == pytest.approx(limit / 2)
    stable = operators.heat_explicit(u0, D, 1.0, 0.9 * limit, 300, every=100)
    unstable = operators.heat_explicit(u0, D, 1.0, 1.1 * limit, 300)
    assert stable.shape == (4, n) and np.abs(stable[-1]).max() < 1.0
    assert np.abs(unstable[-1]).max() > 1e3


@pytest.mark.parametrize(
    "kwargs, error",
    [
        (dict(laplacian=[[1.0]]), TypeError),
        (dict(laplacian=np.eye(3)), ValueError),
        (dict(dt=0.0), ValueError),
        (dict(steps=-1), ValueError),
        (dict(every=0), ValueError),
    ],
)
def test_heat_explicit_rejects_bad_input(kwargs, error):
    args = dict(u0=np.zeros(4), laplacian=np.eye(4), nu=1.0, dt=0.1, steps=1) | kwargs
    with pytest.raises(error):
        operators.heat_explicit(**args)


def test_smooth_periodic_fields_have_exact_laplacians():
    u, lap = operators.smooth_periodic_fields(2, 16, max_mode=2, dim=1, seed=3)
    assert u.shape == lap.shape == (2, 16)
    assert np.allclose(operators.spectral_derivative(u, 1.0, 2), lap)
    again, _ = operators.smooth_periodic_fields(2, 16, max_mode=2, dim=1, seed=3)
    assert np.array_equal(u, again)
    with pytest.raises(ValueError, match="max_mode"):
        operators.smooth_periodic_fields(1, 8, max_mode=4)
    with pytest.raises(TypeError, match="seed"):
        operators.smooth_periodic_fields(1, 8, seed=0.5)
