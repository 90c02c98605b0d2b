"""With DJANGO_ENV=production the app refuses to start without its secrets and passes
`manage.py check --deploy` with no warnings."""

import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[2]
REQUIRED = [
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "FIELD_ENCRYPTION_KEYS",
    "SITE_URL",
    "FEEDBACK_REPORT_CRIME_URL",
    "FEEDBACK_COMPLAINT_URL",
    "NOTIFY_API_KEY",
    "NOTIFY_EMAIL_TEMPLATE_ID",
    "NOTIFY_SMS_TEMPLATE_ID",
    "FILE_STORAGE",
]


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
            "ALLOWED_HOSTS": "victimvoice.example.org",
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            # NOTIFY_BACKEND is left to its production default: GOV.UK Notify.
            "NOTIFY_API_KEY": f"test-{uuid.uuid4()}-{uuid.uuid4()}",
            "NOTIFY_EMAIL_TEMPLATE_ID": str(uuid.uuid4()),
            "NOTIFY_SMS_TEMPLATE_ID": str(uuid.uuid4()),
            "SITE_URL": "https://victimvoice.example.org",
            "FEEDBACK_REPORT_CRIME_URL": "https://www.met.police.uk/ro/report/ocr/af/how-to-report-a-crime/",
            "FEEDBACK_COMPLAINT_URL": "https://www.met.police.uk/fo/feedback/complaints/",
            "STATIC_ROOT": str(tmp_path / "static"),
            # A single server keeping files on its own disk says so (docs/files.md).
            "FILE_STORAGE": "local",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_no_warnings(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("name", REQUIRED)
def test_it_refuses_to_start_without_each_secret(production_env, name):
    del production_env[name]
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert f"{name} must be set" in result.stderr


def test_it_refuses_the_development_keys(production_env):
    production_env["SECRET_KEY"] = "dev-only-insecure-key-for-generated-demo-data-only-0000000000"
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert "development keys" in result.stderr


def test_it_refuses_a_field_key_that_is_not_a_fernet_key(production_env):
    production_env["FIELD_ENCRYPTION_KEYS"] = "not-a-key"
    result = manage(production_env, "check")
    assert result.returncode != 0


def test_production_turns_on_https_only_settings(production_env):
    script = (
        "import json, victimvoice.settings as s; print(json.dumps({"
        "'debug': s.DEBUG, 'hsts': s.SECURE_HSTS_SECONDS, 'redirect': s.SECURE_SSL_REDIRECT,"
        "'exempt': s.SECURE_REDIRECT_EXEMPT, 'session_secure': s.SESSION_COOKIE_SECURE,"
        "'csrf_secure': s.CSRF_COOKIE_SECURE, 'language_secure': s.LANGUAGE_COOKIE_SECURE,"
        "'session_name': s.SESSION_COOKIE_NAME}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env,
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)
    assert values == {
        "debug": False,
        "hsts": 365 * 24 * 60 * 60,
        "redirect": True,
        "exempt": ["^healthz$"],
        "session_secure": True,
        "csrf_secure": True,
        "language_secure": True,
        "session_name": "__Host-sessionid",
    }


def settings_values(env: dict[str, str], *names: str) -> dict[str, object]:
    script = (
        "import json, victimvoice.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_production_sends_through_gov_uk_notify_by_default(production_env):
    assert settings_values(production_env, "NOTIFY_BACKEND") == {"NOTIFY_BACKEND": "notify"}


def test_it_refuses_the_outbox_which_would_send_nothing(production_env):
    production_env["NOTIFY_BACKEND"] = "outbox"
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert "NOTIFY_BACKEND=outbox sends nothing" in result.stderr


def test_a_staging_site_may_keep_the_outbox_when_it_says_so(production_env):
    production_env["NOTIFY_BACKEND"] = "outbox"
    production_env["NOTIFY_ALLOW_OUTBOX_IN_PRODUCTION"] = "1"
    result = manage(production_env, "check")
    assert result.returncode == 0, result.stderr


def import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Only the settings module: quicker than `manage.py check` for what it refuses."""
    return subprocess.run(
        [sys.executable, "-c", "import victimvoice.settings"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "address"),
    [
        ("SITE_URL", "http://victimvoice.example.org"),
        ("SITE_URL", "https://localhost:8000"),
        ("SITE_URL", "http://127.0.0.1:8000"),
        ("SITE_URL", "https://victimvoice.test"),
        ("FEEDBACK_REPORT_CRIME_URL", "https://www.police.example/report"),
        ("FEEDBACK_COMPLAINT_URL", "https://www.police.example/complaints"),
        ("FEEDBACK_COMPLAINT_URL", "http://www.met.police.uk/fo/feedback/complaints/"),
    ],
)
def test_it_refuses_a_public_address_that_is_not_real(production_env, name, address):
    production_env[name] = address
    result = import_settings(production_env)
    assert result.returncode != 0
    assert f"{name} must be the real https:// address" in result.stderr
