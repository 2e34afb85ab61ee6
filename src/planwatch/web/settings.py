"""Django settings of planwatch, built from ``PLANWATCH_*`` environment variables (see ``config``).

SQLite in the data directory unless ``PLANWATCH_DATABASE_URL`` names another database (PostgreSQL).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from planwatch.web import config

CONFIG = config.load()
BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = CONFIG.data_dir

SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = list(CONFIG.csrf_trusted_origins)
if CONFIG.https:  # behind a proxy that terminates TLS and sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.hsts_seconds > 0
    SECURE_HSTS_PRELOAD = CONFIG.hsts_seconds >= 31536000  # the header allows it; submitting is the owner's call
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = CONFIG.session_hours * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (planwatch.web.headers): everything from this server, nothing inline
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                           "form-action 'self'; frame-ancestors 'none'")
# Swagger UI (/api/docs/, drf-spectacular's split view: no inline script) sets inline styles: allowed there only
CONTENT_SECURITY_POLICY_PATHS = {"/api/docs/": CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")}

# Who gets in (planwatch.web.access): login throttling shared through the cache, tokens, session timeouts
PLANWATCH_TRUSTED_PROXIES = list(CONFIG.trusted_proxies)
PLANWATCH_LOGIN_FAILURES = CONFIG.login_failures
PLANWATCH_LOGIN_FAILURES_PER_ADDRESS = CONFIG.login_failures_per_address
PLANWATCH_LOGIN_LOCKOUT_SECONDS = CONFIG.login_lockout_seconds
PLANWATCH_TOKEN_HOURS = CONFIG.token_hours
PLANWATCH_SESSION_IDLE_MINUTES = CONFIG.session_idle_minutes
PLANWATCH_SESSION_HOURS = CONFIG.session_hours
AUTHENTICATION_BACKENDS = ["planwatch.web.access.backends.ThrottledBackend"]
CACHES = {"default": (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CONFIG.cache_url}
    if CONFIG.cache_url else
    {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "planwatch_cache",
     "OPTIONS": {"MAX_ENTRIES": 100_000}})}

# Bodies: JSON and form posts up to 1 MB; file uploads are capped per endpoint (planwatch.web.uploads)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
PLANWATCH_UPLOAD_LIMITS = {"pages:report_upload": 2 * 1024 * 1024, "pages:package": 20 * 1024 * 1024}
PLANWATCH_UPLOAD_DEFAULT = 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI files, served by us: no CDN
    "planwatch.web.plans",
    "planwatch.web.access",
    "planwatch.web.api",
    "planwatch.web.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "planwatch.web.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "planwatch.web.plans.middleware.RequestIdMiddleware",
    "planwatch.web.uploads.UploadLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planwatch.web.language.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "planwatch.web.access.sessions.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "planwatch.web.urls"
WSGI_APPLICATION = "planwatch.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]


def _databases() -> dict[str, Any]:
    if CONFIG.database_url:
        import dj_database_url

        db = dict(dj_database_url.parse(CONFIG.database_url, conn_max_age=60, conn_health_checks=True))
        # a test database per process, so that test runs sharing a server never drop each other's
        db["TEST"] = {"NAME": f"test_{db.get('NAME') or 'planwatch'}_{os.getpid()}"}
        return {"default": db}
    # the database file (and so its WAL and shared-memory files, which SQLite creates with the database's
    # mode) is the server account's alone: created 0600, narrowed to 0600 if it was wider
    path = CONFIG.sqlite_path
    if not path.exists():
        config.create_private(path)  # an empty file is an empty SQLite database
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        config.private_file(part)
    # SQLite tuned for many readers and one writer at a time: WAL journal, a generous busy timeout and
    # IMMEDIATE transactions so that a writer takes the lock at BEGIN instead of failing at COMMIT.
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(CONFIG.sqlite_path),
            # tests get a file too (not :memory:), so that threads see one database with real locking;
            # one per process, in the temp dir, so that parallel runs never share it
            "TEST": {"NAME": os.path.join(tempfile.gettempdir(), f"planwatch-test-{os.getpid()}.sqlite3")},
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": CONFIG.sqlite_busy_timeout_ms / 1000,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    f"PRAGMA busy_timeout={CONFIG.sqlite_busy_timeout_ms};"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
PLANWATCH_NEGOTIATE_LANGUAGE = config.get_bool("PLANWATCH_NEGOTIATE_LANGUAGE")
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

STATIC_URL = "/static/"
STATIC_ROOT = CONFIG.static_root
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from finders until collectstatic fills it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "planwatch.web.access.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "planwatch.web.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "planwatch.web.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,  # ?format=zip|xlsx belongs to the export, not to content negotiation
    "NUM_PROXIES": len(CONFIG.trusted_proxies),  # DRF's own idea of the client address never trusts a header
}

SPECTACULAR_SETTINGS = {
    "TITLE": "planwatch API",
    "DESCRIPTION": "计划执行监测 planwatch: plans, tasks, progress submissions, indicators, warnings, projects.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "planwatch.web.api.schema.add_error_responses"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "TargetKindEnum": "planwatch.web.plans.models.plan.TargetKind",
        "IndicatorKindEnum": "planwatch.web.plans.models.plan.IndicatorKind",
        "DepartmentKindEnum": "planwatch.web.plans.models.org.DepartmentKind",
        "SubmissionStatusEnum": "planwatch.web.plans.models.tasks.SubmissionStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
