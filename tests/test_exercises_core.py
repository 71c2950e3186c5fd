import numpy as np
import pytest
import torch

from sciml_course.exercises import Feedback, check_function, check_number, is_unanswered


def test_feedback_statuses_and_display():
    assert Feedback("correct", "ok").passed
    assert not Feedback("wrong", "no").passed
    assert "not attempted" in repr(Feedback("not attempted", "later"))
    assert "wrong" in Feedback("wrong", "<b>").__repr__()
    assert "&lt;b&gt;" in Feedback("wrong", "<b>")._repr_html_()
    with pytest.raises(ValueError, match="status"):
        Feedback("maybe", "?")


@pytest.mark.parametrize("answer", [None, ...])
def test_placeholders_are_not_attempted(answer):
    assert is_unanswered(answer)
    assert check_number(answer, 1.0).status == "not attempted"
    assert check_function(answer, torch.sin, torch.zeros(3)).status == "not attempted"


@pytest.mark.parametrize("answer", [2.0, np.float64(2.0), torch.tensor(2.0), np.array([2.0])])
def test_check_number_accepts_the_right_value_in_any_numeric_type(answer):
    assert check_number(answer, 2.0).passed


@pytest.mark.parametrize(
    "answer, phrase",
    [(3.0, "too large"), (1.0, "too small"), (-2.0, "wrong sign"), ("2", "single number"), (float("nan"), "not finite")],
)
def test_check_number_rejects_wrong_values_without_revealing(answer, phrase):
    feedback = check_number(answer, 2.0)
    assert feedback.status == "wrong" and phrase in feedback.message
    assert "2.0" not in feedback.message


def test_check_function_reports_mismatch_errors_and_bad_returns():
    x = torch.linspace(-1, 1, 11, dtype=torch.float64)
    assert check_function(torch.sin, torch.sin, x).passed
    assert "off by" in check_function(torch.cos, torch.sin, x).message
    assert "raised" in check_function(lambda x: 1 / 0, torch.sin, x).message
    assert "tensor shaped" in check_function(lambda x: 1.0, torch.sin, x).message
    assert "function" in check_function(3, torch.sin, x).message
    assert "non-finite" in check_function(lambda x: x / 0, torch.sin, x).message
