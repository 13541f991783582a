"""Settings, read from the environment once, when the app is created."""

import json
import os
import secrets
from functools import partial
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("COORDINATOR_INSTANCE", PROJECT_ROOT / "instance"))


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret_key() -> str:
    """A key generated once and kept under instance/, so sessions survive restarts in development."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def database_url(url: str) -> str:
    """SQLAlchemy's name for the installed PostgreSQL driver (psycopg 3), whatever the URL says."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    ENV_NAME = os.environ.get("COORDINATOR_ENV", "development")
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'coordinator.sqlite'}")
    )
    #: JSON columns keep letters as they are, not as \u escapes, so a text search finds "Söderköping" in them.
    SQLALCHEMY_ENGINE_OPTIONS = {
        "pool_pre_ping": True,
        "json_serializer": partial(json.dumps, ensure_ascii=False),
    }
    EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", PROJECT_ROOT / "exports"))
    REDIS_URL = os.environ.get("REDIS_URL") or None
    #: Largest request body in bytes (uploads): above it the request gets the 413 page. Pages with a
    #: smaller limit of their own (the participant import, 10 MB) answer with their own message first.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 64 * 1024 * 1024))
    PREFERRED_URL_SCHEME = "https" if _bool("HTTPS") else "http"
    #: How many proxies in front of the app set X-Forwarded-For, -Proto and -Host (0: none is trusted). Behind
    #: one, every client would otherwise be the proxy's 127.0.0.1, for the login throttle too, and links http.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
    SERVER_NAME = os.environ.get("SERVER_NAME") or None

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("HTTPS")
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = _bool("HTTPS")
    WTF_CSRF_TIME_LIMIT = None

    LANGUAGES = ("en", "fr", "es")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).parent / "translations")

    #: Failed logins allowed per account (and, separately, per address) within the window.
    LOGIN_MAX_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_MAX_FAILURES_PER_ACCOUNT", 5))
    LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_MAX_FAILURES_PER_ADDRESS", 20))
    LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 15))

    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "coordinator@localhost")

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802 - Flask reads the upper-case name
        key = os.environ.get("SECRET_KEY")
        if key:
            return key
        if self.ENV_NAME == "production":
            raise RuntimeError("SECRET_KEY must be set in production.")
        return _development_secret_key()


class TestConfig(Config):
    TESTING = True
    #: Still Argon2id, at a cost that keeps a suite of many logins fast.
    ARGON2_PARAMETERS = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    WTF_CSRF_ENABLED = False
    SECRET_KEY = "test-secret-key"
    SERVER_NAME = None
