import numpy as np
import pytest
import torch

from sciml_course import approximation as approx
from sciml_course.exercises import c2


@pytest.mark.parametrize(
    "checker, args",
    [
        (c2.check_sawtooth_counts, (None, None)),
        (c2.check_sawtooth_counts, (64, None)),
        (c2.check_square_approximation, (None,)),
        (c2.check_bernstein_rho, (None,)),
        (c2.check_fourier_slope_kink, (None,)),
    ],
)
def test_checkers_say_not_attempted_for_none(checker, args):
    assert checker(*args).status == "not attempted"


# ------------------------------------------------------------------------ sawtooth counts
def test_sawtooth_counts_accepts_the_right_counts():
    assert c2.check_sawtooth_counts(64, 63).passed
    assert c2.check_sawtooth_counts(np.int64(64), 63.0).passed


@pytest.mark.parametrize(
    "pieces, width, fragment",
    [(32, 31, "teeth"), (12, 11, "faster than linearly"), (64, 64, "breakpoints"), (64, 18, "width bound"),
     (65, 64, "not right"), (64.5, 63, "whole numbers"), ("64", 63, "whole numbers")],
)
def test_sawtooth_counts_rejects_wrong_counts_without_giving_the_answer(pieces, width, fragment):
    feedback = c2.check_sawtooth_counts(pieces, width)
    assert feedback.status == "wrong" and fragment in feedback.message
    assert "64" not in feedback.message and "63" not in feedback.message


# ----------------------------------------------------------------------- Yarotsky's square
def yarotsky(x, m=4):
    return x - sum(approx.sawtooth_network(s).to(x)(x) / 4**s for s in range(1, m + 1))


def test_square_approximation_accepts_the_construction():
    assert c2.check_square_approximation(yarotsky).passed
    # the same function written with torch's float32 default still passes
    assert c2.check_square_approximation(lambda x: yarotsky(x.float()).double()).passed


@pytest.mark.parametrize(
    "candidate, fragment",
    [
        (lambda x: x**2, "x² itself"),
        (lambda x: yarotsky(x, 3), "3 sawtooth levels"),
        (lambda x: x, "dyadic points"),
        (lambda x: x.squeeze(1), "same shape"),
        (lambda x: 1 / 0, "ZeroDivisionError"),
        (3.0, "should be a function"),
        (lambda x: x * float("nan"), "non-finite"),
    ],
)
def test_square_approximation_rejects_wrong_functions(candidate, fragment):
    feedback = c2.check_square_approximation(candidate)
    assert feedback.status == "wrong" and fragment in feedback.message


def test_square_approximation_detects_wrong_weights_between_the_knots():
    def wrong(x):  # interpolates x² at j/16 but bulges between the knots
        knots = torch.linspace(0, 1, 17, dtype=x.dtype)
        values = np.interp(x.squeeze(1).numpy(), knots.numpy(), (knots**2).numpy())
        values = torch.as_tensor(values, dtype=x.dtype)
        return (values + 1e-3 * torch.sin(16 * torch.pi * x.squeeze(1)) ** 2).unsqueeze(1)

    feedback = c2.check_square_approximation(wrong)
    assert feedback.status == "wrong" and "not linear between them" in feedback.message


# ------------------------------------------------------------------------- Bernstein rho
def test_bernstein_rho_checker():
    assert c2.check_bernstein_rho(0.1 + np.sqrt(1.01)).passed
    assert "Runge's function" in c2.check_bernstein_rho(0.2 + np.sqrt(1.04)).message
    assert "log" in c2.check_bernstein_rho(np.log(0.1 + np.sqrt(1.01))).message
    assert "exceed 1" in c2.check_bernstein_rho(0.9).message
    assert c2.check_bernstein_rho(1.5).status == "wrong"
    assert c2.check_bernstein_rho("1.105").status == "wrong"


# ----------------------------------------------------------------------- Fourier slope
def test_fourier_slope_checker():
    kink = lambda x: np.abs(np.sin(np.pi * x))  # noqa: E731
    n = np.array([31, 63, 127, 255])
    errors = [approx.rms_error(approx.fourier_series(kink, k), kink) for k in n]
    measured = approx.fit_algebraic_rate(n, errors)
    assert c2.check_fourier_slope_kink(measured).passed
    assert c2.check_fourier_slope_kink(-0.5).status == "wrong"
    assert "negative" in c2.check_fourier_slope_kink(1.5).message
