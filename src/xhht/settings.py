"""Django settings, read from the environment (see docs/ARCHITECTURE.md, "Configuration").

The defaults give the embedded setup: a SQLite file and uploaded files under XHHT_DATA_DIR.
DATABASE_URL=postgres://… switches to PostgreSQL; XHHT_S3_BUCKET switches evidence storage to
S3-compatible object storage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext

from xhht.env import ConfigError, env_bool, env_int, env_list, env_path, env_str

django_stubs_ext.monkeypatch()  # lets forms.ModelForm[Place] and friends be subscripted at run time

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = env_path("XHHT_DATA_DIR", REPO_DIR / "data")

DEBUG = env_bool("XHHT_DEBUG", False)
TESTING = env_bool("XHHT_TESTING", False)
SECRET_KEY = env_str("XHHT_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ConfigError("XHHT_SECRET_KEY is not set (XHHT_DEBUG=1 allows a development key)")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789"  # noqa: S105 - only with DEBUG/TESTING
# Key material for CCCD encryption and lookup hashes (registry.pii), independent of the secret
# key so that each can rotate alone; the former PII keys stay readable while
# `xhht rotate_pii_key` re-encrypts (docs/SECURITY.md). Development and tests keep a generated
# key in XHHT_DATA_DIR/pii-key.
XHHT_PII_KEY = env_str("XHHT_PII_KEY", "")
XHHT_PII_OLD_KEYS = env_list("XHHT_PII_OLD_KEYS", [])
if not XHHT_PII_KEY and not (DEBUG or TESTING):
    raise ConfigError(
        "XHHT_PII_KEY is not set: it encrypts the CCCD numbers and must differ from "
        "XHHT_SECRET_KEY (32 characters or more, e.g. from "
        "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`) / "
        "Chưa đặt XHHT_PII_KEY: khóa mã hóa số CCCD, bắt buộc khi chạy thật (XHHT_DEBUG=0)."
    )
if 0 < len(XHHT_PII_KEY) < 32:
    raise ConfigError("XHHT_PII_KEY: a key needs 32 characters or more")
if XHHT_PII_KEY == SECRET_KEY:
    raise ConfigError("XHHT_PII_KEY must differ from XHHT_SECRET_KEY (docs/SECURITY.md)")
ALLOWED_HOSTS = env_list("XHHT_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("XHHT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "xhht.core",
    "xhht.places",
    "xhht.accounts",
    "xhht.audit",
    "xhht.place_pages",  # the place pages, hamlet sheets, places API and load_places
    "xhht.registry",
    "xhht.criteria",
    "xhht.recognition",
    "xhht.indicators",
    "xhht.plans",
    "xhht.centres",  # learning centres, classes, learning records, campaigns
    "xhht.resources",  # open learning resources (kho học liệu mở), OAI-PMH
    "xhht.pcgd",  # universal education and literacy (PCGD–XMC): schooling, standards, forms
    "xhht.citizens",  # the citizen's own page: claiming one's record, own learning
    "xhht.association",  # Hội Khuyến học: branches, members, study-promotion funds, scholarships
    "xhht.commendation",  # emulation movements, nominations, commendation decisions
    "xhht.governance",  # inspection and supervision, budgets, communication work
    "xhht.learning_city",  # the UNESCO learning-city profile, application and report
    "xhht.reporting",
    "xhht.jobs",
    "xhht.progress",  # the progress dashboards, above plans and indicators
    "xhht.site",  # the home page and the navigation, above the apps
    "xhht.synthetic",  # `xhht generate`: the data generator, outside the production apps
    "xhht.demo",  # `xhht seed_demo`: the demo province, the top layer
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xhht.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xhht.accounts.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "xhht.audit.middleware.AuditActorMiddleware",
    "xhht.accounts.middleware.OfficerOtpMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xhht.urls"
WSGI_APPLICATION = "xhht.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xhht.site.context_processors.navigation",
            ],
        },
    },
]
# Form errors carry their field's label ("Mã hộ: Trường này là bắt buộc."), below the field.
FORM_RENDERER = "xhht.core.form_rendering.LabelledErrorsRenderer"

# --- Database ----
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # JIT compiling cost ~0.7 s per large rollup query and saved nothing (docs/SCALING.md).
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = env_str(
            "XHHT_PG_OPTIONS", "-c jit=off"
        )
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "xhht.sqlite3"),
            "OPTIONS": {
                # WAL lets readers go on while one writer works; the pragmas are the usual ones
                # for an embedded server.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
# An optional read replica for dashboards and exports (core.db.read_db); writes never go there.
_replica_url = env_str("XHHT_REPLICA_DATABASE_URL", "")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ----
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env_int("XHHT_SESSION_SECONDS", 8 * 3600, minimum=300)
# The expiry counts from the last request, not from the login; SessionRefreshMiddleware saves
# the session at most every XHHT_SESSION_REFRESH_SECONDS instead of on every request (a write per
# page view cost the dashboards under load, docs/SCALING.md).
SESSION_SAVE_EVERY_REQUEST = False
XHHT_SESSION_REFRESH_SECONDS = env_int("XHHT_SESSION_REFRESH_SECONDS", 300, minimum=0)
SESSION_COOKIE_HTTPONLY = True
# Production (neither XHHT_DEBUG nor XHHT_TESTING) is served over HTTPS only: secure cookies, HSTS
# and a redirect to https by default, so `xhht check --deploy` passes; development on plain http
# (make demo) keeps them off. Each has its variable (README, "Configuration").
_HTTPS_ONLY = not (DEBUG or TESTING)
SESSION_COOKIE_SECURE = env_bool("XHHT_SECURE_COOKIES", _HTTPS_ONLY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("XHHT_HSTS_SECONDS", 365 * 24 * 3600 if _HTTPS_ONLY else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("XHHT_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading commits the whole registrable domain (a province's, usually) to HTTPS in every
# browser and is hard to undo: the domain's owner decides (XHHT_HSTS_PRELOAD=1), so Django's
# reminder that it is off is silenced unless it is on.
SECURE_HSTS_PRELOAD = env_bool("XHHT_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_SSL_REDIRECT = env_bool("XHHT_SSL_REDIRECT", _HTTPS_ONLY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer probes over plain http
if env_bool("XHHT_BEHIND_TLS_PROXY", False):
    # The proxy ends TLS and says so in X-Forwarded-Proto (it must overwrite a client's value).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies stand in front of the app: the login lockout then reads the client's
# address from X-Forwarded-For (accounts.client_ip); 0 uses the connection's address.
XHHT_TRUSTED_PROXY_COUNT = env_int("XHHT_TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "xhht.accounts.client_ip.client_ip"
AXES_FAILURE_LIMIT = env_int("XHHT_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("XHHT_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
# Failures count per (user name, address) pair: someone guessing one account from one address
# never locks out other accounts, nor the same account from other addresses (behind a shared
# proxy, lockout by address alone locked everyone out).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("XHHT_LOGIN_LOCKOUT", True)
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "XHHT"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Roles whose holders must use a one-time code (TOTP): without a confirmed device they are sent
# to set one up and can do nothing else (accounts.middleware). Recommended in production:
# "admin,province_coordinator".
XHHT_REQUIRE_TOTP_ROLES = frozenset(env_list("XHHT_REQUIRE_TOTP_ROLES", []))
# Content-Security-Policy on every response (django-csp): scripts, styles, fonts and pictures only
# from the app itself (no inline script, style or event handler anywhere), QR codes as data: URLs,
# no plugins, no framing, forms only to the app. Evidence downloads set their own stricter policy.
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Language and time ----
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Off: with it, every bare {{ year }} of an English page read "2,026" (Vietnamese has no grouping
# in Django's formats, so it changed nothing there). Counts that want grouping use
# core's ``{{ n|number }}`` ("1.234.567", and "12" rather than "12,00" for a decimal column).
USE_THOUSAND_SEPARATOR = False

# --- Files ----
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end libraries come from the npm registry (package.json) and are served by the app itself.
NODE_MODULES = env_path("XHHT_NODE_MODULES", REPO_DIR / "node_modules")
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
WHITENOISE_USE_FINDERS = True  # serve straight from the finders when collectstatic has not run
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
_s3_bucket = env_str("XHHT_S3_BUCKET", "")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if _s3_bucket:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": env_str("XHHT_S3_ENDPOINT_URL", "") or None,
            "access_key": env_str("XHHT_S3_ACCESS_KEY", ""),
            "secret_key": env_str("XHHT_S3_SECRET_KEY", ""),
            "region_name": env_str("XHHT_S3_REGION", "us-east-1"),
            "signature_version": "s3v4",
            "default_acl": None,  # private: files are served through views that check access
            "querystring_auth": True,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Larger uploads are spooled to a file here while the request runs: a process killed meanwhile
# leaves it behind (a sheet of plain CCCD numbers), so `xhht purge` empties it (jobs.retention).
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "upload-tmp")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
XHHT_MAX_SHEET_BYTES = env_int("XHHT_MAX_SHEET_MB", 50, minimum=1) * 1024 * 1024
# Uploaded workbooks and documents are parsed in a child process (core.uploads) under these
# limits, so a hostile file is refused with a message and never takes the web process down.
XHHT_MAX_SHEET_ROWS = env_int("XHHT_MAX_SHEET_ROWS", 200_000, minimum=1)
XHHT_MAX_SHEET_COLUMNS = env_int("XHHT_MAX_SHEET_COLUMNS", 200, minimum=1)
XHHT_PARSE_MEMORY_BYTES = env_int("XHHT_PARSE_MEMORY_MB", 2048, minimum=64) * 1024 * 1024
XHHT_PARSE_SECONDS = env_int("XHHT_PARSE_SECONDS", 30, minimum=1)
# Checks of files of CCCD numbers (import previews, evaluation sheets) per user per 10 minutes.
XHHT_PII_PREVIEW_LIMIT = env_int("XHHT_PII_PREVIEW_LIMIT", 30, minimum=1)
# Background jobs (jobs.runner): a running job renews its lease every XHHT_JOB_HEARTBEAT_SECONDS;
# one silent for XHHT_JOB_LEASE_SECONDS is failed by the next runner and may be retried.
XHHT_JOB_HEARTBEAT_SECONDS = env_int("XHHT_JOB_HEARTBEAT_SECONDS", 10, minimum=1)
XHHT_JOB_LEASE_SECONDS = env_int("XHHT_JOB_LEASE_SECONDS", 60, minimum=2)
if XHHT_JOB_LEASE_SECONDS <= XHHT_JOB_HEARTBEAT_SECONDS:
    raise ConfigError("XHHT_JOB_LEASE_SECONDS must be longer than XHHT_JOB_HEARTBEAT_SECONDS")
# Retention (jobs.retention, `xhht purge` daily): uploaded sheets at most this many hours, finished
# jobs' rows (arguments, results) this many days; export files one day.
XHHT_UPLOAD_RETENTION_HOURS = env_int("XHHT_UPLOAD_RETENTION_HOURS", 24, minimum=1)
XHHT_JOB_RETENTION_DAYS = env_int("XHHT_JOB_RETENTION_DAYS", 30, minimum=1)

# --- Mail ----
EMAIL_BACKEND = env_str("XHHT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("XHHT_FROM_EMAIL", "xhht@localhost")

# --- API ----
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["xhht.accounts.api.HasCapability"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "xhht.core.api.CappedLimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "XHHT API",
    "DESCRIPTION": "API tích hợp của hệ thống Xây dựng xã hội học tập",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("XHHT_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # it logs every rendering step at INFO
        "fontTools": {"level": "WARNING"},
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    AXES_FAILURE_LIMIT = 3
