"""Helpers the notebook tests share: the list of course notebooks, read once."""

from __future__ import annotations

import re

import nbformat
from nbclient import NotebookClient

from tools import student_version
from tools.notebooks import ROOT, course_notebooks

NOTEBOOKS = course_notebooks()
IDS = [path.stem for path in NOTEBOOKS]


def read(path):
    return nbformat.read(path, as_version=4)


def code_source(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


def markdown_source(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def run_student_edition(path, workdir) -> None:
    """Execute the committed student edition of ``path`` as a student gets it (solutions removed).

    It must run end to end, and every exercise check must answer "not attempted yet".
    """
    student = read(student_version.DEFAULT_OUT / path.relative_to(ROOT))
    NotebookClient(student, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    checks = [cell for cell in student.cells
              if cell.cell_type == "code" and re.search(r"feedback = \w+\.check_", cell.source)]
    assert len(checks) >= 3
    for cell in checks:
        shown = " ".join(str(output.get("data", {})) for output in cell.outputs)
        assert "not attempted" in shown, cell.source
