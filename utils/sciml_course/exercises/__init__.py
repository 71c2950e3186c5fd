"""Automatic exercise checks: right / wrong / why, without revealing the answer.

``core`` holds the generic machinery (calling student code safely, reading and comparing
answers); one module per lecture (``c1``, ``c2``, ...) holds that lecture's checkers, each
taking the student's answer and returning a :class:`Feedback`. ``None`` (the student
version's placeholder) gives "not attempted yet" instead of an error. The reference answers
live in the private ``_answers`` module.
"""

from .core import Feedback, check_function, check_number, is_unanswered

__all__ = ["Feedback", "check_function", "check_number", "is_unanswered"]
