"""Helpers the notebook tests share: the list of course notebooks, read once."""

from __future__ import annotations

import nbformat

from tools.notebooks import course_notebooks

NOTEBOOKS = course_notebooks()
IDS = [path.stem for path in NOTEBOOKS]


def read(path):
    return nbformat.read(path, as_version=4)


def code_source(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


def markdown_source(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
