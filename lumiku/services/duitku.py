"""Duitku, the payment gateway: signatures and the two calls we make (POP createInvoice and
transactionStatus). See shared/reference/duitku.md.

Signatures: since 2026 every one is HMAC-SHA256 keyed with the API key (lowercase hex); the legacy
scheme appended the key and used MD5 (SHA-256 for the POP header). Outgoing requests use the
DUITKU_SIGNATURE scheme; incoming callbacks are accepted under either, compared in constant time.
Note the concatenation order differs per endpoint (callback: amount before order id).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

import httpx

from lumiku.settings import Settings, get_settings

# Duitku's payment method codes (`paymentCode` in the callback), shared/reference/duitku.md
# section 6, plus the retired codes older orders may carry. Their names, as a buyer knows them,
# are the messages `payment_method_<code>` (lumiku/i18n/payments.py).
PAYMENT_METHODS = (
    *("VC", "BC", "M2", "VA", "I1", "B1", "BT", "A1", "AG", "NC", "BR", "S1", "DM", "BV"),
    *("FT", "IR", "OV", "SA", "LF", "LA", "DA", "SL", "OL", "SP", "NQ", "GQ", "SQ"),
    *("DN", "AT", "JP", "T1", "T2", "T3"),
    *("BK", "MG", "A2", "LQ", "DQ", "M1"),  # retired
)

HOSTS = {  # (POP host for createInvoice, webapi host for transactionStatus)
    "sandbox": ("https://api-sandbox.duitku.com", "https://sandbox.duitku.com"),
    "production": ("https://api-prod.duitku.com", "https://passport.duitku.com"),
}
CALLBACK_IPS = {
    "production": {
        "182.23.85.8",
        "182.23.85.9",
        "182.23.85.10",
        "182.23.85.13",
        "182.23.85.14",
        "103.177.101.184",
        "103.177.101.185",
        "103.177.101.186",
        "103.177.101.189",
        "103.177.101.190",
    },
    "sandbox": {"182.23.85.11", "182.23.85.12", "103.177.101.187", "103.177.101.188"},
}
TIMEOUT = httpx.Timeout(20.0, connect=5.0)
EMAIL_MAX = 50  # "length of email can't > 50", although the docs say string(255)
VA_NAME_MAX = 20  # customerVaName, shown on bank and ATM screens


def payer_email(email: str, customer_id: int, mail_from: str) -> str:
    """The `email` Duitku accepts (mandatory, at most 50 characters). A longer address is
    not cut (that would be invalid, or worse someone else's): the order carries an address of
    ours for the customer instead, and the real one stays in merchantUserInfo."""
    if len(email) <= EMAIL_MAX:
        return email
    domain = mail_from.rpartition("@")[2].strip(" >") or "lumiku.id"
    return f"customer-{customer_id}@{domain}"[:EMAIL_MAX]


def va_name(name: str) -> str:
    """customerVaName: printable, one space between words, at most 20 characters."""
    return " ".join("".join(ch for ch in name if ch.isprintable()).split())[:VA_NAME_MAX].strip()


class DuitkuError(Exception):
    """Duitku refused or could not be reached; the message is for logs, not users."""


def hmac_sha256(text: str, api_key: str) -> str:
    return hmac.new(api_key.encode(), text.encode(), hashlib.sha256).hexdigest()


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 - Duitku's legacy scheme


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def callback_signature(
    merchant_code: str, amount: str, order_id: str, api_key: str, scheme: str = "hmac"
) -> str:
    text = merchant_code + amount + order_id
    return hmac_sha256(text, api_key) if scheme == "hmac" else md5(text + api_key)


def callback_signature_valid(
    merchant_code: str, amount: str, order_id: str, signature: str, api_key: str
) -> bool:
    """HMAC-SHA256 first, then legacy MD5; both compared in constant time, hex case ignored."""
    given = signature.strip().lower().encode()
    results = [
        hmac.compare_digest(
            given, callback_signature(merchant_code, amount, order_id, api_key, scheme).encode()
        )
        for scheme in ("hmac", "md5")
    ]
    return any(results)


def pop_header_signature(merchant_code: str, timestamp: str, api_key: str, scheme: str) -> str:
    text = merchant_code + timestamp
    return hmac_sha256(text, api_key) if scheme == "hmac" else sha256(text + api_key)


def status_signature(merchant_code: str, order_id: str, api_key: str, scheme: str) -> str:
    text = merchant_code + order_id
    return hmac_sha256(text, api_key) if scheme == "hmac" else md5(text + api_key)


@dataclass(frozen=True)
class Invoice:
    reference: str
    payment_url: str


@dataclass(frozen=True)
class TransactionStatus:
    status_code: str  # 00 paid, 01 pending, 02 cancelled / failed / expired
    amount: str
    reference: str


class DuitkuClient:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        if not self.settings.payments_configured:
            raise DuitkuError("Duitku merchant settings are missing")
        pop, webapi = HOSTS[self.settings.duitku_env]
        override = self.settings.duitku_base_url.rstrip("/")
        self.pop_host, self.webapi_host = (override, override) if override else (pop, webapi)
        self.code = self.settings.duitku_merchant_code
        self.key = self.settings.duitku_api_key
        self.scheme = self.settings.duitku_signature

    def _post(
        self, url: str, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        try:
            response = httpx.post(url, json=body, headers=headers, timeout=TIMEOUT)
        except httpx.HTTPError as exc:
            raise DuitkuError(f"{url}: {exc}") from exc
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code != 200:
            message = data.get("Message") or data.get("message") or response.text[:200]
            raise DuitkuError(f"{url}: HTTP {response.status_code} {message}")
        return data

    def create_invoice(
        self,
        *,
        order_id: str,
        amount: int,
        product: str,
        email: str,
        customer_name: str,
        customer_id: int,
        callback_url: str,
        return_url: str,
        expiry_minutes: int,
    ) -> Invoice:
        timestamp = str(int(time.time() * 1000))  # epoch milliseconds, not Jakarta-shifted
        headers = {
            "x-duitku-merchantcode": self.code,
            "x-duitku-timestamp": timestamp,
            "x-duitku-signature": pop_header_signature(self.code, timestamp, self.key, self.scheme),
        }
        body = {
            "paymentAmount": int(amount),
            "merchantOrderId": order_id,
            "productDetails": product[:255],
            "email": payer_email(email, customer_id, self.settings.effective_mail_from),
            "customerVaName": va_name(customer_name) or "Lumiku",
            "merchantUserInfo": email[:255],
            "callbackUrl": callback_url,
            "returnUrl": return_url,
            "expiryPeriod": int(expiry_minutes),
            "itemDetails": [{"name": product[:50], "price": int(amount), "quantity": 1}],
        }
        data = self._post(f"{self.pop_host}/api/merchant/createInvoice", body, headers)
        if data.get("statusCode") != "00" or not data.get("paymentUrl"):
            raise DuitkuError(f"createInvoice: {data.get('statusMessage') or data}")
        return Invoice(reference=str(data.get("reference", "")), payment_url=data["paymentUrl"])

    def transaction_status(self, order_id: str) -> TransactionStatus:
        body = {
            "merchantCode": self.code,
            "merchantOrderId": order_id,
            "signature": status_signature(self.code, order_id, self.key, self.scheme),
        }
        data = self._post(f"{self.webapi_host}/webapi/api/merchant/transactionStatus", body)
        return TransactionStatus(
            status_code=str(data.get("statusCode", "")),
            amount=str(data.get("amount", "")),
            reference=str(data.get("reference", "")),
        )
