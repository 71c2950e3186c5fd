"""Turn the notebooks' MyST into plain Markdown, for the student edition.

The book's notebooks are written in MyST: ``{exercise}`` directives, citation
roles (``{cite:p}`key` ``) and page links (``{doc}`../book/results` ``). Jupyter
Book renders them; Colab and a JupyterLab without the MyST extension show them
raw (a monospace block with ``:label:`` lines, literal roles). The student
edition is read exactly there, so :func:`plain_markdown` rewrites them:

* an exercise becomes a heading, ``### Exercise 2 · Title``, numbered per
  notebook as in the book, followed by its statement;
* ``{cite:p}`a,b` `` becomes ``(Raissi et al., 2019; Li et al., 2021)`` and
  ``{cite:t}`a` `` becomes ``Raissi et al. (2019)``, from the course
  bibliography;
* ``{doc}`target` `` and ``{doc}`text <target>` `` become links to the page of
  the published book;
* MyST targets (``(label)=`` lines) are dropped.

Dollar maths, tables and code blocks are plain Markdown already and stay.
"""

from __future__ import annotations

import functools
import pathlib
import posixpath
import re
from collections.abc import Iterable

import nbformat
import yaml
from pybtex.database import parse_file

from tools.notebooks import ROOT, repository_url

_FENCE = re.compile(r"^(`{3,}|:{3,})\{exercise\}\s*(.*)$")
_OPTION = re.compile(r"^:[\w-]+:")
_TARGET = re.compile(r"^\([\w-]+\)=\s*$")
_ROLE = re.compile(r"\{(cite:p|cite:t|doc)\}`([^`]*)`")
_UNKNOWN_ROLE = re.compile(r"\{[a-z]+(?::[a-z]+)?\}`")


def book_url() -> str:
    """The published book's address: GitHub Pages of the repository in ``_config.yml``."""
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", repository_url())
    if not match:
        raise RuntimeError(f"cannot derive the GitHub Pages address from {repository_url()!r}")
    owner, name = match.groups()
    return f"https://{owner}.github.io/{name}/"


@functools.lru_cache(maxsize=1)
def bibliography() -> dict[str, tuple[str, str]]:
    """Every key of the course bibliography → (authors as cited, year)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    entries: dict[str, tuple[str, str]] = {}
    for bibfile in config["bibtex_bibfiles"]:
        for key, entry in parse_file(str(ROOT / bibfile), bib_format="bibtex").entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            last = [" ".join(person.last_names).replace("{", "").replace("}", "") for person in people]
            if not last:
                authors = entry.fields.get("organization", entry.fields.get("title", key)).strip("{}")
            elif len(last) == 1:
                authors = last[0]
            elif len(last) == 2:
                authors = f"{last[0]} and {last[1]}"
            else:
                authors = f"{last[0]} et al."
            entries[key] = (authors, entry.fields.get("year", "n.d."))
    return entries


def _cite(kind: str, keys: str) -> str:
    found = []
    for key in (k.strip() for k in keys.split(",")):
        if key not in bibliography():
            raise ValueError(f"citation key {key!r} is not in the course bibliography")
        found.append(bibliography()[key])
    if kind == "cite:t":
        return "; ".join(f"{authors} ({year})" for authors, year in found)
    return "(" + "; ".join(f"{authors}, {year}" for authors, year in found) + ")"


@functools.lru_cache(maxsize=None)
def _page_title(docname: str) -> str:
    """The first heading of a page of the book (a notebook or a Markdown file)."""
    notebook, markdown = ROOT / f"{docname}.ipynb", ROOT / f"{docname}.md"
    if notebook.exists():
        text = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "markdown")
    elif markdown.exists():
        text = markdown.read_text()
    else:
        raise ValueError(f"{{doc}} target {docname!r} is not a page of the book")
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    return heading.group(1).strip() if heading else docname


def _link(argument: str, folder: str) -> str:
    text_and_target = re.fullmatch(r"(.*?)\s*<([^>]+)>", argument)
    text, target = text_and_target.groups() if text_and_target else (None, argument)
    docname = posixpath.normpath(posixpath.join(folder, target.strip())) if not target.startswith("/") \
        else target.lstrip("/")
    return f"[{text or _page_title(docname)}]({book_url()}{docname}.html)"


def _exercise_block(lines: list[str], number: int, title: str) -> list[str]:
    body = [line for line in lines if not _OPTION.match(line)]
    while body and not body[0].strip():
        body.pop(0)
    heading = f"### Exercise {number}" + (f" · {title.strip()}" if title.strip() else "")
    return [heading, ""] + body


def plain_markdown(source: str, folder: str, numbers: Iterable[int]) -> str:
    """``source`` with its MyST turned into plain Markdown.

    ``folder`` is the notebook's folder inside the repository (``"lectures"``),
    against which ``{doc}`` targets are resolved; ``numbers`` yields the
    exercise numbers in order (share one iterator across a notebook's cells).

    Examples
    --------
    >>> print(plain_markdown("```{exercise} Sum\\n:label: x\\nAdd $1+1$.\\n```", "lectures", iter([3])))
    ### Exercise 3 · Sum
    <BLANKLINE>
    Add $1+1$.
    """
    numbers = iter(numbers)
    out: list[str] = []
    lines = source.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE.match(line.strip())
        if opening:
            fence, title = opening.groups()
            end = next((j for j in range(index + 1, len(lines)) if lines[j].strip() == fence), None)
            if end is None:
                raise ValueError(f"exercise {title!r} has no closing {fence}")
            out += _exercise_block(lines[index + 1:end], next(numbers), title)
            index = end + 1
            continue
        if not _TARGET.match(line):
            out.append(line)
        index += 1
    text = "\n".join(out)

    def replace(match: re.Match) -> str:
        kind, argument = match.groups()
        return _link(argument, folder) if kind == "doc" else _cite(kind, argument)

    text = _ROLE.sub(replace, text)
    leftover = _UNKNOWN_ROLE.search(text)
    if leftover:
        raise ValueError(f"no plain-Markdown form for the MyST role {leftover.group(0)!r}")
    return text


def plain_notebook(notebook: nbformat.NotebookNode, path: pathlib.Path) -> nbformat.NotebookNode:
    """A copy of ``notebook`` (found at ``path``) whose Markdown cells are plain Markdown."""
    copy = nbformat.from_dict(notebook)
    folder = path.resolve().parent.relative_to(ROOT).as_posix() if path.resolve().is_relative_to(ROOT) else ""
    numbers = iter(range(1, 1000))
    for cell in copy.cells:
        if cell.cell_type == "markdown":
            cell.source = plain_markdown(cell.source, folder, numbers)
    return copy
