"""POST /api/payments/duitku/callback: Duitku tells us an order's outcome (form-encoded).

Answers 200 once a valid callback is recorded (including repeats and non-paid results), 4xx for
anything unverifiable (then nothing changes), 404 for an unknown order. Only "00" means paid.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from lumiku.api.guards import client_ip
from lumiku.services import payments
from lumiku.services.duitku import CALLBACK_IPS, callback_signature_valid
from lumiku.services.errors import ServiceError
from lumiku.settings import get_settings

REQUIRED = ("merchantCode", "amount", "merchantOrderId", "signature", "resultCode")
log = logging.getLogger(__name__)


def _answer(status: int, text: str) -> PlainTextResponse:
    if status != 200:
        log.warning("Duitku callback refused (%s): %s", status, text)
    return PlainTextResponse(text, status_code=status)


async def duitku_callback(request: Request) -> PlainTextResponse:
    settings = get_settings()
    if not settings.payments_configured:
        return _answer(503, "payments are not configured")
    if settings.callback_allowlist_on:
        ip = client_ip(request, settings.trusted_proxy_hops)
        if ip not in CALLBACK_IPS[settings.duitku_env]:
            return _answer(403, f"callbacks are not accepted from {ip}")
    form = await request.form()
    fields = {name: value for name, value in form.items() if isinstance(value, str)}
    missing = [name for name in REQUIRED if not fields.get(name)]
    if missing:
        return _answer(400, f"missing: {', '.join(missing)}")
    if fields["merchantCode"] != settings.duitku_merchant_code:
        return _answer(400, "unknown merchant code")
    if not callback_signature_valid(
        fields["merchantCode"],
        fields["amount"],
        fields["merchantOrderId"],
        fields["signature"],
        settings.duitku_api_key,
    ):
        return _answer(401, "bad signature")
    try:
        outcome = await asyncio.to_thread(payments.apply_callback, fields)
    except ServiceError as exc:
        return _answer(400, exc.code)
    if outcome == "unknown":
        return _answer(404, "unknown order")
    log.info("Duitku callback for %s: %s", fields["merchantOrderId"], outcome)
    return PlainTextResponse("OK")
