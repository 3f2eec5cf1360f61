"""Outgoing mail through the configured SMTP server (the ``MUTUALS_SMTP_*`` settings), shared by
drafts sent with ``mutuals draft --send`` and by the event match mails. Kept apart from the
drafts so that sending a match mail loads no prospecting machinery."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from mutuals.settings import Settings

NOT_CONFIGURED = "set MUTUALS_SMTP_HOST (and _PORT, _USER, _PASSWORD) to send mail"


def smtp_send(settings: Settings, message: EmailMessage) -> None:
    """Send ``message`` through the configured SMTP server (STARTTLS unless turned off)."""
    if not settings.smtp_host:
        raise ValueError(NOT_CONFIGURED)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as server:
            if settings.smtp_starttls:
                server.starttls()
            if settings.smtp_user:
                server.login(settings.smtp_user, settings.smtp_password)
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise ValueError(
            f"cannot send through {settings.smtp_host}:{settings.smtp_port}: {exc}"
        ) from exc
