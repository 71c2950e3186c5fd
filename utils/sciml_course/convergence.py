"""How far off, and how fast it improves: the course's one relative error and one rate fitter.

Every chapter measures an error against a reference and fits a convergence
rate on log–log axes. They are written once, here:

* :func:`relative_error`: ‖approx − exact‖ / ‖exact‖ over all entries
  (NumPy arrays or torch tensors, returned as a float);
* :func:`loglog_slope`: the least-squares slope of log(error) against
  log(x). The sign is the slope's: errors that fall like h² in the step size
  h give +2, errors that fall like N⁻² in the number of steps N give −2 (an
  "order 2" method either way; say which axis you fitted against).

Per-sample errors used as a training loss (differentiable, one value per
sample) live with the models that train on them
(:func:`sciml_course.neural_operators.relative_l2`), and errors in Sobolev
norms by quadrature with the Ritz method (:func:`sciml_course.ritz.relative_errors`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from ._validation import check_array


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
    x = check_array("x", x)
    errors = check_array("errors", errors)
    if x.ndim != 1 or errors.shape != x.shape or len(x) < 2:
        raise ValueError(f"x and errors must be 1-D of the same length >= 2, got shapes {x.shape} and {errors.shape}")
    if not (np.all(x > 0) and np.all(errors > 0)):
        raise ValueError("x and errors must be positive (they are fitted on log axes)")
    if np.unique(x).size < 2:
        raise ValueError("x needs at least two different values")
    return float(np.polyfit(np.log(x), np.log(errors), 1)[0])
