"""Browser tests: the real product in a subprocess, driven by Debian's Chromium.

pytest-django's `live_server` needs `transactional_db`, which empties tables with TRUNCATE
after each test; the audit table refuses that on PostgreSQL. So these tests start the
product as `make run` does, on a database of their own (a SQLite file in a temporary
folder, or a new PostgreSQL database next to the one in DATABASE_URL), and tear it down
afterwards. See docs/testing.md.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Database:
    """A fresh database for the product under test, made and dropped by this session."""

    def __init__(self, tmp: Path) -> None:
        import dj_database_url

        self.admin_url: str | None = None
        self.name = ""
        source = os.environ.get("DATABASE_URL", "")
        if source.startswith(("postgres://", "postgresql://")):
            parsed = dj_database_url.parse(source)
            # One per product: a journey may start a second product (a clock of its own).
            self.name = f"{parsed['NAME']}_browser_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            base, _, _ = source.rpartition("/")
            self.url = f"{base}/{self.name}"
            self.admin_url = f"{base}/postgres"
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            self._execute(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{tmp / 'browser.sqlite3'}"

    def _execute(self, sql: str) -> None:
        import psycopg

        assert self.admin_url is not None
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def drop(self) -> None:
        if self.admin_url:
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The product stopped while starting:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"The product did not answer {url} within 60s:\n{log.read_text()[-3000:]}")


@dataclass(frozen=True)
class Product:
    url: str
    env: dict[str, str]
    manage_command: tuple[str, ...] = (sys.executable, str(ROOT / "manage.py"))

    def manage(self, *args: str) -> str:
        """Run a management command against the product's database; return its output."""
        done = subprocess.run(
            [*self.manage_command, *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout


@contextmanager
def running_product(tmp: Path, *, clock: str = "") -> Iterator[Product]:
    """The product on a fresh, seeded database, as `make run` starts it. With `clock` (an
    ISO time, Europe/London), every command and the server run with the clock started then
    and ticking (tests/browser/clocked_manage.py), for journeys that need a given day."""
    database = _Database(tmp)
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DATABASE_URL": database.url,
        # Messages are sent at once, so sign-in codes are in the outbox straight away.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "NOTIFY_BACKEND": "outbox",
        "PYTHONUNBUFFERED": "1",
        # The desk's demo queue at a tenth of its size: the journeys need its shape, not its bulk.
        "DESK_DEMO_CASES": "200",
    }
    env.pop("DJANGO_DEBUG", None)
    if clock:
        env["VV_PRODUCT_CLOCK"] = clock
        manage = [sys.executable, "-m", "tests.browser.clocked_manage"]
    else:
        manage = [sys.executable, str(ROOT / "manage.py")]
    log = tmp / "server.log"
    server: subprocess.Popen[bytes] | None = None
    try:
        for args in (["migrate", "--noinput", "-v0"], ["createcachetable"], ["seed_demo"]):
            subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, capture_output=True)
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        with log.open("wb") as out:
            server = subprocess.Popen(
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_until_up(f"{base_url}/healthz", server, log)
        yield Product(url=base_url, env=env, manage_command=tuple(manage))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        database.drop()


@pytest.fixture(scope="session")
def product(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Product]:
    """Start the product on a fresh, seeded database and yield its address and settings."""
    with running_product(tmp_path_factory.mktemp("product")) as started:
        yield started


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, for one test module. Not for the whole session: Playwright's synchronous
    API keeps an event loop running in this thread while it is open, and later tests that
    open database connections or run asyncio themselves must not find one."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("VV_REQUIRE_BROWSER") == "1":
            pytest.fail(f"VV_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any, product: Product) -> Iterator[Any]:
    """A fresh browser profile. axe-core is added by an init script, so the page's own
    Content-Security-Policy stays in force and still blocks anything the product adds inline."""
    context = browser.new_context(base_url=product.url, locale="en-GB")
    context.set_default_timeout(10_000)
    context.add_init_script(path=str(AXE))
    yield context
    context.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A tab that fails the test on a Content-Security-Policy report, a JavaScript error or
    a stylesheet, script, font or image the product fails to serve."""
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            problems.append(message.text)

    def on_response(response: Any) -> None:
        kind = response.request.resource_type
        if response.status >= 400 and kind in {"stylesheet", "script", "font", "image"}:
            problems.append(f"{response.status} for {kind} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("response", on_response)
    yield page
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)
