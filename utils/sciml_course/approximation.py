"""Function approximation in 1-D: classical approximants against ReLU networks (lecture C2).

* Targets on [−1, 1]: :func:`smooth`, :func:`absolute`, :func:`runge`, :func:`jump`
  (collected in :data:`TARGETS`); each accepts a NumPy array or a torch tensor.
* Classical approximants with ``n`` parameters: :func:`chebyshev_interpolant`
  (``numpy.polynomial.chebyshev``), :func:`piecewise_linear_interpolant`,
  :func:`cubic_spline_interpolant` (SciPy) and :func:`fourier_series`.
* Equispaced polynomial interpolation (the Runge phenomenon):
  :func:`equispaced_polynomial_interpolant` and its potential theory,
  :func:`equispaced_potential`; in d dimensions, :func:`tensor_chebyshev_interpolant`.
* Errors: :func:`rms_error`, :func:`rms_error_split` (where the error lives);
  rates are measured with :mod:`sciml_course.convergence` (``loglog_slope``,
  ``local_rates``, ``asymptotic_onset``, ``geometric_rate``), and the theory for
  analytic functions is :func:`bernstein_rho`.
* ReLU networks as piecewise-linear functions: :func:`hat`,
  :func:`hat_network`, :func:`sawtooth_network`, :func:`shallow_relu_network`,
  :func:`count_linear_pieces`, :func:`fit_readout`.
* Training several small networks at once: :func:`fit_jointly`; the residual's
  spectrum: :func:`periodic_grid`, :func:`fourier_amplitudes`.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np
import torch
from numpy.polynomial import chebyshev
from scipy.interpolate import BarycentricInterpolator, CubicSpline

from . import models, training
from ._validation import check_array, check_int, check_real, check_tensor

ArrayLike = Any  # a NumPy array or a torch tensor


# --------------------------------------------------------------------------- targets
def _is_torch(x: ArrayLike) -> bool:
    if isinstance(x, torch.Tensor):
        return True
    if isinstance(x, (np.ndarray, np.generic, float, int)) and not isinstance(x, bool):
        return False
    raise TypeError(f"x must be a NumPy array or a torch tensor, got {type(x).__name__}")


def smooth(x: ArrayLike) -> ArrayLike:
    """The analytic (entire), non-periodic target eˣ sin(3x).

    Examples
    --------
    >>> float(smooth(np.array(0.0)))
    0.0
    """
    xp = torch if _is_torch(x) else np
    return xp.exp(x) * xp.sin(3 * x)


def absolute(x: ArrayLike) -> ArrayLike:
    """The kink |x| (continuous, first derivative jumps at 0).

    Examples
    --------
    >>> absolute(np.array([-2.0, 3.0])).tolist()
    [2.0, 3.0]
    """
    _is_torch(x)
    return abs(x)


def runge(x: ArrayLike) -> ArrayLike:
    """Runge's function 1/(1 + 25x²), analytic on [−1, 1] with poles at ±i/5.

    Examples
    --------
    >>> float(runge(np.array(0.2)))
    0.5
    """
    _is_torch(x)
    return 1 / (1 + 25 * x**2)


def jump(x: ArrayLike) -> ArrayLike:
    """The Heaviside step H(x), with H(0) = 1/2 as in the course notation.

    Examples
    --------
    >>> jump(np.array([-1.0, 0.0, 1.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    if _is_torch(x):
        return torch.heaviside(x, torch.tensor(0.5, dtype=x.dtype, device=x.device))
    return np.heaviside(x, 0.5)


TARGETS: dict[str, Callable[[ArrayLike], ArrayLike]] = {
    "smooth": smooth,
    "abs": absolute,
    "runge": runge,
    "jump": jump,
}


def _check_function(name: str, f: Any) -> Callable:
    if not callable(f):
        raise TypeError(f"{name} must be callable, got {type(f).__name__}")
    return f


# ------------------------------------------------------------ classical approximants
def chebyshev_interpolant(f: Callable[[np.ndarray], np.ndarray], n: int) -> chebyshev.Chebyshev:
    """Interpolant of ``f`` at the n Chebyshev points of the first kind (degree n − 1).

    Parameters
    ----------
    f : callable
        Vectorised function on [−1, 1].
    n : int
        Number of coefficients (parameters), n >= 1.

    Returns
    -------
    numpy.polynomial.Chebyshev
        A callable polynomial with ``n`` Chebyshev coefficients.

    Examples
    --------
    >>> p = chebyshev_interpolant(np.cos, 12)
    >>> bool(abs(p(0.3) - np.cos(0.3)) < 1e-12)
    True
    """
    _check_function("f", f)
    n = check_int("n", n, minimum=1)
    return chebyshev.Chebyshev.interpolate(lambda x: np.asarray(f(x), dtype=float), n - 1)


def piecewise_linear_interpolant(
    f: Callable[[np.ndarray], np.ndarray], n: int
) -> Callable[[np.ndarray], np.ndarray]:
    """Piecewise-linear interpolant of ``f`` at n equispaced nodes of [−1, 1].

    Examples
    --------
    >>> p = piecewise_linear_interpolant(np.abs, 3)   # nodes −1, 0, 1
    >>> float(p(np.array(0.5)))
    0.5
    """
    _check_function("f", f)
    n = check_int("n", n, minimum=2)
    nodes = np.linspace(-1.0, 1.0, n)
    values = np.asarray(f(nodes), dtype=float)
    return lambda x: np.interp(x, nodes, values)


def cubic_spline_interpolant(f: Callable[[np.ndarray], np.ndarray], n: int) -> CubicSpline:
    """Not-a-knot cubic spline (``scipy.interpolate.CubicSpline``) at n equispaced nodes.

    Examples
    --------
    >>> s = cubic_spline_interpolant(lambda x: x**3, 5)
    >>> bool(abs(s(0.3) - 0.027) < 1e-12)
    True
    """
    _check_function("f", f)
    n = check_int("n", n, minimum=4)
    nodes = np.linspace(-1.0, 1.0, n)
    return CubicSpline(nodes, np.asarray(f(nodes), dtype=float))


def fourier_series(
    f: Callable[[np.ndarray], np.ndarray], n: int, samples: int = 2**14
) -> Callable[[np.ndarray], np.ndarray]:
    """Truncated Fourier series of ``f`` on [−1, 1] (period 2) with n = 2K + 1 real coefficients.

    The coefficients c_k, |k| <= K, of e^{iπkx} come from the FFT of ``samples``
    equispaced values (the trapezoidal rule); at x = −1 the mean of the two end
    values is used, the value the Fourier series converges to.

    Parameters
    ----------
    f : callable
        Vectorised function on [−1, 1].
    n : int
        Odd number of real coefficients, n = 2K + 1.
    samples : int
        Quadrature points, at least 2n.

    Examples
    --------
    >>> s = fourier_series(lambda x: np.cos(np.pi * x), 3)
    >>> bool(abs(s(np.array(0.25)) - np.cos(np.pi / 4)) < 1e-12)
    True
    """
    _check_function("f", f)
    n = check_int("n", n, minimum=1)
    if n % 2 == 0:
        raise ValueError(f"n must be odd (n = 2K + 1), got {n}")
    samples = check_int("samples", samples, minimum=2 * n)
    x = -1.0 + 2.0 * np.arange(samples) / samples
    values = np.asarray(f(x), dtype=float).copy()
    values[0] = 0.5 * float(f(np.array(-1.0)) + f(np.array(1.0)))
    coefficients = np.fft.fft(values) / samples
    k_max = (n - 1) // 2
    k = np.arange(-k_max, k_max + 1)
    c_k = coefficients[k % samples]

    def series(y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        return np.real(np.exp(1j * np.pi * np.multiply.outer(y + 1.0, k)) @ c_k)

    return series


def equispaced_polynomial_interpolant(
    f: Callable[[np.ndarray], np.ndarray], n: int
) -> BarycentricInterpolator:
    """Polynomial of degree n − 1 through n equispaced nodes of [−1, 1] (barycentric form).

    On Runge's function it diverges near ±1 as n grows (the Runge phenomenon);
    :func:`equispaced_potential` predicts where and how fast.

    Examples
    --------
    >>> p = equispaced_polynomial_interpolant(lambda x: x**2, 3)
    >>> float(p(0.5))
    0.25
    """
    _check_function("f", f)
    n = check_int("n", n, minimum=2)
    nodes = np.linspace(-1.0, 1.0, n)
    return BarycentricInterpolator(nodes, np.asarray(f(nodes), dtype=float))


def equispaced_potential(z: complex) -> float:
    """Logarithmic potential u(z) = −½ ∫₋₁¹ log|z − t| dt of the equispaced node density.

    For n equispaced nodes the node polynomial behaves like e^{−n u(z)}, so the
    interpolation error at a real x, caused by a pole z₀ of f, behaves like
    e^{n (u(z₀) − u(x))}: it converges where u(x) > u(z₀) and diverges where
    u(x) < u(z₀), at the geometric rate u(z₀) − u(x). Closed form:
    u(z) = 1 − ½ Re[(z + 1) log(z + 1) − (z − 1) log(z − 1)].

    Examples
    --------
    >>> round(equispaced_potential(1.0), 6)   # 1 − log 2
    0.306853
    """
    if isinstance(z, bool) or not isinstance(z, (int, float, complex, np.number)):
        raise TypeError(f"z must be a number, got {type(z).__name__}")
    z = complex(z)
    if not np.isfinite(z):
        raise ValueError(f"z must be finite, got {z}")

    def xlogx(w: complex) -> complex:
        return 0j if w == 0 else w * np.log(w)

    return float(1.0 - 0.5 * (xlogx(z + 1) - xlogx(z - 1)).real)


def tensor_chebyshev_interpolant(
    f: Callable[[np.ndarray], np.ndarray], m: int, d: int
) -> Callable[[np.ndarray], np.ndarray]:
    """Tensor-product Chebyshev interpolant on [−1, 1]^d with m points per axis (m^d values).

    Parameters
    ----------
    f : callable
        Takes points of shape (..., d) and returns values of shape (...).
    m : int
        Chebyshev points (of the first kind) per axis, m >= 1.
    d : int
        Dimension, d >= 1.

    Returns
    -------
    callable
        Maps points of shape (N, d) to values of shape (N,).

    Examples
    --------
    >>> p = tensor_chebyshev_interpolant(lambda x: x[..., 0] * x[..., 1] ** 2, 3, 2)
    >>> round(float(p(np.array([[0.5, -0.4]]))[0]), 12)
    0.08
    """
    _check_function("f", f)
    m = check_int("m", m, minimum=1)
    d = check_int("d", d, minimum=1)
    nodes = np.cos((2 * np.arange(m) + 1) * np.pi / (2 * m))
    grid = np.stack(np.meshgrid(*([nodes] * d), indexing="ij"), axis=-1)
    coefficients = np.asarray(f(grid), dtype=float)
    if coefficients.shape != (m,) * d:
        raise ValueError(f"f must map points of shape (..., {d}) to shape (...), got {coefficients.shape}")
    to_coefficients = np.linalg.inv(chebyshev.chebvander(nodes, m - 1))
    for axis in range(d):
        coefficients = np.moveaxis(np.tensordot(to_coefficients, coefficients, axes=([1], [axis])), 0, axis)

    def interpolant(x: np.ndarray) -> np.ndarray:
        x = check_array("x", x, ndim=2)
        if x.shape[1] != d:
            raise ValueError(f"x must have shape (N, {d}), got {x.shape}")
        values = np.tensordot(chebyshev.chebvander(x[:, 0], m - 1), coefficients, axes=([1], [0]))
        for axis in range(1, d):
            values = np.einsum("nk...,nk->n...", values, chebyshev.chebvander(x[:, axis], m - 1))
        return values

    return interpolant


APPROXIMANTS: dict[str, Callable[..., Callable]] = {
    "Chebyshev": chebyshev_interpolant,
    "piecewise linear": piecewise_linear_interpolant,
    "cubic spline": cubic_spline_interpolant,
    "Fourier": fourier_series,
}


# ------------------------------------------------------------------ errors and rates
def rms_error(
    approximant: Callable[[np.ndarray], np.ndarray],
    f: Callable[[np.ndarray], np.ndarray],
    points: int = 8001,
) -> float:
    """Root-mean-square error on ``points`` equispaced points of [−1, 1] (≈ the L²(−1, 1) norm / √2).

    Examples
    --------
    >>> rms_error(lambda x: x + 1, lambda x: x)
    1.0
    """
    _check_function("approximant", approximant)
    _check_function("f", f)
    points = check_int("points", points, minimum=2)
    x = np.linspace(-1.0, 1.0, points)
    return float(np.sqrt(np.mean((np.asarray(approximant(x)) - np.asarray(f(x))) ** 2)))


def rms_error_split(
    approximant: Callable[[np.ndarray], np.ndarray],
    f: Callable[[np.ndarray], np.ndarray],
    region: Callable[[np.ndarray], np.ndarray],
    points: int = 2**17 + 1,
) -> tuple[float, float]:
    """The RMS error split into the parts from inside and outside a region of [−1, 1].

    Returns (inside, outside) with inside² + outside² = the RMS error² on
    ``points`` equispaced points, so each part is its share of the total.

    Parameters
    ----------
    approximant, f : callable
        Vectorised functions on [−1, 1].
    region : callable
        Maps the points x to a boolean mask (e.g. ``lambda x: abs(x) < 0.1``).
    points : int
        Equispaced evaluation points; use several per cell of the approximant.

    Examples
    --------
    >>> inside, outside = rms_error_split(lambda x: 0 * x, lambda x: 1.0 * (x > 0), lambda x: x > 0, 5)
    >>> round(inside**2, 6), outside
    (0.4, 0.0)
    """
    _check_function("approximant", approximant)
    _check_function("f", f)
    _check_function("region", region)
    points = check_int("points", points, minimum=2)
    x = np.linspace(-1.0, 1.0, points)
    squared = (np.asarray(approximant(x), dtype=float) - np.asarray(f(x), dtype=float)) ** 2
    mask = np.asarray(region(x))
    if mask.shape != x.shape or mask.dtype != bool:
        raise ValueError(f"region must return a boolean mask of shape {x.shape}")
    return (float(np.sqrt(squared[mask].sum() / points)), float(np.sqrt(squared[~mask].sum() / points)))


def bernstein_rho(pole: complex) -> float:
    """Parameter ρ > 1 of the Bernstein ellipse through a singularity ``pole`` ∉ [−1, 1].

    Chebyshev interpolants of a function analytic inside that ellipse converge
    like ρ^{−n}: ρ = |z + √(z² − 1)| with the root that makes ρ > 1.

    Examples
    --------
    >>> round(bernstein_rho(0.2j), 4)   # Runge's function
    1.2198
    """
    if isinstance(pole, bool) or not isinstance(pole, (int, float, complex, np.number)):
        raise TypeError(f"pole must be a number, got {type(pole).__name__}")
    z = complex(pole)
    if not np.isfinite(z) or (z.imag == 0 and -1 <= z.real <= 1):
        raise ValueError(f"pole must be finite and outside [-1, 1], got {pole}")
    root = np.sqrt(z * z - 1 + 0j)
    return float(max(abs(z + root), abs(z - root)))


# -------------------------------------------------------- ReLU networks, piece by piece
def hat(x: ArrayLike) -> ArrayLike:
    """The hat (tent) function max(0, min(2x, 2 − 2x)), supported on [0, 1].

    Examples
    --------
    >>> hat(np.array([-1.0, 0.25, 0.5, 1.0, 2.0])).tolist()
    [0.0, 0.5, 1.0, 0.0, 0.0]
    """
    if _is_torch(x):
        return torch.clamp(torch.minimum(2 * x, 2 - 2 * x), min=0)
    return np.maximum(0.0, np.minimum(2 * x, 2 - 2 * x))


def hat_network(dtype: torch.dtype = torch.float64) -> torch.nn.Sequential:
    """The hat as a ReLU network of width 3: 2σ(x) − 4σ(x − ½) + 2σ(x − 1).

    Examples
    --------
    >>> net = hat_network()
    >>> net(torch.tensor([[0.25]], dtype=torch.float64)).item()
    0.5
    """
    net = models.mlp(1, 1, width=3, depth=1, activation="relu", dtype=dtype)
    with torch.no_grad():
        net[0].weight.copy_(torch.ones(3, 1))
        net[0].bias.copy_(torch.tensor([0.0, -0.5, -1.0]))
        net[2].weight.copy_(torch.tensor([[2.0, -4.0, 2.0]]))
        net[2].bias.zero_()
    return net


def sawtooth_network(depth: int, dtype: torch.dtype = torch.float64) -> torch.nn.Sequential:
    """The sawtooth g_L = hat ∘ … ∘ hat (``depth`` = L times): a ReLU network of width 3, depth L.

    It has 2^{L−1} teeth and 2^L linear pieces on [0, 1].

    Examples
    --------
    >>> net = sawtooth_network(2)
    >>> net(torch.tensor([[0.25]], dtype=torch.float64)).item()
    1.0
    """
    depth = check_int("depth", depth, minimum=1)
    return torch.nn.Sequential(*[hat_network(dtype) for _ in range(depth)])


def shallow_relu_network(
    knots: Any, dtype: torch.dtype = torch.float32
) -> torch.nn.Sequential:
    """One-hidden-layer ReLU network with neurons σ(x − t_j) at the given knots t_j.

    The read-out is zero; set it with :func:`fit_readout`. Any continuous
    piecewise-linear function with these breakpoints is such a network.

    Examples
    --------
    >>> net = shallow_relu_network([0.0, 0.5])
    >>> net[0].bias.tolist()
    [-0.0, -0.5]
    """
    knots = check_array("knots", knots, ndim=1)
    if len(knots) == 0:
        raise ValueError("knots must not be empty")
    net = models.mlp(1, 1, width=len(knots), depth=1, activation="relu", dtype=dtype)
    with torch.no_grad():
        net[0].weight.fill_(1.0)
        net[0].bias.copy_(-torch.as_tensor(knots, dtype=dtype))
        net[2].weight.zero_()
        net[2].bias.zero_()
    return net


@torch.no_grad()
def fit_readout(
    net: torch.nn.Sequential, inputs: torch.Tensor, targets: torch.Tensor
) -> torch.nn.Sequential:
    """Set the last linear layer of ``net`` to the least-squares fit of ``targets`` (in place).

    With the hidden layers fixed the network is linear in its read-out, so
    this is the best network with these hidden features.

    Examples
    --------
    >>> net = shallow_relu_network([-1.0, 0.0])
    >>> x = torch.linspace(-1, 1, 21).unsqueeze(1)
    >>> with torch.no_grad(): error = (fit_readout(net, x, x.abs())(x) - x.abs()).abs().max()
    >>> float(error) < 1e-5
    True
    """
    if not isinstance(net, torch.nn.Sequential) or not isinstance(net[-1], torch.nn.Linear):
        raise TypeError("net must be a torch.nn.Sequential ending in a torch.nn.Linear layer")
    check_tensor("inputs", inputs, ndim=2)
    check_tensor("targets", targets, ndim=2)
    if len(inputs) != len(targets):
        raise ValueError(
            f"inputs and targets must have the same length, got {len(inputs)} and {len(targets)}"
        )
    features = net[:-1](inputs).double()
    ones = torch.ones(len(features), 1, dtype=features.dtype, device=features.device)
    design = torch.cat([features, ones], 1)
    solution = torch.linalg.lstsq(design.cpu(), targets.double().cpu(), driver="gelsd").solution
    readout = net[-1]
    readout.weight.copy_(solution[:-1].T.to(readout.weight))
    readout.bias.copy_(solution[-1].to(readout.bias))
    return net


def count_linear_pieces(x: Any, y: Any, tol: float = 1e-9) -> int:
    """Number of linear pieces of a continuous piecewise-linear function sampled at sorted ``x``.

    A new piece starts where the slope between neighbouring samples changes by
    more than ``tol`` (relative to the largest slope). The count is exact when
    every breakpoint is a sample point; a breakpoint strictly inside a cell
    changes the slope twice in a row and is counted once.

    Examples
    --------
    >>> x = np.linspace(-1, 1, 9)
    >>> count_linear_pieces(x, np.abs(x)), count_linear_pieces(x, 3 * x)
    (2, 1)
    """
    x = check_array("x", x, ndim=1)
    y = check_array("y", y, ndim=1)
    tol = check_real("tol", tol, minimum=0.0)
    if len(x) != len(y) or len(x) < 2:
        raise ValueError(f"x and y must have the same length >= 2, got {len(x)} and {len(y)}")
    if np.any(np.diff(x) <= 0):
        raise ValueError("x must be strictly increasing")
    slopes = np.diff(y) / np.diff(x)
    scale = max(1.0, float(np.abs(slopes).max()))
    changes = np.abs(np.diff(slopes)) > tol * scale
    starts = changes & ~np.concatenate([[False], changes[:-1]])  # merge a run of changes into one
    return 1 + int(starts.sum())


# ----------------------------------------------------------------- training and spectra
def fit_jointly(
    nets: Sequence[torch.nn.Module],
    inputs: torch.Tensor,
    targets: Sequence[torch.Tensor],
    *,
    steps: int = 1000,
    lr: float = 3e-3,
    schedule: str | None = "cosine",
    callback: Callable[[int], None] | None = None,
    progress: bool = True,
    desc: str | None = None,
) -> training.TrainingLog:
    """Train several independent networks at once by full-batch Adam on the sum of their MSEs.

    Network i only sees its own loss, and Adam scales every parameter on its
    own, so this is the same as training each network alone — in one loop.

    Parameters
    ----------
    nets : sequence of torch.nn.Module
        The networks (trained in place).
    inputs : torch.Tensor
        Common inputs, shape (N, d).
    targets : sequence of torch.Tensor
        One target tensor per network, shape (N, m).
    steps, lr, schedule, callback, progress, desc
        Passed to :func:`sciml_course.training.minimise`.

    Returns
    -------
    sciml_course.training.TrainingLog
        The summed loss at every step and the wall time.

    Examples
    --------
    >>> x = torch.linspace(-1, 1, 20).unsqueeze(1)
    >>> nets = [torch.nn.Linear(1, 1), torch.nn.Linear(1, 1)]
    >>> h = fit_jointly(nets, x, [2 * x, -x], steps=400, lr=0.05, progress=False)
    >>> h[-1] < 1e-4
    True
    """
    nets = list(nets)
    targets = list(targets)
    if not nets or not all(isinstance(net, torch.nn.Module) for net in nets):
        raise TypeError("nets must be a non-empty sequence of torch.nn.Module")
    check_tensor("inputs", inputs, ndim=2)
    if len(targets) != len(nets):
        raise ValueError(f"targets must hold one tensor per network ({len(nets)}), got {len(targets)}")
    for i, target in enumerate(targets):
        check_tensor(f"targets[{i}]", target, ndim=2)
        if len(target) != len(inputs):
            raise ValueError(f"targets[{i}] must have {len(inputs)} rows, got {len(target)}")
    params = [p for net in nets for p in net.parameters()]

    def loss() -> torch.Tensor:
        return sum(torch.mean((net(inputs) - y) ** 2) for net, y in zip(nets, targets))

    return training.minimise(loss, params, method="adam", steps=steps, lr=lr, schedule=schedule,
                             callback=callback, progress=progress, desc=desc or "networks")


def periodic_grid(samples: int) -> np.ndarray:
    """The ``samples`` equispaced points x_j = −1 + 2j/M of the period [−1, 1).

    Examples
    --------
    >>> periodic_grid(4).tolist()
    [-1.0, -0.5, 0.0, 0.5]
    """
    samples = check_int("samples", samples, minimum=2)
    return -1.0 + 2.0 * np.arange(samples) / samples


def fourier_amplitudes(values: Any, frequencies: Sequence[int]) -> np.ndarray:
    """Amplitudes A_k of the modes cos(πkx), sin(πkx) in ``values`` sampled on :func:`periodic_grid`.

    For v(x) = Σ_k a_k cos(πkx) + b_k sin(πkx) this returns A_k = √(a_k² + b_k²)
    (and |a_0| for k = 0), exactly for |k| < M/2.

    Examples
    --------
    >>> x = periodic_grid(64)
    >>> fourier_amplitudes(3 * np.sin(2 * np.pi * x) + 1, [0, 1, 2]).round(12).tolist()
    [1.0, 0.0, 3.0]
    """
    values = check_array("values", values, ndim=1)
    frequencies = np.asarray(frequencies)
    if frequencies.ndim != 1 or not np.issubdtype(frequencies.dtype, np.integer):
        raise TypeError("frequencies must be a sequence of integers")
    samples = len(values)
    if np.any(frequencies < 0) or np.any(2 * frequencies >= samples):
        highest = math.ceil(samples / 2) - 1
        raise ValueError(f"frequencies must lie in [0, {highest}], got {frequencies.tolist()}")
    spectrum = np.abs(np.fft.rfft(values)) / samples
    return np.where(frequencies == 0, 1.0, 2.0) * spectrum[frequencies]
