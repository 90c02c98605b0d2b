"""PostgreSQL restarted under load on two gunicorn instances: every write the product
accepted is stored, every other request got 503 with Retry-After, never a 500, and both
instances take writes again without being restarted.

A short run of bench/faults.py (`make faults` runs the long one): its own PostgreSQL
cluster (port 54331) and gunicorn instances (18132, 18133) with production settings,
feedback forms and desk API events for 15 seconds, PostgreSQL stopped after 5 seconds and
started 3 seconds later; then the refused writes sent once more; then PostgreSQL restarted
with no load and writes sent one at a time.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from lib import pgcluster

pytestmark = pytest.mark.slow

BASE_DIR = Path(__file__).resolve().parents[2]
# The bench scripts import each other as top-level modules, from their own folder.
sys.path.insert(0, str(BASE_DIR / "bench"))


def missing() -> str:
    """What this machine lacks to run it ("" when nothing)."""
    if not pgcluster.available():
        return "no PostgreSQL server programs (initdb): set PG_BINDIR"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as postgres"
    if not (Path(sys.executable).parent / "gunicorn").exists():
        return "no gunicorn in the virtualenv"
    return ""


def test_a_postgresql_restart_under_load_loses_nothing_accepted() -> None:
    reason = missing()
    if reason:
        if os.environ.get("VV_REQUIRE_SERVERS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    if not (BASE_DIR / "static" / "vendor" / "govuk" / "govuk-frontend.min.css").is_file():
        pytest.fail("The assets are not built: run `make install` (or `npm run build`).")
    from faults import run_faults

    result = run_faults(
        seconds=15,
        restart_at=5,
        down_seconds=3,
        pg_port=54331,
        http_ports=(18132, 18133),
        say=lambda line: None,
    )
    report = "\n".join(result.lines())

    # The run saw the outage (503s) and writes accepted around it.
    assert result.accepted > 0, report
    assert result.refused > 0, report
    # Nothing accepted was lost; nothing but 503 with Retry-After when refused.
    assert result.lost == 0, report
    assert result.errors == 0, report
    assert 500 not in result.statuses, report
    assert None not in result.statuses, report  # no reset connection, no timeout
    # Once PostgreSQL was back, no request was refused.
    assert result.refused_after_ready == 0, report
    # Restarted again with no load, the next writes were all taken: each worker thread
    # replaced the connection it kept, dead since, before using it (CONN_HEALTH_CHECKS).
    assert result.quiet > 0, report
    assert result.quiet_refused == 0, report
    # Sent again as they were, the refused writes were taken, none of them twice.
    assert result.retried_accepted == result.retried, report
    assert result.stored_twice == 0, report
    # Both instances took writes again, and neither was restarted (nor any of its workers).
    assert result.recovery_seconds is not None, report
    assert result.servers_alive, report
    assert result.worker_boots == [2, 2], report
