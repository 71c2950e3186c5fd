"""The student version of lecture C1 (solutions removed) runs end to end.

Every notebook's student version is checked structurally in test_tools.py; this
test executes C1's, the lecture that proves the mechanism, and checks that each
exercise check answers "not attempted yet" instead of failing.
"""

import nbformat
from nbclient import NotebookClient

from tools import student_version
from tools.notebooks import ROOT


def test_c1_student_version_runs_and_reports_not_attempted(tmp_path):
    solved = nbformat.read(ROOT / "lectures" / "C1_introduction.ipynb", as_version=4)
    student = student_version.student_notebook(solved)
    NotebookClient(student, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    checks = [cell for cell in student.cells if cell.cell_type == "code" and "feedback = c1.check_" in cell.source]
    assert len(checks) == 4
    for cell in checks:
        shown = " ".join(str(output.get("data", {})) for output in cell.outputs)
        assert "not attempted" in shown, cell.source
