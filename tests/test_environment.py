"""The course package declares what the notebooks import, and its core imports alone."""

from __future__ import annotations

import ast
import importlib.metadata
import subprocess
import sys
import tomllib

import pytest
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from notebook_helpers import NOTEBOOKS, read
from tools.notebooks import ROOT

PROJECT = tomllib.loads((ROOT / "utils" / "pyproject.toml").read_text())["project"]
CORE = [Requirement(r) for r in PROJECT["dependencies"]]
NOTEBOOKS_EXTRA = [Requirement(r) for r in PROJECT["optional-dependencies"]["notebooks"]]


def _names(requirements) -> set[str]:
    return {canonicalize_name(r.name) for r in requirements}


def notebook_imports(notebook) -> set[str]:
    """Top-level modules named by the code cells' ``import x`` / ``from x import y``."""
    to_python = TransformerManager()  # IPython magics (%pip) become plain calls
    modules = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(to_python.transform_cell(cell.source))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.partition(".")[0])
    return modules


def test_notebook_imports_are_found_in_magic_and_plain_cells():
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('if True:\n    %pip install x\nimport numpy as np, os.path\n'),
        nbformat.v4.new_code_cell("from neuralop.models import FNO\nfrom . import local\n"),
        nbformat.v4.new_markdown_cell("import pandas"),
    ])
    assert notebook_imports(notebook) == {"numpy", "os", "neuralop"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_imports_are_declared_by_the_core_or_the_notebooks_extra(path):
    declared = _names(CORE) | _names(NOTEBOOKS_EXTRA)
    providers = importlib.metadata.packages_distributions()
    undeclared = {}
    for module in sorted(notebook_imports(read(path))):
        if module in sys.stdlib_module_names or module == "sciml_course":
            continue
        dists = {canonicalize_name(d) for d in providers.get(module, [])}
        if not dists & declared:
            undeclared[module] = sorted(dists) or "no installed distribution"
    assert not undeclared, (
        f"{path.name} imports modules that utils/pyproject.toml declares neither as a core "
        f"dependency nor in the notebooks extra (Colab would lack them): {undeclared}"
    )


def _closure(requirements) -> set[str]:
    """Canonical names of the installed distributions that ``requirements`` pull in."""
    seen: set[tuple[str, str]] = set()
    todo = [(r, extra) for r in requirements for extra in ("", *r.extras)]
    while todo:
        requirement, extra = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        for line in dist.requires or []:
            child = Requirement(line)
            if child.marker is None or child.marker.evaluate({"extra": extra}):
                todo.extend((child, e) for e in ("", *child.extras))
    return {name for name, _ in seen}


def optional_modules() -> list[str]:
    """Top-level modules installed only by the notebooks extra (not by the core)."""
    only_extra = _closure(NOTEBOOKS_EXTRA) - _closure(CORE)
    return sorted(
        module
        for module, dists in importlib.metadata.packages_distributions().items()
        if {canonicalize_name(d) for d in dists} <= only_extra
    )


BLOCKED_IMPORT = """
import importlib, pkgutil, sys

sys.path.insert(0, sys.argv[1])
BLOCKED = set(sys.argv[2:])


class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)


sys.meta_path.insert(0, Blocker())
import sciml_course

for info in pkgutil.walk_packages(sciml_course.__path__, "sciml_course."):
    importlib.import_module(info.name)
assert not BLOCKED & {m.partition(".")[0] for m in sys.modules}, "a blocked module was imported"

from sciml_course import data, fem

for call in (lambda: fem.domain_mesh("square", 1), lambda: data.digits()):
    try:
        call()
    except ImportError as error:
        print(error)
    else:
        raise AssertionError("a function of the extra ran without its library")
"""


def test_every_module_imports_with_the_core_dependencies_alone():
    blocked = optional_modules()
    assert {"skfem", "sklearn", "pandas", "neuralop"} <= set(blocked)
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT, str(ROOT / "utils"), *blocked],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    messages = result.stdout.splitlines()
    assert len(messages) == 2
    for message, library in zip(messages, ("scikit-fem", "scikit-learn")):
        assert library in message and "sciml-course[notebooks]" in message, message
