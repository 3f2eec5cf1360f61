"""Sending one email through the member's SMTP server, with STARTTLS, and saying plainly why not.

Settings: ``MUTUALS_SMTP_HOST``, ``_PORT`` (587), ``_USER``, ``_PASSWORD``, ``_STARTTLS`` (true).
The server's certificate is verified against the system's trusted authorities (``SSL_CERT_FILE``
names another bundle, for a server with a private authority).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Final

from mutuals.settings import Settings

__all__ = ["NOT_CONFIGURED", "MailError", "smtp_send"]

NOT_CONFIGURED: Final = "set MUTUALS_SMTP_HOST (and _PORT, _USER, _PASSWORD) to send mail"

# Long enough for a slow server, short enough that a wrong port does not hang the command.
TIMEOUT_SECONDS: Final = 30


class MailError(ValueError):
    """The message could not be sent; the text says why, on one line."""


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{exc.smtp_code} {' '.join(said.split())}".strip()


def _why(exc: BaseException, settings: Settings) -> str:
    """One line that tells the member what to check."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"the server refused user '{settings.smtp_user}' and its password ({_reply(exc)}); "
            "check MUTUALS_SMTP_USER and MUTUALS_SMTP_PASSWORD"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "STARTTLS" in str(exc):
        return (
            "the server does not offer STARTTLS; set MUTUALS_SMTP_STARTTLS=false to send in clear"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError) and not settings.smtp_starttls:
        # Servers commonly offer a login only once the session is encrypted.
        return "the server offers no login without encryption; set MUTUALS_SMTP_STARTTLS=true"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return str(exc).rstrip(".")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(exc.recipients)
        return f"the server refused the recipient {refused}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the server answered {_reply(exc)}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"its certificate is not trusted ({exc.verify_message}); "
            "SSL_CERT_FILE can name the authority that signed it"
        )
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused; check MUTUALS_SMTP_HOST and MUTUALS_SMTP_PORT"
    if isinstance(exc, TimeoutError):
        return f"no answer within {TIMEOUT_SECONDS} s"
    return " ".join(str(exc).split()) or type(exc).__name__


def smtp_send(settings: Settings, message: EmailMessage) -> None:
    """Send ``message`` through the configured SMTP server; raise MailError with the reason.

    With STARTTLS (the default) the session is encrypted and the certificate checked before the
    user name and password are sent.
    """
    if not settings.smtp_host:
        raise MailError(NOT_CONFIGURED)
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS
        ) as server:
            if settings.smtp_starttls:
                server.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                server.login(settings.smtp_user, settings.smtp_password)
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            f"cannot send through {settings.smtp_host}:{settings.smtp_port}: {_why(exc, settings)}"
        ) from exc
