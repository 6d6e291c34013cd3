"""E-mail for notifications over SMTP (smtplib), sent by a background job so a slow mail server never holds up a
page or a transaction. Off unless MAIL_SERVER is configured (DOUDI_MAIL_SERVER, DOUDI_MAIL_PORT, …)."""
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

JOB_KIND = "notification.email"   # the job that sends one notification (assistance/notifications.py)


@dataclass(frozen=True)
class Settings:
    server: str
    port: int = 25
    sender: str = "doudi@localhost"
    username: str | None = None
    password: str | None = None
    use_tls: bool = False      # STARTTLS after connecting
    use_ssl: bool = False      # implicit TLS (port 465)
    timeout: float = 10.0


_settings: Settings | None = None


def configure(config) -> None:
    """From the Flask config: MAIL_SERVER (unset: no e-mail), MAIL_PORT, MAIL_FROM, MAIL_USERNAME, MAIL_PASSWORD,
    MAIL_USE_TLS, MAIL_USE_SSL."""
    global _settings
    server = config.get("MAIL_SERVER")
    _settings = None if not server else Settings(
        server=server, port=int(config.get("MAIL_PORT") or 25), sender=config.get("MAIL_FROM") or "doudi@localhost",
        username=config.get("MAIL_USERNAME"), password=config.get("MAIL_PASSWORD"),
        use_tls=_flag(config.get("MAIL_USE_TLS")), use_ssl=_flag(config.get("MAIL_USE_SSL")))


def _flag(value) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on") if value is not None else False


def is_configured() -> bool:
    return _settings is not None


def send(to: str, subject: str, body: str) -> None:
    settings = _settings
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, to, subject
    message.set_content(body or subject)
    smtp_class = smtplib.SMTP_SSL if settings.use_ssl else smtplib.SMTP
    with smtp_class(settings.server, settings.port, timeout=settings.timeout) as smtp:
        if settings.use_tls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        smtp.send_message(message)
