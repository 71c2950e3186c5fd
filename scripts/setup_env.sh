#!/usr/bin/env bash
# Create (or update) the course environment in .venv from requirements.txt,
# every version fixed by requirements.lock (regenerate it: .venv/bin/python -m tools.lock).
# Idempotent: does nothing when .venv already matches requirements.txt,
# requirements.lock, utils/pyproject.toml and scripts/jupyterlab_settings.json.
# TORCH_INDEX_URL, when set, is an extra package index for torch: CI sets it to
# https://download.pytorch.org/whl/cpu, because PyPI's Linux torch wheel is the
# CUDA build with several GB of NVIDIA libraries. Unset (locally), nothing changes.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
stamp=.venv/.requirements.sha256
wanted=$(cat requirements.txt requirements.lock utils/pyproject.toml scripts/jupyterlab_settings.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt -c requirements.lock \
  ${TORCH_INDEX_URL:+--extra-index-url "$TORCH_INDEX_URL"}
.venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
# JupyterLab defaults for the course (scripts/jupyterlab_settings.json): widget
# callbacks run on the kernel's main thread, not on a comm subshell, so they
# never race the cell that is drawing (matplotlib is not thread-safe)
mkdir -p .venv/share/jupyter/lab/settings
cp scripts/jupyterlab_settings.json .venv/share/jupyter/lab/settings/overrides.json
echo "$wanted" > "$stamp"
echo "Environment ready in .venv"
