"""Shared assertions for the exercise-checker tests: one verdict per hand-written answer."""

from __future__ import annotations

from sciml_course.exercises import Feedback


def assert_verdict(feedback: object, status: str, fragment: str = "", hidden: tuple[str, ...] = ()) -> None:
    """``feedback`` is a Feedback with ``status``, mentions ``fragment`` and none of ``hidden``."""
    assert isinstance(feedback, Feedback), f"a checker returned {type(feedback).__name__}"
    assert feedback.status == status, feedback
    assert fragment in feedback.message, f"{fragment!r} not in {feedback}"
    for secret in hidden:
        assert secret not in feedback.message, f"the message reveals {secret!r}: {feedback}"
