"""Settings, read from the environment with small typed helpers that fail loudly.

SQLite in the data directory by default; PostgreSQL when DATABASE_URL says so. No secret lives
in the repository: SECRET_KEY comes from the environment, or for a local installation from a
file generated once in the data directory.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"环境变量 {name} 应为 true/false，实为 {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，实为 {value!r}") from None


def database(url: str, data_dir: Path) -> dict[str, object]:
    """DATABASE_URL → Django's DATABASES entry: postgres://user:pass@host:port/name or empty."""
    if not url:
        return _sqlite(str(data_dir / "pinggu.sqlite3"))
    parts = urlparse(url)
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # 0: a connection per request. A threaded server would otherwise keep one open per
            # thread and exhaust PostgreSQL's connections (seen in bench/web_load.py).
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 0),
        }
    if parts.scheme == "sqlite":
        return _sqlite(unquote(parts.path))
    raise ImproperlyConfigured(
        f"DATABASE_URL 只支持 postgres:// 或 sqlite://，实为 {parts.scheme}://"
    )


def _sqlite(name: str) -> dict[str, object]:
    """SQLite that waits instead of failing when two requests write at once: WAL (readers never
    block the writer), a transaction takes the write lock when it begins (BEGIN IMMEDIATE, so a
    reader never has to upgrade to a writer mid-way and fail with "database is locked"), and a
    writer waits up to 20 s for the lock (docs/concurrency.md)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def _secret_key(data_dir: Path) -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


DATA_DIR = Path(env_str("PINGGU_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DEBUG = env_bool("PINGGU_DEBUG", False)
SECRET_KEY = _secret_key(DATA_DIR)
ALLOWED_HOSTS = env_str("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "pinggu.web",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pinggu.web.middleware.SecurityHeadersMiddleware",  # no-store, CSP and its nonce
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pinggu.web.uploads.UploadLimitMiddleware",  # a body over UPLOAD_MAX_MB is never read
    "pinggu.web.errors.NulRefusedMiddleware",  # a NUL in a posted field: 400, nothing saved
    "pinggu.web.errors.DataRefusedMiddleware",  # stored data the current rules refuse: 409
]
ROOT_URLCONF = "pinggu.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pinggu.web.middleware.nonce",
                "pinggu.web.uploads.limit",  # {{ upload_max_mb }} beside every file input
            ]
        },
    }
]
WSGI_APPLICATION = "pinggu.web.wsgi.application"
DATABASES = {"default": database(env_str("DATABASE_URL", ""), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
# Password rules with Chinese messages (pinggu/web/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"pinggu.web.accounts.passwords.{name}", **options}
    for name, options in (
        ("UserAttributeSimilarityValidator", {}),
        ("MinimumLengthValidator", {"OPTIONS": {"min_length": 10}}),
        ("CommonPasswordValidator", {}),
        ("NumericPasswordValidator", {}),
    )
]
CSRF_FAILURE_VIEW = "pinggu.web.errors.csrf_failure"
# Errors reach the server log (stderr, which gunicorn and `pinggu serve` keep): a 500's
# traceback from django.request, refused requests from django.security, and the app's own
# messages. Django's default sends them to the console only in debug mode.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "django.request": {"level": "ERROR"},  # 404s are not errors; 500s are
        "pinggu": {"handlers": ["console"], "level": "INFO"},
    },
}
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Not in debug, the site is assumed to be served over HTTPS: cookies only over TLS, and
# browsers told to stay on it. `pinggu serve` (plain HTTP on 127.0.0.1) sets PINGGU_HTTPS=0.
HTTPS = env_bool("PINGGU_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("PINGGU_SSL_REDIRECT", False)  # usually the proxy's job
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None

# Uploads: an evaluation workbook is a few hundred KB. A request body over UPLOAD_MAX_MB is
# refused before it is read (uploads.UploadLimitMiddleware); the file in it is then checked
# against the engine's one set of reading limits (README 「上传与读取的限制」).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# A self-assessment document (自评报告, 佐证材料: PDF, Word, images) may be larger than a
# workbook but never larger than a body: its own limit, within UPLOAD_MAX_BYTES.
DOCUMENT_MAX_BYTES = min(env_int("DOCUMENT_MAX_MB", 8) * 1024 * 1024, UPLOAD_MAX_BYTES)
# Lockout (pinggu/web/accounts/throttle.py): this many failed logins for one user name, or
# LOGIN_ADDRESS_LIMIT from one client address, within the window lock it until the window ends.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_LIMIT = env_int("LOGIN_ADDRESS_LIMIT", 30)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Behind a reverse proxy that sets X-Forwarded-For, the client address is its last entry;
# without one, the header is anyone's to forge and REMOTE_ADDR is used.
TRUSTED_PROXY = env_bool("PINGGU_TRUSTED_PROXY", False)
REPORTS_DIR = DATA_DIR / "reports"
