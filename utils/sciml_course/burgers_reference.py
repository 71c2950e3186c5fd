"""Reference solutions of the viscous Burgers benchmark of Raissi et al. (2019).

The problem is u_t + u u_x = ν u_xx on x ∈ [−1, 1], t ∈ [0, 1], with
u(x, 0) = −sin(πx), u(±1, t) = 0 and ν = 0.01/π (:data:`NU`).

* :func:`cole_hopf` evaluates the exact solution by the Cole–Hopf transform.
  With η = √(4νt) z the solution is a ratio of two Gaussian integrals,

  u(x, t) = − ∫ sin(π(x − η)) e^{−cos(π(x − η))/(2πν)} e^{−z²} dz
              / ∫ e^{−cos(π(x − η))/(2πν)} e^{−z²} dz,

  computed by Gauss–Hermite quadrature. The exponents reach ±1/(2πν) = ±50, so
  both sums are evaluated in log space with a signed ``logsumexp``
  (Basdevant et al. 1986 used the same quadrature). For much smaller ν
  (10⁻⁴/π, say) Gauss–Hermite fails without warning: the integrand's mass sits
  where the Gauss weight e^{−z²} is e^{−4000}, beyond the outermost node, and
  adding nodes changes the value only slowly (a false plateau).
* :func:`cole_hopf_trapezoid` evaluates the same integrals by the trapezoidal
  rule in y = x − η on a fixed window (log space): slower, but it converges for
  every ν, and it checks :func:`cole_hopf` independently.
* :func:`cole_hopf_slope` gives u_x by differentiating the quadrature exactly.
* :func:`solve_fd` is a classical solver of the same Dirichlet problem:
  second-order central differences in x (conservative flux form) and the
  method of lines with an implicit BDF integrator and a banded Jacobian.
* :func:`solve_spectral` is a Fourier pseudo-spectral solver on the odd,
  2-periodic extension (which enforces u(±1) = 0), with an integrating factor
  for the diffusion and classical RK4 for the convection (IFRK4); an optional
  convection coefficient λ₁ solves u_t + λ₁ u u_x = ν u_xx (the inverse problem).
* :func:`fourier_interpolate` evaluates its trigonometric interpolant anywhere.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from scipy import integrate, sparse, special

from ._validation import check_array, check_int, check_real

__all__ = [
    "NU",
    "BASDEVANT_SLOPE",
    "BASDEVANT_TIME",
    "cole_hopf",
    "cole_hopf_slope",
    "cole_hopf_trapezoid",
    "reference_grid",
    "solve_fd",
    "solve_spectral",
    "fourier_interpolate",
    "relative_l2",
]

NU = 0.01 / math.pi
"""The viscosity of the benchmark, ν = 0.01/π."""
BASDEVANT_TIME = 1.6037 / math.pi
"""The time at which Basdevant et al. (1986) report the steepest slope at x = 0."""
BASDEVANT_SLOPE = -152.00516
"""Their value of ∂u/∂x(0, 1.6037/π)."""


def _log_sums(x: np.ndarray, t: np.ndarray, nu: float, nodes: int, slope: bool = False):
    """Signed log-sums of the Cole–Hopf numerator (and its x-derivative) and denominator."""
    z, w = special.roots_hermite(nodes)
    with np.errstate(divide="ignore"):
        log_w = np.log(w)  # tiny weights underflow to 0: log −inf drops them cleanly
    y = x[..., None] - np.sqrt(4.0 * nu * t[..., None]) * z  # the shifted argument x − η
    log_f = -np.cos(np.pi * y) / (2.0 * np.pi * nu) + log_w
    sin_y = np.sin(np.pi * y)
    log_den = special.logsumexp(log_f, axis=-1)
    log_num, sign_num = special.logsumexp(log_f, b=sin_y, axis=-1, return_sign=True)
    if not slope:
        return (log_num, sign_num), None, log_den
    # d/dx of sin(πy) f(y) is π cos(πy) f + sin²(πy) f / (2ν)
    d_num = np.pi * np.cos(np.pi * y) + sin_y**2 / (2.0 * nu)
    log_dnum, sign_dnum = special.logsumexp(log_f, b=d_num, axis=-1, return_sign=True)
    return (log_num, sign_num), (log_dnum, sign_dnum), log_den


def _as_array(name, value):
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return np.asarray(float(value))
    return check_array(name, value)


def _check_inputs(x, t, nu, nodes):
    x = _as_array("x", x)
    t = _as_array("t", t)
    if np.any(t < 0) or not np.all(np.isfinite(t)):
        raise ValueError("t must be finite and non-negative")
    if not np.all(np.isfinite(x)):
        raise ValueError("x must be finite")
    nu = check_real("nu", nu, minimum=0.0, strict=True)
    nodes = check_int("nodes", nodes, minimum=2)
    x, t = np.broadcast_arrays(x, t)
    return x, t, nu, nodes


def cole_hopf(
    x: np.ndarray, t: np.ndarray, nu: float = NU, nodes: int = 128
) -> np.ndarray:
    """Exact solution u(x, t) of the benchmark by Cole–Hopf and Gauss–Hermite.

    Parameters
    ----------
    x, t : array_like
        Points (broadcast against each other); t ≥ 0.
    nu : float
        Viscosity ν > 0 (the benchmark's is :data:`NU`).
    nodes : int
        Number of Gauss–Hermite nodes.

    Returns
    -------
    numpy.ndarray
        u at the broadcast shape of ``x`` and ``t``.

    Examples
    --------
    >>> float(cole_hopf(0.5, 0.0))
    -1.0
    >>> abs(float(cole_hopf(1.0, 0.7))) < 1e-12
    True
    """
    x, t, nu, nodes = _check_inputs(x, t, nu, nodes)
    (log_num, sign_num), _, log_den = _log_sums(x, t, nu, nodes)
    return -sign_num * np.exp(log_num - log_den)


def cole_hopf_slope(
    x: np.ndarray, t: np.ndarray, nu: float = NU, nodes: int = 128
) -> np.ndarray:
    """Exact ∂u/∂x by differentiating the Cole–Hopf quadrature.

    With N = Σ w sin(πy) f(y), D = Σ w f(y) and f' = f sin(πy)/(2ν),
    u = −N/D and u_x = −N'/D + u²/(2ν).

    Examples
    --------
    >>> s = float(cole_hopf_slope(0.0, BASDEVANT_TIME))
    >>> round(s, 5)
    -152.00516
    """
    x, t, nu, nodes = _check_inputs(x, t, nu, nodes)
    (log_num, sign_num), (log_dnum, sign_dnum), log_den = _log_sums(x, t, nu, nodes, slope=True)
    u = -sign_num * np.exp(log_num - log_den)
    return -sign_dnum * np.exp(log_dnum - log_den) + u**2 / (2.0 * nu)


def cole_hopf_trapezoid(
    x: np.ndarray, t: np.ndarray, nu: float = NU, points: int = 40001
) -> np.ndarray:
    """Exact solution by Cole–Hopf with the trapezoidal rule in y, for any ν.

    u(x, t) = −∫ sin(πy) e^{−(x−y)²/(4νt) − cos(πy)/(2πν)} dy / ∫ e^{…} dy,
    both integrals over y ∈ [x − 2, x + 2] (beyond, the Gaussian factor is
    below e^{−1/(νt)} while the cosine factor gains at most e^{1/(πν)}), on
    ``points`` equispaced nodes, summed in log space. The integrands are smooth
    and negligible at the ends, so the rule converges fast once the spacing
    4/(points − 1) resolves the kernel width √(4νt). Memory grows as the
    number of x points times ``points``: meant for a few hundred points.

    Examples
    --------
    >>> abs(float(cole_hopf_trapezoid(0.3, 0.5)) - float(cole_hopf(0.3, 0.5))) < 1e-12
    True
    >>> float(cole_hopf_trapezoid(0.5, 0.0))
    -1.0
    """
    x, t, nu, points = _check_inputs(x, t, nu, points)
    s = np.linspace(-2.0, 2.0, points)  # offsets y − x
    y = x[..., None] + s
    tt = np.where(t > 0, t, 1.0)[..., None]
    log_f = -s**2 / (4.0 * nu * tt) - np.cos(np.pi * y) / (2.0 * np.pi * nu)
    log_num, sign_num = special.logsumexp(log_f, b=np.sin(np.pi * y), axis=-1, return_sign=True)
    u = -sign_num * np.exp(log_num - special.logsumexp(log_f, axis=-1))
    return np.where(t > 0, u, -np.sin(np.pi * x))


def reference_grid(
    nx: int = 256, nt: int = 100, nu: float = NU, nodes: int = 128
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The exact solution on the benchmark's grid (as in Raissi et al.'s data file).

    Returns ``x`` (nx points in [−1, 1]), ``t`` (nt points in [0, 0.99]) and
    ``u`` of shape (nt, nx).

    Examples
    --------
    >>> x, t, u = reference_grid(16, 5)
    >>> u.shape, float(t[-1])
    ((5, 16), 0.99)
    """
    nx = check_int("nx", nx, minimum=2)
    nt = check_int("nt", nt, minimum=2)
    x = np.linspace(-1.0, 1.0, nx)
    t = np.linspace(0.0, 0.99, nt)
    return x, t, cole_hopf(x[None, :], t[:, None], nu, nodes)


def relative_l2(approx: np.ndarray, exact: np.ndarray) -> float:
    """Relative L2 error ‖approx − exact‖ / ‖exact‖ over all entries.

    Examples
    --------
    >>> relative_l2(np.array([1.0, 1.1]), np.array([1.0, 1.0]))  # doctest: +ELLIPSIS
    0.0707...
    """
    approx = check_array("approx", approx)
    exact = check_array("exact", exact)
    if approx.shape != exact.shape:
        raise ValueError(f"approx and exact must have the same shape, got {approx.shape} and {exact.shape}")
    norm = np.linalg.norm(exact)
    if norm == 0:
        raise ValueError("exact must not be identically zero")
    return float(np.linalg.norm(approx - exact) / norm)


def _check_times(times, t_final=1.0):
    times = _as_array("times", times)
    if times.ndim != 1:
        raise ValueError(f"times must be one-dimensional, got shape {times.shape}")
    if times.size == 0 or np.any(np.diff(times) < 0) or times[0] < 0 or times[-1] > t_final:
        raise ValueError("times must be a non-empty, sorted array in [0, 1]")
    return times


def solve_fd(
    n: int, times: np.ndarray, nu: float = NU, rtol: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    """Second-order finite differences and an implicit (BDF) method of lines.

    The interior values u_1 … u_{n−1} on the uniform grid x_j = −1 + 2j/n obey
    du_j/dt = −(u_{j+1}² − u_{j−1}²)/(4h) + ν (u_{j+1} − 2u_j + u_{j−1})/h²
    with u_0 = u_n = 0; scipy's BDF integrates this stiff system with the
    exact tridiagonal Jacobian.

    Parameters
    ----------
    n : int
        Number of grid intervals (n − 1 unknowns).
    times : array_like
        Sorted output times in [0, 1].
    nu : float
        Viscosity.
    rtol : float
        Relative tolerance of the time integrator (absolute: rtol / 100).

    Returns
    -------
    x : numpy.ndarray
        The n + 1 grid points.
    u : numpy.ndarray
        Shape (len(times), n + 1), boundary values included.

    Examples
    --------
    >>> x, u = solve_fd(64, [0.0, 0.1])
    >>> u.shape, bool(abs(u[1] - cole_hopf(x, 0.1)).max() < 1e-2)
    ((2, 65), True)
    """
    n = check_int("n", n, minimum=4)
    times = _check_times(times)
    nu = check_real("nu", nu, minimum=0.0, strict=True)
    rtol = check_real("rtol", rtol, minimum=0.0, strict=True)
    x = np.linspace(-1.0, 1.0, n + 1)
    h = 2.0 / n

    def rhs(_t, v):
        u = np.concatenate(([0.0], v, [0.0]))
        return -(u[2:] ** 2 - u[:-2] ** 2) / (4 * h) + nu * (u[2:] - 2 * u[1:-1] + u[:-2]) / h**2

    def jac(_t, v):
        u = np.concatenate(([0.0], v, [0.0]))
        lower = u[1:-2] / (2 * h) + nu / h**2  # d f_j / d u_{j-1}
        upper = -u[2:-1] / (2 * h) + nu / h**2  # d f_j / d u_{j+1}
        main = np.full(n - 1, -2 * nu / h**2)
        return sparse.diags([lower, main, upper], [-1, 0, 1], format="csc")

    sol = integrate.solve_ivp(
        rhs, (0.0, float(times[-1])), -np.sin(np.pi * x[1:-1]), method="BDF",
        t_eval=times, jac=jac, rtol=rtol, atol=rtol / 100,
    )
    if not sol.success:  # pragma: no cover - scipy failure
        raise RuntimeError(sol.message)
    u = np.zeros((len(times), n + 1))
    u[:, 1:-1] = sol.y.T
    return x, u


def solve_spectral(
    n: int, times: np.ndarray, nu: float = NU, dt: float | None = None, convection: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Fourier pseudo-spectral IFRK4 solver on the odd 2-periodic extension.

    The initial condition −sin(πx) is odd and 2-periodic, so the periodic
    solution on [−1, 1) is the Dirichlet one (u(±1, t) = 0 by symmetry).
    Diffusion is integrated exactly by the factor e^{−νk²t}; the nonlinear term
    −(u²/2)_x by RK4, de-aliased by the 2/3 rule.

    Parameters
    ----------
    n : int
        Number of Fourier modes / grid points on [−1, 1) (even).
    times : array_like
        Sorted output times in [0, 1].
    nu : float
        Viscosity.
    dt : float, optional
        Time step; default 0.5 h / max(1, |λ₁|) (advective CFL 0.5 with max |u| ≤ 1).
    convection : float
        The coefficient λ₁ of u u_x (1 for Burgers' equation).

    Returns
    -------
    x : numpy.ndarray
        The n + 1 points −1, …, 1 (the last copies the first).
    u : numpy.ndarray
        Shape (len(times), n + 1).

    Examples
    --------
    >>> x, u = solve_spectral(128, [0.0, 0.1])
    >>> bool(abs(u[1] - cole_hopf(x, 0.1)).max() < 1e-6)
    True
    """
    n = check_int("n", n, minimum=8)
    if n % 2:
        raise ValueError(f"n must be even, got {n}")
    times = _check_times(times)
    nu = check_real("nu", nu, minimum=0.0, strict=True)
    h = 2.0 / n
    convection = check_real("convection", convection)
    if dt is None:
        dt = 0.5 * h / max(1.0, abs(convection))
    dt = check_real("dt", dt, minimum=0.0, strict=True)
    x = -1.0 + h * np.arange(n)
    k = np.pi * np.fft.rfftfreq(n, d=1.0 / n)  # wavenumbers of period 2
    dealias = np.abs(np.fft.rfftfreq(n, d=1.0 / n)) < n / 3

    def nonlinear(v_hat):
        u = np.fft.irfft(v_hat * dealias, n)
        return -0.5j * convection * k * np.fft.rfft(u * u)

    v_hat = np.fft.rfft(-np.sin(np.pi * x))
    out = np.zeros((len(times), n + 1))
    t = 0.0
    for i, target in enumerate(times):
        while t < target - 1e-14:
            step = min(dt, target - t)
            e, e2 = np.exp(-nu * k**2 * step), np.exp(-nu * k**2 * step / 2)
            a = step * nonlinear(v_hat)
            b = step * nonlinear(e2 * (v_hat + a / 2))
            c = step * nonlinear(e2 * v_hat + b / 2)
            d = step * nonlinear(e * v_hat + e2 * c)
            v_hat = e * v_hat + (e * a + 2 * e2 * (b + c) + d) / 6
            t += step
        out[i, :n] = np.fft.irfft(v_hat, n)
    out[:, n] = out[:, 0]
    return np.append(x, 1.0), out


def fourier_interpolate(u: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Trigonometric interpolant of 2-periodic samples, evaluated at any x.

    Parameters
    ----------
    u : array_like
        Samples at x_j = −1 + 2j/n, j = 0 … n − 1 (n even), along the last
        axis: the first n columns of :func:`solve_spectral`'s output.
    x : array_like
        Where to evaluate, one-dimensional.

    Returns
    -------
    numpy.ndarray
        Shape ``u.shape[:-1] + (len(x),)``.

    Examples
    --------
    >>> n = 16
    >>> grid = -1 + 2 * np.arange(n) / n
    >>> x = np.array([0.123, -0.77])
    >>> bool(np.allclose(fourier_interpolate(np.sin(3 * np.pi * grid), x), np.sin(3 * np.pi * x)))
    True
    """
    u = check_array("u", u)
    x = check_array("x", x)
    if x.ndim != 1:
        raise ValueError(f"x must be one-dimensional, got shape {x.shape}")
    n = u.shape[-1]
    if n < 2 or n % 2:
        raise ValueError(f"u must have an even number (≥ 2) of samples along its last axis, got {n}")
    coefficients = np.fft.rfft(u, axis=-1) / n
    coefficients[..., 1:n // 2] *= 2  # the conjugate modes
    k = np.arange(n // 2 + 1)
    phase = np.exp(1j * np.pi * np.outer(k, x + 1.0))  # e^{iπk(x+1)}, period 2
    phase[-1] = np.cos(np.pi * (n // 2) * (x + 1.0))  # the Nyquist mode: its real (cosine) part only
    return np.real(coefficients @ phase)
