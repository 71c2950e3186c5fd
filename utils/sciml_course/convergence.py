"""How far off, and how fast it improves: the course's one relative error and one rate fitter.

Every chapter measures an error against a reference and fits a convergence
rate on log–log axes. They are written once, here:

* :func:`relative_error`: ‖approx − exact‖ / ‖exact‖ over all entries
  (NumPy arrays or torch tensors, returned as a float);
* :func:`loglog_slope`: the least-squares slope of log(error) against
  log(x). The sign is the slope's: errors that fall like h² in the step size
  h give +2, errors that fall like N⁻² in the number of steps N give −2 (an
  "order 2" method either way; say which axis you fitted against);
* :func:`local_rates` (the slopes between neighbouring points) and
  :func:`asymptotic_onset` (from where a rate holds), for convergence plots
  that bend before they settle;
* :func:`geometric_rate`: the α of error ≈ C e^{−αn} (spectral convergence,
  a straight line on semi-log axes).

Per-sample errors used as a training loss (differentiable, one value per
sample) live with the models that train on them
(:func:`sciml_course.neural_operators.relative_l2`), and errors in Sobolev
norms by quadrature with the Ritz method (:func:`sciml_course.ritz.relative_errors`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from ._validation import check_array, check_real


def _rate_inputs(x: Any, errors: Any, *, name: str = "n") -> tuple[np.ndarray, np.ndarray]:
    """Validated 1-D arrays of positive sizes (at least two different) and positive finite errors."""
    x = check_array(name, x, ndim=1)
    errors = check_array("errors", errors, ndim=1)
    if len(x) != len(errors) or len(x) < 2:
        raise ValueError(f"{name} and errors must have the same length >= 2, got {len(x)} and {len(errors)}")
    if not (np.all(x > 0) and np.all(errors > 0)) or not np.all(np.isfinite(errors)):
        raise ValueError(f"{name} and errors must be positive and finite (rates are fitted on log axes)")
    if np.unique(x).size < 2:
        raise ValueError(f"{name} needs at least two different values")
    return x, errors


def relative_error(approx: Any, exact: Any) -> float:
    """Relative Euclidean (Frobenius) error ‖approx − exact‖ / ‖exact‖ over all entries.

    Examples
    --------
    >>> round(relative_error(np.array([1.0, 1.1]), np.array([1.0, 1.0])), 4)
    0.0707
    >>> relative_error(torch.tensor([2.0]), torch.tensor([1.0]))
    1.0
    >>> relative_error([1.0], [0.0])
    Traceback (most recent call last):
    ...
    ValueError: exact must be non-zero and finite
    """
    approx = check_array("approx", approx)
    exact = check_array("exact", exact)
    if approx.shape != exact.shape:
        raise ValueError(f"approx and exact must have the same shape, got {approx.shape} and {exact.shape}")
    norm = float(np.linalg.norm(exact))
    if norm == 0.0 or not np.isfinite(norm):
        raise ValueError("exact must be non-zero and finite")
    return float(np.linalg.norm(approx - exact)) / norm


def loglog_slope(x: Any, errors: Any) -> float:
    """Slope p of the least-squares line through (log x, log error): error ≈ C x^p.

    Examples
    --------
    >>> round(loglog_slope([0.1, 0.05, 0.025], [1e-2, 2.5e-3, 6.25e-4]), 6)  # in the step size
    2.0
    >>> round(loglog_slope([10, 20, 40], [1e-2, 2.5e-3, 6.25e-4]), 6)  # in the number of steps
    -2.0
    """
    x, errors = _rate_inputs(x, errors, name="x")
    return float(np.polyfit(np.log(x), np.log(errors), 1)[0])


def local_rates(n: Any, errors: Any) -> np.ndarray:
    """Slopes of log(error) against log(n) between neighbouring entries (the local algebraic rates).

    Examples
    --------
    >>> local_rates([10, 20, 40], [1e-2, 2.5e-3, 1.25e-3]).round(6).tolist()
    [-2.0, -1.0]
    """
    n, errors = _rate_inputs(n, errors)
    return np.diff(np.log(errors)) / np.diff(np.log(n))


def asymptotic_onset(n: Any, errors: Any, rate: float, tol: float = 0.1) -> float | None:
    """Smallest n from which every local rate (see :func:`local_rates`) is within ``tol`` of ``rate``.

    Returns the left end of the first interval of that final run, or None when
    even the last local rate misses ``rate`` (the asymptotic regime is not
    reached within the data).

    Examples
    --------
    >>> asymptotic_onset([10, 20, 40, 80], [1e-1, 1e-2, 2.5e-3, 6.25e-4], rate=-2.0)
    20.0
    >>> asymptotic_onset([10, 20, 40], [1e-1, 1e-2, 1e-3], rate=-2.0) is None
    True
    """
    n, errors = _rate_inputs(n, errors)
    rate = check_real("rate", rate)
    tol = check_real("tol", tol, minimum=0.0)
    close = np.abs(local_rates(n, errors) - rate) <= tol
    if not close[-1]:
        return None
    first = len(close) - int(np.argmin(close[::-1])) if not close.all() else 0
    return float(n[first])


def geometric_rate(n: Any, errors: Any) -> float:
    """Rate α of the least-squares line log(error) = −α n + c (error ≈ C e^{−αn} = C ρ^{−n}).

    Examples
    --------
    >>> n = np.array([5, 10, 15]); round(geometric_rate(n, 2.0 ** -n) / float(np.log(2)), 6)
    1.0
    """
    n, errors = _rate_inputs(n, errors)
    return float(-np.polyfit(n, np.log(errors), 1)[0])
