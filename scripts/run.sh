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
# The bundled sample is generated as of SAMPLE_AS_OF (indexer/sample_data/README.md) and activity
# windows are relative to that moment. While it is less than 60 days old it is indexed as it is;
# later, the same 1,900 people are regenerated with every date moved to today (same seed, same
# texts, so embeddings come from the cache), so that searches "as of now" through the API keep
# finding people whatever the calendar says.
SAMPLE_AS_OF=2026-11-01T00:00:00+00:00
SAMPLE=indexer/sample_data/profiles.jsonl

scripts/setup.sh
TM=.venv/bin/talentmatch

age_days=$(( ( $(date -u +%s) - $(date -u -d "$SAMPLE_AS_OF" +%s) ) / 86400 ))
if [ "$age_days" -gt 60 ]; then
  SAMPLE_AS_OF=$(date -u +%Y-%m-%dT00:00:00+00:00)
  mkdir -p "$TALENTMATCH_DATA_DIR"
  SAMPLE=$TALENTMATCH_DATA_DIR/sample-profiles-rebased.jsonl
  echo "==> the bundled sample is $age_days days old: regenerating it as of $SAMPLE_AS_OF"
  $TM generate --count 1900 --seed 42 --format jsonl --as-of "$SAMPLE_AS_OF" --output "$SAMPLE" --no-progress
fi

echo "==> indexing the bundled sample profiles into $TALENTMATCH_DATA_DIR (first run embeds 1,900 profiles)"
$TM index "$SAMPLE"

echo "==> a sample self-service search (as of $SAMPLE_AS_OF)"
$TM search --title "Senior Python data engineer" --skill python --language en:professional \
  --as-of "$SAMPLE_AS_OF" --top 5

if [ -z "${TALENTMATCH_BOOTSTRAP_ADMIN_KEY:-}" ]; then
  TALENTMATCH_BOOTSTRAP_ADMIN_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')
  export TALENTMATCH_BOOTSTRAP_ADMIN_KEY
  echo "==> admin key for this run (set TALENTMATCH_BOOTSTRAP_ADMIN_KEY to choose your own):"
  echo "    $TALENTMATCH_BOOTSTRAP_ADMIN_KEY"
fi
echo "==> serving the API on http://127.0.0.1:$PORT (OpenAPI docs at /docs; web pages at /app/, sign in with the admin key; Ctrl-C stops)"
exec $TM serve --host 127.0.0.1 --port "$PORT"
