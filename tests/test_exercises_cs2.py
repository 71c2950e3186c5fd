import numpy as np

from sciml_course.exercises import cs2


def test_break_even_checker():
    assert cs2.check_break_even(150 / 4.9e-3).passed
    assert cs2.check_break_even(150 / 5e-3).status == "wrong"
    assert cs2.check_break_even(None).status == "not attempted"


def test_parity_checker():
    assert cs2.check_parity(lambda u: -np.roll(u[:, ::-1], 1, axis=1)).passed
    off = cs2.check_parity(lambda u: -u[:, ::-1])
    assert off.status == "wrong" and "off by one" in off.message
    assert cs2.check_parity(lambda u: np.roll(u[:, ::-1], 1, axis=1)).status == "wrong"
    assert cs2.check_parity(None).status == "not attempted"


def test_heat_checker():
    assert cs2.check_heat_prediction(cs2._reference_heat).passed
    assert cs2.check_heat_prediction(lambda u0, nu, t: u0 * np.exp(-nu * t)).status == "wrong"
    assert cs2.check_heat_prediction(lambda u0, nu, t: 1 / 0).status == "wrong"
    assert cs2.check_heat_prediction(None).status == "not attempted"
