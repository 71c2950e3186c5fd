"""D4 checkers: a verdict for every hand-written answer, right or wrong."""

import math

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course.exercises import d4

NAN = float("nan")
HORIZON = 5 * math.log(1 / 0.01) / 1.68  # 13.7 days


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (HORIZON, "correct", ""),
        (13.7, "correct", ""),
        (np.float32(HORIZON), "correct", ""),
        (torch.tensor(HORIZON), "correct", ""),
        (HORIZON / 5, "wrong", "time units"),  # the typical mistake: not converted to days
        (HORIZON / 25, "wrong", "multiply by five"),
        (HORIZON / math.log(10), "wrong", "natural logarithm"),
        (2 * HORIZON, "wrong", "too large"),
        (-HORIZON, "wrong", "wrong sign"),
        (NAN, "wrong", "not finite"),
        ([HORIZON], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_predictability_horizon(answer, status, fragment):
    assert_verdict(d4.check_predictability_horizon(answer), status, fragment, hidden=("13.7", "2.74"))


def valid_prediction_time(forecast, truth, scale, dt):
    above = np.linalg.norm(forecast - truth, axis=-1) / scale > 0.5
    first = np.where(above.any(axis=1), above.argmax(axis=1), above.shape[1])
    return first * dt


def never_case_forgotten(forecast, truth, scale, dt):
    above = np.linalg.norm(forecast - truth, axis=-1) / scale > 0.5
    return above.argmax(axis=1) * dt


def mean_not_norm(forecast, truth, scale, dt):
    above = np.abs(forecast - truth).mean(axis=-1) / scale > 0.5
    first = np.where(above.any(axis=1), above.argmax(axis=1), above.shape[1])
    return first * dt


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (valid_prediction_time, "correct", ""),
        (lambda *a: valid_prediction_time(*a).astype(np.float32), "correct", ""),
        (lambda *a: torch.from_numpy(valid_prediction_time(*a)), "correct", ""),
        (lambda *a: list(valid_prediction_time(*a)), "correct", ""),
        (lambda f, t, s, dt: valid_prediction_time(f, t, s, dt) + dt, "wrong", "off by one"),  # typical
        (never_case_forgotten, "wrong", "never exceeds"),
        (mean_not_norm, "wrong", "some valid times differ"),
        (lambda *a: 2 * valid_prediction_time(*a), "wrong", "some valid times differ"),
        (lambda *a: -valid_prediction_time(*a), "wrong", "some valid times differ"),
        (lambda *a: valid_prediction_time(*a) * NAN, "wrong", "non-finite"),
        (lambda *a: valid_prediction_time(*a)[:3], "wrong", "shape"),
        (lambda *a: "soon", "wrong", "array"),
        (lambda *a: 1 / 0, "wrong", "ZeroDivisionError"),
        (1.0, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_valid_time_function(answer, status, fragment):
    assert_verdict(d4.check_valid_time_function(answer), status, fragment)


X = np.sin(np.arange(200) / 7.0) + 0.3 * np.cos(np.arange(200) / 3.0)
A = X[:-1] @ X[1:] / (X[:-1] @ X[:-1])


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (A, "correct", ""),
        (np.float32(A), "correct", ""),
        (torch.tensor(A), "correct", ""),
        (1.0, "wrong", "plain persistence"),  # the typical mistake: no fit at all
        (np.corrcoef(X[:-1], X[1:])[0, 1] * 0.9, "wrong", "too small"),
        (2 * A, "wrong", "too large"),
        (-A, "wrong", "wrong sign"),
        (NAN, "wrong", "not finite"),
        ([A], "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_damped_persistence(answer, status, fragment):
    assert_verdict(d4.check_damped_persistence(answer, X), status, fragment, hidden=(f"{A:.3f}",))
