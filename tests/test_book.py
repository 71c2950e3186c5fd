"""The book builds with warnings as errors, and its pages work in a browser offline."""

from __future__ import annotations

import functools
import http.server
import pathlib
import posixpath
import re
import subprocess
import sys
import threading

import pytest

from tools.browser import find_chromium
from tools.notebooks import ROOT, repository_url

HTML = ROOT / "_build" / "html"
LECTURE = "lectures/C1_introduction.html"


@pytest.fixture(scope="module")
def built_book():
    """Build the book once (-W: any warning fails the build)."""
    jupyter_book = pathlib.Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return HTML


def test_book_builds_without_warnings(built_book):
    assert (built_book / "index.html").exists()
    assert (built_book / LECTURE).exists()
    assert (built_book / "_static" / "html-manager" / "embed-amd.js").exists()


def test_exercises_are_numbered_per_chapter(built_book):
    for page in ("lectures/C1_introduction.html", "case_studies/CS2_fno_burgers.html"):
        numbers = {int(n) for n in re.findall(r"Exercise (\d+)", (built_book / page).read_text())}
        assert numbers and min(numbers) == 1 and numbers == set(range(1, max(numbers) + 1)), (page, numbers)


def test_pages_reference_no_cdn(built_book):
    for page in [built_book / LECTURE, built_book / "book" / "notation.html"]:
        text = page.read_text()
        for host in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com"):
            assert f'src="https://{host}' not in text, f"{page.name} loads a script from {host}"


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    chromium = find_chromium()  # $CHROMIUM, Debian's chromium, or Playwright's own build
    if chromium is None:
        pytest.fail("no headless Chromium: run scripts/ensure_chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(f"{server}/{LECTURE}", wait_until="networkidle")
    page.wait_for_selector(".widget-slider, .jupyter-widgets", timeout=30000)
    yield page
    page.close()


def test_lecture_renders_title_figures_and_mathematics(page):
    assert "C1" in page.title()
    loaded = page.eval_on_selector_all(
        "main img", "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0).length"
    )
    assert loaded >= 15, f"only {loaded} figures rendered"
    page.wait_for_selector("mjx-container", state="attached", timeout=30000)


def test_only_kernel_free_widgets_are_shown(page):
    # the live-kernel sliders (cats vs dogs, FGSM) are hidden in the book; their precomputed twins work
    visible = page.eval_on_selector_all(
        ".widget-slider", "els => els.filter(e => e.offsetWidth > 0 && e.offsetHeight > 0).length"
    )
    assert visible == 2, f"{visible} sliders visible"


FRAME_SLIDER = ".widget-vbox:has(> .widget-slider):has(img)"


def _shown_frame(box):
    return box.evaluate("b => [...b.querySelectorAll('img')].filter(i => i.offsetWidth > 0).map(i => i.src).join('|')")


def _drag(page, box, pixels):
    handle = box.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    start = handle.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + pixels, start["y"] + start["height"] / 2, steps=10)
    page.mouse.up()
    page.wait_for_timeout(400)


def test_kernel_free_slider_switches_the_frame(page):
    # the precomputed sliders: cats vs dogs ("angle φ ...") and FGSM ("ε (kernel-free)")
    assert page.locator(FRAME_SLIDER).filter(has_text="kernel-free").count() == 1
    box = page.locator(FRAME_SLIDER).filter(has_text="angle φ").first
    before = _shown_frame(box)
    _drag(page, box, 150)
    after = _shown_frame(box)
    assert before and after and before != after, "moving the slider did not change the frame"


def test_every_chapter_has_a_kernel_free_slider_that_changes_its_frame(server, browser):
    chapters = [name for name in _book_pages() if name.startswith(("lectures/", "case_studies/"))]
    dead, missing = [], []
    for name in chapters:
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.goto(f"{server}/{name}", wait_until="networkidle")
        boxes = tab.locator(FRAME_SLIDER)
        try:
            boxes.first.wait_for(timeout=20000)
        except Exception:
            missing.append(name)
            tab.close()
            continue
        for i in range(boxes.count()):
            box = boxes.nth(i)
            before = _shown_frame(box)
            _drag(tab, box, -400)  # to the first frame, then to the right: a change whatever the start
            first = _shown_frame(box)
            _drag(tab, box, 120)
            if not (before and first and first != _shown_frame(box)):
                dead.append(f"{name} slider {i}")
        tab.close()
    assert not missing, f"chapters without a kernel-free slider: {missing}"
    assert not dead, f"sliders that do not change their frame: {dead}"


def test_colab_launch_link_points_at_this_notebook(page):
    links = page.eval_on_selector_all("a", "as => as.map(a => a.href)")
    colab = [link for link in links if "colab.research.google.com" in link]
    owner_repo = repository_url().removeprefix("https://github.com/")
    assert colab, "no Colab launch link"
    assert colab[0].endswith(f"/github/{owner_repo}/blob/main/lectures/C1_introduction.ipynb"), colab[0]


def test_every_chapter_links_to_its_student_edition(server, built_book):
    """Colab opens the committed student notebook; the download link serves the same file."""
    import urllib.request

    owner_repo = repository_url().removeprefix("https://github.com/")
    for notebook in sorted((ROOT / "student").rglob("*.ipynb")):
        chapter = notebook.relative_to(ROOT / "student").with_suffix(".html").as_posix()
        text = (built_book / chapter).read_text()
        note = re.search(r'<div class="admonition tip course-student-edition">(.*?)</div>', text, re.S)
        assert note, f"{chapter} has no link to its student edition"
        colab = re.search(r'href="(https://colab\.research\.google\.com/[^"]+)"', note.group(1)).group(1)
        assert colab.endswith(f"/github/{owner_repo}/blob/main/{notebook.relative_to(ROOT).as_posix()}"), colab
        download = re.search(r'href="([^"]+)" download', note.group(1)).group(1)
        url = f"{server}/{posixpath.normpath(posixpath.join(posixpath.dirname(chapter), download))}"
        with urllib.request.urlopen(url) as response:
            assert response.read() == notebook.read_bytes(), url


def test_no_request_leaves_localhost(page):
    outside = [u for u in page.requests if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert not outside, f"requests left 127.0.0.1: {outside[:5]}"
    assert len(page.requests) > 5


# ---------------------------------------------------------------------------
# Every page, at desktop and phone width: what a reader would trip over.

PAGE_CHECK = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const main = document.querySelector('main') || document.body;
  const images = [...main.querySelectorAll('img')].filter(i => !i.closest('.jupyter-widgets'));
  const sources = images.map(i => i.getAttribute('src'));
  const duplicates = sources.filter((s, i) => sources.indexOf(s) !== i);
  const withoutAlt = images.filter(i => !i.alt || i.alt === i.getAttribute('src') || i.alt.includes('_images/'))
                           .map(i => i.getAttribute('src'));
  const prose = [...main.querySelectorAll('p, li, h1, h2, h3, td, th, figcaption, dd, dt')]
                  .filter(e => !e.closest('pre, code, .highlight, .cell_input, mjx-container'))
                  .map(e => e.innerText).join('\\n');
  const raw = ['$$', '^{', '_{', '\\\\frac', '\\\\underbrace', '{cite', '{doc}', '{ref}', ':label:']
    .filter(s => prose.includes(s));
  const wideTables = [...main.querySelectorAll('table')]
    .filter(t => t.getBoundingClientRect().width > t.parentElement.getBoundingClientRect().width + 1).length;
  return {duplicates, withoutAlt, raw, wideTables, pageWidth: document.documentElement.scrollWidth};
}"""


AXE = ROOT / "tests" / "vendor" / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(' ')}`)"""


def _book_pages():
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if p.name not in ("genindex.html", "search.html") and "_static" not in p.parts)


@pytest.fixture(scope="module")
def page_reports(server, browser):
    """Open every page at 1280 and 390 px; collect console errors, failed requests and the checks above."""
    reports = {}
    for width in (1280, 390):
        for name in _book_pages():
            tab = browser.new_page(viewport={"width": width, "height": 900})
            errors, missing = [], []
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" and
                   not m.text.startswith("Failed to load resource") else None)
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.on("response", lambda r: missing.append(r.url) if r.status >= 400 and
                   not r.url.endswith("favicon.ico") else None)
            tab.goto(f"{server}/{name}", wait_until="networkidle")
            tab.wait_for_timeout(300)
            report = dict(tab.evaluate(PAGE_CHECK), errors=errors, missing=missing, axe=[])
            if width == 1280:  # axe-core, injected for the test only (tests/vendor)
                tab.add_script_tag(path=str(AXE))
                report["axe"] = tab.evaluate(AXE_RUN)
            reports[(width, name)] = report
            tab.close()
    return reports


def _failing(reports, check):
    return {f"{name} @{width}px": value for (width, name), report in reports.items()
            if (value := check(report, width))}


def test_every_page_has_no_console_error_and_no_missing_file(page_reports):
    assert not _failing(page_reports, lambda r, w: r["errors"] + r["missing"])


def test_no_figure_is_shown_twice_and_every_figure_has_alt_text(page_reports):
    assert not _failing(page_reports, lambda r, w: r["duplicates"])
    assert not _failing(page_reports, lambda r, w: r["withoutAlt"])


def test_no_raw_tex_or_myst_in_the_prose(page_reports):
    assert not _failing(page_reports, lambda r, w: r["raw"])


def test_tables_fit_their_box_and_pages_fit_a_phone(page_reports):
    assert not _failing(page_reports, lambda r, w: r["wideTables"])
    assert not _failing(page_reports, lambda r, w: r["pageWidth"] > w and r["pageWidth"])


def test_no_serious_or_critical_accessibility_violation(page_reports):
    assert not _failing(page_reports, lambda r, w: r["axe"])
