"""The headless Chromium that the browser test (tests/test_book.py) drives.

Usage: python -m tools.browser   (prints its path; exit status 1 when there is none)

Looked for in this order:

1. ``$CHROMIUM``, when set;
2. ``chromium`` or ``chromium-browser`` on PATH: Debian's package is the real
   browser, but on Ubuntu the same names are a stub that starts the snap,
   which does not run headless in CI, so a program under /snap (or a script
   that calls it) is skipped;
3. Playwright's own build (``python -m playwright install chromium``).

scripts/ensure_chromium.sh installs one of the last two when none is found.
"""

from __future__ import annotations

import os
import shutil
import sys

NAMES = ("chromium", "chromium-browser")


def is_snap(path: str) -> bool:
    """Whether ``path`` is, or is a script that starts, a snap package."""
    real = os.path.realpath(path)
    if real.startswith("/snap/"):
        return True
    try:
        with open(real, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return head.startswith(b"#!") and b"/snap/" in head


def playwright_chromium() -> str | None:
    """The Chromium that ``python -m playwright install chromium`` puts in place, if it is there."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


def find_chromium() -> str | None:
    """Path of the Chromium the browser test should launch, or None (see the module docstring)."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in NAMES:
        path = shutil.which(name)
        if path and not is_snap(path):
            return path
    return playwright_chromium()


if __name__ == "__main__":
    found = find_chromium()
    if found is None:
        print("no usable Chromium: run scripts/ensure_chromium.sh", file=sys.stderr)
        sys.exit(1)
    print(found)
