"""Make the student version of every notebook: solutions removed, checks kept.

In a solved notebook each exercise looks like this:

* a markdown ``{exercise}`` directive with the statement;
* markdown ``{solution-start}`` ... ``{solution-end}`` around the worked solution (the
  start may share a markdown cell with the statement), whose code cells are tagged
  ``solution``;
* a check cell, e.g. ``feedback = c1.check_...(answer); feedback``;
* optionally a cell tagged ``solution`` and ``remove-cell`` asserting ``feedback.passed``.

The student version keeps all text outside ``{solution-start}`` ... ``{solution-end}``
(statements included) and replaces each solution by one code cell that sets to ``None``
the answer names the check cell uses (``answer = None  # your answer here``), not the
solution's intermediate names. It drops the other cells tagged ``solution`` and carries
no outputs, execution counts or saved widget state. Its checks then answer "not attempted
yet". Its Markdown is plain Markdown (:mod:`tools.plain_markdown`): students read it in
Colab or JupyterLab, which do not render MyST directives and roles.

The student edition is committed under ``student/`` (same paths as the notebooks:
``student/lectures/C1_introduction.ipynb``), so that every chapter of the book can link
to it in Colab; ``--check`` reports a stale copy (the test suite runs it). Cell ids are
derived from the solved notebook's, so regenerating an unchanged notebook changes nothing.
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import re
import symtable
import sys

import nbformat

from tools.notebooks import ROOT, course_notebooks
from tools.plain_markdown import plain_notebook

SOLUTION_TAG = "solution"
PLACEHOLDER = "{name} = None  # your answer here"
DEFAULT_OUT = ROOT / "student"
_DIRECTIVE = re.compile(r"^(`{3,}|:{3,})\{(solution-start|solution-end|exercise)\}")
_STALE_METADATA = ("widgets", "execution")


class _Bindings(ast.NodeVisitor):
    """Names bound in a module's own scope, in order (not inside functions or classes)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def visit_FunctionDef(self, node: ast.AST) -> None:
        self.names.append(node.name)  # the body is another scope

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.AST) -> None:
        pass

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_Lambda

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.names += [alias.asname or alias.name.split(".")[0] for alias in node.names if alias.name != "*"]

    visit_ImportFrom = visit_Import

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Store):
            self.names.append(node.id)


def answer_names(source: str) -> list[str]:
    """Public names a solution cell binds at top level: assignments, definitions, ``for``
    and ``with`` targets and imports, also inside ``if``/``for``/``with``/``try`` blocks.

    Examples
    --------
    >>> answer_names("import math as m\\nfor k in range(3):\\n    best = k\\n_tmp = 1")
    ['m', 'k', 'best']
    """
    visitor = _Bindings()
    visitor.visit(ast.parse(source))
    names = visitor.names
    return [n for i, n in enumerate(names) if not n.startswith("_") and n not in names[:i]]


def used_names(source: str) -> set[str]:
    """Notebook-level names a code cell reads (every identifier, if the cell is not plain Python).

    Names read at the cell's top level, and names that its functions, classes and
    comprehensions read from the notebook's namespace; not their own parameters and
    locals (``def f(modes): return modes`` reads no notebook name ``modes``).
    """
    try:
        table = symtable.symtable(source, "<cell>", "exec")
    except SyntaxError:
        return set(re.findall(r"[A-Za-z_]\w*", source))
    names = {symbol.get_name() for symbol in table.get_symbols() if symbol.is_referenced()}
    scopes = list(table.get_children())
    while scopes:
        scope = scopes.pop()
        names |= {symbol.get_name() for symbol in scope.get_symbols()
                  if symbol.is_referenced() and symbol.is_global()}
        scopes.extend(scope.get_children())
    return names


def _pieces(source: str) -> list[tuple[str, str]]:
    """Split markdown into ("text", ...), ("solution-start", ""), ("solution-end", "") and
    ("exercise", text) pieces; the directives' own fenced lines are not text."""
    pieces: list[tuple[str, str]] = []
    text: list[str] = []
    closing = None  # the fence that closes a solution-end directive
    for line in source.splitlines(keepends=True):
        if closing is not None:
            if line.strip() == closing:
                closing = None
            continue
        match = _DIRECTIVE.match(line.strip())
        if match and match.group(2) != "exercise":
            pieces.append(("text", "".join(text)))
            pieces.append((match.group(2), ""))
            text = []
            if match.group(2) == "solution-end":
                closing = match.group(1)
            continue
        if match:
            pieces.append(("exercise", ""))
        text.append(line)
    pieces.append(("text", "".join(text)))
    return [piece for piece in pieces if piece[0] != "text" or piece[1].strip()]


def _cell_id(cell) -> str:
    return str(cell.get("id") or "cell")[:50]


def _clean(cell):
    copy = nbformat.from_dict(dict(cell))
    copy.metadata = {k: v for k, v in cell.metadata.items() if k not in _STALE_METADATA}
    if copy.cell_type == "code":
        copy.outputs, copy.execution_count = [], None
    return copy


class _Block:
    """One solution: the names its code binds, and the code cells that check it."""

    def __init__(self, cell_id: str) -> None:
        self.names: list[str] = []
        self.checks: list[str] = []
        self.cell = nbformat.v4.new_code_cell("")
        self.cell.id = cell_id

    def finish(self) -> None:
        used = set().union(*map(used_names, self.checks)) if self.checks else set(self.names)
        names = [name for name in self.names if name in used]
        if not names:
            raise ValueError(f"a solution block binds no name its check cell uses (it binds {self.names})")
        self.cell.source = "\n".join(PLACEHOLDER.format(name=name) for name in names)


def student_notebook(notebook):
    """Return a copy of ``notebook`` with the solutions replaced by placeholders."""
    metadata = {k: v for k, v in notebook.metadata.items() if k not in _STALE_METADATA}
    result = nbformat.v4.new_notebook(metadata=metadata)
    block, checked, blocks = None, None, []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            pieces = _pieces(cell.source)
            kinds = {kind for kind, _ in pieces}
            if not kinds & {"solution-start", "solution-end"}:
                if block is None:  # prose inside a solution goes with it
                    result.cells.append(_clean(cell))
                    checked = None if "exercise" in kinds else checked
                continue
            for position, (kind, text) in enumerate(pieces):
                if kind == "solution-start":
                    if block is not None:
                        raise ValueError("a {solution-start} inside another solution")
                    block, checked = _Block(f"{_cell_id(cell)}-answer"), None
                elif kind == "solution-end":
                    if block is None:
                        raise ValueError("a {solution-end} without its {solution-start}")
                    result.cells.append(block.cell)
                    blocks.append(block)
                    block, checked = None, block
                elif kind == "exercise":
                    checked = None
                elif block is None:  # text outside any solution
                    piece = nbformat.v4.new_markdown_cell(text.strip("\n").rstrip())
                    piece.id = f"{_cell_id(cell)}-{position}"
                    piece.metadata = {k: v for k, v in cell.metadata.items() if k not in _STALE_METADATA}
                    result.cells.append(piece)
            continue
        if block is not None:
            block.names += [n for n in answer_names(cell.source) if n not in block.names]
            continue
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            continue
        result.cells.append(_clean(cell))
        if checked is not None:
            checked.checks.append(cell.source)
    if block is not None:
        raise ValueError("a {solution-start} has no matching {solution-end}")
    for finished in blocks:
        finished.finish()
    return result


def _shown(path: pathlib.Path) -> str:
    try:
        return str(path.resolve().relative_to(pathlib.Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def student_edition(path: pathlib.Path) -> str:
    """The student edition of the notebook at ``path``, as the text of a notebook file."""
    student = student_notebook(nbformat.read(path, as_version=4))
    return nbformat.writes(plain_notebook(student, path)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.student_version", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        help="notebooks to convert (default: every notebook in lectures/ and case_studies/)")
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, metavar="FOLDER",
                        help="folder for the student notebooks; each keeps its path inside the repository, "
                             "e.g. FOLDER/lectures/C1_introduction.ipynb "
                             f"(default: the committed student edition, {DEFAULT_OUT})")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a student notebook in FOLDER is missing or stale")
    args = parser.parse_args(argv)
    for missing in [path for path in args.notebooks if not path.is_file()]:
        parser.error(f"no such notebook: {missing}")
    stale = []
    for path in args.notebooks or course_notebooks():
        path = path.resolve()
        inside = path.is_relative_to(ROOT)
        target = args.out / (path.relative_to(ROOT) if inside else path.name)
        text = student_edition(path)
        if args.check:
            if not target.is_file() or target.read_text() != text:
                stale.append(_shown(target))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        print(f"wrote {_shown(target)}")
    if args.check:
        print("stale: " + ", ".join(stale) + "\n(regenerate: python -m tools.student_version)" if stale
              else "the student edition is up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
