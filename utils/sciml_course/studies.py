"""Results of the long studies that the case studies show, shipped with the package.

Some comparisons take longer than a notebook may (a capacity study over seeds,
an ablation at equal CPU time, the paper's own setup at full resolution). A
script in ``benchmarks/`` runs each of them and writes its results here, as
``sciml_course/studies/<name>.json``; the notebook reads them with
:func:`load`. Because the files are package data, the notebook finds them
wherever the package is installed, Colab included (the setup cell installs
the package from the repository).

==========================  ===========================================
``cs1_ablation``            ``python -m benchmarks.cs1_ablation_study``
``cs2_capacity_study``      ``python -m benchmarks.fno_capacity_study``
``cs2_paper_row``           ``python -m benchmarks.cs2_paper_row``
==========================  ===========================================
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

FOLDER = pathlib.Path(__file__).with_name("studies")
SCRIPTS = {
    "cs1_ablation": "benchmarks.cs1_ablation_study",
    "cs2_capacity_study": "benchmarks.fno_capacity_study",
    "cs2_paper_row": "benchmarks.cs2_paper_row",
}


def path(name: str) -> pathlib.Path:
    """Where the study ``name`` is stored (the benchmark scripts write there).

    Examples
    --------
    >>> path("cs1_ablation").name
    'cs1_ablation.json'
    >>> path("nonsense")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of cs1_ablation, cs2_capacity_study, cs2_paper_row, got 'nonsense'
    """
    if name not in SCRIPTS:
        raise ValueError(f"name must be one of {', '.join(SCRIPTS)}, got {name!r}")
    return FOLDER / f"{name}.json"


def load(name: str) -> dict[str, Any]:
    """The stored results of the study ``name`` (see the table above).

    Examples
    --------
    >>> load("cs1_ablation")["seeds"] >= 2
    True
    """
    stored = path(name)
    if not stored.is_file():
        raise FileNotFoundError(f"{stored} is missing: run python -m {SCRIPTS[name]}")
    return json.loads(stored.read_text())
