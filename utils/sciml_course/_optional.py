"""Optional dependencies, imported when first used (private to the package).

``pip install ./utils`` installs only the core dependencies (torch, numpy,
scipy, matplotlib, tqdm, IPython, ipywidgets), and every module of the package
imports with those alone. A function that builds on a heavier library of the
``notebooks`` extra (scikit-fem, scikit-learn) imports it through
:func:`require` when it is called, so a missing library is reported with the
command that installs it instead of breaking ``import sciml_course.fem``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

EXTRA = "notebooks"


def require(module: str, distribution: str, user: str) -> ModuleType:
    """Import ``module``, or raise an ImportError naming the extra that provides it.

    Parameters
    ----------
    module : str
        The module to import, e.g. ``"skfem"``.
    distribution : str
        The package that provides it on PyPI, e.g. ``"scikit-fem"``.
    user : str
        What needs it, for the message, e.g. ``"sciml_course.fem"``.

    Examples
    --------
    >>> require("math", "python", "this example").sqrt(4.0)
    2.0
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{user} needs {distribution}, which is in the course package's '{EXTRA}' extra: "
            f"pip install \"sciml-course[{EXTRA}]\" (or pip install {distribution})"
        ) from error
