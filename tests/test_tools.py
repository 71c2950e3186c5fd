"""The repository's own scripts: Colab cell, student versions, benchmark table."""

import nbformat
import pytest

from benchmarks.run_notebooks import render_markdown, switch_full_on
from notebook_helpers import IDS, NOTEBOOKS, read
from tools import student_version
from tools.notebooks import colab_cell_source, repository_url


def test_colab_cell_installs_from_the_configured_repository_only_in_colab():
    source = colab_cell_source()
    assert repository_url() in source and "#subdirectory=utils" in source
    assert 'if "google.colab" in sys.modules:' in source
    assert "torch" not in source.replace("Colab's own torch", "")


def test_answer_names_are_public_assignments_and_definitions():
    source = "_tmp = 1\nanswer = 2\ndef fn(x):\n    return x\nlam, mu = 1, 2\n"
    assert student_version.answer_names(source) == ["answer", "fn", "lam", "mu"]


def _exercise_notebook():
    cells = [
        nbformat.v4.new_markdown_cell("```{exercise} T\n:label: ex\n```"),
        nbformat.v4.new_markdown_cell("```{solution-start} ex\n:class: dropdown\n```"),
        nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```"),
        nbformat.v4.new_code_cell("feedback = check(answer)"),
        nbformat.v4.new_code_cell("assert feedback.passed", metadata={"tags": ["solution", "remove-cell"]}),
    ]
    return nbformat.v4.new_notebook(cells=cells)


def test_student_version_replaces_solutions_by_placeholders():
    student = student_version.student_notebook(_exercise_notebook())
    sources = [cell.source for cell in student.cells]
    assert sources[1] == "answer = None  # your answer here"
    assert "feedback = check(answer)" in sources
    assert not any("42" in s or "feedback.passed" in s for s in sources)


def test_student_version_rejects_unbalanced_blocks():
    notebook = _exercise_notebook()
    del notebook.cells[3]
    with pytest.raises(ValueError, match="solution-end"):
        student_version.student_notebook(notebook)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_has_a_student_version_without_solutions(path):
    solved = read(path)
    student = student_version.student_notebook(solved)
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    stubs = [c for c in student.cells if c.cell_type == "code" and c.source.endswith("# your answer here")]
    assert len(stubs) == solved_count(solved) >= 3


def solved_count(notebook):
    return sum("{solution-start}" in c.source for c in notebook.cells if c.cell_type == "markdown")


def test_benchmark_table_lists_times_metrics_and_references():
    results = {"machine": "test machine", "notebooks": {
        "lectures/X.ipynb": {"seconds": 12.3, "metrics": {"c1_digits_test_accuracy": 0.97}},
        "lectures/Y.ipynb": {"seconds": 4.0, "metrics": {}},
    }}
    table = render_markdown(results)
    assert "Measured on: test machine." in table
    assert "**lectures/X.ipynb**: 12 s\n" in table
    assert "\n| `c1_digits_test_accuracy` | 0.97 | " in table and "≥ 0.90" in table
    assert "**lectures/Y.ipynb**: 4 s\n" in table  # a run without metrics gets no table


def test_benchmark_table_marks_a_failed_run_and_keeps_its_metrics():
    results = {"machine": "m", "notebooks": {"case_studies/Z.ipynb": {
        "seconds": 7.0, "metrics": {"z_error": 0.5}, "failed": "AssertionError: error 5e-1 | above\ntarget"}}}
    table = render_markdown(results)
    assert "**case_studies/Z.ipynb**: 7 s (**failed**: AssertionError: error 5e-1 / above target)\n" in table
    assert "\n| `z_error` | 0.5 | " in table


def test_full_switch_turns_on_only_the_flag_line():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("FULL = False in prose stays"),
        nbformat.v4.new_code_cell("FULL = False  # longer run\nN = 10 if FULL else 1\nNOT_FULL = False"),
    ])
    switch_full_on(notebook)
    assert notebook.cells[0].source == "FULL = False in prose stays"
    assert notebook.cells[1].source.splitlines() == ["FULL = True  # longer run", "N = 10 if FULL else 1", "NOT_FULL = False"]
    with pytest.raises(ValueError, match="FULL = False"):
        switch_full_on(notebook)


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if "FULL = False" in p.read_text()], ids=lambda p: p.stem)
def test_notebooks_with_a_full_setting_can_be_switched(path):
    switch_full_on(read(path))
