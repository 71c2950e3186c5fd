"""sciml_course.convergence: the one relative error and the one log-log rate fitter."""

import numpy as np
import pytest
import torch

from sciml_course import convergence


def test_relative_error_of_arrays_and_tensors():
    exact = np.array([3.0, 4.0])
    assert convergence.relative_error(exact + np.array([0.3, 0.4]), exact) == pytest.approx(0.1)
    assert convergence.relative_error(torch.tensor([3.3, 4.4]), torch.tensor([3.0, 4.0])) == pytest.approx(0.1, rel=1e-6)
    assert convergence.relative_error(exact, exact) == 0.0


def test_relative_error_is_over_all_entries_not_per_row():
    exact = np.array([[1.0, 0.0], [0.0, 100.0]])
    approx = exact + np.array([[1.0, 0.0], [0.0, 0.0]])
    assert convergence.relative_error(approx, exact) == pytest.approx(1.0 / np.hypot(1.0, 100.0))


@pytest.mark.parametrize("approx, exact, kind, message", [
    ([1.0, 2.0], [1.0], ValueError, "same shape"),
    ([1.0], [0.0], ValueError, "non-zero"),
    ("1", [1.0], TypeError, "approx"),
])
def test_relative_error_rejects_bad_input(approx, exact, kind, message):
    with pytest.raises(kind, match=message):
        convergence.relative_error(approx, exact)


def test_loglog_slope_takes_table_columns():
    import pandas as pd

    table = pd.DataFrame({"N": [10, 20, 40], "error": [1e-2, 2.5e-3, 6.25e-4]})
    assert convergence.loglog_slope(table["N"], table["error"]) == pytest.approx(-2.0)


def test_loglog_slope_recovers_the_exponent_with_its_sign():
    h = np.array([0.1, 0.05, 0.025, 0.0125])
    assert convergence.loglog_slope(h, 3 * h**2) == pytest.approx(2.0)
    n = np.array([10, 100, 1000])
    assert convergence.loglog_slope(n, 5 * n**-0.5) == pytest.approx(-0.5)
    assert convergence.loglog_slope(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 8.0])) == pytest.approx(3.0)


@pytest.mark.parametrize("x, e, message", [
    ([1.0], [1.0], "length >= 2"),
    ([1.0, 2.0], [1.0, 2.0, 3.0], "same length"),
    ([1.0, -2.0], [1.0, 2.0], "positive"),
    ([1.0, 2.0], [0.0, 2.0], "positive"),
    ([2.0, 2.0], [1.0, 2.0], "two different"),
])
def test_loglog_slope_rejects_bad_input(x, e, message):
    with pytest.raises(ValueError, match=message):
        convergence.loglog_slope(x, e)
