"""Where the course notebooks live, and the one Colab setup cell they all share."""

from __future__ import annotations

import ast
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK_FOLDERS = ("lectures", "case_studies")


def course_notebooks() -> list[pathlib.Path]:
    """Every notebook of the course, lectures first, in name order."""
    return sorted(p for folder in NOTEBOOK_FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


def import_statements(notebook) -> list[ast.Import | ast.ImportFrom]:
    """Every absolute ``import x`` / ``from x import y`` of the notebook's code cells, in order.

    IPython syntax (``%pip``, ``!ls``) is turned into plain Python first, so a cell
    that mixes magics and imports is read whole.
    """
    from IPython.core.inputtransformer2 import TransformerManager  # only the import readers need IPython

    to_python = TransformerManager()
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(to_python.transform_cell(cell.source))):
            if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and node.level == 0):
                found.append(node)
    return found


def repository_url() -> str:
    """The repository URL, read from ``_config.yml`` (its one home)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    try:
        return config["repository"]["url"]
    except (KeyError, TypeError):
        raise RuntimeError("_config.yml has no repository: url: entry") from None


def colab_cell_source() -> str:
    """The first code cell of every notebook: installs the course package in Colab only."""
    return (
        "# Colab setup: install the course package (Colab's own torch is kept).\n"
        "# Elsewhere this cell does nothing; locally, see scripts/setup_env.sh.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        "    %pip install --quiet \"sciml-course[notebooks] @ "
        f'git+{repository_url()}#subdirectory=utils"'
    )
