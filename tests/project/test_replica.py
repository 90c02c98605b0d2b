"""The read replica against a real streaming replica (docs/deployment.md, "Read replica").

A PostgreSQL primary of the test's own (port 54310) and a standby made from it with
`pg_basebackup -R` (54311), the product migrated on the primary and served by gunicorn with
DATABASE_URL and DATABASE_REPLICA_URL. The programme admin persona signs in for real
(password, then authenticator code) and reads pages over HTTP while the test holds the
replica's replay paused:

- the dashboard does not show responses the replica has not replayed yet (it reads the
  replica), until replay resumes;
- right after the persona sends a form (asks for monthly reports), their pages read the
  primary: the reports they asked for are listed, and the new responses counted;
- with the replica stopped, the dashboard still answers, from the primary.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from django.utils import timezone

from lib import pgcluster
from tests.dashboards.test_dashboard_pages import row_text
from victimvoice.personas import DEMO_PASSWORD, PERSONAS_BY_KEY

pytestmark = pytest.mark.slow

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PRIMARY_PORT, REPLICA_PORT, HTTP_PORT = 54310, 54311, 18110
AFTER_WRITE_SECONDS = 3  # REPLICA_AFTER_WRITE_SECONDS of the server under test
PERSONA = PERSONAS_BY_KEY["programme_admin"]

# Run against the primary with the product's own settings (DJANGO_ENV=test).
SEED = """
import django; django.setup()
from feedback.models import Borough, Team
from victimvoice.cast import build_cast
build_cast()
Team.objects.create(name="Camden replica team", slug="t-camden-replica",
                    borough=Borough.objects.get(slug="camden"))
"""
ADD_RESPONSES = """
import sys, django; django.setup()
from datetime import UTC, datetime, timedelta
from django.utils import timezone
from dashboards import services
from feedback.models import Response, Team
team = Team.objects.get(slug="t-camden-replica")
month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
submitted = datetime(month.year, month.month, 10, 12, tzinfo=UTC)
for _ in range(int(sys.argv[1])):
    Response.objects.create(team=team, borough=team.borough, month=month, channel="qr",
                            overall=4, submitted_at=submitted)
services.rollup_refresh()
"""


def need(ok: bool, reason: str) -> None:
    if ok:
        return
    if os.environ.get("VV_REQUIRE_SERVERS") == "1":
        pytest.fail(f"{reason} (VV_REQUIRE_SERVERS=1)")
    pytest.skip(reason)


@dataclass
class Setup:
    primary: pgcluster.ScratchCluster
    replica: pgcluster.ScratchCluster
    env: dict[str, str]
    base_url: str

    def python(self, script: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 - this interpreter, scripts of this test
            [sys.executable, "-c", script, *args],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )

    def add_responses(self, n: int) -> None:
        self.python(ADD_RESPONSES, str(n))

    def wait_for_replica(self, timeout: float = 60) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        ((lsn,),) = self.primary.execute("SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + timeout
        while not self.replica.execute(
            f"SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '{lsn}') >= 0"  # noqa: S608 - an LSN the server gave
        )[0][0]:
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.1)

    def pause_replay(self) -> None:
        self.replica.execute("SELECT pg_wal_replay_pause()")
        while self.replica.execute("SELECT pg_get_wal_replay_pause_state()")[0][0] != "paused":
            time.sleep(0.05)

    def resume_replay(self) -> None:
        self.replica.execute("SELECT pg_wal_replay_resume()")


def free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    need(pgcluster.available(), "PostgreSQL's server programs (initdb) are not installed")
    for port in (PRIMARY_PORT, REPLICA_PORT, HTTP_PORT):
        assert free(port), f"port {port} is taken: another run of this test?"
    with contextlib.ExitStack() as cleanup:
        primary = cleanup.enter_context(pgcluster.ScratchCluster(PRIMARY_PORT))
        primary.start()
        primary.execute("CREATE DATABASE victimvoice")
        replica = primary.replica(REPLICA_PORT)
        cleanup.callback(replica.remove)  # before the primary's folder goes
        replica.start()
        keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
        env = {k: v for k, v in os.environ.items() if k in keep} | {
            "DJANGO_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "victimvoice.settings",
            "DATABASE_URL": primary.url("victimvoice"),
        }
        for command in (["migrate", "--no-input"], ["createcachetable"]):
            subprocess.run(  # noqa: S603 - the project's manage.py
                [sys.executable, "manage.py", *command],
                cwd=BASE_DIR,
                env=env,
                check=True,
                capture_output=True,
            )
        result = Setup(primary, replica, env, f"http://127.0.0.1:{HTTP_PORT}")
        result.python(SEED)
        server_env = env | {
            "DATABASE_REPLICA_URL": replica.url("victimvoice"),
            "REPLICA_AFTER_WRITE_SECONDS": str(AFTER_WRITE_SECONDS),
            # Reports asked for are queued, not built in the request.
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        }
        log_path = tmp_path_factory.mktemp("replica") / "gunicorn.log"
        log = cleanup.enter_context(log_path.open("w"))
        server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
            [
                str(VENV_BIN / "gunicorn"),
                "victimvoice.wsgi:application",
                "--bind",
                f"127.0.0.1:{HTTP_PORT}",
                "--workers",
                "1",
                "--timeout",
                "120",
            ],  # fmt: skip
            cwd=BASE_DIR,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        cleanup.callback(server.wait, timeout=30)
        cleanup.callback(server.terminate)
        deadline = time.monotonic() + 60
        while free(HTTP_PORT):
            assert server.poll() is None, f"gunicorn stopped: {log_path}"
            assert time.monotonic() < deadline, f"gunicorn did not start: {log_path}"
            time.sleep(0.2)
        yield result


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def authenticator_code(secret: str) -> str:
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 3:  # not a code about to run out
        time.sleep(period - time.time() % period + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


@pytest.fixture(scope="module")
def admin(setup: Setup) -> Iterator[httpx.Client]:
    """The programme admin persona, signed in as a person would: password, then code."""
    with httpx.Client(base_url=setup.base_url, timeout=60) as client:
        page = client.get("/account/login/")
        form = {"login": PERSONA.email, "password": DEMO_PASSWORD}
        answer = client.post(
            "/account/login/", data=form | {"csrfmiddlewaretoken": csrf_token(page.text)}
        )
        assert answer.status_code == 302, answer.text
        page = client.get(answer.headers["location"])
        assert "authenticator app" in page.text
        code = {"code": authenticator_code(PERSONA.totp_secret)}
        answer = client.post(
            "/account/2fa/authenticate/", data=code | {"csrfmiddlewaretoken": csrf_token(page.text)}
        )
        assert answer.status_code == 302, answer.text
        yield client


def wait_out_own_writes() -> None:
    """Past the time in which a session that has just written reads the primary."""
    time.sleep(AFTER_WRITE_SECONDS + 0.5)


def camden_responses(client: httpx.Client) -> int:
    """Camden's responses on the dashboard (every one rated "good": none is hidden)."""
    page = client.get("/dashboards/")
    assert page.status_code == 200
    row = row_text(page.text, "by-borough", "Camden")
    match = re.match(r"Camden\s+(?:\d+\s+){5}(\d+)\s", row)  # Total: after five ratings
    assert match, row
    return int(match.group(1))


def report_links(client: httpx.Client) -> set[str]:
    page = client.get("/reports/")
    assert page.status_code == 200
    return set(re.findall(r'href="(/reports/\d+/)"', page.text))


def test_pages_read_the_replica_except_just_after_a_write(
    setup: Setup, admin: httpx.Client
) -> None:
    setup.add_responses(10)
    setup.wait_for_replica()
    wait_out_own_writes()  # signing in was a write
    assert camden_responses(admin) == 10
    assert report_links(admin) == set()

    setup.pause_replay()
    try:
        setup.add_responses(7)
        # The primary has 17; the dashboard reads the replica, which has not replayed them.
        assert camden_responses(admin) == 10

        # The persona asks for last month's reports: right after, they see them listed
        # and the dashboard counts the new responses (their pages read the primary).
        page = admin.get("/reports/")
        last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
        answer = admin.post(
            "/reports/generate/",
            data={"month": f"{last_month:%Y-%m}", "csrfmiddlewaretoken": csrf_token(page.text)},
        )
        assert answer.status_code == 302
        asked_for = report_links(admin)
        assert asked_for
        assert camden_responses(admin) == 17

        # A few seconds later the persona reads the replica again: still paused.
        wait_out_own_writes()
        assert report_links(admin) == set()
        assert camden_responses(admin) == 10
    finally:
        setup.resume_replay()

    setup.wait_for_replica()
    assert camden_responses(admin) == 17
    assert report_links(admin) == asked_for


def test_with_the_replica_stopped_the_dashboard_reads_the_primary(
    setup: Setup, admin: httpx.Client
) -> None:
    setup.add_responses(5)  # enough to be shown, whether or not the test above ran
    setup.wait_for_replica()
    wait_out_own_writes()
    setup.pause_replay()
    setup.add_responses(1)
    before = camden_responses(admin)  # what the replica has
    setup.replica.stop()
    try:
        assert camden_responses(admin) == before + 1
        assert camden_responses(admin) == before + 1
    finally:
        setup.replica.start()
