"""The CS1 checkers accept right answers, reject wrong ones and handle None."""

from sciml_course.exercises import cs1


def test_max_exponent():
    assert cs1.check_max_exponent(500.0).passed
    assert cs1.check_max_exponent(50.0).status == "wrong"
    assert cs1.check_max_exponent(None).status == "not attempted"


def test_burgers_residual():
    assert cs1.check_burgers_residual(lambda u, ux, ut, uxx, nu: ut + u * ux - nu * uxx).passed
    assert cs1.check_burgers_residual(lambda u, ux, ut, uxx, nu: ut + ux - nu * uxx).status == "wrong"
    assert cs1.check_burgers_residual(lambda *a: 1 / 0).status == "wrong"
    assert cs1.check_burgers_residual(None).status == "not attempted"


def _rad(r, k, c):
    d = r.abs() ** k / (r.abs() ** k).mean() + c
    return d / d.sum()


def test_rad_probabilities():
    assert cs1.check_rad_probabilities(_rad).passed
    assert cs1.check_rad_probabilities(lambda r, k, c: _rad(r, k, 0.0)).status == "wrong"
    assert cs1.check_rad_probabilities(lambda r, k, c: r.abs() ** k + c).status == "wrong"
    assert cs1.check_rad_probabilities(None).status == "not attempted"
