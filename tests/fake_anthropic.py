"""A local server that speaks Anthropic's Messages API (POST /v1/messages), so the real
`anthropic` SDK runs against it: it checks the API key (`x-api-key`, or `Authorization: Bearer`
as the installed SDK sends it) and the `anthropic-version` header, and the
body's shape (model, max_tokens, messages alternating from "user", optional system; unknown
fields are refused as the API refuses them) and answers a real Messages response.

`reply_text` is the text of the next replies (cut to max_tokens words, with stop_reason
"max_tokens", when that is smaller). Failures are injected with `fail_next(kind, count,
retry_after)`: overloaded (529), rate_limit (429 + retry-after), refusal (200 with stop_reason
"refusal"), policy (400 invalid_request_error about the content policy), garbage (200, not
JSON), timeout (sleeps `timeout_sleep` seconds first), unauthorized (401), server_error (500),
reset (the connection dropped without an answer).
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import socket
import struct
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

FAILURES = (
    "overloaded",
    "rate_limit",
    "refusal",
    "policy",
    "garbage",
    "timeout",
    "unauthorized",
    "server_error",
    "reset",
)
# The Messages API's request fields; anything else is "Extra inputs are not permitted".
FIELDS = {
    "model",
    "max_tokens",
    "messages",
    "system",
    "metadata",
    "stop_sequences",
    "stream",
    "temperature",
    "top_k",
    "top_p",
    "thinking",
    "tools",
    "tool_choice",
    "service_tier",
}


def _error(kind: str, message: str) -> bytes:
    return json.dumps({"type": "error", "error": {"type": kind, "message": message}}).encode()


@dataclass
class ReceivedMessage:
    path: str
    headers: dict[str, str]  # lower-cased names
    json: Any


@dataclass
class FakeAnthropic:
    api_key: str = "sk-ant-fake-0123456789"
    reply_text: str = "Hello from the fake Claude."
    timeout_sleep: float = 3.0
    delay: float = 0.0
    requests: list[ReceivedMessage] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why requests were refused (400s)
    _failures: deque = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)

    def fail_next(self, kind: str, count: int = 1, retry_after: float | None = None) -> None:
        if kind not in FAILURES:
            raise ValueError(f"unknown failure {kind!r}; one of {FAILURES}")
        with self._lock:
            self._failures.extend([(kind, retry_after)] * count)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.refused.clear()
            self._failures.clear()

    @property
    def last(self) -> ReceivedMessage:
        with self._lock:
            return self.requests[-1]

    # ------------------------------------------------------------ server

    def start(self) -> FakeAnthropic:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("request-id", f"req_{secrets.token_hex(8)}")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                # a client that gave up (a timeout test) gets no answer
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake._answer(self, urlsplit(self.path).path, headers, raw)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------ answers

    def _answer(self, handler: Any, path: str, headers: dict[str, str], raw: bytes) -> None:
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        with self._lock:
            self.requests.append(ReceivedMessage(path, headers, body))
            failure = self._failures.popleft() if self._failures else None
        if self.delay:
            self._stopping.wait(self.delay)
        if path != "/v1/messages":
            handler._send(404, _error("not_found_error", f"Not found: {path}"))
            return
        if self.key_sent(headers) != self.api_key:
            handler._send(401, _error("authentication_error", "invalid x-api-key"))
            return
        problem = self.check(headers, body)
        if problem:
            with self._lock:
                self.refused.append(problem)
            handler._send(400, _error("invalid_request_error", problem))
            return
        if failure is not None:
            self._fail(handler, body, *failure)
            return
        handler._send(200, json.dumps(self.message(body, self.reply_text)).encode())

    @staticmethod
    def key_sent(headers: dict[str, str]) -> str | None:
        """The API key as the API takes it: `x-api-key`, or `Authorization: Bearer` (what the
        installed SDK sends for an api_key)."""
        if "x-api-key" in headers:
            return headers["x-api-key"]
        scheme, _, token = headers.get("authorization", "").partition(" ")
        return token if scheme.lower() == "bearer" else None

    def check(self, headers: dict[str, str], body: Any) -> str | None:
        """What the API would refuse in this request, or None."""
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", headers.get("anthropic-version", "")):
            return "anthropic-version: header is required (a date, YYYY-MM-DD)"
        if "json" not in headers.get("content-type", ""):
            return "content-type must be application/json"
        if not isinstance(body, dict):
            return "The request body is not valid JSON."
        for name in sorted(set(body) - FIELDS):
            return f"{name}: Extra inputs are not permitted"
        if not isinstance(body.get("model"), str) or not body["model"]:
            return "model: Field required"
        tokens = body.get("max_tokens")
        if not isinstance(tokens, int) or isinstance(tokens, bool) or tokens < 1:
            return "max_tokens: Input should be a positive integer"
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return "messages: at least one message is required"
        for n, message in enumerate(messages):
            if not isinstance(message, dict) or message.get("role") != ("user", "assistant")[n % 2]:
                return f"messages.{n}.role: roles must alternate, starting with user"
            content = message.get("content")
            if not (isinstance(content, str) and content) and not isinstance(content, list):
                return f"messages.{n}.content: must be a non-empty string or a list of blocks"
        system = body.get("system")
        if system is not None and not isinstance(system, str | list):
            return "system: Input should be a valid string or list of text blocks"
        if body.get("stream"):
            return "stream: this fake does not stream"
        return None

    @staticmethod
    def message(body: dict, text: str, stop_reason: str = "end_turn") -> dict[str, Any]:
        words = text.split()
        if stop_reason == "end_turn" and len(words) > body["max_tokens"]:
            text, stop_reason = " ".join(words[: body["max_tokens"]]), "max_tokens"
        content = [{"type": "text", "text": text}] if text else []
        return {
            "id": f"msg_{secrets.token_hex(12)}",
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "content": content,
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": 12, "output_tokens": max(1, len(text.split()))},
        }

    def _fail(self, handler: Any, body: dict, kind: str, retry_after: float | None) -> None:
        if kind == "overloaded":
            handler._send(529, _error("overloaded_error", "Overloaded"))
        elif kind == "rate_limit":
            wait = 1 if retry_after is None else retry_after
            handler._send(
                429,
                _error("rate_limit_error", "Number of request tokens has exceeded your limit."),
                {"retry-after": f"{wait:g}"},
            )
        elif kind == "refusal":
            handler._send(200, json.dumps(self.message(body, "", "refusal")).encode())
        elif kind == "policy":
            message = "Output blocked by content filtering policy"
            handler._send(400, _error("invalid_request_error", message))
        elif kind == "garbage":
            handler._send(200, b"<html><body>502 Bad Gateway</body></html>")
        elif kind == "timeout":
            self._stopping.wait(self.timeout_sleep)
            handler._send(200, json.dumps(self.message(body, self.reply_text)).encode())
        elif kind == "unauthorized":
            handler._send(401, _error("authentication_error", "invalid x-api-key"))
        elif kind == "server_error":
            handler._send(500, _error("api_error", "Internal server error"))
        elif kind == "reset":
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.connection.close()
            handler.close_connection = True
