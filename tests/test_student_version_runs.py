"""The student versions of the lectures (solutions removed) run end to end.

Every notebook's student version is checked structurally in test_student_edition.py;
this test executes the eight lectures' committed student editions (``student/``) and
checks that each exercise check answers "not attempted yet" instead of failing. The
case studies' student editions run in their own test files
(test_student_case_study_*_runs.py), so that the parallel workers share the load.
"""

import pytest

from notebook_helpers import run_student_edition
from tools.notebooks import ROOT

LECTURES = sorted((ROOT / "lectures").glob("*.ipynb"))


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_student_version_runs_and_reports_not_attempted(path, tmp_path):
    run_student_edition(path, tmp_path)
