#!/usr/bin/env bash
# Sets everything up and runs the whole test suite, real OpenSearch included.
# Extra arguments go to pytest (e.g. scripts/test.sh -m unit).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

scripts/setup.sh
scripts/browser.sh install
scripts/opensearch.sh start
trap 'scripts/opensearch.sh stop' EXIT
export TALENTMATCH_OPENSEARCH_URL=${TALENTMATCH_OPENSEARCH_URL:-http://127.0.0.1:9200}
.venv/bin/python -m pytest "$@"
