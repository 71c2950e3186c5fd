"""Small fixes to the rendered pages of the course book (a local Sphinx extension).

- Every script is included once: Jupyter Book and sphinx-book-theme both
  register sphinx-thebe's inline configuration, and the second copy throws
  "Identifier 'THEBE_JS_URL' has already been declared" in every page.
- Exercises are numbered per chapter (Exercise 1, 2, … in every notebook),
  not across the whole book.
- ``course.js`` fixes accessibility in the theme's and the widgets' markup
  (accessible names, alt text of slider frames, keyboard stops on scrolling
  tables); ``course.css`` lets wide tables scroll inside their own box and long
  words wrap instead of widening the page (a phone is 390 px wide).
"""

from __future__ import annotations


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


def setup(app):
    app.connect("env-get-updated", _number_exercises_per_chapter, priority=900)
    app.connect("html-page-context", _unique_scripts, priority=1)  # emit_firstresult: run first
    app.add_css_file("course.css")
    app.add_js_file("course.js")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
