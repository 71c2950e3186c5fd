"""The student versions of the lectures (solutions removed) run end to end.

Every notebook's student version is checked structurally in test_tools.py; this
test executes the eight lectures' committed student editions (``student/``) and checks that each
exercise check answers "not attempted yet" instead of failing. The two case
studies (6 and 9 minutes) are checked structurally only, to keep the suite
under 30 minutes; their checks use the same checker core.
"""

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tools import student_version
from tools.notebooks import ROOT

LECTURES = sorted((ROOT / "lectures").glob("*.ipynb"))


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_student_version_runs_and_reports_not_attempted(path, tmp_path):
    # the committed student edition, as students get it (test_student_edition keeps it in sync)
    student = nbformat.read(student_version.DEFAULT_OUT / path.relative_to(ROOT), as_version=4)
    NotebookClient(student, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    checks = [cell for cell in student.cells
              if cell.cell_type == "code" and re.search(r"feedback = \w+\.check_", cell.source)]
    assert len(checks) >= 3
    for cell in checks:
        shown = " ".join(str(output.get("data", {})) for output in cell.outputs)
        assert "not attempted" in shown, cell.source
