"""Login rate limiting (登录限速): 5 failures on one account, or 20 from one IP, within 15 minutes lock that key.

Attempts are rows, not process memory, so every web process and host sees the same count. A refused attempt is not
recorded (the lock would never lift under a steady guesser). A success clears only its own account's count — which
only that account's password can do; an IP's count is never cleared, so a guesser cannot reset it by signing in to
an account of their own between guesses. The IP limit is higher because a township office shares one address.
"""
from datetime import datetime, timedelta

from sqlalchemy import Index, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from engine import clock
from engine.db import Base

MAX_FAILURES = 5          # per account (username)
MAX_IP_FAILURES = 20      # per client IP (request.remote_addr: see PROXY_FIX_X_FOR behind a proxy)
WINDOW = timedelta(minutes=15)
LOCKED_MESSAGE = "登录失败次数过多，请 15 分钟后再试。"


class LoginAttempt(Base):
    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_username", "username", "at_dt"),
                      Index("ix_login_attempt_ip", "ip", "at_dt"))

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60))
    ip: Mapped[str] = mapped_column(String(45))
    at_dt: Mapped[datetime]
    is_success: Mapped[bool] = mapped_column(default=False)


def _failures(session, column, value, since) -> int:
    return session.scalar(select(func.count()).select_from(LoginAttempt).where(
        column == value, LoginAttempt.is_success.is_(False), LoginAttempt.at_dt > since))


def is_locked(session, username: str, ip: str) -> bool:
    since = clock.now() - WINDOW
    last_success = session.scalar(select(func.max(LoginAttempt.at_dt)).where(
        LoginAttempt.username == username, LoginAttempt.is_success.is_(True), LoginAttempt.at_dt > since))
    return (_failures(session, LoginAttempt.username, username, last_success or since) >= MAX_FAILURES
            or _failures(session, LoginAttempt.ip, ip, since) >= MAX_IP_FAILURES)


def record(session, username: str, ip: str, is_success: bool) -> None:
    session.add(LoginAttempt(username=username[:60], ip=ip[:45], at_dt=clock.now(), is_success=is_success))
    session.flush()
