"""sciml_course.studies: the long studies' stored results travel with the package."""

import importlib.metadata
import json

import pytest

from sciml_course import studies
from tools.notebooks import ROOT


@pytest.mark.parametrize("name", sorted(studies.SCRIPTS))
def test_every_study_is_stored_as_package_data_and_loads(name):
    assert studies.path(name).is_file(), f"run python -m {studies.SCRIPTS[name]}"
    assert isinstance(studies.load(name), dict)
    script = ROOT / (studies.SCRIPTS[name].replace(".", "/") + ".py")
    assert script.is_file() and f'"{name}"' in script.read_text(), f"{script.name} writes studies.path({name!r})"


def test_a_missing_study_names_the_script_that_writes_it(tmp_path, monkeypatch):
    monkeypatch.setattr(studies, "FOLDER", tmp_path)
    with pytest.raises(FileNotFoundError, match="benchmarks.cs1_ablation_study"):
        studies.load("cs1_ablation")
    (tmp_path / "cs1_ablation.json").write_text(json.dumps({"seeds": 2}))
    assert studies.load("cs1_ablation") == {"seeds": 2}


def test_the_package_declares_the_studies_as_package_data():
    pyproject = (ROOT / "utils" / "pyproject.toml").read_text()
    assert 'sciml_course = ["studies/*.json"]' in pyproject
    assert importlib.metadata.version("sciml-course")


def test_no_notebook_reads_results_from_the_repository_layout():
    """In Colab only the package is installed: a notebook must not open ../benchmarks/... itself."""
    from notebook_helpers import NOTEBOOKS, read

    for path in NOTEBOOKS:
        code = "\n".join(c.source for c in read(path).cells if c.cell_type == "code")
        assert '"benchmarks"' not in code and "../benchmarks" not in code, path.name
