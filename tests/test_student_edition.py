"""The committed student edition: in sync with the notebooks, in plain Markdown, linked from the book."""

import re

import nbformat
import pytest

from notebook_helpers import IDS, NOTEBOOKS
from tools import plain_markdown, student_version
from tools.notebooks import ROOT

STUDENT = student_version.DEFAULT_OUT


def test_the_committed_student_edition_is_up_to_date(capsys):
    assert student_version.main(["--check"]) == 0, capsys.readouterr().out


def test_check_reports_a_stale_student_notebook(tmp_path, capsys):
    source = ROOT / "lectures" / "C1_introduction.ipynb"
    assert student_version.main(["--out", str(tmp_path), str(source)]) == 0
    assert student_version.main(["--out", str(tmp_path), "--check", str(source)]) == 0
    target = tmp_path / "lectures" / "C1_introduction.ipynb"
    target.write_text(target.read_text().replace("Exercise 1", "Exercise one"))
    assert student_version.main(["--out", str(tmp_path), "--check", str(source)]) == 1
    assert "stale" in capsys.readouterr().out


def test_regenerating_gives_the_same_file():
    """Cell ids are derived from the solved notebook's: no churn in the committed edition."""
    source = ROOT / "lectures" / "C2_function_approximation.ipynb"
    assert student_version.student_edition(source) == student_version.student_edition(source)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_markdown_has_no_myst_left(path):
    student = nbformat.read(STUDENT / path.relative_to(ROOT), as_version=4)
    markdown = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    for raw in ("{exercise}", "{solution", "{cite", "{doc}", ":label:", ":class:"):
        assert raw not in markdown, f"{raw} left in {path.name}'s student edition"
    headings = re.findall(r"^### Exercise (\d+)", markdown, re.M)
    assert headings and [int(n) for n in headings] == list(range(1, len(headings) + 1))


def test_exercise_directive_becomes_a_numbered_heading():
    source = "Intro.\n\n```{exercise} A title\n:label: c9-ex\n:class: dropdown\nDo $x^2$.\n```\nAfter."
    assert plain_markdown.plain_markdown(source, "lectures", iter([2])) == (
        "Intro.\n\n### Exercise 2 · A title\n\nDo $x^2$.\nAfter.")


def test_colon_fenced_exercise_and_targets():
    source = "(my-target)=\n:::{exercise}\n:label: x\nBody.\n:::"
    assert plain_markdown.plain_markdown(source, "lectures", iter([1])) == "### Exercise 1\n\nBody."


def test_citations_read_author_year():
    key, (authors, year) = next(iter(plain_markdown.bibliography().items()))
    assert plain_markdown.plain_markdown(f"As shown {{cite:p}}`{key}`.", "lectures", iter([])) == (
        f"As shown ({authors}, {year}).")
    assert plain_markdown.plain_markdown(f"{{cite:t}}`{key}` show", "lectures", iter([])) == (
        f"{authors} ({year}) show")
    assert plain_markdown._cite("cite:p", f"{key}, {key}") == f"({authors}, {year}; {authors}, {year})"


def test_three_or_more_authors_are_et_al():
    assert any(authors.endswith(" et al.") for authors, _ in plain_markdown.bibliography().values())


def test_doc_links_go_to_the_published_page():
    text = plain_markdown.plain_markdown("See {doc}`../book/results` and {doc}`the intro <C1_introduction>`.",
                                         "lectures", iter([]))
    base = plain_markdown.book_url()
    assert f"]({base}book/results.html)" in text
    assert f"[the intro]({base}lectures/C1_introduction.html)" in text
    assert base.startswith("https://") and base.endswith("/")


@pytest.mark.parametrize("source, message", [
    ("{cite:p}`no-such-key-2099`", "not in the course bibliography"),
    ("{doc}`../book/no_such_page`", "not a page of the book"),
    ("{ref}`somewhere`", "no plain-Markdown form"),
    ("```{exercise} Open\nbody", "no closing"),
])
def test_what_cannot_be_converted_is_an_error(source, message):
    with pytest.raises(ValueError, match=message):
        plain_markdown.plain_markdown(source, "lectures", iter([1]))
