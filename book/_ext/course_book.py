"""Small fixes to the rendered pages of the course book (a local Sphinx extension).

- Every script is included once: Jupyter Book and sphinx-book-theme both
  register sphinx-thebe's inline configuration, and the second copy throws
  "Identifier 'THEBE_JS_URL' has already been declared" in every page.
- Exercises are numbered per chapter (Exercise 1, 2, … in every notebook),
  not across the whole book.
- Every chapter links to its student edition (the notebook without solutions,
  committed under ``student/`` by ``python -m tools.student_version``): open in
  Colab, or download the copy that the build puts next to the pages.
- ``course.js`` fixes accessibility in the theme's and the widgets' markup
  (accessible names, alt text of slider frames, keyboard stops on scrolling
  tables); ``course.css`` lets wide tables scroll inside their own box and long
  words wrap instead of widening the page (a phone is 390 px wide).
"""

from __future__ import annotations

import html
import pathlib
import posixpath
import shutil

STUDENT_FOLDER = "student"


def _unique_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        filename = getattr(script, "filename", script) or ""  # inline scripts: None or ""
        key = (str(filename), tuple(sorted((k, str(v)) for k, v in getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique  # in place: handlers that run later (MathJax's) append to this very list


def _number_exercises_per_chapter(app, env):
    """Renumber each page's exercises 1, 2, … in the order Sphinx numbered them book-wide."""
    for numbers in env.toc_fignumbers.values():
        exercises = numbers.get("exercise")
        if exercises:
            for position, key in enumerate(sorted(exercises, key=exercises.get), start=1):
                exercises[key] = (position,)
    return []


def _student_notebook(app, pagename: str) -> pathlib.Path | None:
    path = pathlib.Path(app.srcdir) / STUDENT_FOLDER / f"{pagename}.ipynb"
    return path if path.is_file() else None


def student_links(app, pagename: str) -> tuple[str, str] | None:
    """(Colab address, download address relative to the page) of a chapter's student edition."""
    if _student_notebook(app, pagename) is None:
        return None
    options = app.config.html_theme_options
    repository = options.get("repository_url", "").rstrip("/").removeprefix("https://github.com/")
    branch = options.get("repository_branch") or "main"
    colab = options.get("launch_buttons", {}).get("colab_url") or "https://colab.research.google.com"
    notebook = f"{STUDENT_FOLDER}/{pagename}.ipynb"
    download = posixpath.relpath(notebook, posixpath.dirname(pagename) or ".")
    return f"{colab.rstrip('/')}/github/{repository}/blob/{branch}/{notebook}", download


def _link_student_edition(app, pagename, templatename, context, doctree):
    links = student_links(app, pagename)
    body = context.get("body", "")
    if links is None or "</h1>" not in body:
        return
    colab, download = (html.escape(link, quote=True) for link in links)
    note = (
        '<div class="admonition tip course-student-edition">'
        '<p class="admonition-title">Work through the exercises</p>'
        "<p>The student edition of this chapter has every exercise without its solution, "
        "and checks that tell you whether your answer is right: "
        f'<a href="{colab}">open it in Colab</a> or '
        f'<a href="{download}" download>download the notebook</a>.</p></div>'
    )
    context["body"] = body.replace("</h1>", "</h1>\n" + note, 1)


def _copy_student_edition(app, exception):
    """Put the student notebooks next to the pages (their download links point there)."""
    if exception is not None or app.builder.format != "html":
        return
    source = pathlib.Path(app.srcdir) / STUDENT_FOLDER
    for notebook in source.rglob("*.ipynb"):
        target = pathlib.Path(app.outdir) / STUDENT_FOLDER / notebook.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)


def setup(app):
    app.connect("html-page-context", _link_student_edition)
    app.connect("build-finished", _copy_student_edition)
    app.connect("env-get-updated", _number_exercises_per_chapter, priority=900)
    app.connect("html-page-context", _unique_scripts, priority=1)  # emit_firstresult: run first
    app.add_css_file("course.css")
    app.add_js_file("course.js")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
