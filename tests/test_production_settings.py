"""With DJANGO_ENV=production the app refuses to start without its secrets and passes
`manage.py check --deploy` with no warnings."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRED = ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS"]


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
            "NOTIFY_BACKEND": "outbox",
            "STATIC_ROOT": str(tmp_path / "static"),
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
