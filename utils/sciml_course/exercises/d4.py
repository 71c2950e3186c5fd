"""Checkers for the exercises of lecture D4 (forecasting the weather)."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import torch

from . import _answers as answers
from .core import Feedback, Values, call, check_number, checker, matches, read_values

__all__ = ["check_predictability_horizon", "check_valid_time_function", "check_damped_persistence"]


@checker("horizon_days")
def check_predictability_horizon(days: Any) -> Feedback:
    """Days until an error of 0.01 grows to 1 at λ₁ = 1.68 per unit (1 unit = 5 days).

    Examples
    --------
    >>> check_predictability_horizon(1.0).status
    'wrong'
    >>> check_predictability_horizon(None).status
    'not attempted'
    """
    units = answers.horizon_units()
    per_unit = answers.HORIZON_DAYS_PER_UNIT
    return check_number(
        days, answers.horizon_days(), rtol=0.02, what="your horizon",
        hint="The error grows like δ₀ exp(λ₁ t): solve for t, then convert time units to days.",
        mistakes=[(units, "that is the horizon in model time units: convert it to days."),
                  (units / per_unit, "one time unit is five days: multiply by five to get days."),
                  (units * per_unit / math.log(10),
                   "solve δ₀ exp(λ₁ t) = 1 with the natural logarithm, not log₁₀.")],
    )


def _cases() -> tuple[np.ndarray, np.ndarray, float, float]:
    rng = np.random.default_rng(7)
    truth = rng.standard_normal((5, 30, 6))
    growth = 0.02 * np.exp(0.15 * np.arange(30))[None, :, None]
    forecast = truth + growth * rng.standard_normal((5, 30, 6))
    forecast[0] = truth[0] + 1e-3  # never above the threshold
    return forecast, truth, 2.0, 0.05


@checker("valid_prediction_time", function=True)
def check_valid_time_function(candidate: Callable | None) -> Feedback:
    """``candidate(forecast, truth, scale, dt)`` must return the valid time of each case.

    Compared on random cases, including one that never crosses the threshold.

    Examples
    --------
    >>> check_valid_time_function(lambda forecast, truth, scale, dt: np.zeros(5)).status
    'wrong'
    >>> check_valid_time_function(None).status
    'not attempted'
    """
    forecast, truth, scale, dt = _cases()
    want = torch.from_numpy(answers.valid_time(forecast, truth, scale, dt))
    got = read_values(call(candidate, forecast, truth, scale, dt, name="valid_prediction_time"),
                      name="valid_prediction_time", shape=tuple(want.shape),
                      expect=f"an array with one valid time per case, shape {tuple(want.shape)}")
    if matches(got, want, atol=1e-9):
        return Feedback("correct", "your valid times agree on all test cases, "
                                   "including one that never fails.")
    rest = Values(got.data[1:], got.single)  # all but the case that never fails
    if matches(got, want + dt, atol=1e-9) or matches(rest, want[1:] + dt, atol=1e-9):
        return Feedback("wrong", "off by one step: "
                                 "the valid time counts the steps *before* the first exceedance.")
    if matches(rest, want[1:], atol=1e-9):
        return Feedback("wrong", "right except for a forecast that never exceeds the threshold: "
                                 "it is valid for the whole horizon.")
    return Feedback("wrong", "some valid times differ: normalise the error norm over the state by `scale`, "
                             "then find the first lead where it exceeds 0.5.")


@checker("damped_a")
def check_damped_persistence(coefficient: Any, anomalies: np.ndarray) -> Feedback:
    """The least-squares coefficient a of the forecast x̂_{t+1} = a x_t for training ``anomalies``.

    Examples
    --------
    >>> x = np.sin(np.arange(100) / 5.0)
    >>> check_damped_persistence(0.0, x).status
    'wrong'
    """
    return check_number(
        coefficient, answers.damped_persistence(anomalies), rtol=1e-3, what="your coefficient",
        hint="Minimise Σ (x_{t+1} − a x_t)² over a: set the derivative to zero.",
        mistakes=[(1.0, "a = 1 is plain persistence: fit a by least squares on the training anomalies.")],
    )
