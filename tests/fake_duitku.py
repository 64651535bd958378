"""A local server that speaks Duitku's documented protocol (shared/reference/duitku.md), so the
real client code runs against it: POP createInvoice and transactionStatus with their signature
checks, a hosted payment page, and callbacks signed as Duitku signs them.

It computes every signature itself, from the reference's formulas, rather than importing ours:
a wrong formula in lumiku.services.duitku makes the tests fail.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

# What Duitku accepts as an address: one @, a dotted domain (a cut-off "…@exampl" fails).
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _hmac(text: str, key: str) -> str:
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


@dataclass
class Order:
    order_id: str
    amount: int
    callback_url: str
    return_url: str
    reference: str
    status: str = "01"  # 00 paid, 01 pending, 02 cancelled


@dataclass
class FakeDuitku:
    merchant_code: str = "DTEST1"
    api_key: str = "fake-duitku-api-key-0123456789"
    scheme: str = "hmac"  # what it expects on requests: hmac | md5 (legacy)
    orders: dict[str, Order] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)  # why requests were refused
    callbacks: list[tuple[int, str]] = field(default_factory=list)  # (HTTP status, body) we got
    invoices: list[dict] = field(default_factory=list)  # createInvoice bodies it accepted

    # ------------------------------------------------------------ server

    def start(self) -> FakeDuitku:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(
                self,
                status: int,
                body: str,
                content_type: str = "application/json",
                headers: dict[str, str] | None = None,
            ) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                if url.path == "/redirect_checkout":
                    reference = parse_qs(url.query).get("reference", [""])[0]
                    self._send(200, fake.checkout_page(reference), "text/html")
                else:
                    self._send(404, json.dumps({"Message": "Not Found"}))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                path = urlsplit(self.path).path
                if path == "/api/merchant/createInvoice":
                    self._send(*fake.create_invoice(dict(self.headers), json.loads(raw or "{}")))
                elif path == "/webapi/api/merchant/transactionStatus":
                    self._send(*fake.transaction_status(json.loads(raw or "{}")))
                elif path == "/pay":
                    form = {k: v[0] for k, v in parse_qs(raw).items()}
                    location = fake.pay(form.get("reference", ""), form.get("result", "00"))
                    self._send(303, "", "text/plain", {"Location": location})
                else:
                    self._send(404, json.dumps({"Message": "Not Found"}))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------ endpoints

    def _refuse(self, status: int, message: str) -> tuple[int, str]:
        self.refused.append(message)
        return status, json.dumps({"Message": message})

    def create_invoice(self, headers: dict[str, str], body: dict) -> tuple[int, str]:
        headers = {k.lower(): v for k, v in headers.items()}
        timestamp = headers.get("x-duitku-timestamp", "")
        if headers.get("x-duitku-merchantcode") != self.merchant_code:
            return self._refuse(401, "Unauthorized")
        if not timestamp.isdigit() or abs(int(timestamp) - time.time() * 1000) > 5 * 60 * 1000:
            return self._refuse(401, "Unauthorized: timestamp must be epoch milliseconds")
        text = self.merchant_code + timestamp
        expected = (
            _hmac(text, self.api_key)
            if self.scheme == "hmac"
            else hashlib.sha256((text + self.api_key).encode()).hexdigest()
        )
        if not hmac.compare_digest(headers.get("x-duitku-signature", ""), expected):
            return self._refuse(401, "Wrong signature")
        for name in (
            "paymentAmount",
            "merchantOrderId",
            "productDetails",
            "email",
            "callbackUrl",
            "returnUrl",
        ):
            if body.get(name) in (None, ""):
                return self._refuse(400, f"{name} is mandatory")
        amount, order_id = body["paymentAmount"], body["merchantOrderId"]
        if not isinstance(amount, int) or amount < 10000:
            return self._refuse(400, "Minimum Payment 10000 IDR")
        if len(order_id) > 50:
            return self._refuse(400, "length of merchantOrderId can't > 50")
        if len(body["email"]) > 50:
            return self._refuse(400, "length of email can't > 50")
        if not EMAIL.fullmatch(body["email"]):
            return self._refuse(400, "Invalid Email Address")
        if len(body.get("customerVaName") or "") > 20:
            return self._refuse(400, "length of customerVaName can't > 20")
        items = body.get("itemDetails") or []
        if items and sum(item["price"] for item in items) != amount:
            return self._refuse(409, "Payment amount must be equal to all item price")
        known = self.orders.get(order_id)
        if known and known.amount != amount:
            return self._refuse(400, "Amount is different please try again later")
        order = known or Order(
            order_id,
            amount,
            body["callbackUrl"],
            body["returnUrl"],
            reference=f"{self.merchant_code}{secrets.token_hex(6).upper()}",
        )
        self.orders[order_id] = order
        self.invoices.append(body)
        return 200, json.dumps(
            {
                "merchantCode": self.merchant_code,
                "reference": order.reference,
                "paymentUrl": f"{self.url}/redirect_checkout?reference={order.reference}",
                "statusCode": "00",
                "statusMessage": "SUCCESS",
            }
        )

    def transaction_status(self, body: dict) -> tuple[int, str]:
        order_id = body.get("merchantOrderId", "")
        text = self.merchant_code + order_id
        expected = (
            _hmac(text, self.api_key)
            if self.scheme == "hmac"
            else hashlib.md5((text + self.api_key).encode()).hexdigest()
        )
        if body.get("merchantCode") != self.merchant_code:
            return self._refuse(404, "Merchant not found")
        if not hmac.compare_digest(body.get("signature", ""), expected):
            return self._refuse(401, "Wrong signature")
        order = self.orders.get(order_id)
        if order is None:
            return self._refuse(400, "Transaction not found")
        return 200, json.dumps(
            {
                "merchantOrderId": order_id,
                "reference": order.reference,
                "amount": str(order.amount),
                "fee": "0.00",
                "statusCode": order.status,
                "statusMessage": {"00": "SUCCESS", "01": "PROCESS", "02": "CANCELED"}[order.status],
            }
        )

    def checkout_page(self, reference: str) -> str:
        order = self.by_reference(reference)
        if order is None:
            return "<h1>Unknown reference</h1>"
        ref = html.escape(reference)
        return (
            f"<html><body><h1>Duitku (test)</h1><p id='order'>{html.escape(order.order_id)}"
            f"</p><p id='amount'>Rp {order.amount}</p>"
            f"<form method='post' action='/pay'><input type='hidden' name='reference' "
            f"value='{ref}'><button id='pay' name='result' value='00'>Pay</button>"
            f"<button id='cancel' name='result' value='02'>Cancel</button></form>"
            f"</body></html>"
        )

    def pay(self, reference: str, result: str) -> str:
        """The customer pays (or gives up): Duitku calls back, then sends the browser home."""
        order = self.by_reference(reference)
        order.status = result
        self.callbacks.append(self.send(self.callback_fields(order.order_id, result)))
        query = urlencode(
            {"merchantOrderId": order.order_id, "resultCode": result, "reference": order.reference}
        )
        joiner = "&" if "?" in order.return_url else "?"
        return f"{order.return_url}{joiner}{query}"

    # ------------------------------------------------------------ callbacks

    def by_reference(self, reference: str) -> Order | None:
        return next((o for o in self.orders.values() if o.reference == reference), None)

    def callback_fields(
        self,
        order_id: str,
        result_code: str = "00",
        *,
        amount: str | None = None,
        signed_amount: str | None = None,
        key: str | None = None,
        merchant_code: str | None = None,
        scheme: str = "hmac",
    ) -> dict[str, str]:
        order = self.orders.get(order_id)
        amount = amount if amount is not None else str(order.amount if order else 10000)
        code = merchant_code or self.merchant_code
        text = code + (signed_amount if signed_amount is not None else amount) + order_id
        key = key or self.api_key
        signature = (
            _hmac(text, key) if scheme == "hmac" else hashlib.md5((text + key).encode()).hexdigest()
        )
        return {
            "merchantCode": code,
            "amount": amount,
            "merchantOrderId": order_id,
            "productDetail": "Lumiku",
            "additionalParam": "",
            "paymentCode": "BC",
            "resultCode": result_code,
            "merchantUserId": "",
            "reference": order.reference if order else "DTESTUNKNOWN",
            "signature": signature,
            "publisherOrderId": "MGUHWKJX3M1KMSQN5",
            "settlementDate": "2026-11-26",
            "issuerCode": "",
        }

    def send(self, fields: dict[str, str], url: str | None = None) -> tuple[int, str]:
        order = self.orders.get(fields.get("merchantOrderId", ""))
        target = url or (order.callback_url if order else "")
        response = httpx.post(target, data=fields, timeout=30)
        return response.status_code, response.text
