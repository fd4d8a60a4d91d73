#!/usr/bin/env bash
# Sets everything up and runs the main job on the embedded default backend:
# index the bundled sample profiles, show a sample search, then serve the API on localhost.
#   scripts/run.sh                 # port 8000, data in ./data
#   PORT=8080 TALENTMATCH_DATA_DIR=/srv/tm scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export TALENTMATCH_DATA_DIR=${TALENTMATCH_DATA_DIR:-$PWD/data}
PORT=${PORT:-8000}
# The bundled sample is generated as of this moment (indexer/sample_data/README.md); the demo
# search uses it so that the 3-month self-service window keeps finding people whatever today is.
SAMPLE_AS_OF=2026-11-01T00:00:00+00:00

scripts/setup.sh
TM=.venv/bin/talentmatch

echo "==> indexing the bundled sample profiles into $TALENTMATCH_DATA_DIR (first run embeds 1,900 profiles)"
$TM index indexer/sample_data/profiles.jsonl

echo "==> a sample self-service search (as of $SAMPLE_AS_OF)"
$TM search --title "Senior Python data engineer" --skill python --language en:professional \
  --as-of "$SAMPLE_AS_OF" --top 5

if [ -z "${TALENTMATCH_BOOTSTRAP_ADMIN_KEY:-}" ]; then
  TALENTMATCH_BOOTSTRAP_ADMIN_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')
  export TALENTMATCH_BOOTSTRAP_ADMIN_KEY
  echo "==> admin key for this run (set TALENTMATCH_BOOTSTRAP_ADMIN_KEY to choose your own):"
  echo "    $TALENTMATCH_BOOTSTRAP_ADMIN_KEY"
fi
echo "==> serving the API on http://127.0.0.1:$PORT (OpenAPI docs at /docs; Ctrl-C stops)"
exec $TM serve --host 127.0.0.1 --port "$PORT"
