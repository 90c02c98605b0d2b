#!/usr/bin/env bash
# Serves the product with its task worker and scheduler (`make run`), then prints how to
# sign in as each demo person. Ctrl+C stops all three; so does any one of them stopping.
set -euo pipefail
PY=.venv/bin/python
PORT="${PORT:-8000}"

interrupted=0
stop() {
  trap - EXIT INT TERM
  kill "$server" 2>/dev/null || true
  if [ "$interrupted" = 1 ]; then
    # Ctrl+C reached the worker and the scheduler too: let them finish on their own.
    for _ in $(seq 1 20); do
      kill -0 "$worker" 2>/dev/null || kill -0 "$scheduler" 2>/dev/null || break
      sleep 0.25
    done
  fi
  kill "$worker" "$scheduler" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'interrupted=1; exit 130' INT TERM

$PY manage.py db_worker &
worker=$!
$PY manage.py run_scheduler &
scheduler=$!
$PY manage.py runserver "127.0.0.1:$PORT" --noreload &
server=$!

# Print the demo people once the server answers, so the table is not lost in start-up logs.
for _ in $(seq 1 120); do
  if $PY -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/healthz', timeout=1)" 2>/dev/null; then
    $PY manage.py demo_personas --port "$PORT"
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done

# Run until one of the three stops (or Ctrl+C), then stop the others.
wait -n
