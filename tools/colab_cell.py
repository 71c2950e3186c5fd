"""Write the Colab setup cell (from _config.yml's repository URL) into every notebook.

Usage: python -m tools.colab_cell [--check]
With --check it changes nothing and exits 1 if a notebook's cell is out of date.
"""

from __future__ import annotations

import argparse
import sys

import nbformat

from tools.notebooks import colab_cell_source, course_notebooks

TAG = "colab-setup"


def first_code_cell(notebook):
    return next(cell for cell in notebook.cells if cell.cell_type == "code")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report stale cells")
    args = parser.parse_args()
    wanted = colab_cell_source()
    stale = []
    for path in course_notebooks():
        notebook = nbformat.read(path, as_version=4)
        cell = first_code_cell(notebook)
        if cell.source == wanted and TAG in cell.metadata.get("tags", []):
            continue
        stale.append(path.name)
        if not args.check:
            cell.source = wanted
            cell.metadata["tags"] = sorted(set(cell.metadata.get("tags", [])) | {TAG})
            nbformat.write(notebook, path)
    verb = "stale" if args.check else "updated"
    print(f"{verb}: {', '.join(stale) if stale else 'none'}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
