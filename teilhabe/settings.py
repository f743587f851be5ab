"""Django settings of Teilhabe, read from environment variables.

Every variable has a safe production default; `make run` switches on demo mode and
plain HTTP for the local machine. docs/operations.md lists the variables.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("TEILHABE_DATA_DIR") or Path.cwd() / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate limit "COUNT/SECONDS", e.g. "100/600"."""
    count, seconds = os.environ.get(name, default).split("/")
    return int(count), int(seconds)


def _secret_key() -> str:
    """The key from the environment, or one generated once and kept in the data folder."""
    if key := os.environ.get("TEILHABE_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("TEILHABE_DEBUG", False)
DEMO_MODE = env_bool("TEILHABE_DEMO_MODE", False)
HTTPS = env_bool("TEILHABE_HTTPS", True)
ALLOWED_HOSTS = env_list("TEILHABE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("TEILHABE_CSRF_TRUSTED_ORIGINS", "")

# The second factor is required for every role that sees personal data. Demo mode
# makes it optional (and says so in a banner on every page).
REQUIRE_SECOND_FACTOR = env_bool("TEILHABE_REQUIRE_2FA", not DEMO_MODE)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "django_q",
    "rules.apps.AutodiscoverRulesConfig",
    "teilhabe.core",
    "teilhabe.accounts",
    "teilhabe.organisations",
    "teilhabe.casework",
    "teilhabe.activities",
    "teilhabe.appointments",
    "teilhabe.registrations",
    "teilhabe.programmes",
    "teilhabe.network",
    "teilhabe.funding",
    "teilhabe.mediation",
    "teilhabe.planning",
    "teilhabe.participation",
    "teilhabe.opening",
    "teilhabe.grants",
    "teilhabe.proofs",
    "teilhabe.monitoring",
    "teilhabe.reports",
    "teilhabe.api",
    "teilhabe.audit",
    "teilhabe.retention",
    "teilhabe.legal",
    "teilhabe.documents",
    "teilhabe.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "teilhabe.core.middleware.AuditMiddleware",
    "teilhabe.core.middleware.NoStoreMiddleware",
    "teilhabe.accounts.middleware.AccessPolicyMiddleware",
    # Last, so that it sees the outcome of authentication in the views above it.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "teilhabe.urls"
WSGI_APPLICATION = "teilhabe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "teilhabe.core.context_processors.installation",
            ],
        },
    }
]

# --- database ----------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'teilhabe.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the job worker run while a request writes; IMMEDIATE takes
    # the write lock at the start of a transaction instead of failing half-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles every query whose estimated cost is high, such as the
    # correlated subqueries of the annual report, taking longer (0.4 s for one query of
    # a big city's report) than running it; Teilhabe's queries are short. An installation
    # can turn it on again with TEILHABE_PG_JIT=on.
    jit = "on" if os.environ.get("TEILHABE_PG_JIT") == "on" else "off"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit={jit}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication ------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = int(os.environ.get("TEILHABE_PASSWORD_RESET_HOURS", "48")) * 3600

# Lock-out after repeated failures (django-axes): per user name, so that a shared
# office IP address does not lock out a whole team.
AXES_FAILURE_LIMIT = int(os.environ.get("TEILHABE_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TEILHABE_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = os.environ.get("TEILHABE_OTP_ISSUER", "Teilhabe")

# Sessions end after a period without activity, and at the latest when the browser closes.
SESSION_IDLE_MINUTES = int(os.environ.get("TEILHABE_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- security headers ----------------------------------------------------------

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and env_bool("TEILHABE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("TEILHABE_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- internationalisation -----------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- static files ----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

# --- mail (optional: without it, administrators hand out reset links) ---------

EMAIL_HOST = os.environ.get("TEILHABE_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("TEILHABE_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("TEILHABE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TEILHABE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TEILHABE_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("TEILHABE_EMAIL_FROM", "teilhabe@localhost")
MAIL_CONFIGURED = bool(EMAIL_HOST)
if not MAIL_CONFIGURED:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# --- job queue ---------------------------------------------------------------------

# django-q2 with the database as broker: one queue on SQLite and on PostgreSQL.
Q_CLUSTER = {
    "name": "teilhabe",
    "orm": "default",
    "workers": int(os.environ.get("TEILHABE_WORKERS", "1")),
    "timeout": 3600,
    "retry": 3700,
    "max_attempts": 1,
    "save_limit": 500,
    "catch_up": False,
    "poll": 1,
    "label": _("Jobs"),
}

# --- single sign-on (optional) -------------------------------------------------------

OIDC_ENABLED = bool(os.environ.get("TEILHABE_OIDC_CLIENT_ID"))
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("teilhabe.accounts.oidc.TeilhabeOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["TEILHABE_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("TEILHABE_OIDC_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("TEILHABE_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("TEILHABE_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("TEILHABE_OIDC_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("TEILHABE_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("TEILHABE_OIDC_SIGN_ALGO", "RS256")
    OIDC_CREATE_USER = False

# --- audit ----------------------------------------------------------------------------

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- logging ------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TEILHABE_LOG_LEVEL", "WARNING")},
}

# Threshold below which counts are suppressed in anything published.
SMALL_NUMBER_THRESHOLD = int(os.environ.get("TEILHABE_SMALL_NUMBER_THRESHOLD", "3"))

# Plausibility of casework entries (casework/plausibility.py): how many days ahead of
# today a session may be dated (0: sessions are recorded after they happen).
SESSION_DAYS_AHEAD = int(os.environ.get("TEILHABE_SESSION_DAYS_AHEAD", "0"))
# The age range of a service's clients, a warning the user can confirm when opening a
# case: "JMD=12-27" (services separated by commas); the JMD's 12 to 27 by default.
SERVICE_AGE_RANGES = {
    code.strip(): (int(low), int(high))
    for code, _sep, bounds in (
        part.partition("=")
        for part in os.environ.get("TEILHABE_SERVICE_AGE_RANGES", "JMD=12-27").split(",")
        if part.strip()
    )
    for low, high in [bounds.split("-", 1)]
}

# Limits of an uploaded import (docs/operations.md): a big city's export (600,000
# sessions) fits well inside them; a ZIP bomb or a sheet claiming 16,384 columns does not.
IMPORT_MAX_UPLOAD = int(os.environ.get("TEILHABE_IMPORT_MAX_UPLOAD", str(200 * 1024 * 1024)))
IMPORT_MAX_UNPACKED = int(os.environ.get("TEILHABE_IMPORT_MAX_UNPACKED", str(512 * 1024 * 1024)))
# Per address: failed sign-ins across user names, and password-reset requests
# (accounts/views.py, core/ratelimit.py).
ACCOUNT_RATE = {
    "login": env_rate("TEILHABE_LOGIN_RATE", "100/600"),
    "password-reset": env_rate("TEILHABE_PASSWORD_RESET_RATE", "10/3600"),
}
IMPORT_MAX_ROWS = int(os.environ.get("TEILHABE_IMPORT_MAX_ROWS", "2000000"))
IMPORT_MAX_COLUMNS = int(os.environ.get("TEILHABE_IMPORT_MAX_COLUMNS", "200"))
IMPORT_MAX_PROBLEMS = int(os.environ.get("TEILHABE_IMPORT_MAX_PROBLEMS", "1000"))

# Casework documents (teilhabe/documents): a private folder that no URL serves (files
# leave it only through the audited download view), and the largest file accepted.
DOCUMENT_ROOT = Path(os.environ.get("TEILHABE_DOCUMENT_ROOT") or DATA_DIR / "dokumente").resolve()
DOCUMENT_MAX_UPLOAD = int(os.environ.get("TEILHABE_DOCUMENT_MAX_UPLOAD", str(10 * 1024 * 1024)))

FORM_RENDERER = "teilhabe.core.forms.KernFormRenderer"

# Lock-out is per user name on purpose (see AXES_LOCKOUT_PARAMETERS): counselling
# centres share one public IP address, and an IP lock-out would lock out a whole team.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
