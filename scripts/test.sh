#!/usr/bin/env bash
# The whole test suite: unit tests of sciml_course, the exercise checkers, the
# student versions, the book build (-W), a headless-browser test of the built
# book, the docstring examples of sciml_course, and every notebook executed
# end to end by nbval.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
bash scripts/ensure_chromium.sh
# one thread per notebook kernel: two xdist workers share the two cores without
# oversubscription (small torch problems run faster on one thread anyway)
export PYTHONHASHSEED=0 MPLBACKEND=Agg OMP_NUM_THREADS=1
workers=${TEST_WORKERS:-2}
.venv/bin/python -m pytest tests lectures case_studies utils/sciml_course \
  --doctest-modules --nbval-lax --nbval-cell-timeout=900 \
  -n "$workers" --dist loadfile \
  -p no:cacheprovider "$@"
