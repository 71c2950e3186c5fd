"""D4 checkers: a verdict for every hand-written answer, right or wrong."""

import math

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course import dynamics
from sciml_course.exercises import _answers as answers
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


# ------------------------------------------------------------------ hands-on: a 12-hour step
@pytest.fixture(scope="module")
def lorenz96():
    """The lecture's training period (2500 samples 6 h apart), scaled, and its scale."""
    series = dynamics.lorenz96_trajectory(steps=2500, dt=0.05, spinup=200)
    return series / series.std(), float(series.std())


@pytest.fixture(scope="module")
def steps(lorenz96):
    z, _ = lorenz96
    torch.manual_seed(0)
    twelve, six = answers.window_mlp(z, 2, 150), answers.window_mlp(z, 1, 150)
    stepper = answers.window_stepper
    return {"12 h": stepper(*twelve), "6 h": stepper(*six), "12 h, 15 steps": stepper(*answers.window_mlp(z, 2, 15)),
            "12 h, unscaled": stepper(twelve[0], 1.0), "untrained": stepper(torch.nn.Sequential(
                torch.nn.Linear(8, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1)), twelve[1]),
            "net": twelve[0]}


@pytest.mark.parametrize(
    "make, status, fragment",
    [
        (lambda s: s["12 h"], "correct", "valid for"),
        (lambda s: lambda x: torch.from_numpy(s["12 h"](x)), "correct", ""),  # float32 tensor
        (lambda s: lambda x: s["12 h"](x).tolist(), "correct", ""),
        # two 6-hour steps are a 12-hour forecast too: the check judges the forecast, not how it was made
        (lambda s: lambda x: s["6 h"](s["6 h"](x)), "correct", ""),
        (lambda s: s["6 h"], "wrong", "six hours ahead"),  # the typical mistake: the lead left unchanged
        (lambda s: s["12 h, 15 steps"], "wrong", "train it longer"),
        (lambda s: s["untrained"], "wrong", "barely better than persistence"),
        (lambda s: s["12 h, unscaled"], "wrong", "barely better than persistence"),  # tscale forgotten
        (lambda s: lambda x: x, "wrong", "persistence"),
        (lambda s: lambda x: s["12 h"](x) - x, "wrong", "12-hour change"),  # returns the increment
        (lambda s: lambda x: 1.05 * s["12 h"](x), "wrong", "rolled out"),  # accurate once, drifts when rolled out
        (lambda s: lambda x: s["12 h"](x) * NAN, "wrong", "non-finite"),
        (lambda s: lambda x: s["12 h"](x)[:, :20], "wrong", "shape"),
        (lambda s: lambda x: s["12 h"](x)[None], "wrong", "shape"),
        (lambda s: lambda x: "tomorrow", "wrong", "array"),
        (lambda s: s["net"], "wrong", "raised TypeError"),  # the network itself, which wants windows
        (lambda s: 1.0, "wrong", "function"),
        (lambda s: None, "not attempted", ""),
    ],
)
def test_twelve_hour_step(steps, lorenz96, make, status, fragment):
    assert_verdict(d4.check_twelve_hour_step(make(steps), lorenz96[1]), status, fragment)


def test_twelve_hour_step_rejects_a_bad_scale(steps):
    assert_verdict(d4.check_twelve_hour_step(steps["12 h"], -1.0), "wrong", "positive")
