#!/usr/bin/env bash
# Build the executed book into _build/html (warnings are errors, no network).
# The notebooks are committed with their outputs; to re-execute them first, run
#   .venv/bin/python -m benchmarks.run_notebooks
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
.venv/bin/jupyter-book build . --builder html -W -n --keep-going
echo "Book built: open _build/html/index.html"
