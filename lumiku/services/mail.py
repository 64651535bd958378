"""Sending mail: over SMTP when SMTP_HOST is set, else (development only) into the development
outbox table that /dev/outbox shows, so the whole account flow works on one machine.

The texts come from the caller (the state layer writes them in the user's language); this module
only delivers. `send` is synchronous and may take seconds: the states run it in a thread.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models.core import DevOutboxMail
from lumiku.services.errors import ServiceError
from lumiku.settings import get_settings

SMTP_TIMEOUT = 20
OUTBOX_SHOWN = 50
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class OutboxView:
    id: int
    to: str
    subject: str
    text: str
    html: str
    created_at: datetime


def _message(mail: Mail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    return message


def send(mail: Mail) -> None:
    """Delivers one mail; raises ServiceError("mail_failed") when the server refuses or is down
    (what the user was doing has happened all the same: they can ask for the mail again)."""
    settings = get_settings()
    if not settings.mail_configured:
        if not settings.dev_outbox_enabled:  # production refuses to start without SMTP_HOST
            raise ServiceError("mail_failed")
        with session_scope() as db:
            db.add(
                DevOutboxMail(
                    to_address=mail.to[:254],
                    subject=mail.subject[:300],
                    text=mail.text,
                    html=mail.html,
                )
            )
        return
    message = _message(mail, settings.effective_mail_from)
    host, port = settings.smtp_host, settings.effective_smtp_port
    try:
        if settings.smtp_security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                client.login(settings.smtp_username, settings.smtp_password)
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("could not send mail %r to %s: %s", mail.subject, mail.to, exc)
        raise ServiceError("mail_failed") from None


def outbox(to: str = "") -> list[OutboxView]:
    """The newest development mail (all of it, or to one address); empty unless the
    development outbox is in use."""
    if not get_settings().dev_outbox_enabled:
        return []
    query = select(DevOutboxMail).order_by(DevOutboxMail.id.desc()).limit(OUTBOX_SHOWN)
    if to:
        query = query.where(DevOutboxMail.to_address == to.strip().lower())
    with session_scope() as db:
        return [
            OutboxView(
                id=row.id or 0,
                to=row.to_address,
                subject=row.subject,
                text=row.text,
                html=row.html,
                created_at=row.created_at,
            )
            for row in db.exec(query).all()
        ]
