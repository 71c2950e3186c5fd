"""Generic building blocks for exercise checkers: the one place where student code is called.

Conventions (every chapter module relies on them, none repeats them):

* A checker is wrapped by :func:`checker`. Its first parameter(s) are the student's answers,
  the rest are data from the notebook. ``None`` or ``...`` (the student version's placeholder)
  gives "not attempted yet"; a non-function where a function is asked for is "wrong"; and
  nothing a student can pass makes a checker raise: an unexpected error while checking
  becomes a "wrong" verdict that names it.
* Student code runs only through :func:`call`: on copies of the inputs (an in-place update
  cannot spoil the test data) and with every exception caught and explained.
* What the student returns is read by :func:`read_values` or :func:`read_number`: real,
  finite, of the expected shape, converted to float64. Its precision is remembered: a
  float32 answer is compared within float32 accuracy (:data:`SINGLE_TOL` of the size of
  the expected values), a float64 one within the checker's own tolerance (:func:`matches`).
* Inside a checker, :func:`reject` ends the check with a "wrong" verdict and its reason.
* Messages say what is wrong and why, never the expected answer.
"""

from __future__ import annotations

import copy
import functools
import html
import inspect
import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable, NoReturn, Sequence, Union

import numpy as np
import torch

__all__ = [
    "Feedback", "NOT_ATTEMPTED", "SINGLE_TOL", "Rejected", "Values", "call", "check_function",
    "check_number", "checker", "is_unanswered", "matches", "read_count", "read_number",
    "read_values", "reject",
]

STATUSES = ("correct", "wrong", "not attempted")
_LABELS = {"correct": "correct", "wrong": "wrong", "not attempted": "not attempted yet"}
_ICONS = {"correct": "✅", "wrong": "❌", "not attempted": "✏️"}
_COLOURS = {"correct": "#1a7f37", "wrong": "#cf222e", "not attempted": "#6e7781"}

#: Relative accuracy granted to float32 answers (about 100 float32 rounding units).
SINGLE_TOL = 1e-5
_SINGLE_TORCH = (torch.float32, torch.float16, torch.bfloat16, torch.complex64)
_SINGLE_NUMPY = (np.dtype(np.float32), np.dtype(np.float16), np.dtype(np.complex64))


@dataclass(frozen=True)
class Feedback:
    """The verdict of a checker.

    Attributes
    ----------
    status : {"correct", "wrong", "not attempted"}
    message : str
        Why, phrased so that it does not give the answer away.

    Examples
    --------
    >>> Feedback("correct", "Well done.").passed
    True
    >>> Feedback("not attempted", "replace None with your answer.")
    ✏️ not attempted yet: replace None with your answer.
    """

    status: str
    message: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")

    @property
    def passed(self) -> bool:
        """True only for a correct answer."""
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{_ICONS[self.status]} {_LABELS[self.status]}: {self.message}"

    def _repr_html_(self) -> str:
        return (
            f'<div style="border-left:4px solid {_COLOURS[self.status]};padding:4px 8px">'
            f"<b>{_ICONS[self.status]} {_LABELS[self.status]}</b>: {html.escape(self.message)}</div>"
        )


NOT_ATTEMPTED = Feedback("not attempted", "replace None with your answer, then run this check again.")


def is_unanswered(answer: Any) -> bool:
    """True for the student version's placeholders ``None`` and ``...``.

    Examples
    --------
    >>> is_unanswered(None), is_unanswered(0.0)
    (True, False)
    """
    return answer is None or answer is Ellipsis


class Rejected(Exception):
    """Raised inside a checker to end it with a "wrong" verdict; ``checker`` turns it into one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def reject(message: str) -> NoReturn:
    """End the current check: the answer is wrong, for the reason ``message``.

    Examples
    --------
    >>> @checker("answer")
    ... def check_positive(answer):
    ...     if answer <= 0:
    ...         reject("the answer must be positive.")
    ...     return Feedback("correct", "positive.")
    >>> check_positive(-1)
    ❌ wrong: the answer must be positive.
    """
    raise Rejected(message)


def _type_name(value: Any) -> str:
    return type(value).__name__


def _first_line(error: BaseException, limit: int = 200) -> str:
    text = str(error).strip().splitlines()
    text = text[0] if text else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def checker(name: str, *, answers: int = 1, function: bool = False) -> Callable:
    """Decorate a checker: placeholders, a non-function answer and any failure, handled once.

    Parameters
    ----------
    name : str
        How messages name the answer (the variable the exercise asks for).
    answers : int
        How many leading parameters are the student's answers; if any of them is ``None``
        or ``...``, the verdict is "not attempted".
    function : bool
        The (single) answer must be callable.

    Examples
    --------
    >>> @checker("double", function=True)
    ... def check_double(double):
    ...     twice = call(double, 2, name="double")
    ...     return Feedback("correct", "fine") if twice == 4 else Feedback("wrong", "no")
    >>> check_double(None).status, check_double(3).message, check_double(lambda x: 2 * x).status
    ('not attempted', 'double should be a function, got int.', 'correct')
    >>> check_double(lambda x: 1 / 0).message
    'double raised ZeroDivisionError: division by zero'
    """

    def decorate(check: Callable[..., Feedback]) -> Callable[..., Feedback]:
        signature = inspect.signature(check)
        answer_names = list(signature.parameters)[:answers]

        @functools.wraps(check)
        def wrapper(*args: Any, **kwargs: Any) -> Feedback:
            bound = signature.bind(*args, **kwargs)  # a wrong call by the notebook still raises
            given = [bound.arguments.get(a) for a in answer_names]
            if any(is_unanswered(answer) for answer in given):
                return NOT_ATTEMPTED
            if function and not callable(given[0]):
                return Feedback("wrong", f"{name} should be a function, got {_type_name(given[0])}.")
            try:
                return check(*bound.args, **bound.kwargs)
            except Rejected as verdict:
                return Feedback("wrong", verdict.message)
            except Exception as error:  # never crash on a student's answer; say what failed
                return Feedback("wrong", f"the check could not use {name}: "
                                         f"{type(error).__name__}: {_first_line(error)}")

        return wrapper

    return decorate


def _copy(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return value.clone()  # keeps the autograd link to the original
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple, dict, set)):
        return copy.deepcopy(value)
    return value


def call(function: Callable, *args: Any, name: str) -> Any:
    """Call the student's ``function`` on copies of ``args``; reject if it raises.

    Examples
    --------
    >>> x = torch.zeros(3)
    >>> def in_place(t):
    ...     t += 1
    ...     return t
    >>> call(in_place, x, name="f").tolist(), x.tolist()
    ([1.0, 1.0, 1.0], [0.0, 0.0, 0.0])
    """
    copies = [_copy(arg) for arg in args]
    try:
        return function(*copies)
    except Exception as error:  # the student's code failed: explain, do not crash
        reject(f"{name} raised {type(error).__name__}: {_first_line(error)}")


@dataclass(frozen=True)
class Values:
    """An answer read by :func:`read_values`: float64 data on the CPU and its precision.

    ``single`` is True when the answer was float32 (or less precise): it is then compared
    within float32 accuracy.
    """

    data: torch.Tensor
    single: bool


def read_values(
    value: Any,
    *,
    name: str,
    shape: Sequence[int] | None = None,
    tensor: bool = False,
    complex_ok: bool = False,
    expect: str | None = None,
) -> Values:
    """Read an array-like answer: real, finite, of the given shape; reject it otherwise.

    Parameters
    ----------
    value : tensor, array, list or number
    name : str
        How messages name it.
    shape : sequence of int, optional
        The required shape.
    tensor : bool
        Require a torch tensor (for exercises that ask for torch code).
    complex_ok : bool
        Accept complex values whose imaginary parts are rounding noise.
    expect : str, optional
        How the message describes the expected result, e.g. "a tensor of shape (N, 1), like x"
        (say "tensor" when ``tensor`` is set).

    Examples
    --------
    >>> read_values([1, 2], name="w", shape=(2,)).data
    tensor([1., 2.], dtype=torch.float64)
    >>> read_values(torch.ones(2), name="w").single
    True
    >>> read_values([1.0, float("nan")], name="w")
    Traceback (most recent call last):
    ...
    sciml_course.exercises.core.Rejected: w contains non-finite values (NaN or inf).
    """
    kind = "a torch tensor" if tensor else "an array"
    what = expect or (f"{kind} of shape {tuple(shape)}" if shape is not None else f"{kind} of numbers")
    if isinstance(value, torch.Tensor):
        data = value.detach().cpu()
        single = data.dtype in _SINGLE_TORCH
        if data.dtype == torch.bool or not (data.is_floating_point() or data.is_complex()):
            data = data.to(torch.float64)
    elif tensor:
        reject(f"{name} should give {what}, got {_type_name(value)}.")
    else:
        try:
            array = np.asarray(value)
        except Exception:
            reject(f"{name} should give {what}, got {_type_name(value)}.")
        if array.dtype.kind not in "biufc":
            reject(f"{name} should give {what}, got {_type_name(value)}.")
        single = array.dtype in _SINGLE_NUMPY
        data = torch.from_numpy(array.astype(np.complex128 if array.dtype.kind == "c" else np.float64))
    if data.is_complex():
        imaginary = float(data.imag.abs().max()) if data.numel() else 0.0
        size = float(data.real.abs().max()) if data.numel() else 0.0
        noise = (SINGLE_TOL if single else 1e-10) * size
        if not complex_ok or not math.isfinite(imaginary) or imaginary > noise:
            reject(f"{name} has complex values: the result should be real.")
        data = data.real
    data = data.to(torch.float64)
    if shape is not None and tuple(data.shape) != tuple(shape):
        reject(f"{name} should give {what}; got shape {tuple(data.shape)}.")
    if not torch.isfinite(data).all():
        reject(f"{name} contains non-finite values (NaN or inf).")
    return Values(data, single)


def read_number(value: Any, *, what: str) -> tuple[float, bool]:
    """Read a single real, finite number; return it and whether it was float32.

    Accepts Python and NumPy numbers and one-element arrays or tensors; rejects the rest.

    Examples
    --------
    >>> read_number(np.float32(0.5), what="x")
    (0.5, True)
    >>> read_number("0.5", what="x")
    Traceback (most recent call last):
    ...
    sciml_course.exercises.core.Rejected: x should be a single number, got str.
    """
    single, number = False, None
    try:
        if isinstance(value, torch.Tensor) and value.numel() == 1 and not value.is_complex():
            single = value.dtype in _SINGLE_TORCH
            number = float(value.detach().cpu().reshape(()))
        elif isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
            single = value.dtype in _SINGLE_NUMPY
            number = float(value.reshape(()))
        elif isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
            single = isinstance(value, (np.float32, np.float16))
            number = float(value)
    except (OverflowError, ValueError, TypeError):
        number = None
    if number is None:
        reject(f"{what} should be a single number, got {_type_name(value)}.")
    if not math.isfinite(number):
        reject(f"{what} is not finite ({number}).")
    return number, single


def read_count(value: Any, *, what: str) -> int:
    """Read a whole number (an int, or a float with an integer value); reject anything else.

    Examples
    --------
    >>> read_count(64.0, what="n")
    64
    >>> read_count(6.5, what="n")
    Traceback (most recent call last):
    ...
    sciml_course.exercises.core.Rejected: n should be a whole number.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        reject(f"{what} should be a whole number.")
    if isinstance(value, numbers.Integral):
        return int(value)
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        reject(f"{what} should be a whole number.")
    if not (math.isfinite(number) and number.is_integer()):
        reject(f"{what} should be a whole number.")
    return int(number)


def _tolerance(got: Values, want: torch.Tensor, rtol: float, atol: float,
               scale: float | None) -> torch.Tensor:
    tol = atol + rtol * want.abs()
    if got.single:
        size = float(want.abs().max()) if scale is None and want.numel() else (scale or 0.0)
        tol = torch.clamp(tol, min=SINGLE_TOL * size) + SINGLE_TOL * want.abs()
    return tol


def matches(got: Values, want: torch.Tensor, *, rtol: float = 0.0, atol: float = 0.0,
            scale: float | None = None) -> bool:
    """True if ``got`` equals ``want`` within ``atol + rtol |want|``.

    A float32 answer is granted float32 accuracy: :data:`SINGLE_TOL` times ``scale``
    (the largest expected value unless given: pass the size of the terms when they cancel).

    Examples
    --------
    >>> want = torch.tensor([1.0, 2.0], dtype=torch.float64)
    >>> matches(Values(want + 1e-7, single=False), want, atol=1e-10)
    False
    >>> matches(Values(want + 1e-7, single=True), want, atol=1e-10)
    True
    """
    want = torch.as_tensor(want, dtype=torch.float64)
    if got.data.shape != want.shape:
        return False
    return bool(((got.data - want).abs() <= _tolerance(got, want, rtol, atol, scale)).all())


def _tolerance_words(rtol: float, atol: float, single: bool) -> str:
    if single:
        return " (to float32 accuracy)"
    if rtol and atol:
        return f" (to a relative tolerance of {rtol:g} or an absolute one of {atol:g})"
    if rtol:
        return f" (to a relative tolerance of {rtol:g})"
    if atol:
        return f" (to an absolute tolerance of {atol:g})"
    return " (exactly)"


Mistake = tuple[Union[float, Callable[[float], bool]], str]


def check_number(
    answer: Any,
    expected: float,
    *,
    rtol: float = 1e-2,
    atol: float = 0.0,
    what: str = "your answer",
    hint: str = "",
    mistakes: Sequence[Mistake] = (),
) -> Feedback:
    """Compare a number with the expected one; name a known mistake, or say too large or small.

    Parameters
    ----------
    answer : number, or a one-element array or tensor
    expected : float
    rtol, atol : float
        The answer is right within ``atol + rtol |expected|`` (float32 answers at least
        within float32 accuracy).
    what, hint : str
        How messages name the answer, and the hint added to a generic "wrong".
    mistakes : sequence of (value or predicate, message)
        Typical wrong answers, tried in order before the generic verdict: a value is matched
        with the same tolerance, a predicate is called with the answer.

    Examples
    --------
    >>> check_number(0.5, 0.5).passed
    True
    >>> check_number(0.7, 0.5)
    ❌ wrong: your answer is too large.
    >>> check_number(1.0, 0.5, mistakes=[(1.0, "that is twice the answer.")]).message
    'that is twice the answer.'
    >>> check_number(None, 0.5).status
    'not attempted'
    """
    if is_unanswered(answer):
        return NOT_ATTEMPTED
    try:
        value, single = read_number(answer, what=what)
    except Rejected as verdict:
        return Feedback("wrong", verdict.message)

    def near(target: float) -> bool:
        tol = atol + rtol * abs(target)
        if single:
            tol = max(tol, SINGLE_TOL * abs(target))
        return abs(value - target) <= tol

    if near(expected):
        return Feedback("correct", f"{what} is right{_tolerance_words(rtol, atol, single)}.")
    for mistake, message in mistakes:
        if (mistake(value) if callable(mistake) else near(float(mistake))):
            return Feedback("wrong", message)
    direction = "too large" if value > expected else "too small"
    if expected != 0 and value != 0 and np.sign(value) != np.sign(expected):
        direction = "of the wrong sign"
    return Feedback("wrong", f"{what} is {direction}. {hint}".strip())


def _where(points: torch.Tensor, index: int) -> str:
    point = points[index]
    if point.numel() == 1:
        return f"x = {float(point):.3g}"
    return "x = (" + ", ".join(f"{float(c):.3g}" for c in point.flatten()) + ")"


def check_function(
    candidate: Any,
    reference: Callable[[torch.Tensor], torch.Tensor],
    points: torch.Tensor,
    *,
    atol: float = 1e-6,
    rtol: float = 0.0,
    what: str = "your function",
    hint: str = "",
) -> Feedback:
    """Compare a function of one tensor with a reference at ``points`` (one point per row).

    The candidate must return a tensor shaped like the reference's output; the message
    names the point of the largest mismatch, not the right value there.

    Examples
    --------
    >>> x = torch.linspace(-1, 1, 5, dtype=torch.float64)
    >>> check_function(torch.sin, torch.sin, x).passed
    True
    >>> check_function(torch.cos, torch.sin, x).passed
    False
    >>> xy = torch.rand(4, 2, dtype=torch.float64)
    >>> check_function(lambda p: p.sum(1), lambda p: p.sum(1), xy).passed
    True
    """
    if is_unanswered(candidate):
        return NOT_ATTEMPTED
    if not callable(candidate):
        return Feedback("wrong", f"{what} should be a function, got {_type_name(candidate)}.")
    want = reference(points.clone()).detach().to(torch.float64).cpu()
    try:
        got = read_values(call(candidate, points, name=what), name=what, shape=want.shape, tensor=True,
                          expect=f"a torch tensor of shape {tuple(want.shape)}")
    except Rejected as verdict:
        return Feedback("wrong", verdict.message)
    if matches(got, want, rtol=rtol, atol=atol):
        return Feedback("correct", f"{what} matches at all {len(points)} test points.")
    error = (got.data - want).abs()
    if matches(Values(got.data, single=True), want, rtol=rtol, atol=atol):
        return Feedback("wrong", f"{what} agrees only to float32 accuracy (off by up to "
                                 f"{float(error.max()):.1e}) although it returns float64: "
                                 "keep the whole computation in float64.")
    row = int(error.reshape(len(points), -1).max(1).values.argmax()) if want.ndim else 0
    return Feedback(
        "wrong",
        f"{what} is off by {float(error.max()):.2e} at {_where(points, row)}. {hint}".strip(),
    )
