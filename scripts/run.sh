#!/usr/bin/env bash
# Sets everything up and runs the main job on the embedded default backend:
# index the bundled sample profiles, show a sample search, then serve the API on localhost.
#   scripts/run.sh                 # port 8000
#   PORT=8080 scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export TALENTMATCH_DATA_DIR=${TALENTMATCH_DATA_DIR:-$PWD/data}

scripts/setup.sh
TM=.venv/bin/talentmatch

echo "==> indexing the bundled sample profiles into $TALENTMATCH_DATA_DIR"
$TM index indexer/sample_data/profiles.jsonl

echo "==> a sample self-service search"
$TM search --title "Senior Python data engineer" --skill python --skill airflow --language en --top 5

echo "==> serving the API on http://127.0.0.1:${PORT:-8000} (docs at /docs; Ctrl-C stops)"
exec $TM serve --host 127.0.0.1 --port "${PORT:-8000}"
