"""Case study one's student edition (solutions removed) runs end to end.

A file of its own: pytest-xdist (``--dist loadfile``) gives each file to one worker,
so the two case studies' student editions and the lectures' run side by side.
"""

from notebook_helpers import run_student_edition
from tools.notebooks import ROOT


def test_student_edition_runs_and_reports_not_attempted(tmp_path):
    run_student_edition(ROOT / "case_studies" / "CS1_pinns_burgers.ipynb", tmp_path)
