"""The shared machinery of the checkers: verdicts, safe calls, reading and comparing answers."""

import re

import numpy as np
import pytest
import torch

from exercise_helpers import assert_verdict
from sciml_course.exercises import Feedback, check_function, check_number, core, is_unanswered


def test_feedback_statuses_and_display():
    assert Feedback("correct", "ok").passed
    assert not Feedback("wrong", "no").passed
    assert "wrong" in Feedback("wrong", "<b>").__repr__()
    assert "&lt;b&gt;" in Feedback("wrong", "<b>")._repr_html_()
    with pytest.raises(ValueError, match="status"):
        Feedback("maybe", "?")


def test_the_placeholder_verdict_says_not_attempted_once():
    shown = repr(core.NOT_ATTEMPTED) + core.NOT_ATTEMPTED._repr_html_()
    assert "not attempted yet" in shown
    assert shown.count("not attempted") == 2  # once in each display, not "not attempted: not attempted yet"


@pytest.mark.parametrize("answer", [None, ...])
def test_placeholders_are_not_attempted(answer):
    assert is_unanswered(answer)
    assert check_number(answer, 1.0).status == "not attempted"
    assert check_function(answer, torch.sin, torch.zeros(3)).status == "not attempted"


# ------------------------------------------------------------------------------ check_number
@pytest.mark.parametrize(
    "answer", [2.0, 2, np.float64(2.0), np.float32(2.0), torch.tensor(2.0), np.array([2.0])])
def test_check_number_accepts_the_right_value_in_any_numeric_type(answer):
    assert check_number(answer, 2.0).passed


@pytest.mark.parametrize(
    "answer, phrase",
    [(3.0, "too large"), (1.0, "too small"), (-2.0, "wrong sign"), ("2", "single number"),
     ([2.0], "single number"),
     (np.array([2.0, 2.0]), "single number"), (True, "single number"), (2 + 0j, "single number"),
     (10**400, "single number"), (float("nan"), "not finite"), (float("inf"), "not finite")],
)
def test_check_number_rejects_wrong_values_without_revealing(answer, phrase):
    assert_verdict(check_number(answer, 2.0), "wrong", phrase, hidden=("2.0",))


@pytest.mark.parametrize(
    "rtol, atol, words",
    [(0.02, 0.0, "relative tolerance of 0.02"), (0.0, 0.1, "absolute tolerance of 0.1"),
     (0.01, 1e-3, "relative tolerance of 0.01 or an absolute one of 0.001"), (0.0, 0.0, "exactly")],
)
def test_check_number_names_the_tolerance_it_used(rtol, atol, words):
    message = check_number(1.0, 1.0, rtol=rtol, atol=atol).message
    assert words in message
    assert "relative tolerance 0" not in message


def test_check_number_grants_float32_answers_float32_accuracy_only():
    third = 1 / 3
    assert not check_number(np.float64(np.float32(third)), third, rtol=1e-9).passed
    assert check_number(np.float32(third), third, rtol=1e-9).passed
    assert "float32" in check_number(np.float32(third), third, rtol=1e-9).message
    assert not check_number(np.float32(third * 1.001), third, rtol=1e-9).passed


def test_check_number_names_a_typical_mistake_before_the_direction():
    mistakes = [(4.0, "that is twice the answer."), (lambda value: value < 0, "must be positive.")]
    assert check_number(4.0, 2.0, mistakes=mistakes).message == "that is twice the answer."
    assert check_number(-1.0, 2.0, mistakes=mistakes).message == "must be positive."
    assert check_number(2.0, 2.0, mistakes=mistakes).passed
    assert "too large" in check_number(3.0, 2.0, mistakes=mistakes).message


# ---------------------------------------------------------------------------- check_function
def test_check_function_reports_mismatch_errors_and_bad_returns():
    x = torch.linspace(-1, 1, 11, dtype=torch.float64)
    assert check_function(torch.sin, torch.sin, x).passed
    assert "off by" in check_function(torch.cos, torch.sin, x).message
    assert "raised ZeroDivisionError" in check_function(lambda x: 1 / 0, torch.sin, x).message
    assert "tensor" in check_function(lambda x: 1.0, torch.sin, x).message
    assert "function" in check_function(3, torch.sin, x).message
    assert "non-finite" in check_function(lambda x: x / 0, torch.sin, x).message


def test_check_function_handles_float32_answers():
    x = torch.linspace(-1, 1, 11, dtype=torch.float64)
    assert check_function(lambda t: torch.sin(t.float()), torch.sin, x, atol=1e-12).passed
    low = check_function(lambda t: torch.sin(t.float()).double(), torch.sin, x, atol=1e-12)
    assert low.status == "wrong" and "float32 accuracy" in low.message


def test_check_function_takes_points_with_several_columns():
    points = torch.rand(20, 3, dtype=torch.float64)
    norm = lambda p: p.norm(dim=1)  # noqa: E731
    assert check_function(norm, norm, points).passed
    wrong = check_function(lambda p: p.sum(1), norm, points)
    assert wrong.status == "wrong" and "x = (" in wrong.message
    assert "shape (20,)" in check_function(lambda p: p, norm, points).message


# ------------------------------------------------------------------------- call and reading
def test_call_passes_copies_and_explains_any_exception():
    x = torch.zeros(3, requires_grad=True)
    array = np.zeros(3)

    def in_place(t, a):
        t = t + 0  # a non-leaf copy may even be updated in place
        t += 1
        a += 1
        return t, a

    core.call(in_place, x, array, name="f")
    assert float(x.detach().sum()) == 0 and array.sum() == 0
    with pytest.raises(core.Rejected, match="f raised KeyError"):
        core.call(lambda: {}["k"], name="f")
    out = core.call(lambda t: t * 2, x, name="f")
    assert out.requires_grad  # the copy keeps the autograd link to the original


@pytest.mark.parametrize(
    "value, kwargs, phrase",
    [
        ([1.0, float("nan")], {}, "non-finite"),
        ("abc", {}, "array"),
        ([[1, 2], [3]], {}, "array"),
        (np.ones(3), {"tensor": True}, "torch tensor"),
        (np.ones(3), {"shape": (4,)}, "shape (3,)"),
        (np.ones(3) + 1j, {}, "complex"),
        (np.ones(3) + 1j, {"complex_ok": True}, "complex"),
        (torch.ones(3, dtype=torch.complex64), {}, "complex"),
    ],
)
def test_read_values_rejects_what_is_not_real_finite_and_shaped(value, kwargs, phrase):
    with pytest.raises(core.Rejected, match=re.escape(phrase)):
        core.read_values(value, name="answer", **kwargs)


def test_read_values_converts_to_float64_and_remembers_float32():
    read = core.read_values(np.ones(3, dtype=np.float32), name="a")
    assert read.data.dtype == torch.float64 and read.single
    assert not core.read_values(torch.ones(3, dtype=torch.float64), name="a").single
    noise = core.read_values(np.ones(3) + 1e-14j, name="a", complex_ok=True)
    assert noise.data.tolist() == [1.0, 1.0, 1.0]


def test_checker_decorator_handles_placeholders_types_and_failures():
    @core.checker("pair", answers=2)
    def check_pair(first, second, data=3):
        if first == "explode":
            raise RuntimeError("unexpected")
        if first != second:
            core.reject("they differ.")
        return Feedback("correct", "same")

    assert check_pair(1, None).status == "not attempted"
    assert check_pair(second=..., first=1).status == "not attempted"
    assert check_pair(1, 1).passed
    assert_verdict(check_pair(1, 2), "wrong", "they differ.")
    assert_verdict(check_pair("explode", 2), "wrong", "RuntimeError: unexpected")
    with pytest.raises(TypeError):  # a wrong call in the notebook is a bug, not an answer
        check_pair(1, 2, 3, 4)
