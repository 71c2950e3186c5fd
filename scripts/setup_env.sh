#!/usr/bin/env bash
# Create (or update) the course environment in .venv from requirements.txt.
# Idempotent: does nothing when .venv already matches requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
stamp=.venv/.requirements.sha256
wanted=$(cat requirements.txt utils/pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt
.venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
echo "$wanted" > "$stamp"
echo "Environment ready in .venv"
