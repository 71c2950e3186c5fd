"""Checkers for the exercises of lecture D4 (forecasting the weather)."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .. import forecast_scores
from .core import NOT_ATTEMPTED, Feedback, check_number, is_unanswered

# Exercise 1: Lorenz's calibration, one time unit = 5 days.
HORIZON_LAMBDA = 1.68  # per time unit
HORIZON_DAYS_PER_UNIT = 5.0
HORIZON_INITIAL_ERROR = 0.01
HORIZON_TOLERANCE = 1.0


def predictability_horizon_days() -> float:
    """The reference answer of exercise 1 (used by the tests; not shown to students)."""
    units = math.log(HORIZON_TOLERANCE / HORIZON_INITIAL_ERROR) / HORIZON_LAMBDA
    return units * HORIZON_DAYS_PER_UNIT


def check_predictability_horizon(days: Any) -> Feedback:
    """Days until an error of 0.01 grows to 1 at λ₁ = 1.68 per unit (1 unit = 5 days).

    Examples
    --------
    >>> check_predictability_horizon(1.0).status
    'wrong'
    >>> check_predictability_horizon(None).status
    'not attempted'
    """
    return check_number(
        days, predictability_horizon_days(), rtol=0.02, what="your horizon",
        hint="The error grows like δ₀ exp(λ₁ t): solve for t, then convert time units to days.",
    )


def check_valid_time_function(candidate: Callable | None) -> Feedback:
    """``candidate(forecast, truth, scale, dt)`` must return the valid time of each case.

    It is compared with :func:`sciml_course.forecast_scores.valid_time` on random cases,
    including one that never crosses the threshold.

    Examples
    --------
    >>> from sciml_course import forecast_scores as fs
    >>> def mine(f, t, scale, dt):
    ...     return fs.valid_time(fs.normalised_error(f, t, scale), dt)
    >>> check_valid_time_function(mine).passed
    True
    """
    if is_unanswered(candidate):
        return NOT_ATTEMPTED
    if not callable(candidate):
        return Feedback("wrong", "give a function valid_prediction_time(forecast, truth, scale, dt).")
    rng = np.random.default_rng(7)
    truth = rng.standard_normal((5, 30, 6))
    growth = 0.02 * np.exp(0.15 * np.arange(30))[None, :, None]
    forecast = truth + growth * rng.standard_normal((5, 30, 6))
    forecast[0] = truth[0] + 1e-3  # never above the threshold
    scale, dt = 2.0, 0.05
    want = forecast_scores.valid_time(forecast_scores.normalised_error(forecast, truth, scale), dt)
    try:
        got = np.asarray(candidate(forecast.copy(), truth.copy(), scale, dt), dtype=float)
    except Exception as error:  # report the student's error instead of crashing
        return Feedback("wrong", f"your function raised {type(error).__name__}: {error}")
    if got.shape != want.shape:
        return Feedback("wrong", f"return one valid time per case, shape {want.shape}; got {got.shape}.")
    if np.allclose(got, want, atol=1e-9):
        return Feedback("correct", "your valid times agree on all test cases, including one that never fails.")
    if np.allclose(got, want + dt, atol=1e-9) or np.allclose(got[1:], want[1:] + dt, atol=1e-9):
        return Feedback("wrong", "off by one step: the valid time counts the steps *before* the first exceedance.")
    if np.allclose(got[1:], want[1:], atol=1e-9):
        return Feedback("wrong", "right except for a forecast that never exceeds the threshold: it is valid for the whole horizon.")
    return Feedback("wrong", "some valid times differ: normalise the error norm over the state by `scale`, then find the first lead where it exceeds 0.5.")


def check_damped_persistence(coefficient: Any, anomalies: np.ndarray) -> Feedback:
    """The least-squares coefficient a of the forecast x̂_{t+1} = a x_t for training ``anomalies``.

    Examples
    --------
    >>> x = np.sin(np.arange(100) / 5.0)
    >>> check_damped_persistence(0.0, x).status
    'wrong'
    """
    anomalies = np.asarray(anomalies, dtype=float).ravel()
    expected = float(anomalies[:-1] @ anomalies[1:] / (anomalies[:-1] @ anomalies[:-1]))
    return check_number(
        coefficient, expected, rtol=1e-3, what="your coefficient",
        hint="Minimise Σ (x_{t+1} − a x_t)² over a: set the derivative to zero.",
    )
