"""Hand a notebook's key numbers to the benchmark, in one documented way.

``record("c1_digits_test_accuracy", acc)`` shows the value in the notebook and
stores it in the output's metadata under ``"sciml_metric"``; the benchmark
script reads it back from the executed notebook (no parsing of text).
"""

from __future__ import annotations

import math
import re
from typing import Any

from IPython.display import display

from ._validation import check_real

METADATA_KEY = "sciml_metric"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.]*$")


def record(name: str, value: float, unit: str = "") -> float:
    """Show a named metric and attach it to the cell output for the benchmark.

    Parameters
    ----------
    name : str
        Lower-case snake_case name, e.g. ``"cs1_rel_l2_default"``.
    value : float
        The measured number.
    unit : str
        Optional unit shown next to the value.

    Returns
    -------
    float
        ``value`` as a float, so the call can sit inside an expression.

    Examples
    --------
    >>> record("demo_error", 0.25)  # doctest: +SKIP
    demo_error = 0.25
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"name must be lower-case snake_case, got {name!r}")
    value = check_real("value", value)
    shown = f"{value:.4g}" if math.isfinite(value) else str(value)
    display(
        {"text/plain": f"{name} = {shown} {unit}".rstrip()},
        raw=True,
        metadata={METADATA_KEY: {name: value}},
    )
    return value


def read_metrics(notebook: Any) -> dict[str, float]:
    """Collect every metric recorded in an executed notebook (an nbformat node).

    Examples
    --------
    >>> read_metrics({"cells": []})
    {}
    """
    found: dict[str, float] = {}
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            found.update(output.get("metadata", {}).get(METADATA_KEY, {}))
    return found
