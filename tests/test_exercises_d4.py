import numpy as np

from sciml_course import forecast_scores as fs
from sciml_course.exercises import d4


def test_horizon_checker():
    assert d4.check_predictability_horizon(5 * np.log(100) / 1.68).passed
    assert d4.check_predictability_horizon(np.log(100) / 1.68).status == "wrong"  # forgot the days
    assert d4.check_predictability_horizon(None).status == "not attempted"


def test_valid_time_checker():
    def right(forecast, truth, scale, dt):
        return fs.valid_time(fs.normalised_error(forecast, truth, scale), dt)

    def off_by_one(forecast, truth, scale, dt):
        return right(forecast, truth, scale, dt) + dt

    def crashes(forecast, truth, scale, dt):
        raise RuntimeError("boom")

    assert d4.check_valid_time_function(right).passed
    wrong = d4.check_valid_time_function(off_by_one)
    assert wrong.status == "wrong" and "off by one" in wrong.message
    assert d4.check_valid_time_function(crashes).status == "wrong"
    assert d4.check_valid_time_function(None).status == "not attempted"


def test_damped_persistence_checker():
    x = np.sin(np.arange(200) / 7.0)
    a = x[:-1] @ x[1:] / (x[:-1] @ x[:-1])
    assert d4.check_damped_persistence(a, x).passed
    assert d4.check_damped_persistence(1.0, x).status == "wrong"
    assert d4.check_damped_persistence(None, x).status == "not attempted"
