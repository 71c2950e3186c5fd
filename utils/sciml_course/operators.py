"""Discrete differential operators: stencils, matrices, convolutions and spectra.

One finite-difference stencil, three ways to apply it:

* as a sparse matrix (:func:`fd_matrix`, :func:`laplacian_2d`), the numerical
  analyst's view: ``D @ u``;
* as a convolution (:func:`fd_conv1d`, :func:`laplacian_conv2d`), the
  deep-learning view: a ``conv1d``/``conv2d`` layer with a fixed kernel;
* in Fourier space (:func:`spectral_derivative`): multiply by ``(i k)^m``.

Around them: Taylor-matched weights (:func:`fd_weights`,
:func:`central_weights`; the slope of their log-log error plots is
:func:`sciml_course.convergence.loglog_slope`), the spectrum of the Dirichlet Laplacian
(:func:`dirichlet_laplacian_eigenvalues`), the explicit-Euler heat stepper
and its stability limit (:func:`heat_explicit`, :func:`diffusion_limit`), and
smooth random test fields (:func:`smooth_periodic_fields`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import scipy.sparse as sp
import torch

from . import seeding
from ._validation import check_array, check_choice, check_int, check_real, check_tensor

__all__ = [
    "BOUNDARIES",
    "fd_weights",
    "central_weights",
    "fd_matrix",
    "laplacian_2d",
    "fd_conv1d",
    "laplacian_kernel_2d",
    "laplacian_conv2d",
    "spectral_derivative",
    "dirichlet_laplacian_eigenvalues",
    "diffusion_limit",
    "heat_explicit",
    "smooth_periodic_fields",
]

BOUNDARIES = ("periodic", "dirichlet")


def fd_weights(offsets: Any, derivative: int) -> np.ndarray:
    """Weights w with sum_j w_j u(x + s_j h) = h^m u^(m)(x) + O(h^(len(s))).

    The weights match the Taylor expansion: sum_j w_j s_j^q / q! = [q == m]
    for q = 0, ..., len(offsets) - 1 (a small Vandermonde system).

    Parameters
    ----------
    offsets : array_like of int
        Distinct stencil offsets s_j in units of h, e.g. ``[-1, 0, 1]``.
    derivative : int
        The order m of the derivative, ``0 <= m < len(offsets)``.

    Returns
    -------
    numpy.ndarray
        The weights, to be divided by h^m.

    Examples
    --------
    >>> fd_weights([-1, 0, 1], 2)
    array([ 1., -2.,  1.])
    """
    s = check_array("offsets", offsets, ndim=1)
    derivative = check_int("derivative", derivative, minimum=0)
    if len(np.unique(s)) != len(s):
        raise ValueError(f"offsets must be distinct, got {s.tolist()}")
    if derivative >= len(s):
        raise ValueError(f"derivative must be < len(offsets) = {len(s)}, got {derivative}")
    q = np.arange(len(s))
    vandermonde = s[None, :] ** q[:, None] / np.array([math.factorial(k) for k in q])[:, None]
    rhs = (q == derivative).astype(float)
    weights = np.linalg.solve(vandermonde, rhs)
    return np.where(np.abs(weights) < 1e-12, 0.0, weights)


def central_weights(derivative: int, order: int) -> np.ndarray:
    """Central stencil weights for the ``derivative``-th derivative, accurate to ``order``.

    The stencil has offsets -p, ..., p with 2p + 1 = 2⌊(m + 1)/2⌋ - 1 + order.

    Examples
    --------
    >>> central_weights(1, 2)
    array([-0.5,  0. ,  0.5])
    >>> np.round(central_weights(2, 4) * 12, 10)
    array([ -1.,  16., -30.,  16.,  -1.])
    """
    derivative = check_int("derivative", derivative, minimum=1)
    order = check_int("order", order, minimum=2)
    if order % 2:
        raise ValueError(f"order must be even for a central stencil, got {order}")
    p = (2 * ((derivative + 1) // 2) - 1 + order) // 2
    return fd_weights(np.arange(-p, p + 1), derivative)


def fd_matrix(
    n: int, h: float, derivative: int = 1, order: int = 2, boundary: str = "periodic"
) -> sp.csr_matrix:
    """The central finite-difference matrix of the m-th derivative on a uniform grid.

    Parameters
    ----------
    n : int
        Number of unknowns: the grid x_j = j h, j = 0..n-1, for "periodic"
        (period n h); the interior points x_j = j h, j = 1..n, of [0, (n+1) h]
        for "dirichlet" (u = 0 at both ends).
    h : float
        Grid spacing.
    derivative : int
        Order m of the derivative.
    order : int
        Order of accuracy (even). "dirichlet" supports three-point stencils only.
    boundary : {"periodic", "dirichlet"}

    Returns
    -------
    scipy.sparse.csr_matrix
        The (n, n) matrix D with (D u)_j ≈ u^(m)(x_j).

    Examples
    --------
    >>> fd_matrix(4, 1.0, derivative=2).toarray()
    array([[-2.,  1.,  0.,  1.],
           [ 1., -2.,  1.,  0.],
           [ 0.,  1., -2.,  1.],
           [ 1.,  0.,  1., -2.]])
    """
    n = check_int("n", n, minimum=3)
    h = check_real("h", h, minimum=0.0, strict=True)
    check_choice("boundary", boundary, BOUNDARIES)
    weights = central_weights(derivative, order) / h**derivative
    p = len(weights) // 2
    if boundary == "dirichlet" and p > 1:
        raise ValueError(
            f"boundary='dirichlet' supports three-point stencils only; derivative={derivative}, "
            f"order={order} needs {len(weights)} points"
        )
    if boundary == "periodic" and n < len(weights):
        raise ValueError(f"n must be >= the stencil width {len(weights)}, got {n}")
    matrix = sp.lil_matrix((n, n))
    for offset, weight in zip(range(-p, p + 1), weights):
        if weight == 0.0:
            continue
        for j in range(n):
            k = j + offset
            if boundary == "periodic":
                matrix[j, k % n] += weight
            elif 0 <= k < n:
                matrix[j, k] += weight
    return matrix.tocsr()


def laplacian_2d(n: int, h: float, boundary: str = "periodic") -> sp.csr_matrix:
    """The five-point Laplacian on an n × n grid, as the Kronecker sum D ⊗ I + I ⊗ D.

    Unknowns are ordered row by row (``u.reshape(-1)`` of an (n, n) array
    indexed [i_y, i_x]).

    Examples
    --------
    >>> A = laplacian_2d(3, 1.0, boundary="dirichlet")
    >>> A.shape, A.diagonal().tolist()[:3]
    ((9, 9), [-4.0, -4.0, -4.0])
    """
    d2 = fd_matrix(n, h, derivative=2, order=2, boundary=boundary)
    eye = sp.identity(n, format="csr")
    return (sp.kron(eye, d2) + sp.kron(d2, eye)).tocsr()


def _pad(u: torch.Tensor, p: int, boundary: str, dims: int) -> torch.Tensor:
    mode = "circular" if boundary == "periodic" else "constant"
    return torch.nn.functional.pad(u, (p, p) * dims, mode=mode)


def fd_conv1d(
    u: torch.Tensor, h: float, derivative: int = 1, order: int = 2, boundary: str = "periodic"
) -> torch.Tensor:
    """Apply the stencil of :func:`fd_matrix` as a ``conv1d`` (circular or zero padding).

    ``conv1d`` computes out_j = sum_k w_k u_(j+k-p), a cross-correlation: the
    stencil weights are the kernel, unflipped.

    Parameters
    ----------
    u : torch.Tensor, shape (..., n)
        Grid values, same grids as :func:`fd_matrix`.
    h, derivative, order, boundary
        As in :func:`fd_matrix`.

    Returns
    -------
    torch.Tensor
        The derivative, shaped like ``u``.

    Examples
    --------
    >>> u = torch.tensor([0.0, 1.0, 4.0, 9.0, 16.0], dtype=torch.float64)
    >>> fd_conv1d(u, 1.0, derivative=2, boundary="dirichlet")
    tensor([  1.,   2.,   2.,   2., -23.], dtype=torch.float64)
    """
    check_tensor("u", u)
    if u.ndim == 0:
        raise ValueError("u must have at least one dimension")
    h = check_real("h", h, minimum=0.0, strict=True)
    check_choice("boundary", boundary, BOUNDARIES)
    weights = central_weights(derivative, order) / h**derivative
    p = len(weights) // 2
    if boundary == "dirichlet" and p > 1:
        raise ValueError("boundary='dirichlet' supports three-point stencils only")
    kernel = torch.as_tensor(weights, dtype=u.dtype, device=u.device).reshape(1, 1, -1)
    flat = u.reshape(-1, 1, u.shape[-1])
    out = torch.nn.functional.conv1d(_pad(flat, p, boundary, 1), kernel)
    return out.reshape(u.shape)


def laplacian_kernel_2d(h: float, dtype: torch.dtype = torch.float64, device: Any = None) -> torch.Tensor:
    """The five-point Laplacian as a (1, 1, 3, 3) ``conv2d`` kernel: [[0,1,0],[1,-4,1],[0,1,0]] / h².

    Examples
    --------
    >>> laplacian_kernel_2d(1.0)[0, 0]
    tensor([[ 0.,  1.,  0.],
            [ 1., -4.,  1.],
            [ 0.,  1.,  0.]], dtype=torch.float64)
    """
    h = check_real("h", h, minimum=0.0, strict=True)
    kernel = torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]], dtype=dtype, device=device)
    return (kernel / h**2).reshape(1, 1, 3, 3)


def laplacian_conv2d(u: torch.Tensor, h: float, boundary: str = "periodic") -> torch.Tensor:
    """Apply the five-point Laplacian to fields of shape (..., n, n) with ``conv2d``.

    Examples
    --------
    >>> u = torch.zeros(3, 3, dtype=torch.float64); u[1, 1] = 1.0
    >>> laplacian_conv2d(u, 1.0, boundary="dirichlet")[1]
    tensor([ 1., -4.,  1.], dtype=torch.float64)
    """
    check_tensor("u", u)
    if u.ndim < 2:
        raise ValueError(f"u must have shape (..., n, n), got {tuple(u.shape)}")
    check_choice("boundary", boundary, BOUNDARIES)
    kernel = laplacian_kernel_2d(h, u.dtype, u.device)
    flat = u.reshape(-1, 1, *u.shape[-2:])
    return torch.nn.functional.conv2d(_pad(flat, 1, boundary, 2), kernel).reshape(u.shape)


def spectral_derivative(u: Any, length: float = 2 * math.pi, derivative: int = 1) -> np.ndarray:
    """Differentiate periodic samples by FFT: multiply û_k by (i k)^m.

    For even n and odd m the Nyquist mode is dropped (its derivative is not
    real), as in Trefethen's *Spectral Methods in MATLAB*.

    Parameters
    ----------
    u : array_like, shape (..., n)
        Samples at x_j = j L / n along the last axis.
    length : float
        The period L.
    derivative : int
        Order m >= 1.

    Examples
    --------
    >>> x = 2 * np.pi * np.arange(16) / 16
    >>> bool(np.allclose(spectral_derivative(np.sin(3 * x)), 3 * np.cos(3 * x)))
    True
    """
    values = check_array("u", u)
    if values.ndim == 0 or values.shape[-1] < 2:
        raise ValueError("u must have at least two samples along its last axis")
    length = check_real("length", length, minimum=0.0, strict=True)
    derivative = check_int("derivative", derivative, minimum=1)
    n = values.shape[-1]
    k = 2 * math.pi / length * np.fft.rfftfreq(n, d=1.0 / n)
    multiplier = (1j * k) ** derivative
    if n % 2 == 0 and derivative % 2 == 1:
        multiplier[-1] = 0.0
    return np.fft.irfft(multiplier * np.fft.rfft(values, axis=-1), n=n, axis=-1)


def dirichlet_laplacian_eigenvalues(n: int, length: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues of the three-point Dirichlet Laplacian and of d²/dx² on [0, L].

    With h = L / (n + 1) and k = 1..n: λ_k^h = -(4 / h²) sin²(k π h / (2 L)),
    eigenvector sin(k π x_j / L); the continuous ones are λ_k = -(k π / L)².

    Returns
    -------
    (discrete, continuous) : tuple of numpy.ndarray
        Both of length n, ordered by k.

    Examples
    --------
    >>> discrete, continuous = dirichlet_laplacian_eigenvalues(99)
    >>> bool(abs(discrete[0] / continuous[0] - 1) < 1e-4)
    True
    """
    n = check_int("n", n, minimum=1)
    length = check_real("length", length, minimum=0.0, strict=True)
    h = length / (n + 1)
    k = np.arange(1, n + 1)
    discrete = -4.0 / h**2 * np.sin(k * np.pi * h / (2 * length)) ** 2
    return discrete, -((k * np.pi / length) ** 2)


def diffusion_limit(h: float, nu: float, dim: int = 1) -> float:
    """Largest stable explicit-Euler step for u_t = ν Δu with the (2 dim + 1)-point Laplacian.

    The most negative eigenvalue of Δ_h tends to -4 dim / h²; forward Euler
    needs |1 + Δt ν λ| <= 1, that is Δt <= h² / (2 dim ν).

    Examples
    --------
    >>> diffusion_limit(0.1, 1.0)
    0.005000000000000001
    """
    h = check_real("h", h, minimum=0.0, strict=True)
    nu = check_real("nu", nu, minimum=0.0, strict=True)
    dim = check_int("dim", dim, minimum=1)
    return h**2 / (2 * dim * nu)


def heat_explicit(
    u0: Any, laplacian: Any, nu: float, dt: float, steps: int, every: int = 1
) -> np.ndarray:
    """March u_t = ν Δ_h u with forward Euler: u^(k+1) = u^k + Δt ν Δ_h u^k.

    Parameters
    ----------
    u0 : array_like, shape (n,)
        Initial values at the unknowns of ``laplacian``.
    laplacian : scipy.sparse matrix or numpy.ndarray, shape (n, n)
        The discrete Laplacian Δ_h (e.g. from :func:`fd_matrix`).
    nu : float
        Diffusivity ν > 0.
    dt : float
        Time step Δt > 0 (stable for Δt <= :func:`diffusion_limit`).
    steps : int
        Number of steps.
    every : int
        Keep every ``every``-th state.

    Returns
    -------
    numpy.ndarray, shape (steps // every + 1, n)
        The kept states, starting with ``u0``.

    Examples
    --------
    >>> L = fd_matrix(9, 0.1, derivative=2, boundary="dirichlet")
    >>> u = heat_explicit(np.sin(np.pi * np.arange(1, 10) / 10), L, 1.0, 1e-3, 100)
    >>> u.shape, bool(abs(u[-1, 4] - np.exp(-np.pi**2 * 0.1)) < 1e-2)
    ((101, 9), True)
    """
    u = check_array("u0", u0, ndim=1).copy()
    if not (sp.issparse(laplacian) or isinstance(laplacian, np.ndarray)):
        raise TypeError(f"laplacian must be a scipy.sparse matrix or numpy array, got {type(laplacian).__name__}")
    if laplacian.shape != (len(u), len(u)):
        raise ValueError(f"laplacian must have shape {(len(u), len(u))}, got {laplacian.shape}")
    nu = check_real("nu", nu, minimum=0.0, strict=True)
    dt = check_real("dt", dt, minimum=0.0, strict=True)
    steps = check_int("steps", steps, minimum=0)
    every = check_int("every", every, minimum=1)
    kept = [u.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            u = u + dt * nu * (laplacian @ u)
            if step % every == 0:
                kept.append(u.copy())
    return np.stack(kept)


def smooth_periodic_fields(
    count: int, n: int, max_mode: int = 4, dim: int = 2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Random trigonometric polynomials on [0, 1)^dim and their exact Laplacians.

    u = sum over wave vectors k with |k_i| <= max_mode of (a_k cos + b_k sin)(2π k·x),
    with Gaussian coefficients damped by 1 / (1 + |k|²).

    Returns
    -------
    (u, laplacian) : tuple of numpy.ndarray, each of shape (count, n, ..., n)

    Examples
    --------
    >>> u, lap = smooth_periodic_fields(2, 8, max_mode=2)
    >>> u.shape, lap.shape
    ((2, 8, 8), (2, 8, 8))
    """
    count = check_int("count", count, minimum=1)
    n = check_int("n", n, minimum=2)
    max_mode = check_int("max_mode", max_mode, minimum=1)
    dim = check_int("dim", dim, minimum=1)
    seed = check_int("seed", seed, minimum=0)
    if 2 * max_mode >= n:
        raise ValueError(f"max_mode must be < n / 2 = {n / 2} to be resolved, got {max_mode}")
    rng = seeding.numpy_rng(seed)
    axes = np.meshgrid(*([np.arange(n) / n] * dim), indexing="ij")
    modes = np.stack(np.meshgrid(*([np.arange(-max_mode, max_mode + 1)] * dim), indexing="ij"), -1).reshape(-1, dim)
    u = np.zeros((count,) + (n,) * dim)
    lap = np.zeros_like(u)
    for k in modes:
        k2 = float(k @ k)
        phase = 2 * np.pi * sum(ki * xi for ki, xi in zip(k, axes))
        a, b = rng.standard_normal((2, count)) / (1 + k2)
        term = a[:, None] * np.cos(phase).reshape(1, -1) + b[:, None] * np.sin(phase).reshape(1, -1)
        term = term.reshape(u.shape)
        u += term
        lap -= 4 * np.pi**2 * k2 * term
    return u, lap
