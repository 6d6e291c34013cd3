"""Configuration defaults and the instance-folder secrets (generated on first run, never committed)."""
import os
import secrets
from pathlib import Path


def defaults(instance_path: str) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'doudi.sqlite3'}",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,     # the token lives as long as the session: long forms must not expire
        "DEMO_PASSWORD": None,           # seed-demo/serve: one password for every demo account
        "JOB_POLL_SECONDS": 2.0,
        "DEMO_CLOCK": False,             # serve: an admin may move the clock forward (演示时钟); never in production
        "UPLOAD_FOLDER": str(Path(instance_path) / "uploads"),   # attachments, outside the database
        "ATTACHMENT_MAX_BYTES": 10 * 1024 * 1024,
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,   # a request past this is refused (413) before it is read into memory
        "MAX_FORM_BYTES": 1024 * 1024,   # a body that is not multipart (no file in it): 413 past this, before parsing
        "MAX_FORM_MEMORY_SIZE": 500_000,  # multipart: the text fields together (files keep MAX_CONTENT_LENGTH)
        "MAX_FORM_PARTS": 1000,
        "SESSION_COOKIE_SECURE": None,   # None: Secure except in the embedded demo, debug and tests (auth/sessions.py)
        "REMEMBER_COOKIE_SECURE": None,
        "SESSION_IDLE_MINUTES": 30,      # 登录超时: signed out after this long without a request
        "SESSION_MAX_HOURS": 12,         # and this long after signing in, however busy
        # behind a reverse proxy: how many proxies set X-Forwarded-For / -Proto / -Host / -Port / -Prefix (0: trust none)
        "PROXY_FIX_X_FOR": 0, "PROXY_FIX_X_PROTO": 0, "PROXY_FIX_X_HOST": 0, "PROXY_FIX_X_PORT": 0,
        "PROXY_FIX_X_PREFIX": 0,
        # SMTP host: notifications are e-mailed too (with MAIL_PORT, MAIL_FROM, MAIL_USERNAME, MAIL_PASSWORD,
        # MAIL_USE_TLS, MAIL_USE_SSL); unset: the in-app inbox only
        "MAIL_SERVER": None,
        "AUDIT_KEY": None,   # HMAC key of the audit chain (DOUDI_AUDIT_KEY); unset: generated into instance/audit_key
        "AUDIT_ANCHOR_LOG": str(Path(instance_path) / "audit_anchors.log"),   # signed chain heads, outside the database
    }


def apply_environment(config) -> None:
    """DOUDI_* variables (from_prefixed_env), and the conventional DATABASE_URL, which wins."""
    config.from_prefixed_env("DOUDI")
    if os.environ.get("DATABASE_URL"):
        config["DATABASE_URL"] = os.environ["DATABASE_URL"]


def instance_secret(instance_path: str, name: str, make=lambda: secrets.token_hex(32)) -> str:
    """Read instance/<name>, creating it (mode 0600) with a fresh random value the first time."""
    path = Path(instance_path) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(make())
    return path.read_text().strip()
