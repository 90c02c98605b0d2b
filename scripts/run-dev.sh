#!/usr/bin/env bash
# Serves the product with its task worker and scheduler; Ctrl+C stops all three.
set -euo pipefail
PY=.venv/bin/python
PORT="${PORT:-8000}"
$PY manage.py db_worker &
worker=$!
$PY manage.py run_scheduler &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_personas --port "$PORT"
$PY manage.py runserver "127.0.0.1:$PORT" --noreload
