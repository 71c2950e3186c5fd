"""Linear inverse problems Ax = y + noise: forward operators, test signals, regularised solvers.

Lecture C1 compares naive inversion, Tikhonov (R(x) = |Bx|²), total variation
(R(x) = |∇x|) and a learned regulariser on a 1-D deblurring problem.
"""

from __future__ import annotations

import numpy as np
import scipy.optimize

from . import seeding
from ._validation import check_array, check_int, check_real


def gaussian_blur_matrix(n: int, width: float) -> np.ndarray:
    """The n × n matrix of a Gaussian blur of standard deviation ``width`` (in grid cells).

    Rows are normalised to sum to one; the signal is extended by zero beyond the ends.

    Examples
    --------
    >>> A = gaussian_blur_matrix(50, 2.0)
    >>> A.shape, bool(np.allclose(A.sum(axis=1), 1))
    ((50, 50), True)
    """
    n = check_int("n", n, minimum=2)
    width = check_real("width", width, minimum=0.0, strict=True)
    i = np.arange(n)
    kernel = np.exp(-0.5 * ((i[:, None] - i[None, :]) / width) ** 2)
    return kernel / kernel.sum(axis=1, keepdims=True)


def difference_matrix(n: int) -> np.ndarray:
    """The (n − 1) × n forward-difference matrix: (Dx)_i = x_{i+1} − x_i.

    Examples
    --------
    >>> difference_matrix(3)
    array([[-1.,  1.,  0.],
           [ 0., -1.,  1.]])
    """
    n = check_int("n", n, minimum=2)
    return np.eye(n, k=1)[:-1] - np.eye(n)[:-1]


def piecewise_constant_signals(n_signals: int, n: int, jumps: int = 4, seed: int = 0) -> np.ndarray:
    """Random piecewise-constant signals with ``jumps`` jumps, values in [−1, 1].

    Returns
    -------
    numpy.ndarray, shape (n_signals, n)

    Examples
    --------
    >>> x = piecewise_constant_signals(2, 100, jumps=3)
    >>> x.shape, int((np.diff(x[0]) != 0).sum()) <= 3
    ((2, 100), True)
    """
    n_signals = check_int("n_signals", n_signals, minimum=1)
    n = check_int("n", n, minimum=2)
    jumps = check_int("jumps", jumps, minimum=0)
    if jumps >= n:
        raise ValueError(f"jumps must be < n = {n}, got {jumps}")
    rng = seeding.numpy_rng(check_int("seed", seed, minimum=0))
    signals = np.empty((n_signals, n))
    for k in range(n_signals):
        cuts = np.sort(rng.choice(np.arange(1, n), size=jumps, replace=False))
        levels = rng.uniform(-1, 1, jumps + 1)
        signals[k] = np.repeat(levels, np.diff(np.concatenate([[0], cuts, [n]])))
    return signals


def _check_system(A: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    A = check_array("A", A, ndim=2)
    y = check_array("y", y)
    if y.shape[-1] != A.shape[0]:
        raise ValueError(f"y must have last dimension {A.shape[0]} (rows of A), got {y.shape}")
    return A, y


def tikhonov_solve(A: np.ndarray, y: np.ndarray, lam: float, B: np.ndarray | None = None) -> np.ndarray:
    """Minimise |Ax − y|² + lam |Bx|² (B = identity by default).

    ``y`` may hold several right-hand sides as rows.

    Examples
    --------
    >>> A = np.eye(3); tikhonov_solve(A, np.ones(3), lam=1.0)
    array([0.5, 0.5, 0.5])
    """
    A, y = _check_system(A, y)
    lam = check_real("lam", lam, minimum=0.0)
    B = np.eye(A.shape[1]) if B is None else check_array("B", B, ndim=2)
    if B.shape[1] != A.shape[1]:
        raise ValueError(f"B must have {A.shape[1]} columns like A, got {B.shape}")
    normal = A.T @ A + lam * B.T @ B
    return np.linalg.solve(normal, A.T @ y.T).T


def discrepancy_lambda(
    A: np.ndarray, y: np.ndarray, noise_std: float, B: np.ndarray | None = None
) -> float:
    """Morozov's discrepancy principle: the lam with |A x_lam − y| = sqrt(m) · noise_std.

    Found by bisection in log(lam) (the residual grows with lam).

    Examples
    --------
    >>> A = gaussian_blur_matrix(40, 2.0); rng = np.random.default_rng(0)
    >>> y = A @ np.sin(np.linspace(0, 3, 40)) + 0.01 * rng.standard_normal(40)
    >>> 0 < discrepancy_lambda(A, y, 0.01) < 1
    True
    """
    A, y = _check_system(A, y)
    if y.ndim != 1:
        raise ValueError("y must be a single right-hand side (1-D)")
    noise_std = check_real("noise_std", noise_std, minimum=0.0, strict=True)
    target = np.sqrt(len(y)) * noise_std

    def excess(log_lam: float) -> float:
        x = tikhonov_solve(A, y, np.exp(log_lam), B)
        return np.linalg.norm(A @ x - y) - target

    low, high = np.log(1e-14), np.log(1e4)
    if excess(low) > 0 or excess(high) < 0:
        raise ValueError("noise_std is outside the range the discrepancy principle can match")
    return float(np.exp(scipy.optimize.brentq(excess, low, high, xtol=1e-6)))


def total_variation_solve(
    A: np.ndarray, y: np.ndarray, lam: float, smoothing: float = 1e-4, max_iter: int = 2000
) -> np.ndarray:
    """Minimise ½|Ax − y|² + lam Σ sqrt((x_{i+1} − x_i)² + smoothing²) with L-BFGS.

    The small ``smoothing`` makes |∇x| differentiable; it is the usual
    smoothed total variation.

    Examples
    --------
    >>> x = total_variation_solve(np.eye(4), np.array([0., 0., 1., 1.]), lam=0.01)
    >>> bool(np.abs(x - [0, 0, 1, 1]).max() < 0.02)
    True
    """
    A, y = _check_system(A, y)
    if y.ndim != 1:
        raise ValueError("y must be a single right-hand side (1-D)")
    lam = check_real("lam", lam, minimum=0.0)
    smoothing = check_real("smoothing", smoothing, minimum=0.0, strict=True)
    max_iter = check_int("max_iter", max_iter, minimum=1)
    D = difference_matrix(A.shape[1])

    def objective(x: np.ndarray) -> tuple[float, np.ndarray]:
        residual = A @ x - y
        dx = D @ x
        root = np.sqrt(dx**2 + smoothing**2)
        value = 0.5 * residual @ residual + lam * root.sum()
        return value, A.T @ residual + lam * D.T @ (dx / root)

    start = np.linalg.lstsq(A.T @ A + lam * np.eye(A.shape[1]), A.T @ y, rcond=None)[0]
    result = scipy.optimize.minimize(
        objective, start, jac=True, method="L-BFGS-B",
        options={"maxiter": max_iter, "maxcor": 30, "gtol": 1e-10, "ftol": 1e-14},
    )
    return result.x
