"""Production, as docs/deployment.md describes it, serves pages.

One gunicorn with DJANGO_ENV=production, the documented variables (GOV.UK Notify with a
key that is never used), files collected by `collectstatic` into a temporary STATIC_ROOT and
a throwaway SQLite database, behind a pretend proxy that sets X-Forwarded-Proto. Every page
fetched must answer 200 with the production headers, and its stylesheets must load.

It relies on the assets `make install` builds into static/vendor (`npm run build`).
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

pytestmark = pytest.mark.slow

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
HOST = "victimvoice.example.org"
SESSION_COOKIE = "__Host-sessionid"

# A member signed in: a session made on the server, as a real sign-in would leave it.
MAKE_MEMBER_SESSION = """
from django.conf import settings
from django.test import Client
from accounts.models import RoleAssignment, User
from accounts.roles import Role
user = User.objects.create_user(email="smoke.member@example.org")
RoleAssignment.objects.create(user=user, role=Role.MEMBER)
client = Client()
client.force_login(user)
print("SESSION=" + client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


@dataclass
class Server:
    port: int
    session: str

    def get(self, path: str, *, session: bool = False) -> http.client.HTTPResponse:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if session:
            headers["Cookie"] = f"{SESSION_COOKIE}={self.session}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response


def production_environment(tmp: Path) -> dict[str, str]:
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": f"sqlite:///{tmp / 'production.sqlite3'}",
            "ALLOWED_HOSTS": HOST,
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "NOTIFY_BACKEND": "notify",
            "NOTIFY_API_KEY": f"smoke-{uuid.uuid4()}-{uuid.uuid4()}",
            "NOTIFY_EMAIL_TEMPLATE_ID": str(uuid.uuid4()),
            "NOTIFY_SMS_TEMPLATE_ID": str(uuid.uuid4()),
            "SITE_URL": f"https://{HOST}",
            "FEEDBACK_REPORT_CRIME_URL": "https://www.met.police.uk/ro/report/ocr/af/how-to-report-a-crime/",
            "FEEDBACK_COMPLAINT_URL": "https://www.met.police.uk/fo/feedback/complaints/",
            "STATIC_ROOT": str(tmp / "static"),
            "FILE_STORAGE": "local",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str], what: str) -> str:
    out, _ = process.communicate(timeout=180)
    assert process.returncode == 0, f"{what} failed:\n{out}"
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not (BASE_DIR / "static" / "vendor" / "govuk" / "govuk-frontend.min.css").is_file():
        pytest.fail("The assets are not built: run `make install` (or `npm run build`).")
    tmp = tmp_path_factory.mktemp("production")
    env = production_environment(tmp)
    # Collecting and migrating do not depend on each other: run them side by side.
    collect = manage(env, "collectstatic", "--noinput", "-v0")
    finish(manage(env, "migrate", "--noinput", "-v0"), "migrate")
    finish(manage(env, "createcachetable"), "createcachetable")
    finish(collect, "collectstatic")
    out = finish(manage(env, "shell", "-c", MAKE_MEMBER_SESSION), "creating a member's session")
    session = re.search(r"SESSION=(\S+)", out)
    assert session, out

    port = free_port()
    log = (tmp / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "victimvoice.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--forwarded-allow-ips",
            "127.0.0.1",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    running = Server(port=port, session=session.group(1))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if running.get("/healthz").status == 200:
                    break
            except OSError:
                pass
            if gunicorn.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start:\n" + (tmp / "gunicorn.log").read_text())
            time.sleep(0.2)
        yield running
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=10)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait()
        log.close()


PAGES = [
    pytest.param("/", False, id="home"),
    pytest.param("/account/login/", False, id="sign-in"),
    pytest.param("/give-feedback/", False, id="feedback-form"),
    pytest.param("/dashboard/member/", True, id="signed-in-member"),
]


@pytest.mark.parametrize(("path", "signed_in"), PAGES)
def test_each_page_answers_200_with_the_production_headers(server, path, signed_in):
    response = server.get(path, session=signed_in)
    body = response.body.decode()  # type: ignore[attr-defined]

    assert response.status == 200, body[:2000]
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    cookies = response.headers.get_all("Set-Cookie") or []
    assert cookies, "a page with a form sets its CSRF cookie"
    for cookie in cookies:
        assert "; Secure" in cookie, cookie
        assert cookie.startswith("__Host-"), cookie
    if signed_in:
        assert "Sign out" in body
        assert "no-store" in response.headers["Cache-Control"]
    # The addresses production was given, never a placeholder or this machine.
    for placeholder in ("police.example", "localhost", "127.0.0.1"):
        assert placeholder not in body


def test_the_pages_load_their_hashed_stylesheets_script_and_icons(server):
    body = server.get("/").body.decode()  # type: ignore[attr-defined]
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', body)
    assert any(re.search(r"govuk-frontend\.min\.[0-9a-f]{12}\.css$", a) for a in assets), assets
    assert any(a.endswith(".ico") for a in assets), assets
    for asset in assets:
        assert server.get(asset).status == 200, asset


def test_plain_http_is_sent_to_https_but_the_health_check_answers(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    connection.request("GET", "/", headers={"Host": HOST})
    response = connection.getresponse()
    connection.close()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/"
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    connection.request("GET", "/healthz", headers={"Host": HOST})
    assert connection.getresponse().status == 200
    connection.close()


def test_the_outbox_does_not_exist_in_production(server):
    assert server.get("/messages/outbox/").status == 404
    assert server.get("/messages/outbox/1/").status == 404
