"""Checkers for the exercises of lecture D4 (forecasting the weather)."""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

import numpy as np
import torch

from .. import dynamics, seeding
from .. import forecast_scores as fs
from . import _answers as answers
from .core import Feedback, Values, call, check_number, checker, matches, read_number, read_values, reject

__all__ = ["check_predictability_horizon", "check_valid_time_function", "check_damped_persistence",
           "check_twelve_hour_step"]


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


@functools.lru_cache(maxsize=4)
def _held_out_trajectory(run_seed: int) -> np.ndarray:
    """The checker's own Lorenz-96 record (F = 8, Δt = 0.05), unscaled; one per run seed."""
    return dynamics.lorenz96_trajectory(steps=answers.STEP12_RECORD, dt=answers.STEP12_DT,
                                        spinup=300, seed=answers.STEP12_SEED)


def _forecast(step: Callable, states: np.ndarray, what: str) -> np.ndarray:
    got = read_values(call(step, states, name="step_12h"), name=what, shape=states.shape,
                      expect=f"an array of forecast states shaped like its input, {states.shape}")
    return got.data.numpy()


@checker("step_12h", function=True)
def check_twelve_hour_step(step: Callable, scale: float) -> Feedback:
    """``step(states)`` forecasts Lorenz-96 states (B, 40), divided by ``scale``, 12 hours (2Δt) ahead.

    Judged on a Lorenz-96 record that the notebook never saw: its one-step error against the
    truth 12 hours later (relative to persistence's), and its valid time when rolled out.

    Examples
    --------
    >>> check_twelve_hour_step(lambda states: states, 3.6).status
    'wrong'
    >>> check_twelve_hour_step(None, 3.6).status
    'not attempted'
    """
    scale, _ = read_number(scale, what="the scale")
    if scale <= 0:
        reject("the scale of the data (SCALE) must be positive.")
    record = _held_out_trajectory(seeding.run_seed()) / scale
    x0, x1, x2 = record[:-2:3], record[1:-1:3], record[2::3]
    forecast = _forecast(step, x0, "step_12h")
    rms = lambda a: float(np.sqrt(np.mean(a**2)))  # noqa: E731
    persistence = rms(x2 - x0)
    error12, error6 = rms(forecast - x2) / persistence, rms(forecast - x1) / persistence
    if rms(forecast - x0) <= 1e-6 * rms(x0):
        reject("step_12h returns its input unchanged: that is persistence. Add the network's "
               "predicted 12-hour change to the state.")
    if rms(forecast - (x2 - x0)) < 0.5 * min(rms(forecast - x2), persistence):
        reject("step_12h returns the 12-hour change x(t + 2Δt) − x(t), not the state: add it to the input.")
    if error6 < 0.5 * error12:
        reject("step_12h forecasts six hours ahead (one Δt), not twelve: train on pairs two samples apart, "
               "x(t) and x(t + 2Δt).")
    if error12 > answers.STEP12_UNTRAINED:
        reject(f"step_12h is barely better than persistence (its 12-hour error is {error12:.0%} of "
               "persistence's): did the network train (a small final loss), and is its output multiplied "
               "by the targets' scale and added to the state?")
    if error12 > answers.STEP12_MAX_ERROR:
        reject(f"step_12h beats persistence, but its 12-hour error is still {error12:.0%} of persistence's "
               f"(a trained window MLP stays below {answers.STEP12_MAX_ERROR:.0%}): train it longer.")
    starts = np.arange(100, len(record) - 2 * answers.STEP12_ROLLOUT - 1, 50)
    truth = np.stack([record[c + 2 : c + 2 * answers.STEP12_ROLLOUT + 1 : 2] for c in starts])
    states, rollout = record[starts], []
    for k in range(answers.STEP12_ROLLOUT):
        states = _forecast(step, states, f"step_12h, rolled out (step {k + 1})")
        rollout.append(states)
    norm = np.sqrt(np.mean(np.sum((record - record.mean(0)) ** 2, axis=1)))
    valid = float(np.mean(fs.valid_time(fs.normalised_error(np.stack(rollout, 1), truth, norm),
                                        2 * answers.STEP12_DT))) * answers.HORIZON_LAMBDA
    if valid < answers.STEP12_MIN_VALID:
        reject(f"one step is nearly right, but rolled out step_12h stays valid for only {valid:.2f} Lyapunov "
               f"times on average (a trained window MLP: more than {answers.STEP12_MIN_VALID:g}): its small "
               "errors grow from step to step. Train it longer, to a smaller final loss.")
    return Feedback("correct", f"on {len(x0)} held-out states your 12-hour forecast's error is {error12:.0%} of "
                               f"persistence's, and rolled out from {len(starts)} of them it stays valid for "
                               f"{valid:.2f} Lyapunov times on average.")
