"""Settings for Victim Voice, read from the environment.

Development needs no configuration: SQLite under var/, messages kept in the outbox,
debug off unless DJANGO_DEBUG=1. With DJANGO_ENV=production the process refuses to start
without its secrets (see docs/deployment.md).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from lib.storage import file_storage

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENV == "production"
TESTING = ENV == "test"


def env(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production.")
    return default or ""


# Addresses that are never a real public page (this machine, names reserved for examples
# and tests): refused in production for SITE_URL and the force's pages.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1"}  # noqa: S104
RESERVED_TOP_LEVEL_DOMAINS = {"example", "invalid", "test", "localhost", "local"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.lower() in {"1", "true", "yes", "on"}


# Development keys are fixed so that `make run` works with no set-up; they protect
# nothing but generated demo data and are refused in production.
_DEV_SECRET_KEY = "dev-only-insecure-key-for-generated-demo-data-only-0000000000"  # noqa: S105
_DEV_FIELD_KEY = "ZGV2LW9ubHkta2V5LW5ldmVyLWluLXByb2R1Y3Rpb24="  # noqa: S105

SECRET_KEY = env("SECRET_KEY", _DEV_SECRET_KEY, required=PRODUCTION)
DEBUG = env_bool("DJANGO_DEBUG") and not PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver", required=PRODUCTION).split(",")
    if h.strip()
]

# Field encryption: comma-separated Fernet keys, newest first. Data encrypted with any
# listed key can be read; new data is written with the first. See docs/encryption.md.
FIELD_ENCRYPTION_KEYS = [
    k.strip()
    for k in env("FIELD_ENCRYPTION_KEYS", _DEV_FIELD_KEY, required=PRODUCTION).split(",")
    if k.strip()
]
if PRODUCTION and (SECRET_KEY == _DEV_SECRET_KEY or _DEV_FIELD_KEY in FIELD_ENCRYPTION_KEYS):
    raise ImproperlyConfigured("The development keys must not be used in production.")
for _key in FIELD_ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        # The key itself is never put in the message.
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be comma-separated Fernet keys (see docs/deployment.md)."
        ) from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "lib",
    "accounts",
    "privacy",
    "notify",
    "forums",
    "pages",
    "redaction",
    "recruitment",
    "portal",
    "expenses",
    "insights",
    "reports",
    "feedback",
    "directory",
    "dashboards",
    "safecontact",
    "desk",
    "engagement",
    # The project package itself: the demo's cast and its commands (seed_demo, demo_code,
    # demo_personas), which import every app, so that no app imports the others for them.
    "victimvoice",
]
if TESTING:
    # A test-only model with encrypted fields (tests/lib/test_encryption.py).
    INSTALLED_APPS.append("tests.encryption_app")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Messages before the sign-in rules, which tell people why they were signed out.
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.RequireStaffMFAMiddleware",
    "accounts.middleware.HideUnusedAccountPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lib.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "victimvoice.urls"
WSGI_APPLICATION = "victimvoice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "victimvoice.jinja2.environment",
            "autoescape": True,
        },
    },
    {
        # Django's own templates (admin, allauth's plain-text emails) still render here.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ by default; DATABASE_URL for PostgreSQL.
_default_db = f"sqlite:///{BASE_DIR / 'var' / 'victimvoice.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", _default_db, required=PRODUCTION),
        conn_max_age=60,
        # A kept connection is checked before a request uses it: after PostgreSQL restarts,
        # a worker reconnects instead of failing (docs/operations.md, "Faults").
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for several people at once (development, demos): write-ahead logging so
    # readers never wait for a writer, a busy timeout so a writer waits its turn instead of
    # failing with "database is locked", and transactions that take the write lock when
    # they begin (IMMEDIATE), so two transactions never deadlock upgrading a read to a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A read replica for the dashboards, desk compliance and reports (lib/dbrouter.py); a
# session that has just written reads the primary for REPLICA_AFTER_WRITE_SECONDS.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", "")
REPLICA_AFTER_WRITE_SECONDS = int(env("REPLICA_AFTER_WRITE_SECONDS", "10"))
if DATABASE_REPLICA_URL:
    from lib.dbrouter import replica_database

    DATABASES["replica"] = replica_database(
        DATABASE_REPLICA_URL, DATABASES["default"], testing=TESTING
    )
    DATABASE_ROUTERS = ["lib.dbrouter.ReplicaRouter"]
    MIDDLEWARE.append("lib.dbrouter.ReadYourWritesMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate-limit counters (lib/ratelimit.py) are kept out of PostgreSQL: Redis in production
# (RATELIMIT_CACHE_URL, so every process shares them), else a per-process memory cache.
_RATELIMIT_CACHE_URL = env("RATELIMIT_CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cache_entries",
    },
    "ratelimit": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _RATELIMIT_CACHE_URL}
        if _RATELIMIT_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
    ),
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "pages:home"

# django-allauth: staff sign in with email and password, then MFA; members sign in with
# a one-time code sent by email. Nobody can sign themselves up.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/ip,5/5m/key",
    "request_login_code": "5/5m/ip,3/5m/key",
    "reset_password": "5/5m/ip,3/5m/key",
    "reset_password_from_key": "10/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_FORMS = {
    "request_login_code": "accounts.forms.RequestLoginCodeForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
}
# Nothing is sent to an address without an account (nor to staff asking for a code): the
# page says the same either way, so nobody can learn who has an account.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
# Security keys (WebAuthn) as a second factor; not for signing in without a password.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Victim Voice"
# Accept the code before and after the current one: phone clocks drift, and a code typed
# as it changes should still work. Each code works once (allauth remembers used codes).
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TRUST_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = True

# Sessions: idle timeout 30 minutes for everyone, absolute 12 hours for staff.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(timedelta(hours=12).total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers (see also lib.middleware.SecurityHeadersMiddleware).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers check /healthz over plain HTTP inside the network: answer, not redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(timedelta(days=365).total_seconds())
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Internationalisation: English and Welsh.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected files are served by WhiteNoise in production; in development it serves the
# source folders directly (WHITENOISE_USE_FINDERS), so nothing needs collecting.
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "var" / "static")) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (docs/files.md): the local disk under MEDIA_ROOT, or a private bucket on
# S3-compatible storage that every web server shares. Production must say which.
STORAGES = {
    "default": file_storage(
        env("FILE_STORAGE", "memory" if TESTING else "local", required=PRODUCTION),
        production=PRODUCTION,
        bucket=env("S3_BUCKET"),
        region=env("S3_REGION", "eu-west-2"),
        endpoint_url=env("S3_ENDPOINT_URL"),
        addressing_style=env("S3_ADDRESSING_STYLE"),
        signed_url_seconds=int(env("S3_SIGNED_URL_SECONDS", "60")),
        encryption=env("S3_SERVER_SIDE_ENCRYPTION", "AES256"),
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION

# Background work: django-tasks over the same database.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}
# A task still running after this long is enqueued again if its worker is gone (on
# PostgreSQL, a worker that is alive is never interrupted): lib/task_recovery.py.
TASK_LEASE_MINUTES = float(env("TASK_LEASE_MINUTES", "15"))

# Email and SMS: GOV.UK Notify, or the local outbox (development and tests). Production
# sends through Notify: it refuses the outbox, which would send nothing, unless a staging
# site says so explicitly; the outbox pages never exist in production (notify/views.py).
NOTIFY_BACKEND = env("NOTIFY_BACKEND", "notify" if PRODUCTION else "outbox")
if NOTIFY_BACKEND not in {"outbox", "notify"}:
    raise ImproperlyConfigured("NOTIFY_BACKEND must be 'outbox' or 'notify'.")
NOTIFY_ALLOW_OUTBOX_IN_PRODUCTION = env_bool("NOTIFY_ALLOW_OUTBOX_IN_PRODUCTION")
if PRODUCTION and NOTIFY_BACKEND == "outbox" and not NOTIFY_ALLOW_OUTBOX_IN_PRODUCTION:
    raise ImproperlyConfigured(
        "NOTIFY_BACKEND=outbox sends nothing: production needs NOTIFY_BACKEND=notify "
        "(or NOTIFY_ALLOW_OUTBOX_IN_PRODUCTION=1 on a staging site; see docs/deployment.md)."
    )
NOTIFY_API_KEY = env("NOTIFY_API_KEY", required=NOTIFY_BACKEND == "notify")
NOTIFY_EMAIL_TEMPLATE_ID = env("NOTIFY_EMAIL_TEMPLATE_ID", required=NOTIFY_BACKEND == "notify")
NOTIFY_SMS_TEMPLATE_ID = env("NOTIFY_SMS_TEMPLATE_ID", required=NOTIFY_BACKEND == "notify")
# Where GOV.UK Notify's API is, and how long to wait for an answer before trying later.
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TIMEOUT_SECONDS = float(env("NOTIFY_TIMEOUT_SECONDS", "30"))
NOTIFY_MESSAGE_RETENTION_DAYS = 7

# Retention (privacy/retention.py; docs/data-protection.md). Periods in days.
# The audit log: six years, as long as a claim about the use of someone's records could be brought.
AUDIT_RETENTION_DAYS = int(env("AUDIT_RETENTION_DAYS", "2190"))
# Sign-in, failed sign-in and sign-out events in the audit log.
SIGN_IN_RECORD_RETENTION_DAYS = int(env("SIGN_IN_RECORD_RETENTION_DAYS", "365"))

# Small-number suppression (lib/suppression/, docs/suppression.md): counts from 1 to
# SUPPRESSION_K - 1 shown outside the oversight body read "fewer than SUPPRESSION_K".
SUPPRESSION_K = int(env("SUPPRESSION_K", "5"))
if SUPPRESSION_K < 2:
    raise ImproperlyConfigured("SUPPRESSION_K must be 2 or more.")

SERVICE_NAME = "Victim Voice"
SERVICE_AREA = env("SERVICE_AREA", "London")
# Applying to join a forum (docs/recruitment.md): submissions allowed per IP address per
# hour, and the fewest seconds a person can take from the first question to sending.
RECRUITMENT_SUBMISSIONS_PER_HOUR = int(env("RECRUITMENT_SUBMISSIONS_PER_HOUR", "5"))
RECRUITMENT_MIN_SECONDS_TO_APPLY = int(env("RECRUITMENT_MIN_SECONDS_TO_APPLY", "15"))
# The population the representativeness report compares with (docs/vetting.md): a folder
# of Census CSV files (empty: London's, shipped in recruitment/reference/census2021), the
# ONS code of the area's rows, and its name on the page (empty: SERVICE_AREA).
RECRUITMENT_CENSUS_DIR = env("RECRUITMENT_CENSUS_DIR", "")
RECRUITMENT_CENSUS_AREA_CODE = env("RECRUITMENT_CENSUS_AREA_CODE", "E12000007")
RECRUITMENT_CENSUS_AREA_NAME = env("RECRUITMENT_CENSUS_AREA_NAME", "")
# The engagement register's areas (engagement/areas.py): "london" (its boroughs) or
# "dyfed_powys" (Carmarthenshire, Ceredigion, Pembrokeshire, Powys), from the Census 2021
# files in engagement/census2021.
ENGAGEMENT_AREA = env("ENGAGEMENT_AREA", "london")
if ENGAGEMENT_AREA not in ("london", "dyfed_powys"):
    raise ImproperlyConfigured('ENGAGEMENT_AREA must be "london" or "dyfed_powys".')
# Shown on the privacy notice and accessibility statement when set (see docs/deployment.md).
CONTACT_EMAIL = env("CONTACT_EMAIL")
DPO_EMAIL = env("DPO_EMAIL")
# Redaction of free text (docs/redaction.md): police reference patterns (regular expressions;
# a named group "ref" marks the part to hide). Empty means the defaults in
# redaction/patterns.py; each force may add its own, chosen with redact(text, force=...).
REDACTION_POLICE_REFERENCE_PATTERNS: list[str] = []
REDACTION_FORCE_REFERENCE_PATTERNS: dict[str, list[str]] = {}
# Post-contact feedback invitations and API (docs/feedback-invitations.md): days an SMS or
# email invitation link works; invitation requests each API integration may make a minute.
FEEDBACK_INVITATION_EXPIRY_DAYS = int(env("FEEDBACK_INVITATION_EXPIRY_DAYS", "14"))
FEEDBACK_API_RATE_PER_MINUTE = int(env("FEEDBACK_API_RATE_PER_MINUTE", "60"))
# The desk's index of closed tasks carries extra columns (INCLUDE) on PostgreSQL, for the
# compliance figures; SQLite (development) has no such indexes and builds a plain one.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# The Victim Focus Desk (docs/desk.md). The Victims' Code's time limits are data
# (desk.TimeLimit); these are the desk's own working settings: how often a victim who
# wants regular updates is offered them, the deadlines for feedback comments routed to
# the desk (safeguarding in clock hours, complaints in working days), how long a claim on a
# victim's tasks lasts, the hours the desk rings when no safe times are agreed (London
# wall time), the API's rate, and how long a closed case is kept: six years, the
# Limitation Act 1980's period for a claim or complaint about the service (docs/desk.md).
DESK_PERIODIC_DEFAULT_DAYS = int(env("DESK_PERIODIC_DEFAULT_DAYS", "28"))
DESK_SAFEGUARDING_HOURS = int(env("DESK_SAFEGUARDING_HOURS", "4"))
DESK_COMPLAINT_WORKING_DAYS = int(env("DESK_COMPLAINT_WORKING_DAYS", "2"))
DESK_CLAIM_MINUTES = int(env("DESK_CLAIM_MINUTES", "30"))
DESK_OPEN_HOURS = (env("DESK_OPEN_FROM", "08:00"), env("DESK_OPEN_TO", "20:00"))
DESK_API_RATE_PER_MINUTE = int(env("DESK_API_RATE_PER_MINUTE", "1200"))
DESK_CASE_RETENTION_DAYS = int(env("DESK_CASE_RETENTION_DAYS", "2190"))
DESK_LOOKUPS_PER_MINUTE = int(env("DESK_LOOKUPS_PER_MINUTE", "10"))
# How long each process keeps the desk's time limits and closed days in memory (seconds;
# 0 reads them every time, as the tests do): desk/services/common.py.
DESK_REFERENCE_CACHE_SECONDS = int(env("DESK_REFERENCE_CACHE_SECONDS", "0" if TESTING else "60"))
# How many fictional cases the demo makes (seed_demo; fewer while testing, for speed).
DESK_DEMO_CASES = int(env("DESK_DEMO_CASES", "40" if TESTING else "2000"))
# How many fictional people the demo puts on the engagement register (engagement/demo.py).
ENGAGEMENT_DEMO_PARTICIPANTS = int(env("ENGAGEMENT_DEMO_PARTICIPANTS", "60" if TESTING else "300"))
# The engagement register (docs/engagement.md, "Keeping and deleting"): how long after
# leaving a participant's data is deleted, how long an unconfirmed sign-up is kept, after how
# many days without activity a participant is asked whether to stay (two years) and how long
# they have to answer, and how long invitations and opportunities are kept after closing.
ENGAGEMENT_LEFT_DAYS = int(env("ENGAGEMENT_LEFT_DAYS", "30"))
ENGAGEMENT_UNVERIFIED_DAYS = int(env("ENGAGEMENT_UNVERIFIED_DAYS", "7"))
ENGAGEMENT_INACTIVE_DAYS = int(env("ENGAGEMENT_INACTIVE_DAYS", "730"))
ENGAGEMENT_STAY_ANSWER_DAYS = int(env("ENGAGEMENT_STAY_ANSWER_DAYS", "60"))
ENGAGEMENT_INVITATION_RETENTION_DAYS = int(env("ENGAGEMENT_INVITATION_RETENTION_DAYS", "730"))
ENGAGEMENT_OPPORTUNITY_RETENTION_DAYS = int(env("ENGAGEMENT_OPPORTUNITY_RETENTION_DAYS", "2190"))
# Hours an invited participant may watch or read an opportunity's material after first
# opening it (engagement.services.material).
ENGAGEMENT_MATERIAL_ACCESS_HOURS = int(env("ENGAGEMENT_MATERIAL_ACCESS_HOURS", "48"))
# Forums and meetings (docs/forums.md): the address links in messages start with, how many
# days before a meeting its agenda is due, reminders, and the largest uploads allowed.
# Development: where `make run` serves. Production requires the public https address.
SITE_URL = env(
    "SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or 8000}", required=PRODUCTION
).rstrip("/")
FORUM_AGENDA_PUBLISH_DAYS = int(env("FORUM_AGENDA_PUBLISH_DAYS", "7"))
FORUM_REMINDER_DAYS = int(env("FORUM_REMINDER_DAYS", "2"))
FORUM_DOCUMENT_MAX_BYTES = int(env("FORUM_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
FORUM_RECORDING_MAX_BYTES = int(env("FORUM_RECORDING_MAX_BYTES", str(500 * 1024 * 1024)))
# Expenses and incentives (docs/expenses.md): financial records are kept this many years;
# the thank-you payment for each meeting attended (0 turns it off); the largest claim and
# receipt a member may send.
EXPENSES_RETENTION_YEARS = int(env("EXPENSES_RETENTION_YEARS", "6"))
EXPENSES_RETENTION_DAYS = EXPENSES_RETENTION_YEARS * 365 + EXPENSES_RETENTION_YEARS // 4
EXPENSES_INCENTIVE_PER_MEETING = env("EXPENSES_INCENTIVE_PER_MEETING", "25.00")
EXPENSES_MAX_CLAIM = int(env("EXPENSES_MAX_CLAIM", "500"))
EXPENSES_RECEIPT_MAX_BYTES = int(env("EXPENSES_RECEIPT_MAX_BYTES", str(5 * 1024 * 1024)))
# The feedback loop (docs/insights.md): days the police have to respond to a recommendation.
RECOMMENDATION_RESPONSE_DAYS = int(env("RECOMMENDATION_RESPONSE_DAYS", "42"))
# Post-contact feedback (docs/feedback.md): where the form sends people who want to report
# a crime or complain about the police (production requires the force's own pages;
# development links to the national ones), and how many feedback forms one client may send
# in an hour.
FEEDBACK_REPORT_CRIME_URL = env(
    "FEEDBACK_REPORT_CRIME_URL",
    "https://www.police.uk/pu/contact-us/what-and-how-to-report/how-to-report/",
    required=PRODUCTION,
)
FEEDBACK_COMPLAINT_URL = env(
    "FEEDBACK_COMPLAINT_URL",
    "https://www.policeconduct.gov.uk/complaints/make-a-complaint",
    required=PRODUCTION,
)
if PRODUCTION:
    for _name in ("SITE_URL", "FEEDBACK_REPORT_CRIME_URL", "FEEDBACK_COMPLAINT_URL"):
        _host = urlsplit(globals()[_name]).hostname or ""
        if (
            not globals()[_name].startswith("https://")
            or _host in LOCAL_HOSTS
            or _host.rsplit(".", 1)[-1] in RESERVED_TOP_LEVEL_DOMAINS
        ):
            raise ImproperlyConfigured(
                f"{_name} must be the real https:// address in production (see docs/deployment.md)."
            )
FEEDBACK_SUBMIT_RATE_PER_HOUR = int(env("FEEDBACK_SUBMIT_RATE_PER_HOUR", "20"))
# ... and how many through one printed QR code in an hour, whatever the client's address.
FEEDBACK_SUBMIT_RATE_PER_CODE_PER_HOUR = int(env("FEEDBACK_SUBMIT_RATE_PER_CODE_PER_HOUR", "60"))
# A GOV.UK-style page when a form's security token is missing or out of date.
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
# Flash messages live in the session, so the only cookies are those on the cookies page.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logging would write URLs and form data of victims; only errors, no bodies.
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
    },
}
