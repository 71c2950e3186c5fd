"""The environment: what the package declares, the lock, Binder, CI and the test browser.

The course package declares what the notebooks import, and its core imports
alone; requirements.lock pins every installed package; binder/ and the CI
workflow install the same torch and the course package.
"""

from __future__ import annotations

import ast
import importlib.metadata
import site
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from notebook_helpers import NOTEBOOKS, read
from tools import browser, lock
from tools.notebooks import ROOT, import_statements

PROJECT = tomllib.loads((ROOT / "utils" / "pyproject.toml").read_text())["project"]
CORE = [Requirement(r) for r in PROJECT["dependencies"]]
NOTEBOOKS_EXTRA = [Requirement(r) for r in PROJECT["optional-dependencies"]["notebooks"]]


def _names(requirements) -> set[str]:
    return {canonicalize_name(r.name) for r in requirements}


def notebook_imports(notebook) -> set[str]:
    """Top-level modules named by the code cells' ``import x`` / ``from x import y``."""
    modules = set()
    for node in import_statements(notebook):
        if isinstance(node, ast.Import):
            modules.update(alias.name.partition(".")[0] for alias in node.names)
        else:
            modules.add(node.module.partition(".")[0])
    return modules


def test_notebook_imports_are_found_in_magic_and_plain_cells():
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('if True:\n    %pip install x\nimport numpy as np, os.path\n'),
        nbformat.v4.new_code_cell("from neuralop.models import FNO\nfrom . import local\n"),
        nbformat.v4.new_markdown_cell("import pandas"),
    ])
    assert notebook_imports(notebook) == {"numpy", "os", "neuralop"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_imports_are_declared_by_the_core_or_the_notebooks_extra(path):
    declared = _names(CORE) | _names(NOTEBOOKS_EXTRA)
    providers = importlib.metadata.packages_distributions()
    undeclared = {}
    for module in sorted(notebook_imports(read(path))):
        if module in sys.stdlib_module_names or module == "sciml_course":
            continue
        dists = {canonicalize_name(d) for d in providers.get(module, [])}
        if not dists & declared:
            undeclared[module] = sorted(dists) or "no installed distribution"
    assert not undeclared, (
        f"{path.name} imports modules that utils/pyproject.toml declares neither as a core "
        f"dependency nor in the notebooks extra (Colab would lack them): {undeclared}"
    )


def _closure(requirements) -> set[str]:
    """Canonical names of the installed distributions that ``requirements`` pull in."""
    seen: set[tuple[str, str]] = set()
    todo = [(r, extra) for r in requirements for extra in ("", *r.extras)]
    while todo:
        requirement, extra = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        for line in dist.requires or []:
            child = Requirement(line)
            if child.marker is None or child.marker.evaluate({"extra": extra}):
                todo.extend((child, e) for e in ("", *child.extras))
    return {name for name, _ in seen}


def optional_modules() -> list[str]:
    """Top-level modules installed only by the notebooks extra (not by the core)."""
    only_extra = _closure(NOTEBOOKS_EXTRA) - _closure(CORE)
    return sorted(
        module
        for module, dists in importlib.metadata.packages_distributions().items()
        if {canonicalize_name(d) for d in dists} <= only_extra
    )


BLOCKED_IMPORT = """
import importlib, pkgutil, sys

sys.path.insert(0, sys.argv[1])
BLOCKED = set(sys.argv[2:])


class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)


sys.meta_path.insert(0, Blocker())
import sciml_course

for info in pkgutil.walk_packages(sciml_course.__path__, "sciml_course."):
    importlib.import_module(info.name)
assert not BLOCKED & {m.partition(".")[0] for m in sys.modules}, "a blocked module was imported"

from sciml_course import data, fem

for call in (lambda: fem.domain_mesh("square", 1), lambda: data.digits()):
    try:
        call()
    except ImportError as error:
        print(error)
    else:
        raise AssertionError("a function of the extra ran without its library")
"""


def test_every_module_imports_with_the_core_dependencies_alone():
    blocked = optional_modules()
    assert {"skfem", "sklearn", "pandas", "neuralop"} <= set(blocked)
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT, str(ROOT / "utils"), *blocked],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    messages = result.stdout.splitlines()
    assert len(messages) == 2
    for message, library in zip(messages, ("scikit-fem", "scikit-learn")):
        assert library in message and "sciml-course[notebooks]" in message, message


def read_pins(path) -> dict[str, str]:
    """``{canonical name: version}`` of the ``name==version`` lines of a requirements file."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.partition("#")[0].strip()
        if "==" in line and not line.startswith("-"):
            name, _, version = line.partition("==")
            pins[lock.canonical(name.strip())] = version.strip()
    return pins


LOCKED = read_pins(lock.LOCK)


def test_lock_pins_every_package_installed_in_the_environment():
    installed = {
        lock.canonical(dist.metadata["Name"]): lock.public_version(dist.version)
        for dist in importlib.metadata.distributions(path=site.getsitepackages())
    }
    for name in lock.LEFT_OUT:
        installed.pop(name, None)
    assert len(installed) > 100, f"only {len(installed)} packages found in {site.getsitepackages()}"
    differ = {name: (version, LOCKED.get(name)) for name, version in installed.items() if LOCKED.get(name) != version}
    assert not differ, (
        "installed (version, locked version) differ; rebuild .venv (bash scripts/setup_env.sh) or, "
        f"after changing requirements.txt, regenerate the lock (.venv/bin/python -m tools.lock): {differ}"
    )


def test_lock_pins_the_cpu_torch_and_agrees_with_requirements_txt():
    assert LOCKED["torch"] == "2.13.0"
    direct = read_pins(ROOT / "requirements.txt")
    assert direct["torch"] == "2.13.0"
    assert {name: LOCKED.get(name) for name in direct} == direct
    lines = lock.LOCK.read_text().splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert any("python -m tools.lock" in line for line in header), "the header says how to regenerate"
    assert not [line for line in lines if not line.startswith("#") and ("+" in line or "==" not in line)]


def test_lock_is_written_from_a_pip_report_without_local_labels_pip_or_the_course():
    report = {
        "environment": {"python_version": "3.11", "sys_platform": "linux", "platform_machine": "x86_64"},
        "install": [{"metadata": {"name": name, "version": version}} for name, version in [
            ("torch", "2.13.0+cpu"), ("Jinja2", "3.1.6"), ("sciml-course", "0.1.0"), ("pip", "26.3"),
            ("ruamel.yaml", "0.19.1"), ("anyio", "4.16.0")]],
    }
    text = lock.render(report)
    assert "CPython 3.11 on linux x86_64" in text and "python -m tools.lock" in text
    assert [line for line in text.splitlines() if not line.startswith("#")] == [
        "anyio==4.16.0", "Jinja2==3.1.6", "ruamel.yaml==0.19.1", "torch==2.13.0"]


def test_setup_script_installs_with_the_lock_and_stamps_it():
    script = (ROOT / "scripts" / "setup_env.sh").read_text()
    assert "-r requirements.txt -c requirements.lock" in script
    stamp_line = next(line for line in script.splitlines() if line.startswith("wanted="))
    assert all(name in stamp_line for name in ("requirements.txt", "requirements.lock", "utils/pyproject.toml"))


CPU_TORCH_INDEX = "https://download.pytorch.org/whl/cpu"


def test_binder_installs_the_locked_cpu_torch_and_the_course_package():
    binder = ROOT / "binder"
    lines = [line.partition("#")[0].strip() for line in (binder / "requirements.txt").read_text().splitlines()]
    lines = [line for line in lines if line]
    assert f"--extra-index-url {CPU_TORCH_INDEX}" in lines
    assert f"torch=={LOCKED['torch']}" in lines
    constraints = [line.split()[1] for line in lines if line.startswith("-c ")]
    assert constraints and (binder / constraints[0]).resolve() == lock.LOCK  # -c is relative to the file
    assert "-e ./utils[notebooks]" in lines  # pip runs from the repository root
    lock_python = next(line for line in lock.LOCK.read_text().splitlines() if "CPython" in line)
    runtime = (binder / "runtime.txt").read_text().strip()
    assert runtime.startswith("python-") and f"CPython {runtime.removeprefix('python-')} " in lock_python


def _executable(path, text):
    path.write_text(text)
    path.chmod(0o755)
    return str(path)


def test_browser_test_skips_the_ubuntu_snap_stub_and_honours_chromium_env(tmp_path, monkeypatch):
    stub = _executable(tmp_path / "chromium", '#!/bin/sh\nexec /snap/bin/chromium "$@"\n')
    debian = _executable(tmp_path / "chromium-browser", '#!/bin/sh\nexec /usr/lib/chromium/chromium "$@"\n')
    assert browser.is_snap(stub) and not browser.is_snap(debian)
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser, "playwright_chromium", lambda: "playwright's chromium")
    assert browser.find_chromium() == debian
    (tmp_path / "chromium-browser").unlink()
    assert browser.find_chromium() == "playwright's chromium"
    monkeypatch.setenv("CHROMIUM", "/opt/my/chrome")
    assert browser.find_chromium() == "/opt/my/chrome"


@pytest.mark.parametrize("os_id, method", [("debian", "apt"), ("ubuntu", "playwright"), ("fedora", "playwright")])
def test_ensure_chromium_installs_debian_chromium_with_apt_and_playwright_elsewhere(tmp_path, os_id, method):
    os_release = tmp_path / "os-release"
    os_release.write_text(f'NAME="{os_id}"\nID={os_id}\nID_LIKE=debian\n')
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure_chromium.sh"), "--choose"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "OS_RELEASE": str(os_release)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == method


def test_workflow_tests_pull_requests_with_the_readme_command_and_publishes_main_only():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "pull_request" in triggers and "push" in triggers
    assert workflow["env"]["TORCH_INDEX_URL"] == CPU_TORCH_INDEX
    jobs = workflow["jobs"]
    for name in ("test", "build"):
        python = next(s for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/setup-python"))
        assert python["with"]["python-version"] == "3.11"
        assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "requirements.lock"
    runs = [step["run"] for step in jobs["test"]["steps"] if "run" in step]
    assert runs == ["bash scripts/test.sh"]
    assert "bash scripts/test.sh" in (ROOT / "README.md").read_text()
    assert "if" not in jobs["test"]
    for name in ("build", "deploy"):
        assert "refs/heads/main" in jobs[name]["if"] and "pull_request" in jobs[name]["if"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"


def test_colab_like_environment_pins_colab_widget_stack_and_its_last_run_passed():
    """benchmarks/colab_environment.py installs Colab's versions, then the course as Colab does.

    It needs minutes and the package index, so it is a benchmark; its report is committed, and
    the pins it used must still be the ones the package accepts.
    """
    from benchmarks import colab_environment

    pins = colab_environment.pinned()
    assert pins["ipywidgets"] == "7.7.1" and pins["ipython"].startswith("7.")
    assert "Source:" in colab_environment.CONSTRAINTS.read_text(), "the pins cite where they come from"
    widgets = next(r for r in CORE if r.name == "ipywidgets")
    assert widgets.specifier.contains("7.7.1"), "the package must not force Colab to upgrade ipywidgets"
    report = colab_environment.REPORT.read_text()
    assert "| pass |" in report and "FAIL" not in report, report


def test_colab_like_environment_checks_every_notebook_import():
    from benchmarks import colab_environment

    lines = colab_environment.import_lines().splitlines()
    compile("\n".join(lines), "imports", "exec")
    assert "from sciml_course.exercises import c1" in lines
    assert any(line.startswith("from neuralop.models import FNO") for line in lines)
