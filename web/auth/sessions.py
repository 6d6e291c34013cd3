"""Session lifetime (会话): a session is bound to the user's epoch (bumped at logout, so a copied cookie dies with it),
expires after an idle period and after an absolute lifetime, and is started afresh at login (new CSRF token)."""
from datetime import timedelta

from flask import current_app, flash, session
from flask.sessions import SecureCookieSessionInterface

from engine import clock

EPOCH, LOGIN_AT, SEEN_AT = "_epoch", "_login_at", "_seen_at"
TIMEOUT_MESSAGE = "登录已超时，请重新登录。"
_SEEN_RESOLUTION = 60   # seconds: refresh the idle stamp at most once a minute, not on every request
# Sessions age in real time, not on the engine's clock: an admin moving the demo clock forward by days to watch a
# timer must not sign everyone out. Tests of the timeouts put a frozen clock here.
wall = clock.SystemClock()


def start(user) -> None:
    """At login: drop everything the anonymous session held (its CSRF token too) and stamp the new one."""
    session.clear()
    now = wall.now().timestamp()
    session.update({EPOCH: user.session_epoch, LOGIN_AT: now, SEEN_AT: now})


def end(user) -> None:
    """At logout: every cookie issued under the old epoch is refused from now on."""
    user.session_epoch += 1
    session.clear()


def is_current(user) -> bool:
    """The user loader's test: the session was issued under the user's present epoch."""
    return session.get(EPOCH) == user.session_epoch


def check_expiry() -> None:
    """before_request: an idle or too old signed-in session is cleared, with a message on the login page."""
    if "_user_id" not in session:
        return
    now = wall.now().timestamp()
    config = current_app.config
    idle = timedelta(minutes=config["SESSION_IDLE_MINUTES"]).total_seconds()
    lifetime = timedelta(hours=config["SESSION_MAX_HOURS"]).total_seconds()
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not (isinstance(login_at, (int, float)) and isinstance(seen_at, (int, float))) \
            or now - seen_at > idle or now - login_at > lifetime:
        session.clear()
        flash(TIMEOUT_MESSAGE, "warning")
    elif now - seen_at >= _SEEN_RESOLUTION:
        session[SEEN_AT] = now


class SessionInterface(SecureCookieSessionInterface):
    """SESSION_COOKIE_SECURE=None means: Secure, except in the embedded demo (serve --demo-clock), debug and tests,
    which are plain http on 127.0.0.1. Decided per response, since serve switches the demo on after create_app."""

    def get_cookie_secure(self, app) -> bool:
        secure = app.config["SESSION_COOKIE_SECURE"]
        if secure is None:
            return not is_plain_http_setup(app)
        return bool(secure)


def is_plain_http_setup(app) -> bool:
    return bool(app.debug or app.testing or app.config.get("DEMO_CLOCK"))
