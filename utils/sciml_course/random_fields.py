"""Gaussian random fields on the periodic interval [0, 1), and operator data built on them.

A field u ~ N(0, C) with covariance operator C = σ² (−Δ + τ² I)^{−α} is the
Fourier series

    u(x) = √λ_0 ξ_0 + Σ_{k=1}^{K} √(2 λ_k) (ξ_k cos 2πkx + η_k sin 2πkx),
    λ_k = σ² ((2πk)² + τ²)^{−α},

with independent standard normal ξ_k, η_k. Keeping the coefficients (rather
than grid values) lets the *same* random function be evaluated on any grid,
and its antiderivative be computed exactly: the data of DeepONet's
antiderivative benchmark (Lu et al. 2021) and of the Burgers case study
(Li et al. 2021 use σ = 25, τ = 5, α = 2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import seeding
from ._validation import check_array, check_int, check_real

__all__ = [
    "GRFCoefficients",
    "grf_eigenvalues",
    "sample_grf_coefficients",
    "evaluate_series",
    "antiderivative_series",
    "sample_grf",
    "antiderivative_data",
]


@dataclass(frozen=True)
class GRFCoefficients:
    """Fourier coefficients of a batch of periodic functions on [0, 1).

    u(x) = mean + Σ_k (cos_coef[:, k−1] cos 2πkx + sin_coef[:, k−1] sin 2πkx).

    Attributes
    ----------
    mean : numpy.ndarray, shape (S,)
    cos_coef, sin_coef : numpy.ndarray, shape (S, K)
    """

    mean: np.ndarray
    cos_coef: np.ndarray
    sin_coef: np.ndarray

    @property
    def n_modes(self) -> int:
        """K, the highest wavenumber kept."""
        return self.cos_coef.shape[1]

    def __len__(self) -> int:
        return len(self.mean)


def grf_eigenvalues(n_modes: int, sigma: float = 25.0, tau: float = 5.0, alpha: float = 2.0) -> np.ndarray:
    """λ_k = σ² ((2πk)² + τ²)^{−α} for k = 0, ..., n_modes.

    Examples
    --------
    >>> float(grf_eigenvalues(1, sigma=25.0, tau=5.0, alpha=2.0)[0])
    1.0
    """
    n_modes = check_int("n_modes", n_modes, minimum=0)
    sigma = check_real("sigma", sigma, minimum=0.0, strict=True)
    tau = check_real("tau", tau, minimum=0.0)
    alpha = check_real("alpha", alpha, minimum=0.0, strict=True)
    k = np.arange(n_modes + 1)
    return sigma**2 * ((2 * np.pi * k) ** 2 + tau**2) ** (-alpha)


def sample_grf_coefficients(
    n_samples: int,
    n_modes: int,
    *,
    sigma: float = 25.0,
    tau: float = 5.0,
    alpha: float = 2.0,
    zero_mean: bool = False,
    seed: int | np.random.Generator = 0,
) -> GRFCoefficients:
    """Draw ``n_samples`` fields from N(0, σ²(−Δ + τ²I)^{−α}) truncated to ``n_modes`` modes.

    Parameters
    ----------
    n_samples : int
        Number of functions.
    n_modes : int
        Highest wavenumber K kept (the field is a trigonometric polynomial of degree K).
    sigma, tau, alpha : float
        Covariance parameters (τ = 0 needs ``zero_mean=True``).
    zero_mean : bool
        Drop the constant mode.
    seed : int or numpy.random.Generator
        Source of randomness.

    Returns
    -------
    GRFCoefficients

    Examples
    --------
    >>> c = sample_grf_coefficients(3, 10, seed=0)
    >>> c.cos_coef.shape, len(c)
    ((3, 10), 3)
    """
    n_samples = check_int("n_samples", n_samples, minimum=1)
    n_modes = check_int("n_modes", n_modes, minimum=1)
    if not isinstance(zero_mean, bool):
        raise TypeError(f"zero_mean must be a bool, got {type(zero_mean).__name__}")
    if check_real("tau", tau, minimum=0.0) == 0.0 and not zero_mean:
        raise ValueError("tau must be > 0 unless zero_mean=True (the constant mode has infinite variance)")
    rng = _generator(seed)
    lam = grf_eigenvalues(n_modes, sigma, max(tau, 1e-300), alpha)
    xi = rng.standard_normal((n_samples, 2 * n_modes + 1))
    mean = np.zeros(n_samples) if zero_mean else np.sqrt(lam[0]) * xi[:, 0]
    scale = np.sqrt(2 * lam[1:])
    return GRFCoefficients(mean, scale * xi[:, 1 : n_modes + 1], scale * xi[:, n_modes + 1 :])


def _generator(seed: int | np.random.Generator) -> np.random.Generator:
    if isinstance(seed, np.random.Generator):
        return seed
    return seeding.numpy_rng(check_int("seed", seed, minimum=0))


def _check_coefficients(coefficients: GRFCoefficients) -> None:
    if not isinstance(coefficients, GRFCoefficients):
        raise TypeError(f"coefficients must be GRFCoefficients, got {type(coefficients).__name__}")


def _points(x: np.ndarray, n_samples: int) -> np.ndarray:
    x = check_array("x", x)
    if x.ndim == 1:
        return np.broadcast_to(x, (n_samples, len(x)))
    if x.ndim == 2 and x.shape[0] == n_samples:
        return x
    raise ValueError(f"x must have shape (P,) or ({n_samples}, P), got {x.shape}")


def evaluate_series(coefficients: GRFCoefficients, x: np.ndarray) -> np.ndarray:
    """Evaluate the fields at points ``x`` (shape (P,) shared, or (S, P) per field).

    Examples
    --------
    >>> c = GRFCoefficients(np.array([1.0]), np.array([[2.0]]), np.array([[0.0]]))
    >>> evaluate_series(c, np.array([0.0, 0.5])).round(12).tolist()
    [[3.0, -1.0]]
    """
    _check_coefficients(coefficients)
    x = _points(x, len(coefficients))
    k = 2 * np.pi * np.arange(1, coefficients.n_modes + 1)
    phase = x[..., None] * k  # (S, P, K)
    return (
        coefficients.mean[:, None]
        + np.einsum("spk,sk->sp", np.cos(phase), coefficients.cos_coef)
        + np.einsum("spk,sk->sp", np.sin(phase), coefficients.sin_coef)
    )


def antiderivative_series(coefficients: GRFCoefficients, x: np.ndarray) -> np.ndarray:
    """s(x) = ∫_0^x u(ξ) dξ, exactly, at points ``x`` (shape (P,) or (S, P)).

    Examples
    --------
    >>> c = GRFCoefficients(np.array([1.0]), np.array([[0.0]]), np.array([[0.0]]))
    >>> antiderivative_series(c, np.array([0.25, 1.0])).tolist()
    [[0.25, 1.0]]
    """
    _check_coefficients(coefficients)
    x = _points(x, len(coefficients))
    k = 2 * np.pi * np.arange(1, coefficients.n_modes + 1)
    phase = x[..., None] * k
    return (
        coefficients.mean[:, None] * x
        + np.einsum("spk,sk->sp", np.sin(phase) / k, coefficients.cos_coef)
        + np.einsum("spk,sk->sp", (1 - np.cos(phase)) / k, coefficients.sin_coef)
    )


def sample_grf(
    n_samples: int,
    n_grid: int,
    *,
    sigma: float = 25.0,
    tau: float = 5.0,
    alpha: float = 2.0,
    n_modes: int | None = None,
    zero_mean: bool = False,
    seed: int | np.random.Generator = 0,
) -> np.ndarray:
    """Sample fields on the grid x_j = j / n_grid, j = 0, ..., n_grid − 1.

    ``n_modes`` defaults to n_grid // 2 − 1 (all modes the grid resolves, Nyquist
    excluded). With a fixed ``n_modes`` and seed, grids of different sizes show
    the same functions.

    Examples
    --------
    >>> u = sample_grf(4, 64, seed=1); u.shape
    (4, 64)
    >>> bool(np.allclose(sample_grf(2, 128, n_modes=10, seed=0)[:, ::2], sample_grf(2, 64, n_modes=10, seed=0)))
    True
    """
    n_grid = check_int("n_grid", n_grid, minimum=4)
    n_modes = n_grid // 2 - 1 if n_modes is None else check_int("n_modes", n_modes, minimum=1)
    if n_modes > n_grid // 2 - 1:
        raise ValueError(f"n_modes must be <= n_grid // 2 - 1 = {n_grid // 2 - 1}, got {n_modes}")
    c = sample_grf_coefficients(
        n_samples, n_modes, sigma=sigma, tau=tau, alpha=alpha, zero_mean=zero_mean, seed=seed
    )
    # An inverse real FFT evaluates the series on the grid in O(N log N).
    spectrum = np.zeros((len(c), n_grid // 2 + 1), dtype=complex)
    spectrum[:, 0] = n_grid * c.mean
    spectrum[:, 1 : n_modes + 1] = n_grid * (c.cos_coef - 1j * c.sin_coef) / 2
    return np.fft.irfft(spectrum, n=n_grid, axis=-1)


def antiderivative_data(
    n_functions: int,
    n_sensors: int = 100,
    n_points: int = 10,
    *,
    sigma: float = 25.0,
    tau: float = 5.0,
    alpha: float = 2.0,
    seed: int | np.random.Generator = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Triplets (u at the sensors, y, s(y) = ∫_0^y u) for the antiderivative operator.

    Each of ``n_functions`` GRF inputs is observed at ``n_sensors`` equispaced
    sensors x_j = j / n_sensors and its antiderivative at ``n_points`` uniformly
    random points y ∈ [0, 1), exactly (from the Fourier coefficients).

    Returns
    -------
    u : (n_functions, n_sensors), y : (n_functions, n_points), s : (n_functions, n_points)

    Examples
    --------
    >>> u, y, s = antiderivative_data(5, 20, 3, seed=0)
    >>> u.shape, y.shape, s.shape
    ((5, 20), (5, 3), (5, 3))
    """
    n_functions = check_int("n_functions", n_functions, minimum=1)
    n_sensors = check_int("n_sensors", n_sensors, minimum=4)
    n_points = check_int("n_points", n_points, minimum=1)
    rng = _generator(seed)
    c = sample_grf_coefficients(
        n_functions, n_sensors // 2 - 1, sigma=sigma, tau=tau, alpha=alpha, seed=rng
    )
    sensors = np.arange(n_sensors) / n_sensors
    y = rng.random((n_functions, n_points))
    return evaluate_series(c, sensors), y, antiderivative_series(c, y)
