"""Run All in a real JupyterLab, as a student would: C1 with its live widgets.

Starts the course environment's JupyterLab (with its settings:
``scripts/jupyterlab_settings.json``, the MyST extension) on a copy of C1,
opens it in headless Chromium, runs every cell and then checks what the
student sees: no error output, every cell run, the live widgets drawn with
their figure (not a traceback: matplotlib is not thread-safe, and comm
callbacks on a subshell thread used to race the cell that was drawing), and
the MyST exercises rendered rather than shown as raw directives.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tools.browser import find_chromium
from tools.notebooks import ROOT

NOTEBOOK = ROOT / "lectures" / "C1_introduction.ipynb"
TOKEN = "sciml-course-test"
RUN_ALL_SECONDS = 1500

# the notebook's model, not its DOM: JupyterLab renders only the cells near the viewport
CELL_STATE = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.widgets.filter(w => w.model.type === 'code');
  return {
    cells: cells.length,
    waiting: cells.filter(w => (w.promptNode && w.promptNode.innerText || '').includes('*')).length,
    unrun: cells.filter(w => w.model.executionCount === null).length,
    errors: cells.flatMap(w => w.model.outputs.toJSON()).filter(o => o.output_type === 'error')
                 .map(o => `${o.ename}: ${o.evalue}`.slice(0, 300)),
  };
}"""

SEEN = """() => {
  const text = e => (e.innerText || '').slice(0, 300);
  const stderr = [...document.querySelectorAll('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(text).filter(t => /Error|Traceback|Exception/.test(t));
  const interacts = [...document.querySelectorAll('.widget-interact')];
  return {
    stderr,
    sliders: document.querySelectorAll('.jp-OutputArea .widget-slider').length,
    interactsWithFigure: interacts.filter(w => w.querySelector('img')).length,
    interacts: interacts.length,
    rawMyst: [...document.querySelectorAll('.jp-MarkdownCell')].map(c => c.innerText)
               .filter(t => t.includes(':label:') || t.includes('{exercise}')).length,
  };
}"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
    port = _free_port()
    lab = [os.path.join(os.path.dirname(sys.executable), "jupyter-lab"), "--no-browser",
           f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
           f"--ServerApp.root_dir={folder}", "--expose-app-in-browser", "--allow-root"]
    settings = folder / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # every cell in the page (no virtual scrolling), so that the widgets' views are drawn and visible
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    env = dict(os.environ, OMP_NUM_THREADS="1", JUPYTER_CONFIG_DIR=str(folder / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(folder / "settings"))
    env.pop("MPLBACKEND", None)  # the kernel draws inline, as for a student
    log = open(folder / "lab.log", "w")
    server = subprocess.Popen(lab, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2) as response:
                json.load(response)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start: " + (folder / "lab.log").read_text()[-2000:])
    yield base, folder
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_the_environment_sets_main_thread_widget_callbacks():
    overrides = json.loads((ROOT / "scripts" / "jupyterlab_settings.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:kernels-settings"]["commsOverSubshells"] == "disabled"
    installed = os.path.join(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.json")
    assert json.loads(open(installed).read()) == overrides, "run bash scripts/setup_env.sh"
    assert "scripts/jupyterlab_settings.json" in (ROOT / "binder" / "postBuild").read_text()


def test_run_all_of_c1_in_jupyterlab(jupyterlab):
    base, folder = jupyterlab
    chromium = find_chromium()
    if chromium is None:
        pytest.fail("no headless Chromium: run scripts/ensure_chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?token={TOKEN}")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=120_000)
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget && "
            "window.jupyterapp.shell.currentWidget.sessionContext.session && "
            "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel && "
            "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
            timeout=120_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        deadline = time.monotonic() + RUN_ALL_SECONDS
        state, quiet = page.evaluate(CELL_STATE), 0
        while time.monotonic() < deadline and quiet < 3:  # idle with nothing queued, three polls running
            page.wait_for_timeout(5000)
            state = page.evaluate(CELL_STATE)
            status = page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status")
            quiet = quiet + 1 if state["waiting"] == 0 and status == "idle" else 0
        seen = page.evaluate(SEEN)
        browser.close()
    assert quiet >= 3, f"Run All did not finish in {RUN_ALL_SECONDS} s: {state}"
    assert not state["errors"] and not seen["stderr"], (state["errors"][:3], seen["stderr"][:3])
    assert state["unrun"] == 0, f"Run All stopped early: {state}"
    assert state["cells"] > 20
    assert seen["sliders"] >= 2, seen
    assert seen["interacts"] >= 2 and seen["interactsWithFigure"] == seen["interacts"], seen
    assert seen["rawMyst"] == 0, "MyST directives shown raw: is jupyterlab-myst installed?"
