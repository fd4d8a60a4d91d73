#!/usr/bin/env bash
# Builds the Python environment in .venv (idempotent): talentmatch and everything it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "talentmatch needs Python >= 3.11 (found: $("$PY" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PY" -m venv .venv
fi
# Re-install only when pyproject.toml changed since the last successful install.
stamp=.venv/.talentmatch-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> installing talentmatch and its dependencies into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip wheel
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  touch "$stamp"
fi
# The ESCO concepts that concept expansion pulls vectors towards (indexer/embedding/esco.py):
# downloaded once (pinned, checked) and embedded once (~40 s), then reused from the cache.
echo "==> ESCO concept data (talentmatch concepts fetch)"
HF_HUB_OFFLINE=1 .venv/bin/talentmatch concepts fetch --no-progress
echo "==> environment ready: $(.venv/bin/python --version), $(.venv/bin/talentmatch --version)"
