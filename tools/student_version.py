"""Make the student version of every notebook: solutions removed, checks kept.

Usage: python -m tools.student_version --out _build/student [notebook ...]

In a solved notebook each exercise looks like this:

* a markdown cell with the ``{exercise}`` directive;
* markdown ``{solution-start}`` ... ``{solution-end}`` around the worked
  solution, whose code cell is tagged ``solution`` and assigns the answer
  names (names starting with ``_`` are private helpers);
* a check cell, e.g. ``feedback = c1.check_...(answer); feedback``;
* optionally a cell tagged ``solution`` and ``remove-cell`` asserting
  ``feedback.passed`` (so the tests fail when a solution goes wrong).

The student version replaces everything from ``{solution-start}`` to
``{solution-end}`` by one code cell that sets each answer name to ``None``,
and drops the other cells tagged ``solution``; its checks then answer
"not attempted yet".
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys

import nbformat

from tools.notebooks import ROOT, course_notebooks

SOLUTION_TAG = "solution"


def answer_names(source: str) -> list[str]:
    """Public names assigned or defined at the top level of a solution cell."""
    names: list[str] = []
    for node in ast.parse(source).body:
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name):
                    names.append(leaf.id)
    return [n for i, n in enumerate(names) if not n.startswith("_") and n not in names[:i]]


def _is_marker(cell, directive: str) -> bool:
    return cell.cell_type == "markdown" and f"{{{directive}}}" in cell.source


def student_notebook(notebook):
    """Return a copy of ``notebook`` with the solutions replaced by placeholders."""
    result = nbformat.v4.new_notebook(metadata=notebook.metadata)
    inside, names = False, []
    for cell in notebook.cells:
        if _is_marker(cell, "solution-start"):
            inside, names = True, []
            continue
        if inside:
            if cell.cell_type == "code":
                names += answer_names(cell.source)
            if _is_marker(cell, "solution-end"):
                inside = False
                if not names:
                    raise ValueError("a solution block assigns no answer name")
                stub = "\n".join(f"{name} = None  # your answer here" for name in names)
                result.cells.append(nbformat.v4.new_code_cell(stub))
            continue
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            continue
        copy = nbformat.from_dict(dict(cell))
        if copy.cell_type == "code":
            copy.outputs, copy.execution_count = [], None
        result.cells.append(copy)
    if inside:
        raise ValueError("a {solution-start} has no matching {solution-end}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path)
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "_build" / "student")
    args = parser.parse_args()
    for path in args.notebooks or course_notebooks():
        path = path.resolve()
        target = args.out / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_notebook(nbformat.read(path, as_version=4)), target)
        print(f"wrote {target.relative_to(args.out.parent) if args.out.parent in target.parents else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
