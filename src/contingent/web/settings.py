"""Django settings. Configuration comes from the environment; defaults give a working demo.

- ``CONTINGENT_HOME``: where the embedded SQLite database and the signing keys live
  (default ``./var``).
- ``DATABASE_URL``: ``postgresql://user:pass@host:port/name`` selects PostgreSQL (the scale path);
  unset means SQLite in WAL mode under ``CONTINGENT_HOME``.
- ``CONTINGENT_SECRET_KEY``: Django's secret; generated once and kept under ``CONTINGENT_HOME``.
- ``CONTINGENT_DEBUG``: ``1`` for development error pages.
- ``CONTINGENT_INSECURE_COOKIES``: ``1`` drops the ``Secure`` flag from the session and CSRF
  cookies (plain-HTTP use off localhost). Browsers treat ``http://127.0.0.1`` and
  ``http://localhost`` as secure contexts and keep ``Secure`` cookies there, so ``contingent
  demo`` works without it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

HOME = Path(os.environ.get("CONTINGENT_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)
BASE_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    """Created owner-only from the start (not chmod-ed after writing) and exclusively: two
    processes starting on a fresh home must not each keep a different key (sessions signed by
    one would be refused by the other)."""
    if key := os.environ.get("CONTINGENT_SECRET_KEY"):
        return key
    path = HOME / "secret_key"
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    for _ in range(50):  # the winner of the race may still be writing
        if key := path.read_text().strip():
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty: remove it to generate a new secret key")


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(HOME / "contingent.sqlite3"),
            # WAL is switched on per connection in contingent.web.core.apps (connection_created).
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
            "TEST": {"NAME": str(HOME / "test.sqlite3")},
        }
    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise RuntimeError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
    }


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("CONTINGENT_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("CONTINGENT_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves its Swagger UI files locally (no CDN) for /api/docs
    "django_htmx",  # request.htmx; the htmx script itself is vendored under static/
    "contingent.web.core",
    "contingent.web.accounts",
    "contingent.web.forcegen",
    "contingent.web.transparency",
    "contingent.web.access",
    "contingent.web.api",
]

MIDDLEWARE = [
    "contingent.web.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # PostgreSQL cannot hold a NUL in text: refused here for every page and API call
    "contingent.web.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "contingent.web.core.middleware.ErrorMiddleware",
]

ROOT_URLCONF = "contingent.web.urls"
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
                "django.template.context_processors.i18n",
            ]
        },
    }
]
WSGI_APPLICATION = "contingent.web.wsgi.application"
DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the app in development and tests

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and os.environ.get("CONTINGENT_INSECURE_COOKIES") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 12 * 3600  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The CSP (contingent.web.core.middleware) allows no inline script: htmx reads the CSRF token
# from a <meta name="csrf-token"> tag or the cookie via an external script, never inline JS.
CSRF_COOKIE_HTTPONLY = False  # htmx's external script copies it into the X-CSRFToken header
CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG and SESSION_COOKIE_SECURE:
    SECURE_HSTS_SECONDS = int(os.environ.get("CONTINGENT_HSTS_SECONDS", "0"))

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
