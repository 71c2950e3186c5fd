"""Every notebook follows the course skeleton and is committed executed."""

import re

import pytest

from notebook_helpers import IDS, NOTEBOOKS, code_source, markdown_source, read
from tools.notebooks import colab_cell_source

pytestmark = pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)


def test_opens_with_title_goals_prerequisites_and_runtime(path):
    first = read(path).cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    for heading in ("Learning goals", "Prerequisites", "Runtime"):
        assert heading in first.source, f"{path.name}: no '{heading}' in the opening cell"


def test_first_code_cell_is_the_shared_colab_cell(path):
    notebook = read(path)
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert first_code.source == colab_cell_source(), "run: python -m tools.colab_cell"


def test_uses_the_course_setup_and_kernel(path):
    notebook = read(path)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    code = code_source(notebook)
    assert re.search(r"\.setup\(seed=\d+", code), "notebooks start with course_device.setup(seed=...)"
    assert "sys.path" not in code
    assert not re.search(r"urlretrieve|requests\.get|download=True|wget |curl ", code)


def test_claims_are_asserted_and_metrics_recorded(path):
    code = code_source(read(path))
    assert len(re.findall(r"^\s*assert\b", code, re.M)) >= 5
    assert "metrics.record(" in code


def test_ends_with_exercises_summary_and_references(path):
    notebook = read(path)
    text = markdown_source(notebook)
    for heading in ("## Exercises", "## Summary", "## References"):
        assert heading in text, f"{path.name}: missing {heading}"
    exercises = re.findall(r"```\{exercise\}", text)
    starts = re.findall(r"```\{solution-start\}", text)
    assert len(exercises) >= 3 and len(starts) == len(exercises)
    assert "{cite" in text


def test_committed_executed_with_outputs(path):
    notebook = read(path)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code_cells[1:]), "re-run benchmarks.run_notebooks"
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for c in code_cells for o in c.outputs), "no figure in the committed outputs"
    errors = [o for c in code_cells for o in c.outputs if o.get("output_type") == "error"]
    assert not errors, "a committed cell output is an error"


def test_widget_cells_are_excluded_from_output_comparison(path):
    for cell in read(path).cells:
        if cell.cell_type == "code" and re.search(r"\binteract\(|frame_slider\(", cell.source):
            assert "nbval-ignore-output" in cell.metadata.get("tags", []), cell.source[:60]


def test_every_random_stream_goes_through_the_run_seed(path):
    # SCIML_SEED can shift a stream only if it is seeded through sciml_course.seeding
    raw = re.compile(r"np\.random\.default_rng\(|torch\.Generator\(|torch\.manual_seed\(|np\.random\.seed\(")
    offending = [line.strip() for cell in read(path).cells if cell.cell_type == "code"
                 for line in cell.source.splitlines() if raw.search(line)]
    assert not offending, offending


def test_solutions_are_tagged_so_the_student_edition_drops_them(path):
    """Code inside {solution-start} … {solution-end} is tagged `solution`; a cell asserting a check's
    verdict is tagged `solution` and `remove-cell` (else students meet a failing assert); no empty cells."""
    inside = False
    for index, cell in enumerate(read(path).cells):
        tags = cell.metadata.get("tags", [])
        assert cell.source.strip(), f"{path.name}: cell {index} is empty"
        if cell.cell_type == "markdown":
            inside = ("{solution-start}" in cell.source or inside) and "{solution-end}" not in cell.source
        elif inside:
            assert "solution" in tags, f"{path.name}: solution code cell {index} not tagged 'solution'"
        if cell.cell_type == "code" and re.search(r"assert\s+feedback\.passed", cell.source):
            assert {"solution", "remove-cell"} <= set(tags), f"{path.name}: cell {index} asserts a verdict untagged"
