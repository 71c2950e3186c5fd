"""The repository's own scripts: Colab cell, student versions, benchmark table."""

import ast
import os
import pathlib
import subprocess
import sys
import time

import nbformat
import pytest

from benchmarks.run_notebooks import render_markdown, switch_full_on
from notebook_helpers import IDS, NOTEBOOKS, read
from tools import student_version
from tools.notebooks import ROOT, colab_cell_source, repository_url


def test_colab_cell_installs_from_the_configured_repository_only_in_colab():
    source = colab_cell_source()
    assert repository_url() in source and "#subdirectory=utils" in source
    assert 'if "google.colab" in sys.modules:' in source
    assert "torch" not in source.replace("Colab's own torch", "")


def test_answer_names_are_public_assignments_and_definitions():
    source = "_tmp = 1\nanswer = 2\ndef fn(x):\n    return x\nlam, mu = 1, 2\n"
    assert student_version.answer_names(source) == ["answer", "fn", "lam", "mu"]


def test_answer_names_include_for_with_and_import_bindings_but_not_inner_scopes():
    source = (
        "import numpy as np\nfrom math import pi, tau as turn\n"
        "with open('f') as handle:\n    inside_with = 1\n"
        "for k, (a, b) in enumerate([]):\n    inside_for = k\n"
        "if True:\n    inside_if = 1\n"
        "def f(x):\n    local = x\n    return [y for y in x]\n"
    )
    assert student_version.answer_names(source) == [
        "np", "pi", "turn", "handle", "inside_with", "k", "a", "b", "inside_for", "inside_if", "f"]


def _exercise_notebook():
    cells = [
        nbformat.v4.new_markdown_cell("```{exercise} T\n:label: ex\nAssign `answer`.\n```"),
        nbformat.v4.new_markdown_cell("```{solution-start} ex\n:class: dropdown\n```"),
        nbformat.v4.new_code_cell("step = 41\nanswer = step + 1", metadata={"tags": ["solution"]}),
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
    assert not any("42" in s or "41" in s or "feedback.passed" in s for s in sources)


def test_placeholders_name_only_what_the_check_uses():
    student = student_version.student_notebook(_exercise_notebook())
    assert "step" not in student.cells[1].source  # an intermediate name of the solution


def test_student_version_keeps_a_statement_that_shares_a_cell_with_its_solution():
    notebook = _exercise_notebook()
    statement, start = notebook.cells[0].source, notebook.cells[1].source
    notebook.cells[0].source = f"## Exercises\n\nTry first.\n\n{statement}\n\n{start}\nWorked solution."
    del notebook.cells[1]
    student = student_version.student_notebook(notebook)
    assert student.cells[0].source == f"## Exercises\n\nTry first.\n\n{statement}"
    assert student.cells[1].source == "answer = None  # your answer here"
    assert not any("Worked solution" in cell.source for cell in student.cells)


def test_student_version_keeps_text_after_a_solution_end():
    notebook = _exercise_notebook()
    notebook.cells[3].source += "\n\nA remark for everyone."
    sources = [cell.source for cell in student_version.student_notebook(notebook).cells]
    assert sources[1:3] == ["answer = None  # your answer here", "A remark for everyone."]


@pytest.mark.parametrize("drop, message", [(3, "solution-end"), (1, "without its")])
def test_student_version_rejects_unbalanced_blocks(drop, message):
    notebook = _exercise_notebook()
    del notebook.cells[drop]
    with pytest.raises(ValueError, match=message):
        student_version.student_notebook(notebook)


def test_student_version_strips_outputs_and_widget_state():
    notebook = _exercise_notebook()
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    notebook.cells[4].outputs = [nbformat.v4.new_output("stream", text="old")]
    notebook.cells[4].execution_count = 7
    student = student_version.student_notebook(notebook)
    assert "widgets" not in student.metadata
    codes = [c for c in student.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in codes)


def _bound(source):
    visitor = student_version._Bindings()
    try:
        visitor.visit(ast.parse(source))
    except SyntaxError:  # an IPython magic
        pass
    return set(visitor.names)


@pytest.fixture(scope="module")
def versions():
    return {path.stem: (read(path), student_version.student_notebook(read(path))) for path in NOTEBOOKS}


@pytest.mark.parametrize("stem", IDS)
def test_every_notebook_has_a_student_version_without_solutions(versions, stem):
    solved, student = versions[stem]
    nbformat.validate(student)
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    stubs = [c for c in student.cells if c.cell_type == "code" and c.source.endswith("# your answer here")]
    assert len(stubs) == solved_count(solved) >= 3
    markdown = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    for marker in ("{solution-start}", "{solution-end}", ":class: dropdown"):
        assert marker not in markdown
    solved_markdown = [c.source for c in solved.cells if c.cell_type == "markdown"]
    assert markdown.count("{exercise}") == sum(source.count("{exercise}") for source in solved_markdown)


@pytest.mark.parametrize("stem", IDS)
def test_placeholders_name_only_answers_the_checks_use(versions, stem):
    _, student = versions[stem]
    codes = [c.source for c in student.cells if c.cell_type == "code"]
    stubs = [s for s in codes if s.endswith("# your answer here")]
    checks = set().union(*(student_version.used_names(s) for s in codes if s not in stubs))
    for stub in stubs:
        for line in stub.splitlines():
            assert line.split(" = ")[0] in checks, f"{stem}: {line} is not used by any check"


@pytest.mark.parametrize("stem", IDS)
def test_student_cells_use_no_name_that_only_a_dropped_solution_defined(versions, stem):
    solved, student = versions[stem]
    kept = {c.get("id") for c in student.cells}
    dropped_cells = [c for c in solved.cells if c.cell_type == "code" and c.get("id") not in kept]
    dropped = set().union(*(_bound(c.source) for c in dropped_cells))
    codes = [c.source for c in student.cells if c.cell_type == "code"]
    defined = set().union(*map(_bound, codes))
    used = set().union(*map(student_version.used_names, codes))
    assert not used & (dropped - defined)


def test_student_c2_keeps_its_exercise_section_and_every_statement(versions):
    solved, student = versions["C2_function_approximation"]
    markdown = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    assert "## Exercises" in markdown and "Each exercise has an answer cell" in markdown
    for title in ("Depth against width, counted", "Yarotsky's square", "Predict a Chebyshev rate",
                  "The Fourier rate of a kink"):
        assert title in markdown
    assert "Each composition doubles the pieces" not in markdown  # the first worked solution


@pytest.mark.parametrize("stem, hidden", [
    ("D4_weather_forecasting", {"anomalies", "clim_all", "today_anomaly", "damped_rmse"}),
    ("C2_function_approximation",
     {"runge10", "n_check", "err_check", "g6", "yarotsky_error", "kink", "n_fourier"}),
])
def test_placeholders_do_not_reveal_the_solution_steps(versions, stem, hidden):
    _, student = versions[stem]
    stubs = "\n".join(c.source for c in student.cells
                      if c.cell_type == "code" and c.source.endswith("# your answer here"))
    assert not {line.split(" = ")[0] for line in stubs.splitlines()} & hidden


def test_student_c1_carries_no_stale_widget_state_or_outputs(versions):
    solved, student = versions["C1_introduction"]
    assert "widgets" in solved.metadata  # what there is to strip
    assert "widgets" not in student.metadata
    assert not any(c.get("outputs") for c in student.cells if c.cell_type == "code")
    assert len(nbformat.writes(student)) < 150_000


def test_student_version_help_explains_out_and_its_default():
    result = subprocess.run([sys.executable, "-m", "tools.student_version", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert "--out FOLDER" in result.stdout and "default: the committed student edition" in result.stdout
    assert "--check" in result.stdout


def test_student_version_prints_where_it_really_wrote(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = ROOT / "case_studies" / "CS2_fno_burgers.ipynb"
    assert student_version.main(["--out", "student_copies", str(source)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == f"wrote {pathlib.Path('student_copies', 'case_studies', 'CS2_fno_burgers.ipynb')}"
    assert (tmp_path / printed.removeprefix("wrote ")).is_file()
    student_version.main(["--out", str(tmp_path / "elsewhere"), str(source)])
    assert capsys.readouterr().out.strip() == "wrote elsewhere/case_studies/CS2_fno_burgers.ipynb"


def solved_count(notebook):
    return sum("{solution-start}" in c.source for c in notebook.cells if c.cell_type == "markdown")


def test_benchmark_table_lists_times_metrics_spread_and_references(monkeypatch):
    from benchmarks import run_notebooks

    monkeypatch.setattr(run_notebooks, "_seed_spreads",
                        lambda: ("seed machine",
                                 {"lectures/X.ipynb": {"c1_digits_test_accuracy": (0.95, 0.96, 0.98, 4)}}))
    results = {"machine": "test machine", "notebooks": {
        "lectures/X.ipynb": {"seconds": 12.3, "metrics": {"c1_digits_test_accuracy": 0.97}},
        "lectures/X.ipynb, FULL = True": {"seconds": 40.0, "metrics": {"c1_digits_test_accuracy": 0.99}},
        "lectures/Y.ipynb": {"seconds": 4.0, "metrics": {}},
    }}
    table = render_markdown(results)
    assert "test machine" in table and "seed machine" in table
    assert "## X\n\nOne run: 12 s" in table and "## Y\n\nOne run: 4 s" in table
    assert "| `c1_digits_test_accuracy` | 0.97 | 0.96 [0.95, 0.98], 4 seeds | ≥ 0.90" in table
    # the seeds ran the default settings only: the FULL row shows no spread
    assert "| `c1_digits_test_accuracy` | 0.99 |  | ≥ 0.90" in table


def test_benchmark_table_marks_a_failed_run_and_keeps_its_metrics(monkeypatch):
    from benchmarks import run_notebooks

    monkeypatch.setattr(run_notebooks, "_seed_spreads", lambda: ("", {}))
    results = {"machine": "m", "notebooks": {"case_studies/Z.ipynb": {
        "seconds": 7.0, "metrics": {"z_error": 0.5}, "failed": "AssertionError: error 5e-1 | above\ntarget"}}}
    table = render_markdown(results)
    assert "One run: 7 s (**failed**: AssertionError: error 5e-1 / above target)" in table
    assert "| `z_error` | 0.5 |" in table


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


def test_benchmark_table_names_the_machine_of_a_row_measured_elsewhere(monkeypatch):
    from benchmarks import run_notebooks

    monkeypatch.setattr(run_notebooks, "_seed_spreads", lambda: ("", {}))
    results = {"machine": "here", "notebooks": {
        "lectures/X.ipynb": {"seconds": 1.0, "metrics": {}, "machine": "here"},
        "lectures/X.ipynb, FULL = True": {"seconds": 9.0, "metrics": {}, "machine": "elsewhere"},
    }}
    table = render_markdown(results)
    assert "## X\n\nOne run: 1 s\n" in table
    assert "## X, FULL = True\n\nOne run: 9 s (measured on elsewhere)" in table


def test_timing_medians_are_rendered_beside_the_runtime_target():
    runs = [{"seconds": s, "cpu_seconds": s - 5, "load_before": 0.1, "metrics": {"cs1_rel_l2_default": e}}
            for s, e in ((290.0, 6e-4), (310.0, 7e-4), (300.0, 5e-4))]
    timing = {"case_studies/CS1_pinns_burgers.ipynb": {
        "threads_1": {"runs": runs, "median_seconds": 300.0, "median_cpu_seconds": 295.0,
                      "median_metrics": {"cs1_rel_l2_default": 6e-4, "untargeted": 1.0}},
        "machine": "test machine"}}
    table = render_markdown({"machine": "m", "notebooks": {}, "timing": timing})
    rows = [line for line in table.splitlines() if line.startswith("| CS1_pinns_burgers |")]
    assert rows[0] == "| CS1_pinns_burgers | 1 | 3 | 300 [290, 310] | 295 | 300 | 0.10 |"
    assert rows[1].startswith("| CS1_pinns_burgers | 1 | `cs1_rel_l2_default` | 0.0006 | ")
    assert len(rows) == 2 and "untargeted" not in table


def test_timing_waits_for_a_quiet_machine_only_as_long_as_allowed():
    from benchmarks.timing import wait_until_quiet

    start = time.monotonic()
    load = wait_until_quiet(threshold=-1.0, limit=0.0)  # never quiet: return at once with the load
    assert time.monotonic() - start < 5 and load >= 0.0


def test_full_training_runs_are_rendered_per_seed_with_medians_beside_the_targets(monkeypatch):
    from benchmarks import run_notebooks

    monkeypatch.setattr(run_notebooks, "_seed_spreads", lambda: ("", {}))
    recipe = {"name": "r", "phases": "128:2:1e-3", "pairs": 10, "layers": 8, "projection": 64, "width": 32,
              "modes": 32, "batch_size": 50, "threads": 1}
    one_thread = {"recipe": recipe,
                  "runs": [{"seed": s, "training_cpu_seconds": t, "validation_symmetrised": e,
                            "test_symmetrised": e, "machine": "test machine", "date": "today"}
                           for s, t, e in ((0, 1000.0, 2e-3), (1, 1100.0, 2.4e-3))],
                  "medians": {"test_symmetrised": 2.2e-3, "training_cpu_seconds": 1050.0},
                  "targets": {"test_symmetrised": 2.5e-3, "training_cpu_seconds": 1200}}
    two_threads = {"recipe": dict(recipe, threads=2),
                   "runs": [{"seed": 0, "training_cpu_seconds": 1500.0, "training_wall_seconds": 900.0,
                             "validation_symmetrised": 2e-3, "test_symmetrised": 2.1e-3,
                             "machine": "test machine", "date": "today"}],
                   "medians": {"test_symmetrised": 2.1e-3, "training_wall_seconds": 900.0},
                   "targets": {"test_symmetrised": 2.5e-3, "training_wall_seconds": 1200}}
    table = render_markdown({"machine": "m", "notebooks": {}, "full_training": {
        "case_studies/CS2.ipynb": {"threads_1": one_thread, "threads_2": two_threads}}})
    assert "| 1 | 1100 | not recorded | 0.0024 | 0.0024 | test machine |" in table
    assert "| **median** (target) | 1050 (≤ 1200) |  | | 0.0022 (≤ 0.0025) | |" in table
    assert "## CS2, FULL = True: main model, 2 threads" in table
    assert "8 layers, 2 threads." in table
    assert "| 0 | 1500 | 900 | 0.002 | 0.0021 | test machine |" in table
    assert "| **median** (target) |  | 900 (≤ 1200) | | 0.0021 (≤ 0.0025) | |" in table


def test_full_budget_targets_count_cpu_seconds_on_one_thread_and_wall_seconds_on_more():
    from benchmarks.cs2_full_budget import targets

    assert targets(1) == {"test_symmetrised": 2.5e-3, "training_cpu_seconds": 1200}
    assert targets(2) == {"test_symmetrised": 2.5e-3, "training_wall_seconds": 1200}


def test_full_budget_phases_are_parsed_as_points_epochs_and_learning_rate():
    from benchmarks.cs2_full_budget import parse_phases

    assert parse_phases("128:26:5e-3,256:6:2e-3") == [(128, 26, 5e-3), (256, 6, 2e-3)]


def test_notebook_execution_reports_the_error_that_stopped_it_and_the_kernel_cpu_time(tmp_path):
    from benchmarks.execution import execute_notebook

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import os; print(os.environ['COURSE_TEST_VARIABLE'])"),
        nbformat.v4.new_code_cell("assert False, 'claim broken'"),
        nbformat.v4.new_code_cell("print('after')"),
    ])
    times, stopped = execute_notebook(notebook, tmp_path, timeout=60, env={"COURSE_TEST_VARIABLE": "seen"})
    assert notebook.cells[0].outputs[0]["text"] == "seen\n"
    assert stopped == {"error": "AssertionError", "message": "claim broken"}
    assert not notebook.cells[2].outputs and times["seconds"] > 0 and times["cpu_seconds"] > 0
    times, stopped = execute_notebook(notebook, tmp_path, timeout=60, allow_errors=True,
                                      env={"COURSE_TEST_VARIABLE": "seen"})
    assert stopped is None and notebook.cells[2].outputs[0]["text"] == "after\n"
    assert "COURSE_TEST_VARIABLE" not in os.environ


def test_notebook_execution_survives_output_widgets(tmp_path):
    from benchmarks.execution import execute_notebook

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import ipywidgets\nout = ipywidgets.Output()\ndisplay(out)\nwith out:\n    print('inside')")])
    times, stopped = execute_notebook(notebook, tmp_path, timeout=60, allow_errors=True)
    assert stopped is None and not any(o.get("output_type") == "error" for o in notebook.cells[0].outputs)


def test_case_study_two_benchmarks_rebuild_the_notebooks_data_settings():
    from benchmarks import cs2_data

    notebook = read(ROOT / "case_studies" / "CS2_fno_burgers.ipynb")
    switch_full_on(notebook)  # the FULL budget script rebuilds FULL's extra pairs
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    settings: dict = {}
    exec(next(source for source in code if source.startswith("FULL = True")), settings)
    assert (settings["N_GRID"], settings["N_PAPER"], settings["N_TEST"]) == (
        cs2_data.N_GRID, cs2_data.N_PAPER, cs2_data.N_TEST)
    assert settings["EXTRA_SOLVER"] == cs2_data.solver_points(cs2_data.HARD_NU)
    data_cell = next(source for source in code if source.startswith("data = {nu: spectral_burgers.burgers_dataset("))
    assert cs2_data.solver_points(0.1) == cs2_data.solver_points(0.01)
    assert (f"n_solver={cs2_data.solver_points(cs2_data.HARD_NU)} if nu == {cs2_data.HARD_NU:g} "
            f"else {cs2_data.solver_points(0.1)}, seed={cs2_data.DATA_SEED})") in data_cell
