"""One settings module, driven by the environment.

RSCA_ENV=production switches on the hardened mode that `rsca check --deploy` inspects;
anything else is development (the default for `make run` and the tests).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE as CSP_NONCE
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("RSCA_HOME", Path.cwd()))
DATA_DIR = Path(os.environ.get("RSCA_DATA_DIR", BASE_DIR / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("RSCA_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

if PRODUCTION:
    # No fallback: a production process without a secret must not start.
    SECRET_KEY = os.environ["SECRET_KEY"]
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnop")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# The domain apps, in dependency order: `rsca seed` runs their seed modules in this order,
# config/urls.py mounts their urls.py and api/ their api.py when present.
DOMAIN_APPS = [
    "rsca.core",
    "rsca.standards",
    "rsca.supplychain",
    "rsca.compliance",
    "rsca.training",
    "rsca.outreach",
    "rsca.grievances",
    "rsca.duediligence",
    "rsca.programme",
    "rsca.library",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # serves Swagger UI from our own static files (no CDN), so it runs under the CSP
    "rsca.api",
    *DOMAIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "rsca.core.middleware.RejectNulCharactersMiddleware",
    "rsca.core.middleware.FormThrottleMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "rsca.core.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "rsca.core.middleware.CurrentActorMiddleware",
    "axes.middleware.AxesMiddleware",
    "rsca.core.pagecache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "rsca.config.urls"
WSGI_APPLICATION = "rsca.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rsca.core.context_processors.site",
            ],
            "builtins": ["rsca.core.templatetags.rsca"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'rsca.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the task worker read while the other writes. A writer waits for the lock
    # (SQLite's busy handler retries with backoff) up to RSCA_SQLITE_BUSY_TIMEOUT_MS, 30 s by default: two
    # imports at once, or a burst of web writes, queue up instead of failing with "database is locked".
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("RSCA_SQLITE_BUSY_TIMEOUT_MS", "30000"))
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS};"
        ),
        "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor sign-in (rsca.core.twofactor): TOTP for everyone who wants it, required for platform staff.
RSCA_STAFF_2FA_REQUIRED = env_bool("RSCA_STAFF_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = "RSCA Platform"
LOGIN_REDIRECT_URL = "core:profile"
LOGOUT_REDIRECT_URL = "programme:home"

# Login throttling: five failures for a username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even before collectstatic has run
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploads: spreadsheets are read from disk, never held whole in memory; one limit for every import.
MAX_UPLOAD_BYTES = int(os.environ.get("RSCA_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Keyed hash for worker identifiers (pseudonymisation); defaults to a key derived from SECRET_KEY.
PSEUDONYMISATION_KEY = os.environ.get("PSEUDONYMISATION_KEY", "")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rsca-platform@localhost")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Heavy public pages kept whole for signed-out visitors, per language and data version (rsca.core.pagecache).
PUBLIC_PAGE_CACHE = env_list(
    "RSCA_PUBLIC_PAGE_CACHE",
    "programme:home,programme:about,programme:project_list,"
    "standards:index,standards:coherence_map,library:index",
)
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("RSCA_PUBLIC_PAGE_CACHE_SECONDS", "600"))
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

TASKS = {
    "default": {
        "BACKEND": os.environ.get("RSCA_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Rate limits (rsca.core.throttling): the API per user or client address, a burst and a daily limit; the public
# forms that send e-mail per client address and per address typed. RSCA_NUM_PROXIES: trusted proxies in front.
NINJA_NUM_PROXIES = int(os.environ.get("RSCA_NUM_PROXIES", "0"))
API_THROTTLE_RATES = {
    "burst": os.environ.get("RSCA_API_RATE_BURST", "100/m"),
    "day": os.environ.get("RSCA_API_RATE_DAY", "10000/d"),
}
FORM_THROTTLES = {
    "password_reset": {"ip": "20/h", "field:email": "3/h"},
    "training:activity_register": {"ip": "30/h", "field:email": "5/h"},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; keep Django's default
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp), the same in development and production: scripts only from our own
# static files (or an inline one carrying the request's nonce), nothing from other hosts. Style attributes
# stay allowed because ECharts writes them into its tooltips; they cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", CSP_NONCE],
        "style-src": ["'self'", CSP_NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SESSION_COOKIE_SECURE = env_bool(
        "SECURE_COOKIES", True
    )  # false only for plain HTTP on loopback (make bench)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Logs: one JSON object a line in production (or with LOG_FORMAT=json), for a log collector; plain text otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
